"""Finding actor mentions: aliases, descriptive phrases, clitics, quotes, offsets and speed."""

from __future__ import annotations

import pytest

from rasd.actors import ActorKB
from rasd.text.normalise import normalise

# sentence, expected (text, kind) of the mentions in order
CASES = [
    ("قصفت الطائرات الحربية التركية قرية في ريف الحسكة",
     [("الطائرات الحربية التركية", "generic")]),
    ("أطلقت مقاتلتان أمريكيتان صواريخ على مواقع قرب البوكمال",
     [("مقاتلتان أمريكيتان", "generic")]),
    ("استهدفت مسيّرة إسرائيلية سيارة على طريق بنت جبيل",
     [("مسيّرة إسرائيلية", "generic")]),
    ("هاجم مسلحون مجهولون حاجزاً في ريف درعا",
     [("مسلحون مجهولون", "named"), ("حاجزاً", "generic")]),
    ("قصفت طائرات مجهولة الهوية مواقع في دير الزور",
     [("طائرات مجهولة الهوية", "named")]),
    ("اشتبكت قسد مع عناصر من تنظيم داعش في الشحيل",
     [("قسد", "named"), ("عناصر من تنظيم داعش", "named")]),
    ("وتبنت حركة “الشباب” الهجوم في مقديشو",
     [("حركة “الشباب", "named")]),
    ("أعلن تنظيم (داعش) مسؤوليته عن التفجير",
     [("تنظيم (داعش", "named")]),
    ("وقصفت ميليشيات موالية لإيران قاعدة أمريكية",
     [("ميليشيات موالية لإيران", "named")]),
    ("دخلت ميليشيات إيرانية إلى البلدة",
     [("ميليشيات إيرانية", "generic")]),
    ("وللحشد الشعبي مواقع في المنطقة",
     [("حشد الشعبي", "named")]),
    ("وأصيب مدنيون بجروح وقتل طفل",
     [("مدنيون", "generic"), ("طفل", "generic")]),
    ("وقتل ثلاثة من عناصر التنظيم وفرّ الباقون",
     [("عناصر التنظيم", "coref")]),
    ("خرج محتجون في نواكشوط وفرقتهم الشرطة",
     [("محتجون", "generic"), ("الشرطة", "generic")]),
    ("ذكر مجلس الأمن أن الوضع خطير",
     []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_find_mentions(kb: ActorKB, sentence: str, expected: list[tuple[str, str]]) -> None:
    mentions = kb.find(normalise(sentence), raw=sentence)
    assert [(m.text, m.kind) for m in mentions] == expected


@pytest.mark.parametrize(("sentence", "_"), CASES)
def test_mention_offsets_point_at_raw_text(kb: ActorKB, sentence: str, _: object) -> None:
    for m in kb.find(sentence):
        assert sentence[m.start:m.end] == m.text


@pytest.mark.parametrize(
    ("sentence", "entry_id"),
    [
        ("وكانت هتش قد سيطرت على المعبر", "sy-hts"),
        ("قالت هيئة تحرير الشام إن", "sy-hts"),
        ("هاجمت قوات الدعم السريع مدينة الفاشر", "sd-rsf"),
        ("أكد الحرس الثوري الإيراني", "ir-irgc"),
        ("وصلت تعزيزات لميليشيا فاطميون", "ir-fatemiyoun"),
        ("قصفت كتائب حزب الله قاعدة عين الأسد", "iq-kh"),
        ("هاجمت جماعة نصرة الإسلام والمسلمين موقعاً للجيش", "ml-jnim"),
        ("وقالت قوات اليونيفيل إن", "lb-unifil"),
        ("وانتشرت عناصر الفرقة الرابعة في المدينة", "sy-4th-division"),
        ("واستهدفت ميليشيا الحوثي", "ye-houthis"),
        ("قتل عنصر من وحدات حماية الشعب", "sy-ypg"),
    ],
)
def test_find_named_aliases(kb: ActorKB, sentence: str, entry_id: str) -> None:
    ids = [i for m in kb.find(sentence) for i in m.entry_ids]
    assert entry_id in ids


@pytest.mark.parametrize(("sentence", "country", "actor_type"), [
    ("استخدمت شرطة تونس العاصمة الغاز المسيل للدموع لتفريق المحتجين", "TN", "state_forces"),
    ("وقصف جيش السودان مواقع للدعم السريع شمال أم درمان", "SD", "state_forces"),
])
def test_force_noun_in_construct_with_a_country_is_that_country_force(kb: ActorKB, sentence: str, country: str,
                                                                     actor_type: str) -> None:
    found = kb.find(normalise(sentence), sentence)
    assert found and found[0].kind == "generic"
    actor = kb.resolve(found[0])
    assert actor.country == country and actor.type == actor_type


def test_a_named_group_that_starts_like_a_country_force_keeps_its_alias(kb: ActorKB) -> None:
    sentence = "هاجمت قوات سوريا الديمقراطية مواقع التنظيم"
    found = kb.find(normalise(sentence), sentence)
    assert found[0].kind == "named" and found[0].text == "قوات سوريا الديمقراطية"
