"""Cross-article clustering: pair rules as a table, and precision/recall on our own report set."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import select

from rasd.store import Store
from rasd.store import schema as s
from rasd.store.cluster import Report, best_cluster, best_figures, compatible, distance_km, representative

D = dt.date(2024, 3, 4)


def rep(pk: int, **kw: object) -> Report:
    base: dict[str, object] = dict(
        event_pk=pk, article_pk=pk, pub_date=D, event_type="Explosions/Remote violence", date=D,
        time_precision=1, lat=35.019, lon=40.452, country="SY", admin1="Deir ez-Zor", geo_precision=1,
    )
    base.update(kw)
    return Report(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("other", "expected", "why"),
    [
        ({}, True, "identical"),
        ({"date": D + dt.timedelta(days=1)}, False, "day-precise dates differ"),
        ({"date": D + dt.timedelta(days=5), "time_precision": 2}, True, "week precision covers 5 days"),
        ({"date": D + dt.timedelta(days=9), "time_precision": 2}, False, "beyond a week"),
        ({"date": None, "pub_date": D + dt.timedelta(days=2)}, True, "undated: publication day, week"),
        ({"lat": 35.2, "lon": 40.45}, True, "20 km apart"),
        ({"lat": 35.336, "lon": 40.141}, False, "45 km apart, both precise"),
        ({"lat": 35.336, "lon": 40.141, "geo_precision": 3}, True, "province-level place contains it"),
        ({"lat": 35.336, "lon": 40.141, "geo_precision": 3, "admin1": "Raqqa"}, False, "other province"),
        ({"country": "IQ"}, False, "other country"),
        ({"event_type": "Violence against civilians"}, True, "compatible coding"),
        ({"event_type": "Battles"}, False, "incompatible type"),
        ({"actor1": "Islamic State"}, True, "one side unidentified"),
        ({"article_pk": 1}, False, "same article"),
        ({"lat": None, "lon": None}, False, "no place and no named actor"),
    ],
)
def test_cluster_pair_rules(other: dict, expected: bool, why: str) -> None:
    assert compatible(rep(1), rep(2, **other)) is expected, why


def test_cluster_actors_conflict_and_battle_swap() -> None:
    a = rep(1, actor1="Military Forces of Israel", actor2="Hezbollah")
    assert not compatible(a, rep(2, actor1="Military Forces of the United States", actor2="Hezbollah"))
    bat = {"event_type": "Battles"}
    x = rep(1, actor1="Syrian Democratic Forces", actor2="Islamic State", **bat)
    assert compatible(x, rep(2, actor1="Islamic State", actor2="Syrian Democratic Forces", **bat))
    assert not compatible(a, rep(2, actor1="Hezbollah", actor2="Military Forces of Israel"))


def test_cluster_complete_linkage_and_figures() -> None:
    near = rep(2, lat=35.2, lon=40.45)  # 20 km north
    far = rep(3, lat=35.38, lon=40.45)  # 20 km from `near`, 40 km from 1
    assert best_cluster(far, {10: [rep(1), near]}) is None
    assert best_cluster(rep(4), {10: [rep(1)], 11: [far]}) == 10
    later = D + dt.timedelta(days=1)
    members = [rep(1, fatalities=5), rep(2, fatalities=6), rep(3, fatalities=9, pub_date=later)]
    assert best_figures(members) == (9, None)
    assert representative([rep(1, geo_precision=3), rep(2)]).event_pk == 2
    assert round(distance_km(35.019, 40.452, 34.453, 40.918)) == 76


def _pairs(labels: dict[int, str]) -> set[frozenset[int]]:
    return {frozenset(p) for p in itertools.combinations(labels, 2) if labels[p[0]] == labels[p[1]]}


def _evaluate(store: Store, order: list) -> tuple[float, float]:
    for art, events, _ in order:
        store.write([(art, events)])
    gold: dict[int, str] = {}
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(s.events.c.pk, s.events.c.seq, s.events.c.cluster_pk, s.articles.c.article_id).join(
                s.articles, s.articles.c.pk == s.events.c.article_pk)
        ).all()
    labels = {(a.id, i): lab for a, _, labs in order for i, lab in enumerate(labs)}
    pred = {}
    for pk, seq, cluster_pk, article_id in rows:
        gold[pk] = labels[(article_id, seq)]
        pred[pk] = str(cluster_pk)
    g, p = _pairs(gold), _pairs(pred)
    precision = len(g & p) / len(p) if p else 1.0
    recall = len(g & p) / len(g) if g else 1.0
    return precision, recall


@pytest.mark.parametrize("order", ["as_written", "reversed"])
def test_cluster_precision_recall_on_report_set(store: Store, order: str, reports: list) -> None:
    if order == "reversed":
        reports = reports[::-1]
    precision, recall = _evaluate(store, reports)
    print(f"\nclustering {store.dialect} {order}: pairwise precision {precision:.3f} recall {recall:.3f}")
    # The set holds two hard negatives the ≤ 25 km rule cannot separate (Saraqib/Ariha and
    # Rafah/Khan Yunis struck the same day): measured 0.833 / 1.000 in both orders, both back ends.
    assert precision >= 0.8
    assert recall >= 0.95
