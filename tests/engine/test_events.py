"""The event engine on sentences written in news style: type, date, place, actors, counts, filters."""

from __future__ import annotations

import pytest

from rasd.merge import distance_km
from rasd.model import Location
from rasd.pipeline import Pipeline

PUB = "2024-03-12"  # a Tuesday

# (sentence, sub_event_type, date, (lat, lon) of the place, actor1 name contains, actor2 name contains, deaths)
CASES = [
    ("شنت طائرات حربية روسية، فجر أمس الإثنين، غارات جوية على بلدة كفرنبل بريف إدلب الجنوبي، "
     "ما أسفر عن مقتل ثلاثة مدنيين.", "Air/drone strike", "2024-03-11", (35.61, 36.56), "Russia", "Civilians", 3),
    ("اندلعت اشتباكات عنيفة، اليوم الثلاثاء، بين الجيش السوداني وقوات الدعم السريع في مدينة الفاشر، "
     "أسفرت عن مقتل 12 عنصراً.", "Armed clash", "2024-03-12", (13.63, 25.35), "Sudan", "Rapid Support", 12),
    ("انفجرت عبوة ناسفة، مساء الأحد، بسيارة عسكرية تابعة لقوات النظام على الطريق بين مدينتي نوى والشيخ مسكين.",
     "Remote explosive/landmine/IED", "2024-03-10", (32.89, 36.04), "Unidentified Armed Group", "Syria", 0),
    ("قصفت القوات التركية بالمدفعية الثقيلة قرية تل تمر بريف الحسكة الشمالي أمس.",
     "Shelling/artillery/missile attack", "2024-03-11", (36.65, 40.37), "Turkey", None, 0),
    ("أطلق مسلحون مجهولون النار على مختار بلدة الجيزة بريف درعا الشرقي، الأحد الماضي، ما أدى إلى مقتله.",
     "Attack", "2024-03-10", (32.57, 36.29), "Unidentified Armed Group", "Civilians", 1),
    ("اعتقلت قوات الأمن العراقية، اليوم، خمسة مطلوبين بتهم إرهابية في مدينة الموصل.",
     "Arrests", "2024-03-12", (36.34, 43.13), "Iraq", None, 0),
    ("اعترضت الدفاعات الجوية السعودية طائرة مسيرة مفخخة أطلقتها جماعة الحوثي باتجاه مدينة جازان أمس.",
     "Disrupted weapons use", "2024-03-11", (16.89, 42.55), "Saudi", "Ansar Allah", 0),
    ("خرج مئات المحتجين في مظاهرة، يوم الجمعة الماضي، وسط مدينة السويداء للمطالبة بالإفراج عن المعتقلين.",
     "Peaceful protest", "2024-03-08", (32.71, 36.57), "Protesters", None, 0),
    ("دخل رتل عسكري تابع للقوات الأمريكية، أمس، إلى قاعدة الشدادي بريف الحسكة الجنوبي قادماً من العراق.",
     "Change to group/activity", "2024-03-11", (36.05, 40.73), "United States", None, 0),
    ("اختطف مسلحون مجهولون، مساء أمس، طبيباً من أمام عيادته في مدينة السويداء.",
     "Abduction/forced disappearance", "2024-03-11", (32.71, 36.57), "Unidentified Armed Group", None, 0),
]


def _near(loc: dict | None, where: tuple[float, float], km: float = 25.0) -> bool:
    if not loc:
        return False
    return distance_km(Location(name="", text="", lat=loc["lat"], lon=loc["lon"], admin1=None, admin2=None,
                                country=None, geo_precision=1),
                       Location(name="", text="", lat=where[0], lon=where[1], admin1=None, admin2=None,
                                country=None, geo_precision=1)) <= km


def _contains(value: str | None, part: str | None) -> bool:
    if part is None:
        return value is None
    return value is not None and part.lower() in value.lower()


@pytest.mark.parametrize(("text", "sub", "date", "place", "a1", "a2", "deaths"), CASES)
def test_events_from_news_sentences(pipeline: Pipeline, text: str, sub: str, date: str, place: tuple[float, float],
                                    a1: str | None, a2: str | None, deaths: int) -> None:
    events = pipeline.extract(text, pub_date=PUB)
    assert len(events) == 1, [e.to_dict() for e in events]
    ev = events[0].to_dict()
    assert ev["sub_event_type"] == sub
    assert ev["date"] == date
    assert _near(ev["location"], place), ev["location"]
    assert _contains(ev["actor1"] and ev["actor1"]["name"], a1), ev["actor1"]
    if a2 is not None:
        assert _contains(ev["actor2"] and ev["actor2"]["name"], a2), ev["actor2"]
    assert ev["fatalities"] == deaths
    for span in ev["evidence"]:
        assert 0 <= span["start"] < span["end"] <= len(text)


