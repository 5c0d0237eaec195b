"""GeoJSON (RFC 7946) FeatureCollection of stored incidents: a Point per incident, ACLED fields as properties."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from rasd.export.rows import acled_row
from rasd.export.tables import ExportTables

__all__ = ["feature", "write_geojson"]


def feature(item: Mapping[str, Any], tables: ExportTables) -> dict[str, Any] | None:
    """The Feature of one incident, or None when it has no coordinates."""
    loc = item.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    props = acled_row(item, tables)
    props.update(
        rasd_id=item.get("id"), n_reports=item.get("n_reports"), confidence=item.get("confidence"),
        injuries=item.get("injuries"), weapons=list(item.get("weapons") or []),
        location_text=loc.get("text"), geonameid=loc.get("geonameid"),
        reports=[{k: r.get(k) for k in ("article_id", "url", "outlet", "pub_date")} for r in item.get("reports") or []],
    )
    return {"type": "Feature", "id": item.get("id"),
            "geometry": {"type": "Point", "coordinates": [float(loc["lon"]), float(loc["lat"])]},
            "properties": props}


def write_geojson(items: Iterable[Mapping[str, Any]], out: IO[str], tables: ExportTables) -> tuple[int, int]:
    """Stream a FeatureCollection to ``out``; returns (features written, incidents without coordinates)."""
    written = skipped = 0
    out.write('{"type": "FeatureCollection", "features": [\n')
    for item in items:
        feat = feature(item, tables)
        if feat is None:
            skipped += 1
            continue
        out.write((",\n" if written else "") + json.dumps(feat, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return written, skipped
