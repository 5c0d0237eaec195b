"""The pipeline every entry point calls: read → clean/analyse → frames → events → in-article merge."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING

from rasd.analyse import Doc, analyse
from rasd.clean import BoilerplateMarkers, load_boilerplate
from rasd.engine.build import build_events
from rasd.engine.lexicons import EventLexicons, load_event_lexicons
from rasd.merge import merge_events
from rasd.model import Article, Event
from rasd.resolve.dates import TimeLexicon, load_time_lexicon
from rasd.text.numbers import NumberWords, load_number_words

if TYPE_CHECKING:
    from rasd.actors import ActorKB
    from rasd.decide import Decider
    from rasd.geo import Geocoder

__all__ = ["Pipeline", "Resources", "load_pipeline"]


class Resources:
    """The packaged knowledge, each part loaded once on first use and then held by this object."""

    @cached_property
    def boilerplate(self) -> BoilerplateMarkers:
        return load_boilerplate()

    @cached_property
    def time_lexicon(self) -> TimeLexicon:
        return load_time_lexicon()

    @cached_property
    def number_words(self) -> NumberWords:
        return load_number_words()

    @cached_property
    def event_lexicons(self) -> EventLexicons:
        return load_event_lexicons()

    @cached_property
    def geocoder(self) -> Geocoder:
        from rasd.geo import load_geocoder

        return load_geocoder()

    @cached_property
    def actor_kb(self) -> ActorKB:
        from rasd.actors import load_actor_kb

        return load_actor_kb()

    @cached_property
    def decider(self) -> Decider:
        from rasd.decide import load_decider

        return load_decider()

    def warm(self) -> Resources:
        """Load everything now (for servers and workers that should not pay on the first article)."""
        for name in ("boilerplate", "time_lexicon", "number_words", "event_lexicons", "geocoder", "actor_kb",
                     "decider"):
            getattr(self, name)
        return self


class Pipeline:
    """Article in, events out; holds its Resources.

    ``decide=False`` keeps every rule candidate (the learned layer's training input);
    ``min_confidence`` drops events whose calibrated confidence is lower.
    """

    def __init__(self, resources: Resources | None = None, *, decide: bool = True,
                 min_confidence: float = 0.0) -> None:
        self.resources = resources or Resources()
        self.decide = decide
        self.min_confidence = min_confidence

    def analyse(self, article: Article) -> Doc:
        return analyse(article, self.resources)

    def extract_article(self, article: Article) -> list[Event]:
        """The events of one article, merged within the article, in text order."""
        doc = self.analyse(article)
        return self.events_of(doc)

    def candidates_of(self, doc: Doc) -> list[Event]:
        """The rule engine's events of ``doc``, merged within the article, before the learned decision."""
        candidates = build_events(doc, self.resources)
        return merge_events([c.event for c in candidates], primary=[c.primary for c in candidates])

    def events_of(self, doc: Doc) -> list[Event]:
        merged = self.candidates_of(doc)
        if not self.decide:
            return [ev for ev in merged if ev.confidence >= self.min_confidence]
        return self.resources.decider.decide(doc, merged, min_confidence=self.min_confidence,
                                             kb=self.resources.actor_kb)

    def extract(self, text: str, *, pub_date: dt.date | str | None = None, article_id: str = "text") -> list[Event]:
        """Events of a raw text (``pub_date`` as a date or ISO string)."""
        if isinstance(pub_date, str):
            pub_date = dt.date.fromisoformat(pub_date)
        return self.extract_article(Article(id=article_id, text=text, pub_date=pub_date))


def load_pipeline(*, decide: bool = True, min_confidence: float = 0.0) -> Pipeline:
    """A pipeline on the packaged resources (loaded lazily, once)."""
    return Pipeline(Resources(), decide=decide, min_confidence=min_confidence)
