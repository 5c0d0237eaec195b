"""The export reference table (rasd/resources/export/countries.tsv): format, coverage and consistency."""

from __future__ import annotations

import re

import pytest

from rasd.export.tables import TYPE_INTER, load_export_tables
from rasd.model import ACTOR_TYPES
from rasd.resources import read_tsv

ACLED_REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "South Asia",
    "Southeast Asia", "East Asia", "Middle East", "Europe", "Caucasus and Central Asia", "Central America",
    "South America", "Caribbean", "North America", "Oceania", "Antarctica",
}
ROWS = read_tsv("export/countries.tsv")


def test_country_rows_are_well_formed_and_sorted():
    assert ROWS, "empty table"
    for iso2, iso3, num, name, region, source in ROWS:
        assert re.fullmatch(r"[A-Z]{2}", iso2) and re.fullmatch(r"[A-Z]{3}", iso3), iso2
        assert num.isdigit() and 0 < int(num) < 1000, iso2
        assert name and source and region in ACLED_REGIONS, iso2
    assert [r[0] for r in ROWS] == sorted({r[0] for r in ROWS})
    assert len({r[1] for r in ROWS}) == len({r[2] for r in ROWS}) == len(ROWS)


def test_every_country_the_geocoder_or_actor_kb_knows_is_covered():
    known = {r[0] for r in read_tsv("geo/countries.tsv") if r[0] != "iso2"}
    known |= {r[0] for r in read_tsv("actors/countries.tsv")}
    assert known <= {r[0] for r in ROWS}


def test_iso_codes_agree_with_pycountry():
    pycountry = pytest.importorskip("pycountry")
    for iso2, iso3, num, *_ in ROWS:
        c = pycountry.countries.get(alpha_2=iso2)
        assert (c.alpha_3, int(c.numeric)) == (iso3, int(num)), iso2


def test_tables_cover_taxonomy_types_and_kb():
    tables = load_export_tables()
    assert set(TYPE_INTER) == set(ACTOR_TYPES)
    assert len(tables.subtypes) == 25 and all(1 <= v <= 8 for v in tables.actor_inter.values())
    assert tables.country("sy").name == "Syria" and tables.country(None) is None
