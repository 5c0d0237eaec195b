"""The store's incident side: place each new report in a block and re-cluster that block; split clusters.

A *block* is a connected component of the graph of stored reports whose edges
are pairs the linking model scores at or above its threshold. When a report
arrives, its candidates are fetched with one indexed query (same country, date
window, same province or ≤ 50 km, or — for a report without a place — the same
main actor), scored, and the blocks of those above the threshold are merged
with it and re-clustered from scratch (:func:`rasd.store.cluster.cluster_block`).
Because blocks and the clustering of a block are functions of the stored set of
reports and cannot-link constraints only, ingesting the same reports in any
order gives the same clusters, with the same ids. Cluster rows whose
membership changed are rewritten; clusters that disappeared are deleted.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, bindparam, delete, func, insert, or_, select, update

from rasd.store import schema as s
from rasd.store.cluster import (
    best_figures,
    cluster_block,
    cluster_id,
    date_span,
    representative,
)
from rasd.store.linking import (
    BLOCK_DISTANCE_KM,
    DATE_WINDOW_DAYS,
    LinkModel,
    Report,
    blocking_precision,
    candidate_pair,
    compatible_types,
    date_window_days,
    effective_date,
    features,
    load_model,
    probability,
)
from rasd.store.textsim import Vector, vectorise

__all__ = ["MAX_BLOCK_REPORTS", "LinkCache", "Linker", "candidates", "link_columns", "load_reports"]

# A block larger than this is not re-clustered whole: only the new report and the clusters of its
# linked neighbours are (so a dense front line cannot make every arrival quadratic). Order
# independence then holds within that neighbourhood only; no block in our corpora comes close.
MAX_BLOCK_REPORTS = 40
_KEY_SEP = "|"


def link_columns(r: Report) -> dict[str, object]:
    """The events-table columns linking reads, for a report about to be stored."""
    day, precision = effective_date(r)
    return {
        "link_key": r.key, "pub_date": r.pub_date, "link_date": day, "link_precision": blocking_precision(precision),
        "lat": r.lat, "lon": r.lon, "country": r.country, "admin1": r.admin1, "geo_precision": r.geo_precision,
        "actor1_name": r.actor1, "actor2_name": r.actor2, "actor_keys": _KEY_SEP.join(sorted(r.actor_keys)),
        "evidence_text": r.evidence, "place_text": r.place,
    }


_COLS = (
    s.events.c.pk, s.events.c.article_pk, s.events.c.link_key, s.events.c.pub_date, s.events.c.event_type,
    s.events.c.sub_event_type, s.events.c.date, s.events.c.time_precision, s.events.c.lat, s.events.c.lon,
    s.events.c.country, s.events.c.admin1, s.events.c.geo_precision, s.events.c.actor1_name,
    s.events.c.actor2_name, s.events.c.actor_keys, s.events.c.fatalities, s.events.c.injuries,
    s.events.c.confidence, s.events.c.evidence_text, s.events.c.place_text, s.events.c.block_id, s.events.c.cluster_pk,
)


# What the candidate, block and cluster queries fetch: a report's full row is read once and then
# taken from the LinkCache by pk (checked against its content key).
_KEY_COLS = (s.events.c.pk, s.events.c.link_key, s.events.c.block_id, s.events.c.cluster_pk)


@dataclass(slots=True)
class _Row:
    report: Report
    block_id: int | None
    cluster_pk: int | None


def load_reports(conn: Connection, *conds: ColumnElement[bool]) -> list[_Row]:
    """Stored reports matching ``conds`` (SQLAlchemy conditions on ``events``)."""
    return _rows(conn.execute(select(*_COLS).where(*conds)))


def _report(r: Any) -> Report:
    return Report(
            event_pk=r.pk, article_pk=r.article_pk, key=r.link_key or "", pub_date=r.pub_date,
            event_type=r.event_type, sub_event_type=r.sub_event_type, date=r.date,
            time_precision=r.time_precision, lat=r.lat, lon=r.lon, country=r.country, admin1=r.admin1,
            geo_precision=r.geo_precision, actor1=r.actor1_name, actor2=r.actor2_name,
            actor_keys=frozenset(k for k in (r.actor_keys or "").split(_KEY_SEP) if k),
            fatalities=r.fatalities, injuries=r.injuries, confidence=r.confidence, evidence=r.evidence_text or "",
            place=r.place_text or "",
        )


def _rows(result: Iterable[Any]) -> list[_Row]:
    return [_Row(_report(r), r.block_id, r.cluster_pk) for r in result]


def _cached_rows(conn: Connection, keys: Iterable[Any], cache: LinkCache | None) -> list[_Row]:
    """Rows of the (pk, link_key, block_id, cluster_pk) ``keys``: reports from ``cache`` when it holds
    the same pk with the same content key, the others read in one query (and cached)."""
    keys = list(keys)
    got: dict[int, Report] = {}
    missing = []
    for k in keys:
        rep = cache.report(k.pk) if cache is not None else None
        if rep is not None and rep.key == (k.link_key or ""):
            got[k.pk] = rep
        else:
            missing.append(k.pk)
    if missing:
        for r in conn.execute(_link_statements()["full_rows"], {"pks": missing}):
            got[r.pk] = rep = _report(r)
            if cache is not None:
                cache.reports[r.pk] = rep
    return [_Row(got[k.pk], k.block_id, k.cluster_pk) for k in keys if k.pk in got]


@cache
def _candidate_statement(placed: bool, dated: bool, with_country: bool) -> Select:
    """The candidate query of one shape, with bind parameters (built once, compiled once)."""
    e = s.events.c
    conds: list[ColumnElement[bool]] = [e.pk != bindparam("pk"), e.article_pk != bindparam("apk"),
                                        e.link_key.is_not(None),
                                        e.event_type.in_(bindparam("types", expanding=True))]
    countries = [e.country == bindparam("cc"), e.country.is_(None)] if with_country else []
    if dated:
        # a pair's window is that of the coarser date: the report's own for candidates stored with
        # a precision no coarser than the report's, the widest for coarser ones (a superset;
        # candidate_pair decides exactly). One branch per country condition and stored precision
        # class (link_precision is one of them, see blocking_precision) with its own window: each
        # is one seek on ix_events_link_window (country, link_precision, link_date), not a scan of
        # every report in the widest window (SQLite's planner seeks each branch of a flat OR).
        windows = [and_(e.link_precision == c, e.link_date.between(bindparam(f"lo{c}"), bindparam(f"hi{c}")))
                   for c in sorted(DATE_WINDOW_DAYS)]
        conds.append(or_(*(and_(cc, w) for cc in countries for w in windows)) if countries else or_(*windows))
    elif countries:
        conds.append(or_(*countries))
    same_actor = or_(e.actor1_name == bindparam("a1"), e.actor2_name == bindparam("a1"),
                     e.actor1_name == bindparam("a2"))
    if placed:
        box = and_(e.lat.between(bindparam("lat_lo"), bindparam("lat_hi")),
                   e.lon.between(bindparam("lon_lo"), bindparam("lon_hi")))
        conds.append(or_(box, e.admin1 == bindparam("admin1"), and_(e.lat.is_(None), same_actor)))
    else:
        conds.append(same_actor)
    return select(*_KEY_COLS).where(*conds)


def candidates(conn: Connection, r: Report, cache: LinkCache | None = None) -> list[_Row]:
    """Stored reports that may share a block with ``r``: a superset of what :func:`candidate_pair` accepts.

    The same reports as schema v2's query (the report's own window, or the widest one for
    candidates of a coarser precision than the report's), found by bounded index seeks."""
    day, precision = effective_date(r)
    placed = r.lat is not None and r.lon is not None
    params: dict[str, object] = {"pk": r.event_pk, "apk": r.article_pk, "cc": r.country,
                                 "types": compatible_types(r.event_type),
                                 "a1": r.actor1, "a2": r.actor2, "admin1": r.admin1}
    if day is not None:
        own, widest = date_window_days(precision), max(DATE_WINDOW_DAYS.values())
        for c in DATE_WINDOW_DAYS:
            half = widest if c > precision else own
            params.update({f"lo{c}": day - dt.timedelta(days=half), f"hi{c}": day + dt.timedelta(days=half)})
    if placed:
        dlat = BLOCK_DISTANCE_KM / 110.0
        dlon = dlat / max(0.1, math.cos(math.radians(r.lat)))  # type: ignore[arg-type]
        params.update(lat_lo=r.lat - dlat, lat_hi=r.lat + dlat,  # type: ignore[operator]
                      lon_lo=r.lon - dlon, lon_hi=r.lon + dlon)  # type: ignore[operator]
    stmt = _candidate_statement(placed, day is not None, r.country is not None)
    return _cached_rows(conn, conn.execute(stmt, params), cache)


