"""Analyse an article into a Doc: body, sentences, clauses, tokens and typed mentions with raw offsets."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from rasd.clean import Body, clean
from rasd.model import Article, Span
from rasd.records import fast_init
from rasd.resolve.dates import TimeMention, find_times, infer_pub_date
from rasd.text.matching import PhraseMatch
from rasd.text.normalise import NormalizedText, normalise
from rasd.text.sentences import split_clauses, split_sentences
from rasd.text.tokenise import Token, tokenise

if TYPE_CHECKING:
    from rasd.actors import ActorMention
    from rasd.geo import PlaceMention
    from rasd.pipeline import Resources

__all__ = ["Clause", "Doc", "analyse", "by_clause"]

M = TypeVar("M")


@fast_init
@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a body sentence; ``index`` orders clauses through the article."""

    span: Span
    sentence: Span
    index: int
    paragraph: int
    is_headline: bool


@dataclass(frozen=True, slots=True)
class Doc:
    """An analysed article: every mention carries raw offsets into ``article.text``."""

    article: Article
    pub_date: dt.date | None
    pub_date_inferred: bool
    ntext: NormalizedText
    tokens: tuple[Token, ...]
    token_starts: tuple[int, ...]
    body: Body
    clauses: tuple[Clause, ...]
    times: tuple[TimeMention, ...]
    time_starts: tuple[int, ...]
    places: tuple[PlaceMention, ...]
    actors: tuple[ActorMention, ...]
    triggers: tuple[PhraseMatch[Any], ...]
    weapons: tuple[PhraseMatch[Any], ...]
    context: tuple[PhraseMatch[Any], ...]
    sources: tuple[PhraseMatch[Any], ...]

    @property
    def text(self) -> str:
        return self.article.text

    def token_index(self, raw_pos: int) -> int:
        """Index of the first token starting at or after ``raw_pos``."""
        return bisect.bisect_left(self.token_starts, raw_pos)

    def token_at(self, raw_pos: int) -> int:
        """Index of the token containing ``raw_pos`` (a match after a proclitic starts inside its word)."""
        return max(0, bisect.bisect_right(self.token_starts, raw_pos) - 1)


def by_clause(items: Sequence[M], clauses: Sequence[Clause]) -> list[list[M]]:
    """Items (each with ``start``/``end``) grouped by the clause that contains them (one pass)."""
    starts = [c.span.start for c in clauses]
    groups: list[list[M]] = [[] for _ in clauses]
    for m in items:
        start, end = getattr(m, "start"), getattr(m, "end")  # noqa: B009 - duck-typed mentions
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < clauses[i].span.end and end <= clauses[i].span.end:
            groups[i].append(m)
    return groups


def _in_body(body: Body, starts: Sequence[int], start: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and start < body.spans[i].end


def _clauses(text: str, body: Body) -> tuple[Clause, ...]:
    out: list[Clause] = []
    headlines = set(body.headlines)
    for para_idx, line in enumerate(body.spans):
        for sentence in split_sentences(text, line.start, line.end):
            for clause in split_clauses(text, sentence):
                out.append(Clause(clause, sentence, len(out), para_idx, line in headlines))
    return tuple(out)


def analyse(article: Article, res: Resources) -> Doc:
    """Clean, normalise, tokenise, split and find every mention in ``article``."""
    text = article.text
    ntext = normalise(text)
    body = clean(text, res.boilerplate, ntext)
    pub_date, inferred = article.pub_date, False
    if pub_date is None:
        pub_date = infer_pub_date(ntext, text, res.time_lexicon)
        inferred = pub_date is not None

    span_starts = [sp.start for sp in body.spans]

    def body_only(items: Sequence[M]) -> tuple[M, ...]:
        return tuple(m for m in items if _in_body(body, span_starts, getattr(m, "start")))  # noqa: B009

    lex = res.event_lexicons
    tokens = tuple(tokenise(ntext))
    times = body_only(find_times(ntext, text, res.time_lexicon, pub_date))
    return Doc(
        article=article,
        pub_date=pub_date,
        pub_date_inferred=inferred,
        ntext=ntext,
        tokens=tokens,
        token_starts=tuple(t.start for t in tokens),
        body=body,
        clauses=_clauses(text, body),
        times=times,
        time_starts=tuple(t.start for t in times),
        places=body_only(res.geocoder.find(ntext, text=text)),
        actors=body_only(res.actor_kb.find(ntext, raw=text)),
        triggers=body_only(lex.triggers.find(ntext)),
        weapons=body_only(lex.weapons.find(ntext)),
        context=body_only(lex.context.find(ntext)),
        sources=body_only(lex.sources.find(ntext)),
    )
