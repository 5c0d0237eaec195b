"""Rebuild frozen :class:`~rasd.model.Event` records from CONTRACT JSON (stored or pre-extracted events)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from rasd.errors import InputError
from rasd.model import Actor, Event, Location, Span

__all__ = ["event_from_dict"]


def _actor(d: Mapping[str, Any] | None) -> Actor | None:
    if d is None:
        return None
    return Actor(name=d["name"], text=d.get("text") or "", type=d["type"], country=d.get("country"),
                 id=d.get("id"))


def _location(d: Mapping[str, Any] | None) -> Location | None:
    if d is None:
        return None
    return Location(
        name=d["name"], text=d.get("text") or "", lat=float(d["lat"]), lon=float(d["lon"]),
        admin1=d.get("admin1"), admin2=d.get("admin2"), country=d.get("country"),
        geo_precision=int(d.get("geo_precision") or 1), geonameid=d.get("geonameid"),
    )


def event_from_dict(d: Mapping[str, Any]) -> Event:
    """The Event a CONTRACT EVENT object describes (InputError naming the bad field)."""
    try:
        date = dt.date.fromisoformat(d["date"]) if d.get("date") else None
        return Event(
            event_type=d["event_type"],
            sub_event_type=d["sub_event_type"],
            date=date,
            time_precision=int(d.get("time_precision") or 1),
            actor1=_actor(d.get("actor1")),
            actor2=_actor(d.get("actor2")),
            assoc_actors1=tuple(a for a in map(_actor, d.get("assoc_actors1") or []) if a),
            assoc_actors2=tuple(a for a in map(_actor, d.get("assoc_actors2") or []) if a),
            location=_location(d.get("location")),
            fatalities=int(d.get("fatalities") or 0),
            injuries=None if d.get("injuries") is None else int(d["injuries"]),
            weapons=tuple(d.get("weapons") or ()),
            sources=tuple(d.get("sources") or ()),
            claimed_by=_actor(d.get("claimed_by")),
            evidence=tuple(Span(int(sp["start"]), int(sp["end"])) for sp in d.get("evidence") or ()),
            confidence=float(d.get("confidence", 0.5)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"malformed event: {exc!r}", where="event") from exc
