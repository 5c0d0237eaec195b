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
    assert [ARTICLE[h.start:h.end] for h in body.headlines] == ["قصف جوي على ريف إدلب الجنوبي"]
    reasons = " ".join(why for _, why in body.dropped)
    assert "outlet signature" in reasons and "اترك" in reasons


def test_clean_single_line_is_not_a_headline() -> None:
    text = "قصفت طائرات مجهولة مواقع في البادية"
    body = clean(text, load_boilerplate())
    assert body.headlines == () and len(body.spans) == 1


def test_clean_rejoins_sentence_broken_by_layout() -> None:
    text = ("غارات على ريف درنة\nأعلنت مصادر محلية أن طائرات مسيرة شنت غارات جوية على مناطق\n"
            "الحيلة والنوار جنوب المدينة.\nسطر آخر من الخبر ينتهي هنا.")
    body = clean(text, load_boilerplate())
    assert [text[s.start:s.end] for s in body.spans] == [
        "غارات على ريف درنة",
        "أعلنت مصادر محلية أن طائرات مسيرة شنت غارات جوية على مناطق\nالحيلة والنوار جنوب المدينة.",
        "سطر آخر من الخبر ينتهي هنا.",
    ]
