"""Offset-keeping Arabic normalisation for matching (one table-driven normaliser).

Every step maps one character to at most one character (or deletes it), so the
normalised text carries, for each of its characters, the index of the raw
character it came from; spans found in normalised text map back exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

__all__ = ["STEPS", "NormalizedText", "normalise", "normalise_key", "normalised_text"]

# Named confusable code points (checked against unicodedata.name in the tests).
ALEF = "\u0627"
ALEF_MADDA = "\u0622"
ALEF_HAMZA_ABOVE = "\u0623"
ALEF_HAMZA_BELOW = "\u0625"
ALEF_WASLA = "\u0671"
ALEF_MAKSURA = "\u0649"
YEH = "\u064a"
FARSI_YEH = "\u06cc"
TEH_MARBUTA = "\u0629"
HEH = "\u0647"
WAW_HAMZA = "\u0624"
WAW = "\u0648"
YEH_HAMZA = "\u0626"
KEHEH = "\u06a9"
KAF = "\u0643"
TATWEEL = "\u0640"

_DIACRITICS = {chr(c) for c in range(0x064B, 0x0660)} | {chr(c) for c in range(0x0610, 0x061B)}
_DIACRITICS |= {"\u0670"} | {chr(c) for c in range(0x06D6, 0x06EE)} - {"\u06e5", "\u06e6"}
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u061c", "\u00ad"}

# Each step: name -> {char: replacement or "" (delete)}.
STEPS: dict[str, dict[str, str]] = {
    "diacritics": dict.fromkeys(_DIACRITICS, ""),
    "tatweel": {TATWEEL: "", **dict.fromkeys(_INVISIBLE, "")},
    "alef": {ALEF_MADDA: ALEF, ALEF_HAMZA_ABOVE: ALEF, ALEF_HAMZA_BELOW: ALEF, ALEF_WASLA: ALEF},
    "ya": {ALEF_MAKSURA: YEH, FARSI_YEH: YEH, YEH_HAMZA: YEH},
    "waw": {WAW_HAMZA: WAW},
    "ta_marbuta": {TEH_MARBUTA: HEH},
    "kaf": {KEHEH: KAF},
    "digits": {
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    },
    "punctuation": {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'",
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
        "\u066b": ".", "\u066c": ",", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    },
}


@cache
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for mapping in STEPS.values():
        table.update(mapping)
    return table


@cache
def _translation() -> tuple[dict[int, str | None], re.Pattern[str]]:
    """``str.translate`` table of :func:`_table` plus ASCII lower-casing, and a pattern of the runs of
    characters kept (every character except the deleted ones)."""
    trans: dict[int, str | None] = {ord(c): c.lower() for c in map(chr, range(128)) if c.lower() != c}
    deleted = []
    for ch, rep in _table().items():
        if len(rep) > 1:
            raise ValueError(f"normalisation step maps {ch!r} to more than one character")
        trans[ord(ch)] = rep or None
        if not rep:
            deleted.append(re.escape(ch))
    return trans, re.compile("[^" + "".join(deleted) + "]+")


@cache
def _replacements() -> tuple[tuple[str, str], ...]:
    """The translation as ``(character, replacement or "")`` pairs for a chain of ``str.replace``.

    Replacing one character after another equals the simultaneous ``str.translate`` because no
    replacement is itself a character the table maps (checked here)."""
    pairs = tuple((chr(code), rep or "") for code, rep in _translation()[0].items())
    mapped = {ch for ch, _ in pairs}
    if any(rep in mapped for _, rep in pairs if rep):
        raise ValueError("normalisation maps a character to another mapped character")
    return pairs


# From this length on, the str.replace chain beats str.translate, whose dictionary lookup per
# character costs ~750 instructions on non-ASCII text (the chain: ~125 C-speed scans).
_CHAIN_FROM = 32


def _fold(text: str) -> str:
    """``text.translate(_translation()[0])``, as a chain of ``str.replace`` on longer texts."""
    if len(text) < _CHAIN_FROM:
        return text.translate(_translation()[0])
    for ch, rep in _replacements():
        if ch in text:
            text = text.replace(ch, rep)
    return text


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text plus, for each of its characters, the raw index it came from.

    ``offsets`` has ``len(text) + 1`` entries; the last is the raw length, so a
    normalised span ``[i, j)`` is the raw span ``[offsets[i], offsets[j - 1] + 1)``.
    """

    text: str
    offsets: tuple[int, ...]
    raw_length: int

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` of the normalised span ``[start, end)``."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else self.raw_length
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def norm_index(self, raw_index: int) -> int:
        """First normalised index whose raw index is >= ``raw_index``."""
        import bisect

        return bisect.bisect_left(self.offsets, raw_index, 0, len(self.text))


def normalise(text: str) -> NormalizedText:
    """Fold diacritics, tatweel, alef/ya/ta-marbuta forms, digits, quotes and dashes; lower-case Latin.

    One ``str.translate`` pass (or the equal ``str.replace`` chain, see :func:`_fold`); the offsets
    come from the runs of kept characters (C-speed).
    """
    kept = _translation()[1]
    n = len(text)
    folded = _fold(text)
    if len(folded) == n:  # nothing deleted (most news text): normalised index = raw index
        return NormalizedText(folded, tuple(range(n + 1)), n)
    offsets: list[int] = []
    for m in kept.finditer(text):
        offsets.extend(range(m.start(), m.end()))
    offsets.append(n)
    return NormalizedText(folded, tuple(offsets), n)


def normalised_text(text: str) -> str:
    """``normalise(text).text`` without the offsets."""
    return _fold(text)


def normalise_key(s: str) -> str:
    """Normalised lexicon key: :func:`normalise` plus NFC, single spaces, no edge punctuation."""
    s = normalise(unicodedata.normalize("NFC", s)).text
    s = " ".join(s.replace('"', " ").replace("'", " ").split())
    return s.strip(" .,،؛:-")
