"""PLOVER event records (JSON Lines): each incident's PLOVER event type and mode, with its actors.

Field names follow PLOVER's JSON records (id, date, source, target, event, mode,
context, text, dead, injured); the ACLED coding is kept alongside.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from rasd.export.tables import ExportTables
from rasd.summary import event_note

__all__ = ["PLOVER_VERSION", "SECTORS", "plover_record", "write_plover"]

PLOVER_VERSION = "0.6b1"
# CAMEO/PLOVER sector codes for CONTRACT actor types.
SECTORS: Mapping[str, str] = {
    "state_forces": "MIL", "rebel_group": "REB", "political_militia": "UAF", "identity_militia": "UAF",
    "rioters": "OPP", "protesters": "OPP", "civilians": "CVL", "external_forces": "MIL", "unidentified": "UAF",
}


def _actor(actor: Mapping[str, Any], tables: ExportTables) -> dict[str, Any]:
    country = tables.country(actor.get("country"))
    return {"actorText": actor.get("text") or "", "name": actor.get("name") or "",
            "code": country.iso3 if country else "", "sector": SECTORS.get(actor.get("type") or "", ""),
            "id": actor.get("id")}


def plover_record(item: Mapping[str, Any], tables: ExportTables) -> dict[str, Any]:
    """The PLOVER record of one incident (store cluster item or CONTRACT EVENT dict with ``id``)."""
    sub = tables.subtypes.get(item.get("sub_event_type") or "")
    loc = item.get("location") or None
    country = tables.country((loc or {}).get("country"))
    updated = item.get("updated_at")
    return {
        "id": f"rasd-{item.get('id')}",
        "date": item.get("date"),
        "source": [_actor(a, tables) for a in [item.get("actor1"), *(item.get("assoc_actors1") or [])] if a],
        "target": [_actor(a, tables) for a in [item.get("actor2"), *(item.get("assoc_actors2") or [])] if a],
        "event": sub.plover_event if sub else "OTHER",
        "mode": sub.plover_mode if sub else "",
        "context": "",
        "dead": int(item.get("fatalities") or 0),
        "injured": item.get("injuries"),
        "location": None if loc is None else {
            "placeName": loc.get("name"), "placeText": loc.get("text"), "admin1": loc.get("admin1"),
            "admin2": loc.get("admin2"), "countryCode": country.iso3 if country else loc.get("country"),
            "lat": loc.get("lat"), "lon": loc.get("lon"), "geoPrecision": loc.get("geo_precision"),
        },
        "text": event_note(item),
        "language": "ar",
        "publication": [r.get("outlet") for r in item.get("reports") or [] if r.get("outlet")],
        "url": [r.get("url") for r in item.get("reports") or [] if r.get("url")],
        "version": PLOVER_VERSION,
        "dateCoded": updated.date().isoformat() if isinstance(updated, dt.datetime) else None,
        "acled": {"event_type": item.get("event_type"), "sub_event_type": item.get("sub_event_type"),
                  "disorder_type": sub.disorder_type if sub else None},
    }


def write_plover(items: Iterable[Mapping[str, Any]], out: IO[str], tables: ExportTables) -> int:
    """One PLOVER record per line; returns the number of records."""
    n = 0
    for item in items:
        out.write(json.dumps(plover_record(item, tables), ensure_ascii=False) + "\n")
        n += 1
    return n
