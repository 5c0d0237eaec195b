"""Incident clusters: deterministic clustering of linked reports, stable cluster ids, best figures.

The reports of a *block* (a connected component of the graph whose edges are
report pairs the linking model scores at or above its threshold, see
:mod:`rasd.store.linking`) are clustered by average linkage: starting from
single reports, the two clusters with the highest mean pairwise probability
merge while that mean reaches the threshold, unless a *cannot-link* constraint
(``rasd cluster split``) or two events of one article would end up together.
Reports are visited in their stable-key order and ties are broken by keys, so
the clusters depend only on the set of reports and constraints — never on the
order they were ingested in. A cluster's id is derived from the key of its
first member (earliest publication day, then content key), so it does not
change when a later report joins. Everything here is pure.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable, Iterable, Sequence

from rasd.store.linking import Report, distance_km, effective_date
from rasd.unionfind import DisjointSets

__all__ = [
    "Report",
    "best_figures",
    "cluster_block",
    "cluster_id",
    "components",
    "distance_km",
    "representative",
    "sort_key",
]

Score = Callable[[Report, Report], float]


def sort_key(r: Report) -> tuple[str, str, int]:
    """Order of reports: earliest publication first, then the content key (ingest order never counts)."""
    return (r.pub_date.isoformat() if r.pub_date else "9999-12-31", r.key, r.event_pk if not r.key else 0)


def cluster_id(members: Iterable[Report]) -> int:
    """Stable id of a cluster: 52 bits of the hash of its first member's key (exact in JSON doubles)."""
    first = min(members, key=sort_key)
    digest = hashlib.sha256((first.key or f"event:{first.event_pk}").encode("utf-8")).hexdigest()
    return int(digest[:13], 16)


def components(reports: Sequence[Report], edges: Iterable[tuple[int, int]]) -> list[list[Report]]:
    """Connected components (lists of reports, in input order) of the graph on ``reports`` indices."""
    sets = DisjointSets(len(reports))
    for i, j in edges:
        sets.union(i, j)
    groups: dict[int, list[Report]] = {}
    for i, r in enumerate(reports):
        groups.setdefault(sets.find(i), []).append(r)
    return list(groups.values())


def cluster_block(
    reports: Sequence[Report],
    score: Score,
    threshold: float,
    *,
    cannot_link: frozenset[frozenset[int]] = frozenset(),
) -> list[list[Report]]:
    """Average-linkage clusters of ``reports`` (each sorted by :func:`sort_key`, clusters too).

    ``score`` must be 0 for pairs outside a common block (:func:`rasd.store.linking.link_probability`
    is); ``cannot_link`` holds event-pk pairs that must stay apart.
    """
    rs = sorted(reports, key=sort_key)
    n = len(rs)
    prob: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in range(i + 1, n):
            p = score(rs[i], rs[j])
            if p > 0.0:
                prob[(i, j)] = p
    # clusters: id -> member indices; sums[(a, b)] = sum of pairwise p between clusters a < b
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[tuple[int, int], float] = dict(prob)
    forbidden: set[tuple[int, int]] = set()
    pk_index = {r.event_pk: i for i, r in enumerate(rs)}
    for pair in cannot_link:
        a, b = sorted(pair)
        if a in pk_index and b in pk_index:
            forbidden.add(tuple(sorted((pk_index[a], pk_index[b]))))  # type: ignore[arg-type]
    for i in range(n):
        for j in range(i + 1, n):
            if rs[i].article_pk == rs[j].article_pk:
                forbidden.add((i, j))
    heap = [(-p, i, j) for (i, j), p in sums.items() if p >= threshold and (i, j) not in forbidden]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        mean = sums.get((a, b), 0.0) / (len(members[a]) * len(members[b]))
        if abs(mean + neg) > 1e-12 or (a, b) in forbidden:
            continue  # stale entry: the clusters changed since it was pushed
        # merge b into a (a < b: the merged cluster keeps the smaller, earlier-sorted id)
        members[a].extend(members.pop(b))
        for c in list(members):
            if c == a:
                continue
            ka, kb = (min(a, c), max(a, c)), (min(b, c), max(b, c))
            total = sums.pop(ka, 0.0) + sums.pop(kb, 0.0)
            blocked = ka in forbidden or kb in forbidden
            forbidden.discard(kb)
            if blocked:
                forbidden.add(ka)
            if total > 0.0:
                sums[ka] = total
                m = total / (len(members[a]) * len(members[c]))
                if m >= threshold and not blocked:
                    heapq.heappush(heap, (-m, ka[0], ka[1]))
        sums.pop((a, b), None)
    out = [sorted((rs[i] for i in idx), key=sort_key) for idx in members.values()]
    return sorted(out, key=lambda c: sort_key(c[0]))


def representative(members: Sequence[Report]) -> Report:
    """The member whose fields describe the cluster: most precise date and place, then confidence."""
    return min(
        members,
        key=lambda r: (r.time_precision, r.geo_precision or 9, -r.confidence, sort_key(r)),
    )


def best_figures(members: Sequence[Report]) -> tuple[int, int | None]:
    """Best (fatalities, injuries): the highest figure among the latest-published reports.

    Follow-ups revise tolls upwards as bodies are recovered, so the latest report is the
    best informed; outlets publishing the same day may still differ, and the higher figure
    is then usually the updated one.
    """
    dated = [m for m in members if m.pub_date is not None]
    latest_day = max((m.pub_date for m in dated), default=None)  # type: ignore[type-var]
    latest = [m for m in dated if m.pub_date == latest_day] or list(members)
    fatalities = max(m.fatalities for m in latest)
    injuries_known = [m.injuries for m in latest if m.injuries is not None]
    return fatalities, (max(injuries_known) if injuries_known else None)


def date_span(members: Sequence[Report]) -> tuple[object, object]:
    """(earliest, latest) effective date of the members (None when none is dated)."""
    days = [d for d, _ in map(effective_date, members) if d is not None]
    return (min(days), max(days)) if days else (None, None)
