"""ACLED-style CSV: ACLED's exact columns and order, one row per stored incident."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import IO, Any

from rasd.export.rows import ACLED_COLUMNS, acled_row
from rasd.export.tables import ExportTables

__all__ = ["write_acled_csv"]


def write_acled_csv(items: Iterable[Mapping[str, Any]], out: IO[str], tables: ExportTables) -> int:
    """Write a header and one ACLED row per incident to ``out`` (open with ``newline=""``); returns rows."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for item in items:
        row = acled_row(item, tables)
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        n += 1
    return n
