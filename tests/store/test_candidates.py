"""Candidate retrieval at scale (schema v3): the bounded query selects exactly what the v2 query did,
the migration brings a v2 store up to it, and the linker's bookkeeping stays bounded."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from sqlalchemy import Select, and_, bindparam, func, inspect, or_, select

from rasd.model import Actor, Article, Event, Location, Span
from rasd.store import Store, open_store
from rasd.store import schema as s
from rasd.store.incidents import LinkCache, candidates, load_reports
from rasd.store.linking import DATE_WINDOW_DAYS, blocking_precision, date_window_days

_PLACES = [  # name, arabic, lat, lon, admin1, country
    ("Al Mayadin", "الميادين", 35.019, 40.452, "Deir ez-Zor", "SY"),
    ("Abu Kamal", "البوكمال", 34.453, 40.918, "Deir ez-Zor", "SY"),
    ("Idlib", "إدلب", 35.930, 36.634, "Idlib", "SY"),
    ("Mosul", "الموصل", 36.340, 43.130, "Nineveh", "IQ"),
]
_TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
          ("Protests", "Peaceful protest"), ("Violence against civilians", "Attack")]
_ACTORS = [("Islamic State", "تنظيم الدولة", "rebel_group"),
           ("Military Forces of Syria", "قوات النظام", "state_forces"),
           ("Unidentified Military Forces", "مسلحون مجهولون", "unidentified")]


def _items(n: int, seed: int = 3) -> list[tuple[Article, list[Event]]]:
    """Dense reports over two months: day, week and month precision, undated, unplaced, no country."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name, ar, lat, lon, admin1, cc = rng.choice(_PLACES)
        etype, sub = rng.choice(_TYPES)
        a_name, a_text, a_type = rng.choice(_ACTORS)
        day = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(60))
        precision = rng.choice([1, 1, 1, 2, 3])
        undated = rng.random() < 0.15
        loc = None if rng.random() < 0.15 else Location(
            name=name, text=ar, lat=lat + rng.uniform(-0.4, 0.4), lon=lon + rng.uniform(-0.4, 0.4),
            admin1=admin1 if rng.random() < 0.8 else None, admin2=None,
            country=cc if rng.random() < 0.9 else None, geo_precision=rng.choice([1, 1, 2]))
        text = f"أفادت مصادر بوقوع هجوم في {ar} نفذه {a_text} (تقرير {i})."
        ev = Event(event_type=etype, sub_event_type=sub, date=None if undated else day, time_precision=precision,
                   actor1=Actor(name=a_name, text=a_text, type=a_type, country="SY"), actor2=None, location=loc,
                   fatalities=rng.choice([0, 1, 3]), evidence=(Span(0, len(text)),), confidence=0.7)
        out.append((Article(id=f"c-{i}", text=text, pub_date=day + dt.timedelta(days=rng.choice([0, 1, 2])),
                            outlet=f"o{rng.randrange(4)}"), [ev]))
    return out


def _v2_statement(placed: bool, dated: bool, with_country: bool) -> Select:
    """The schema-v2 candidate query (a scan of the widest window for coarser candidates), as the reference."""
    e = s.events.c
    conds = [e.pk != bindparam("pk"), e.article_pk != bindparam("apk"), e.link_key.is_not(None),
             e.event_type.in_(bindparam("types", expanding=True))]
    if dated:
        conds.append(or_(e.link_date.between(bindparam("lo"), bindparam("hi")),
                         and_(e.link_precision > bindparam("prec"),
                              e.link_date.between(bindparam("wlo"), bindparam("whi")))))
    if with_country:
        conds.append(or_(e.country == bindparam("cc"), e.country.is_(None)))
    same_actor = or_(e.actor1_name == bindparam("a1"), e.actor2_name == bindparam("a1"),
                     e.actor1_name == bindparam("a2"))
    if placed:
        box = and_(e.lat.between(bindparam("lat_lo"), bindparam("lat_hi")),
                   e.lon.between(bindparam("lon_lo"), bindparam("lon_hi")))
        conds.append(or_(box, e.admin1 == bindparam("admin1"), and_(e.lat.is_(None), same_actor)))
    else:
        conds.append(same_actor)
    return select(e.pk).where(*conds)


