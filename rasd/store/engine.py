"""Database URLs, engines and versioned migrations for SQLite and PostgreSQL.

A target is a file path (SQLite, the default ``./rasd.db``), an ``sqlite:///``
URL or a ``postgresql://`` URL. Migrations are a short ordered list of
functions recorded in ``rasd_schema_version``; ``migrate`` applies the missing
ones in one transaction, so both back ends always carry the same schema.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from rasd.errors import ConfigError, StorageError
from rasd.store import schema

__all__ = ["DEFAULT_DB", "ENV_VAR", "MIGRATIONS", "make_engine", "migrate", "resolve_url"]

DEFAULT_DB = "rasd.db"
ENV_VAR = "RASD_DB"
# SQLite waits this long for another writer's lock before failing (watch + serve share one file).
SQLITE_BUSY_TIMEOUT_S = 30


def resolve_url(target: str | None = None) -> str:
    """SQLAlchemy URL for ``target`` (path or URL), ``$RASD_DB`` or ``./rasd.db``."""
    target = target or os.environ.get(ENV_VAR) or DEFAULT_DB
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    if target.startswith("postgresql+"):
        return target
    if target.startswith("sqlite:"):
        return target
    if "://" in target:
        raise ConfigError(f"unsupported database URL {target!r}: use a file path or postgresql://…")
    return "sqlite:///" + str(Path(target).expanduser().resolve())


def _sqlite_setup(engine: Engine) -> None:
    # pysqlite's own transaction handling does not emit BEGIN before reads; take control of it
    # (SQLAlchemy's documented recipe) so a batch is one real transaction, IMMEDIATE for writers.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("rasd_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(target: str | None = None) -> Engine:
    """An engine for ``target``; SQLite files get WAL mode and real transactions."""
    url = resolve_url(target)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
            _sqlite_setup(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError) as exc:
        raise StorageError(f"cannot open database {url}: {exc}") from exc
    return engine


def _v1_initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        # FTS5 over the normalised shadow column (unicode61 alone splits Arabic at harakat).
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE events_fts USING fts5(search_norm, content='events', "
            "content_rowid='pk', tokenize='unicode61 remove_diacritics 0')"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN "
            "INSERT INTO events_fts(rowid, search_norm) VALUES (new.pk, new.search_norm); END"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN "
            "INSERT INTO events_fts(events_fts, rowid, search_norm) "
            "VALUES ('delete', old.pk, old.search_norm); END"
        )
    else:
        conn.exec_driver_sql(
            "CREATE INDEX ix_events_search ON events USING gin (to_tsvector('simple', search_norm))"
        )


_V2_EVENT_COLUMNS = {  # column -> SQL type, as schema.events declares them
    "link_key": "VARCHAR(80)", "pub_date": "DATE", "link_date": "DATE", "link_precision": "INTEGER",
    "lat": "FLOAT", "lon": "FLOAT", "country": "VARCHAR(8)", "admin1": "VARCHAR(256)", "geo_precision": "INTEGER",
    "actor1_name": "VARCHAR(256)", "actor2_name": "VARCHAR(256)", "actor_keys": "TEXT", "evidence_text": "TEXT",
    "place_text": "TEXT",
    "block_id": "BIGINT",
}


# The events indexes each migration adds (a later migration's index is created by that migration,
# so an old store passes through every step whatever the current schema declares).
_V2_EVENT_INDEXES = ("ix_events_link", "ix_events_link_actor", "ix_events_block")
_V3_EVENT_INDEXES = ("ix_events_link_window",)


def _create_missing_indexes(conn: Connection, names: tuple[str, ...]) -> None:
    have = {ix["name"] for ix in inspect(conn).get_indexes("events")}
    for ix in schema.events.indexes:
        if ix.name in names and ix.name not in have:
            ix.create(conn)


def _v2_linking(conn: Connection) -> None:
    """Cross-outlet linking: linking columns on events, cannot-link pairs, 64-bit stable cluster ids;
    stores created by v1 are re-linked from their stored events (once)."""
    insp = inspect(conn)
    have = {c["name"] for c in insp.get_columns("events")}
    for name, sql_type in _V2_EVENT_COLUMNS.items():
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {name} {sql_type}")
    _create_missing_indexes(conn, _V2_EVENT_INDEXES)
    schema.cannot_link.create(conn, checkfirst=True)
    if conn.dialect.name == "postgresql":
        types = {c["name"]: str(c["type"]) for c in insp.get_columns("clusters")}
        if types.get("pk") != "BIGINT":
            conn.exec_driver_sql("ALTER TABLE events DROP CONSTRAINT IF EXISTS events_cluster_pk_fkey")
            conn.exec_driver_sql("ALTER TABLE clusters ALTER COLUMN pk DROP DEFAULT")
            conn.exec_driver_sql("ALTER TABLE clusters ALTER COLUMN pk TYPE BIGINT")
            conn.exec_driver_sql("ALTER TABLE events ALTER COLUMN cluster_pk TYPE BIGINT")
            conn.exec_driver_sql("ALTER TABLE events ADD CONSTRAINT events_cluster_pk_fkey "
                                 "FOREIGN KEY (cluster_pk) REFERENCES clusters (pk)")
    from rasd.store.relink import relink_all  # the write side needs the migrated schema

    relink_all(conn)


def _v3_candidate_index(conn: Connection) -> None:
    """Candidate retrieval by precision class: clamp stored link precisions to the blocking classes
    (1..3, :func:`rasd.store.linking.blocking_precision`) and index (country, link_precision, link_date).
    Linking results do not change: the candidate query selects the same reports, with bounded seeks."""
    from rasd.store.linking import DATE_WINDOW_DAYS

    lo, hi = min(DATE_WINDOW_DAYS), max(DATE_WINDOW_DAYS)
    e = schema.events.c
    conn.execute(schema.events.update().where(e.link_precision > hi).values(link_precision=hi))
    conn.execute(schema.events.update().where(e.link_precision < lo).values(link_precision=lo))
    _create_missing_indexes(conn, _V3_EVENT_INDEXES)


MIGRATIONS: tuple[tuple[int, str, Callable[[Connection], None]], ...] = (
    (1, "initial schema: articles, events, actors, locations, sources, evidence, clusters, FTS", _v1_initial),
    (2, "cross-outlet linking: event linking columns, cannot_link, stable 64-bit cluster ids", _v2_linking),
    (3, "candidate index: link precision classes, index (country, link_precision, link_date)", _v3_candidate_index),
)


def migrate(engine: Engine) -> int:
    """Apply missing migrations; return the schema version now in force."""
    try:
        with engine.connect().execution_options(rasd_write=True) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                # Two processes opening a fresh database must not both create the tables.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7224001)")
            if not inspect(conn).has_table(schema.schema_version.name):
                schema.schema_version.create(conn)
            done = set(conn.scalars(select(schema.schema_version.c.version)))
            for version, description, apply in MIGRATIONS:
                if version in done:
                    continue
                apply(conn)
                conn.execute(
                    schema.schema_version.insert().values(
                        version=version, description=description, applied_at=dt.datetime.now(dt.UTC)
                    )
                )
            current = conn.scalar(text("SELECT max(version) FROM rasd_schema_version"))
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot migrate database {engine.url!r}: {exc}") from exc
    if current is not None and current > schema.SCHEMA_VERSION:
        raise StorageError(
            f"database schema version {current} is newer than this rasd "
            f"({schema.SCHEMA_VERSION}); upgrade rasd"
        )
    return int(current or 0)
