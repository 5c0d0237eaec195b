"""The event store: one interface over SQLite (default) and PostgreSQL.

    store = open_store("rasd.db")            # or "postgresql://user@host/db", or $RASD_DB
    store.write([(article, events), ...])    # one transaction, idempotent, clusters incidents
    store.list_events(EventQuery(country="SY", limit=20))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from rasd.errors import InputError, StorageError
from rasd.model import Article, Event
from rasd.store import query as _query
from rasd.store import write as _write
from rasd.store.engine import make_engine, migrate, resolve_url
from rasd.store.incidents import LinkCache, Linker
from rasd.store.query import EventQuery, parse_bbox
from rasd.store.schema import clusters
from rasd.store.write import BatchResult, content_hash

__all__ = ["BatchResult", "EventQuery", "Store", "content_hash", "open_store", "parse_bbox", "resolve_url"]


class Store:
    """A migrated database; every method runs in its own transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._link_cache = LinkCache()  # pair scores by content key: valid across batches and processes

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
                return _write.write_batch(conn, items, cache=self._link_cache)
        except SQLAlchemyError as exc:
            raise StorageError(f"store write failed: {exc}") from exc

    def split_cluster(self, cluster_id: int, event_ids: Sequence[int] = ()) -> list[int]:
        """Un-merge a cluster: ``event_ids`` (event ids as ``/api/events/{id}`` lists them under
        ``reports``) leave it for good, or, when none are given, every report stands alone. The
        separation is stored as cannot-link constraints that later re-clustering honours.
        Returns the ids of the clusters its reports are now in."""
        try:
            with self.engine.connect().execution_options(rasd_write=True) as conn, conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_write.WRITER_LOCK})")
                if conn.scalar(select(clusters.c.pk).where(clusters.c.pk == cluster_id)) is None:
                    raise InputError(f"no cluster {cluster_id}")
                try:
                    return Linker(conn, cache=self._link_cache).split(cluster_id, event_ids)
                except ValueError as exc:
                    raise InputError(str(exc)) from exc
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
