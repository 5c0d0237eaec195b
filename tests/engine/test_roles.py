"""Actor roles through the whole pipeline: sentences -> (actor1, actor2), incl. passives, nisbas,
abbreviations, coreference and unknown actors."""

from __future__ import annotations

import pytest

from rasd.pipeline import Pipeline

PUB = "2023-11-01"

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
ROLE_CASES += [
    # coreference: the short reference takes the last compatible actor
    ("سيطر تنظيم داعش على قرية في بادية دير الزور أمس. وهاجم التنظيم بعد ساعات حاجزاً لقوات النظام في "
     "بلدة السخنة.", "SY", "Islamic State (Syria)", "Military Forces of Syria (2000-2024)"),
    # "between X and Y"
    ("اندلعت اشتباكات أمس بين قوات سوريا الديمقراطية ومسلحين من أبناء العشائر في بلدة ذيبان", "SY",
     "Syrian Democratic Forces", "Arab Tribal Forces (Syria)"),
]


@pytest.mark.parametrize(("sentence", "country", "actor1", "actor2"), ROLE_CASES)
def test_roles_in_pipeline(pipeline: Pipeline, sentence: str, country: str, actor1: str, actor2: str | None) -> None:
    events = pipeline.extract(sentence, pub_date=PUB)
    assert events, sentence
    ev = events[-1]
    assert ev.actor1 is not None and ev.actor1.name == actor1, ev.actor1
    assert (ev.actor2.name if ev.actor2 else None) == actor2, ev.actor2
    for actor in (ev.actor1, ev.actor2):
        if actor is not None and actor.text:
            assert actor.text in sentence


def test_associated_actor(pipeline: Pipeline) -> None:
    s = "نفذت قوات التحالف الدولي بالاشتراك مع قوات سوريا الديمقراطية عملية إنزال ضد خلية لتنظيم داعش في بلدة الشحيل"
    ev = pipeline.extract(s, pub_date=PUB)[0]
    assert ev.actor1 is not None and ev.actor1.name == "Global Coalition against Daesh"
    assert [a.name for a in ev.assoc_actors1] == ["Syrian Democratic Forces"]


@pytest.mark.parametrize(
    ("sentence", "actor2"),
    [
        ("قصفت جماعة الحوثي، اليوم، قاعدة الملك خالد الجوية في خميس مشيط بطائرات مسيرة.",
         "Military Forces of Saudi Arabia"),
        ("قصفت قوات النظام بالمدفعية، اليوم، منازل المدنيين في بلدة كفرنبل بريف إدلب.", "Civilians (Syria)"),
    ],
)
def test_what_was_hit_implies_the_target(pipeline: Pipeline, sentence: str, actor2: str) -> None:
    ev = pipeline.extract(sentence, pub_date=PUB)[0]
    assert ev.actor2 is not None and ev.actor2.name.startswith(actor2)


@pytest.mark.parametrize("text", [
    "اندلعت اشتباكات عنيفة، مساء اليوم، في مدينة الزاوية غرب طرابلس، ما أدى إلى مقتل 5 أشخاص وإصابة عدد من المدنيين.",
    "قتل 4 أشخاص، اليوم، في اشتباكات مسلحة بين أبناء عشيرة واحدة في مدينة العمارة جنوب العراق.",
])
def test_civilians_are_never_a_side_of_a_battle(pipeline: Pipeline, text: str) -> None:
    events = pipeline.extract(text, pub_date="2022-08-27")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].actor2 is None or events[0].actor2.type != "civilians"


def test_the_occupation_is_the_israeli_army(pipeline: Pipeline) -> None:
    text = "وأعلنت مصادر طبية عن استشهاد 6 فلسطينيين، اليوم، بعد قصف الاحتلال منزلا في مخيم النصيرات وسط قطاع غزة."
    events = pipeline.extract(text, pub_date="2024-01-09")
    assert events and events[0].actor1 is not None and events[0].actor1.id == "mil-il-2022"


def test_relative_agent_marker_names_the_actor(pipeline: Pipeline) -> None:
    text = ("أسفرت عملية مداهمة الوكر الإرهابي التي قامت بها قوات الأمن المصري، اليوم، بمنطقة الأميرية"
            " في القاهرة عن مقتل 3 عناصر.")
    events = pipeline.extract(text, pub_date="2024-01-09")
    assert events and events[0].actor1 is not None and events[0].actor1.type == "state_forces"
