"""Landmarks named after places, name particles, connectors ("التابعة لـ", "الواقعة في") and nisba cues."""

from __future__ import annotations

import pytest

from rasd.geo import Geocoder
from rasd.model import Location


def resolved(geocoder: Geocoder, text: str) -> list[tuple[str, Location | None]]:
    return [(m.text, loc) for m, loc in geocoder.geocode(text)]


def countries(geocoder: Geocoder, text: str) -> set[str]:
    return {loc.country for _, loc in resolved(geocoder, text) if loc is not None}


# A square, street or roundabout named after a city is not that city; the city the text places it in is.
@pytest.mark.parametrize(("text", "expected"), [
    ("طرابلس (ليبيا) - احتشد مئات المحتجين مساء الجمعة في ميدان الجزائر بطرابلس للمطالبة برحيل الحكومة", {"LY"}),
    ("بيروت - اعتصم العشرات من العسكريين المتقاعدين في ساحة رياض الصلح وسط العاصمة بيروت", {"LB"}),
    ("انفجرت سيارة مفخخة صباح اليوم في شارع فلسطين ببغداد ما أدى إلى سقوط ضحايا", {"IQ"}),
    ("أغلق محتجون دوار الداخلية في عمّان احتجاجاً على رفع الأسعار", {"JO"}),
])
def test_landmark_named_after_a_place_is_not_that_place(geocoder: Geocoder, text: str, expected: set[str]) -> None:
    assert countries(geocoder, text) == expected


# A channel, newspaper or radio named after a place is a medium, not where the news happened.
@pytest.mark.parametrize(("text", "expected"), [
    ("أعلنت قناة الميادين مقتل مراسلتها في غارة إسرائيلية على بلدة طير حرفا جنوبي لبنان", {"LB"}),
    ("ونقلت صحيفة الرياض عن مصادر أمنية أن الشرطة اعتقلت ثلاثة أشخاص في مدينة عدن", {"YE"}),
    ("وذكرت إذاعة دالسان أن انفجاراً وقع قرب مطار مقديشو صباح اليوم", {"SO"}),
])
def test_medium_named_after_a_place_is_not_that_place(geocoder: Geocoder, text: str, expected: set[str]) -> None:
    assert countries(geocoder, text) == expected


def test_landmark_name_of_several_words_is_skipped_whole(geocoder: Geocoder) -> None:
    found = [t for t, _ in resolved(geocoder, "تجمع المتظاهرون في ساحة رياض الصلح قبل أن يتوجهوا إلى مجلس النواب")]
    assert not any("رياض" in t for t in found)


# "أبو", "بن", "أم": the start of a longer name the gazetteer lacks is not a hamlet of that name.
@pytest.mark.parametrize("text", [
    "قتل خمسة مواطنين في هجوم إرهابي على مدينة بن قردان التونسية فجر اليوم",
    "شنت طائرات حكومة الوفاق غارات على منطقتي القواسم وأبو شيبة جنوب العاصمة",
    "وصلت تعزيزات عسكرية إلى بلدة أم سيالة فجر اليوم",
])
def test_name_particle_alone_is_not_a_place(geocoder: Geocoder, text: str) -> None:
    for t, _ in resolved(geocoder, text):
        assert t.split()[-1] not in ("بن", "أبو", "وأبو", "أم")


# A connector says which unit a place lies in, and that outweighs population and the article's vote.
def test_connector_picks_the_namesake_inside_the_unit(geocoder: Geocoder) -> None:
    out = dict(resolved(geocoder, "نفذ طيران التحالف غارات على مديرية الظاهر التابعة إدارياً لمحافظة صعدة"))
    loc = out["مديرية الظاهر"]
    assert loc is not None and loc.country == "YE" and loc.admin1 == "Saada"


def test_place_in_a_unit_of_another_country_is_not_the_namesake_across_the_border(geocoder: Geocoder) -> None:
    out = dict(resolved(geocoder, "داهمت قوات الاحتلال بلدة الطيبة الواقعة في محافظة رام الله واعتقلت شابين"))
    loc = out["بلدة الطيبة"]
    assert loc is not None and loc.country == "PS"


def test_nisba_after_a_place_rules_out_namesakes_abroad(geocoder: Geocoder) -> None:
    out = dict(resolved(geocoder, "اندلعت مواجهات بين محتجين وقوات الدرك في بلدة القليعة المغربية ليل الأربعاء"))
    loc = out["بلدة القليعة"]
    assert loc is None or loc.country == "MA"  # not the Yemeni or Lebanese Qulay'ah


def test_nisba_of_the_place_own_country_keeps_it(geocoder: Geocoder) -> None:
    out = dict(resolved(geocoder, "قصفت الطائرات الأحياء الشرقية من مدينة حلب السورية"))
    loc = out["مدينة حلب"]
    assert loc is not None and loc.country == "SY"
