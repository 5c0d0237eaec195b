"""Fixtures for the store tests: the same tests run on SQLite and on a throwaway PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from rasd.errors import StorageError
from rasd.model import Article, Event
from rasd.store import Store, open_store
from rasd.store.engine import resolve_url
from rasd.store.pgtemp import temporary_postgres
from rasd.store.records import event_from_dict

DATA = Path(__file__).resolve().parents[1] / "data"
_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    try:
        with temporary_postgres() as url:
            yield url
    except StorageError as exc:
        pytest.skip(f"no local PostgreSQL server could be started: {exc}")


def new_pg_database(server_url: str) -> str:
    name = f"rasd_test_{next(_counter)}"
    engine = create_engine(resolve_url(server_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "rasd.db")
    return new_pg_database(request.getfixturevalue("pg_server"))


@pytest.fixture
def other_target(request: pytest.FixtureRequest, tmp_path: Path, db_target: str) -> str:
    """A second, empty database on the same back end as ``db_target``."""
    if db_target.startswith("postgresql"):
        return new_pg_database(request.getfixturevalue("pg_server"))
    return str(tmp_path / "other.db")


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    with open_store(db_target) as st:
        yield st


@pytest.fixture(scope="session")
def reports() -> list[tuple[Article, list[Event], list[str]]]:
    """Our paired/unpaired report set: articles, their events, and each event's gold incident label."""
    name = "cluster_reports.jsonl"
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        art = Article(id=d["id"], text=d["text"], pub_date=dt.date.fromisoformat(d["pub_date"]),
                      url=d.get("url"), outlet=d.get("outlet"))
        events = [event_from_dict(e) for e in d["events"]]
        for e in events:
            for sp in e.evidence:
                assert 0 <= sp.start < sp.end <= len(art.text)
        out.append((art, events, [e["incident"] for e in d["events"]]))
    return out


@pytest.fixture
def loaded(store: Store, reports: list) -> Store:
    """``store`` holding the whole report set."""
    store.write([(a, ev) for a, ev, _ in reports])
    return store
