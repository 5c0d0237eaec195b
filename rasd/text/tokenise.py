"""Word tokens with offsets, and Arabic proclitic segmentation."""

from __future__ import annotations

from typing import NamedTuple

import regex

from rasd.text.matching import valid_proclitic
from rasd.text.normalise import NormalizedText

__all__ = ["Token", "segment", "tokenise"]

_WORD = regex.compile(r"[\p{L}\p{N}]+")


class Token(NamedTuple):
    """A word of the normalised text; ``start``/``end`` are raw offsets, ``norm_*`` normalised ones.

    A named tuple (immutable, compared and hashed by its fields like the frozen dataclass it was):
    an article has a token per word, and a tuple is built in C (issue #12: a third of the cost)."""

    text: str
    start: int
    end: int
    norm_start: int
    norm_end: int


_new_token = tuple.__new__


def tokenise(ntext: NormalizedText) -> list[Token]:
    """Words (letters and digits) of ``ntext`` with raw and normalised offsets."""
    text, offsets = ntext.text, ntext.offsets
    out = []
    for m in _WORD.finditer(text):
        s, e = m.span()  # a word is never empty: its raw span is offsets[s] .. offsets[e - 1] + 1
        out.append(_new_token(Token, (text[s:e], offsets[s], offsets[e - 1] + 1, s, e)))
    return out


def segment(word: str, *, min_stem: int = 2) -> list[tuple[str, str]]:
    """Possible (proclitics, stem) splits of a normalised word, longest stem first.

    ``"وبالمدينة"`` gives ``[("", "وبالمدينة"), ("و", "بالمدينة"), ("وب", "المدينة"),
    ("وبال", "مدينة")]``; ``"للجيش"`` also gives ``("لل", "جيش")`` and the article form
    ``("ل", "الجيش")``.
    """
    out = [("", word)]
    for i in range(1, min(len(word) - min_stem, 5) + 1):
        prefix, stem = word[:i], word[i:]
        if valid_proclitic(prefix):
            out.append((prefix, stem))
            if prefix.endswith("لل"):
                out.append((prefix[:-1], "ال" + stem))
    return out
