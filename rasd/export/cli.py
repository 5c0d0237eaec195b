"""`rasd export`: stored incidents to ACLED CSV, GeoJSON, PLOVER, Parquet or JSON Lines, with the API's filters."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from rasd.cli_options import iso_date
from rasd.errors import ConfigError, InputError, StorageError
from rasd.export import FORMATS, export_incidents
from rasd.store import EventQuery, open_store, parse_bbox
from rasd.store.query import EVENT_TYPES

__all__ = ["export_command"]


@click.command("export", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="RASD_DB", default="rasd.db", show_default=True,
              help="SQLite file or postgresql://user@host/db URL (also $RASD_DB).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="acled-csv | geojson | plover (JSON Lines) | parquet | jsonl.")
@click.option("--output", "-o", required=True, help="Output file ('-' for stdout, not for parquet).")
@click.option("--date-from", callback=iso_date, help="Earliest event date (YYYY-MM-DD).")
@click.option("--date-to", callback=iso_date, help="Latest event date (YYYY-MM-DD).")
@click.option("--event-type", multiple=True, type=click.Choice(EVENT_TYPES), help="ACLED event type (repeatable).")
@click.option("--sub-event-type", multiple=True, help="ACLED sub-event type (repeatable).")
@click.option("--actor", help="Actor name (English or Arabic) or KB id.")
@click.option("--country", help="ISO alpha-2 country of the event.")
@click.option("--admin1", help="Governorate / province.")
@click.option("--bbox", help="min_lon,min_lat,max_lon,max_lat")
@click.option("-q", "--q", "q", help="Arabic-aware full-text search.")
@click.option("--min-fatalities", type=click.IntRange(0), help="Only incidents with at least this many deaths.")
def export_command(db: str, fmt: str, output: str, date_from: dt.date | None, date_to: dt.date | None,
                   event_type: tuple[str, ...], sub_event_type: tuple[str, ...], actor: str | None,
                   country: str | None, admin1: str | None, bbox: str | None, q: str | None,
                   min_fatalities: int | None) -> None:
    """Export stored incidents (one per cluster of reports) with the API's filters.

    Example: rasd export --db rasd.db --format acled-csv --country SY --date-from 2024-01-01 --output syria.csv
    """
    try:
        query = EventQuery(date_from=date_from, date_to=date_to, event_type=event_type,
                           sub_event_type=sub_event_type, actor=actor, country=country, admin1=admin1,
                           bbox=parse_bbox(bbox) if bbox else None, q=q, min_fatalities=min_fatalities)
        with open_store(db) as store:
            if output == "-":
                if fmt == "parquet":
                    raise ConfigError("parquet cannot be written to stdout: give --output FILE")
                summary = export_incidents(store, query, fmt=fmt, out=sys.stdout)
            else:
                summary = export_incidents(store, query, fmt=fmt, path=Path(output))
    except (InputError, ConfigError, StorageError) as err:
        raise click.ClickException(str(err)) from err
    skipped = f", {summary.skipped} without coordinates left out" if summary.skipped else ""
    click.echo(f"rasd: exported {summary.rows} incident(s) as {fmt}{skipped}", err=True)
