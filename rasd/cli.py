"""The `rasd` command line: thin click commands over the library (extract, explain, and the rest)."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
from typing import IO

import click

from rasd.cli_options import iso_date
from rasd.errors import InputError
from rasd.pipeline import load_pipeline
from rasd.read import read_articles

__all__ = ["main"]


class ErrorLog:
    """Collects input errors, printing each as ``rasd: WHERE: message`` on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, err: InputError) -> None:
        self.count += 1
        click.echo(f"rasd: {err}", err=True)


# Subcommands of other subsystems, imported only when used: (module, attribute, extra that provides it).
LAZY_COMMANDS: dict[str, tuple[str, str, str | None]] = {
    "geocode": ("rasd.geo.cli", "geocode_command", None),
    "actors": ("rasd.actors.cli", "actors_command", None),
    "ingest": ("rasd.store.cli", "ingest_command", "server"),
    "watch": ("rasd.store.cli", "watch_command", "server"),
    "cluster": ("rasd.store.cli", "cluster_command", "server"),
    "serve": ("rasd.serve.cli", "serve_command", "server"),
    "export": ("rasd.export.cli", "export_command", "server"),
    "eval": ("rasd.evaluate", "eval_command", None),
    "bench": ("rasd.bench", "bench_command", None),
    "spark": ("rasd.spark", "spark_command", "spark"),
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
@click.option("--pub-date", callback=iso_date, help="Publication date for .txt/.html inputs without one.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0 = one per CPU); output order is the input order.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Drop events whose calibrated confidence is lower (0.8 keeps events right ≥ 90% of the time "
                   "on cross-validation; see docs/quality.md).")
def extract(inputs: tuple[str, ...], fmt: str, output: IO[str], pub_date: dt.date | None, jobs: int,
            min_confidence: float) -> None:
    """Extract events from JSONL, .txt, .html files, directories or - (stdin JSONL).

    Writes one line per input article: {"id": ..., "events": [...]}. Malformed input is
    reported as "rasd: FILE line N: ..." on stderr; the rest is processed and the exit
    code is 1.

    Example: rasd extract articles.jsonl --format jsonl --output events.jsonl --jobs 2
    """
    from functools import partial

    from rasd.parallel import extract_rows

    log = ErrorLog()
    factory = partial(load_pipeline, min_confidence=min_confidence) if min_confidence else load_pipeline
    rows = extract_rows(read_articles(inputs, pub_date=pub_date, on_error=log), jobs=jobs, on_error=log,
                        factory=factory)
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
@click.option("--pub-date", callback=iso_date, help="Publication date for .txt/.html inputs without one.")
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
