"""In-article deduplication: the same incident told twice (lede and detail, two sources) becomes one event."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rasd.model import Actor, Event, Location, Span

__all__ = ["Site", "compatible", "distance_km", "fold_repeats", "merge_events", "repeat_targets", "site_of"]

# When two reports of one incident disagree on the sub-type, the more specific one wins
# ("a suicide bomber drove a car bomb" beats "a car bomb").
SUBTYPE_RANK = {name: i for i, name in enumerate((
    "Suicide bomb", "Chemical weapon", "Air/drone strike", "Remote explosive/landmine/IED", "Grenade",
    "Shelling/artillery/missile attack", "Abduction/forced disappearance", "Sexual violence", "Attack",
    "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
    "Government regains territory", "Non-state actor overtakes territory", "Armed clash",
))}
# An incident is looked for among this many earlier events of the article; real articles
# report far fewer, and a bound keeps a 10 MB text linear.
MERGE_WINDOW = 200
# An event cites at most this many sentences (and keeps the provenance of its first reports):
# enough to show every outlet's wording, bounded for texts that repeat one report endlessly.
MAX_EVIDENCE = 12
MAX_PROVENANCE = 200
# Two places this close are the same incident site (ANNOTATION's 25 km location match).
SAME_PLACE_KM = 25.0
# After the learned decision, a kept event of the same sub-type, day and place (same name or this
# close, km) as an earlier kept one is a re-mention of it, whatever actors the two sentences name.
REPEAT_KM = 0.5


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def distance_km(a: Location, b: Location) -> float:
    """Great-circle distance in km."""
    return _km(a.lat, a.lon, b.lat, b.lon)


def _actor_ok(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None or "unidentified" in (a.type, b.type):
        return True
    if a.id and b.id:
        return a.id == b.id
    return a.name == b.name


def _place_ok(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None:
        return True
    if a.geo_precision == 1 and b.geo_precision == 1:
        return distance_km(a, b) <= SAME_PLACE_KM / 25 or (a.name == b.name)
    if distance_km(a, b) <= SAME_PLACE_KM:
        return True
    coarse, fine = (a, b) if a.geo_precision >= b.geo_precision else (b, a)
    return coarse.geo_precision == 3 and coarse.admin1 is not None and coarse.admin1 == fine.admin1


def _date_ok(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return True
    if a.time_precision == 1 and b.time_precision == 1:
        return a.date == b.date
    return abs((a.date - b.date).days) <= 3


def _same_report(a: Event, b: Event) -> bool:
    """Same known day and same known place: one incident even if sub-type or target are told differently."""
    return (
        a.date is not None and a.date == b.date and a.time_precision == b.time_precision == 1
        and a.location is not None and b.location is not None and _place_ok(a.location, b.location)
    )


def _generic(ev: Event) -> bool:
    """Typed by default only: a bare "هجوم"/"مقتل" with no weapon cue (a clash or an attack by its target)."""
    prov = next((p for p in ev.provenance if p.field == "event_type"), None)
    return (prov is not None and ev.sub_event_type in ("Armed clash", "Attack")
            and ("(ATTACK," in prov.rule or "(KILL," in prov.rule) and "cues=[]" in prov.detail)


def _same_kind(a: Event, b: Event) -> bool:
    """Same event type, or a generic attack and a typed strike/bombing told of the same day and place."""
    if a.event_type == b.event_type:
        return True
    violent = ("Battles", "Explosions/Remote violence", "Violence against civilians")
    return (a.event_type in violent and b.event_type in violent and (_generic(a) or _generic(b))
            and _same_report(a, b))


def compatible(a: Event, b: Event) -> bool:
    """Could ``a`` and ``b`` be one incident?"""
    if set(a.evidence) & set(b.evidence) and a.location and b.location and a.location.name != b.location.name:
        return False  # one sentence listing several villages reports one event per village
    return (
        _same_kind(a, b)
        and (a.sub_event_type == b.sub_event_type or _same_report(a, b))
        and _date_ok(a, b)
        and _place_ok(a.location, b.location)
        and _actor_ok(a.actor1, b.actor1)
        and (_actor_ok(a.actor2, b.actor2) or _same_report(a, b))
    )


def _better_location(a: Location | None, b: Location | None) -> Location | None:
    if a is None or b is None:
        return a or b
    return b if b.geo_precision < a.geo_precision else a


def _union(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*a, *b]))


def _evidence(a: Event, b: Event) -> tuple[Span, ...]:
    if len(a.evidence) >= MAX_EVIDENCE:
        return a.evidence
    return tuple(sorted(set(a.evidence) | set(b.evidence), key=lambda s: s.start))[:MAX_EVIDENCE]


def _join(a: Event, b: Event) -> Event:
    if a.event_type != b.event_type:  # a generic attack joins the typed report of the same incident
        sub_src = a if _generic(b) else b
    else:
        sub_src = b if SUBTYPE_RANK.get(b.sub_event_type, 99) < SUBTYPE_RANK.get(a.sub_event_type, 99) else a
    date_src = b if (a.date is None or (b.date is not None and b.time_precision < a.time_precision)) else a
    return dataclasses.replace(
        a,
        event_type=sub_src.event_type,
        sub_event_type=sub_src.sub_event_type,
        date=date_src.date,
        time_precision=date_src.time_precision,
        actor1=(sub_src.actor1 or a.actor1 or b.actor1) if a.event_type != b.event_type else a.actor1 or b.actor1,
        actor2=(sub_src.actor2 or a.actor2 or b.actor2) if a.event_type != b.event_type else a.actor2 or b.actor2,
        assoc_actors1=a.assoc_actors1 or b.assoc_actors1,
        assoc_actors2=a.assoc_actors2 or b.assoc_actors2,
        location=_better_location(a.location, b.location),
        fatalities=max(a.fatalities, b.fatalities),
        injuries=max(x for x in (a.injuries, b.injuries) if x is not None) if (a.injuries or b.injuries) else None,
        weapons=_union(a.weapons, b.weapons),
        sources=_union(a.sources, b.sources),
        claimed_by=a.claimed_by or b.claimed_by,
        evidence=_evidence(a, b),
        confidence=min(0.98, max(a.confidence, b.confidence) + 0.05),
        provenance=a.provenance if len(a.provenance) >= MAX_PROVENANCE else (a.provenance + b.provenance),
    )


def merge_events(events: Sequence[Event], *, primary: Sequence[bool] | None = None) -> list[Event]:
    """Merge compatible events in order; a non-primary event only enriches a compatible primary one."""
    flags = list(primary) if primary is not None else [True] * len(events)
    merged: list[Event] = []
    for ev, is_primary in zip(events, flags, strict=True):
        if not is_primary:
            continue
        target = _find(merged, ev)
        if target is not None:
            merged[target] = _join(merged[target], ev)
        else:
            merged.append(ev)
    for ev, is_primary in zip(events, flags, strict=True):
        if is_primary:
            continue
        target = _find(merged, ev)
        if target is not None:
            merged[target] = _join(merged[target], ev)
    return merged


def _find(merged: list[Event], ev: Event) -> int | None:
    """Index of the first compatible event among the last MERGE_WINDOW ones (keeps huge texts linear)."""
    lo = max(0, len(merged) - MERGE_WINDOW)
    return next((i for i in range(lo, len(merged)) if compatible(merged[i], ev)), None)


@dataclass(frozen=True, slots=True)
class Site:
    """What makes two kept events one incident after the decision: sub-type, day and place."""

    event_type: str
    sub_event_type: str
    date: str | None
    place: str | None
    lat: float | None
    lon: float | None


def site_of(event: Event | Mapping[str, Any]) -> Site:
    """The :class:`Site` of an Event or of its CONTRACT dict."""
    if isinstance(event, Event):
        loc = event.location
        return Site(event.event_type, event.sub_event_type, event.date.isoformat() if event.date else None,
                    loc.name if loc else None, loc.lat if loc else None, loc.lon if loc else None)
    loc = event.get("location") or {}
    return Site(str(event.get("event_type")), str(event.get("sub_event_type")), event.get("date"),
                loc.get("name"), loc.get("lat"), loc.get("lon"))


def _same_site(a: Site, b: Site) -> bool:
    if (a.event_type, a.sub_event_type) != (b.event_type, b.sub_event_type):
        return False
    if a.date is not None and b.date is not None and a.date != b.date:
        return False
    if None in (a.place, b.place, a.lat, b.lat, a.lon, b.lon):
        return True  # an unplaced re-mention ("وأسفرت الغارة عن ...") of the same kind that day
    return a.place == b.place or _km(a.lat, a.lon, b.lat, b.lon) <= REPEAT_KM  # type: ignore[arg-type]


def repeat_targets(sites: Sequence[Site]) -> list[int | None]:
    """For each site, the index of the earlier kept site it repeats (None for a new incident)."""
    out: list[int | None] = []
    kept: list[int] = []
    for i, site in enumerate(sites):
        lo = max(0, len(kept) - MERGE_WINDOW)
        target = next((k for k in kept[lo:] if _same_site(sites[k], site)), None)
        out.append(target)
        if target is None:
            kept.append(i)
    return out


def fold_repeats(events: Sequence[Event]) -> list[Event]:
    """Kept events with re-mentions folded into the first report (evidence joined, highest confidence)."""
    targets = repeat_targets([site_of(ev) for ev in events])
    folded: dict[int, Event] = {}
    order: list[int] = []
    for i, (ev, target) in enumerate(zip(events, targets, strict=True)):
        if target is None:
            folded[i] = ev
            order.append(i)
        else:
            first = folded[target]
            folded[target] = dataclasses.replace(_join(first, ev), confidence=max(first.confidence, ev.confidence))
    return [folded[i] for i in order]
