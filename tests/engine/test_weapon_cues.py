"""Weapon cues and bombardment words type a strike: shelling unless aircraft are named, never a clash."""

from __future__ import annotations

import pytest

from rasd.pipeline import Pipeline

PUB = "2025-04-20"
# Sentences written for these tests in the style of wire reports; each reports one event.
CASES = [
    ("قصفت قوات الدعم السريع، اليوم، أحياء سكنية في مدينة الدلنج بولاية جنوب كردفان.",
     "Shelling/artillery/missile attack"),
    ("قصف الجيش الإسرائيلي، صباح اليوم، أطراف بلدة الخيام جنوبي لبنان.", "Shelling/artillery/missile attack"),
    ("قصفت طائرات حربية، اليوم، مواقع في محيط مدينة سرمدا بريف إدلب.", "Air/drone strike"),
    ("ألقت مروحيات النظام براميل متفجرة على بلدة اللطامنة بريف حماة أمس.", "Air/drone strike"),
    ("هاجم مسلحون يرتدون سترات ناسفة، اليوم، مقرا حكوميا في مدينة تكريت.", "Suicide bomb"),
    ("هاجمت دبابات الجيش مواقع للمسلحين قرب بلدة الشيخ زويد، اليوم.", "Shelling/artillery/missile attack"),
    ("تساقطت صواريخ، فجر اليوم، على أطراف مدينة سديروت.", "Shelling/artillery/missile attack"),
]


@pytest.mark.parametrize(("text", "sub"), CASES)
def test_strike_sub_type(pipeline: Pipeline, text: str, sub: str) -> None:
    events = pipeline.extract(text, pub_date=PUB)
    assert [e.sub_event_type for e in events] == [sub]


@pytest.mark.parametrize(("text", "weapon"), [
    ("هاجم مسلحون يرتدون سترات ناسفة، اليوم، مقرا حكوميا في مدينة تكريت.", "suicide bomb"),
    ("ألقت مروحيات النظام براميل متفجرة على بلدة اللطامنة بريف حماة أمس.", "barrel bomb"),
])
def test_weapon_is_read(pipeline: Pipeline, text: str, weapon: str) -> None:
    events = pipeline.extract(text, pub_date=PUB)
    assert weapon in events[0].weapons


def test_two_named_villages_a_few_km_apart_stay_two_events(pipeline: Pipeline) -> None:
    text = ("قصفت مدفعية الاحتلال، اليوم، مدينة بيت لاهيا شمال قطاع غزة. "
            "وواصلت مدفعية الاحتلال قصف مخيم جباليا شمالا بشكل عنيف.")
    events = pipeline.extract(text, pub_date=PUB)
    assert len(events) == 2
