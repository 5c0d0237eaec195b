"""Time expressions resolve against the publication date (ANNOTATION's date rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from rasd.resolve.dates import find_times, infer_pub_date, load_time_lexicon
from rasd.text.normalise import normalise

LEX = load_time_lexicon()
PUB = dt.date(2023, 11, 1)  # a Wednesday


def _first(text: str, pub: dt.date | None = PUB):
    found = find_times(normalise(text), text, LEX, pub)
    assert found, f"no time expression in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("قصفت الطائرات البلدة اليوم", "2023-11-01", 1),
        ("وقعت الاشتباكات أمس", "2023-10-31", 1),
        ("نفذت القوات، أمس الثلاثاء، تدريبات", "2023-10-31", 1),
        ("انفجرت العبوة أول أمس", "2023-10-30", 1),
        ("انفجرت العبوة أمس الأول الإثنين", "2023-10-30", 1),
        ("قصفت طائرات مجهولة مواقع، الإثنين، في البادية", "2023-10-30", 1),
        ("ومساء الإثنين، قصفت طائرات التحالف", "2023-10-30", 1),
        ("شنت الطائرات غارات فجر الأربعاء", "2023-11-01", 1),
        ("الضربات التي نفذت الخميس الماضي", "2023-10-26", 1),
        ("هجوم الأربعاء الماضي على الحاجز", "2023-10-25", 1),
        ("مؤتمر صحافي الأحد المقبل", "2023-11-05", 1),
        ("منذ ثلاثة أيام", "2023-10-29", 2),
        ("قبل 5 أيام", "2023-10-27", 2),
        ("قبل أيام، اختطف مسلحون", "2023-10-29", 2),
        ("خلال الأسبوع الماضي", "2023-10-25", 2),
        ("خلال الـ24 ساعة الماضية", "2023-11-01", 2),
        ("منذ 19 أكتوبر/ تشرين الأول الجاري", "2023-10-19", 1),
        ("في 10 تشرين الثاني", "2022-11-10", 1),
        ("يوم 5 حزيران الماضي", "2023-06-05", 1),
        ("في السبت الموافق 13 ديسمبر 2025", "2025-12-13", 1),
        ("بتاريخ 5/10/2023", "2023-10-05", 1),
        ("بتاريخ 2023-10-05", "2023-10-05", 1),
        ("في 3 جوان 2021", "2021-06-03", 1),
        ("خلال الشهر الجاري", "2023-11-01", 3),
        ("في الشهر الماضي", "2023-10-01", 3),
    ],
)
def test_dates_resolve_against_pub_date(text: str, date: str, precision: int) -> None:
    t = _first(text)
    assert (t.date.isoformat() if t.date else None, t.precision) == (date, precision)
    assert text[t.start:t.end] == t.text


@pytest.mark.parametrize(("text", "date"), [("قصفت الطائرات البلدة أمس", None),
                                            ("في 13 ديسمبر 2025 قصفت", "2025-12-13")])
def test_dates_without_pub_date(text: str, date: str | None) -> None:
    t = _first(text, None)
    assert (t.date.isoformat() if t.date else None) == date


def test_infer_pub_date_from_dateline() -> None:
    text = "دمشق - الثلاثاء 31 أكتوبر 2023\nقصفت طائرات التحالف مواقع أمس"
    assert infer_pub_date(normalise(text), text, LEX) == dt.date(2023, 10, 31)


def test_no_time_expression_in_plain_sentence() -> None:
    text = "قصفت طائرات التحالف مواقع للميليشيات"
    assert find_times(normalise(text), text, LEX, PUB) == []
