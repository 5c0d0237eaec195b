"""Protest vocabulary: marches, sit-ins, gatherings and their dispersal are coded; a drone (مسيّرة) is not a march."""

from __future__ import annotations

import pytest

from rasd.pipeline import Pipeline

PUB = "2024-03-12"
PROTESTS = [
    ("انطلقت مسيرة حاشدة، اليوم الجمعة، من أمام الجامع الكبير في مدينة إربد تنديداً بالعدوان على غزة.",
     "Protests", "Irbid"),
    ("اعتصم عشرات الموظفين، صباح اليوم، أمام مقر وزارة المالية في مدينة عدن للمطالبة بصرف رواتبهم المتأخرة.",
     "Protests", "Aden"),
    ("احتشد الآلاف، مساء اليوم، في ساحة التحرير وسط بغداد رفضاً لنتائج الانتخابات.", "Protests", "Baghdad"),
    ("يتظاهرون منذ الصباح أمام مبنى البرلمان في الرباط احتجاجاً على غلاء الأسعار.", "Protests", "Rabat"),
    ("فضت قوات الأمن، اليوم، اعتصاماً للعمال أمام مصنع الإسمنت في مدينة قابس بالقوة.", "Protests", "Gabès"),
    ("أضرم محتجون النار في إطارات السيارات، مساء اليوم، أمام مقر البلدية في مدينة تطاوين.", "Riots", "Tataouine"),
]
NOT_PROTESTS = [
    # a drone, spelled like a march without its shadda
    ("استهدفت مسيرة إسرائيلية، صباح اليوم، سيارة على طريق بلدة الخيام في جنوب لبنان، ما أدى إلى مقتل شخصين.",
     "Explosions/Remote violence"),
    ("قصفت طائرة مسيرة تابعة لقوات الدعم السريع، اليوم، محطة الكهرباء في مدينة مروي.",
     "Explosions/Remote violence"),
]


@pytest.mark.parametrize(("text", "event_type", "place"), PROTESTS)
def test_protest_words_report_protests(pipeline: Pipeline, text: str, event_type: str, place: str) -> None:
    events = pipeline.extract(text, pub_date=PUB)
    assert [e.event_type for e in events] == [event_type], text
    assert events[0].location is not None and events[0].location.name == place


@pytest.mark.parametrize(("text", "event_type"), NOT_PROTESTS)
def test_a_drone_is_not_a_march(pipeline: Pipeline, text: str, event_type: str) -> None:
    events = pipeline.extract(text, pub_date=PUB)
    assert events and {e.event_type for e in events} == {event_type}, text


def test_an_unnamed_crowd_is_the_countrys_protesters(pipeline: Pipeline) -> None:
    text = "تظاهر عشرات المغاربة في العاصمة الرباط، مساء الجمعة، تضامنا مع القضية الفلسطينية."
    events = pipeline.extract(text, pub_date=PUB)
    assert events and events[0].actor1 is not None
    assert events[0].actor1.type == "protesters" and events[0].actor1.country == "MA"
