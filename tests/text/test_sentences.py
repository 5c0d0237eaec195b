"""Sentence and clause splitting keeps raw offsets and survives Arabic punctuation and quotes."""

from __future__ import annotations

from rasd.text.normalise import normalise
from rasd.text.sentences import split_clauses, split_sentences
from rasd.text.tokenise import segment, tokenise


def _texts(text: str, spans) -> list[str]:
    return [text[s.start:s.end] for s in spans]


def test_sentences_split_on_arabic_marks_and_lines() -> None:
    text = "قصفت الطائرات البلدة. هل انتهى القصف؟ قال المرصد: “قتل 3.5 بالمئة”.\nعنوان جديد"
    assert _texts(text, split_sentences(text)) == [
        "قصفت الطائرات البلدة.",
        "هل انتهى القصف؟",
        "قال المرصد: “قتل 3.5 بالمئة”.",
        "عنوان جديد",
    ]


def test_clauses_split_before_connectives() -> None:
    text = "اندلعت اشتباكات في درعا، فيما قصفت طائرات حربية ريف إدلب، وأسفرت عن قتلى."
    sent = split_sentences(text)[0]
    assert _texts(text, split_clauses(text, sent)) == [
        "اندلعت اشتباكات في درعا",
        "فيما قصفت طائرات حربية ريف إدلب، وأسفرت عن قتلى.",
    ]


def test_tokenise_offsets() -> None:
    text = "قَصفت «طائرات» ١٢ موقعاً"
    toks = tokenise(normalise(text))
    assert [t.text for t in toks] == ["قصفت", "طايرات", "12", "موقعا"]
    assert [text[t.start:t.end] for t in toks][1] == "طائرات"


def test_segment_proclitics() -> None:
    assert ("وب", "المدينه") in segment("وبالمدينه")
    assert ("ل", "الجيش") in segment("للجيش")
    assert segment("قصف")[0] == ("", "قصف")


def test_clause_split_equals_the_plain_scan_on_the_corpora() -> None:
    """Sentences without a connective skip the clause scan (issue #12); the spans are the scan's."""
    from rasd.model import Span
    from rasd.text.sentences import _CLAUSE, _trimmed
    from tests.corpus_texts import corpus_texts

    def reference(text: str, sentence: Span) -> list[Span]:
        spans, pos = [], sentence.start
        for m in _CLAUSE.finditer(text, sentence.start, sentence.end):
            if span := _trimmed(text, pos, m.start()):
                spans.append(span)
            pos = m.end()
        if span := _trimmed(text, pos, sentence.end):
            spans.append(span)
        return spans

    split = 0
    extra = ["قال، فيما  ", "   ", "x حيث قال", "حيث", "، كما\n", "في حين"]
    for text in corpus_texts() + extra:
        sentences = [*split_sentences(text), Span(0, len(text)), Span(0, 0)]
        for sent in sentences:
            got = split_clauses(text, sent)
            assert got == reference(text, sent), text[sent.start:sent.end]
            split += len(got) > 1
    assert split > 50
