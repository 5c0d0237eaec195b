"""Resolution in context and actor roles: sentences -> (actor1, actor2), by country and date."""

from __future__ import annotations

import datetime as dt

import pytest

from rasd.actors import ActorKB
from rasd.actors.roles import assign_roles

DAY = dt.date(2023, 11, 1)

# sentence, event country, expected actor1 name, expected actor2 name (None = no actor2)
ROLE_CASES = [
    # nisba adjectives and foreign forces
    ("شنت الطائرات الحربية التركية غارات على مواقع لحزب العمال الكردستاني في جبال قنديل", "IQ",
     "Military Forces of Turkey (2016-)", "PKK: Kurdistan Workers Party"),
    ("استهدفت مسيرة إسرائيلية سيارة لعناصر من حزب الله في بنت جبيل", "LB",
     "Military Forces of Israel (2022-)", "Hezbollah"),
    # passives: the victim is named first
    ("قُتل ثلاثة مدنيين بقصف مدفعي تركي على قرية في ريف الحسكة", "SY",
     "Military Forces of Turkey (2016-)", "Civilians (Syria)"),
    ("قتل عنصران من قوات النظام بنيران مسلحين مجهولين في ريف درعا", "SY",
     "Unidentified Armed Group (Syria)", "Military Forces of Syria (2000-2024)"),
    # abbreviations
    ("اشتبكت قسد مع فصائل الجيش الوطني السوري في ريف منبج", "SY",
     "Syrian Democratic Forces", "Syrian National Army"),
    ("هاجمت هتش مواقع لقوات النظام في جبل الزاوية", "SY",
     "Hayat Tahrir al-Sham", "Military Forces of Syria (2000-2024)"),
    # unknown actors
    ("استهدفت طائرة مسيرة مجهولة سيارة تقل عناصر من الميليشيات الإيرانية في البوكمال", "SY",
     "Unidentified Military Forces", "Iran-backed militias"),
    ("هاجم مسلحون مجهولون حاجزاً للجيش في العريش", "EG",
     "Unidentified Armed Group (Egypt)", "Military Forces of Egypt (2014-)"),
    # protests: protesters are actor1, the force that intervened actor2
    ("فرقت الشرطة المحتجين بالغاز المسيل للدموع في نواكشوط", "MR",
     "Protesters (Mauritania)", "Police Forces of Mauritania (2019-)"),
    # civilians by country
    ("اعتقلت قوات الاحتلال الإسرائيلي خمسة شبان من مخيم جنين", "PS",
     "Military Forces of Israel (2022-)", "Civilians (Palestine)"),
    ("قتلت قوات الدعم السريع مزارعين في قرية بولاية الجزيرة", "SD",
     "Rapid Support Forces", "Civilians (Sudan)"),
    ("أعلن الحوثيون استهداف سفينة تجارية في البحر الأحمر", "YE", "Ansar Allah", None),
]


@pytest.mark.parametrize(("sentence", "country", "actor1", "actor2"), ROLE_CASES)
def test_assign_roles(kb: ActorKB, sentence: str, country: str, actor1: str, actor2: str | None) -> None:
    mentions = kb.find(sentence)
    roles = assign_roles(kb, sentence, mentions, start=0, end=len(sentence), country=country, date=DAY)
    assert roles.actor1 is not None and roles.actor1.name == actor1
    assert (roles.actor2.name if roles.actor2 else None) == actor2
    for actor in (roles.actor1, roles.actor2):
        if actor is not None:
            assert actor.text and actor.text in sentence


def test_associated_actor(kb: ActorKB) -> None:
    s = "نفذت قوات التحالف الدولي بالاشتراك مع قوات سوريا الديمقراطية عملية إنزال ضد خلية لتنظيم داعش"
    roles = assign_roles(kb, s, kb.find(s), start=0, end=len(s), country="SY", date=DAY)
    assert roles.actor1 is not None and roles.actor1.name == "Global Coalition against Daesh"
    assert [a.name for a in roles.assoc_actors1] == ["Syrian Democratic Forces"]
    assert roles.actor2 is not None and roles.actor2.name == "Islamic State (Syria)"


