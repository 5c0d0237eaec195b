"""Cross-outlet linking: may two stored reports describe the same incident, and how likely is it?

Two steps, both pure functions over :class:`Report` records:

- **blocking** (:func:`candidate_pair`): only reports of the same country within
  a date window (±2 days; ±7 / ±31 when either date is only known to the week /
  month) and the same province or ≤ 50 km apart are ever compared; a report
  without a place is compared with reports naming the same main actor;
- **scoring** (:func:`link_probability`): a logistic model over pairwise
  features — type and sub-type compatibility (a data table), date gap, place
  distance and province match, actor overlap in either role, casualty
  consistency and character n-gram TF-IDF similarity of the evidence sentences.
  Its weights, threshold and n-gram weights are fitted by
  ``scripts/train_linker.py`` on real multi-outlet reports
  (``data/corpus/incidents/``) and shipped as ``rasd/resources/linking/model.json``,
  read once, on first use.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from rasd.errors import ResourceError
from rasd.model import Actor, Event
from rasd.resources import read_tsv, resource_path
from rasd.store.textsim import Vector, cosine, name_grams, vectorise

__all__ = [
    "BLOCK_DISTANCE_KM",
    "DATE_WINDOW_DAYS",
    "FEATURES",
    "LinkModel",
    "Report",
    "actor_keys",
    "blocking_precision",
    "candidate_pair",
    "compat_tables",
    "compatible_types",
    "date_window_days",
    "distance_km",
    "effective_date",
    "event_seq",
    "features",
    "link_probability",
    "load_model",
    "probability",
    "report_from_event",
    "types_compatible",
]

# Blocking windows from the issue (#11): ±2 days between day-precise dates (outlets date an
# evening strike to the next day, or count "yesterday" from their own publication day), wider
# when a date is only known to the week or month.
DATE_WINDOW_DAYS = {1: 2, 2: 7, 3: 31}
# Same province, or this close: a village and the district town another outlet names instead.
BLOCK_DISTANCE_KM = 50.0
# A report with no event date is dated by its publication day, with week precision.
UNDATED_PRECISION = 2
# Feature caps: beyond these the evidence says nothing more.
_MAX_GAP_DAYS = 7.0
_SAME_PLACE_KM = 2.0  # one gazetteer place (or the same town centre and quarter)
_TOWNS_KM = 8.0  # beyond this two named places are two towns, not a city centre and one of its quarters
_TOLL_DROP = 0.5  # a follow-up revises a toll upwards; a later report under half of it tells another incident
_EARTH_RADIUS_KM = 6371.0088
# Actor types that say nothing about who did it: victims and placeholders.
_UNINFORMATIVE_ACTOR_TYPES = frozenset({"civilians", "unidentified"})

FEATURES = (
    "type_compat",  # compatibility of the two event types (types.tsv), 1 for the same type
    "sub_compat",  # compatibility of the two sub-event types (types.tsv), 1 for the same sub-type
    "gap_one_day",  # the effective dates are one day apart (an evening strike dated to the next day)
    "gap_days",  # a gap of 2+ days: min(gap, 7) / 7 (0 for a gap of 0 or 1 day)
    "precise_gap",  # both dates are day-precise and differ (outlets rarely disagree on a stated day)
    "coarse_date",  # either date is only known to the week or month (or undated)
    "distance",  # log(1 + km) / log(1 + 50), capped at 1.5; 1 when a place is missing, 0 when one
    #             place is a district/province containing the other
    "same_place",  # both name the same place (≤ 2 km apart, neither only a district/province)
    "no_place",  # either report has no place
    "same_admin1",  # both name the same province
    "coarse_place",  # either place is only a district/province/country
    "coarse_in_admin1",  # one place is only a district/province and the other lies in that province
    "actor_overlap",  # Jaccard overlap of the named (non-civilian) actors in either role
    "actor_conflict",  # both name actors and none is shared
    "fatality_ratio",  # min/max of the two death tolls when both are > 0
    "fatality_mismatch",  # one toll is 0 and the other ≥ 10 (a massacre vs. a strike with no deaths)
    "text_similarity",  # cosine of the evidence sentences' char-trigram TF-IDF vectors
    "place_mentioned",  # one report's place name appears in the other's evidence (a quarter and its city)
    "distinct_places",  # two precise places > 2 km apart, neither named in the other's evidence
    "toll_drop",  # the later-published report gives under half the earlier one's death toll
    "distinct_towns",  # as distinct_places, over 8 km apart (two towns, not a city and its quarter)
    "secondary",  # either report is not its article's first event (often an earlier incident it recalls)
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One stored event as linking sees it (a report of an incident by one article)."""

    event_pk: int
    article_pk: int
    pub_date: dt.date | None
    event_type: str
    date: dt.date | None
    time_precision: int
    key: str = ""  # stable content key (article content hash and position), orders reports
    sub_event_type: str = ""
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geo_precision: int | None = None
    actor1: str | None = None  # canonical name; None when absent or unidentified
    actor2: str | None = None
    actor_keys: frozenset[str] = frozenset()  # named non-civilian actors (either role) and their state keys
    fatalities: int = 0
    injuries: int | None = None
    confidence: float = 0.5
    evidence: str = ""  # the evidence sentence(s) as written
    place: str = ""  # the place as the text names it (LOCATION.text), "" when unplaced


