"""Fit and cross-validate the decision model on the coded corpus (needs scikit-learn: ``pip install 'rasd[train]'``).

Examples are the rule engine's merged candidate events (``Pipeline(decide=False)``) of every coded
article, labelled 1 when they match a gold event by the reference scorer's rules and 0 otherwise,
plus the candidates read from single labelled sentences (``sentences.jsonl``: a candidate of a
"violence" sentence is right when it is a political-violence type, of a "protest" sentence when it
is a protest or riot, of any other sentence never). Folds are fixed by a hash of the article id, so
every run splits alike; the solver is deterministic, so the same corpus gives the same weights.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasd.decide.features import features_of
from rasd.decide.model import FORMAT, Decider, decider_from_dict, focus_country
from rasd.evaluate import match_events, score
from rasd.merge import repeat_targets, site_of
from rasd.pipeline import Pipeline, Resources
from rasd.read.jsonl import parse_article

__all__ = ["Example", "build_examples", "cross_validate", "fit", "load_articles", "load_sentences", "train"]

FOLDS = 5
# Inverse regularisation strengths tried; the one with the best cross-validated objective is kept.
C_GRID = (0.1, 0.3, 1.0)
# A feature must occur in this many training examples to get a weight (rarer ones only memorise).
MIN_FEATURE_COUNT = 2
# Keep thresholds tried on the calibrated confidence.
THRESHOLDS = tuple(round(0.20 + 0.02 * i, 2) for i in range(31))
# Weight of a sentence example relative to an article example (sentences are many and short).
SENTENCE_WEIGHT = 0.5
VIOLENCE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
PROTEST_TYPES = frozenset({"Protests", "Riots"})
WEIGHT_DIGITS = 4
# Points of the shipped calibration table (linear interpolation between them at run time).
CALIBRATION_POINTS = 101


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate event with its features and label."""

    article: str  # article or sentence id (the cross-validation group)
    kind: str  # "article" or "sentence"
    features: tuple[str, ...]
    label: int
    event: dict[str, Any]  # the CONTRACT event, for scoring


def load_articles(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Coded articles (gold JSONL lines) from the given files, in order."""
    rows: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def load_sentences(paths: Path | Iterable[Path]) -> list[dict[str, Any]]:
    """Labelled sentences (``violence``/``protest``/``none``) of one or more files; absent files are skipped."""
    rows: list[dict[str, Any]] = []
    for path in [paths] if isinstance(paths, Path) else paths:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


def fold_of(article_id: str) -> int:
    """The cross-validation fold of an article (stable across runs and machines)."""
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:8], 16) % FOLDS


def _sentence_label(row: Mapping[str, Any], event: Mapping[str, Any]) -> int | None:
    label, etype = row.get("label"), event.get("event_type")
    if label == "violence":
        return int(etype in VIOLENCE_TYPES)
    if label == "protest":
        return int(etype in PROTEST_TYPES)
    if row.get("other_event") and etype == "Strategic developments":
        return None  # an arrest or troop movement: a real event, but the sentence set does not code it
    return 0


def _candidates(pipeline: Pipeline, row: Mapping[str, Any], where: str) -> tuple[list[list[str]], list[dict]]:
    article = parse_article({k: row.get(k) for k in ("id", "text", "pub_date", "url", "outlet")}, where=where)
    doc = pipeline.analyse(article)
    events = pipeline.candidates_of(doc)
    return features_of(doc, events, focus=focus_country(events)), [ev.to_dict() for ev in events]


def build_examples(articles: Sequence[Mapping[str, Any]], sentences: Sequence[Mapping[str, Any]],
                   resources: Resources | None = None) -> list[Example]:
    """Every candidate of every coded article and labelled sentence, with its label."""
    pipeline = Pipeline(resources, decide=False)
    out: list[Example] = []
    for n, art in enumerate(articles, 1):
        feats, events = _candidates(pipeline, art, f"corpus article {n}")
        matched = {i for i, _, _ in match_events(events, art.get("events") or [])}
        out += [Example(str(art["id"]), "article", tuple(f), int(i in matched), ev)
                for i, (f, ev) in enumerate(zip(feats, events, strict=True))]
    for n, row in enumerate(sentences, 1):
        sent = {"id": row["id"], "text": row["text"], "pub_date": None}
        feats, events = _candidates(pipeline, sent, f"sentence {n}")
        for f, ev in zip(feats, events, strict=True):
            label = _sentence_label(row, ev)
            if label is not None:
                out.append(Example(str(row["id"]), "sentence", tuple(f), label, ev))
    return out


def fit(examples: Sequence[Example], *, c: float) -> tuple[dict[str, float], float]:
    """Logistic-regression weights (feature → weight) and bias fitted on ``examples``."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for ex in examples for f in set(ex.features))
    names = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    column = {f: i for i, f in enumerate(names)}
    indices: list[int] = []
    indptr = [0]
    for ex in examples:
        indices += sorted({column[f] for f in ex.features if f in column})
        indptr.append(len(indices))
    # liblinear takes 32-bit sparse indices only (scipy now builds 64-bit ones by default).
    x = csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)),
                   shape=(len(examples), len(names)))
    y = [ex.label for ex in examples]
    w = [1.0 if ex.kind == "article" else SENTENCE_WEIGHT for ex in examples]
    if len(set(y)) < 2 or not names:
        return {}, 4.0 if y and y[0] == 1 else -4.0
    model = LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=0)
    model.fit(x, y, sample_weight=w)
    weights = {str(names[i]): round(float(v), WEIGHT_DIGITS) for i, v in enumerate(model.coef_[0])
               if round(float(v), WEIGHT_DIGITS) != 0.0}
    return dict(sorted(weights.items())), round(float(model.intercept_[0]), WEIGHT_DIGITS)


