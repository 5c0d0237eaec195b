"""Rasd: Arabic conflict news to structured, geocoded, dated conflict events.

    >>> import rasd
    >>> events = rasd.extract("قصفت طائرات حربية بلدة مراط بريف دير الزور أمس", pub_date="2023-10-31")
"""

from __future__ import annotations

import datetime as dt

from rasd.model import Actor, Article, Event, Location, Span
from rasd.pipeline import Pipeline, load_pipeline

__all__ = ["Actor", "Article", "Event", "Location", "Pipeline", "Span", "__version__", "extract", "load_pipeline"]

__version__ = "0.1.0"


def extract(text: str, *, pub_date: dt.date | str | None = None, pipeline: Pipeline | None = None) -> list[Event]:
    """Events of one Arabic text, by the same pipeline the CLI uses.

    Pass a ``pipeline`` (from :func:`load_pipeline`) to reuse loaded resources across calls;
    without one, a new pipeline loads the packaged resources for this call.
    """
    return (pipeline or load_pipeline()).extract(text, pub_date=pub_date)
