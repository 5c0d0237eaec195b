"""`rasd actors ...`: search, show and check the actor knowledge base, and read actors in a text."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from rasd.actors.kb import parse_actor_rows, parse_country_rows, validate_entries
from rasd.actors.knowledge import ACTORS_FILE, COUNTRIES_FILE, load_actor_kb
from rasd.resources import read_tsv

__all__ = ["actors_command"]


def _echo_json(obj: object) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


@click.group(name="actors")
def actors_command() -> None:
    """Search and inspect the actor knowledge base.

    Example: rasd actors search قسد
    """


@actors_command.command("search")
@click.argument("query")
@click.option("--limit", default=10, show_default=True, help="Most results to print.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (the full entry).")
def search_command(query: str, limit: int, as_json: bool) -> None:
    """Find actors by id, English name or Arabic alias (fuzzy).

    Example: rasd actors search "هيئة تحرير الشام" --limit 3
    """
    kb = load_actor_kb()
    hits = kb.search(query, limit=limit)
    if not hits:
        click.echo(f"no actor matches {query!r}", err=True)
        sys.exit(1)
    for e in hits:
        if as_json:
            _echo_json(e.to_dict())
        else:
            where = e.country or "-"
            aliases = "، ".join(e.aliases[:4])
            click.echo(f"{e.id}\t{e.name}\t{e.type}\t{where}\t{aliases}")


@actors_command.command("show")
@click.argument("actor_id")
def show_command(actor_id: str) -> None:
    """Print one actor as JSON.

    Example: rasd actors show sy-sdf
    """
    kb = load_actor_kb()
    entry = kb.get(actor_id)
    if entry is None:
        click.echo(f"unknown actor id {actor_id!r} (try: rasd actors search ...)", err=True)
        sys.exit(1)
    click.echo(json.dumps(entry.to_dict(), ensure_ascii=False, indent=1))


@actors_command.command("check")
def check_command() -> None:
    """Check the KB file (ids, types, aliases, periods); exit 1 on problems.

    Example: rasd actors check
    """
    entries = parse_actor_rows(read_tsv(ACTORS_FILE, columns=15))
    countries = parse_country_rows(read_tsv(COUNTRIES_FILE, columns=6))
    problems = validate_entries(entries, countries)
    for p in problems:
        click.echo(f"problem: {p}", err=True)
    click.echo(f"{len(entries)} actors, {sum(len(e.aliases) for e in entries)} Arabic aliases, "
               f"{len(countries)} countries, {len(problems)} problems")
    if problems:
        sys.exit(1)


@actors_command.command("find")
@click.argument("text", required=False)
@click.option("--country", help="ISO2 country of the event (resolves الجيش، مدنيون...).")
@click.option("--date", "day", help="Event date YYYY-MM-DD (picks the actor valid then).")
def find_command(text: str | None, country: str | None, day: str | None) -> None:
    """Print the actors found in TEXT (or stdin), one JSON object per line.

    Example: rasd actors find "قصفت الطائرات التركية قرية في ريف الحسكة" --country SY
    """
    if text is None:
        text = sys.stdin.read()
    try:
        date = dt.date.fromisoformat(day) if day else None
    except ValueError as exc:
        raise click.BadParameter(f"not a YYYY-MM-DD date: {day}", param_hint="--date") from exc
    kb = load_actor_kb()
    mentions = kb.find(text)
    for i, m in enumerate(mentions):
        actor = kb.resolve(m, country=country.upper() if country else None, date=date, previous=mentions[:i])
        _echo_json({"start": m.start, "end": m.end, "text": m.text, "kind": m.kind, "rule": m.rule,
                    "actor": actor.to_dict()})
