"""Parquet of stored incidents: ACLED's columns, typed, plus Rasd's own (needs pyarrow: rasd[spark])."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from rasd.errors import ConfigError
from rasd.export.rows import ACLED_COLUMNS, acled_row
from rasd.export.tables import ExportTables

__all__ = ["arrow_schema", "write_parquet"]

INSTALL_HINT = "Parquet export needs pyarrow: pip install 'rasd[spark]' (or pip install pyarrow)"
_INT = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities"}
_FLOAT = {"latitude", "longitude"}
BATCH = 10_000


def _pa() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet  # makes pa.parquet available
    except ImportError as exc:
        raise ConfigError(INSTALL_HINT) from exc
    return pa


def arrow_schema() -> Any:
    """ACLED columns (ints, floats, strings; ``timestamp`` as Unix seconds) then Rasd's extra columns."""
    pa = _pa()
    fields = []
    for col in ACLED_COLUMNS:
        typ = pa.int32() if col in _INT else pa.float64() if col in _FLOAT else pa.string()
        fields.append(pa.field(col, pa.int64() if col == "timestamp" else typ))
    fields += [
        pa.field("rasd_id", pa.int64()), pa.field("n_reports", pa.int32()), pa.field("confidence", pa.float64()),
        pa.field("injuries", pa.int32()), pa.field("weapons", pa.list_(pa.string())),
        pa.field("actor1_id", pa.string()), pa.field("actor2_id", pa.string()),
        pa.field("location_text", pa.string()), pa.field("geonameid", pa.int64()),
        pa.field("article_ids", pa.list_(pa.string())), pa.field("urls", pa.list_(pa.string())),
    ]
    return pa.schema(fields)


def _row(item: Mapping[str, Any], tables: ExportTables) -> dict[str, Any]:
    row = acled_row(item, tables)
    loc = item.get("location") or {}
    reports = item.get("reports") or []
    row.update(
        rasd_id=item.get("id"), n_reports=item.get("n_reports"), confidence=item.get("confidence"),
        injuries=item.get("injuries"), weapons=list(item.get("weapons") or []),
        actor1_id=(item.get("actor1") or {}).get("id"), actor2_id=(item.get("actor2") or {}).get("id"),
        location_text=loc.get("text"), geonameid=loc.get("geonameid"),
        article_ids=[r["article_id"] for r in reports if r.get("article_id")],
        urls=[r["url"] for r in reports if r.get("url")],
    )
    return row


def write_parquet(items: Iterable[Mapping[str, Any]], path: Path, tables: ExportTables) -> int:
    """Write incidents to one Parquet file in row groups of BATCH; returns the number of rows."""
    pa = _pa()
    schema = arrow_schema()
    n = 0
    it = iter(items)
    with pa.parquet.ParquetWriter(str(path), schema) as writer:
        while batch := [_row(item, tables) for item in islice(it, BATCH)]:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n
