"""Deaths and injuries stated for one event: "مقتل 5 عناصر", "قتيلان", "40 جنديا قتلوا", "لقي شخص مصرعه"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rasd.analyse import Doc
from rasd.engine.lexicons import EventLexicons
from rasd.text.matching import PhraseMatch
from rasd.text.numbers import NumberWords, read_number

__all__ = ["Casualties", "count_casualties"]

# How many tokens a count may stand from its death/injury word ("مقتل أربعة من عناصر").
REACH_AFTER = 6
REACH_BEFORE = 3
# Words that by themselves state one death ("ما أسفر عن مقتله", "لقي مصرعه").
SINGLE_DEATH = frozenset({"قتيل", "قتيلا", "مصرعه", "حياته", "مقتله", "مقتلها"})
# Dual forms that state two casualties ("سقوط قتيلين", "إصابة جريحين").
DUAL_CASUALTY = frozenset({"قتيلين", "قتيلان", "جريحين", "جريحان", "مصرعهما"})


@dataclass(frozen=True, slots=True)
class Casualties:
    """Counts found in a window, and whether any victim noun denotes civilians."""

    fatalities: int
    injuries: int | None
    civilian_victims: bool
    armed_victims: bool
    spans: tuple[tuple[int, int], ...]


def _person(lex: EventLexicons, word: str) -> tuple[int, bool] | None:
    """A person noun, also with the article or a conjunction ("القاضي", "ومدنيان")."""
    for cand in (word, word[2:] if word.startswith("ال") else "", word[1:] if word.startswith("و") else ""):
        if cand and cand in lex.persons:
            return lex.persons[cand]
    return None


def _count_near(doc: Doc, i: int, lo: int, hi: int, lex: EventLexicons, words: NumberWords,
                stops: frozenset[int] = frozenset()) -> tuple[int | None, bool | None]:
    """The count tied to the death/injury word at token ``i`` and whether the victims are civilians.

    The forward search stops at the next casualty word (``stops``): "قتيلين وإصابة 6" gives no
    count to "قتيلين"."""
    toks = doc.tokens
    for j in range(i + 1, min(hi, i + 1 + REACH_AFTER)):
        if j in stops:
            break
        q = read_number(toks, j, words)
        if q is not None:
            civ = None
            for k in range(q.last + 1, min(hi, q.last + 4)):
                hit = _person(lex, toks[k].text)
                if hit:
                    civ = hit[1]
                    break
            return (q.value if not q.vague else 0), civ
        hit = _person(lex, toks[j].text)
        if hit:
            number, civ = hit
            return (number if number < 3 else 0), civ
        if toks[j].text in {"عن", "الي", "في", "جراء"}:
            continue
    for j in range(i - 1, max(lo - 1, i - 1 - REACH_BEFORE), -1):
        hit = _person(lex, toks[j].text)
        if hit and j - 1 >= lo:
            q = read_number(toks, j - 1, words)
            if q is not None and q.last == j - 1:
                return (q.value if not q.vague else 0), hit[1]
        q = read_number(toks, j, words)
        if q is not None and q.last >= i - 1:
            return (q.value if not q.vague else 0), None
    return None, None


def count_casualties(doc: Doc, start: int, end: int, lex: EventLexicons, words: NumberWords,
                     context: Sequence[PhraseMatch[Any]]) -> Casualties:
    """Highest stated deaths and injuries in raw ``[start, end)`` (0 / None when none are stated).

    ``context`` holds the context-word matches around the window (at least those inside it)."""
    lo, hi = doc.token_index(start), doc.token_index(end)
    deaths: list[int] = []
    injuries: list[int] = []
    civilian = armed = False
    spans = []
    casualty = [c for c in context if c.start >= start and c.end <= end and set(c.values) & {"death", "injury"}]
    stops = frozenset(doc.token_at(c.start) for c in casualty)
    for c in casualty:
        kinds = set(c.values)
        i = doc.token_at(c.start)
        value, civ = (2, None) if c.key in DUAL_CASUALTY else _count_near(doc, i, lo, hi, lex, words, stops)
        if value is None and c.key in SINGLE_DEATH:
            value = 1
        if value is None:
            continue
        if civ is True:
            civilian = True
        elif civ is False:
            armed = True
        (deaths if "death" in kinds else injuries).append(value)
        spans.append((c.start, c.end))
    return Casualties(max(deaths, default=0), max(injuries) if injuries else None, civilian, armed, tuple(spans))
