"""Exports of stored incidents: ACLED CSV, GeoJSON, PLOVER, Parquet and JSON Lines (`rasd export`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rasd.errors import ConfigError
from rasd.export.rows import ACLED_COLUMNS, acled_row, iter_incidents
from rasd.export.tables import ExportTables, interaction_code, load_export_tables
from rasd.store import EventQuery, Store
from rasd.summary import event_note

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "ExportSummary",
    "ExportTables",
    "acled_row",
    "event_note",
    "export_incidents",
    "interaction_code",
    "iter_incidents",
    "load_export_tables",
]

FORMATS = ("acled-csv", "geojson", "plover", "parquet", "jsonl")


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """Rows written (and incidents left out for lack of coordinates, GeoJSON only)."""

    rows: int
    skipped: int = 0


def export_incidents(
    store: Store,
    query: EventQuery | None = None,
    *,
    fmt: str,
    path: Path | None = None,
    out: IO[str] | None = None,
    tables: ExportTables | None = None,
) -> ExportSummary:
    """Write every incident matching ``query`` in ``fmt`` to ``path`` (or the text stream ``out``)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if (path is None) == (out is None):
        raise ConfigError("give exactly one of path or out")
    tables = tables or load_export_tables()
    items = iter_incidents(store, query)
    if fmt == "parquet":
        from rasd.export.parquet import write_parquet

        if path is None:
            raise ConfigError("parquet needs a file path")
        return ExportSummary(write_parquet(items, path, tables))
    if path is not None:
        with path.open("w", encoding="utf-8", newline="") as fh:
            return _write_text(fmt, items, fh, tables)
    if out is None:  # unreachable: checked above; keeps type checkers informed
        raise ConfigError("no output")
    return _write_text(fmt, items, out, tables)


def _write_text(fmt: str, items: Iterable[Mapping[str, Any]], out: IO[str], tables: ExportTables) -> ExportSummary:
    if fmt == "acled-csv":
        from rasd.export.acled_csv import write_acled_csv

        return ExportSummary(write_acled_csv(items, out, tables))
    if fmt == "geojson":
        from rasd.export.geojson import write_geojson

        return ExportSummary(*write_geojson(items, out, tables))
    if fmt == "plover":
        from rasd.export.plover import write_plover

        return ExportSummary(write_plover(items, out, tables))
    from rasd.export.jsonl import write_jsonl

    return ExportSummary(write_jsonl(items, out))
