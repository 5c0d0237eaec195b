"""Order-preserving extraction over N worker processes (`rasd extract --jobs N`).

Each worker builds its own pipeline once (its resources are loaded on its first
batch) and then serves many batches; the parent reads the input, keeps a bounded
window of batches in flight and yields the rows strictly in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, Protocol

from rasd.errors import ConfigError, InputError, RasdError
from rasd.model import Article, Event
from rasd.pipeline import Pipeline, load_pipeline

__all__ = ["DEFAULT_BATCH", "Extractor", "ExtractorFactory", "extract_row", "extract_rows"]

# Articles per task: large enough that pickling and queueing cost little next to extraction
# (~10 ms per article), small enough that the first rows come out within a second or so.
DEFAULT_BATCH = 32
# Batches in flight per worker: keeps every worker busy while bounding memory on huge inputs.
_WINDOW_PER_JOB = 4

ErrorSink = Callable[[InputError], None]


class Extractor(Protocol):
    """Anything with the Pipeline's ``extract_article`` (a Pipeline, or a test double)."""

    def extract_article(self, article: Article) -> list[Event]: ...


# Builds the extractor a worker holds; must be a module-level function (it is pickled to the workers).
ExtractorFactory = Callable[[], Extractor]
# (row, error message or None) for one article, as computed in a worker.
_Result = tuple[dict[str, Any], str | None]


def extract_row(pipeline: Extractor, article: Article, *, on_error: ErrorSink | None = None) -> dict[str, Any]:
    """``{"id": ..., "events": [...]}`` for one article; a RasdError is reported and gives no events."""
    row, message = _row(pipeline, article)
    if message is not None and on_error is not None:
        on_error(InputError(message, where=article.origin or article.id))
    return row


def _row(pipeline: Extractor, article: Article) -> _Result:
    try:
        events = pipeline.extract_article(article)
    except RasdError as err:
        return {"id": article.id, "events": []}, str(err)
    return {"id": article.id, "events": [e.to_dict() for e in events]}, None


class _Worker:
    """The extractor a worker process holds: built once by the pool initializer, used for every batch."""

    pipeline: Extractor | None = None


def _init_worker(factory: ExtractorFactory) -> None:
    _Worker.pipeline = factory()


def _run_batch(batch: list[Article]) -> list[_Result]:
    pipeline = _Worker.pipeline
    if pipeline is None:
        raise RuntimeError("worker used before its initializer ran")
    return [_row(pipeline, article) for article in batch]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def _context() -> multiprocessing.context.BaseContext:
    # The platform's default start method (fork on Linux up to Python 3.13, forkserver after, spawn on
    # macOS/Windows); RASD_MP_START overrides it (e.g. forkserver inside a threaded server).
    return multiprocessing.get_context(os.environ.get("RASD_MP_START") or None)


def extract_rows(
    articles: Iterable[Article],
    *,
    jobs: int = 1,
    on_error: ErrorSink | None = None,
    batch_size: int = DEFAULT_BATCH,
    pipeline: Pipeline | None = None,
    factory: ExtractorFactory = load_pipeline,
) -> Iterator[dict[str, Any]]:
    """One ``{"id", "events"}`` row per article, in input order, computed by ``jobs`` processes.

    ``jobs=1`` runs in this process (on ``pipeline`` if given, else ``factory()``); ``jobs=0`` means
    one per CPU. Each worker process calls ``factory()`` once (default: :func:`load_pipeline`).
    Per-article RasdErrors are passed to ``on_error`` as InputErrors (``where`` = the article's
    origin or id) and give a row with no events, exactly like the single-process path.
    """
    if jobs < 0:
        raise ConfigError(f"--jobs must be >= 0, got {jobs}")
    if batch_size < 1:
        raise ConfigError(f"batch size must be >= 1, got {batch_size}")
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        pipe = pipeline or factory()
        for article in articles:
            yield extract_row(pipe, article, on_error=on_error)
        return
    yield from _extract_pool(articles, jobs=jobs, on_error=on_error, batch_size=batch_size, factory=factory)


def _extract_pool(
    articles: Iterable[Article], *, jobs: int, on_error: ErrorSink | None, batch_size: int,
    factory: ExtractorFactory,
) -> Iterator[dict[str, Any]]:
    window: deque[tuple[list[Article], Future[list[_Result]]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_init_worker,
                             initargs=(factory,)) as pool:
        try:
            for batch in _batches(articles, batch_size):
                window.append((batch, pool.submit(_run_batch, batch)))
                if len(window) >= jobs * _WINDOW_PER_JOB:
                    yield from _drain(window.popleft(), on_error)
            while window:
                yield from _drain(window.popleft(), on_error)
        finally:
            for _batch, fut in window:  # consumer stopped early or failed: drop pending work
                fut.cancel()


def _drain(item: tuple[list[Article], Future[list[_Result]]], on_error: ErrorSink | None) -> Iterator[dict[str, Any]]:
    batch, fut = item
    for article, (row, message) in zip(batch, fut.result(), strict=True):
        if message is not None and on_error is not None:
            on_error(InputError(message, where=article.origin or article.id))
        yield row
