"""Boilerplate removal: which parts of the raw text are article body (spans keep raw offsets)."""

from __future__ import annotations

from dataclasses import dataclass, field

import ahocorasick

from rasd.model import Span
from rasd.resources import read_tsv
from rasd.text.normalise import NormalizedText, normalised_text

__all__ = ["Body", "BoilerplateMarkers", "clean", "load_boilerplate"]

# A trailing line this short with no sentence punctuation is an outlet signature or a
# caption ("القدس العربي", "وكالات"); calibrated on outlet signatures of Arabic news sites.
SIGNATURE_MAX_WORDS = 4
# A line with fewer words than this and no closing full stop is a headline, a heading or a
# caption (page headers repeat titles, "related" titles, time stamps): it can only enrich
# events read from full sentences. Calibrated on Arabic news pages' headline lengths.
HEADLINE_MAX_WORDS = 16
# First words that continue a report; a line opening with one is body text, however short.
CONTINUATION_WORDS = frozenset(_w for _w in (
    "كما", "فيما", "بينما", "حيث", "ثم", "كذلك", "ايضا", "الا", "لكن", "اذ", "قال", "اضاف", "اكد", "افاد",
    "اشار", "ذكر", "تابع", "اوضح", "اعلن", "نقل", "في", "من",
))
# A line at least this long that stops without punctuation, directly followed by another
# line, is one sentence broken by the page layout.
BROKEN_LINE_MIN_WORDS = 10


@dataclass(frozen=True, slots=True)
class BoilerplateMarkers:
    """Normalised markers: (phrase, action, where); the first in this order that a line has wins."""

    markers: tuple[tuple[str, str, str], ...]
    # every phrase in one automaton (value: the indices of the markers with that phrase), built once
    _automaton: ahocorasick.Automaton = field(init=False, repr=False, compare=False)
    _always: tuple[int, ...] = field(init=False, repr=False, compare=False)  # empty phrases: every line

    def __post_init__(self) -> None:
        automaton = ahocorasick.Automaton()
        by_phrase: dict[str, list[int]] = {}
        for i, (phrase, _, where) in enumerate(self.markers):
            if where in ("start", "contains"):
                by_phrase.setdefault(phrase, []).append(i)
        for phrase, idx in by_phrase.items():
            if phrase:
                automaton.add_word(phrase, (len(phrase), tuple(idx)))
        if len(automaton):
            automaton.make_automaton()
        object.__setattr__(self, "_automaton", automaton)
        object.__setattr__(self, "_always", tuple(by_phrase.get("", ())))

    def first(self, key: str) -> tuple[str, str] | None:
        """``(action, phrase)`` of the first marker that the folded line ``key`` has: a "start" phrase
        that ``key`` starts with or a "contains" phrase found anywhere in it."""
        best = self._always[0] if self._always else len(self.markers)
        if len(self._automaton):
            markers = self.markers
            for end, (length, idx) in self._automaton.iter(key):
                at_start = end + 1 == length
                for i in idx:
                    if i < best and (at_start or markers[i][2] == "contains"):  # else a "start" phrase
                        best = i
                        break
        if best == len(self.markers):
            return None
        phrase, action, _ = self.markers[best]
        return action, phrase


@dataclass(frozen=True, slots=True)
class Body:
    """The body of an article: kept line spans (raw offsets) and which of them are headline-like."""

    spans: tuple[Span, ...]
    headlines: tuple[Span, ...]
    dropped: tuple[tuple[Span, str], ...]  # (span, reason) for `rasd explain`


def load_boilerplate() -> BoilerplateMarkers:
    """Load ``lexicons/boilerplate.tsv``."""
    rows = read_tsv("lexicons/boilerplate.tsv", columns=3)
    return BoilerplateMarkers(tuple((_fold(p), a, w) for p, a, w in rows))


def _fold(s: str) -> str:
    """Normalised with single spaces; unlike lexicon keys, punctuation is kept ("كتب:" is not "كتب")."""
    return " ".join(normalised_text(s).split())


