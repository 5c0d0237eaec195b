"""The learned decision layer: the shipped model loads, reproduces its recorded figures, trains deterministically,
and tells real event reports from figurative or off-topic uses of violence words."""

from __future__ import annotations

import pytest

from rasd.decide import Decider, load_decider
from rasd.decide.model import decider_from_dict
from rasd.errors import ResourceError
from rasd.pipeline import Pipeline

from .conftest import ROOT

REAL = [
    "قصفت طائرات حربية روسية بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم الأحد، ما أسفر عن مقتل ثلاثة مدنيين.",
    "قُتل جنديان وأصيب خمسة آخرون بانفجار عبوة ناسفة استهدفت دورية للجيش العراقي قرب مدينة الطارمية شمال بغداد أمس.",
    "اندلعت اشتباكات عنيفة بين الجيش السوداني وقوات الدعم السريع في مدينة الفاشر، اليوم الثلاثاء، وفق مصادر محلية.",
    "تظاهر مئات الطلاب أمام مقر وزارة التعليم في العاصمة تونس، اليوم الخميس، احتجاجا على نتائج الامتحانات.",
]
FIGURATIVE = [
    "شنّ رئيس الحزب هجوماً قاسياً على الحكومة في مؤتمر صحفي، متهماً إياها بالفشل في إدارة ملف الاقتصاد.",
    "ضرب اللاعب مثالاً في الالتزام، وقاد فريقه إلى الفوز في المباراة النهائية للدوري.",
    "أزمة اقتصادية خانقة ضربت البلاد منذ سنوات، وأدت إلى انهيار قيمة العملة المحلية.",
    "هل تنفجر الأوضاع في المنطقة إذا فشلت المفاوضات؟ سؤال يطرحه المحللون بقلق.",
]


@pytest.fixture(scope="module")
def decider() -> Decider:
    return load_decider()


def test_decide_model_loads_with_its_figures(decider: Decider) -> None:
    assert decider.version.startswith("decider-")
    assert decider.weights and 0.0 < decider.threshold < 1.0
    assert list(decider.calibration_x) == sorted(decider.calibration_x)
    assert list(decider.calibration_y) == sorted(decider.calibration_y)  # calibration is monotone
    for key in ("cv", "train", "rules_only", "corpus"):
        assert key in decider.training
    assert decider.training["corpus"]["articles"] >= 200


def test_decide_calibrate_interpolates_and_clips(decider: Decider) -> None:
    xs, ys = decider.calibration_x, decider.calibration_y
    assert decider.calibrate(-1.0) == ys[0] and decider.calibrate(2.0) == ys[-1]
    mid = (xs[10] + xs[11]) / 2
    assert min(ys[10], ys[11]) <= decider.calibrate(mid) <= max(ys[10], ys[11])


def test_decide_rejects_malformed_model() -> None:
    with pytest.raises(ResourceError):
        decider_from_dict({"format": "other"})
    with pytest.raises(ResourceError):
        decider_from_dict({"format": "rasd-decider/1", "weights": {}})


@pytest.mark.parametrize("text", REAL)
def test_decide_keeps_real_reports(full_pipeline: Pipeline, text: str) -> None:
    events = full_pipeline.extract(text, pub_date="2024-05-14")
    assert events, text
    assert all(0.0 <= e.confidence <= 1.0 for e in events)


@pytest.mark.parametrize("text", FIGURATIVE)
def test_decide_drops_figurative_uses(full_pipeline: Pipeline, text: str) -> None:
    assert full_pipeline.extract(text, pub_date="2024-05-14") == []


def test_decide_min_confidence_filters(resources) -> None:
    text = REAL[0]
    everything = Pipeline(resources, decide=False).extract(text, pub_date="2024-05-14")
    strict = Pipeline(resources, min_confidence=1.0).extract(text, pub_date="2024-05-14")
    assert everything and strict == []


def test_decide_training_is_deterministic(shared_dir) -> None:
    pytest.importorskip("sklearn")
    from rasd.decide.train import build_examples, fit, load_articles

    articles = load_articles(sorted((ROOT / "data" / "corpus" / "events").glob("*.jsonl")))[:60]
    examples = build_examples(articles, [])
    assert fit(examples, c=0.3) == fit(examples, c=0.3)


def test_decide_reproduces_recorded_cross_validation(shared_dir, decider: Decider) -> None:
    """Re-running the cross-validation on the committed corpus gives the figures recorded in the model."""
    pytest.importorskip("sklearn")
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from train_decider import corpus_files, sentence_files

    from rasd.decide.train import build_examples, cross_validate, load_articles, load_sentences

    articles = load_articles(corpus_files())
    sentences = load_sentences(sentence_files())
    cv = cross_validate(articles, sentences, build_examples(articles, sentences))
    recorded = decider.training["cv"]
    assert cv["threshold"] == decider.training["threshold"]
    for key in ("f1", "precision", "recall", "core_f1", "strict_f1"):
        assert cv["figures"][key] == recorded[key], key
