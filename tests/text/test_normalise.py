"""Normalisation folds Arabic variants and keeps offsets into the raw text."""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest

from rasd.text import normalise as nm
from rasd.text.normalise import NormalizedText, _table, normalise

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "events"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("إسرائيل", "اسراييل"),
        ("أمس الأول", "امس الاول"),
        ("آب", "اب"),
        ("مستشفى", "مستشفي"),
        ("قاعدة", "قاعده"),
        ("مسؤول", "مسوول"),
        ("قُتِلَ", "قتل"),
        ("الإسـلامية", "الاسلاميه"),
        ("١٥ قتيلاً", "15 قتيلا"),
        ("۲۳ هجوماً", "23 هجوما"),
        ("“قسد”", '"قسد"'),
        ("القائم – البوكمال", "القايم - البوكمال"),
        ("CJTF-OIR", "cjtf-oir"),
    ],
)
def test_normalise_folds_variants(raw: str, expected: str) -> None:
    assert nm.normalise(raw).text == expected


@pytest.mark.parametrize("raw", ["قَصَفَتْ طائراتُ التحالفِ بلدةَ مُراط", "الإسـلاميـة في «العراق» ١٥"])
def test_normalise_offsets_point_into_raw(raw: str) -> None:
    n = nm.normalise(raw)
    assert len(n.offsets) == len(n.text) + 1
    for i, ch in enumerate(n.text):
        assert nm.normalise(raw[n.offsets[i]]).text == ch


def test_normalise_raw_span_round_trip() -> None:
    raw = "قَصَفَتْ طائراتُ التحالفِ"
    n = nm.normalise(raw)
    i = n.text.index("طايرات")
    start, end = n.raw_span(i, i + len("طايرات"))
    assert nm.normalise(raw[start:end]).text == "طايرات"


@pytest.mark.parametrize(
    ("name", "char"),
    [
        ("ARABIC LETTER ALEF WITH HAMZA ABOVE", nm.ALEF_HAMZA_ABOVE),
        ("ARABIC LETTER ALEF WITH HAMZA BELOW", nm.ALEF_HAMZA_BELOW),
        ("ARABIC LETTER ALEF WITH MADDA ABOVE", nm.ALEF_MADDA),
        ("ARABIC LETTER ALEF WASLA", nm.ALEF_WASLA),
        ("ARABIC LETTER ALEF MAKSURA", nm.ALEF_MAKSURA),
        ("ARABIC LETTER TEH MARBUTA", nm.TEH_MARBUTA),
        ("ARABIC TATWEEL", nm.TATWEEL),
        ("ARABIC LETTER FARSI YEH", nm.FARSI_YEH),
        ("ARABIC LETTER KEHEH", nm.KEHEH),
    ],
)
def test_normalise_named_code_points(name: str, char: str) -> None:
    assert unicodedata.name(char) == name


def test_normalise_key_collapses_space_and_punctuation() -> None:
    assert nm.normalise_key("  «قوات  سوريا الديمقراطية»، ") == "قوات سوريا الديمقراطيه"


def _reference_normalise(text: str) -> NormalizedText:
    """The original per-character loop, kept as the specification of the one-pass normaliser."""
    table = _table()
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        rep = table.get(ch)
        if rep is None:
            rep = ch.lower() if ch.isascii() else ch
        elif rep == "":
            continue
        out.append(rep)
        offsets.append(i)
    offsets.append(len(text))
    return NormalizedText("".join(out), tuple(offsets), len(text))


def test_normalise_equals_the_per_character_reference() -> None:
    specials = "".join(_table()) + "AZaz09 \n\t_.،ـًٌٍَُِّْ" + "".join(map(chr, range(0x600, 0x700)))
    rng = random.Random(12)
    samples = ["", "ـ", "أَ", "ABC xyz", *("".join(rng.choice(specials) for _ in range(rng.randint(1, 60)))
                                          for _ in range(2000))]
    samples += [json.loads(line)["text"] for p in sorted(CORPUS.glob("*.jsonl"))
                for line in p.open(encoding="utf-8")]
    for s in samples:
        assert normalise(s) == _reference_normalise(s), s


def test_replace_chain_equals_translate() -> None:
    """The str.replace chain used on longer texts gives what the one str.translate gives (issue #12)."""
    trans = nm._translation()[0]
    specials = "".join(_table()) + "AZaz09 \n\t_.،ـًٌٍَُِّْ" + "".join(map(chr, range(0x600, 0x700))) + "\U0001f600"
    rng = random.Random(3)
    samples = ["".join(rng.choice(specials) for _ in range(n)) for n in [*range(nm._CHAIN_FROM - 2, nm._CHAIN_FROM + 3),
                                                                       *(rng.randint(33, 3000) for _ in range(300))]]
    samples += [json.loads(line)["text"] for p in sorted(CORPUS.glob("*.jsonl")) for line in p.open(encoding="utf-8")]
    assert any(len(s) >= nm._CHAIN_FROM for s in samples) and any(len(s) < nm._CHAIN_FROM for s in samples)
    for s in samples:
        assert nm._fold(s) == s.translate(trans), s[:40]
        assert nm.normalised_text(s) == s.translate(trans)
