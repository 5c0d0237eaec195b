"""Sentence and clause splitting that survives Arabic punctuation, quotes and abbreviations."""

from __future__ import annotations

import re

import regex

from rasd.model import Span

__all__ = ["split_clauses", "split_sentences"]

# A sentence ends at . ! ? ؟ … or a blank line (single line breaks are paragraph ends, which
# the cleaner already separates, or layout breaks inside a sentence); a full stop inside a number (3.5) or directly
# followed by a letter (u.s.) does not end it; closing quotes and brackets stay with the sentence.
_SENT_END = regex.compile(r"(?:(?<!\d)[.!?؟…]+|(?<=\d)[.!?؟…]+(?!\d))[\"'”’»)\]]*(?=\s|$)|\n\s*\n")

# Clause boundaries inside a sentence: a comma or semicolon followed by a connective that
# usually opens a new report ("، فيما", "، بينما", "؛ كما").
_CONNECTIVES = ("فيما", "بينما", "في حين", "كما", "وكذلك", "إلى ذلك", "الى ذلك", "وفي سياق", "في سياق", "وتزامنا",
                "تزامنا", "وفي وقت", "في وقت", "ومن جهة", "من جهة", "حيث")
_CLAUSE = regex.compile(r"(?:[،,؛;:]\s*|\s(?=حيث\s))(?=(?:" + "|".join(_CONNECTIVES) + r")\s)")
# any connective anywhere (literal alternatives: sre skips to their first letters at C speed)
_ANY_CONNECTIVE = re.compile("|".join(map(re.escape, _CONNECTIVES)))


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of ``text[start:end]`` (raw offsets), whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        span = _trimmed(text, pos, m.end() if m.group().strip() else m.start())
        if span and any(ch.isalnum() for ch in text[span.start:span.end]):
            spans.append(span)
        pos = m.end()
    span = _trimmed(text, pos, end)
    if span and any(ch.isalnum() for ch in text[span.start:span.end]):
        spans.append(span)
    return spans


def split_clauses(text: str, sentence: Span) -> list[Span]:
    """Clause spans of one sentence, split at a comma before a connective."""
    spans: list[Span] = []
    pos = sentence.start
    if _ANY_CONNECTIVE.search(text, sentence.start, sentence.end) is None:  # a boundary needs a connective
        span = _trimmed(text, pos, sentence.end)
        return [span] if span else []
    for m in _CLAUSE.finditer(text, sentence.start, sentence.end):
        span = _trimmed(text, pos, m.start())
        if span:
            spans.append(span)
        pos = m.end()
    span = _trimmed(text, pos, sentence.end)
    if span:
        spans.append(span)
    return spans
