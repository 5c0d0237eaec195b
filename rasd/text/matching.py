"""Clitic-aware longest-match lexicon matching over normalised text (Aho-Corasick).

A key matches where it starts a word, or follows a valid proclitic chain in the
same word (و ف + ب ل ك + ال, and the contraction لل for ل + ال), and ends at a
word end. Overlapping matches are resolved leftmost-longest. Used by every
lexicon finder (actors, places, triggers) so they share one notion of a match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Generic, TypeVar

import ahocorasick

from rasd.records import fast_init
from rasd.text.normalise import NormalizedText, normalise_key

__all__ = ["PhraseMatch", "PhraseMatcher", "is_word_char", "valid_proclitic"]

T = TypeVar("T")

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")
_ART = ("", "ال")
_PROCLITICS = frozenset(c + p + a for c in _CONJ for p in _PREP for a in _ART) | frozenset(
    c + "لل" for c in _CONJ
)
_MAX_PROCLITIC = max(map(len, _PROCLITICS))


def valid_proclitic(prefix: str) -> bool:
    """True when ``prefix`` is a chain of Arabic proclitics (possibly empty)."""
    return prefix in _PROCLITICS


def is_word_char(ch: str) -> bool:
    """Letters and digits (incl. Arabic) are word characters."""
    return ch.isalnum()


@fast_init
@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    """A lexicon hit: raw ``[start, end)`` of the name (clitics excluded), its key and values."""

    start: int
    end: int
    key: str
    prefix: str
    values: tuple[T, ...]
    norm_start: int
    norm_end: int


class PhraseMatcher(Generic[T]):
    """Finds lexicon keys in normalised text; several values may share one key."""

    def __init__(self, entries: Iterable[tuple[str, T]], *, min_length: int = 2) -> None:
        table: dict[str, list[T]] = {}
        for surface, value in entries:
            key = normalise_key(surface)
            if len(key) < min_length:
                continue
            table.setdefault(key, []).append(value)
        self._table = {k: tuple(v) for k, v in table.items()}
        automaton = ahocorasick.Automaton()
        for key in self._table:
            automaton.add_word(key, (key, False, len(key)))
            if key.startswith("ال") and len(key) > 3:
                # "للجيش" = ل + الجيش: the article's alef is dropped after ل.
                variant = "ل" + key[2:]
                if variant not in self._table:
                    automaton.add_word(variant, (key, True, len(variant)))
        self._automaton = automaton
        self._empty = not self._table
        if not self._empty:
            automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, surface: str) -> bool:
        return normalise_key(surface) in self._table

    def get(self, surface: str) -> tuple[T, ...]:
        """Values stored under ``surface`` (normalised), or ``()``."""
        return self._table.get(normalise_key(surface), ())

    def values_of_key(self, key: str) -> tuple[T, ...]:
        """Values stored under the already normalised ``key`` (a hit's ``key``), or ``()``."""
        return self._table.get(key, ())

    def keys(self) -> Iterable[str]:
        return self._table.keys()

    def find(self, ntext: NormalizedText, *, overlapping: bool = False) -> list[PhraseMatch[T]]:
        """All matches in ``ntext``, leftmost-longest and non-overlapping unless ``overlapping``."""
        if self._empty:
            return []
        text = ntext.text
        offsets = ntext.offsets
        n = len(text)
        table = self._table
        # (start - end, start, end, key, prefix): sorted, the longest first and then the leftmost (no two
        # hits share a span, so the order never reaches the strings); records are built for kept hits only
        cands: list[tuple[int, int, int, str, str]] = []
        for end_idx, (key, lam_variant, length) in self._automaton.iter(text):
            end = end_idx + 1
            if end < n and text[end].isalnum():  # not a word end (is_word_char, inlined: most hits stop here)
                continue
            start = end - length
            if start == 0 or not text[start - 1].isalnum():
                prefix = ""
            else:
                # the proclitics before the match, within its word (a valid chain has at most 4 letters)
                word_start = start - 1
                while word_start > 0 and text[word_start - 1].isalnum():
                    word_start -= 1
                    if start - word_start > _MAX_PROCLITIC:
                        break
                prefix = text[word_start:start]
            if lam_variant:
                prefix += "ل"
                if not prefix.endswith("لل") or prefix not in _PROCLITICS:
                    continue
            elif prefix and prefix not in _PROCLITICS:
                continue
            if prefix.endswith("ال") and key.startswith("ال"):
                continue
            cands.append((start - end, start, end, key, prefix))
        if not overlapping:
            cands = _leftmost_longest_spans(cands)
        hits = []
        for _, start, end, key, prefix in cands:
            if end > start:
                raw_start, raw_end = offsets[start], offsets[end - 1] + 1
            else:
                raw_start, raw_end = ntext.raw_span(start, end)
            hits.append(PhraseMatch(raw_start, raw_end, key, prefix, table[key], start, end))
        if overlapping:
            hits.sort(key=lambda m: (m.start, -m.end))
        return hits


def _leftmost_longest_spans(cands: list[tuple[int, int, int, str, str]]) -> list[tuple[int, int, int, str, str]]:
    """The non-overlapping candidates, longest first then leftmost, returned in text order."""
    if len(cands) < 2:
        return cands
    cands.sort()
    used = bytearray(max(c[2] for c in cands))
    taken = []
    for c in cands:
        start, end = c[1], c[2]
        if 1 in used[start:end]:
            continue
        taken.append(c)
        used[start:end] = b"\x01" * (end - start)
    taken.sort(key=itemgetter(1))
    return taken


def _leftmost_longest(hits: list[PhraseMatch[T]]) -> list[PhraseMatch[T]]:
    hits.sort(key=lambda m: (-(m.norm_end - m.norm_start), m.norm_start))
    taken: list[PhraseMatch[T]] = []
    # one byte per normalised character: 1 where a taken match lies (C-speed overlap test for large lexicons)
    used = bytearray(max((h.norm_end for h in hits), default=0))
    for h in hits:
        if 1 in used[h.norm_start:h.norm_end]:
            continue
        taken.append(h)
        used[h.norm_start:h.norm_end] = b"\x01" * (h.norm_end - h.norm_start)
    taken.sort(key=lambda m: m.norm_start)
    return taken
