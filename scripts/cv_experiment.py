"""Cross-validated figures and out-of-fold error categories of the current rules and features, in seconds.

usage: python scripts/cv_experiment.py [--dump ERRORS.jsonl] [--show CATEGORY ...] [--rules] [--c C --threshold T]

Builds the candidates of the coded corpus, runs the 5-fold cross-validation of
``rasd.decide.train`` (the figure every quality change is judged by), prints the CV figures,
the field accuracies and the out-of-fold error counts by category (``rasd.eval_errors``), and
optionally writes every out-of-fold error to a JSONL file or prints the errors of some categories.
Also reports the candidate ceiling (share of gold events some candidate matches). Writes no model.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasd.decide.train import (  # noqa: E402
    C_GRID,
    THRESHOLDS,
    _objective,
    build_examples,
    cross_validate,
    figures,
    load_articles,
    load_sentences,
    with_slots,
)
from rasd.eval_errors import categorise_errors, category_counts  # noqa: E402
from rasd.merge import repeat_targets, site_of  # noqa: E402
from scripts.train_decider import corpus_files, sentence_files  # noqa: E402

FIELDS = ("sub_event_type", "date", "location", "actor1", "actor2", "fatalities")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dump", type=Path, help="write every out-of-fold error to this JSONL file")
    ap.add_argument("--show", nargs="*", default=[], help="print the errors of categories starting so")
    ap.add_argument("--rules", action="store_true", help="categorise the errors of all candidates (rules only)")
    ap.add_argument("--c", type=float, help="fix the event model's C (compare rule variants at one setting)")
    ap.add_argument("--threshold", type=float, help="fix the event model's keep threshold")
    a = ap.parse_args(argv)
    articles = load_articles(corpus_files())
    sentences = load_sentences(sentence_files())
    examples = build_examples(articles, sentences)
    cv = cross_validate(articles, sentences, examples, c_grid=(a.c,) if a.c else C_GRID,
                        thresholds=(a.threshold,) if a.threshold else THRESHOLDS)
    f = cv["figures"]
    gold = sum(len(x.get("events") or []) for x in articles)
    ceiling = sum(ex.label for ex in examples if ex.kind == "article")
    print(f"C {cv['c']} threshold {cv['threshold']}  candidates {len(examples)}  "
          f"article positives {ceiling}/{gold} ({ceiling / gold:.3f})")
    print(" ".join(f"{k} {f.get(k)}" for k in ("f1", "precision", "recall", "core_f1", "strict_f1")))
    fields = f.get("field_accuracy") or {}
    print("fields", " ".join(f"{k} {fields.get(k)}" for k in FIELDS if k in fields))
    print("no-event kept empty", f.get("no_event_articles_kept_empty"), "/", f.get("no_event_articles"),
          "confident", f.get("confident_correct"), f.get("confident_share"))
    print("sentences", f.get("sentences"), "objective", round(_objective(f), 4))
    rf = cv["figures_rule_slots"]
    rfa = rf.get("field_accuracy") or {}
    print(f"slot rankers: C {cv['slot_c']} accuracy on matched candidates {cv['slot_accuracy']}; "
          f"with the rules' actors: strict_f1 {rf.get('strict_f1')} actor1 {rfa.get('actor1')} "
          f"actor2 {rfa.get('actor2')}")
    ng = cv["figures_no_gate"]
    print(f"article gate: C {cv['gate_c']} threshold {cv['gate_threshold']}; without it: f1 {ng.get('f1')} "
          f"precision {ng.get('precision')} no-event kept empty {ng.get('no_event_articles_kept_empty')}")
    examples = with_slots(examples, cv["slot_choices"])
    cv["confidence"] = cv["gated_confidence"]
    best = max(THRESHOLDS, key=lambda t: figures(articles, [], examples, cv["confidence"], t)["f1"])
    bf = figures(articles, [], examples, cv["confidence"], best)
    print(f"best article f1 at C {cv['c']}: {bf['f1']} (P {bf['precision']}, threshold {best})")
    kept: dict[str, dict] = {str(x["id"]): {"id": x["id"], "events": []} for x in articles}
    for ex, c in zip(examples, cv["confidence"], strict=True):
        if ex.kind == "article" and (a.rules or c >= cv["threshold"]):
            kept[ex.article]["events"].append(ex.event)
    if not a.rules:  # as Decider.decide does: re-mentions fold into the first report
        for row in kept.values():
            targets = repeat_targets([site_of(e) for e in row["events"]])
            row["events"] = [e for e, t in zip(row["events"], targets, strict=True) if t is None]
    groups = categorise_errors(articles, kept)
    for cat, n in category_counts(groups).items():
        print(f"  {n:4d}  {cat}")
    if a.dump:
        with a.dump.open("w", encoding="utf-8") as fh:
            for items in groups.values():
                for it in items:
                    fh.write(json.dumps(it.to_dict(), ensure_ascii=False) + "\n")
    for cat, items in groups.items():
        if any(cat.startswith(s) for s in a.show):
            print(f"== {cat}")
            for it in items:
                print(f"  [{it.article_id}] gold={it.gold} sys={it.system}\n     {it.evidence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