def _v2_candidates(conn, r) -> set[int]:  # type: ignore[no-untyped-def]
    import math

    from rasd.store.linking import BLOCK_DISTANCE_KM, compatible_types, effective_date

    day, precision = effective_date(r)
    placed = r.lat is not None and r.lon is not None
    params: dict[str, object] = {"pk": r.event_pk, "apk": r.article_pk, "cc": r.country,
                                 "types": compatible_types(r.event_type), "a1": r.actor1, "a2": r.actor2,
                                 "admin1": r.admin1}
    if day is not None:
        own, widest = date_window_days(precision), max(DATE_WINDOW_DAYS.values())
        params.update(lo=day - dt.timedelta(days=own), hi=day + dt.timedelta(days=own), prec=precision,
                      wlo=day - dt.timedelta(days=widest), whi=day + dt.timedelta(days=widest))
    if placed:
        dlat = BLOCK_DISTANCE_KM / 110.0
        dlon = dlat / max(0.1, math.cos(math.radians(r.lat)))
        params.update(lat_lo=r.lat - dlat, lat_hi=r.lat + dlat, lon_lo=r.lon - dlon, lon_hi=r.lon + dlon)
    stmt = _v2_statement(placed, day is not None, r.country is not None)
    return {row.pk for row in conn.execute(stmt, params)}


def test_candidates_are_those_of_the_v2_query(store: Store) -> None:
    store.write(_items(400))
    with store.engine.connect() as conn:
        rows = load_reports(conn)
        assert {row.report.time_precision for row in rows} == {1, 2, 3}
        assert any(row.report.date is None for row in rows) and any(row.report.lat is None for row in rows)
        total = 0
        cache = LinkCache()
        for row in rows:
            got = {c.report.event_pk for c in candidates(conn, row.report)}
            assert got == _v2_candidates(conn, row.report), row.report
            total += len(got)
            # with the report cache (warm after the first rows): the same rows, equal reports
            fresh = sorted(((c.report.event_pk, c.report, c.block_id, c.cluster_pk)
                            for c in candidates(conn, row.report)), key=lambda x: x[0])
            cached = sorted(((c.report.event_pk, c.report, c.block_id, c.cluster_pk)
                             for c in candidates(conn, row.report, cache)), key=lambda x: x[0])
            assert cached == fresh
        assert total > 2000  # a dense store: the comparison is not vacuous
        assert len(cache.reports) > 300


@pytest.mark.parametrize(("own", "cand"), list(itertools.product(range(-1, 6), repeat=2)))
def test_candidate_date_condition_equals_the_v2_one_for_any_precision(own: int, cand: int) -> None:
    """Precision classes (stored clamped to 1..3) select the same gaps as the v2 condition on raw precisions."""
    classes = sorted(DATE_WINDOW_DAYS)
    widest = max(DATE_WINDOW_DAYS.values())
    stored = blocking_precision(cand)
    assert stored in classes
    for gap in range(-widest - 2, widest + 3):
        v2 = abs(gap) <= date_window_days(own) or (cand > own and abs(gap) <= widest)
        v3 = (stored in [c for c in classes if c <= own] and abs(gap) <= date_window_days(own)) or (
            stored in [c for c in classes if c > own] and abs(gap) <= widest)
        assert v2 == v3, (own, cand, gap)


