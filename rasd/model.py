"""Plain, frozen records that flow through the pipeline (articles, mentions, events).

Every span is ``[start, end)`` in the ORIGINAL article text, so any field can point
back at its evidence: ``article.text[span.start:span.end]``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rasd.records import fast_init

__all__ = [
    "ACTOR_TYPES",
    "Actor",
    "Article",
    "Event",
    "Location",
    "Provenance",
    "Span",
]

ACTOR_TYPES = (
    "state_forces",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external_forces",
    "unidentified",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One input article as read from a source (JSONL line, file, page, feed item)."""

    id: str
    text: str
    pub_date: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str | None = None  # where it was read from ("file.jsonl line 3"), for messages


@fast_init
@dataclass(frozen=True, slots=True)
class Span:
    """A ``[start, end)`` character range in the raw article text."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A resolved actor, as the CONTRACT's ACTOR object."""

    name: str
    text: str
    type: str
    country: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "text": self.text, "type": self.type, "country": self.country, "id": self.id}


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """A resolved place, as the CONTRACT's LOCATION object."""

    name: str
    text: str
    lat: float
    lon: float
    admin1: str | None
    admin2: str | None
    country: str | None
    geo_precision: int
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "text": self.text,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "geo_precision": self.geo_precision,
            "geonameid": self.geonameid,
        }


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Why a field has its value: the rule or lexicon entry and the text it read."""

    field: str
    rule: str
    span: Span | None = None
    detail: str = ""


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One coded conflict event (CONTRACT's EVENT) plus its provenance."""

    event_type: str
    sub_event_type: str
    date: dt.date | None
    time_precision: int
    actor1: Actor | None
    actor2: Actor | None
    location: Location | None
    assoc_actors1: tuple[Actor, ...] = ()
    assoc_actors2: tuple[Actor, ...] = ()
    fatalities: int = 0
    injuries: int | None = None
    weapons: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    claimed_by: Actor | None = None
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5
    provenance: tuple[Provenance, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The CONTRACT's EVENT object (provenance is not part of it)."""
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date.isoformat() if self.date else None,
            "time_precision": self.time_precision,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "assoc_actors1": [a.to_dict() for a in self.assoc_actors1],
            "assoc_actors2": [a.to_dict() for a in self.assoc_actors2],
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "weapons": list(self.weapons),
            "sources": list(self.sources),
            "claimed_by": self.claimed_by.to_dict() if self.claimed_by else None,
            "evidence": [s.to_dict() for s in self.evidence],
            "confidence": round(self.confidence, 3),
        }
