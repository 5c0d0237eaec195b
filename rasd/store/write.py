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
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, and_, or_, select

from rasd.model import Actor, Article, Event
from rasd.store import schema as s
from rasd.store.cluster import (
    MAX_DISTANCE_KM,
    Report,
    best_cluster,
    best_figures,
    compatible_types,
    date_window,
    representative,
)
from rasd.store.search import search_words
from rasd.text.normalise import normalise_key

__all__ = ["BatchResult", "content_hash", "find_known", "write_batch"]

_WRITER_LOCK = 7224002  # PostgreSQL advisory lock id serialising ingest transactions


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


def _known_actor(actor: Actor | None) -> str | None:
    if actor is None or actor.type == "unidentified":
        return None
    return actor.name


def _report(event_pk: int, article_pk: int, pub_date: dt.date | None, e: Event) -> Report:
    loc = e.location
    return Report(
        event_pk=event_pk,
        article_pk=article_pk,
        pub_date=pub_date,
        event_type=e.event_type,
        date=e.date,
        time_precision=e.time_precision,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        country=loc.country if loc else None,
        admin1=loc.admin1 if loc else None,
        geo_precision=loc.geo_precision if loc else None,
        actor1=_known_actor(e.actor1),
        actor2=_known_actor(e.actor2),
        fatalities=e.fatalities,
        injuries=e.injuries,
        confidence=e.confidence,
    )


def _insert_event(conn: Connection, article: Article, article_pk: int, seq: int, e: Event) -> int:
    evidence_text = " ".join(article.text[sp.start : sp.end] for sp in e.evidence)
    names: list[str | None] = [evidence_text, e.sub_event_type, *e.sources, *e.weapons]
    for _, actor in _actor_rows(e):
        names += [actor.name, actor.text]
    if e.location:
        names += [e.location.name, e.location.text, e.location.admin1, e.location.admin2]
    event_pk = conn.execute(
        s.events.insert()
        .values(
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
        )
        .returning(s.events.c.pk)
    ).scalar_one()
    if e.location:
        conn.execute(s.locations.insert().values(event_pk=event_pk, **e.location.to_dict()))
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
    return event_pk


def load_members(conn: Connection, cluster_pks: Iterable[int]) -> dict[int, list[Report]]:
    """The stored reports of each cluster, as clustering sees them."""
    pks = list(cluster_pks)
    if not pks:
        return {}
    e, a, loc = s.events, s.articles, s.locations
    rows = conn.execute(
        select(
            e.c.pk, e.c.cluster_pk, e.c.article_pk, e.c.event_type, e.c.date, e.c.time_precision,
            e.c.fatalities, e.c.injuries, e.c.confidence, a.c.pub_date,
            loc.c.lat, loc.c.lon, loc.c.country, loc.c.admin1, loc.c.geo_precision,
        )
        .select_from(e.join(a, a.c.pk == e.c.article_pk).outerjoin(loc, loc.c.event_pk == e.c.pk))
        .where(e.c.cluster_pk.in_(pks))
    ).all()
    actor_names: dict[tuple[int, str], str] = {}
    if rows:
        for ev_pk, role, name, typ in conn.execute(
            select(s.actors.c.event_pk, s.actors.c.role, s.actors.c.name, s.actors.c.type).where(
                s.actors.c.event_pk.in_([r.pk for r in rows]), s.actors.c.role.in_(["actor1", "actor2"])
            )
        ):
            if typ != "unidentified":
                actor_names[(ev_pk, role)] = name
    out: dict[int, list[Report]] = {pk: [] for pk in pks}
    for r in rows:
        out[r.cluster_pk].append(
            Report(
                event_pk=r.pk, article_pk=r.article_pk, pub_date=r.pub_date, event_type=r.event_type,
                date=r.date, time_precision=r.time_precision, lat=r.lat, lon=r.lon, country=r.country,
                admin1=r.admin1, geo_precision=r.geo_precision, actor1=actor_names.get((r.pk, "actor1")),
                actor2=actor_names.get((r.pk, "actor2")), fatalities=r.fatalities, injuries=r.injuries,
                confidence=r.confidence,
            )
        )
    return out


