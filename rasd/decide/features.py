"""Features of one candidate event for the learned decision layer: its words and the rule engine's signals.

A feature is a string (binary, present or absent). The same function feeds training
(``scripts/train_decider.py``) and run time, so the two cannot drift apart.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

import regex

from rasd.analyse import Doc
from rasd.merge import distance_km
from rasd.model import Event, Provenance, Span

__all__ = ["features_of"]

# Words either side of the trigger that are read as positional features ("هدد بـ قصف", "في حال هجوم").
TRIGGER_WINDOW = 3
# A clause longer than this many words contributes only its first words (keeps features bounded).
MAX_CLAUSE_WORDS = 60
_TRIGGER_RULE = regex.compile(r"trigger '.*' \((?P<family>[A-Z_-]+), strength (?P<strength>\d)\)")
_LOCATION_LEVEL = regex.compile(r"\((?P<level>[a-z0-9]+)\)")
_QUOTES = frozenset('"“”«»')
# Two places this close (km) are the same place for the repeat features.
SAME_PLACE_KM = 10.0


_CLITICS = regex.compile(r"^(?:وبال|وال|بال|فال|كال|لل|وب|ول|وس|ال|و|ف|ب|ل)(?=\w{3,})")
_SUFFIXES = regex.compile(r"(?<=\w{3,})(?:ات|ون|ين|ان|ها|هم|ه|ة|ي)$")


def _stem(word: str) -> str:
    """A light stem: leading clitics and a common inflectional suffix removed ("والقصف" -> "قصف")."""
    return _SUFFIXES.sub("", _CLITICS.sub("", word))


def _rule(event: Event, field: str) -> Provenance | None:
    return next((p for p in event.provenance if p.field == field), None)


def _words(doc: Doc, span: Span) -> list[str]:
    lo = bisect.bisect_left(doc.token_starts, span.start)
    hi = bisect.bisect_left(doc.token_starts, span.end)
    return [t.text for t in doc.tokens[lo:hi]]


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _trigger_features(doc: Doc, prov: Provenance | None) -> list[str]:
    if prov is None or prov.span is None:
        return ["trig:none"]
    out = []
    m = _TRIGGER_RULE.match(prov.rule)
    if m:
        out += [f"fam:{m['family']}", f"strength:{m['strength']}"]
    k = bisect.bisect_left(doc.token_starts, prov.span.start)
    if k < len(doc.tokens):
        out.append(f"trig:{doc.tokens[k].text}")
    for offset in range(1, TRIGGER_WINDOW + 1):
        if k - offset >= 0:
            out.append(f"left{offset}:{doc.tokens[k - offset].text}")
        if k + offset < len(doc.tokens):
            out.append(f"right{offset}:{doc.tokens[k + offset].text}")
    return out


def _date_features(doc: Doc, event: Event, prov: Provenance | None) -> list[str]:
    rule = prov.rule if prov else "no date"
    if rule.startswith("time expression"):
        kind = "own:" + rule[rule.find("(") + 1:].split(":")[0].rstrip(")")
    elif rule.startswith("date of an earlier"):
        kind = "earlier"
    elif rule.startswith("publication date"):
        kind = "pub"
    else:
        kind = "none"
    out = [f"date:{kind}", f"precision:{event.time_precision}"]
    if event.date is not None and doc.pub_date is not None:
        out.append("age:" + _bucket((doc.pub_date - event.date).days, (-1, 0, 1, 7, 31, 365)))
    return out


def _actor_features(event: Event) -> list[str]:
    out = []
    for role in ("actor1", "actor2"):
        actor = getattr(event, role)
        prov = _rule(event, role)
        if actor is None:
            out.append(f"{role}:none")
            continue
        named = prov is not None and prov.span is not None
        out += [f"{role}:{actor.type}", f"{role}:{'named' if named else 'implied'}"]
        if prov is not None:
            out.append(f"{role}-rule:" + " ".join(prov.rule.split()[:4]))
    if event.claimed_by is not None:
        out.append("claimed")
    return out


def _location_features(event: Event, focus: str | None) -> list[str]:
    loc = event.location
    if loc is None:
        return ["loc:none"]
    prov = _rule(event, "location")
    out = [f"loc:gp{loc.geo_precision}"]
    if prov is not None:
        m = _LOCATION_LEVEL.search(prov.rule)
        if m:
            out.append(f"loc-level:{m['level']}")
        out.append("loc-scope:" + prov.rule.rsplit("scope ", 1)[-1])
    if focus:
        out.append("loc:focus" if loc.country == focus else "loc:elsewhere")
    return out


def _same_place(a: Event, b: Event) -> str:
    if a.location is None or b.location is None:
        return "unplaced"
    if a.location.name == b.location.name or distance_km(a.location, b.location) <= SAME_PLACE_KM:
        return "place"
    if a.location.admin1 and a.location.admin1 == b.location.admin1:
        return "admin1"
    return "elsewhere"


def _repeat_features(events: Sequence[Event], i: int) -> list[str]:
    """How this candidate relates to the article's earlier ones of its type: a re-mention or a new incident?"""
    ev = events[i]
    earlier = [e for e in events[:i] if e.event_type == ev.event_type]
    out = ["earlier-same-type:" + _bucket(len(earlier), (0, 1, 2))]
    if not earlier:
        return out
    places = {_same_place(ev, e) for e in earlier}
    out += [f"rep-place:{p}" for p in places]
    same_date = any(e.date == ev.date for e in earlier)
    out.append("rep-date:same" if same_date else "rep-date:other")
    if any(e.sub_event_type == ev.sub_event_type for e in earlier):
        out.append("rep-sub:same")
    if ev.actor1 is not None and any(e.actor1 is not None and e.actor1.name == ev.actor1.name for e in earlier):
        out.append("rep-actor1:same")
    if same_date and ("place" in places or "unplaced" in places):
        out.append("rep:same-date-and-place")
    return out


