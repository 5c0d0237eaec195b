"""Article body and publication date from an HTML page (trafilatura; page furniture and comments removed)."""

from __future__ import annotations

import datetime as dt
import re

import trafilatura

from rasd.errors import InputError
from rasd.model import Article

__all__ = ["article_from_html"]

_META_DATE = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|datePublished|pubdate|"""
    r"""publish[-_]?date|date|dc\.date|og:published_time)["'][^>]*content=["'](\d{4}-\d{2}-\d{2})""",
    re.IGNORECASE,
)


def _pub_date(html: str, meta_date: str | None) -> dt.date | None:
    m = _META_DATE.search(html)
    for value in (m.group(1) if m else None, meta_date):
        if value:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def article_from_html(html: str, *, art_id: str, where: str, pub_date: dt.date | None = None,
                      url: str | None = None) -> Article:
    """The main text of ``html`` as an Article; ``pub_date`` from the page's metadata when not given."""
    body = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True, deduplicate=True
    )
    if not body:
        raise InputError("no article text found in the HTML page", where=where)
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None and meta.title else None
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    meta_date = meta.date if meta is not None else None
    return Article(
        id=art_id,
        text=body,
        pub_date=pub_date or _pub_date(html, meta_date),
        url=url or (meta.url if meta is not None else None),
        outlet=meta.sitename if meta is not None and meta.sitename else None,
        origin=where,
    )
