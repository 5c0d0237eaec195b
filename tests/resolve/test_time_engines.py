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


def test_scanning_for_first_words_gives_the_plain_scans_matches() -> None:
    """Trying the grammar only where a first word starts finds what trying it everywhere finds (issue #12)."""
    import random

    lex = load_time_lexicon()
    assert lex.fast is not None and lex.starts is not None and lex.scan_guard is not None
    texts = _texts()
    scanned = [t for t in texts if lex.scan_guard.search(t) is None]
    assert len(scanned) > 0.9 * len(texts)
    # texts packed with first words, proclitics, digits and separators, in every order
    pieces = ["منذ", "قبل", "3", "12", "2023", "ايام", "يومين", "الاسبوع", "الماضي", "خلال", "الشهر", "شهر", "الجاري",
              "اليوم", "امس", "اول", "صباح", "مساء", "الخميس", "الاحد", "ليله", "يوم", "اكتوبر", "تشرين", "-", "/", ".",
              "و", "ف", "ب", "ل", "وب", "ال", "x", " ", " ", " ", "\n", "(", ")", "الموافق", "من", "عام", "24", "ساعه"]
    rng = random.Random(5)
    synthetic = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(4000)]
    synthetic += ["وامس", "فامس", "بالامس", "لليله", "واليوم وامس", "منذ3 ايام", "قبلقبل يومين", "12/10/2023",
                  "2023-10-12", "فجر يوم الخميس 12 اكتوبر 2023", "الاحد8 اكتوبر"]
    found = 0
    for t in scanned + synthetic:
        assert lex.scan_guard.search(t) is None
        got = [(m.span(), m.groupdict()) for m in lex.finditer(t)]
        assert got == [(m.span(), m.groupdict()) for m in lex.fast.finditer(t)], t[:80]
        found += len(got)
    assert found > 1000


def test_texts_with_other_digits_skip_the_scanner() -> None:
    lex = load_time_lexicon()
    assert lex.scan_guard is not None and lex.guard is not None
    text = "قتل \u0967\u0968 شخصا امس"  # Devanagari digits: \d for the grammar, not in the scanner's 0-9
    assert lex.scan_guard.search(text) is not None and lex.guard.search(text) is None
    assert [m.span() for m in lex.finditer(text)] == [m.span() for m in lex.fast.finditer(text)]
