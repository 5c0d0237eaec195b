"""Violence words used as figures of speech are not events; the same words reporting violence still are."""

from __future__ import annotations

import pytest

from rasd.pipeline import Pipeline

PUB = "2024-03-12"
FIGURATIVE = [
    "شنّ وزير المالية السابق هجوماً لاذعاً على الحكومة في مؤتمر صحفي عقده اليوم في القاهرة.",
    "وشن النائب هجوما كلاميا على رئيس البرلمان خلال جلسة الثلاثاء في بغداد.",
    "ضرب المنتخب المغربي مثالاً في الانضباط خلال مباراته الأخيرة في الرباط.",
    "تخوض الأحزاب معركة انتخابية حامية في مدينة الإسكندرية قبل الاقتراع.",
    "دخلت شركات الاتصالات حرب أسعار جديدة في السوق الليبية منذ مطلع الشهر.",
    "حذر خبراء من أن البطالة في مدينة الموصل قنبلة موقوتة تهدد الاستقرار.",
]
REAL = [
    ("شنت طائرات حربية هجوماً عنيفاً، اليوم، على بلدة كفرنبل في ريف إدلب الجنوبي.", "Explosions/Remote violence"),
    ("اندلعت معركة عنيفة، فجر اليوم، بين الجيش ومسلحين قرب مدينة الفاشر.", "Battles"),
]


@pytest.mark.parametrize("text", FIGURATIVE)
def test_figures_of_speech_are_not_events(pipeline: Pipeline, text: str) -> None:
    assert pipeline.extract(text, pub_date=PUB) == [], text


@pytest.mark.parametrize(("text", "event_type"), REAL)
def test_the_same_words_still_report_violence(pipeline: Pipeline, text: str, event_type: str) -> None:
    events = pipeline.extract(text, pub_date=PUB)
    assert [e.event_type for e in events] == [event_type], text
