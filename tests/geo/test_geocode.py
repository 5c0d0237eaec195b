"""Mention-in-context -> expected place: prefixes, qualifiers, ambiguity, areas, unknown names."""

from __future__ import annotations

import math

import pytest

from rasd.geo import Geocoder, PlaceMention
from rasd.model import Location
from rasd.text.normalise import normalise


def km(a: Location, lat: float, lon: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, lat, lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


def geocode(geocoder: Geocoder, text: str, hint: str | None = None) -> dict[str, Location | None]:
    return {m.text: loc for m, loc in geocoder.geocode(text, country_hint=hint)}


# (sentence, mention text, lat, lon, country, geo_precision)
CASES = [
    # villages named with their province as container
    ("قصفت طائرات مجهولة قرية مراط بريف دير الزور الشرقي فجر اليوم", "قرية مراط", 35.306, 40.237, "SY", 1),
    ("سقطت قذائف على بلدة طابية جزيرة في ريف دير الزور", "بلدة طابية جزيرة", 35.282, 40.318, "SY", 1),
    # ambiguous village name, resolved by its container (السكرية exists in 6 Syrian provinces)
    ("استهدفت غارة مواقع في قرية السكرية بريف البوكمال", "قرية السكرية", 34.472, 40.911, "SY", 1),
    # area around a town: town coordinates, precision 2
    ("دارت اشتباكات عنيفة في ريف البوكمال الشرقي", "ريف البوكمال الشرقي", 34.452, 40.919, "SY", 2),
    ("انفجرت عبوة ناسفة في محيط مدينة الفاشر", "محيط مدينة الفاشر", 13.628, 25.349, "SD", 2),
    # province only: its capital, precision 3
    ("قتل ثلاثة جنود في هجوم بمحافظة الأنبار غربي العراق", "محافظة الأنبار", 33.42, 43.31, "IQ", 3),
    ("شنت طائرات حربية غارات على محافظة ذمار", "محافظة ذمار", 14.543, 44.405, "YE", 3),
    # sites
    ("سقطت صواريخ على قاعدة عين الأسد الجوية غربي العراق", "قاعدة عين الأسد الجوية", 33.79, 42.44, "IQ", 1),
    ("أجرت القوات تدريبات في حقل العمر النفطي بريف دير الزور", "حقل العمر النفطي", 35.05, 40.52, "SY", 1),
    # clitics and spelling variants (كفركلا / كفر كلا)
    ("قصفت المدفعية الإسرائيلية أطراف بلدة كفركلا الحدودية", "أطراف بلدة كفركلا", 33.277, 35.552, "LB", 2),
    ("وسقطت قذيفة في كفر كلا جنوبي لبنان", "كفر كلا", 33.277, 35.552, "LB", 1),
    ("وصل رتل عسكري إلى الشدادي بريف الحسكة الجنوبي", "الشدادي", 36.058, 40.735, "SY", 1),
    # same name in several countries: the country of the article decides
    ("أعلنت السلطات في الرقة السورية أن مسلحين هاجموا حاجزا في مدينة الرقة", "مدينة الرقة", 35.953, 39.008,
     "SY", 1),
    ("قتل عنصران في اشتباك بمنطقة الحرشة غرب الزاوية الليبية", "منطقة الحرشة", 32.76, 12.66, "LY", 1),
    # sub-district spelled differently from the source (باطوفا / باتيفا)
    ("قصفت المقاتلات التركية ناحية باطوفا في محافظة دهوك", "ناحية باطوفا", 37.175, 43.012, "IQ", 2),
]


@pytest.mark.parametrize(("text", "mention", "lat", "lon", "country", "precision"), CASES)
def test_geocode_resolves_mention(geocoder: Geocoder, text: str, mention: str, lat: float, lon: float,
                                  country: str, precision: int) -> None:
    found = geocode(geocoder, text)
    assert mention in found, f"{mention!r} not among {list(found)}"
    loc = found[mention]
    assert loc is not None
    assert loc.country == country
    assert km(loc, lat, lon) <= 25.0
    assert loc.geo_precision == precision
    assert loc.text == mention


@pytest.mark.parametrize("text", [
    "قال المتحدث إن الحرب لن تنتهي قبل تحقيق السلام والنصر",
    "أصدرت وزارة الداخلية بيانا يوم الخميس حول الأمن في البلاد",
    "التقى محمد وعلي مع الرئيس في مؤتمر صحفي مساء الثلاثاء",
    "أعلن حزب المقاومة أن قوات الدولة انسحبت",
])
def test_find_ignores_common_words(geocoder: Geocoder, text: str) -> None:
    assert geocoder.find(normalise(text), text=text) == []


def test_common_word_after_place_qualifier_is_a_place(geocoder: Geocoder) -> None:
    text = "وصلت التعزيزات إلى قرية النصر في ريف حلب"
    names = [m.text for m in geocoder.find(normalise(text), text=text)]
    assert "قرية النصر" in names


@pytest.mark.parametrize(("text", "mention"), [
    ("قصفت الطائرات قرية زعفرانيتا المجهولة بريف دير الزور", "ريف دير الزور"),
    ("انفجرت عبوة قرب بلدة كوكوزيلا بريف إدلب الجنوبي", "ريف إدلب الجنوبي"),
])
def test_unknown_village_falls_back_to_known_area(geocoder: Geocoder, text: str, mention: str) -> None:
    found = geocode(geocoder, text)
    assert list(found) == [mention]
    assert found[mention] is not None and found[mention].geo_precision == 2


def test_hamlet_abroad_is_not_a_wrong_town(geocoder: Geocoder) -> None:
    # "الجيرة" is only a Yemeni hamlet in the gazetteer; in a Syrian article it must not land in Yemen.
    text = "هاجم مسلحون حافلة على طريق الرقة حمص في منطقة الجيرة بريف الرقة الجنوبي"
    for m, loc in geocoder.geocode(text):
        assert loc is None or loc.country == "SY", (m.text, loc)


def test_country_hint_breaks_ties(geocoder: Geocoder) -> None:
    text = "سقط صاروخ في الناصرية"
    iraq = geocode(geocoder, text, hint="IQ")["الناصرية"]
    assert iraq is not None and iraq.country == "IQ" and km(iraq, 31.058, 46.257) <= 25


def test_country_mention_is_its_capital(geocoder: Geocoder) -> None:
    loc = geocode(geocoder, "وقع الهجوم في اليمن")["اليمن"]
    assert loc is not None and loc.country == "YE" and loc.geo_precision == 3
    assert km(loc, 15.355, 44.207) <= 25


@pytest.mark.parametrize(("text", "name", "iso2", "lat", "lon"), [
    # a neighbouring country named by a compound name is that country, not a direction in another
    ("أعلن جيش جنوب السودان استعادة مدينة في شمال البلاد", "جنوب السودان", "SS", 4.852, 31.582),
    ("قتل مسلحون عشرة قرويين في هجوم على قرية بشمال شرقي نيجيريا", "نيجيريا", "NG", 9.058, 7.495),
])
def test_neighbouring_country_is_its_capital(geocoder: Geocoder, text: str, name: str, iso2: str,
                                             lat: float, lon: float) -> None:
    loc = next(v for k, v in geocode(geocoder, text).items() if name in k)
    assert loc is not None and loc.country == iso2 and loc.geo_precision == 3
    assert km(loc, lat, lon) <= 25


def test_mention_offsets_point_at_raw_text(geocoder: Geocoder) -> None:
    text = "وقُصِفت بلدةُ ميس الجبل، وأطرافُ بلدة عيترون بالمدفعية"
    mentions = geocoder.find(normalise(text), text=text)
    assert mentions
    for m in mentions:
        assert isinstance(m, PlaceMention)
        assert text[m.start:m.end] == m.text
        assert m.start <= m.name_start < m.name_end <= m.end
    assert [m.qualifier for m in mentions] == ["بلدة", "أطراف"]


def test_resolve_returns_one_per_mention(geocoder: Geocoder) -> None:
    text = "غارات على إدلب وحلب وحماة ودمشق"
    mentions = geocoder.find(normalise(text))
    assert len(geocoder.resolve(mentions)) == len(mentions) == 4
    assert geocoder.resolve([]) == []


def test_candidates_lists_homonyms_best_first(geocoder: Geocoder) -> None:
    cands = geocoder.candidates("السكرية")
    assert len(cands) >= 5
    assert {p.country for p in cands} >= {"SY"}
    assert geocoder.candidates("ريف البوكمال")[0].geonameid == 174448
    assert geocoder.candidates("ززقفغظ") == []
