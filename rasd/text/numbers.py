"""Numbers written in Arabic news: digits, number words, compounds, vague quantities and ranges."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rasd.resources import read_tsv
from rasd.text.normalise import normalise_key
from rasd.text.tokenise import Token

__all__ = ["NumberWords", "Quantity", "load_number_words", "read_number"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number read at ``tokens[first:last + 1]``; ``vague`` for عشرات/عدة; ``high`` for ranges."""

    value: int
    first: int
    last: int
    vague: bool = False
    high: int | None = None


@dataclass(frozen=True, slots=True)
class NumberWords:
    """Number-word lexicon: normalised word -> (value, kind)."""

    words: dict[str, tuple[int, str]]

    def lookup(self, word: str) -> tuple[int, str] | None:
        hit = self.words.get(word)
        if hit is None and word.startswith("و") and len(word) > 3:
            hit = self.words.get(word[1:])
        return hit


def load_number_words() -> NumberWords:
    """Load ``lexicons/number_words.tsv``."""
    words = {}
    for word, value, kind in read_tsv("lexicons/number_words.tsv", columns=3):
        words[normalise_key(word)] = (int(value), kind)
    return NumberWords(words)


def _digits(word: str) -> int | None:
    return int(word) if word.isdigit() and len(word) <= 7 else None


def read_number(tokens: Sequence[Token], i: int, words: NumberWords) -> Quantity | None:
    """The number starting at ``tokens[i]``, or None.

    Handles "15", "خمسة عشر", "ثلاثة وعشرون", "مئة وخمسون", "عشرات", and ranges
    "10 - 15" / "10 إلى 15" / "بين 10 و15" (value = the low end, ACLED's convention).
    """
    q = _read_simple(tokens, i, words)
    if q is None:
        return None
    j = q.last + 1
    if j + 1 < len(tokens) and tokens[j].text in {"الي", "او", "و"}:
        hi = _read_simple(tokens, j + 1, words)
        if hi is not None and hi.value > q.value and not hi.vague:
            return Quantity(q.value, q.first, hi.last, q.vague, hi.value)
    if j < len(tokens) and tokens[j].text.startswith("و") and _digits(tokens[j].text[1:]) is not None:
        hi_val = _digits(tokens[j].text[1:])
        if hi_val is not None and hi_val > q.value:
            return Quantity(q.value, q.first, j, q.vague, hi_val)
    return q


def _read_simple(tokens: Sequence[Token], i: int, words: NumberWords) -> Quantity | None:
    if i >= len(tokens):
        return None
    word = tokens[i].text
    value = _digits(word)
    if value is not None:
        return Quantity(value, i, i)
    hit = words.lookup(word)
    if hit is None:
        return None
    value, kind = hit
    if kind == "vague":
        return Quantity(value, i, i, vague=True)
    last = i
    # "خمسة عشر", "إحدى عشرة", "اثنا عشر"
    if kind in {"unit", "teen_unit"} and i + 1 < len(tokens) and tokens[i + 1].text in {"عشر", "عشره"}:
        return Quantity(value + 10, i, i + 1)
    if kind == "teen_unit":
        return None
    # "ثلاثة وعشرون", "مئة وخمسون", "مئة وخمسة وعشرون"
    while last + 1 < len(tokens) and tokens[last + 1].text.startswith("و"):
        nxt = words.lookup(tokens[last + 1].text[1:])
        if nxt is None or nxt[1] in {"vague", "teen_unit"} or (nxt[0] >= value and kind != "unit"):
            break
        value += nxt[0]
        kind = nxt[1]
        last += 1
    if kind != "thousand" and last + 1 < len(tokens) and tokens[last + 1].text in {"الف", "الاف"}:
        return Quantity(value * 1000, i, last + 1)
    return Quantity(value, i, last)
