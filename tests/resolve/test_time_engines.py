"""The time grammar runs on the stdlib engine where it matches exactly what the regex engine matches."""

from __future__ import annotations

from rasd.resolve.dates import load_time_lexicon
from rasd.text.normalise import normalise
from tests.corpus_texts import corpus_texts


def _texts() -> list[str]:
    return [normalise(t).text for t in corpus_texts()]


def test_fast_engine_gives_the_same_matches_on_the_corpora() -> None:
    lex = load_time_lexicon()
    assert lex.fast is not None and lex.guard is not None
    texts = _texts()
    fast = [t for t in texts if lex.guard.search(t) is None]
    assert len(fast) > 0.9 * len(texts)
    for t in fast:
        assert [(m.span(), m.groupdict()) for m in lex.fast.finditer(t)] == \
               [(m.span(), m.groupdict()) for m in lex.pattern.finditer(t)]


def test_texts_with_characters_the_engines_read_differently_use_the_regex_engine() -> None:
    lex = load_time_lexicon()
    assert lex.guard is not None
    for ch in ("\x1c", "\U0001d7d8", "\ud800"):  # \s only for re; a math digit; a lone surrogate
        text = f"قتل 3 اشخاص امس{ch}"
        assert lex.guard.search(text) is not None
        assert [m.span() for m in lex.finditer(text)] == [m.span() for m in lex.pattern.finditer(text)]
