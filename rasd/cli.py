"""The `rasd` command line: thin click commands over the library (extract, explain, and the rest)."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

import click

from rasd.errors import InputError, RasdError
from rasd.model import Article, Event
from rasd.pipeline import Pipeline, load_pipeline
from rasd.read import read_articles

__all__ = ["main"]


def _pub_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


class ErrorLog:
    """Collects input errors, printing each as ``rasd: WHERE: message`` on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, err: InputError) -> None:
        self.count += 1
        click.echo(f"rasd: {err}", err=True)


def _events_json(events: list[Event]) -> list[dict[str, Any]]:
    return [e.to_dict() for e in events]


def _extract_all(pipeline: Pipeline, articles: Iterator[Article], log: ErrorLog) -> Iterator[dict[str, Any]]:
    for article in articles:
        try:
            events = pipeline.extract_article(article)
        except RasdError as err:
            log(InputError(str(err), where=article.origin or article.id))
            events = []
        yield {"id": article.id, "events": _events_json(events)}


# Subcommands of other subsystems, imported only when used: (module, attribute, extra that provides it).
LAZY_COMMANDS: dict[str, tuple[str, str, str | None]] = {
    "geocode": ("rasd.geo.cli", "geocode_command", None),
    "actors": ("rasd.actors.cli", "actors_command", None),
    "ingest": ("rasd.store.cli", "ingest_command", "server"),
    "watch": ("rasd.store.cli", "watch_command", "server"),
    "serve": ("rasd.serve.cli", "serve_command", "server"),
}


class LazyGroup(click.Group):
    """A click group whose LAZY_COMMANDS load on first use; a missing extra gives a one-line install hint."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in LAZY_COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, attr, extra = LAZY_COMMANDS[cmd_name]
        try:
            return getattr(importlib.import_module(module), attr)
        except ImportError as exc:
            hint = f"pip install 'rasd[{extra}]'" if extra else "reinstall rasd"
            raise click.ClickException(f"'rasd {cmd_name}' needs {exc.name or 'a missing package'}: {hint}") from exc


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rasd")
def main() -> None:
    """Rasd (رصد): Arabic conflict news to structured, geocoded, dated events."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one line per article (CONTRACT); json: one indented array.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Output file (default stdout).")
@click.option("--pub-date", callback=_pub_date, help="Publication date for .txt/.html inputs without one.")
def extract(inputs: tuple[str, ...], fmt: str, output: IO[str], pub_date: dt.date | None) -> None:
    """Extract events from JSONL, .txt, .html files, directories or - (stdin JSONL).

    Writes one line per input article: {"id": ..., "events": [...]}. Malformed input is
    reported as "rasd: FILE line N: ..." on stderr; the rest is processed and the exit
    code is 1.

    Example: rasd extract articles.jsonl --format jsonl --output events.jsonl
    """
    log = ErrorLog()
    pipeline = load_pipeline()
    rows = _extract_all(pipeline, read_articles(inputs, pub_date=pub_date, on_error=log), log)
    if fmt == "jsonl":
        for row in rows:
            output.write(json.dumps(row, ensure_ascii=False) + "\n")
            output.flush()
    else:
        json.dump(list(rows), output, ensure_ascii=False, indent=1)
        output.write("\n")
    if log.count:
        click.echo(f"rasd: {log.count} input error(s)", err=True)
        sys.exit(1)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--id", "article_id", help="Only the article with this id.")
@click.option("--pub-date", callback=_pub_date, help="Publication date for .txt/.html inputs without one.")
def explain(inputs: tuple[str, ...], article_id: str | None, pub_date: dt.date | None) -> None:
    """Show each event of an article and, for every field, the rule and text span behind it.

    Example: rasd explain article.txt --pub-date 2023-11-01
    """
    from rasd.explain import render_explanation

    log = ErrorLog()
    pipeline = load_pipeline()
    for article in read_articles(inputs, pub_date=pub_date, on_error=log):
        if article_id is not None and article.id != article_id:
            continue
        render_explanation(pipeline, article)
    if log.count:
        sys.exit(1)
