"""``rasd geocode``: show the place mentions of a text, their candidates and the chosen location."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from rasd.geo.geocode import load_geocoder

__all__ = ["geocode_command"]


@click.command("geocode")
@click.argument("text")
@click.option("--country", "country_hint", default=None, help="ISO2 country the text is about (a hint).")
@click.option("--candidates", "n_candidates", default=5, show_default=True, help="Candidates shown per mention.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines (one mention per line) instead of tables.")
def geocode_command(text: str, country_hint: str | None, n_candidates: int, as_json: bool) -> None:
    """Geocode the place names in TEXT and show candidates and the choice.

    Example: rasd geocode "قصف على قرية مراط بريف دير الزور الشرقي"
    """
    geocoder = load_geocoder()
    results = geocoder.geocode(text, country_hint=country_hint)
    if as_json:
        for m, loc in results:
            click.echo(json.dumps({
                "text": m.text, "start": m.start, "end": m.end, "qualifier": m.qualifier, "level": m.level,
                "candidates": [{"id": p.id, "name": p.name, "level": p.level, "country": p.country,
                                "admin1": p.admin1, "lat": p.lat, "lon": p.lon} for p in m.candidates[:n_candidates]],
                "location": loc.to_dict() if loc else None,
            }, ensure_ascii=False))
        return
    console = Console()
    if not results:
        console.print("no place mentions found")
        return
    for m, loc in results:
        table = Table(title=f"{m.text}  [{m.level}; qualifier={m.qualifier or '-'}]", title_justify="left")
        for col in ("", "id", "name", "level", "country", "admin1", "lat", "lon", "population"):
            table.add_column(col)
        chosen = (loc.lat, loc.lon) if loc else None
        marked = False
        for p in m.candidates[:n_candidates]:
            mark = "→" if not marked and chosen == (p.lat, p.lon) else ""
            marked = marked or bool(mark)
            table.add_row(mark, p.id, p.name, p.level, p.country, p.admin1 or "", f"{p.lat:.4f}", f"{p.lon:.4f}",
                          str(p.population))
        console.print(table)
        if loc is None:
            console.print("  choice: none (no candidate fits the context)")
        else:
            console.print(f"  choice: {loc.name} ({loc.country}, {loc.admin1 or '-'}) {loc.lat:.4f},{loc.lon:.4f} "
                          f"geo_precision={loc.geo_precision} geonameid={loc.geonameid}")
