#!/usr/bin/env python3
"""Quality gate: run the pipeline on the gold sets in ../shared/eval, score with its score.py, check floors.

The floors are pinned in scripts/eval_floors.json; a change that lowers any figure below its
floor fails. Re-pin deliberately (--pin) after an improvement, never to hide a regression.

usage: python scripts/eval_gate.py [--shared ../shared] [--pin] [--show-errors]
exit: 0 all floors met, 1 a floor missed, 2 ../shared missing
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from rasd.model import Article
from rasd.pipeline import load_pipeline
from rasd.read.jsonl import parse_article

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "scripts" / "eval_floors.json"
GATED = ("f1", "precision", "core_f1", "strict_f1", "evidence_valid", "no_event_kept_empty")
CORPUS = ROOT / "data" / "corpus" / "events"


def run_set(gold: Path, scorer: Path, show_errors: bool) -> dict[str, float]:
    pipeline = load_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        report = Path(tmp) / "report.json"
        with gold.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as sink:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                obj = json.loads(line)
                article: Article = parse_article(
                    {k: obj.get(k) for k in ("id", "text", "pub_date", "url", "outlet")}, where=f"{gold} line {lineno}"
                )
                events = [e.to_dict() for e in pipeline.extract_article(article)]
                sink.write(json.dumps({"id": article.id, "events": events}, ensure_ascii=False) + "\n")
        cmd = [sys.executable, str(scorer), str(gold), str(out), "--json", str(report)]
        if show_errors:
            cmd.append("--show-errors")
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        rep = json.loads(report.read_text(encoding="utf-8"))
    quiet = rep["no_event_articles"]
    rep["no_event_kept_empty"] = round(rep["no_event_articles_kept_empty"] / quiet, 3) if quiet else 1.0
    for k, v in rep.pop("field_accuracy").items():
        rep[f"acc_{k}"] = v
    return rep


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--pin", action="store_true", help="write the current figures as the new floors")
    ap.add_argument("--show-errors", action="store_true")
    a = ap.parse_args(argv)
    scorer = a.shared / "eval" / "score.py"
    if not scorer.exists():
        print(f"eval gate: {scorer} not found; skipped", file=sys.stderr)
        return 2
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    sets = {name: a.shared / "eval" / f"{name}.jsonl" for name in ("dev", "seed", "train")}
    with tempfile.TemporaryDirectory() as tmp:
        # The project's coded corpus (the learned layer's training data: an in-sample figure, see docs/quality.md).
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.jsonl"))),
                          encoding="utf-8")
        sets["corpus"] = corpus
        results = {name: run_set(path, scorer, a.show_errors) for name, path in sets.items() if path.exists()}
    failed = []
    for name, rep in results.items():
        shown = {k: rep[k] for k in (*GATED, "precision", "recall", "system_events", "gold_events") if k in rep}
        shown.update({k: v for k, v in rep.items() if k.startswith("acc_")})
        print(f"{name}: " + " ".join(f"{k}={v}" for k, v in shown.items()))
        for key in GATED:
            floor = floors.get(name, {}).get(key)
            if floor is not None and rep[key] < floor:
                failed.append(f"{name}.{key} = {rep[key]} < floor {floor}")
    if a.pin:
        FLOORS.write_text(json.dumps({n: {k: r[k] for k in GATED} for n, r in results.items()}, indent=1) + "\n",
                          encoding="utf-8")
        print(f"pinned floors in {FLOORS}")
    for f in failed:
        print(f"FLOOR MISSED: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
