"""Fit the cross-outlet linking model on data/corpus/incidents/ and write rasd/resources/linking/model.json.

usage: python scripts/train_linker.py [--folds 5] [--check] [--errors]

Every article of ``incidents.jsonl`` is run through the real extractor. An event
is the article's report of its incident (its *lead*) when it is dated within
±3 days of the incident's day in ``index.tsv`` (or undated) and placed within
60 km of it (or unplaced); other events are reports of other incidents. Pairs
of events from different articles that share a block (:func:`candidate_pair`)
are the training pairs: positive when both are leads of the same incident.

The threshold is the one whose out-of-fold *article* clustering (below) has the
best precision-weighted F-score (F0.5) of its pairs, and never below 0.5; the weight of
``secondary`` (a report that is not its article's first) is chosen with it from
:data:`SECONDARY_GRID`, as pairs cannot teach it.

A logistic regression is fitted on the :data:`FEATURES` (L2-penalised, classes
weighted to balance, as scikit-learn's ``LogisticRegression(class_weight="balanced")``)
with each weight's sign fixed by what the feature means (:data:`SIGNS`: a larger date
gap or distance can only lower the probability, a shared actor only raise it):
the corpus has few in-window negatives, and an unconstrained fit learns signs from
their accidents. SciPy's L-BFGS-B (installed with scikit-learn) does the bounded fit;
both are needed at training time only. Training pairs use a wider date window
(±7 days for day-precise dates) than the store's blocking, so the model sees how
a gap of a few days separates incidents, and include pairs of one article's events
(the store never scores those: one article's events are distinct by construction),
which are the corpus's examples of different incidents at neighbouring places on
one day. Grouped cross-validation keeps every *family* (incidents at one
place, e.g. the Maarat al-Numan market on five days) in one fold; the threshold
is chosen on the out-of-fold clusterings (see below). Each fold's test articles are then clustered exactly as the
store does (:func:`cluster_block` over components) with the fold's own model,
and article-pair precision/recall and B-cubed are reported. ``--check`` only
prints the figures of the shipped model without writing anything; ``--errors`` also
prints the article pairs the out-of-fold clustering (or, with ``--check``, the shipped
model) links wrongly or misses, with their events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import math
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasd.model import Article  # noqa: E402
from rasd.pipeline import load_pipeline  # noqa: E402
from rasd.store.cluster import cluster_block, components  # noqa: E402
from rasd.store.linking import (  # noqa: E402
    FEATURES,
    LinkModel,
    Report,
    candidate_pair,
    compat_tables,
    distance_km,
    features,
    load_model,
    probability,
    report_from_event,
)
from rasd.store.textsim import ngrams, vectorise  # noqa: E402

CORPUS = ROOT / "data" / "corpus" / "incidents"
OUT = ROOT / "rasd" / "resources" / "linking"
LEAD_DAYS = 3
LEAD_KM = 60.0  # an outlet may place it at the district town or the provincial capital
TRAIN_WINDOW_DAYS = {1: 7, 2: 14, 3: 31}  # wider than the store's blocking: more dated negatives
C = 1.0  # inverse L2 strength, as scikit-learn's default
# +1: weight >= 0, -1: weight <= 0, 0: free
SIGNS = {"type_compat": 1, "sub_compat": 1, "gap_one_day": -1, "gap_days": -1, "precise_gap": -1, "coarse_date": -1,
         "distance": -1, "same_place": 1, "no_place": -1, "same_admin1": 1, "coarse_place": -1, "coarse_in_admin1": 0,
         "actor_overlap": 1, "actor_conflict": -1, "fatality_ratio": 1, "fatality_mismatch": -1, "text_similarity": 1,
         "place_mentioned": 1, "distinct_places": -1, "toll_drop": -1, "distinct_towns": -1,
         "secondary": -1}
MODEL_VERSION = "2026-12-08"
MIN_DF = 2  # an n-gram seen in fewer evidence texts gets the default (highest) IDF
# Never link below even odds: the corpus has few same-day neighbouring-village negatives, so a lower
# threshold would be chosen without being tested against enough of them.
MIN_THRESHOLD = 0.5
# The weight of "secondary" (either report is not its article's first event) cannot be learnt from
# pairs: a later report of another incident the article recalls and a second report of the article's
# own incident look alike pairwise, and only the first costs a false pair of articles. It is chosen
# with the threshold, on the out-of-fold article clusterings (None: the fitted weight).
SECONDARY_GRID = (None, -1.0, -2.0, -3.0)


@dataclass(frozen=True)
class Item:
    report: Report
    article: str
    incident: str | None  # the incident it reports (None: some other incident)
    family: str
    lead: bool = True  # it reports the article's own incident (not one the article only mentions)


def load() -> tuple[list[Item], dict[str, str], dict[str, str]]:
    index = {}
    for line in (CORPUS / "index.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("incident\t"):
            continue
        inc, day, _place, lat, lon, _cc, _desc, family = line.split("\t")
        index[inc] = (dt.date.fromisoformat(day), float(lat), float(lon), family)
    pipeline = load_pipeline()
    items: list[Item] = []
    article_incident: dict[str, str] = {}
    outlets: dict[str, str] = {}
    for a_pk, line in enumerate((CORPUS / "incidents.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        d = json.loads(line)
        art = Article(id=d["id"], text=d["text"], pub_date=dt.date.fromisoformat(d["pub_date"]), url=d["url"],
                      outlet=d["outlet"])
        article_incident[art.id] = d["incident"]
        outlets[art.id] = d["outlet"]
        told = [d["incident"], *d.get("also", [])]
        family = index[d["incident"]][3]
        digest = hashlib.sha256(art.text.encode("utf-8")).hexdigest()
        for seq, ev in enumerate(pipeline.extract_article(art)):
            r = report_from_event(ev, event_pk=a_pk * 100 + seq, article_pk=a_pk, key=f"{digest}:{seq}",
                                  pub_date=art.pub_date, text=art.text)
            inc = _incident_of(r, told, index)
            items.append(Item(r, art.id, inc, family, lead=inc == d["incident"]))
    return items, article_incident, outlets


def _incident_of(r: Report, told: list[str], index: dict) -> str | None:
    """The incident (of those the article tells) this event reports: near in time and place, the
    nearest by km / 10 + days (one place on two days: the nearer day; two places: the nearer one)."""
    best: tuple[float, str] | None = None
    for inc in told:
        day, lat, lon, _family = index[inc]
        days = 0 if r.date is None else abs((r.date - day).days)
        if days > LEAD_DAYS:
            continue
        km = 0.0 if r.lat is None else distance_km(r.lat, r.lon, lat, lon)  # type: ignore[arg-type]
        if km <= LEAD_KM and (best is None or km / 10 + days < best[0]):
            best = (km / 10 + days, inc)
    return best[1] if best else None


def fit_idf(texts: list[str]) -> tuple[dict[str, float], float]:
    n = len(texts)
    df: Counter[str] = Counter()
    for t in texts:
        df.update(set(ngrams(t)))
    default = math.log((1 + n) / 1) + 1.0
    idf = {g: round(math.log((1 + n) / (1 + c)) + 1.0, 4) for g, c in df.items() if c >= MIN_DF}
    return dict(sorted(idf.items())), round(default, 4)


def pairs(items: list[Item], windows: dict[int, int] | None = None, *,
          same_article: bool = False) -> list[tuple[int, int]]:
    """Candidate pairs; with ``same_article``, also pairs of one article's events (training only)."""
    out = []
    for i, j in itertools.combinations(range(len(items)), 2):
        a, b = items[i].report, items[j].report
        if a.article_pk == b.article_pk:
            if not same_article or _ambiguous(items[i], items[j]):
                continue
            b = replace(b, article_pk=-1)
        if candidate_pair(a, b, windows=windows):
            out.append((i, j))
    return out


