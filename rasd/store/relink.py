"""Re-link a whole store: fill the linking columns of stored events and rebuild every cluster.

Used once by the schema-v2 migration on stores written by earlier versions (their
events lack the columns linking reads); also callable after a new linking model
ships. Events are re-assigned in their stable order, so the result is the same
clustering an ingest of the same articles would produce.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, select, update

from rasd.store import schema as s
from rasd.store.cluster import sort_key
from rasd.store.incidents import Linker, link_columns, load_reports
from rasd.store.linking import report_from_event
from rasd.store.records import event_from_dict

__all__ = ["relink_all"]


def _fill_columns(conn: Connection) -> None:
    e, a = s.events, s.articles
    rows = conn.execute(
        select(e.c.pk, e.c.seq, e.c.article_pk, e.c.data, a.c.text, a.c.content_hash, a.c.pub_date)
        .select_from(e.join(a, a.c.pk == e.c.article_pk)).where(e.c.link_key.is_(None))
    ).all()
    for r in rows:
        rep = report_from_event(event_from_dict(r.data), event_pk=r.pk, article_pk=r.article_pk,
                                key=f"{r.content_hash}:{r.seq}", pub_date=r.pub_date, text=r.text)
        conn.execute(update(e).where(e.c.pk == r.pk).values(**link_columns(rep)))


def relink_all(conn: Connection) -> int:
    """Fill missing linking columns, drop all clusters and re-link every event; return events linked."""
    _fill_columns(conn)
    conn.execute(update(s.events).values(cluster_pk=None, block_id=None))
    conn.execute(delete(s.clusters))
    rows = load_reports(conn)
    if not rows:
        return 0
    linker = Linker(conn)
    for row in sorted(rows, key=lambda r: sort_key(r.report)):
        linker.assign(row.report)
    return len(rows)
