"""The article gate: the lead it reads, how it closes an article, that the shipped gate loads, and a table
of articles written for this test (tallies, verdicts, speeches vs event reports) through the pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from rasd.decide import load_decider
from rasd.decide.gate import LEAD_SENTENCES, Gate, gate_features, lead_features
from rasd.model import Article
from rasd.pipeline import Pipeline

TALLY = ("دمشق - وثقت الشبكة السورية لحقوق الإنسان في تقريرها الشهري الصادر اليوم مقتل 91 مدنياً بينهم 18 طفلاً "
         "و5 سيدات خلال شهر آب الفائت، على يد أطراف النزاع في سوريا. وقال التقرير إن قوات النظام قتلت 40 مدنياً، "
         "فيما قتلت الغارات الروسية 12 مدنياً، وقضى آخرون برصاص مجهولين. وطالبت الشبكة مجلس الأمن بالتحرك.")
VERDICT = ("عمّان - أصدرت محكمة أمن الدولة الأردنية، اليوم الأحد، حكماً بالإعدام على متهم بتنفيذ الهجوم الذي استهدف "
           "مكتب المخابرات في مخيم البقعة عام 2016، وأسفر عن مقتل خمسة من عناصر الجهاز. وقضت المحكمة بسجن متهمين آخرين "
           "عشر سنوات لإدانتهما بالتخطيط للهجوم وتقديم الدعم للمنفذ.")
SPEECH = ("بيروت - قال الأمين العام لحزب الله في كلمة متلفزة مساء اليوم إن المقاومة سترد على أي عدوان إسرائيلي على "
          "لبنان، وإن صواريخها قادرة على ضرب أي هدف في الأراضي المحتلة. وأضاف أن المعركة المقبلة ستكون مختلفة، "
          "محذراً من أن أي هجوم على الضاحية سيقابله قصف تل أبيب.")
REPORTS = [
    ("إدلب - قتل ثلاثة مدنيين وأصيب خمسة آخرون، صباح اليوم الثلاثاء، جراء غارة جوية شنتها طائرات حربية روسية على "
     "بلدة كفرنبل في ريف إدلب الجنوبي، بحسب ما أفاد الدفاع المدني السوري."),
    ("الخرطوم - اندلعت اشتباكات عنيفة، صباح اليوم الثلاثاء، بين الجيش السوداني وقوات الدعم السريع في مدينة الفاشر "
     "عاصمة ولاية شمال دارفور، ما أسفر عن مقتل سبعة مدنيين، وفق مصادر طبية."),
]


def _doc(pipeline: Pipeline, text: str):
    return pipeline.analyse(Article(id="t", text=text, pub_date=dt.date(2024, 9, 3)))


def test_lead_is_the_first_sentences_as_stems(pipeline: Pipeline) -> None:
    later = " ".join(["وأشار التقرير إلى استمرار الانتهاكات."] * LEAD_SENTENCES)
    lead = lead_features(_doc(pipeline, TALLY.replace("وطالبت الشبكة", later + " وطالبت الشبكة")))
    assert "lead:تقرير" in lead or "lead:تقريرها" in lead  # first sentence
    assert "lead:مجلس" not in lead  # a sentence after the first LEAD_SENTENCES is not the lead
    assert all(f.startswith("lead:") for f in lead)


def test_gate_features_and_closing() -> None:
    feats = gate_features(("lead:وثق",), [], [])
    assert "n:<=0" in feats and "top:<=0.2" in feats
    gate = Gate({"lead:وثق": -5.0}, 1.0, 0.5)
    assert gate.closes(feats) and not gate.closes(gate_features(("lead:قصف",), [], [0.9]))


def test_shipped_gate_loads_with_its_threshold() -> None:
    decider = load_decider()
    if decider.training.get("gate_c") is None:
        assert decider.gate is None
    else:
        assert decider.gate is not None and decider.gate.threshold == decider.training["gate_threshold"]


@pytest.mark.parametrize("text", [TALLY, VERDICT, SPEECH])
def test_pipeline_codes_nothing_in_articles_without_an_event(full_pipeline: Pipeline, text: str) -> None:
    assert full_pipeline.extract(text, pub_date="2024-09-03") == []


@pytest.mark.parametrize("text", REPORTS)
def test_pipeline_keeps_event_reports(full_pipeline: Pipeline, text: str) -> None:
    assert full_pipeline.extract(text, pub_date="2024-09-03")