def _ambiguous(a: Item, b: Item) -> bool:
    """Two unlabelled events of one article at one place and day may well be one incident told twice."""
    ra, rb = a.report, b.report
    if a.incident is not None or b.incident is not None:
        return False
    near = ra.lat is None or rb.lat is None or distance_km(ra.lat, ra.lon, rb.lat, rb.lon) <= 2.0  # type: ignore[arg-type]
    return near and ra.date == rb.date


def label(a: Item, b: Item) -> int:
    """1 when both report the same incident as the incident their articles lead with.

    A report of an incident an article only mentions (its ``also``: "the second bombing in three
    days, after Saturday's") is a negative even beside that incident's own reports: linking it
    puts the article into that incident's cluster, a false pair of articles."""
    return int(a.incident is not None and a.incident == b.incident and a.lead and b.lead)


def with_secondary(m: LinkModel, weight: float | None) -> LinkModel:
    """``m`` with the ``secondary`` weight set to ``weight`` (None: as fitted)."""
    if weight is None:
        return m
    w = list(m.weights)
    w[FEATURES.index("secondary")] = weight
    return replace(m, weights=tuple(w))


def fit(items: list[Item], idx: list[tuple[int, int]]) -> LinkModel:
    import numpy as np
    from scipy.optimize import minimize

    types, subs = compat_tables()
    idf, default = fit_idf([it.report.evidence for it in items])
    model = LinkModel(weights=(0.0,) * len(FEATURES), bias=0.0, threshold=0.5, idf=idf, default_idf=default,
                      version=MODEL_VERSION, type_compat=types, sub_compat=subs)
    vecs = [vectorise(it.report.evidence, idf, default) for it in items]
    x = [features(items[i].report, items[j].report, model, vecs[i], vecs[j]) for i, j in idx]
    y = [label(items[i], items[j]) for i, j in idx]
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    pos = max(1.0, ys.sum())
    neg = max(1.0, len(ys) - ys.sum())
    sw = np.where(ys == 1, len(ys) / (2 * pos), len(ys) / (2 * neg))  # class_weight="balanced"

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = xs @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        ll = np.sum(sw * (np.logaddexp(0.0, z) - ys * z))
        grad_z = sw * (p - ys)
        grad = np.append(xs.T @ grad_z + w / C, grad_z.sum())
        return float(ll + 0.5 * w @ w / C), grad

    bounds = [(0.0, None) if SIGNS[f] > 0 else (None, 0.0) if SIGNS[f] < 0 else (None, None) for f in FEATURES]
    res = minimize(loss, np.zeros(len(FEATURES) + 1), jac=True, method="L-BFGS-B", bounds=[*bounds, (None, None)])
    return replace(model, weights=tuple(float(v) for v in res.x[:-1]), bias=float(res.x[-1]))


