"""PhraseMatcher.find and the boilerplate automaton give what the plain per-character loops gave (issue #12)."""

from __future__ import annotations

import pytest

from rasd.clean import _fold, _lines, load_boilerplate
from rasd.text.matching import PhraseMatch, PhraseMatcher, _leftmost_longest, is_word_char, valid_proclitic
from rasd.text.normalise import NormalizedText, normalise
from tests.corpus_texts import corpus_texts


def _texts() -> list[str]:
    return corpus_texts()


def _reference_find(m: PhraseMatcher, ntext: NormalizedText) -> list[PhraseMatch]:
    """The matcher's loop before issue #12: every automaton hit checked character by character."""
    text = ntext.text
    n = len(text)
    hits = []
    for end_idx, (key, lam_variant, _length) in m._automaton.iter(text):
        end = end_idx + 1
        start = end - (len(key) - 1 if lam_variant else len(key))
        if end < n and is_word_char(text[end]):
            continue
        word_start = start
        while word_start > 0 and is_word_char(text[word_start - 1]):
            word_start -= 1
        prefix = text[word_start:start]
        if lam_variant:
            prefix += "ل"
            if not prefix.endswith("لل") or not valid_proclitic(prefix):
                continue
        elif not valid_proclitic(prefix):
            continue
        if prefix.endswith("ال") and key.startswith("ال"):
            continue
        raw_start, raw_end = ntext.raw_span(start, end)
        hits.append(PhraseMatch(raw_start, raw_end, key, prefix, m._table[key], start, end))
    return _leftmost_longest(hits)


@pytest.fixture(scope="module")
def matchers(pipeline) -> dict[str, PhraseMatcher]:
    res = pipeline.resources
    lex = res.event_lexicons
    return {"gazetteer": res.geocoder.gazetteer._matcher, "qualifiers": res.geocoder.lexicon.qualifiers,
            "triggers": lex.triggers, "context": lex.context}


def test_find_equals_the_reference_loop_on_the_corpora(matchers: dict[str, PhraseMatcher]) -> None:
    texts = _texts()
    texts += ["وللجيش والللجيش بالمدينة", "ابوكمال_الشرقي دير-الزور", "\u0644\u0644" * 3, ""]
    for text in texts:
        ntext = normalise(text)
        for name, m in matchers.items():
            assert m.find(ntext) == _reference_find(m, ntext), (name, text[:60])


def test_boilerplate_automaton_equals_the_marker_loop() -> None:
    markers = load_boilerplate()

    def reference(key: str) -> tuple[str, str] | None:
        for phrase, action, where in markers.markers:
            if (where == "start" and key.startswith(phrase)) or (where == "contains" and phrase in key):
                return action, phrase
        return None

    lines = [t[s.start:s.end] for t in _texts() for s in _lines(t)]
    phrases = [p for p, _, _ in markers.markers]
    lines += [f"{a} {b}" for a in phrases for b in phrases] + [f"خبر {p}" for p in phrases]
    hits = 0
    for line in lines:
        key = _fold(line)
        assert markers.first(key) == reference(key), line
        hits += reference(key) is not None
    assert hits > len(phrases)
