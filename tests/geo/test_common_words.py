"""Gazetteer names that are also common words ("جروح" wounds, "قيام") are places only with a place cue."""

from __future__ import annotations

import pytest

from rasd.geo.gazetteer import load_gazetteer
from rasd.geo.geocode import Geocoder
from rasd.resources import read_tsv
from rasd.text.normalise import normalise_key

CASES = [
    # (sentence, place names the geocoder must find)
    ("أصيب ثلاثة مدنيين بجروح خطيرة جراء القصف على مدينة حلب.", ["Aleppo"]),
    ("وأكد المتحدث قيام القوات بواجبها في حماية المدنيين في مدينة درعا.", ["Dar‘ā"]),
    ("وصل رتل عسكري إلى قرية جروح شرق مدينة دير الزور.", ["Jruh", "Deir ez-Zor"]),
]


@pytest.mark.parametrize(("text", "names"), CASES)
def test_common_word_needs_a_place_cue(geocoder: Geocoder, text: str, names: list[str]) -> None:
    assert [loc.name for _, loc in geocoder.geocode(text) if loc is not None] == names


def test_common_words_file_is_normalised_small_places() -> None:
    rows = read_tsv("geo/common_words.tsv", columns=2)
    assert len(rows) >= 1000
    gaz = load_gazetteer(include_osm=False)
    keys = [r[0] for r in rows]
    assert len(keys) == len(set(keys))
    for key, zipf in rows[:: max(1, len(rows) // 200)]:
        assert key == normalise_key(key) and " " not in key
        assert 3.0 <= float(zipf) <= 8.0
        assert all(p.level == "locality" for p in gaz.lookup(key)), key
