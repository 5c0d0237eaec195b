"""Fit and cross-validate the decision model on the coded corpus (needs scikit-learn: ``pip install 'rasd[train]'``).

Examples are the rule engine's merged candidate events (``Pipeline(decide=False)``) of every coded
article, labelled 1 when they match a gold event by the reference scorer's rules and 0 otherwise,
plus the candidates read from single labelled sentences (``sentences.jsonl``: a candidate of a
"violence" sentence is right when it is a political-violence type, of a "protest" sentence when it
is a protest or riot, of any other sentence never). Folds are fixed by a hash of the article id, so
every run splits alike; the solver is deterministic, so the same corpus gives the same weights.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasd.decide.features import features_of
from rasd.decide.gate import Gate, gate_features, lead_features
from rasd.decide.model import FORMAT, Decider, decider_from_dict, focus_country
from rasd.decide.slots import ROLES, SlotContext, SlotModel, ranking, slot_features, slot_options
from rasd.evaluate import actor_agrees, match_events, score
from rasd.merge import repeat_targets, site_of
from rasd.pipeline import Pipeline, Resources
from rasd.read.jsonl import parse_article

__all__ = ["Example", "build_examples", "cross_validate", "fit", "load_articles", "load_sentences", "train"]

FOLDS = 5
# Inverse regularisation strengths tried; the one with the best cross-validated objective is kept.
C_GRID = (0.1, 0.3, 1.0)
# The same for each slot ranker (chosen by cross-validated slot accuracy; none when no C beats the rules).
SLOT_C_GRID = (0.1, 0.3, 1.0)
# The article gate: C and the probability below which an article keeps nothing (0.0: no gate).
GATE_C_GRID = (0.1, 0.3, 1.0)
GATE_THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(19))
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
    # per slot ("actor1", "actor2"): its options (features, the option's CONTRACT actor) and, for a
    # candidate matched to a gold event, that event's actor (``slot_gold`` only when ``slot_labelled``)
    slots: Mapping[str, tuple[tuple[tuple[str, ...], dict[str, Any] | None], ...]] = dataclasses.field(
        default_factory=dict)
    slot_gold: Mapping[str, dict[str, Any] | None] = dataclasses.field(default_factory=dict)
    slot_labelled: bool = False
    lead: tuple[str, ...] = ()  # the article gate's lead features (same for every candidate of an article)
    has_gold: bool = False  # the article has a gold event (the gate's label)


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


def _candidates(pipeline: Pipeline, row: Mapping[str, Any], where: str
                ) -> tuple[list[list[str]], list[dict], list[dict[str, Any]], tuple[str, ...]]:
    article = parse_article({k: row.get(k) for k in ("id", "text", "pub_date", "url", "outlet")}, where=where)
    doc = pipeline.analyse(article)
    events = pipeline.candidates_of(doc)
    kb = pipeline.resources.actor_kb
    ctx = SlotContext.of(doc)
    slots = [{role: tuple((tuple(slot_features(doc, ev, o, role)), o.actor.to_dict() if o.actor else None)
                          for o in slot_options(doc, ev, kb, role, ctx)) for role in ROLES} for ev in events]
    return (features_of(doc, events, focus=focus_country(events)), [ev.to_dict() for ev in events], slots,
            lead_features(doc))


def build_examples(articles: Sequence[Mapping[str, Any]], sentences: Sequence[Mapping[str, Any]],
                   resources: Resources | None = None) -> list[Example]:
    """Every candidate of every coded article and labelled sentence, with its label."""
    pipeline = Pipeline(resources, decide=False)
    out: list[Example] = []
    for n, art in enumerate(articles, 1):
        feats, events, slots, lead = _candidates(pipeline, art, f"corpus article {n}")
        gold = art.get("events") or []
        matched = {i: {role: gold[j].get(role) for role in ROLES} for i, j, _ in match_events(events, gold)}
        out += [Example(str(art["id"]), "article", tuple(f), int(i in matched), ev, slots=sl,
                        slot_gold=matched.get(i, {}), slot_labelled=i in matched, lead=lead,
                        has_gold=bool(gold))
                for i, (f, ev, sl) in enumerate(zip(feats, events, slots, strict=True))]
    for n, row in enumerate(sentences, 1):
        sent = {"id": row["id"], "text": row["text"], "pub_date": None}
        feats, events, _, lead = _candidates(pipeline, sent, f"sentence {n}")
        for f, ev in zip(feats, events, strict=True):
            label = _sentence_label(row, ev)
            if label is not None:
                out.append(Example(str(row["id"]), "sentence", tuple(f), label, ev, lead=lead,
                                   has_gold=row.get("label") in ("violence", "protest")))
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


def _slot_rows(examples: Sequence[Example], role: str) -> list[Example]:
    """One row per option of ``role`` of each candidate matched to a gold event: 1 when it is the gold actor."""
    return [Example(ex.article, "article", feats, int(actor_agrees(actor, ex.slot_gold.get(role))), {})
            for ex in examples if ex.slot_labelled and len(ex.slots.get(role, ())) > 1
            for feats, actor in ex.slots[role]]


def fit_slots(examples: Sequence[Example], role: str, *, c: float) -> SlotModel:
    """The ranker of slot ``role`` fitted on the options of ``examples``' matched candidates."""
    weights, bias = fit(_slot_rows(examples, role), c=c)
    return SlotModel(weights, bias)


