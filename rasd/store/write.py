"""The store's write side: one transaction per batch of extracted articles, with clustering.

Each batch runs in a single write transaction (SQLite ``BEGIN IMMEDIATE``,
PostgreSQL plus an advisory lock so concurrent ingesters cluster one at a
time): known articles are skipped (same id, same URL or same normalised
content), new ones are inserted with their events, and every event is placed
in an incident cluster whose summary row is refreshed. A crash therefore
loses at most the batch in flight, and re-running completes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Connection, or_, select

from rasd.model import Actor, Article, Event
from rasd.store import schema as s
from rasd.store.incidents import LinkCache, Linker, link_columns
from rasd.store.linking import Report, report_from_event
from rasd.store.search import search_words
from rasd.text.normalise import normalise_key

__all__ = ["BatchResult", "content_hash", "find_known", "write_batch"]

WRITER_LOCK = 7224002  # PostgreSQL advisory lock id serialising ingest transactions
# Statements built once (their values come as parameters, so SQLAlchemy compiles each once).
_INSERT_ARTICLE = s.articles.insert().returning(s.articles.c.pk)
_INSERT_EVENT = s.events.insert().returning(s.events.c.pk)
_INSERT_LOCATION = s.locations.insert()


def content_hash(text: str) -> str:
    """Hash of the normalised, whitespace-collapsed text: the same story re-sent is the same article."""
    return hashlib.sha256(normalise_key(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one batch did: articles stored, duplicates skipped, events stored, clusters touched."""

    added: int
    duplicates: int
    events: int
    new_clusters: int
    merged: int


def find_known(conn: Connection, articles: Sequence[Article]) -> set[str]:
    """Ids (as given) of ``articles`` already stored by id, URL or content hash."""
    if not articles:
        return set()
    ids = [a.id for a in articles]
    urls = [a.url for a in articles if a.url]
    hashes = {content_hash(a.text): a.id for a in articles}
    conds = [s.articles.c.article_id.in_(ids), s.articles.c.content_hash.in_(list(hashes))]
    if urls:
        conds.append(s.articles.c.url.in_(urls))
    rows = conn.execute(
        select(s.articles.c.article_id, s.articles.c.url, s.articles.c.content_hash).where(or_(*conds))
    ).all()
    got_ids = {r.article_id for r in rows}
    got_urls = {r.url for r in rows if r.url}
    got_hashes = {r.content_hash for r in rows}
    return {
        a.id
        for a in articles
        if a.id in got_ids or (a.url and a.url in got_urls) or content_hash(a.text) in got_hashes
    }


def _actor_rows(event: Event) -> list[tuple[str, Actor]]:
    rows: list[tuple[str, Actor]] = []
    for role, actor in (("actor1", event.actor1), ("actor2", event.actor2), ("claimed_by", event.claimed_by)):
        if actor is not None:
            rows.append((role, actor))
    rows += [("assoc1", a) for a in event.assoc_actors1] + [("assoc2", a) for a in event.assoc_actors2]
    return rows


def _insert_event(conn: Connection, article: Article, article_pk: int, seq: int, e: Event, digest: str) -> Report:
    """Insert one event with its actors, place, sources and evidence; return it as linking sees it."""
    draft = report_from_event(e, event_pk=0, article_pk=article_pk, key=f"{digest}:{seq}",
                              pub_date=article.pub_date, text=article.text)
    evidence_text = draft.evidence
    names: list[str | None] = [evidence_text, e.sub_event_type, *e.sources, *e.weapons]
    for _, actor in _actor_rows(e):
        names += [actor.name, actor.text]
    if e.location:
        names += [e.location.name, e.location.text, e.location.admin1, e.location.admin2]
    event_pk = conn.execute(
        _INSERT_EVENT,
        dict(
            article_pk=article_pk,
            seq=seq,
            event_type=e.event_type,
            sub_event_type=e.sub_event_type,
            date=e.date,
            time_precision=e.time_precision,
            fatalities=e.fatalities,
            injuries=e.injuries,
            confidence=e.confidence,
            data=e.to_dict(),
            search_norm=search_words(*names),
            **link_columns(draft),
        ),
    ).scalar_one()
    if e.location:
        conn.execute(_INSERT_LOCATION, {"event_pk": event_pk, **e.location.to_dict()})
    actor_rows = [
        {
            "event_pk": event_pk,
            "role": role,
            "name": a.name,
            "text": a.text,
            "text_norm": normalise_key(a.text),
            "type": a.type,
            "country": a.country,
            "kb_id": a.id,
        }
        for role, a in _actor_rows(e)
    ]
    if actor_rows:
        conn.execute(s.actors.insert(), actor_rows)
    if e.sources:
        conn.execute(s.sources.insert(), [{"event_pk": event_pk, "name": n} for n in e.sources])
    if e.evidence:
        conn.execute(
            s.evidence.insert(),
            [{"event_pk": event_pk, "span_start": sp.start, "span_end": sp.end} for sp in e.evidence],
        )
    return replace(draft, event_pk=event_pk)


def write_batch(conn: Connection, items: Sequence[tuple[Article, Sequence[Event]]], *,
                cache: LinkCache | None = None) -> BatchResult:
    """Store ``items`` inside the caller's open write transaction on ``conn``.

    ``cache`` keeps evidence vectors and pair scores across batches (the Store passes its own)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
    known = find_known(conn, [a for a, _ in items])
    seen_ids: set[str] = set()
    seen_urls: set[str] = set()
    seen_hashes: set[str] = set()
    added = duplicates = n_events = new_clusters = merged = 0
    now = dt.datetime.now(dt.UTC)
    linker = Linker(conn, cache=cache) if cache is not None else Linker(conn)
    for article, events in items:
        digest = content_hash(article.text)
        if (
            article.id in known
            or article.id in seen_ids
            or digest in seen_hashes
            or (article.url and article.url in seen_urls)
        ):
            duplicates += 1
            continue
        seen_ids.add(article.id)
        seen_hashes.add(digest)
        if article.url:
            seen_urls.add(article.url)
        article_pk = conn.execute(
            _INSERT_ARTICLE,
            dict(
                article_id=article.id, url=article.url, outlet=article.outlet, pub_date=article.pub_date,
                text=article.text, content_hash=digest, origin=article.origin, n_events=len(events),
                ingested_at=now,
            ),
        ).scalar_one()
        added += 1
        for seq, event in enumerate(events):
            report = _insert_event(conn, article, article_pk, seq, event, digest)
            n_events += 1
            if linker.assign(report):
                merged += 1
            else:
                new_clusters += 1
    return BatchResult(added, duplicates, n_events, new_clusters, merged)