class LinkCache:
    """Evidence vectors and pair scores, keyed by the reports' content keys (so a rolled-back batch
    or another process's writes can never make an entry wrong), and stored reports by pk (used
    only when the row's content key matches), kept across batches by the Store.

    Each map keeps two generations: entries are written to the current one; when it is full the
    previous generation is dropped and the current one becomes it, and an entry found only in the
    previous generation is carried over when used. Entries in use (a block's pair scores, its
    reports' vectors) therefore survive, instead of every entry being dropped at once and each
    block's pairs being re-scored."""

    MAX_ENTRIES = 1_000_000  # pair scores per generation (about 130 MB); vectors: a tenth of it

    def __init__(self) -> None:
        self.vectors: dict[str, Vector] = {}
        self.scores: dict[tuple[str, str], float] = {}
        self.reports: dict[int, Report] = {}  # stored reports by pk (callers check the content key)
        self._old_vectors: dict[str, Vector] = {}
        self._old_scores: dict[tuple[str, str], float] = {}
        self._old_reports: dict[int, Report] = {}

    def trim(self) -> None:
        """Start a new generation of each map that is full (entries are only ever recomputed, never stale)."""
        if len(self.scores) > self.MAX_ENTRIES:
            self._old_scores, self.scores = self.scores, {}
        if len(self.vectors) > self.MAX_ENTRIES // 10:
            self._old_vectors, self.vectors = self.vectors, {}
        if len(self.reports) > self.MAX_ENTRIES // 10:
            self._old_reports, self.reports = self.reports, {}

    @staticmethod
    def _lookup(new: dict[Any, Any], old: dict[Any, Any], key: Any) -> Any:
        """``new[key]``, else the old generation's entry moved into the new one, else None."""
        value = new.get(key)
        if value is None:
            value = old.pop(key, None)
            if value is not None:
                new[key] = value
        return value

    def report(self, pk: int) -> Report | None:
        """The cached report stored under ``pk``, or None."""
        return self._lookup(self.reports, self._old_reports, pk)  # type: ignore[no-any-return]

    def vector(self, key: str) -> Vector | None:
        """The cached vector of ``key``, or None."""
        return self._lookup(self.vectors, self._old_vectors, key)  # type: ignore[no-any-return]

    def score(self, pair: tuple[str, str]) -> float | None:
        """The cached score of ``pair`` (keys in order), or None."""
        return self._lookup(self.scores, self._old_scores, pair)  # type: ignore[no-any-return]


