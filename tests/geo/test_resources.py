"""Format and consistency of the geo data files (sites, regions, countries, qualifiers, stop-list, gazetteer)."""

from __future__ import annotations

import gzip

import pytest

from rasd.geo.gazetteer import COLUMNS, LEVELS
from rasd.geo.lexicon import QUALIFIER_ROLES
from rasd.resources import read_tsv, resource_path
from rasd.text.normalise import normalise_key

COUNTRIES = set("SY IQ YE LB JO PS IL SA SD LY EG SO ML NE BF DZ TN MA MR TR IR KW AE QA BH OM TD".split())
# neighbours of the covered area that conflict news names as countries (countries.tsv only)
NEIGHBOURS = {"SS", "NG", "KE", "CM"}
# rough bounding box of the covered area (Mauritania to Iran, Somalia to Turkey)
LAT, LON = (-2.0, 43.0), (-18.0, 64.0)
SITE_KINDS = {"base", "airbase", "oil_field", "gas_field", "crossing", "camp", "prison", "port", "airport", "dam",
              "mountain", "other"}


def rows(name: str, ncols: int) -> list[dict[str, str]]:
    table = read_tsv(f"geo/{name}", columns=ncols)
    header = table[0]
    return [dict(zip(header, r, strict=True)) for r in table[1:]]


def test_sites_rows_have_coordinates_names_and_source() -> None:
    sites = rows("sites.tsv", 10)
    assert len(sites) >= 330
    seen: dict[tuple[str, str], str] = {}
    for r in sites:
        names = r["name_ar"].split("|")
        assert all(n.strip() == n and n for n in names), r["name_en"]
        assert r["kind"] in SITE_KINDS, r
        assert r["country"] in COUNTRIES, r
        assert LAT[0] <= float(r["lat"]) <= LAT[1] and LON[0] <= float(r["lon"]) <= LON[1], r
        assert r["source"], r["name_en"]
        assert r["admin1"], r["name_en"]
        cued = [c for c in r["needs_cue"].split("|") if c]
        assert set(cued) <= set(names), r["name_en"]
        for n in names:
            key = (normalise_key(n), r["country"])
            assert key not in seen or seen[key] == r["name_en"], f"{n} in {seen.get(key)} and {r['name_en']}"
            seen[key] = r["name_en"]


@pytest.mark.parametrize(("name", "ncols"), [("regions.tsv", 8), ("countries.tsv", 8)])
def test_regions_and_countries_are_well_formed(name: str, ncols: int) -> None:
    for r in rows(name, ncols):
        assert r["source"]
        assert LAT[0] <= float(r["lat"]) <= LAT[1] and LON[0] <= float(r["lon"]) <= LON[1], r
        assert (r.get("country") or r.get("iso2")) in (COUNTRIES | NEIGHBOURS if name == "countries.tsv" else COUNTRIES)


@pytest.mark.parametrize(("name", "ncols"), [("qualifiers.tsv", 3), ("stoplist.tsv", 2), ("aliases.tsv", 3),
                                              ("particles.tsv", 2)])
def test_word_lists_have_no_duplicates(name: str, ncols: int) -> None:
    table = rows(name, ncols)
    first = read_tsv(f"geo/{name}")[0][0]
    keys = [normalise_key(r[first]) + ("\t" + r.get("name_ar", "")) for r in table]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    if name == "qualifiers.tsv":
        assert {r["role"] for r in table} <= set(QUALIFIER_ROLES)
    if name == "particles.tsv":  # one word each, with a reason
        assert all(" " not in r["word"] and r["reason"] for r in table), table


def _artefact(name: str) -> list[list[str]]:
    data = gzip.decompress(resource_path(f"geo/{name}").read_bytes()).decode("utf-8")
    lines = [ln for ln in data.split("\n") if ln and not ln.startswith("#")]
    assert lines[0].split("\t") == list(COLUMNS)
    return [ln.split("\t") for ln in lines[1:]]


@pytest.mark.parametrize("name", ["gazetteer.tsv.gz", "osm/places_osm.tsv.gz"])
def test_built_gazetteer_rows_are_consistent(name: str) -> None:
    table = _artefact(name)
    assert len(table) > (60000 if name == "gazetteer.tsv.gz" else 5000)
    ids = set()
    for r in table:
        assert len(r) == len(COLUMNS)
        assert r[1] in LEVELS, r[:4]
        assert r[4] or r[1] == "admin1", r[:4]  # reachable by an Arabic name (admin-1 units also by code)
        assert LAT[0] - 10 <= float(r[5]) <= LAT[1] and LON[0] <= float(r[6]) <= LON[1] + 10, r[:7]
        assert r[7] in COUNTRIES or (r[1] == "country" and r[7] in NEIGHBOURS), r[:8]
        assert r[0] not in ids
        ids.add(r[0])
    if name.startswith("osm/"):
        assert all(r[13].startswith("osm:") for r in table)  # ODbL rows stay out of the main file
    else:
        assert not any(s.startswith("osm:") for r in table for s in r[13].split("|"))


def test_osm_notice_ships_with_the_osm_rows() -> None:
    notice = resource_path("geo/osm/NOTICE.md").read_text(encoding="utf-8")
    assert "ODbL" in notice and "OpenStreetMap contributors" in notice
