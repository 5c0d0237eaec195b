"""The store's read side: filter, sort and page incident clusters; fetch events and articles.

Every function takes an open connection and returns plain JSON-ready dicts, so
the API adapter only validates parameters and forwards them here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, literal_column, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from rasd.errors import InputError
from rasd.store import schema as s
from rasd.store.search import query_terms
from rasd.text.normalise import normalise_key

__all__ = [
    "EVENT_TYPES",
    "SORT_KEYS",
    "EventQuery",
    "events_geojson",
    "get_article",
    "get_event",
    "list_events",
    "parse_bbox",
    "stats",
]

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
SORT_KEYS = {
    "date": s.clusters.c.date,
    "fatalities": s.clusters.c.fatalities,
    "reports": s.clusters.c.n_reports,
    "updated": s.clusters.c.updated_at,
    "id": s.clusters.c.pk,
}
MAX_LIMIT = 10_000


@dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    """Filters, sort order and page of an event-cluster listing; validated on creation."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_type: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    q: str | None = None
    min_fatalities: int | None = None
    sort: str = "-date"
    limit: int = 50
    offset: int = 0
    terms: tuple[str, ...] = field(default=(), init=False)

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError(f"date_from {self.date_from} is after date_to {self.date_to}", where="date_from")
        for t in self.event_type:
            if t not in EVENT_TYPES:
                raise InputError(f"unknown event_type {t!r}; expected one of {', '.join(EVENT_TYPES)}",
                                 where="event_type")
        if self.bbox is not None:
            x0, y0, x1, y1 = self.bbox
            if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
                raise InputError(f"bbox {self.bbox} must be min_lon,min_lat,max_lon,max_lat in degrees",
                                 where="bbox")
        if self.sort.lstrip("-") not in SORT_KEYS:
            raise InputError(f"unknown sort {self.sort!r}; expected [-]{'|'.join(SORT_KEYS)}", where="sort")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InputError(f"limit {self.limit} must be between 1 and {MAX_LIMIT}", where="limit")
        if self.offset < 0:
            raise InputError(f"offset {self.offset} must be >= 0", where="offset")
        if self.q is not None:
            terms = tuple(query_terms(self.q))
            if not terms:
                raise InputError(f"search text {self.q!r} has no words", where="q")
            object.__setattr__(self, "terms", terms)


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``"min_lon,min_lat,max_lon,max_lat"`` → four floats (InputError when malformed)."""
    parts = value.split(",")
    try:
        x0, y0, x1, y1 = (float(p) for p in parts)
    except ValueError as exc:
        raise InputError(f"bbox {value!r} must be four numbers min_lon,min_lat,max_lon,max_lat",
                         where="bbox") from exc
    return x0, y0, x1, y1


def _text_match(conn: Connection, terms: Sequence[str]) -> ColumnElement[bool]:
    e = s.events
    if conn.dialect.name == "sqlite":
        match = " AND ".join(f'"{t}"*' for t in terms)
        hits = text("SELECT rowid FROM events_fts WHERE events_fts MATCH :fts").bindparams(fts=match)
        cond = e.c.pk.in_(hits.columns(literal_column("rowid")))
    else:
        tsq = " & ".join(f"{t}:*" for t in terms)
        cond = func.to_tsvector(literal_column("'simple'"), e.c.search_norm).op("@@")(
            func.to_tsquery(literal_column("'simple'"), tsq)
        )
    # Uncorrelated IN (not EXISTS): the match set is computed once, not once per cluster row.
    return s.clusters.c.pk.in_(select(e.c.cluster_pk).where(cond))


def _where(conn: Connection, q: EventQuery) -> list[ColumnElement[bool]]:
    c = s.clusters.c
    conds: list[ColumnElement[bool]] = []
    if q.date_from:
        conds.append(c.date >= q.date_from)
    if q.date_to:
        conds.append(c.date <= q.date_to)
    if q.event_type:
        conds.append(c.event_type.in_(q.event_type))
    if q.sub_event_type:
        conds.append(c.sub_event_type.in_(q.sub_event_type))
    if q.country:
        conds.append(c.country == q.country.upper())
    if q.admin1:
        conds.append(func.lower(c.admin1) == q.admin1.lower())
    if q.bbox:
        x0, y0, x1, y1 = q.bbox
        conds += [c.lon.between(x0, x1), c.lat.between(y0, y1)]
    if q.min_fatalities is not None:
        conds.append(c.fatalities >= q.min_fatalities)
    if q.actor:
        e, a = s.events, s.actors
        needle = q.actor.strip()
        conds.append(
            c.pk.in_(
                select(e.c.cluster_pk)
                .select_from(e.join(a, a.c.event_pk == e.c.pk))
                .where(
                    or_(
                        func.lower(a.c.name).contains(needle.lower(), autoescape=True),
                        a.c.text_norm.contains(normalise_key(needle), autoescape=True),
                        a.c.kb_id == needle,
                    ),
                )
            )
        )
    if q.terms:
        conds.append(_text_match(conn, q.terms))
    return conds


def _reports(conn: Connection, cluster_pks: Sequence[int], *, with_text: bool) -> dict[int, list[dict]]:
    e, a = s.events, s.articles
    cols = [e.c.pk, e.c.cluster_pk, e.c.fatalities, e.c.data, e.c.evidence_text]
    cols += [a.c.article_id, a.c.url, a.c.outlet, a.c.pub_date]
    if with_text:
        cols.append(a.c.text)
    rows = conn.execute(
        select(*cols)
        .select_from(e.join(a, a.c.pk == e.c.article_pk))
        .where(e.c.cluster_pk.in_(list(cluster_pks)))
        .order_by(a.c.pub_date.asc().nullslast(), e.c.pk)
    ).all()
    out: dict[int, list[dict]] = {pk: [] for pk in cluster_pks}
    for r in rows:
        report: dict[str, Any] = {
            "article_id": r.article_id,
            "url": r.url,
            "outlet": r.outlet,
            "pub_date": r.pub_date.isoformat() if r.pub_date else None,
            "event_id": r.pk,
            "fatalities": r.fatalities,
            "event_type": r.data.get("event_type"),
            "sub_event_type": r.data.get("sub_event_type"),
            "sources": r.data.get("sources", []),
            "evidence_text": r.evidence_text or "",  # the sentence(s) this report's event was read from
        }
        if with_text:
            report["text"] = r.text
            report["event"] = r.data
            report["evidence"] = [
                {**sp, "text": r.text[sp["start"] : sp["end"]]} for sp in r.data.get("evidence", [])
            ]
        out[r.cluster_pk].append(report)
    return out


def _items(conn: Connection, rows: Sequence[Any], *, with_text: bool = False) -> list[dict[str, Any]]:
    from rasd.summary import event_note
    pks = [r.pk for r in rows]
    data = dict(
        conn.execute(select(s.events.c.pk, s.events.c.data).where(
            s.events.c.pk.in_([r.rep_event_pk for r in rows]))).all()
    )
    reports = _reports(conn, pks, with_text=with_text)
    items = []
    for r in rows:
        item = {"id": r.pk, **data.get(r.rep_event_pk, {})}
        item["fatalities"] = r.fatalities
        item["injuries"] = r.injuries
        sources: dict[str, None] = {}
        outlets: dict[str, None] = {}
        for rep in reports[r.pk]:
            for name in rep["sources"]:
                sources.setdefault(name, None)
            outlets.setdefault(rep["outlet"] or rep["article_id"], None)
        if with_text:
            item["sources"] = list(sources) or item.get("sources", [])
        item.update(
            n_reports=r.n_reports, n_outlets=r.n_outlets, outlets=list(outlets),
            first_pub=r.first_pub.isoformat() if r.first_pub else None,
            last_pub=r.last_pub.isoformat() if r.last_pub else None,
            reports=reports[r.pk],
        )
        item["notes"] = event_note(item)  # the English summary the ACLED export writes in `notes`
        items.append(item)
    return items


def list_events(conn: Connection, q: EventQuery) -> dict[str, Any]:
    """``{"items": [cluster…], "total", "limit", "offset", "sort"}`` for ``q``."""
    conds = _where(conn, q)
    total = conn.scalar(select(func.count()).select_from(s.clusters).where(*conds))
    col = SORT_KEYS[q.sort.lstrip("-")]
    order = col.desc().nullslast() if q.sort.startswith("-") else col.asc().nullslast()
    rows = conn.execute(
        select(s.clusters).where(*conds).order_by(order, s.clusters.c.pk.desc())
        .limit(q.limit).offset(q.offset)
    ).all()
    return {"items": _items(conn, rows), "total": int(total or 0), "limit": q.limit, "offset": q.offset,
            "sort": q.sort}


def get_event(conn: Connection, cluster_id: int) -> dict[str, Any] | None:
    """One cluster with its reports, their article texts, events and evidence spans."""
    rows = conn.execute(select(s.clusters).where(s.clusters.c.pk == cluster_id)).all()
    return _items(conn, rows, with_text=True)[0] if rows else None


def get_article(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """A stored article with its text and events (each naming its cluster ``event_id``)."""
    a = conn.execute(select(s.articles).where(s.articles.c.article_id == article_id)).first()
    if a is None:
        return None
    evs = conn.execute(
        select(s.events.c.cluster_pk, s.events.c.data)
        .where(s.events.c.article_pk == a.pk).order_by(s.events.c.seq)
    ).all()
    return {
        "id": a.article_id, "url": a.url, "outlet": a.outlet,
        "pub_date": a.pub_date.isoformat() if a.pub_date else None,
        "text": a.text, "origin": a.origin, "ingested_at": a.ingested_at.isoformat(),
        "events": [{"event_id": cpk, **d} for cpk, d in evs],
    }


def stats(conn: Connection, q: EventQuery) -> dict[str, Any]:
    """Cluster counts (and best fatalities) by day, event type and admin1, under ``q``'s filters."""
    c = s.clusters.c
    conds = _where(conn, q)

    def group(col: Any) -> list[dict[str, Any]]:
        rows = conn.execute(
            select(col, func.count(), func.coalesce(func.sum(c.fatalities), 0)).where(*conds)
            .group_by(col).order_by(col)
        ).all()
        return [{"key": k.isoformat() if isinstance(k, dt.date) else k, "count": n, "fatalities": int(f)}
                for k, n, f in rows]

    by_day = group(c.date)
    return {
        "total": sum(d["count"] for d in by_day),
        "articles": conn.scalar(select(func.count()).select_from(s.articles)),
        "by_day": by_day,
        "by_type": group(c.event_type),
        "by_admin1": group(c.admin1),
    }


def events_geojson(conn: Connection, q: EventQuery) -> dict[str, Any]:
    """The listing as a GeoJSON FeatureCollection (clusters without coordinates are left out)."""
    page = list_events(conn, q)
    features = []
    for item in page["items"]:
        loc = item.get("location")
        if not loc:
            continue
        props = {k: v for k, v in item.items() if k != "reports"}
        props["reports"] = [{"article_id": r["article_id"], "url": r["url"], "outlet": r["outlet"]}
                            for r in item["reports"]]
        features.append({"type": "Feature", "id": item["id"],
                         "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features, "total": page["total"],
            "limit": page["limit"], "offset": page["offset"]}