@dataclass
class Linker:
    """Assigns reports to incident clusters inside one write transaction."""

    conn: Connection
    model: LinkModel = field(default_factory=load_model)
    cache: LinkCache = field(default_factory=LinkCache)

    def _vector(self, r: Report) -> Vector:
        k = r.key or f"event:{r.event_pk}"
        v = self.cache.vector(k)
        if v is None:
            v = self.cache.vectors[k] = vectorise(r.evidence, self.model.idf, self.model.default_idf)
        return v

    def score(self, a: Report, b: Report) -> float:
        """Link probability of two reports, 0 outside a common block (symmetric to the last bit:
        always computed in key order), cached."""
        ka, kb = a.key or f"event:{a.event_pk}", b.key or f"event:{b.event_pk}"
        if kb < ka:
            a, b, ka, kb = b, a, kb, ka
        p = self.cache.score((ka, kb))
        if p is None:
            p = probability(features(a, b, self.model, self._vector(a), self._vector(b)), self.model) \
                if candidate_pair(a, b) else 0.0
            self.cache.scores[(ka, kb)] = p
        return p

    def assign(self, new: Report) -> bool:
        """Store ``new`` (already inserted) in its block and re-cluster; True when it joined others.

        A block of at most MAX_BLOCK_REPORTS is re-clustered whole (the result is then the same in
        any ingest order); in a larger one only the clusters the new report links to are: the new
        report joins the one cluster it links to when its mean probability with all of that
        cluster's members reaches the threshold, else those clusters and it are re-clustered.
        """
        t = self.model.threshold
        self.cache.trim()
        st = _link_statements()
        linked = [row for row in candidates(self.conn, new, self.cache)
                  if self.score(new, row.report) >= t]
        blocks = sorted({row.block_id for row in linked if row.block_id is not None})
        # the merged block keeps the id of the largest block (then the smallest id): only the new
        # report and the smaller blocks are relabelled, never the whole, growing block on each arrival
        sizes = dict(self.conn.execute(st["block_sizes"], {"blocks": blocks}).all()) if blocks else {}
        block = max(blocks, key=lambda b: (sizes.get(b, 0), -b)) if blocks else new.event_pk
        merging = [b for b in blocks if b != block]
        self.conn.execute(st["relabel"], {"new_pk": new.event_pk, "merging": merging, "block": block})
        if not linked:
            self.recluster([_Row(new, None, None)])
            return False
        size = 1 + sum(sizes.values())  # the block's reports, the new one included
        if size <= MAX_BLOCK_REPORTS:
            rows = [_Row(new, None, None), *_cached_rows(
                self.conn, self.conn.execute(st["block_rows"], {"block": block, "pk": new.event_pk}), self.cache)]
            clusters = self.recluster(rows)
            return any(len(c) > 1 and any(m.event_pk == new.event_pk for m in c) for c in clusters)
        targets = sorted({row.cluster_pk for row in linked if row.cluster_pk is not None})
        members = _cached_rows(self.conn, self.conn.execute(st["cluster_rows"], {"clusters": targets}), self.cache)
        reps = [new, *(m.report for m in members)]
        # joining keeps the cluster's id unless the new report sorts first (then re-cluster, renaming it)
        if len(targets) == 1 and cluster_id(reps) == targets[0] and self._may_join(new, reps[1:]):
            self.conn.execute(st["set_cluster"], {"pks": [new.event_pk], "cid": targets[0]})
            _write_cluster(self.conn, targets[0], reps, exists=True)
            return True
        clusters = self.recluster([_Row(new, None, None), *members])
        return any(len(c) > 1 and any(m.event_pk == new.event_pk for m in c) for c in clusters)

    def _may_join(self, new: Report, members: Sequence[Report]) -> bool:
        """Mean link probability of ``new`` with every member reaches the threshold, no constraint forbids it."""
        if any(m.article_pk == new.article_pk for m in members):
            return False
        # (a report just stored has no cannot-link constraint yet)
        total = sum(self.score(new, m) for m in members)
        return total / len(members) >= self.model.threshold

    def recluster(self, rows: Sequence[_Row]) -> list[list[Report]]:
        """Re-cluster these reports (a block) and write the cluster rows that changed."""
        reports = [row.report for row in rows]
        pks = [r.event_pk for r in reports]
        st = _link_statements()
        cannot = frozenset(
            frozenset(p) for p in self.conn.execute(st["cannot_link"], {"pks": pks})
        ) if len(pks) > 1 else frozenset()
        clusters = cluster_block(reports, self.score, self.model.threshold, cannot_link=cannot)
        old_of = {row.report.event_pk: row.cluster_pk for row in rows}
        old_members: dict[int, set[int]] = {}
        for pk, cpk in old_of.items():
            if cpk is not None:
                old_members.setdefault(cpk, set()).add(pk)
        keep: set[int] = set()
        for members in clusters:
            cid = cluster_id(members)
            keep.add(cid)
            member_pks = {m.event_pk for m in members}
            if old_members.get(cid) == member_pks:
                continue  # unchanged cluster: same id, same members, same summary
            _write_cluster(self.conn, cid, members, exists=cid in old_members)
            moved = [m.event_pk for m in members if old_of.get(m.event_pk) != cid]
            if moved:
                self.conn.execute(st["set_cluster"], {"pks": moved, "cid": cid})
        gone = [cid for cid in old_members if cid not in keep]
        if gone:
            self.conn.execute(st["drop_clusters"], {"cids": gone})
        return clusters

    def split(self, cluster: int, event_pks: Sequence[int] = ()) -> list[int]:
        """Un-merge: record cannot-link constraints between ``event_pks`` and the cluster's other
        members (none given: between every two members), re-cluster, return the resulting ids."""
        members = [row.report.event_pk for row in load_reports(self.conn, s.events.c.cluster_pk == cluster)]
        group = set(event_pks)
        if group - set(members):
            raise ValueError(f"events {sorted(group - set(members))} are not in cluster {cluster}")
        if group:
            pairs = {frozenset((g, m)) for g in group for m in members if m not in group}
        else:
            pairs = {frozenset(p) for p in _combinations(members)}
        existing = {frozenset(p) for p in self.conn.execute(
            select(s.cannot_link.c.event_a, s.cannot_link.c.event_b).where(
                s.cannot_link.c.event_a.in_(members), s.cannot_link.c.event_b.in_(members)))}
        now = dt.datetime.now(dt.UTC)
        fresh = [{"event_a": min(p), "event_b": max(p), "created_at": now} for p in pairs - existing]
        if fresh:
            self.conn.execute(insert(s.cannot_link), fresh)
        blocks = [b for (b,) in self.conn.execute(
            select(s.events.c.block_id).where(s.events.c.pk.in_(members)).distinct()) if b is not None]
        size = self.conn.scalar(select(func.count()).select_from(s.events).where(
            s.events.c.block_id.in_(blocks))) or 0
        where = s.events.c.block_id.in_(blocks) if size <= MAX_BLOCK_REPORTS else s.events.c.pk.in_(members)
        return [cluster_id(c) for c in self.recluster(load_reports(self.conn, where))
                if any(m.event_pk in members for m in c)]


