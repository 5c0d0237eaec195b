"""The event store: one interface over SQLite (default) and PostgreSQL.

    store = open_store("rasd.db")            # or "postgresql://user@host/db", or $RASD_DB
    store.write([(article, events), ...])    # one transaction, idempotent, clusters incidents
    store.list_events(EventQuery(country="SY", limit=20))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from rasd.errors import StorageError
from rasd.model import Article, Event
from rasd.store import query as _query
from rasd.store import write as _write
from rasd.store.engine import make_engine, migrate, resolve_url
from rasd.store.query import EventQuery, parse_bbox
from rasd.store.write import BatchResult, content_hash

__all__ = ["BatchResult", "EventQuery", "Store", "content_hash", "open_store", "parse_bbox", "resolve_url"]


class Store:
    """A migrated database; every method runs in its own transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, fn: Any, *args: Any) -> Any:
        try:
            with self.engine.connect() as conn, conn.begin():
                return fn(conn, *args)
        except SQLAlchemyError as exc:
            raise StorageError(f"store read failed: {exc}") from exc

    def find_known(self, articles: Sequence[Article]) -> set[str]:
        """Ids of ``articles`` already stored (same id, URL or normalised content)."""
        return self._read(_write.find_known, articles)

    def write(self, items: Sequence[tuple[Article, Sequence[Event]]]) -> BatchResult:
        """Store a batch of articles with their events in ONE transaction (all or nothing)."""
        try:
            with self.engine.connect().execution_options(rasd_write=True) as conn, conn.begin():
                return _write.write_batch(conn, items)
        except SQLAlchemyError as exc:
            raise StorageError(f"store write failed: {exc}") from exc

    def list_events(self, q: EventQuery) -> dict[str, Any]:
        return self._read(_query.list_events, q)

    def get_event(self, event_id: int) -> dict[str, Any] | None:
        return self._read(_query.get_event, event_id)

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        return self._read(_query.get_article, article_id)

    def stats(self, q: EventQuery) -> dict[str, Any]:
        return self._read(_query.stats, q)

    def geojson(self, q: EventQuery) -> dict[str, Any]:
        return self._read(_query.events_geojson, q)


def open_store(target: str | None = None) -> Store:
    """Open (creating and migrating if needed) the store at ``target``, ``$RASD_DB`` or ``./rasd.db``."""
    engine = make_engine(target)
    migrate(engine)
    return Store(engine)