def scores(model: LinkModel, items: list[Item], idx: list[tuple[int, int]]) -> list[float]:
    vecs = [vectorise(it.report.evidence, model.idf, model.default_idf) for it in items]
    return [probability(features(items[i].report, items[j].report, model, vecs[i], vecs[j]), model)
            for i, j in idx]


def cluster(items: list[Item], model: LinkModel) -> dict[int, int]:
    """Cluster like the store: components of above-threshold edges, average linkage in each."""
    reps = [it.report for it in items]
    vecs = {r.event_pk: vectorise(r.evidence, model.idf, model.default_idf) for r in reps}

    def score(a: Report, b: Report) -> float:
        if not candidate_pair(a, b):
            return 0.0
        return probability(features(a, b, model, vecs[a.event_pk], vecs[b.event_pk]), model)

    edges = [(i, j) for i, j in pairs(items) if score(reps[i], reps[j]) >= model.threshold]
    out: dict[int, int] = {}
    for comp in components(reps, edges):
        for c_no, members in enumerate(cluster_block(comp, score, model.threshold)):
            for r in members:
                out[r.event_pk] = hash((comp[0].event_pk, c_no))
    return out


def article_metrics(items: list[Item], assign: dict[int, int], article_incident: dict[str, str]) -> dict:
    """Article-level pair P/R (two articles linked when any of their events share a cluster) and B-cubed."""
    by_article: dict[str, set[int]] = {}
    lead_cluster: dict[str, int] = {}
    for it in items:
        by_article.setdefault(it.article, set()).add(assign[it.report.event_pk])
        if it.incident is not None and it.article not in lead_cluster:
            lead_cluster[it.article] = assign[it.report.event_pk]
    arts = sorted(by_article)
    gold = {frozenset(p) for p in itertools.combinations(arts, 2)
            if article_incident[p[0]] == article_incident[p[1]]}
    pred = {frozenset(p) for p in itertools.combinations(arts, 2) if by_article[p[0]] & by_article[p[1]]}
    tp = len(gold & pred)
    # B-cubed over articles: each article in the cluster of its first lead event (else a singleton)
    cl = {a: lead_cluster.get(a, -hash(a)) for a in arts}
    bp = br = 0.0
    for a in arts:
        same_c = [b for b in arts if cl[b] == cl[a]]
        same_g = [b for b in arts if article_incident[b] == article_incident[a]]
        both = sum(1 for b in same_c if article_incident[b] == article_incident[a])
        bp += both / len(same_c)
        br += both / len(same_g)
    return {"gold_pairs": len(gold), "linked_pairs": len(pred), "true_linked": tp,
            "pair_precision": round(tp / len(pred), 3) if pred else 1.0,
            "pair_recall": round(tp / len(gold), 3) if gold else 1.0,
            "bcubed_precision": round(bp / len(arts), 3), "bcubed_recall": round(br / len(arts), 3)}


