"""Boilerplate is dropped and the body keeps raw offsets."""

from __future__ import annotations

from rasd.clean import clean, load_boilerplate

ARTICLE = """قصف جوي على ريف إدلب الجنوبي

قصفت طائرات حربية روسية، فجر اليوم الأحد، بلدة كفرنبل في ريف إدلب الجنوبي، ما أسفر عن مقتل مدنيين اثنين.
اقرأ أيضاً: الدفاع المدني يحذر من تصعيد جديد
وقال مراسلنا إن الغارات استهدفت منازل المدنيين.
كتب: أحمد الخالد
شارك هذا المقال

صوت الشمال

اترك تعليقاً

لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *
"""


def test_clean_drops_furniture_and_keeps_offsets() -> None:
    body = clean(ARTICLE, load_boilerplate())
    kept = [ARTICLE[s.start:s.end] for s in body.spans]
    assert kept == [
        "قصف جوي على ريف إدلب الجنوبي",
        "قصفت طائرات حربية روسية، فجر اليوم الأحد، بلدة كفرنبل في ريف إدلب الجنوبي، ما أسفر عن مقتل مدنيين اثنين.",
        "وقال مراسلنا إن الغارات استهدفت منازل المدنيين.",
    ]
    assert body.title is not None and ARTICLE[body.title.start:body.title.end].startswith("قصف جوي")
    reasons = " ".join(why for _, why in body.dropped)
    assert "outlet signature" in reasons and "اترك" in reasons


def test_clean_single_sentence_has_no_title() -> None:
    text = "قصفت طائرات مجهولة مواقع في البادية."
    body = clean(text, load_boilerplate())
    assert body.title is None and len(body.spans) == 1