NOT_EVENTS = [
    "حذرت وزارة الدفاع من أن الميليشيات قد تشن هجمات جديدة على القواعد الأمريكية خلال الأيام المقبلة.",
    "أعلنت القيادة المركزية أن قواتها تعرضت لـ 23 هجوماً في سوريا والعراق خلال أسبوعين.",
    "نفى الجيش الإسرائيلي أن يكون قد قصف مستشفى في مدينة غزة.",
    "ومنذ 8 تشرين الأول/أكتوبر الماضي، شنت الطائرات الإسرائيلية آلاف الغارات على جنوب لبنان.",
    "في حال هاجمت تركيا المنطقة فإن الحرب ستكون مفتوحة على كامل الحدود.",
    "دعت الأمم المتحدة إلى وقف الاشتباكات في مدينة طرابلس فوراً.",
    "وثق المرصد منذ مطلع العام مقتل 124 شخصاً في جرائم قتل متفرقة في سوريا.",
    "قتل 11 شخصاً أمس في ظروف مختلفة بعدة مناطق سورية، بحسب المرصد.",
    "وكانت القوات الإسرائيلية قد اقتحمت مخيم جنين في 3 تموز 2022 وقتلت 12 فلسطينياً.",
    "وقالت القيادة المركزية الأمريكية إن الضربة جاءت رداً على هجمات استهدفت القوات الأمريكية في قاعدة عين الأسد.",
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_statements_tallies_background_are_not_events(pipeline: Pipeline, text: str) -> None:
    assert pipeline.extract(text, pub_date=PUB) == []


def test_listed_villages_are_one_event_each(pipeline: Pipeline) -> None:
    text = ("قصفت طائرات التحالف الدولي، مساء الإثنين، مواقع للميليشيات الإيرانية "
            "في بلدتي الهري والسويعية بريف البوكمال.")
    names = sorted(e.location.name for e in pipeline.extract(text, pub_date=PUB) if e.location)
    assert names == ["Hura", "Sweiyeh"]


def test_same_incident_told_twice_is_one_event(pipeline: Pipeline) -> None:
    text = ("قتل أربعة عناصر من قوات النظام، أمس، بانفجار عبوة ناسفة في بلدة الصنمين بريف درعا.\n"
            "وقال مصدر محلي إن العبوة انفجرت بسيارة كانت تقل العناصر عند مدخل البلدة، وأسفر الانفجار "
            "عن مقتل أربعة منهم وإصابة اثنين.")
    events = pipeline.extract(text, pub_date=PUB)
    assert len(events) == 1
    assert events[0].fatalities == 4 and _near(events[0].to_dict()["location"], (33.07, 36.18))


def test_claim_fills_claimed_by(pipeline: Pipeline) -> None:
    text = "تبنى تنظيم داعش، اليوم، هجوماً استهدف حاجزاً لقوات سوريا الديمقراطية في بلدة الشحيل بريف دير الزور."
    events = pipeline.extract(text, pub_date=PUB)
    assert len(events) == 1
    assert events[0].claimed_by is not None and "Islamic State" in events[0].claimed_by.name
    assert events[0].actor2 is not None and "Syrian Democratic Forces" in events[0].actor2.name


def test_sentence_without_pub_date(pipeline: Pipeline) -> None:
    text = "قصفت طائرات حربية بلدة مراط بريف دير الزور الشرقي أمس."
    events = pipeline.extract(text, pub_date=None)
    assert len(events) == 1 and events[0].date is None and events[0].location is not None


def test_dateline_city_is_not_the_event_place(pipeline: Pipeline) -> None:
    text = "بغداد - الأناضول - قتل 4 عناصر من «الحشد الشعبي»، أمس، جراء انفجار عبوة ناسفة بمحافظة صلاح الدين."
    events = pipeline.extract(text, pub_date=PUB)
    assert len(events) == 1 and events[0].location is not None
    assert events[0].location.name != "Baghdad" and events[0].location.admin1 == "Salah Al-Din"


def test_back_reference_gives_way_to_the_news_in_its_clause(pipeline: Pipeline) -> None:
    text = ("شنت طائرات إسرائيلية غارات على تل المانع في ريف دمشق أمس.\n"
            "وتزامنت الغارات مع هبوط مروحيات إسرائيلية في مدينة السويداء.")
    subs = sorted(e.sub_event_type for e in pipeline.extract(text, pub_date=PUB))
    assert subs == ["Air/drone strike", "Change to group/activity"]


def test_the_cause_of_a_strike_is_not_its_place(pipeline: Pipeline) -> None:
    text = "قصفت طائرات التحالف الدولي، أمس، مواقع للميليشيات في مدينة البوكمال رداً على هجوم صاروخي استهدف حقل العمر."
    events = pipeline.extract(text, pub_date=PUB)
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert _near(events[0].to_dict()["location"], (34.45, 40.92))


def test_statement_date_is_not_the_event_date(pipeline: Pipeline) -> None:
    text = ("وأوضح مصدر أمني لوكالة فرانس برس، اليوم الثلاثاء، أن هجوماً نفذه مسلحون مجهولون، مساء الأحد، "
            "استهدف حافلة ركاب في منطقة تيلابيري، وأسفر عن مقتل 21 شخصاً.")
    events = pipeline.extract(text, pub_date=PUB)
    assert len(events) == 1 and events[0].date is not None and events[0].date.isoformat() == "2024-03-10"
