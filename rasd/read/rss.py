"""RSS/Atom feeds (a local feed file or an http(s) URL) to Articles, one per feed item.

Fetching uses the standard library with a timeout and a bounded number of
retries with back-off; parsing uses feedparser. Arabic ``pubDate`` strings that
feedparser cannot parse fall back to dateparser (``ar`` locales).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from rasd.errors import InputError
from rasd.model import Article

__all__ = ["DEFAULT_RETRIES", "DEFAULT_TIMEOUT", "Fetcher", "fetch_url", "is_feed", "read_feed"]

DEFAULT_TIMEOUT = 10.0  # seconds per HTTP attempt
DEFAULT_RETRIES = 3  # attempts after the first one, with 0.5 s, 1 s, 2 s back-off
MAX_FEED_BYTES = 20_000_000
_FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
_USER_AGENT = "rasd-feed-reader/0.1 (+https://github.com/rasd)"

Fetcher = Callable[[str, float], bytes]


def is_feed(path_or_url: str) -> bool:
    """True for http(s) URLs and for local files that start like an RSS/Atom/RDF document."""
    if path_or_url.startswith(("http://", "https://")):
        return True
    path = Path(path_or_url)
    if not path.is_file() or path.suffix.lower() not in _FEED_SUFFIXES:
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(2048).decode("utf-8", "replace").lower()
    except OSError:
        return False
    return any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))


def fetch_url(url: str, timeout: float) -> bytes:
    """GET ``url`` once (raises ``OSError``/``urllib.error.URLError`` on failure)."""
    req = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        data = resp.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        raise InputError(f"feed is larger than {MAX_FEED_BYTES} bytes", where=url)
    return data


def _fetch(
    url: str, *, timeout: float, retries: int, fetcher: Fetcher, sleep: Callable[[float], None]
) -> bytes:
    delay = 0.5
    for attempt in range(retries + 1):
        try:
            return fetcher(url, timeout)
        except (OSError, urllib.error.URLError) as exc:
            if attempt == retries:
                raise InputError(f"cannot fetch feed after {retries + 1} attempts: {exc}", where=url) from exc
            sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


def _plain(html: str) -> str:
    if "<" not in html:
        return html.strip()
    try:
        doc = lxml.html.fromstring(f"<div>{html}</div>")
    except (ValueError, lxml.etree.ParserError):
        return html.strip()
    for br in doc.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in doc.iter("p"):
        p.tail = "\n\n" + (p.tail or "")
    return "\n".join(line.strip() for line in doc.text_content().splitlines()).strip()


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, key)  # plain lookup: FeedParserDict's aliasing warns for updated_*
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    raw = dict.get(entry, "published") or dict.get(entry, "updated")
    if not raw:
        return None
    import dateparser  # slow import: only for Arabic dates feedparser cannot read

    when = dateparser.parse(raw, languages=["ar", "en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return when.date() if when else None


def _entry_text(entry: Any) -> str:
    title = _plain(entry.get("title", ""))
    bodies = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    body = _plain(max(bodies, key=len) if bodies else entry.get("summary", ""))
    if body.startswith(title):
        return body
    return f"{title}\n\n{body}".strip()


def read_feed(
    path_or_url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    fetcher: Fetcher = fetch_url,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[Article]:
    """Articles of a feed, in feed order; an item's id is its guid (else its link, else a hash)."""
    if path_or_url.startswith(("http://", "https://")):
        data = _fetch(path_or_url, timeout=timeout, retries=retries, fetcher=fetcher, sleep=sleep)
    else:
        try:
            data = Path(path_or_url).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read feed: {exc.strerror}", where=path_or_url) from exc
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise InputError(f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}", where=path_or_url)
    outlet = _plain(parsed.feed.get("title", "")) or None
    for i, entry in enumerate(parsed.entries):
        text = _entry_text(entry)
        if not text:
            continue
        link = entry.get("link") or None
        art_id = entry.get("id") or link or "feed:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        yield Article(
            id=str(art_id), text=text, pub_date=_entry_date(entry), url=link, outlet=outlet,
            origin=f"{path_or_url} item {i + 1}",
        )
