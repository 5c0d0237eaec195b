"""The clitic-aware matcher finds lexicon keys at word boundaries, after proclitics, longest first."""

from __future__ import annotations

import pytest

from rasd.text.matching import PhraseMatcher, valid_proclitic
from rasd.text.normalise import normalise

MATCHER = PhraseMatcher([
    ("الجيش السوري", "army"),
    ("الجيش", "army-generic"),
    ("دير الزور", "dz"),
    ("مراط", "mrat"),
    ("التحالف الدولي", "coalition"),
])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصف للجيش السوري", [("لجيش السوري", "army")]),
        ("وبمراط", [("مراط", "mrat")]),
        ("والمراط", [("مراط", "mrat")]),
        ("بريف دير الزور", [("دير الزور", "dz")]),
        ("مراطي", []),
        ("سمراط", []),
        ("طائرات التحالف الدولي والجيش", [("التحالف الدولي", "coalition"), ("الجيش", "army-generic")]),
        ("وفقاً للتحالف الدولي", [("لتحالف الدولي", "coalition")]),
    ],
)
def test_matcher_finds_with_clitics(text: str, expected: list[tuple[str, str]]) -> None:
    hits = MATCHER.find(normalise(text))
    assert [(text[h.start:h.end], h.values[0]) for h in hits] == expected


def test_matcher_prefers_longest() -> None:
    hits = MATCHER.find(normalise("انتشر الجيش السوري"))
    assert [h.values for h in hits] == [("army",)]


@pytest.mark.parametrize(("prefix", "ok"), [("", True), ("و", True), ("وب", True), ("فال", True),
                                            ("لل", True), ("ولل", True), ("بو", False), ("س", False)])
def test_valid_proclitic(prefix: str, ok: bool) -> None:
    assert valid_proclitic(prefix) is ok


def test_matcher_empty_lexicon() -> None:
    assert PhraseMatcher([]).find(normalise("أي نص")) == []