@dataclass(frozen=True, slots=True)
class LinkModel:
    """The fitted linking model: logistic weights over FEATURES, link threshold, n-gram IDF."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    idf: dict[str, float]
    default_idf: float
    version: str
    type_compat: dict[frozenset[str], float] = field(default_factory=dict)
    sub_compat: dict[frozenset[str], float] = field(default_factory=dict)


@cache
def compat_tables() -> tuple[dict[frozenset[str], float], dict[frozenset[str], float]]:
    """(event-type, sub-event-type) compatibility tables of ``linking/types.tsv``, keyed by pair."""
    types: dict[frozenset[str], float] = {}
    subs: dict[frozenset[str], float] = {}
    for level, a, b, value, _why in read_tsv("linking/types.tsv", columns=5)[1:]:
        (types if level == "type" else subs)[frozenset({a, b})] = float(value)
    return types, subs


@cache
def load_model() -> LinkModel:
    """The packaged linking model (read once, on first use)."""
    path = resource_path("linking/model.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        # a feature the file does not list weighs 0: the model was fitted before the feature existed
        weights = tuple(float(data["weights"].get(name, 0.0)) for name in FEATURES)
        types, subs = compat_tables()
        return LinkModel(weights=weights, bias=float(data["bias"]), threshold=float(data["threshold"]),
                         idf={g: float(v) for g, v in data["idf"].items()},
                         default_idf=float(data["default_idf"]), version=str(data["version"]),
                         type_compat=types, sub_compat=subs)
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"cannot read the linking model rasd/resources/linking/model.json: {exc}") from exc


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def effective_date(r: Report) -> tuple[dt.date | None, int]:
    """The report's date and precision; an undated report is dated by its publication day (week)."""
    if r.date is not None:
        return r.date, r.time_precision
    return r.pub_date, UNDATED_PRECISION


def date_window_days(precision: int) -> int:
    """Half-width of the blocking window for a date of this precision."""
    return DATE_WINDOW_DAYS.get(precision, DATE_WINDOW_DAYS[3])


def blocking_precision(precision: int) -> int:
    """The precision a report is stored under for candidate retrieval: one of DATE_WINDOW_DAYS' keys
    (1, 2, 3), a value outside them clamped to the nearest. Candidate retrieval then needs one
    index seek per class (``events.link_precision``), and selects exactly the reports it would
    select with the raw precision (see :func:`rasd.store.incidents.candidates`)."""
    classes = sorted(DATE_WINDOW_DAYS)
    return min(max(precision, classes[0]), classes[-1])


def _has_place(r: Report) -> bool:
    return r.lat is not None and r.lon is not None


