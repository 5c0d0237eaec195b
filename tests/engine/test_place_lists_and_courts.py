"""Listed districts are one event each, a partitive "من" keeps its places, attacks on villages and
buses target civilians, and court verdicts about old attacks are not events."""

from __future__ import annotations

import pytest

from rasd.pipeline import Pipeline

PUB = "2021-03-15"


def test_listed_districts_give_one_event_each(pipeline: Pipeline) -> None:
    text = "وشنت طائرات التحالف، اليوم الاثنين، 12 غارة في صرواح والجوبة غرب محافظة مأرب، بحسب مصادر محلية."
    events = pipeline.extract(text, pub_date=PUB)
    assert sorted(e.location.name for e in events if e.location) == ["Al Jubah", "Sirwah"]


def test_list_goes_on_past_asides_and_an_unknown_name(pipeline: Pipeline) -> None:
    # "(غرب)" is an aside, "سيدي قاسم" a town the gazetteer lacks: neither ends the list
    text = ("وشهدت مدن مغربية عدة، اليوم الجمعة، من ضمنها الرباط والدار البيضاء (غرب) وسيدي قاسم وطنجة "
            "وتطوان (شمال)، مظاهرات تضامنية مع غزة.")
    events = pipeline.extract(text, pub_date=PUB)
    assert {e.location.name for e in events if e.location} == {"Rabat", "Casablanca", "Tangier", "Tétouan"}


def test_partitive_min_keeps_the_places(pipeline: Pipeline) -> None:
    text = "وخرجت مظاهرات حاشدة، مساء اليوم، في أحياء من نواكشوط ونواذيبو للمطالبة بالتحقيق في مقتل شاب."
    events = pipeline.extract(text, pub_date=PUB)
    assert {e.location.name for e in events if e.location} == {"Nouakchott", "Nouadhibou"}


@pytest.mark.parametrize("text", [
    "وقالت الحكومة في بيان إن مسلحين هاجموا قريتي كيسا ودوغو في شمال البلاد، اليوم الاثنين، ما أدى إلى مقتل 12 شخصا.",
    "قتل 9 أشخاص، اليوم الاثنين، في هجوم مسلح استهدف حافلة ركاب على الطريق بين مدينتي غاو وأنسونغو شمالي مالي.",
])
def test_attack_on_villages_or_a_bus_targets_civilians(pipeline: Pipeline, text: str) -> None:
    events = pipeline.extract(text, pub_date=PUB)
    assert events and events[0].sub_event_type == "Attack"
    assert events[0].actor2 is not None and events[0].actor2.type == "civilians"


@pytest.mark.parametrize("text", [
    "قضت محكمة جنايات بغداد، اليوم الاثنين، بالإعدام شنقا على ثلاثة مدانين بتنفيذ تفجير سيارة مفخخة"
    " في حي الكرادة عام 2016.",
    "أصدرت المحكمة العسكرية، اليوم، أحكاما بالسجن على 12 متهما أدينوا بالمشاركة في هجوم على دورية للجيش في عرسال.",
    "الرئيس يتوعد بشن هجوم واسع على مواقع المسلحين في الشمال خلال الأيام المقبلة.",
])
def test_verdicts_and_threats_are_not_events(pipeline: Pipeline, text: str) -> None:
    assert pipeline.extract(text, pub_date=PUB) == []


@pytest.mark.parametrize("text", [
    "وسيطر المحتجون، مساء اليوم، على مبنى المحافظة في مدينة السويداء وأضرموا فيه النار.",
    "واندلعت اشتباكات، مساء اليوم، بين قوات الأمن والمتظاهرين في ساحة التحرير وسط بغداد.",
])
def test_crowd_that_storms_or_fights_is_a_violent_demonstration(pipeline: Pipeline, text: str) -> None:
    events = pipeline.extract(text, pub_date=PUB)
    assert [e.sub_event_type for e in events] == ["Violent demonstration"]
    assert events[0].actor1 is not None and events[0].actor1.type in ("protesters", "rioters")


def test_common_word_is_not_a_foreign_city(pipeline: Pipeline) -> None:
    text = ("قتل 8 جنود من النيجر، اليوم، في هجوم شنه مسلحون على دورية للجيش في منطقة والام غرب النيجر،"
            " وقال الناطق إن الصور المتداولة تظهر آثار الهجوم.")
    events = pipeline.extract(text, pub_date=PUB)
    assert events
    assert all(e.location is None or e.location.country == "NE" for e in events)


def test_an_unplaced_report_takes_the_town_named_earlier(pipeline: Pipeline) -> None:
    text = ("مخاوف من تصعيد جديد في مدينة البصرة\n"
            "أفاد مصدر أمني، اليوم، بأن محتجين غاضبين أضرموا النار في إطارات السيارات وقطعوا الطريق الرئيسي.")
    events = pipeline.extract(text, pub_date=PUB)
    assert events and all(e.location is not None and e.location.name.startswith("Basr") for e in events)


def test_arrests_from_two_towns_are_two_events(pipeline: Pipeline) -> None:
    text = ("واعتقلت قوات الاحتلال، فجر اليوم، الشاب محمد الكيلاني من بلدة سيريس جنوب جنين."
            " كما اعتقلت الشاب عبد الله أبو شيخة من بلدة ميثلون.")
    events = pipeline.extract(text, pub_date=PUB)
    assert {e.location.name for e in events if e.location} == {"Sīrīs", "Maythalūn"}


def test_a_past_year_dates_a_report_to_history(pipeline: Pipeline) -> None:
    old = "وكانت الحركة قد نفذت هجوما انتحاريا مزدوجا في العاصمة كامبالا في العام 2010، أسفر عن مقتل 76 شخصا."
    assert pipeline.extract(old, pub_date=PUB) == []
    new = "قتل 12 شخصا، اليوم، في تفجير انتحاري هو الأعنف منذ عام 2015 في سوق بمدينة مقديشو."
    assert [e.sub_event_type for e in pipeline.extract(new, pub_date=PUB)] == ["Suicide bomb"]


def test_a_list_goes_on_after_the_reference_point_of_one_of_its_towns(pipeline: Pipeline) -> None:
    text = ("إدلب - خرجت اليوم الجمعة مظاهرات شارك فيها المئات في بلدة سرمين بريف إدلب الشرقي ومدن حارم وسلقين"
            " للمطالبة بالإفراج عن المعتقلين.")
    events = pipeline.extract(text, pub_date=PUB)
    assert {e.location.name for e in events if e.location} >= {"Sarmīn", "Ḩārim", "Salqīn"}
