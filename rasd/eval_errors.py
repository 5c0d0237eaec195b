"""Error categories for `rasd eval GOLD --errors`: what kind of mistake each unmatched or wrong event is.

Spurious system events are split by why no gold event took them (the article reports no event;
the article reports no event of that type; a gold event of that type exists but was already
matched, so this is a repeat; one exists but date, place and actor all differ). Missed gold
events are grouped by sub-type. Wrong fields of matched pairs are grouped by field, with the
gold and system values side by side (a location in the wrong country is its own class).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rasd.evaluate import FIELD_KM, FIELDS, distance_km, match_events

__all__ = ["ErrorItem", "categorise_errors", "category_counts"]

SPURIOUS_NO_EVENT = "spurious: article reports no event"
SPURIOUS_TYPE = "spurious: type not reported in the article"
SPURIOUS_REPEAT = "spurious: repeat of a matched event"
SPURIOUS_ELSEWHERE = "spurious: same type reported, but date, place and actor all differ"
# Beyond this distance a wrong location is "far off" rather than a near miss.
FAR_KM = 150.0


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """One error with what the gold says and what the system said."""

    category: str
    article_id: str
    evidence: str
    gold: Any
    system: Any

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "id": self.article_id, "evidence": self.evidence,
                "gold": self.gold, "system": self.system}


def _place(loc: Mapping[str, Any] | None) -> str | None:
    if not loc:
        return None
    return f"{loc.get('name') or loc.get('text')} ({loc.get('country')}) {loc.get('lat')},{loc.get('lon')}"


def _actor(actor: Mapping[str, Any] | None) -> str | None:
    if not actor:
        return None
    if "en" in actor or "ar" in actor:
        return " | ".join([*(actor.get("en") or [])[:1], *(actor.get("ar") or [])[:2]]) or actor.get("type")
    return f"{actor.get('name')} [{actor.get('text')}]"


def _value(field: str, ev: Mapping[str, Any]) -> Any:
    if field == "location":
        return _place(ev.get("location"))
    if field in ("actor1", "actor2"):
        return _actor(ev.get(field))
    if field == "date":
        return ev.get("date")
    return ev.get(field)


def _system_text(text: str, ev: Mapping[str, Any]) -> str:
    spans = ev.get("evidence") or []
    if not spans:
        return ""
    sp = spans[0]
    return text[sp.get("start", 0):sp.get("end", 0)][:200]


def _location_category(s: Mapping[str, Any], g: Mapping[str, Any]) -> str:
    sl, gl = s.get("location"), g.get("location")
    if sl is None:
        return "wrong location: none given"
    if gl is None:
        return "wrong location: gold has none"
    if sl.get("country") and gl.get("country") and sl.get("country") != gl.get("country"):
        return "wrong location: wrong country"
    km = distance_km(sl, gl)
    if km > FAR_KM:
        return f"wrong location: over {FAR_KM:.0f} km off"
    return f"wrong location: {FIELD_KM:.0f}–{FAR_KM:.0f} km off"


def _article_errors(art: Mapping[str, Any], events: list[Mapping[str, Any]]) -> list[ErrorItem]:
    gold = art.get("events") or []
    text = str(art.get("text") or "")
    aid = str(art.get("id"))
    pairs = match_events(events, gold)
    out: list[ErrorItem] = []
    for i, j, agree in pairs:
        s, g = events[i], gold[j]
        for f in FIELDS:
            if agree[f]:
                continue
            cat = _location_category(s, g) if f == "location" else f"wrong {f}"
            out.append(ErrorItem(cat, aid, str(g.get("evidence", ""))[:200], _value(f, g), _value(f, s)))
    matched_s = {i for i, _, _ in pairs}
    matched_g = {j for _, j, _ in pairs}
    for j, g in enumerate(gold):
        if j not in matched_g:
            out.append(ErrorItem(f"missed: {g.get('sub_event_type')}", aid, str(g.get("evidence", ""))[:200],
                                 g.get("sub_event_type"), None))
    gold_types = {g.get("event_type") for g in gold}
    matched_types = {gold[j].get("event_type") for j in matched_g}
    for i, s in enumerate(events):
        if i in matched_s:
            continue
        if not gold:
            cat = SPURIOUS_NO_EVENT
        elif s.get("event_type") not in gold_types:
            cat = SPURIOUS_TYPE
        elif s.get("event_type") in matched_types:
            cat = SPURIOUS_REPEAT
        else:
            cat = SPURIOUS_ELSEWHERE
        out.append(ErrorItem(cat, aid, _system_text(text, s), None, f"{s.get('sub_event_type')} @ "
                             f"{_place(s.get('location'))}"))
    return out


def categorise_errors(gold: Iterable[Mapping[str, Any]],
                      system: Mapping[str, Mapping[str, Any]]) -> dict[str, list[ErrorItem]]:
    """Every error of ``system`` rows (by article id) against ``gold`` articles, by category (sorted)."""
    groups: dict[str, list[ErrorItem]] = {}
    for art in gold:
        row = system.get(art.get("id")) or {}
        for item in _article_errors(art, list(row.get("events") or [])):
            groups.setdefault(item.category, []).append(item)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0].split(":")[0], -len(kv[1]), kv[0])))


def category_counts(groups: Mapping[str, list[ErrorItem]]) -> dict[str, int]:
    """How many errors each category holds."""
    return {k: len(v) for k, v in groups.items()}