def _lines(text: str) -> list[Span]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        start = pos
        while start < end and text[start].isspace():
            start += 1
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            spans.append(Span(start, stop))
        pos += len(line)
    return spans


def _marker(line: str, markers: BoilerplateMarkers) -> tuple[str, str] | None:
    return markers.first(_fold(line))


def _is_signature(line: str) -> bool:
    words = line.split()
    return len(words) <= SIGNATURE_MAX_WORDS and not any(c in line for c in ".،,:؛!?؟") and not any(
        c.isdigit() for c in line
    )


def clean(text: str, markers: BoilerplateMarkers, ntext: NormalizedText | None = None) -> Body:
    """Split ``text`` into body lines, dropping comment forms, share/related blocks, bylines, signatures.

    ``ntext`` (``normalise(text)``, when the caller has it) saves folding each line again: the
    normaliser maps characters one by one, so a line's normalised form is a slice of it."""
    kept: list[Span] = []
    dropped: list[tuple[Span, str]] = []
    lines = _lines(text)
    same_length = ntext is not None and len(ntext.text) == len(text)
    for idx, span in enumerate(lines):
        if ntext is None:
            hit = _marker(text[span.start:span.end], markers)
        else:
            if same_length:  # nothing deleted: normalised index = raw index
                folded = ntext.text[span.start:span.end]
            else:
                folded = ntext.text[ntext.norm_index(span.start):ntext.norm_index(span.end)]
            hit = markers.first(" ".join(folded.split()))
        if hit and hit[0] == "cut":
            dropped.extend((s, f"after marker {hit[1]!r}") for s in lines[idx:])
            break
        if hit:
            dropped.append((span, f"marker {hit[1]!r}"))
            continue
        kept.append(span)
    # Trailing signatures: short lines after the last real paragraph.
    while len(kept) > 1 and _is_signature(text[kept[-1].start:kept[-1].end]):
        dropped.append((kept.pop(), "outlet signature"))
    kept = _join_broken_lines(text, kept)
    headlines = tuple(sp for sp in kept if _is_headline(text[sp.start:sp.end]))
    if len(headlines) == len(kept):
        headlines = ()  # a lone sentence or a list of short lines is all the body there is
    return Body(tuple(kept), headlines, tuple(sorted(dropped, key=lambda d: d[0].start)))


def _join_broken_lines(text: str, spans: list[Span]) -> list[Span]:
    """Re-join a sentence that a page broke over two lines: a long line with no closing mark
    followed by a line that closes a sentence. The first line is continued only when it is too
    long to be a headline."""
    out: list[Span] = []
    for i, sp in enumerate(spans):
        first_is_long = i == 1 and len(text[spans[0].start:spans[0].end].split()) >= HEADLINE_MAX_WORDS
        if i > 1 or first_is_long:
            prev = out[-1]
            line = text[prev.start:prev.end]
            gap = text[prev.end:sp.start]
            nxt = text[sp.start:sp.end].rstrip()
            if (gap.count("\n") == 1 and len(line.split()) >= BROKEN_LINE_MIN_WORDS
                    and not line.rstrip().endswith((".", "!", "؟", ":", '"', "”", "»", ")"))
                    and nxt.endswith((".", ".»", '."', ".”"))):
                out[-1] = Span(prev.start, sp.end)
                continue
        out.append(sp)
    return out


def _is_headline(line: str) -> bool:
    words = line.split()
    if words and _fold(words[0]).lstrip("و") in CONTINUATION_WORDS:
        return False  # "كما عززت القوات ...", "وأضاف المصدر ...": a sentence of the body, not a heading
    ends = line.rstrip()
    closed = ends.endswith((".", "!", ".»", ".\"", ".”")) and not ends.endswith(("..", "…"))
    return not closed and len(line.split()) < HEADLINE_MAX_WORDS