def _describe(it: Item) -> str:
    r = it.report
    where = f"{r.place or '-'}@{r.lat:.3f},{r.lon:.3f}" if r.lat is not None else (r.place or "unplaced")
    return (f"{it.article} [{it.incident or 'other'}] {r.event_type}/{r.sub_event_type} {r.date} p{r.time_precision} "
            f"{where} g{r.geo_precision} f={r.fatalities} {sorted(r.actor_keys)}")


def print_errors(items: list[Item], assign: dict[int, int], article_incident: dict[str, str]) -> None:
    """The article pairs linked across incidents (false links) and the gold pairs left apart (misses)."""
    by_article: dict[str, list[Item]] = {}
    for it in items:
        by_article.setdefault(it.article, []).append(it)
    for a, b in itertools.combinations(sorted(by_article), 2):
        same = article_incident[a] == article_incident[b]
        shared = {assign[i.report.event_pk] for i in by_article[a]} & {assign[i.report.event_pk] for i in by_article[b]}
        if bool(shared) == same:
            continue
        print(("FALSE LINK " if shared else "MISS ") + f"{a} ~ {b}")
        for it in by_article[a] + by_article[b]:
            mark = "*" if assign[it.report.event_pk] in shared else " "
            print(f"   {mark} {_describe(it)}")


def folds(items: list[Item], k: int) -> list[set[str]]:
    fams = Counter(it.family for it in items)
    bins: list[set[str]] = [set() for _ in range(k)]
    sizes = [0] * k
    for fam, n in sorted(fams.items(), key=lambda kv: (-kv[1], kv[0])):
        i = sizes.index(min(sizes))
        bins[i].add(fam)
        sizes[i] += n
    return bins


def sum_metrics(parts: list[dict]) -> dict:
    g = sum(p["gold_pairs"] for p in parts)
    lp = sum(p["linked_pairs"] for p in parts)
    tp = sum(p["true_linked"] for p in parts)
    return {"gold_pairs": g, "linked_pairs": lp, "true_linked": tp,
            "pair_precision": round(tp / lp, 3) if lp else 1.0, "pair_recall": round(tp / g, 3) if g else 1.0}


def f_half(p: float, r: float) -> float:
    return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0


