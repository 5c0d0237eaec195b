"""Ingest: read sources, extract events, write batches to the store; ``watch`` keeps polling.

Sources are anything ``rasd.read.read_articles`` reads (JSONL, .txt, .html,
folders) plus RSS/Atom feeds and Telegram exports. Each batch is extracted
outside the database lock and written in one transaction; articles already
stored (same id, URL or normalised content) are skipped before extraction, so
re-running after a crash only does the missing work.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rasd.errors import ConfigError, InputError
from rasd.model import Article, Event
from rasd.read import read_articles, read_path
from rasd.read.rss import DEFAULT_RETRIES, DEFAULT_TIMEOUT, is_feed, read_feed
from rasd.read.telegram import is_telegram_export, read_telegram_export
from rasd.store import Store

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "Extractor",
    "IngestReport",
    "Watcher",
    "ingest",
    "load_extractor",
    "read_sources",
]

# 100 articles per transaction: large enough that commit cost (fsync) is amortised, small enough
# that a crash loses little and readers are never blocked for long.
DEFAULT_BATCH_SIZE = 100

Extractor = Callable[[Article], Sequence[Event]]


def load_extractor() -> Extractor:
    """The extraction pipeline's per-article function (its resources are loaded once, here)."""
    try:
        from rasd.pipeline import load_pipeline
    except ImportError as exc:
        raise ConfigError(f"the extraction pipeline is not available in this install: {exc}") from exc
    return load_pipeline().extract_article


def _one_source(
    source: str,
    *,
    pub_date: dt.date | None,
    on_error: Callable[[InputError], None],
    timeout: float,
    retries: int,
) -> Iterator[Article]:
    try:
        if is_telegram_export(source):
            yield from read_telegram_export(source)
        elif is_feed(source):
            yield from read_feed(source, timeout=timeout, retries=retries)
        else:
            yield from read_articles([source], pub_date=pub_date, on_error=on_error)
    except InputError as err:
        on_error(err)


def read_sources(
    sources: Sequence[str],
    *,
    pub_date: dt.date | None = None,
    on_error: Callable[[InputError], None],
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
) -> Iterator[Article]:
    """Articles from every source in order; unreadable sources/lines go to ``on_error``."""
    for source in sources:
        yield from _one_source(source, pub_date=pub_date, on_error=on_error, timeout=timeout, retries=retries)


@dataclass(slots=True)
class IngestReport:
    """Counts of one ingest run (or one watch poll)."""

    read: int = 0
    added: int = 0
    duplicates: int = 0
    events: int = 0
    new_clusters: int = 0
    merged: int = 0
    errors: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, float | int]:
        rate = self.read / self.seconds if self.seconds else 0.0
        return {
            "read": self.read, "added": self.added, "duplicates": self.duplicates, "events": self.events,
            "new_clusters": self.new_clusters, "merged": self.merged, "errors": self.errors,
            "seconds": round(self.seconds, 3), "articles_per_s": round(rate, 1),
        }


def ingest(
    store: Store,
    articles: Iterable[Article],
    extract: Extractor,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Extract and store ``articles`` batch by batch (each batch one transaction)."""
    if batch_size < 1:
        raise ConfigError(f"batch size must be >= 1, got {batch_size}")
    rep = report or IngestReport()
    start = time.perf_counter()
    it = iter(articles)
    while batch := list(itertools.islice(it, batch_size)):
        known = store.find_known(batch)
        fresh = [a for a in batch if a.id not in known]
        items = [(a, list(extract(a))) for a in fresh]
        result = store.write(items)
        rep.read += len(batch)
        rep.added += result.added
        rep.duplicates += len(batch) - len(fresh) + result.duplicates
        rep.events += result.events
        rep.new_clusters += result.new_clusters
        rep.merged += result.merged
        if progress:
            progress(len(batch))
    rep.seconds += time.perf_counter() - start
    return rep


class Watcher:
    """Polls feeds and folders, ingesting only what is new since the last poll."""

    def __init__(
        self,
        store: Store,
        sources: Sequence[str],
        extract: Extractor,
        *,
        on_error: Callable[[InputError], None],
        pub_date: dt.date | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.store, self.sources, self.extract = store, list(sources), extract
        self.on_error, self.pub_date = on_error, pub_date
        self.timeout, self.retries, self.batch_size = timeout, retries, batch_size
        self._seen: dict[Path, tuple[int, int]] = {}  # file -> (mtime_ns, size) when last read

    def _changed_files(self, root: Path) -> list[Path]:
        files = [root] if root.is_file() else sorted(
            p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")
        )
        out = []
        for p in files:
            try:
                st = p.stat()
            except OSError:
                continue
            sig = (st.st_mtime_ns, st.st_size)
            if self._seen.get(p) != sig:
                self._seen[p] = sig
                out.append(p)
        return out

    def _articles(self) -> Iterator[Article]:
        for source in self.sources:
            path = Path(source)
            if is_feed(source) or is_telegram_export(source):
                local = path if path.is_file() else path / "result.json"
                if path.exists() and not self._changed_files(local):
                    continue
                yield from _one_source(source, pub_date=self.pub_date, on_error=self.on_error,
                                       timeout=self.timeout, retries=self.retries)
            elif path.is_dir():
                for p in self._changed_files(path):
                    yield from read_path(p, pub_date=self.pub_date, on_error=self.on_error, id_base=path)
            elif path.is_file():
                for p in self._changed_files(path):
                    yield from read_path(p, pub_date=self.pub_date, on_error=self.on_error)
            else:
                self.on_error(InputError("no such file, folder or feed", where=source))

    def poll(self) -> IngestReport:
        """One pass over every source."""
        return ingest(self.store, self._articles(), self.extract, batch_size=self.batch_size)

    def run(
        self,
        every: float,
        *,
        max_polls: int | None = None,
        on_poll: Callable[[IngestReport], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> int:
        """Poll every ``every`` seconds (``max_polls`` times, or forever); return polls done."""
        polls = 0
        while max_polls is None or polls < max_polls:
            started = time.monotonic()
            rep = self.poll()
            polls += 1
            if on_poll:
                on_poll(rep)
            if max_polls is not None and polls >= max_polls:
                break
            sleep(max(0.0, every - (time.monotonic() - started)))
        return polls
