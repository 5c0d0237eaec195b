"""The packaged gazetteer: loading, lookups, admin units and the optional OSM rows."""

from __future__ import annotations

import pytest

from rasd.geo import Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer(geocoder) -> Gazetteer:
    return geocoder.gazetteer


@pytest.mark.parametrize(("name", "country", "geonameid"), [
    ("البوكمال", "SY", 174448),  # GeoNames writes البو كمال; OCHA writes البوكمال: merged into one place
    ("الفاشر", "SD", 379555),
    ("دير الزور", "SY", 170794),
    ("خميس مشيط", "SA", None),
])
def test_lookup_finds_the_town(gazetteer: Gazetteer, name: str, country: str, geonameid: int | None) -> None:
    places = [p for p in gazetteer.lookup(name) if p.level == "locality" and p.country == country]
    assert places
    if geonameid is not None:
        assert geonameid in {p.geonameid for p in places}


def test_merged_place_keeps_all_source_ids(gazetteer: Gazetteer) -> None:
    (bukamal,) = [p for p in gazetteer.lookup("البوكمال") if p.geonameid == 174448]
    assert {s.split(":")[0] for s in bukamal.sources} >= {"gn", "ocha", "wof"}
    assert bukamal.admin1 == "Deir ez-Zor" and bukamal.admin1_code == "SY.07"


@pytest.mark.parametrize(("code", "lat", "lon"), [
    ("IQ.01", 33.42, 43.31),  # Al-Anbar -> Ramadi
    ("SY.07", 35.336, 40.141),  # Deir ez-Zor -> Deir ez-Zor city
])
def test_admin1_is_placed_at_its_capital(gazetteer: Gazetteer, code: str, lat: float, lon: float) -> None:
    unit = gazetteer.admin1(code)
    assert unit is not None and unit.level == "admin1"
    assert abs(unit.lat - lat) < 0.05 and abs(unit.lon - lon) < 0.05


def test_country_rows(gazetteer: Gazetteer) -> None:
    iq = gazetteer.country("IQ")
    assert iq is not None and iq.level == "country" and iq.name == "Iraq"
    assert gazetteer.country("XX") is None


def test_cued_site_alias_is_flagged(gazetteer: Gazetteer) -> None:
    # "المصنع" (Masnaa crossing) is also a common word: kept only behind a site word
    assert any(p.level == "site" for p in gazetteer.lookup("المصنع"))
    assert not any(p.level == "site" for p in gazetteer.lookup("المصنع", cued=False))


def test_gazetteer_loads_without_osm_rows() -> None:
    core = load_gazetteer(include_osm=False)
    full = load_gazetteer()
    assert 0 < len(core) < len(full)
    assert not any(s.startswith("osm:") for p in core for s in p.sources)
