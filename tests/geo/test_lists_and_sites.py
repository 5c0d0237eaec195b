"""Place lists after dual/plural qualifiers, and camps named like towns abroad."""

from __future__ import annotations

import pytest

from rasd.geo import Geocoder
from rasd.text.normalise import normalise


def _resolved(geocoder: Geocoder, text: str) -> list[tuple[str, str | None]]:
    mentions = geocoder.find(normalise(text), text=text)
    return [(m.text, loc.country if loc else None) for m, loc in zip(mentions, geocoder.resolve(mentions), strict=True)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("قصفت الطائرات بلدتي الهري والسويعية بريف البوكمال", ["بلدتي الهري", "السويعية"]),
        ("قصفت قوات النظام محيط بلدتي ديرسنبل وشنان في جبل الزاوية", ["محيط بلدتي ديرسنبل", "شنان"]),
    ],
)
def test_dual_qualifier_covers_the_second_name(geocoder: Geocoder, text: str, names: list[str]) -> None:
    found = [name for name, country in _resolved(geocoder, text) if country == "SY"]
    assert found[: len(names)] == names


def test_bare_hamlet_without_list_qualifier_is_not_a_place(geocoder: Geocoder) -> None:
    text = "وصل الوفد والسويعية حاضرة في الحديث"
    assert all(name != "السويعية" for name, _ in _resolved(geocoder, text))


def test_camp_named_like_a_town_abroad_is_not_that_town(geocoder: Geocoder) -> None:
    text = ("قصفت طائرات مجهولة معسكر اليرموك قرب المطار الدولي في العاصمة الليبية طرابلس، "
            "وسط اشتباكات في منطقة قصر بن غشير جنوب طرابلس")
    resolved = dict(_resolved(geocoder, text))
    assert resolved.get("معسكر اليرموك") in (None, "LY")


def test_district_lies_in_the_city_named_after_it(geocoder: Geocoder) -> None:
    text = "سقط صاروخ على حي الروضة وسط مدينة مأرب"
    resolved = dict(_resolved(geocoder, text))
    assert resolved.get("حي الروضة") is None  # no district of that name in Marib: not a namesake elsewhere
    assert resolved.get("مدينة مأرب") == "YE"


def test_town_qualified_name_is_not_a_province_abroad(geocoder: Geocoder) -> None:
    text = "هاجم مسلحون قافلة عسكرية قرب بلدة بوني في وسط مالي، وقال مصدر في باماكو إن الهجوم أوقع قتلى"
    resolved = dict(_resolved(geocoder, text))
    assert resolved.get("بلدة بوني") in (None, "ML")
