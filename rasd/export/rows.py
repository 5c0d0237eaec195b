"""Stored incidents as export rows: paging through the store and the flat ACLED row of an incident."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import select

from rasd.export.tables import ExportTables, interaction_code
from rasd.store import EventQuery, Store
from rasd.store import schema as s
from rasd.summary import event_note

__all__ = ["ACLED_COLUMNS", "acled_row", "iter_incidents"]

# ACLED's export columns, names and order exactly.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
PAGE = 5_000
_CROWD_TYPES = ("Protests", "Riots")


def iter_incidents(store: Store, query: EventQuery | None = None, *, page: int = PAGE) -> Iterator[dict[str, Any]]:
    """Every incident (cluster) matching ``query``'s filters, oldest id first, with ``updated_at``.

    ``query``'s sort/limit/offset are ignored: the export pages through all matches by id.
    """
    base = query or EventQuery()
    offset = 0
    while True:
        q = dataclasses.replace(base, sort="id", limit=page, offset=offset)
        items = store.list_events(q)["items"]
        if not items:
            return
        stamps = _updated_at(store, [it["id"] for it in items])
        for item in items:
            item["updated_at"] = stamps.get(item["id"])
            yield item
        if len(items) < page:
            return
        offset += page


def _updated_at(store: Store, ids: list[int]) -> dict[int, dt.datetime]:
    c = s.clusters.c
    with store.engine.connect() as conn:
        return dict(conn.execute(select(c.pk, c.updated_at).where(c.pk.in_(ids))).all())


def _names(actors: Any) -> str:
    return "; ".join(a.get("name") or "" for a in actors or [] if a)


def _sources(item: Mapping[str, Any]) -> str:
    names = list(item.get("sources") or [])
    for report in item.get("reports") or []:
        if report.get("outlet") and report["outlet"] not in names:
            names.append(report["outlet"])
    return "; ".join(dict.fromkeys(names))


def _timestamp(value: Any) -> int | None:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # SQLite returns naive datetimes; the store writes UTC
            value = value.replace(tzinfo=dt.UTC)
        return int(value.timestamp())
    return None


def acled_row(item: Mapping[str, Any], tables: ExportTables) -> dict[str, Any]:
    """The ACLED columns of one incident (a store cluster item or a CONTRACT EVENT dict with an ``id``)."""
    loc = item.get("location") or {}
    country = tables.country(loc.get("country"))
    sub = tables.subtypes.get(item.get("sub_event_type") or "")
    date = item.get("date")
    inter1, inter2 = tables.inter(item.get("actor1")), tables.inter(item.get("actor2"))
    actor2 = item.get("actor2") or {}
    prefix = country.iso3 if country else "XXX"
    return {
        "event_id_cnty": f"{prefix}{item.get('id', '')}",
        "event_date": date or "",
        "year": int(date[:4]) if date else None,
        "time_precision": item.get("time_precision"),
        "disorder_type": sub.disorder_type if sub else "",
        "event_type": item.get("event_type") or "",
        "sub_event_type": item.get("sub_event_type") or "",
        "actor1": (item.get("actor1") or {}).get("name") or "",
        "assoc_actor_1": _names(item.get("assoc_actors1")),
        "inter1": inter1,
        "actor2": actor2.get("name") or "",
        "assoc_actor_2": _names(item.get("assoc_actors2")),
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if actor2.get("type") == "civilians" else "",
        "iso": country.iso_numeric if country else None,
        "region": country.region if country else "",
        "country": country.name if country else (loc.get("country") or ""),
        "admin1": loc.get("admin1") or "",
        "admin2": loc.get("admin2") or "",
        "admin3": "",
        "location": loc.get("name") or "",
        "latitude": round(loc["lat"], 4) if loc.get("lat") is not None else None,
        "longitude": round(loc["lon"], 4) if loc.get("lon") is not None else None,
        "geo_precision": loc.get("geo_precision"),
        "source": _sources(item),
        "source_scale": "",
        "notes": event_note(item),
        "fatalities": int(item.get("fatalities") or 0),
        "tags": "crowd size=no report" if item.get("event_type") in _CROWD_TYPES else "",
        "timestamp": _timestamp(item.get("updated_at")),
    }
