"""The reference tables exports need (taxonomy, countries, actor inter codes), loaded once by the caller."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from rasd.engine.lexicons import SubType
from rasd.errors import ResourceError
from rasd.resources import read_tsv

__all__ = [
    "TYPE_INTER",
    "CountryInfo",
    "ExportTables",
    "interaction_code",
    "load_export_tables",
]

COUNTRIES_FILE = "export/countries.tsv"

# ACLED inter code of an actor the KB does not know, by CONTRACT type. ACLED codes unidentified armed
# groups as political militias (3) and unidentified military forces as external/other forces (8).
TYPE_INTER: Mapping[str, int] = MappingProxyType({
    "state_forces": 1, "rebel_group": 2, "political_militia": 3, "identity_militia": 4, "rioters": 5,
    "protesters": 6, "civilians": 7, "external_forces": 8, "unidentified": 3,
})


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """ISO codes, ACLED country name and ACLED region of a country."""

    iso2: str
    iso3: str
    iso_numeric: int
    name: str
    region: str


@dataclass(frozen=True, slots=True)
class ExportTables:
    """Immutable lookups for exports; build with :func:`load_export_tables` and hold on to it."""

    subtypes: Mapping[str, SubType]  # by ACLED sub_event_type
    countries: Mapping[str, CountryInfo]  # by ISO2
    actor_inter: Mapping[str, int]  # KB id -> ACLED inter code

    def inter(self, actor: Mapping[str, Any] | None) -> int | None:
        """ACLED inter code (1-8) of a CONTRACT actor: from the KB by id, else from its type."""
        if not actor:
            return None
        code = self.actor_inter.get(actor.get("id") or "")
        if code is not None:
            return code
        if actor.get("type") == "unidentified" and "military" in (actor.get("name") or "").lower():
            return 8
        return TYPE_INTER.get(actor.get("type") or "")

    def country(self, iso2: str | None) -> CountryInfo | None:
        return self.countries.get((iso2 or "").upper())


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: the two inter codes, lower first (12, 28, 37...); a sole actor gives 10 x code."""
    if inter1 is None and inter2 is None:
        return None
    if inter1 is None or inter2 is None:
        return 10 * (inter1 or inter2 or 0)
    lo, hi = sorted((inter1, inter2))
    return 10 * lo + hi


def _countries() -> dict[str, CountryInfo]:
    out = {}
    for row in read_tsv(COUNTRIES_FILE, columns=6):
        try:
            info = CountryInfo(row[0], row[1], int(row[2]), row[3], row[4])
        except ValueError as exc:
            raise ResourceError(f"{COUNTRIES_FILE}: bad numeric code in {row!r}") from exc
        out[info.iso2] = info
    return out


def load_export_tables() -> ExportTables:
    """Read the taxonomy, the export country table and the actor KB's inter codes (once; hold the result)."""
    from rasd.actors.kb import ACTOR_COLUMNS, parse_actor_rows
    from rasd.actors.knowledge import ACTORS_FILE
    from rasd.engine.lexicons import load_taxonomy

    subtypes = {t.sub_event_type: t for t in load_taxonomy().values()}
    entries = parse_actor_rows(read_tsv(ACTORS_FILE, columns=len(ACTOR_COLUMNS)))
    return ExportTables(
        subtypes=MappingProxyType(subtypes),
        countries=MappingProxyType(_countries()),
        actor_inter=MappingProxyType({e.id: e.inter for e in entries}),
    )