def _combinations(xs: Sequence[int]) -> Iterable[tuple[int, int]]:
    for i, a in enumerate(xs):
        for b in xs[i + 1 :]:
            yield a, b


@cache
def _link_statements() -> dict[str, Any]:
    """The statements :meth:`Linker.assign` and :meth:`Linker.recluster` run, with bind parameters
    (built once, compiled once: building a statement per call cost more than running it)."""
    e, cl = s.events.c, s.cannot_link.c
    return {
        "block_sizes": select(e.block_id, func.count()).where(
            e.block_id.in_(bindparam("blocks", expanding=True))).group_by(e.block_id),
        "relabel": update(s.events).where(or_(e.pk == bindparam("new_pk"),
                                              e.block_id.in_(bindparam("merging", expanding=True))))
        .values(block_id=bindparam("block")),
        "block_rows": select(*_KEY_COLS).where(e.block_id == bindparam("block"), e.pk != bindparam("pk")),
        "cluster_rows": select(*_KEY_COLS).where(e.cluster_pk.in_(bindparam("clusters", expanding=True))),
        "full_rows": select(*_COLS).where(e.pk.in_(bindparam("pks", expanding=True))),
        "set_cluster": update(s.events).where(e.pk.in_(bindparam("pks", expanding=True)))
        .values(cluster_pk=bindparam("cid")),
        "drop_clusters": delete(s.clusters).where(s.clusters.c.pk.in_(bindparam("cids", expanding=True))),
        "cannot_link": select(cl.event_a, cl.event_b).where(
            or_(cl.event_a.in_(bindparam("pks", expanding=True)), cl.event_b.in_(bindparam("pks", expanding=True)))),
    }


