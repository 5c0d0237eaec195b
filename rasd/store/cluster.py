"""Cross-article deduplication: which stored reports describe the same real-world incident.

Two reports are compatible when their event types are compatible, their dates
agree within the events' precision, their places are ≤ 25 km apart (or one is
only known at province level and lies in the other's province), and their
actors do not contradict each other. A new report joins the candidate cluster
with which it is compatible with EVERY member (complete linkage, so chains of
near-misses do not snowball), preferring the closest one; otherwise it starts a
new cluster. Everything here is pure and works on :class:`Report` records.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "COMPATIBLE_TYPES",
    "DATE_TOLERANCE_DAYS",
    "MAX_DISTANCE_KM",
    "Report",
    "best_cluster",
    "best_figures",
    "compatible",
    "date_window",
    "distance_km",
    "pair_score",
    "representative",
]

# Dates "within the events' precision": two day-precise reports must name the same day (in
# Gaza or Idlib the same town is struck on consecutive days, so ±1 day merged distinct strikes); week- and
# month-precision dates get a week / a month.
DATE_TOLERANCE_DAYS = {1: 0, 2: 7, 3: 31}
# Place tolerance from the issue: two named places ≤ 25 km apart can be the same incident
# (a village and the nearest town that another outlet names instead).
MAX_DISTANCE_KM = 25.0
# Outlets disagree on these codings of one incident: a demonstration that turned violent is
# a protest for one and a riot for another; a strike that killed civilians is shelling/air
# strike for one and an attack on civilians for another. Every other pair must match exactly.
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"Protests", "Riots"}),
        frozenset({"Explosions/Remote violence", "Violence against civilians"}),
    }
)
# A report with no event date is dated by its publication day, with week precision.
_UNDATED_PRECISION = 2
_EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One stored event as clustering sees it (a report of an incident by one article)."""

    event_pk: int
    article_pk: int
    pub_date: dt.date | None
    event_type: str
    date: dt.date | None
    time_precision: int
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geo_precision: int | None = None
    actor1: str | None = None  # canonical name; None when absent or unidentified
    actor2: str | None = None
    fatalities: int = 0
    injuries: int | None = None
    confidence: float = 0.5


def types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in COMPATIBLE_TYPES


def compatible_types(event_type: str) -> list[str]:
    """Event types a report of ``event_type`` may be clustered with."""
    out = [event_type]
    for pair in COMPATIBLE_TYPES:
        if event_type in pair:
            out.extend(t for t in pair if t != event_type)
    return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _effective_date(r: Report) -> tuple[dt.date | None, int]:
    if r.date is not None:
        return r.date, r.time_precision
    return r.pub_date, _UNDATED_PRECISION


def date_window(r: Report) -> tuple[dt.date, dt.date] | None:
    """The widest date range a compatible report's date can fall in (None: unknown)."""
    day, _precision = _effective_date(r)
    if day is None:
        return None
    tol = dt.timedelta(days=max(DATE_TOLERANCE_DAYS.values()))
    return day - tol, day + tol


def _date_gap(a: Report, b: Report) -> float | None:
    """Date difference as a fraction of the allowed tolerance (> 1: incompatible)."""
    da, pa = _effective_date(a)
    db, pb = _effective_date(b)
    if da is None or db is None:
        return 0.0
    tol = DATE_TOLERANCE_DAYS.get(max(pa, pb), DATE_TOLERANCE_DAYS[3])
    gap = abs((da - db).days)
    if tol == 0:
        return 0.0 if gap == 0 else math.inf
    return gap / tol


def _place_gap(a: Report, b: Report) -> float | None:
    """Place difference as a fraction of the allowed distance; None when a place is unknown."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    if a.country and b.country and a.country != b.country:
        return math.inf
    d = distance_km(a.lat, a.lon, b.lat, b.lon)
    if d <= MAX_DISTANCE_KM:
        return d / MAX_DISTANCE_KM
    # One report only knows the province: it contains the other if the provinces agree.
    coarse = (a.geo_precision or 0) >= 3 or (b.geo_precision or 0) >= 3
    if coarse and a.admin1 and a.admin1 == b.admin1 and a.country == b.country:
        return 1.0
    return math.inf


def _actors_agree(a: Report, b: Report, *, allow_swap: bool) -> bool:
    def same(x: str | None, y: str | None) -> bool:
        return x is None or y is None or x == y

    if same(a.actor1, b.actor1) and same(a.actor2, b.actor2):
        return True
    return allow_swap and same(a.actor1, b.actor2) and same(a.actor2, b.actor1)


def pair_score(a: Report, b: Report) -> float | None:
    """Distance between two reports in [0, 3] (lower is closer), or None if incompatible."""
    if a.article_pk == b.article_pk:  # the extractor already split one article's events
        return None
    if not types_compatible(a.event_type, b.event_type):
        return None
    date_gap = _date_gap(a, b)
    if date_gap is None or date_gap > 1.0:
        return None
    # Battles have no attacker/target direction: outlets name the two sides in either order.
    if not _actors_agree(a, b, allow_swap=a.event_type == b.event_type == "Battles"):
        return None
    place_gap = _place_gap(a, b)
    if place_gap is None:
        # Without a place on both sides only a named, identical main actor can vouch for it.
        if a.actor1 is None or a.actor1 != b.actor1:
            return None
        if a.country and b.country and a.country != b.country:
            return None
        place_gap = 1.0
    if math.isinf(place_gap):
        return None
    type_gap = 0.0 if a.event_type == b.event_type else 0.5
    return date_gap + place_gap + type_gap


def compatible(a: Report, b: Report) -> bool:
    """True when ``a`` and ``b`` may report the same incident."""
    return pair_score(a, b) is not None


def best_cluster(new: Report, candidates: dict[int, Sequence[Report]]) -> int | None:
    """The candidate cluster ``new`` joins (compatible with all members, lowest mean score)."""
    best: tuple[float, int] | None = None
    for cluster_pk, members in candidates.items():
        scores = [pair_score(new, m) for m in members]
        if not members or any(s is None for s in scores):
            continue
        mean = sum(s for s in scores if s is not None) / len(scores)
        if best is None or (mean, cluster_pk) < best:
            best = (mean, cluster_pk)
    return best[1] if best else None


def representative(members: Sequence[Report]) -> Report:
    """The member whose fields describe the cluster: most precise date and place, then confidence."""
    return min(
        members,
        key=lambda r: (r.time_precision, r.geo_precision or 9, -r.confidence, r.event_pk),
    )


def best_figures(members: Sequence[Report]) -> tuple[int, int | None]:
    """Best (fatalities, injuries): the highest figure among the latest-published reports.

    Follow-ups revise tolls upwards as bodies are recovered, so the latest report is the
    best informed; outlets publishing the same day may still differ, and the higher figure
    is then usually the updated one.
    """
    dated = [m for m in members if m.pub_date is not None]
    latest_day = max((m.pub_date for m in dated), default=None)  # type: ignore[type-var]
    latest = [m for m in dated if m.pub_date == latest_day] or list(members)
    fatalities = max(m.fatalities for m in latest)
    injuries_known = [m.injuries for m in latest if m.injuries is not None]
    return fatalities, (max(injuries_known) if injuries_known else None)
