"""Resolution in context: generic actors by country and date (roles are tested through the pipeline in
tests/engine/test_roles.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from rasd.actors import ActorKB

DAY = dt.date(2023, 11, 1)

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