def step_ok(t: float) -> bool:
    return round(t * 100) % 5 == 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--check", action="store_true", help="only evaluate the shipped model")
    ap.add_argument("--errors", action="store_true", help="print the wrongly linked and missed article pairs")
    args = ap.parse_args(argv)
    items, article_incident, _outlets = load()
    n_inc = len(set(article_incident.values()))
    multi = sum(1 for v in Counter(article_incident.values()).values() if v >= 3)
    print(f"{len(article_incident)} articles, {n_inc} incidents ({multi} told by 3+ outlets), {len(items)} events")
    if args.check:
        assign = cluster(items, load_model())
        print(json.dumps(article_metrics(items, assign, article_incident), indent=1))
        if args.errors:
            print_errors(items, assign, article_incident)
        return 0
    fold_models: list[tuple[set[str], LinkModel]] = []
    for test in folds(items, args.folds):
        train = [it for it in items if it.family not in test]
        fold_models.append((test, fit(train, pairs(train, TRAIN_WINDOW_DAYS, same_article=True))))

    def evaluate(t: float, sec: float | None) -> tuple[dict, list[tuple[int, float, float]]]:
        parts, bcubed = [], []
        for test, m in fold_models:
            tst = [it for it in items if it.family in test]
            res = article_metrics(tst, cluster(tst, replace(with_secondary(m, sec), threshold=t)), article_incident)
            parts.append(res)
            bcubed.append((len({it.article for it in tst}), res["bcubed_precision"], res["bcubed_recall"]))
        return sum_metrics(parts), bcubed

    sweeps: dict[float | None, dict[float, tuple[float, float]]] = {}
    for sec in SECONDARY_GRID:
        sweeps[sec] = {}
        for step in range(20, 96):
            cv_t, _ = evaluate(step / 100, sec)
            sweeps[sec][step / 100] = (cv_t["pair_precision"], cv_t["pair_recall"])
    # the best precision-weighted F (F0.5) of the out-of-fold clusterings, at even odds or above; on a
    # tie the higher threshold, then the fitted secondary weight (listed first), then the milder one
    secondary, threshold = max(((sec, t) for sec in SECONDARY_GRID for t in sweeps[sec] if t >= MIN_THRESHOLD),
                               key=lambda st: (f_half(*sweeps[st[0]][st[1]]), st[1]))
    sweep = sweeps[secondary]
    cv, bcubed = evaluate(threshold, secondary)
    if args.errors:
        for test, m in fold_models:
            tst = [it for it in items if it.family in test]
            print_errors(tst, cluster(tst, replace(with_secondary(m, secondary), threshold=threshold)),
                         article_incident)
    n_art = sum(n for n, _, _ in bcubed)
    cv["bcubed_precision"] = round(sum(n * p for n, p, _ in bcubed) / n_art, 3)
    cv["bcubed_recall"] = round(sum(n * r for n, _, r in bcubed) / n_art, 3)
    oof: list[tuple[float, int]] = []
    for test, m in fold_models:
        tst = [it for it in items if it.family in test]
        tidx = pairs(tst)
        oof += list(zip(scores(with_secondary(m, secondary), tst, tidx), [label(tst[i], tst[j]) for i, j in tidx],
                        strict=True))
    tp = sum(1 for p, y in oof if p >= threshold and y)
    fp = sum(1 for p, y in oof if p >= threshold and not y)
    pos = sum(y for _, y in oof)
    event_pairs = {"pairs": len(oof), "positive": pos, "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
                   "recall": round(tp / pos, 3) if pos else 1.0}
    final = replace(with_secondary(fit(items, pairs(items, TRAIN_WINDOW_DAYS, same_article=True)), secondary),
                    threshold=threshold)
    train_fit = article_metrics(items, cluster(items, final), article_incident)
    figures = {
        "version": MODEL_VERSION, "corpus": "data/corpus/incidents/incidents.jsonl",
        "articles": len(article_incident), "incidents": n_inc, "incidents_3plus_outlets": multi,
        "events": len(items), "folds": args.folds, "grouped_by": "family (index.tsv)",
        "threshold": threshold, "secondary_weight": "fitted" if secondary is None else secondary,
        "cv_event_pairs": event_pairs, "cv_articles": cv, "fit_on_all_articles": train_fit,
        "threshold_sweep": {f"{t:.2f}": {"precision": p, "recall": r} for t, (p, r) in sweep.items() if step_ok(t)},
    }
    print(json.dumps(figures, indent=1))
    model = {
        "version": MODEL_VERSION, "features": list(FEATURES),
        "weights": {f: round(w, 4) for f, w in zip(FEATURES, final.weights, strict=True)},
        "bias": round(final.bias, 4), "threshold": threshold, "ngram": 3, "default_idf": final.default_idf,
        "idf": final.idf,
    }
    (OUT / "model.json").write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    (OUT / "training.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT / 'model.json'} and training.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
