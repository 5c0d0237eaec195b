"""Document context: the focus country read from the countries an article names, its dateline and its domain."""

from __future__ import annotations

import pytest

from rasd.context import focus_country
from rasd.model import Article
from rasd.pipeline import Pipeline

CASES = [
    # A country named where one of the article's places could lie.
    ("أفادت مصادر محلية بمقتل جنديين في هجوم على حاجز قرب بلدة جوهر، وقال مسؤول في الصومال إن المهاجمين فروا.",
     None, "SO"),
    # A dateline: the city the report was filed from.
    ("مقديشو - رويترز -\nقُتل ثلاثة أشخاص في انفجار سيارة مفخخة قرب ميناء المدينة صباح اليوم.", None, "SO"),
    # The outlet's country-code domain, when a place of the article could lie in that country.
    ("تظاهر مئات الطلاب أمام مقر وزارة التعليم في مدينة صفاقس احتجاجا على نتائج الامتحانات.",
     "https://www.example.tn/news/1", "TN"),
    # The striker's home country names no place of the article: no focus from it.
    ("قصفت طائرات روسيا بلدة كفرنبل بريف إدلب أمس.", None, None),
    # Nothing says where: no focus.
    ("قال المتحدث إن الوضع الأمني مستقر وإن الحكومة ماضية في خطتها.", None, None),
]


@pytest.mark.parametrize(("text", "url", "expected"), CASES)
def test_context_focus_country(pipeline: Pipeline, text: str, url: str | None, expected: str | None) -> None:
    doc = pipeline.analyse(Article(id="t", text=text, url=url))
    assert focus_country(doc) == expected