def slot_ranking(model: SlotModel | None, ex: Example, role: str) -> tuple[int, ...]:
    """Option indices of ``role`` from best to worst by ``model`` (the engine's choice, 0, first on ties)."""
    options = ex.slots.get(role, ())
    if model is None or len(options) <= 1:
        return tuple(range(len(options))) or (0,)
    return tuple(ranking(model, [feats for feats, _ in options]))


def _same(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    if a is None or b is None:
        return a is b
    return ((a.get("id") is not None and a.get("id") == b.get("id") and a.get("country") == b.get("country"))
            or (a.get("name") == b.get("name") and a.get("text") == b.get("text")))


def with_slots(examples: Sequence[Example], rankings: Mapping[str, Sequence[tuple[int, ...]]]) -> list[Example]:
    """The examples with each ranked slot filled by its best option, combined as
    :func:`rasd.decide.slots.choose_actors` does (actor2: the best option other than actor1)."""
    out = []
    for n, ex in enumerate(examples):
        if not ex.slots or not rankings:
            out.append(ex)
            continue
        event = dict(ex.event)
        if "actor1" in rankings:
            event["actor1"] = ex.slots["actor1"][rankings["actor1"][n][0]][1]
        if "actor2" in rankings:
            order = [ex.slots["actor2"][k][1] for k in rankings["actor2"][n]]
        else:
            order = [ex.event.get("actor2"), None]
        event["actor2"] = next((a for a in order if a is None or not _same(a, event["actor1"])), None)
        out.append(ex if event == ex.event else dataclasses.replace(ex, event=event))
    return out


def slot_out_of_fold(examples: Sequence[Example], role: str, *, c: float) -> list[tuple[int, ...]]:
    """The ranking of each example's options for ``role`` by the ranker fitted on the other folds."""
    folds = [fold_of(ex.article) for ex in examples]
    choices: list[tuple[int, ...]] = [(0,)] * len(examples)
    for k in range(FOLDS):
        model = fit_slots([ex for ex, f in zip(examples, folds, strict=True) if f != k], role, c=c)
        for i, f in enumerate(folds):
            if f == k:
                choices[i] = slot_ranking(model, examples[i], role)
    return choices


def slot_accuracy(examples: Sequence[Example], role: str, rankings: Sequence[tuple[int, ...]]) -> float:
    """Share of matched candidates whose best-ranked option for ``role`` is the gold actor."""
    pairs = [(ex, r[0]) for ex, r in zip(examples, rankings, strict=True) if ex.slot_labelled]
    if not pairs:
        return 0.0
    right = sum(actor_agrees(ex.slots[role][k][1] if ex.slots.get(role) else ex.event.get(role),
                             ex.slot_gold.get(role)) for ex, k in pairs)
    return round(right / len(pairs), 3)


def cross_validate_slots(examples: Sequence[Example]) -> dict[str, Any]:
    """Per slot: the C with the best cross-validated accuracy (None when none beats the rules), the
    accuracies of the rules and of that ranker, and its out-of-fold choices."""
    out: dict[str, Any] = {"c": {}, "accuracy": {}, "choices": {}}
    for role in ROLES:
        rules = slot_accuracy(examples, role, [(0,)] * len(examples))
        best: tuple[float, float | None, list[tuple[int, ...]]] = (rules, None, [(0,)] * len(examples))
        for sc in SLOT_C_GRID:
            choices = slot_out_of_fold(examples, role, c=sc)
            acc = slot_accuracy(examples, role, choices)
            if acc > best[0] + 1e-9:
                best = (acc, sc, choices)
        out["c"][role] = best[1]
        out["accuracy"][role] = {"rules": rules, "learned": best[0]}
        if best[1] is not None:
            out["choices"][role] = best[2]
    return out


def _by_article(examples: Sequence[Example]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for i, ex in enumerate(examples):
        groups.setdefault(ex.article, []).append(i)
    return groups


def _gate_rows(examples: Sequence[Example], conf: Sequence[float], groups: Mapping[str, list[int]]
               ) -> dict[str, Example]:
    """One gate example per document: its lead and candidates with their event confidences."""
    rows = {}
    for key, idx in groups.items():
        first = examples[idx[0]]
        feats = gate_features(first.lead, [examples[i].event for i in idx], [conf[i] for i in idx])
        rows[key] = Example(key, first.kind, tuple(feats), int(first.has_gold), {})
    return rows


def gate_out_of_fold(examples: Sequence[Example], conf: Sequence[float], *, c: float) -> dict[str, float]:
    """Each document's probability of reporting an event, from the gate fitted on the other folds'
    coded articles (labelled sentences are gated too, but never trained on: a sentence is no article)."""
    rows = _gate_rows(examples, conf, _by_article(examples))
    out: dict[str, float] = {}
    for k in range(FOLDS):
        train_rows = [r for key, r in rows.items() if fold_of(key) != k and r.kind == "article"]
        weights, bias = fit(train_rows, c=c)
        gate = Gate(weights, bias, 0.0)
        for key, r in rows.items():
            if fold_of(key) == k:
                out[key] = gate.probability(r.features)
    return out


def fit_gate(examples: Sequence[Example], conf: Sequence[float], *, c: float, threshold: float) -> Gate:
    """The article gate fitted on every coded article (inputs: the events' out-of-fold confidences)."""
    rows = _gate_rows(examples, conf, _by_article(examples))
    weights, bias = fit([r for r in rows.values() if r.kind == "article"], c=c)
    return Gate(weights, bias, threshold)


def gated(examples: Sequence[Example], conf: Sequence[float], prob: Mapping[str, float], threshold: float
          ) -> list[float]:
    """The confidences with every candidate of a document the gate closes set to 0."""
    return [0.0 if prob.get(ex.article, 1.0) < threshold else c for ex, c in zip(examples, conf, strict=True)]


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


# A gate setting within this much of the best cross-validated objective counts as equally good; among
# those, the one that keeps most no-event articles empty is chosen (an issue target of its own).
GATE_OBJECTIVE_SLACK = 0.002


def cross_validate(articles: Sequence[Mapping[str, Any]], sentences: Sequence[Mapping[str, Any]],
                   examples: Sequence[Example], *, c_grid: Sequence[float] = C_GRID,
                   thresholds: Sequence[float] = THRESHOLDS) -> dict[str, Any]:
    """Choose C and the keep threshold by 5-fold cross-validation; the figures at that choice."""
    best: tuple[float, float, float, list[float]] | None = None
    for c in c_grid:
        conf = out_of_fold(examples, c=c)
        for t in thresholds:
            obj = _objective(figures(articles, sentences, examples, conf, t))
            if best is None or obj > best[0] + 1e-9:
                best = (obj, c, t, conf)
    assert best is not None
    _, c, t, conf = best
    slots = cross_validate_slots(examples)
    slotted = with_slots(examples, slots["choices"])
    trials: list[tuple[float, int, float | None, float, dict[str, float]]] = []
    base = figures(articles, sentences, slotted, conf, t)
    trials.append((_objective(base), base.get("no_event_articles_kept_empty", 0), None, 0.0, {}))
    for gc in GATE_C_GRID:
        prob = gate_out_of_fold(examples, conf, c=gc)
        for gt in GATE_THRESHOLDS[1:]:
            rep = figures(articles, sentences, slotted, gated(examples, conf, prob, gt), t)
            trials.append((_objective(rep), rep.get("no_event_articles_kept_empty", 0), gc, gt, prob))
    best_obj = max(tr[0] for tr in trials)
    # first the objective within the slack, then the most no-event articles kept empty, then the objective
    _, _, gate_c, gate_t, prob = max((tr for tr in trials if tr[0] >= best_obj - GATE_OBJECTIVE_SLACK),
                                     key=lambda tr: (tr[1], tr[0]))
    final = gated(examples, conf, prob, gate_t)
    return {"c": c, "threshold": t, "confidence": conf, "gated_confidence": final,
            "slot_c": slots["c"], "slot_choices": slots["choices"], "slot_accuracy": slots["accuracy"],
            "gate_c": gate_c, "gate_threshold": gate_t,
            "figures": figures(articles, sentences, slotted, final, t),
            "figures_rule_slots": figures(articles, sentences, examples, final, t),
            "figures_no_gate": figures(articles, sentences, slotted, conf, t)}


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
    model: dict[str, Any] = {"format": FORMAT, "weights": weights, "bias": bias,
                             "calibration": {"x": cal[0], "y": cal[1]}, "threshold": cv["threshold"]}
    slots = {role: fit_slots(examples, role, c=sc) for role, sc in cv["slot_c"].items() if sc is not None}
    if slots:
        model["slots"] = {role: {"weights": dict(m.weights), "bias": m.bias} for role, m in slots.items()}
    gate = None
    if cv["gate_c"] is not None:
        gate = fit_gate(examples, cv["confidence"], c=cv["gate_c"], threshold=cv["gate_threshold"])
        model["gate"] = {"weights": dict(gate.weights), "bias": gate.bias, "threshold": gate.threshold}
    decider = decider_from_dict({**model, "version": "tmp"})
    fitted = [decider.calibrate(r) for r in raw_all]
    if gate is not None:
        fitted = _apply_gate(gate, examples, fitted)
    fitted_examples = with_slots(examples, {role: [slot_ranking(m, ex, role) for ex in examples]
                                            for role, m in slots.items()})
    training: dict[str, Any] = {
        "corpus": {"articles": len(articles), "sentences": len(sentences), "examples": len(examples),
                   "positives": sum(ex.label for ex in examples),
                   "gold_events": sum(len(a.get("events") or []) for a in articles)},
        "c": cv["c"], "threshold": cv["threshold"], "features": len(weights),
        "slot_c": cv["slot_c"], "slot_accuracy": cv["slot_accuracy"],
        "gate_c": cv["gate_c"], "gate_threshold": cv["gate_threshold"],
        "cv": cv["figures"], "cv_rule_slots": cv["figures_rule_slots"], "cv_no_gate": cv["figures_no_gate"],
        "train": figures(articles, sentences, fitted_examples, fitted, cv["threshold"]),
        "rules_only": rules_only,
    }
    if dev:
        dev_examples = build_examples(dev, [], resources)
        dev_conf = [decider.calibrate(decider.raw_probability(ex.features)) for ex in dev_examples]
        if gate is not None:
            dev_conf = _apply_gate(gate, dev_examples, dev_conf)
        dev_examples = with_slots(dev_examples, {role: [slot_ranking(m, ex, role) for ex in dev_examples]
                                                 for role, m in slots.items()})
        training["dev"] = figures(dev, [], dev_examples, dev_conf, cv["threshold"])
        training["dev_rules_only"] = figures(dev, [], dev_examples, [1.0] * len(dev_examples), 0.0)
    digest = hashlib.sha256(json.dumps(model, sort_keys=True).encode("utf-8")).hexdigest()[:12]
    return {**model, "version": f"decider-{digest}", "training": training}


def _apply_gate(gate: Gate, examples: Sequence[Example], conf: Sequence[float]) -> list[float]:
    """``conf`` with the candidates of every document ``gate`` closes set to 0."""
    rows = _gate_rows(examples, conf, _by_article(examples))
    return gated(examples, conf, {k: gate.probability(r.features) for k, r in rows.items()}, gate.threshold)


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