def candidate_pair(a: Report, b: Report, *, windows: dict[int, int] | None = None) -> bool:
    """True when ``a`` and ``b`` fall in the same block and so are scored (symmetric).

    ``windows`` overrides :data:`DATE_WINDOW_DAYS` (training uses wider ones)."""
    if a.article_pk == b.article_pk:  # the extractor already split one article's events
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if not types_compatible(a.event_type, b.event_type):  # a protest is never an air strike
        return False
    da, pa = effective_date(a)
    db, pb = effective_date(b)
    window = (windows or DATE_WINDOW_DAYS).get(max(pa, pb), DATE_WINDOW_DAYS[3])
    if da is not None and db is not None and abs((da - db).days) > window:
        return False
    if _has_place(a) and _has_place(b):
        if a.admin1 and a.admin1 == b.admin1:
            return True
        return distance_km(a.lat, a.lon, b.lat, b.lon) <= BLOCK_DISTANCE_KM  # type: ignore[arg-type]
    # Without a place on one side only a shared named main actor can bring them together.
    return (a.actor1 is not None and a.actor1 in (b.actor1, b.actor2)) or (
        b.actor1 is not None and b.actor1 in (a.actor1, a.actor2))


@cache
def compatible_types(event_type: str) -> list[str]:
    """The event types that may code the same incident as ``event_type`` (itself first)."""
    others = sorted(x for pair, v in compat_tables()[0].items() if v > 0.0 and event_type in pair
                    for x in pair if x != event_type)
    return [event_type, *others]


def types_compatible(a: str, b: str) -> bool:
    """True when the two event types may code one incident (compatibility > 0 in types.tsv)."""
    return a == b or compat_tables()[0].get(frozenset({a, b}), 0.0) > 0.0


def _pair_compat(x: str, y: str, table: dict[frozenset[str], float]) -> float:
    if x == y:
        return 1.0
    return table.get(frozenset({x, y}), 0.0)


def _mentions(place: str, evidence: Vector) -> bool:
    """The place name's trigrams (clitic-proof: see :func:`name_grams`) all occur in the evidence vector."""
    grams = name_grams(place)
    return bool(grams) and all(g in evidence for g in grams)


def event_seq(r: Report) -> int:
    """The report's position among its article's events (0: the first, the article's lead report).

    Stored reports carry it in their content key, ``"<article content hash>:<seq>"``; a key of
    another form counts as a lead."""
    _, sep, tail = r.key.rpartition(":")
    return int(tail) if sep and tail.isdigit() else 0


def _toll_drop(a: Report, b: Report) -> bool:
    if not (a.pub_date and b.pub_date and a.pub_date != b.pub_date and a.fatalities > 0 and b.fatalities > 0):
        return False
    early, late = (a, b) if a.pub_date < b.pub_date else (b, a)
    return late.fatalities < _TOLL_DROP * early.fatalities


