"""Numbers: digits, words, compounds, vague quantities, ranges."""

from __future__ import annotations

import pytest

from rasd.text.normalise import normalise
from rasd.text.numbers import load_number_words, read_number
from rasd.text.tokenise import tokenise

WORDS = load_number_words()


@pytest.mark.parametrize(
    ("text", "value", "vague", "high"),
    [
        ("5 عناصر", 5, False, None),
        ("١٥ قتيلاً", 15, False, None),
        ("ثلاثة مدنيين", 3, False, None),
        ("خمسة عشر جنديا", 15, False, None),
        ("ثلاثة وعشرون هجوما", 23, False, None),
        ("مئة وخمسون شخصا", 150, False, None),
        ("عشرات القتلى", 10, True, None),
        ("10 إلى 15 غارة", 10, False, 15),
        ("10 و15 غارة", 10, False, 15),
        ("أربعة صواريخ", 4, False, None),
        ("ألفي", None, False, None),
    ],
)
def test_read_number(text: str, value: int | None, vague: bool, high: int | None) -> None:
    q = read_number(tokenise(normalise(text)), 0, WORDS)
    if value is None:
        assert q is None
        return
    assert q is not None
    assert (q.value, q.vague, q.high) == (value, vague, high)
