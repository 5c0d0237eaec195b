"""The learned layer's light stems: one feature for the inflected and cliticised forms of a word."""

from __future__ import annotations

import pytest

from rasd.decide.features import _stem, features_of
from rasd.pipeline import Pipeline

STEMS = [
    ("والقصف", "قصف"),  # conjunction + article
    ("بالقذائف", "قذائف"),
    ("للجيش", "جيش"),
    ("المتظاهرون", "متظاهر"),  # article + plural suffix
    ("المتظاهرين", "متظاهر"),
    ("اشتباكات", "اشتباك"),
    ("وقصفت", "قصفت"),  # a verb keeps its person ending
    ("ولد", "ولد"),  # too short to lose a letter
    ("غزة", "غزة"),
]


@pytest.mark.parametrize(("word", "stem"), STEMS)
def test_stem_strips_clitics_and_one_suffix(word: str, stem: str) -> None:
    assert _stem(word) == stem


def test_inflected_forms_share_a_stem_feature(resources) -> None:
    """"المحتجون" and "محتجين" differ as words but give the stem feature "s:محتج" in both clauses."""
    import datetime as dt

    from rasd.decide import focus_country
    from rasd.model import Article

    pipe = Pipeline(resources, decide=False)
    texts = ["تظاهر المحتجون أمام مقر البرلمان في العاصمة بغداد اليوم الأحد، رافعين شعارات تطالب بالإصلاح.",
             "نظم مئات محتجين وقفة أمام مقر البرلمان في العاصمة بغداد اليوم الأحد للمطالبة بالإصلاح."]
    per_text = []
    for text in texts:
        doc = pipe.analyse(Article(id="t", text=text, pub_date=dt.date(2024, 5, 12)))
        events = pipe.candidates_of(doc)
        assert events, text
        per_text.append(set(features_of(doc, events, focus=focus_country(events))[0]))
    assert all("s:محتج" in feats for feats in per_text)
    assert "w:المحتجون" in per_text[0] and "w:المحتجون" not in per_text[1]
