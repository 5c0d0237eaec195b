"""Telegram Desktop channel exports (``result.json``) to Articles: one per text message.

Much Arabic conflict reporting appears on Telegram channels first. Telegram
Desktop's "Export chat history" (JSON) writes ``result.json`` with the channel's
``name``, ``type``, ``id`` and a ``messages`` list; a message's ``text`` is a
string or a list of strings and entity objects ``{"type", "text"}``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.model import Article

__all__ = ["EXPORT_NAME", "is_telegram_export", "read_telegram_export"]

EXPORT_NAME = "result.json"


def _export_file(path: str | Path) -> Path:
    p = Path(path)
    return p / EXPORT_NAME if p.is_dir() else p


def is_telegram_export(path: str | Path) -> bool:
    """True for a Telegram Desktop ``result.json`` (or a folder holding one)."""
    p = _export_file(path)
    if not p.is_file() or p.suffix.lower() != ".json":
        return False
    try:
        with p.open("rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    return '"messages"' in head and '"type"' in head and head.lstrip().startswith("{")


def _flatten(text: Any) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in text)
    return ""


def read_telegram_export(path: str | Path) -> Iterator[Article]:
    """Articles of the channel's text messages, in export order (service messages skipped)."""
    p = _export_file(path)
    where = str(p)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read Telegram export: {exc.strerror}", where=where) from exc
    except json.JSONDecodeError as exc:
        reason = f"Telegram export is not valid JSON: {exc.msg} (line {exc.lineno})"
        raise InputError(reason, where=where) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("messages"), list):
        raise InputError("not a Telegram export: no 'messages' list", where=where)
    channel = str(doc.get("name") or "telegram")
    channel_id = doc.get("id")
    username = doc.get("username")  # present in some exporters; Telegram Desktop omits it
    for msg in doc["messages"]:
        if not isinstance(msg, dict) or msg.get("type") != "message":
            continue
        text = _flatten(msg.get("text")).strip()
        if not text:
            continue
        mid = msg.get("id")
        try:
            pub_date = dt.date.fromisoformat(str(msg.get("date", ""))[:10])
        except ValueError:
            pub_date = None
        yield Article(
            id=f"telegram:{channel_id or channel}/{mid}",
            text=text,
            pub_date=pub_date,
            url=f"https://t.me/{username}/{mid}" if username else None,
            outlet=channel,
            origin=f"{where} message {mid}",
        )