def features_of(doc: Doc, events: Sequence[Event], *, focus: str | None) -> list[list[str]]:
    """The binary features of each of ``events`` (the article's merged candidates) read from ``doc``."""
    clause_starts = [c.span.start for c in doc.clauses]
    n_types = "types:" + _bucket(len({ev.event_type for ev in events}), (1, 2, 3))
    stems: dict[str, str] = {}  # each word's stem, computed once per article
    return [_event_features(doc, ev, clause_starts, n_events=len(events), focus=focus, stems=stems)
            + _repeat_features(events, i)
            + [n_types] for i, ev in enumerate(events)]


def _event_features(doc: Doc, event: Event, clause_starts: list[int], *, n_events: int,
                    focus: str | None, stems: dict[str, str]) -> list[str]:
    out = [f"sub:{event.sub_event_type}", f"type:{event.event_type}"]
    trig = _rule(event, "event_type")
    out += _trigger_features(doc, trig)
    fam = next((f for f in out if f.startswith("fam:")), "fam:none")
    out.append(f"sub-{fam}:{event.sub_event_type}")
    out += _date_features(doc, event, _rule(event, "date"))
    out += _actor_features(event)
    out += _location_features(event, focus)
    out.append("deaths:" + _bucket(event.fatalities, (0, 1, 5)))
    out.append("injuries" if event.injuries else "no-injuries")
    out.append("sources" if event.sources else "no-sources")
    out.append("weapons" if event.weapons else "no-weapons")
    out.append("evidence:" + _bucket(len(event.evidence), (1, 2)))
    out.append("events:" + _bucket(n_events, (1, 2, 4, 8)))
    first = event.evidence[0] if event.evidence else None
    if first is not None:
        k = bisect.bisect_right(clause_starts, first.start) - 1
        clause = doc.clauses[k] if k >= 0 else None
        if clause is not None:
            out.append("paragraph:" + _bucket(clause.paragraph, (0, 1, 3)))
            if clause.is_headline:
                out.append("headline")
            sentence = doc.text[clause.sentence.start:clause.sentence.end]
            if "؟" in sentence or "?" in sentence:
                out.append("question")
            if any(q in sentence for q in _QUOTES):
                out.append("quoted")
        words = _words(doc, first)[:MAX_CLAUSE_WORDS]
        out += [f"w:{w}" for w in words]
        out += [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
        for w in words:
            st = stems.get(w)
            if st is None:
                st = stems[w] = _stem(w)
            out.append(f"s:{st}")
    return out
