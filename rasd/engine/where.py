"""Which place(s) an event frame happened at: the most specific places of its clause, one per listed village."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from rasd.model import Location

if TYPE_CHECKING:
    from rasd.geo import PlaceMention

__all__ = ["LEVEL_RANK", "PlaceChoice", "choose_places"]

# Lower is more specific; a frame takes places of its most specific level.
LEVEL_RANK = {"site": 0, "locality": 0, "admin2": 2, "region": 2, "admin1": 3, "country": 5}
# Text between two places that makes them a list ("مراط وطابية", "الحيلة، والنوار").
_LIST_GAP = regex.compile(r"^[\s،,]*(?:و|وال|ال)?\s*$")
# ... also past one name the gazetteer lacks ("والدار البيضاء وسيدي قاسم وطنجة": one or two words between
# two conjunctions).
_LIST_GAP_UNKNOWN = regex.compile(r"^[\s،,]*و?\s*[^\s،,.:؛()]+(?:\s+[^\s،,.:؛()]+)?\s*[،,]?\s*و\s*$")
# A place right after another, introduced by a direction or "near" word ("كرسة، غرب مدينة درنة",
# "السكرية بريف البوكمال"), is the reference point that locates the first, not a second place.
# "الطريق بين مدينتي X وY": two towns that bound one place, not a list of places.
_BETWEEN = regex.compile(r"(?:بين|الواصل|الرابط|الواصله|الرابطه)\s+(?:\S+\s+)?$")
# A short aside in brackets between two listed places ("والدار البيضاء (غرب) وسيدي قاسم") is not a break.
_ASIDE = regex.compile(r"\s*\([^()\n]{1,24}\)\s*")
_REFERENCE_GAP = regex.compile(r"^[\s،,]*(?:ب|في|و)?\s*$")
# Words before a place that make it an origin or a reference point, not where the event happened.
_NOT_HERE = regex.compile(r"(?:من|مصدرها|انطلقت من|قادمة من|قادمه من|قرب|بالقرب من)\s*$")
# ... except a partitive "من" ("أحياء من X", "عدد من", "كل من X وY"): the places themselves.
# An arrest report's "من بلدة X" is where the detained live and were taken: the arrest's place.
_BARE_FROM = regex.compile(r"(?<![^\s])من\s*$")
_PARTITIVE = regex.compile(r"(?:احياء|أحياء|عدد|مناطق|أجزاء|اجزاء|أنحاء|انحاء|كل|بكل|لكل|قرى|مدن|عدة|العديد)\s+من\s*$")
# Places of these levels listed together ("في صرواح والجوبة", "بلدتي X وY") are one event each.
LIST_LEVELS = frozenset({"site", "locality", "admin2", "region"})


def _rank(pm: PlaceMention) -> int:
    """Specificity: a named town beats "ريف X"/"قرب X" (an area around a town), which beats a district."""
    return LEVEL_RANK.get(pm.level, 4) + (1 if getattr(pm, "near", False) else 0)


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """A place chosen for a frame, with why."""

    mention: PlaceMention
    location: Location
    rule: str


def _gap(text: str, a: PlaceMention, b: PlaceMention, references: Sequence[tuple[int, int]] = ()) -> str:
    """The text between two places, less the reference points that locate the first
    ("قميناس بريف إدلب الشرقي، ومدن حارم": the list goes on after "بريف إدلب الشرقي")."""
    gap, pos = [], a.end
    for s, e in references:
        if a.end <= s and e <= b.start:
            gap.append(text[pos:s])
            pos = e
    gap.append(text[pos:b.start])
    return _ASIDE.sub(" ", "".join(gap))


def choose_places(
    text: str,
    places: Sequence[tuple[PlaceMention, Location]],
    *,
    blocked: Sequence[tuple[int, int]] = (),
    origin_is_place: bool = False,
) -> list[PlaceChoice]:
    """The frame's places: a list of coordinated villages gives one choice each, else the most specific.

    ``origin_is_place``: a bare "من X" is the event's place (arrests: "اعتقال شابين من بلدة X")."""
    usable = []
    references: list[tuple[int, int]] = []
    prev_end = None
    for pm, loc in places:
        is_reference = (prev_end is not None and getattr(pm, "near", False)
                        and _REFERENCE_GAP.match(text[prev_end:pm.start]) is not None)
        prev_start_end, prev_end = prev_end, pm.end
        if is_reference:
            references.append((prev_start_end, pm.end))  # with the "ب"/"في" that ties it to the previous place
            continue
        if any(s < pm.end and pm.start < e for s, e in blocked):
            continue  # inside an actor or source name ("قوات سوريا الديمقراطية", "المرصد السوري")
        before = text[max(0, pm.start - 16):pm.start]
        if (_NOT_HERE.search(before) and not _PARTITIVE.search(before) and len(places) > 1
                and not (origin_is_place and _BARE_FROM.search(before))):
            continue
        usable.append((pm, loc))
    if not usable:
        return []
    best = min(_rank(pm) for pm, _ in usable)
    top = [(pm, loc) for pm, loc in usable if _rank(pm) == best]
    first_pm, first_loc = top[0]
    if first_pm.level not in LIST_LEVELS:
        return [PlaceChoice(first_pm, first_loc, f"most specific place in clause ({first_pm.level})")]
    # Named towns and sites joined by "و"/"،" ("محيط بلدتي X وY") are one event each; the run may
    # start with a town under a "near" word ("محيط", "ريف") that covers the whole list.
    peer = LEVEL_RANK.get(first_pm.level, 4)
    towns = [(pm, loc) for pm, loc in usable if LEVEL_RANK.get(pm.level, 4) == peer]
    runs: list[list[tuple[PlaceMention, Location]]] = []
    for pm, loc in towns:
        gap = _gap(text, runs[-1][-1][0], pm, references) if runs else ""
        if runs and (_LIST_GAP.match(gap) or _LIST_GAP_UNKNOWN.match(gap)):
            runs[-1].append((pm, loc))
        else:
            runs.append([(pm, loc)])
    run = next(r for r in runs if any(pm is first_pm for pm, _ in r))
    segment = _BETWEEN.search(text[max(0, run[0][0].start - 24):run[0][0].start]) is not None
    if len(run) == 1 or segment:
        return [PlaceChoice(first_pm, first_loc, f"most specific place in clause ({first_pm.level})")]
    chosen: list[PlaceChoice] = []
    for pm, loc in run:
        if all(abs(loc.lat - c.location.lat) + abs(loc.lon - c.location.lon) > 1e-6 for c in chosen):
            chosen.append(PlaceChoice(pm, loc, "listed place: one event per place"))
    return chosen