@pytest.mark.parametrize("precision", [1, 2, 3])
def test_candidate_query_seeks_the_window_index(tmp_path, precision: int) -> None:  # type: ignore[no-untyped-def]
    """Every half of the date condition is an index seek on (country, link_precision, link_date)."""
    from sqlalchemy import event

    with open_store(str(tmp_path / "plan.db")) as st:
        st.write(_items(80))
        with st.engine.connect() as conn:
            r = next(row.report for row in load_reports(conn) if row.report.lat is not None and row.report.date
                     and row.report.country and row.report.time_precision == precision)
            captured: list[tuple[str, object]] = []

            @event.listens_for(conn, "before_cursor_execute")
            def _grab(_c, _cur, statement, parameters, _ctx, _many) -> None:  # type: ignore[no-untyped-def]
                captured.append((statement, parameters))

            candidates(conn, r)  # the candidate query, then (no cache) the full rows by pk
            statement, parameters = captured[0]
            plan = [str(p[-1]) for p in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
    searches = [p for p in plan if p.startswith(("SEARCH", "SCAN"))]
    assert searches, plan
    assert all("ix_events_link_window (country=? AND link_precision=? AND link_date>? AND link_date<?)" in p
               for p in searches), plan


def test_migration_v3_upgrades_a_v2_store(db_target: str) -> None:
    """A store written by schema v2 (no window index, raw precisions) is upgraded in place."""
    items = _items(120)
    with open_store(db_target) as st:
        st.write(items)
        with st.engine.begin() as conn:  # make it what v2 left: raw precisions, no index, version 2
            conn.exec_driver_sql("DROP INDEX ix_events_link_window")
            conn.execute(s.events.update().where(s.events.c.pk == 1).values(link_precision=5))
            conn.execute(s.events.update().where(s.events.c.pk == 2).values(link_precision=0))
            conn.execute(s.schema_version.delete().where(s.schema_version.c.version == 3))
        with st.engine.connect() as conn:
            before = {(r.pk, r.cluster_pk) for r in conn.execute(select(s.events.c.pk, s.events.c.cluster_pk))}
            assert "ix_events_link_window" not in {ix["name"] for ix in inspect(conn).get_indexes("events")}
    with open_store(db_target) as st:
        with st.engine.connect() as conn:
            assert "ix_events_link_window" in {ix["name"] for ix in inspect(conn).get_indexes("events")}
            assert conn.scalar(select(func.max(s.schema_version.c.version))) == s.SCHEMA_VERSION == 3
            precisions = dict(conn.execute(select(s.events.c.pk, s.events.c.link_precision)).all())
            assert precisions[1] == 3 and precisions[2] == 1 and set(precisions.values()) <= {1, 2, 3}
            after = {(r.pk, r.cluster_pk) for r in conn.execute(select(s.events.c.pk, s.events.c.cluster_pk))}
        assert after == before  # the migration re-links nothing
        res = st.write(_items(130)[120:])  # and the upgraded store links new reports
        assert res.added == 10


def test_blocks_stay_consistent_when_merged_by_size(store: Store) -> None:
    """Merged blocks keep the largest one's label: every report has a block, each cluster lies in one."""
    store.write(_items(300))
    with store.engine.connect() as conn:
        blocks = dict(conn.execute(select(s.events.c.block_id, func.count()).group_by(s.events.c.block_id)).all())
        assert None not in blocks and max(blocks.values()) > 3
        # every cluster lies inside one block
        per_cluster = conn.execute(select(s.events.c.cluster_pk, func.count(func.distinct(s.events.c.block_id)))
                                   .group_by(s.events.c.cluster_pk)).all()
        assert all(n == 1 for _, n in per_cluster)


def test_link_cache_keeps_entries_in_use_across_generations() -> None:
    cache = LinkCache()
    cache.MAX_ENTRIES = 10  # type: ignore[misc]
    for i in range(11):
        cache.scores[(f"a{i}", "b")] = i / 10
    cache.trim()  # full: a new generation starts, the old one is still readable
    assert cache.scores == {} and cache.score(("a3", "b")) == 0.3
    assert cache.scores == {("a3", "b"): 0.3}  # carried over when used
    for i in range(11, 22):
        cache.scores[(f"a{i}", "b")] = 1.0
    cache.trim()
    assert cache.score(("a3", "b")) == 0.3 and cache.score(("a4", "b")) is None  # unused: dropped