def _calibration(raw: Sequence[float], labels: Sequence[int]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """A monotone map from raw probability to the share of right events, as a table of points.

    Platt scaling (a logistic fit on the raw score's logit) rather than isotonic regression: with a
    few hundred article candidates, isotonic steps at the top overfit and promised more than the
    held-out folds delivered.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        return (), ()
    clipped = np.clip(np.asarray(raw, dtype=float), 1e-6, 1 - 1e-6)
    z = np.log(clipped / (1 - clipped)).reshape(-1, 1)
    platt = LogisticRegression(C=1.0, solver="lbfgs").fit(z, list(labels))
    xs = np.unique(np.concatenate([np.linspace(0.0, 1.0, CALIBRATION_POINTS), np.quantile(clipped, [0.5])]))
    zx = np.log(np.clip(xs, 1e-6, 1 - 1e-6) / (1 - np.clip(xs, 1e-6, 1 - 1e-6))).reshape(-1, 1)
    ys = platt.predict_proba(zx)[:, 1]
    return tuple(round(float(v), 6) for v in xs), tuple(round(float(v), 6) for v in ys)


def _decider(weights: dict[str, float], bias: float, cal: tuple[tuple[float, ...], tuple[float, ...]],
             threshold: float) -> Decider:
    return Decider(version="cv", weights=weights, bias=bias, calibration_x=cal[0], calibration_y=cal[1],
                   threshold=threshold)


def _raw(decider: Decider, examples: Sequence[Example]) -> list[float]:
    return [decider.raw_probability(ex.features) for ex in examples]


def out_of_fold(examples: Sequence[Example], *, c: float) -> list[float]:
    """Calibrated confidence of each example from models that never saw its article.

    Calibration is fitted on article candidates only: the confidence promises the share of right
    events in news articles, and the short labelled sentences are easier than that.

    The logistic model of fold k is fitted on the other folds; its isotonic calibration is fitted on
    the other folds' own out-of-fold scores, so no number here was tuned on the example it scores.
    """
    folds = [fold_of(ex.article) for ex in examples]
    raw = _oof_raw(examples, c=c)
    conf = [0.0] * len(examples)
    for k in range(FOLDS):
        idx = [i for i, f in enumerate(folds) if f != k and examples[i].kind == "article"]
        cal = _calibration([raw[i] for i in idx], [examples[i].label for i in idx])
        d = _decider({}, 0.0, cal, 0.0)
        for i, f in enumerate(folds):
            if f == k:
                conf[i] = d.calibrate(raw[i])
    return conf


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def sentence_figures(sentences: Sequence[Mapping[str, Any]], kept: Mapping[str, list[dict[str, Any]]]
                     ) -> dict[str, float]:
    """F1 of flagging sentences that report violence / a protest (any kept event of those types)."""
    out: dict[str, float] = {}
    for name, types in (("violence", VIOLENCE_TYPES), ("protest", PROTEST_TYPES)):
        pred = {str(s["id"]) for s in sentences if any(e["event_type"] in types for e in kept.get(str(s["id"]), []))}
        gold = {str(s["id"]) for s in sentences if s.get("label") == name}
        tp = len(pred & gold)
        out[f"{name}_f1"] = round(_f1(tp, len(pred), len(gold)), 3)
        out[f"{name}_precision"] = round(tp / len(pred), 3) if pred else 0.0
        out[f"{name}_recall"] = round(tp / len(gold), 3) if gold else 0.0
    return out


def figures(articles: Sequence[Mapping[str, Any]], sentences: Sequence[Mapping[str, Any]],
            examples: Sequence[Example], conf: Sequence[float], threshold: float) -> dict[str, Any]:
    """Scorer figures of the articles and sentences when events with confidence < threshold are dropped."""
    kept: dict[str, list[dict[str, Any]]] = {}
    for ex, c in zip(examples, conf, strict=True):
        kept.setdefault(ex.article, [])
        if c >= threshold:
            kept[ex.article].append(ex.event)
    for key, events in kept.items():  # as Decider.decide does: re-mentions fold into the first report
        kept[key] = [ev for ev, t in zip(events, repeat_targets([site_of(e) for e in events]), strict=True)
                     if t is None]
    rows = {str(a["id"]): {"id": a["id"], "events": kept.get(str(a["id"]), [])} for a in articles}
    report = dict(score(articles, rows).report) if articles else {}
    if sentences:
        report["sentences"] = sentence_figures(sentences, kept)
    art = [(c, ex.label) for ex, c in zip(examples, conf, strict=True) if ex.kind == "article"]
    high = [lab for c, lab in art if c >= 0.8]
    report["confident_share"] = round(len(high) / len(art), 3) if art else 0.0
    report["confident_correct"] = round(sum(high) / len(high), 3) if high else None
    return report


def _objective(report: Mapping[str, Any]) -> float:
    parts = [float(report.get("f1", 0.0))]
    if "sentences" in report:
        parts += [report["sentences"]["violence_f1"], report["sentences"]["protest_f1"]]
    return sum(parts) / len(parts)


def cross_validate(articles: Sequence[Mapping[str, Any]], sentences: Sequence[Mapping[str, Any]],
                   examples: Sequence[Example]) -> dict[str, Any]:
    """Choose C and the keep threshold by 5-fold cross-validation; the figures at that choice."""
    best: tuple[float, float, float, list[float]] | None = None
    for c in C_GRID:
        conf = out_of_fold(examples, c=c)
        for t in THRESHOLDS:
            obj = _objective(figures(articles, sentences, examples, conf, t))
            if best is None or obj > best[0] + 1e-9:
                best = (obj, c, t, conf)
    assert best is not None
    _, c, t, conf = best
    return {"c": c, "threshold": t, "figures": figures(articles, sentences, examples, conf, t), "confidence": conf}


def train(articles: Sequence[Mapping[str, Any]], sentences: Sequence[Mapping[str, Any]], *,
          dev: Sequence[Mapping[str, Any]] = (), resources: Resources | None = None) -> dict[str, Any]:
    """The model as the JSON object the package ships, with its cross-validated, training and dev figures."""
    resources = resources or Resources()
    examples = build_examples(articles, sentences, resources)
    rules_only = figures(articles, sentences, examples, [1.0] * len(examples), 0.0)
    cv = cross_validate(articles, sentences, examples)
    weights, bias = fit(examples, c=cv["c"])
    raw_all = [_decider(weights, bias, ((), ()), 0.0).raw_probability(ex.features) for ex in examples]
    # The shipped calibration maps the final model's scores through the cross-validated calibration
    # of scores from models that had not seen the example (isotonic over out-of-fold raw scores).
    oof_raw = _oof_raw(examples, c=cv["c"])
    arts = [i for i, ex in enumerate(examples) if ex.kind == "article"]
    cal = _calibration([oof_raw[i] for i in arts], [examples[i].label for i in arts])
    model = {"format": FORMAT, "weights": weights, "bias": bias, "calibration": {"x": cal[0], "y": cal[1]},
             "threshold": cv["threshold"]}
    decider = decider_from_dict({**model, "version": "tmp"})
    fitted = [decider.calibrate(r) for r in raw_all]
    training: dict[str, Any] = {
        "corpus": {"articles": len(articles), "sentences": len(sentences), "examples": len(examples),
                   "positives": sum(ex.label for ex in examples),
                   "gold_events": sum(len(a.get("events") or []) for a in articles)},
        "c": cv["c"], "threshold": cv["threshold"], "features": len(weights),
        "cv": cv["figures"], "train": figures(articles, sentences, examples, fitted, cv["threshold"]),
        "rules_only": rules_only,
    }
    if dev:
        dev_examples = build_examples(dev, [], resources)
        dev_conf = [decider.calibrate(decider.raw_probability(ex.features)) for ex in dev_examples]
        training["dev"] = figures(dev, [], dev_examples, dev_conf, cv["threshold"])
        training["dev_rules_only"] = figures(dev, [], dev_examples, [1.0] * len(dev_examples), 0.0)
    digest = hashlib.sha256(json.dumps(model, sort_keys=True).encode("utf-8")).hexdigest()[:12]
    return {**model, "version": f"decider-{digest}", "training": training}


def _oof_raw(examples: Sequence[Example], *, c: float) -> list[float]:
    """Raw probability of each example from the model fitted on the other folds."""
    folds = [fold_of(ex.article) for ex in examples]
    raw = [0.0] * len(examples)
    for k in range(FOLDS):
        weights, bias = fit([ex for ex, f in zip(examples, folds, strict=True) if f != k], c=c)
        d = _decider(weights, bias, ((), ()), 0.0)
        for i, f in enumerate(folds):
            if f == k:
                raw[i] = d.raw_probability(examples[i].features)
    return raw