@pytest.mark.parametrize(
    ("sentence", "country", "day", "name", "typ"),
    [
        ("اشتبك الجيش مع مسلحين في ريف حماة", "SY", dt.date(2023, 5, 1), "Military Forces of Syria (2000-2024)",
         "state_forces"),
        ("اشتبك الجيش مع مسلحين في ريف حماة", "SY", dt.date(2025, 5, 1), "Military Forces of Syria (2024-)",
         "state_forces"),
        ("قصفت القوات الحكومية مواقع في تعز", "YE", dt.date(2020, 1, 1), "Military Forces of Yemen (2012-2022)",
         "state_forces"),
        ("داهمت الشرطة منزلاً في بغداد", "IQ", dt.date(2023, 1, 1), "Police Forces of Iraq (2022-)", "state_forces"),
        ("قصفت القوات الأمريكية مواقع في دير الزور", "SY", dt.date(2023, 1, 1),
         "Military Forces of the United States (2021-2025)", "external_forces"),
        ("أطلق الجيش الإسرائيلي قذائف على الخيام", "LB", dt.date(2023, 11, 1), "Military Forces of Israel (2022-)",
         "external_forces"),
        ("هاجم تنظيم داعش نقطة في الأنبار", "IQ", dt.date(2023, 1, 1), "Islamic State (Iraq)", "rebel_group"),
        ("هاجم تنظيم داعش نقطة في دير الزور", "SY", dt.date(2023, 1, 1), "Islamic State (Syria)", "rebel_group"),
        ("قصف طيران التحالف مواقع في صعدة", "YE", dt.date(2017, 1, 1), "Saudi-led coalition", "external_forces"),
        ("قصف طيران التحالف مواقع في الرقة", "SY", dt.date(2017, 1, 1), "Global Coalition against Daesh",
         "external_forces"),
    ],
)
def test_resolve_by_country_and_date(kb: ActorKB, sentence: str, country: str, day: dt.date, name: str,
                                     typ: str) -> None:
    m = kb.find(sentence)[0]
    actor = kb.resolve(m, country=country, date=day)
    assert (actor.name, actor.type) == (name, typ)
    assert actor.id is not None and kb.get(actor.id) is not None


@pytest.mark.parametrize(
    ("sentence", "coref", "antecedent"),
    [
        ("هاجم تنظيم داعش حاجزاً وقتل ثلاثة من عناصر التنظيم", "عناصر التنظيم", "Islamic State (Syria)"),
        ("تبنت حركة الشباب الهجوم وقالت الحركة إن", "الحركة", "Al Shabaab"),
        ("قصفت الميليشيات الإيرانية موقعاً وانسحبت الميليشيات لاحقاً", "الميليشيات", "Iran-backed militias"),
        ("أعلنت الولايات المتحدة أن القوات الأمريكية ردت وأن قواتها لم تصب", "قواتها",
         "Military Forces of the United States (2021-2025)"),
        ("اشتبكت قسد مع خلية لداعش وقتل أفراد الخلية", "الخلية", "Islamic State (Syria)"),
    ],
)
def test_coreference_to_last_compatible_actor(kb: ActorKB, sentence: str, coref: str, antecedent: str) -> None:
    mentions = kb.find(sentence)
    idx = next(i for i, m in enumerate(mentions) if m.text == coref)
    assert mentions[idx].kind == "coref"
    actor = kb.resolve(mentions[idx], country="SY", date=DAY, previous=mentions[:idx])
    assert actor.name == antecedent
    assert actor.text == coref


def test_coreference_without_antecedent_is_generic(kb: ActorKB) -> None:
    s = "وقالت مصادر إن عناصر التنظيم انسحبوا"
    m = kb.find(s)[0]
    actor = kb.resolve(m, country="SY", date=DAY, previous=[])
    assert actor.name == "Unidentified Armed Group (Syria)"


def test_named_state_unit_abroad_falls_back_to_generic(kb: ActorKB) -> None:
    s = "اعتقل الأمن العسكري شاباً في القاهرة"
    m = kb.find(s)[0]
    assert kb.resolve(m, country="SY", date=dt.date(2020, 1, 1)).name == "Military Intelligence Directorate (Syria)"
    assert kb.resolve(m, country="EG", date=dt.date(2020, 1, 1)).name.startswith("Military Forces of Egypt")
