"""PhraseMatcher.find and the boilerplate automaton give what the plain per-character loops gave (issue #12)."""

from __future__ import annotations

import ahocorasick
import pytest

from rasd.clean import _fold, _lines, load_boilerplate
from rasd.text.matching import PhraseMatch, PhraseMatcher, _leftmost_longest, is_word_char, valid_proclitic
from rasd.text.normalise import NormalizedText, normalise
from tests.corpus_texts import corpus_texts


def _texts() -> list[str]:
    return corpus_texts()


def _reference_automaton(m: PhraseMatcher) -> ahocorasick.Automaton:
    """One automaton over all of ``m``'s keys and their "ل" variants, built as the matcher built it
    before issue #12."""
    automaton = ahocorasick.Automaton()
    for key in m._table:
        automaton.add_word(key, (key, False, len(key)))
        if key.startswith("ال") and len(key) > 3:
            variant = "ل" + key[2:]
            if variant not in m._table:
                automaton.add_word(variant, (key, True, len(variant)))
    automaton.make_automaton()
    return automaton


def _reference_hits(m: PhraseMatcher, automaton: ahocorasick.Automaton, ntext: NormalizedText) -> list[PhraseMatch]:
    """The matcher's loop before issue #12: every automaton hit checked character by character."""
    text = ntext.text
    n = len(text)
    hits = []
    for end_idx, (key, lam_variant, _length) in automaton.iter(text):
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
    return hits


def _reference_find(m: PhraseMatcher, automaton: ahocorasick.Automaton, ntext: NormalizedText) -> list[PhraseMatch]:
    return _leftmost_longest(_reference_hits(m, automaton, ntext))


# keys that start or end with a non-word character, or hold one, and ones that clitics and words overlap
ODD_KEYS = ["(الجيش", "الجيش)", "ام بطين;", "شاميه /اللاذقيه/", "-دير", "دير-الزور", "الغريبه\u202c", "_حلب",
            "حلب_", "x.y", "الجيش", "الجيش الحر", "جيش", "لجيش", "ولد", "بال", "الباب", "باب الهوى", "1 2",
            "مدينة", "المدينة", "للمدينة", "ال ال", "اللاذقيه"]
ODD_TEXTS = ["وللجيش والللجيش بالمدينة للمدينة وللمدينة", "ابوكمال_الشرقي دير-الزور -دير و-دير",
             "\u0644\u0644" * 3, "", "(الجيش) و(الجيش الجيش) الجيش)ا", "ام بطين; امبطين; ام بطين;x ام بطين",
             "شاميه /اللاذقيه/ بشاميه /اللاذقيه/ش", "الغريبه\u202c والغريبه\u202cا", "_حلب حلب_ ب_حلب وحلب_ x.y",
             "الجيش الحر الجيش الحرة بالجيش الحر", "باب الهوى الباب بالباب وبالباب ولد ولولد", "1 2 1 23 11 2",
             "ال ال ال وال ال", "الجيش"]


@pytest.fixture(scope="module")
def matchers(pipeline) -> dict[str, PhraseMatcher]:
    res = pipeline.resources
    lex = res.event_lexicons
    return {"gazetteer": res.geocoder.gazetteer._matcher, "qualifiers": res.geocoder.lexicon.qualifiers,
            "triggers": lex.triggers, "context": lex.context, "weapons": lex.weapons, "sources": lex.sources,
            "actors": res.actor_kb._finder._matcher,
            "odd": PhraseMatcher([(k, i) for i, k in enumerate(ODD_KEYS)], min_length=1)}


def test_find_equals_the_reference_loop_on_the_corpora(matchers: dict[str, PhraseMatcher]) -> None:
    automata = {name: _reference_automaton(m) for name, m in matchers.items()}
    texts = _texts() + ODD_TEXTS
    for text in texts:
        ntext = normalise(text)
        for name, m in matchers.items():
            assert m.find(ntext) == _reference_find(m, automata[name], ntext), (name, text[:60])
            # every hit, overlapping ones too (sorted by span: the reference yields them by end)
            hits = m.find(ntext, overlapping=True)
            assert hits == sorted(hits, key=lambda h: (h.start, -h.end))
            assert sorted(hits, key=lambda h: (h.norm_start, h.norm_end)) == sorted(
                _reference_hits(m, automata[name], ntext), key=lambda h: (h.norm_start, h.norm_end)), (name, text[:60])


def test_odd_keys_are_found(matchers: dict[str, PhraseMatcher]) -> None:
    found = {h.key for text in ODD_TEXTS for h in matchers["odd"].find(normalise(text), overlapping=True)}
    assert {"(الجيش", "الجيش)", "ام بطين;", "شاميه /اللاذقيه/", "_حلب", "حلب_", "x.y", "1 2"} <= found


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