def _candidates(conn: Connection, new: Report) -> list[int]:
    c = s.clusters.c
    conds = [c.event_type.in_(compatible_types(new.event_type))]
    window = date_window(new)
    if window is not None:
        lo, hi = window
        conds.append(or_(c.date_max.is_(None), and_(c.date_max >= lo, c.date_min <= hi)))
    if new.country:
        conds.append(or_(c.country.is_(None), c.country == new.country))
    if new.lat is not None and new.lon is not None:
        # Complete linkage means the new report must be near the representative too, so a box
        # of MAX_DISTANCE_KM around it (or the same province, for the coarse-place rule) suffices.
        dlat = MAX_DISTANCE_KM / 110.0
        dlon = dlat / max(0.1, math.cos(math.radians(new.lat)))
        near = and_(
            c.lat.between(new.lat - dlat, new.lat + dlat), c.lon.between(new.lon - dlon, new.lon + dlon)
        )
        # The province rule only applies when one side is province-level; for a precise new report
        # that must be the cluster's representative (the most precise member) — else "near" decides.
        coarse = None if (new.geo_precision or 0) >= 3 else c.geo_precision >= 3
        same_area = (
            and_(c.admin1 == new.admin1, c.country == new.country, *([coarse] if coarse is not None else []))
            if new.admin1 else None
        )
        conds.append(or_(c.lat.is_(None), near, *([same_area] if same_area is not None else [])))
    return list(conn.scalars(select(c.pk).where(*conds)))


def _refresh_cluster(conn: Connection, cluster_pk: int, members: Sequence[Report]) -> None:
    rep = representative(members)
    fatalities, injuries = best_figures(members)
    rep_row = conn.execute(
        select(s.events.c.sub_event_type, s.locations.c.name, s.locations.c.admin2)
        .select_from(s.events.outerjoin(s.locations, s.locations.c.event_pk == s.events.c.pk))
        .where(s.events.c.pk == rep.event_pk)
    ).one()
    outlets = conn.execute(
        select(s.articles.c.outlet, s.articles.c.article_id).where(
            s.articles.c.pk.in_({m.article_pk for m in members})
        )
    ).all()
    dates = [m.date or m.pub_date for m in members if (m.date or m.pub_date)]
    pubs = [m.pub_date for m in members if m.pub_date]
    conn.execute(
        s.clusters.update()
        .where(s.clusters.c.pk == cluster_pk)
        .values(
            rep_event_pk=rep.event_pk,
            event_type=rep.event_type,
            sub_event_type=rep_row.sub_event_type,
            date=rep.date,
            date_min=min(dates, default=None),
            date_max=max(dates, default=None),
            time_precision=rep.time_precision,
            country=rep.country,
            admin1=rep.admin1,
            admin2=rep_row.admin2,
            location_name=rep_row.name,
            lat=rep.lat,
            lon=rep.lon,
            geo_precision=rep.geo_precision,
            fatalities=fatalities,
            injuries=injuries,
            n_reports=len({m.article_pk for m in members}),
            n_outlets=len({o.outlet or o.article_id for o in outlets}),
            first_pub=min(pubs, default=None),
            last_pub=max(pubs, default=None),
            updated_at=dt.datetime.now(dt.UTC),
        )
    )


def _assign(conn: Connection, new: Report) -> bool:
    """Put ``new`` in a cluster; True when it joined an existing one."""
    members = load_members(conn, _candidates(conn, new))
    target = best_cluster(new, members)
    joined = target is not None
    if target is None:
        target = conn.execute(
            s.clusters.insert()
            .values(event_type=new.event_type, sub_event_type="", time_precision=new.time_precision,
                    updated_at=dt.datetime.now(dt.UTC))
            .returning(s.clusters.c.pk)
        ).scalar_one()
    conn.execute(s.events.update().where(s.events.c.pk == new.event_pk).values(cluster_pk=target))
    _refresh_cluster(conn, target, [*members.get(target, []), new])
    return joined


def write_batch(conn: Connection, items: Sequence[tuple[Article, Sequence[Event]]]) -> BatchResult:
    """Store ``items`` inside the caller's open write transaction on ``conn``."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_WRITER_LOCK})")
    known = find_known(conn, [a for a, _ in items])
    seen_ids: set[str] = set()
    seen_urls: set[str] = set()
    seen_hashes: set[str] = set()
    added = duplicates = n_events = new_clusters = merged = 0
    now = dt.datetime.now(dt.UTC)
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
            s.articles.insert()
            .values(
                article_id=article.id, url=article.url, outlet=article.outlet, pub_date=article.pub_date,
                text=article.text, content_hash=digest, origin=article.origin, n_events=len(events),
                ingested_at=now,
            )
            .returning(s.articles.c.pk)
        ).scalar_one()
        added += 1
        for seq, event in enumerate(events):
            event_pk = _insert_event(conn, article, article_pk, seq, event)
            n_events += 1
            if _assign(conn, _report(event_pk, article_pk, article.pub_date, event)):
                merged += 1
            else:
                new_clusters += 1
    return BatchResult(added, duplicates, n_events, new_clusters, merged)
