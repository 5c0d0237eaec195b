"""The event store's tables (SQLAlchemy Core), identical on SQLite and PostgreSQL.

articles ─< events ─< actors / sources / evidence; events ─ locations (1:1);
events >─ clusters (one cluster per real-world incident, across outlets).
``clusters`` holds a denormalised summary (representative fields, best
fatality figure, report counts) so the API can filter and sort one row per
incident without aggregating at read time.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = [
    "SCHEMA_VERSION",
    "actors",
    "articles",
    "cannot_link",
    "clusters",
    "events",
    "evidence",
    "locations",
    "metadata",
    "schema_version",
    "sources",
]

SCHEMA_VERSION = 3

metadata = MetaData()

schema_version = Table(
    "rasd_schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
    Column("description", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("article_id", String(512), nullable=False, unique=True),  # the id it was ingested with
    Column("url", Text, nullable=True),
    Column("outlet", String(256), nullable=True),
    Column("pub_date", Date, nullable=True),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("origin", Text, nullable=True),
    Column("n_events", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_articles_url", "url", unique=True),
    Index("ix_articles_pub_date", "pub_date"),
)

clusters = Table(
    "clusters",
    metadata,
    # A stable id derived from the first member's content key (rasd.store.cluster.cluster_id), 52 bits.
    Column("pk", BigInteger, primary_key=True, autoincrement=False),
    Column("rep_event_pk", Integer, nullable=True),  # representative member (best precision)
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(128), nullable=False),
    Column("date", Date, nullable=True),
    Column("date_min", Date, nullable=True),
    Column("date_max", Date, nullable=True),
    Column("time_precision", Integer, nullable=False),
    Column("country", String(8), nullable=True),
    Column("admin1", String(256), nullable=True),
    Column("admin2", String(256), nullable=True),
    Column("location_name", String(256), nullable=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("geo_precision", Integer, nullable=True),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("injuries", Integer, nullable=True),
    Column("n_reports", Integer, nullable=False, default=0),
    Column("n_outlets", Integer, nullable=False, default=0),
    Column("first_pub", Date, nullable=True),
    Column("last_pub", Date, nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_clusters_date", "date"),
    Index("ix_clusters_type_dates", "event_type", "date_max", "date_min"),
    Index("ix_clusters_place", "country", "admin1"),
    Index("ix_clusters_lat_lon", "lat", "lon"),
    Index("ix_clusters_fatalities", "fatalities"),
)

events = Table(
    "events",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),  # position of the event in its article's list
    Column("cluster_pk", BigInteger, ForeignKey("clusters.pk"), nullable=True),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(128), nullable=False),
    Column("date", Date, nullable=True),
    Column("time_precision", Integer, nullable=False),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("injuries", Integer, nullable=True),
    Column("confidence", Float, nullable=False),
    Column("data", JSON, nullable=False),  # the CONTRACT EVENT object, verbatim
    Column("search_norm", Text, nullable=False),  # normalised, clitic-expanded words for full-text search
    # What cross-outlet linking reads (schema v2), denormalised so a block is one indexed scan:
    Column("link_key", String(80), nullable=True),  # article content hash ":" seq: orders reports stably
    Column("pub_date", Date, nullable=True),
    Column("link_date", Date, nullable=True),  # event date, else the publication day
    # its precision (undated: week), clamped to the blocking classes 1..3 (schema v3)
    Column("link_precision", Integer, nullable=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("country", String(8), nullable=True),
    Column("admin1", String(256), nullable=True),
    Column("geo_precision", Integer, nullable=True),
    Column("actor1_name", String(256), nullable=True),  # None when absent or unidentified
    Column("actor2_name", String(256), nullable=True),
    Column("actor_keys", Text, nullable=True),  # "|"-joined rasd.store.linking.actor_keys
    Column("evidence_text", Text, nullable=True),  # the evidence sentence(s) as written
    Column("place_text", Text, nullable=True),  # the place as the text names it (LOCATION.text)
    Column("block_id", BigInteger, nullable=True),  # connected component of linked reports
    Index("ix_events_article", "article_pk"),
    Index("ix_events_cluster", "cluster_pk"),
    Index("ix_events_link", "country", "link_date"),
    # candidate retrieval (schema v3): one seek per precision class into a bounded date window
    Index("ix_events_link_window", "country", "link_precision", "link_date"),
    Index("ix_events_link_actor", "actor1_name", "link_date"),
    Index("ix_events_block", "block_id"),
)

cannot_link = Table(  # pairs of events a user separated (`rasd cluster split`): never one incident again
    "cannot_link",
    metadata,
    Column("event_a", Integer, ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),  # a < b
    Column("event_b", Integer, ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_cannot_link_b", "event_b"),
)

locations = Table(
    "locations",
    metadata,
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
    Column("name", String(256), nullable=False),
    Column("text", String(256), nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("admin1", String(256), nullable=True),
    Column("admin2", String(256), nullable=True),
    Column("country", String(8), nullable=True),
    Column("geo_precision", Integer, nullable=False),
    Column("geonameid", Integer, nullable=True),
)

actors = Table(
    "actors",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), nullable=False),
    Column("role", String(16), nullable=False),  # actor1 actor2 assoc1 assoc2 claimed_by
    Column("name", String(256), nullable=False),
    Column("text", String(256), nullable=False),
    Column("text_norm", String(256), nullable=False),
    Column("type", String(32), nullable=False),
    Column("country", String(8), nullable=True),
    Column("kb_id", String(128), nullable=True),
    Index("ix_actors_event", "event_pk"),
    Index("ix_actors_name", "name"),
)

sources = Table(
    "sources",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), nullable=False),
    Column("name", String(256), nullable=False),
    Index("ix_sources_event", "event_pk"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Index("ix_evidence_event", "event_pk"),
)
