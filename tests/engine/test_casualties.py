"""Deaths and injuries stated for one event, read from news sentences."""

from __future__ import annotations

import pytest

from rasd.pipeline import Pipeline

CASES = [
    ("قتل 5 مدنيين وأصيب 12 آخرون بقصف مدفعي على بلدة كفرنبل.", 5, 12),
    ("قتل جنديان من الجيش العراقي وأصيب ثلاثة آخرون بانفجار عبوة ناسفة في مدينة كركوك.", 2, 3),
    ("قصفت طائرات حربية بلدة معرة النعمان، ما أسفر عن مقتل أربعة مدنيين بينهم طفلان.", 4, None),
    ("لقي شخص مصرعه بانفجار لغم أرضي في مدينة الرحيبة.", 1, None),
    ("أطلق مسلحون مجهولون النار على شاب في مدينة نوى ما أدى إلى مقتله.", 1, None),
    ("قالت الرئاسة إن 40 جنديًا قُتلوا في هجوم على قاعدة عسكرية في مدينة بول.", 40, None),
    ("اندلعت اشتباكات في مدينة طفس أسفرت عن سقوط عشرات الجرحى.", 0, 0),
    ("قصفت قوات النظام مدينة طفس براجمات الصواريخ دون وقوع إصابات.", 0, None),
    ("اندلعت اشتباكات مساء أمس في منطقة عين زارة بطرابلس، ما أسفر عن سقوط قتيلين وإصابة 6 آخرين.", 2, 6),
    ("حيث قتلت مسيّرة إسرائيلية أمس الأوّل ستّة عناصر من الجيش السوري قرب بلدة الكسوة.", 6, None),
    ("قُتل القاضي العقاري فيصل الحلاوات برصاص مسلحين مجهولين في مدينة نوى أمس.", 1, None),
]


@pytest.mark.parametrize(("text", "deaths", "injuries"), CASES)
def test_casualties(pipeline: Pipeline, text: str, deaths: int, injuries: int | None) -> None:
    events = pipeline.extract(text, pub_date="2024-05-14")
    assert len(events) == 1, [e.to_dict() for e in events]
    assert (events[0].fatalities, events[0].injuries) == (deaths, injuries)
