"""Click commands ``rasd ingest`` and ``rasd watch`` (registered by ``rasd.cli``); they only call the library."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
import sys
from collections.abc import Callable
from typing import Any

import click

from rasd.errors import ConfigError, InputError, RasdError
from rasd.store import open_store
from rasd.store.ingest import (
    DEFAULT_BATCH_SIZE,
    Extractor,
    IngestReport,
    Watcher,
    ingest,
    load_extractor,
    read_sources,
)

__all__ = ["cluster_command", "db_option", "ingest_command", "parse_duration", "watch_command"]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}


def parse_duration(value: str) -> float:
    """``"5m"`` → 300.0 seconds (units ms, s, m, h; a bare number is seconds)."""
    m = _DURATION.match(value)
    if not m or float(m.group(1)) <= 0:
        raise ConfigError(f"invalid duration {value!r}: use e.g. 30s, 5m, 1h")
    return float(m.group(1)) * _UNITS[m.group(2)]


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--db PATH_OR_URL`` shared by ingest, watch and serve."""
    return click.option(
        "--db", "db", envvar="RASD_DB", default="rasd.db", show_default=True,
        help="SQLite file or postgresql://user@host/db URL (also $RASD_DB).",
    )(fn)


def _common(fn: Callable[..., Any]) -> Callable[..., Any]:
    for opt in reversed([
        db_option,
        click.option("--pub-date", type=click.DateTime(["%Y-%m-%d"]), default=None,
                     help="Publication date for .txt/.html inputs without one."),
        click.option("--batch-size", type=click.IntRange(1, 100_000), default=DEFAULT_BATCH_SIZE,
                     show_default=True, help="Articles per transaction."),
        click.option("--timeout", type=click.FloatRange(0.1, 600), default=10.0, show_default=True,
                     help="Seconds per feed fetch attempt."),
        click.option("--retries", type=click.IntRange(0, 20), default=3, show_default=True,
                     help="Feed fetch retries (with back-off)."),
        click.option("--extractor", "extractor_path", default=None, metavar="MODULE:FACTORY",
                     help="Use another extractor: FACTORY() returns a function Article -> list[Event]."),
    ]):
        fn = opt(fn)
    return fn


def extractor_from_option(path: str | None) -> Extractor:
    if not path:
        return load_extractor()
    module, _, name = path.partition(":")
    try:
        factory = getattr(importlib.import_module(module), name or "load_extractor")
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot load extractor {path!r}: {exc}") from exc
    return factory()


def _warn(err: InputError) -> None:
    click.echo(f"rasd: {err}", err=True)


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@click.command("ingest")
@_common
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.argument("sources", nargs=-1, required=True)
def ingest_command(
    db: str, pub_date: dt.datetime | None, batch_size: int, timeout: float, retries: int,
    extractor_path: str | None, quiet: bool, sources: tuple[str, ...],
) -> None:
    """Extract events from SOURCES and store them (idempotent, one transaction per batch).

    SOURCES are JSONL, .txt, .html files, folders, RSS/Atom feeds (file or URL)
    and Telegram Desktop exports (result.json). Prints a JSON summary.

    Example: rasd ingest --db rasd.db examples/articles.jsonl news.rss telegram/result.json
    """
    errors = 0

    def on_error(err: InputError) -> None:
        nonlocal errors
        errors += 1
        _warn(err)

    try:
        extract = extractor_from_option(extractor_path)
        with open_store(db) as store:
            articles = read_sources(sources, pub_date=_date(pub_date), on_error=on_error,
                                    timeout=timeout, retries=retries)
            if quiet or not sys.stderr.isatty():
                report = ingest(store, articles, extract, batch_size=batch_size)
            else:
                from rich.console import Console
                from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

                with Progress(SpinnerColumn(), "[progress.description]{task.description}", MofNCompleteColumn(),
                              TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
                    task = bar.add_task("ingesting articles", total=None)
                    report = ingest(store, articles, extract, batch_size=batch_size,
                                    progress=lambda n: bar.advance(task, n))
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc
    report.errors = errors
    click.echo(json.dumps(report.as_dict()))


@click.command("watch")
@_common
@click.option("--every", default="5m", show_default=True, help="Poll interval (e.g. 30s, 5m, 1h).")
@click.option("--max-polls", type=click.IntRange(1), default=None, help="Stop after N polls (default: never).")
@click.argument("sources", nargs=-1, required=True)
def watch_command(
    db: str, pub_date: dt.datetime | None, batch_size: int, timeout: float, retries: int,
    extractor_path: str | None, every: str, max_polls: int | None, sources: tuple[str, ...],
) -> None:
    """Keep polling feeds and folders in SOURCES, ingesting only new items.

    Prints one JSON summary line per poll (with a UTC timestamp).

    Example: rasd watch --db rasd.db --every 5m https://example.org/feed.rss incoming/
    """
    try:
        interval = parse_duration(every)
        extract = extractor_from_option(extractor_path)
        with open_store(db) as store:
            watcher = Watcher(store, sources, extract, on_error=_warn, pub_date=_date(pub_date),
                              timeout=timeout, retries=retries, batch_size=batch_size)

            def show(rep: IngestReport) -> None:
                line = {"poll_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **rep.as_dict()}
                click.echo(json.dumps(line), nl=True)
                sys.stdout.flush()

            watcher.run(interval, max_polls=max_polls, on_poll=show)
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        click.echo("rasd: watch stopped", err=True)


@click.group("cluster")
def cluster_command() -> None:
    """Inspect and correct incident clusters (the items of /api/events).

    Example: rasd cluster show 123456789 --db rasd.db
    """


@cluster_command.command("show")
@db_option
@click.argument("cluster_id", type=int)
def cluster_show(db: str, cluster_id: int) -> None:
    """Print one cluster with its reports (event ids, outlets, evidence) as JSON.

    Example: rasd cluster show 123456789 --db rasd.db
    """
    with open_store(db) as store:
        item = store.get_event(cluster_id)
    if item is None:
        raise click.ClickException(f"no cluster {cluster_id}")
    for rep in item["reports"]:
        rep.pop("text", None)  # the article texts make the output unreadable; /api/articles has them
    click.echo(json.dumps(item, ensure_ascii=False, indent=1))


@cluster_command.command("split")
@db_option
@click.argument("cluster_id", type=int)
@click.option("--event", "event_ids", type=int, multiple=True,
              help="Event id (reports[].event_id) to move out; repeat for several. None: split every report.")
def cluster_split(db: str, cluster_id: int, event_ids: tuple[int, ...]) -> None:
    """Un-merge a cluster: the given reports leave it for good (recorded as cannot-link pairs that
    re-clustering and later ingests honour); prints the clusters its reports are in now.

    Example: rasd cluster split 123456789 --event 42 --event 43 --db rasd.db
    """
    try:
        with open_store(db) as store:
            ids = store.split_cluster(cluster_id, event_ids)
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps({"split": cluster_id, "clusters": ids}))
