"""JSON Lines of stored incidents: the API's incident objects (with reports) plus the English ``notes``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from rasd.summary import event_note

__all__ = ["write_jsonl"]


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def write_jsonl(items: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """One JSON object per incident; returns the number of lines."""
    n = 0
    for item in items:
        row = {**item, "notes": event_note(item)}
        out.write(json.dumps(row, ensure_ascii=False, default=_default) + "\n")
        n += 1
    return n