def features(a: Report, b: Report, model: LinkModel, va: Vector | None = None,
             vb: Vector | None = None) -> list[float]:
    """The FEATURES of the pair (``va``/``vb``: precomputed evidence vectors, to reuse them)."""
    da, pa = effective_date(a)
    db, pb = effective_date(b)
    gap = abs((da - db).days) if da is not None and db is not None else _MAX_GAP_DAYS
    placed = _has_place(a) and _has_place(b)
    same_admin1 = bool(a.admin1 and a.admin1 == b.admin1)
    coarse = max(a.geo_precision or 1, b.geo_precision or 1) > 1
    km = distance_km(a.lat, a.lon, b.lat, b.lon) if placed else math.inf  # type: ignore[arg-type]
    if placed and coarse and same_admin1:
        distance = 0.0  # a point inside a district or province: its distance to the centroid says nothing
    elif placed:
        distance = min(1.5, math.log1p(km) / math.log1p(BLOCK_DISTANCE_KM))
    else:
        distance = 1.0
    union = a.actor_keys | b.actor_keys
    shared = a.actor_keys & b.actor_keys
    fa, fb = a.fatalities, b.fatalities
    if va is None:
        va = vectorise(a.evidence, model.idf, model.default_idf)
    if vb is None:
        vb = vectorise(b.evidence, model.idf, model.default_idf)
    mentioned = placed and km > _SAME_PLACE_KM and (_mentions(a.place, vb) or _mentions(b.place, va))
    return [
        _pair_compat(a.event_type, b.event_type, model.type_compat),
        _pair_compat(a.sub_event_type, b.sub_event_type, model.sub_compat),
        1.0 if gap == 1 else 0.0,
        min(gap, _MAX_GAP_DAYS) / _MAX_GAP_DAYS if gap >= 2 else 0.0,
        1.0 if gap >= 1 and pa == pb == 1 else 0.0,
        1.0 if max(pa, pb) > 1 else 0.0,
        distance,
        1.0 if km <= _SAME_PLACE_KM and not coarse else 0.0,
        0.0 if placed else 1.0,
        1.0 if same_admin1 else 0.0,
        1.0 if coarse else 0.0,
        1.0 if coarse and same_admin1 and placed else 0.0,
        len(shared) / len(union) if union else 0.0,
        1.0 if a.actor_keys and b.actor_keys and not shared else 0.0,
        min(fa, fb) / max(fa, fb) if fa > 0 and fb > 0 else 0.0,
        1.0 if min(fa, fb) == 0 and max(fa, fb) >= 10 else 0.0,
        cosine(va, vb),
        1.0 if mentioned else 0.0,
        1.0 if placed and not coarse and km > _SAME_PLACE_KM and not mentioned else 0.0,
        1.0 if _toll_drop(a, b) else 0.0,
        1.0 if placed and not coarse and km > _TOWNS_KM and not mentioned else 0.0,
        1.0 if event_seq(a) > 0 or event_seq(b) > 0 else 0.0,
    ]


def probability(values: Sequence[float], model: LinkModel) -> float:
    """The model's probability for a feature vector."""
    z = model.bias + sum(w * x for w, x in zip(model.weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def link_probability(a: Report, b: Report, model: LinkModel | None = None) -> float:
    """Probability that ``a`` and ``b`` report the same incident (0 outside a common block)."""
    if not candidate_pair(a, b):
        return 0.0
    m = model or load_model()
    return probability(features(a, b, m), m)


def actor_keys(actors: Sequence[tuple[str, str, str | None]]) -> frozenset[str]:
    """Linking keys of (name, type, country) actors: each informative name and, for state and
    external forces, ``"<country>:forces"`` (outlets name one air force four ways)."""
    keys: set[str] = set()
    for name, typ, country in actors:
        if typ in _UNINFORMATIVE_ACTOR_TYPES:
            continue
        keys.add(name)
        if typ in {"state_forces", "external_forces"} and country:
            keys.add(f"{country}:forces")
    return frozenset(keys)


def _known(actor: Actor | None) -> str | None:
    if actor is None or actor.type == "unidentified":
        return None
    return actor.name


def report_from_event(
    event: Event, *, event_pk: int, article_pk: int, key: str, pub_date: dt.date | None, text: str
) -> Report:
    """The :class:`Report` of an extracted ``event`` of an article whose raw text is ``text``."""
    loc = event.location
    actors = [event.actor1, event.actor2, event.claimed_by, *event.assoc_actors1, *event.assoc_actors2]
    return Report(
        event_pk=event_pk, article_pk=article_pk, key=key, pub_date=pub_date,
        event_type=event.event_type, sub_event_type=event.sub_event_type,
        date=event.date, time_precision=event.time_precision,
        lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        country=loc.country if loc else None, admin1=loc.admin1 if loc else None,
        geo_precision=loc.geo_precision if loc else None,
        actor1=_known(event.actor1), actor2=_known(event.actor2),
        actor_keys=actor_keys([(a.name, a.type, a.country) for a in actors if a is not None]),
        fatalities=event.fatalities, injuries=event.injuries, confidence=event.confidence,
        evidence=" ".join(text[sp.start : sp.end] for sp in event.evidence),
        place=loc.text if loc else "",
    )