@cache
def _cluster_statements() -> dict[str, Any]:
    """The statements a cluster write runs, with bind parameters (built once, compiled once)."""
    c = s.clusters.c
    return {
        "place": select(s.locations.c.name, s.locations.c.admin2).where(s.locations.c.event_pk == bindparam("ev")),
        "outlets": select(s.articles.c.outlet, s.articles.c.article_id).where(
            s.articles.c.pk.in_(bindparam("apks", expanding=True))),
        "exists": select(c.pk).where(c.pk == bindparam("cid")),
        "update": update(s.clusters).where(c.pk == bindparam("cid")),
        "insert": insert(s.clusters),
    }


def _write_cluster(conn: Connection, cid: int, members: Sequence[Report], *, exists: bool) -> None:
    """Write (insert or update) the summary row of cluster ``cid`` from its ``members``."""
    st = _cluster_statements()
    rep = representative(members)
    fatalities, injuries = best_figures(members)
    rep_row = conn.execute(st["place"], {"ev": rep.event_pk}).first()
    article_pks = sorted({m.article_pk for m in members})
    outlets = conn.execute(st["outlets"], {"apks": article_pks}).all()
    date_min, date_max = date_span(members)
    pubs = [m.pub_date for m in members if m.pub_date]
    values = dict(
        rep_event_pk=rep.event_pk, event_type=rep.event_type, sub_event_type=rep.sub_event_type,
        date=rep.date, date_min=date_min, date_max=date_max, time_precision=rep.time_precision,
        country=rep.country, admin1=rep.admin1, admin2=rep_row.admin2 if rep_row else None,
        location_name=rep_row.name if rep_row else None, lat=rep.lat, lon=rep.lon,
        geo_precision=rep.geo_precision, fatalities=fatalities, injuries=injuries,
        n_reports=len(article_pks),
        n_outlets=len({o.outlet or o.article_id for o in outlets}),
        first_pub=min(pubs, default=None), last_pub=max(pubs, default=None),
        updated_at=dt.datetime.now(dt.UTC),
    )
    if exists or conn.execute(st["exists"], {"cid": cid}).first() is not None:
        conn.execute(st["update"], {"cid": cid, **values})
    else:
        conn.execute(st["insert"], {"pk": cid, **values})
