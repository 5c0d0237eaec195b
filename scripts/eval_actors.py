#!/usr/bin/env python3
"""Actor coverage on the dev set: does ``find`` + ``resolve`` produce each gold actor in its evidence?

For every gold actor (actor1, actor2, claimed_by) of every gold event, the mentions that
``ActorKB.find`` returns inside the event's evidence sentence are resolved with the event's
country and date (earlier mentions of the article as ``previous``); the actor counts as
covered when one of them matches the gold actor by ../shared/eval/score.py's ``actor_ok``.
``coverage_up_to_evidence`` also accepts a mention earlier in the article (the actor named in
a previous sentence): an upper bound for an extractor that looks back.

usage: python scripts/eval_actors.py [--gold ../shared/eval/dev.jsonl] [--show-misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

from rasd.actors import load_actor_kb
from rasd.text.normalise import normalise

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIELDS = ("actor1", "actor2", "claimed_by")


def _scorer():
    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("rasd_shared_score", path)
    if spec is None or spec.loader is None or not path.exists():
        sys.exit(f"scorer not found at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _evidence_span(text: str, evidence: str) -> tuple[int, int]:
    start = text.find(evidence) if evidence else -1
    if start < 0:
        return 0, len(text)
    return start, start + len(evidence)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(SHARED / "eval" / "dev.jsonl"))
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    score = _scorer()
    kb = load_actor_kb()
    total = {f: 0 for f in FIELDS}
    covered = {f: 0 for f in FIELDS}
    in_article = {f: 0 for f in FIELDS}
    misses = []
    with open(args.gold, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh if line.strip()]
    for art in articles:
        text = art["text"]
        mentions = kb.find(normalise(text), raw=text)
        for ev in art.get("events") or []:
            start, end = _evidence_span(text, ev.get("evidence") or "")
            country = (ev.get("location") or {}).get("country")
            day = dt.date.fromisoformat(ev["date"]) if ev.get("date") else None
            resolved, context = [], []
            for i, m in enumerate(mentions):
                if m.start < end:
                    actor = kb.resolve(m, country=country, date=day, previous=mentions[:i])
                    context.append(actor)
                    if start <= m.start:
                        resolved.append(actor)
            for field in FIELDS:
                gold = ev.get(field)
                if not gold:
                    continue
                total[field] += 1
                if any(score.actor_ok(a.to_dict(), gold) for a in context):
                    in_article[field] += 1
                if any(score.actor_ok(a.to_dict(), gold) for a in resolved):
                    covered[field] += 1
                else:
                    misses.append({"id": art["id"], "field": field, "gold_ar": gold.get("ar"),
                                   "gold_en": (gold.get("en") or [])[:2],
                                   "found": [f"{a.text} -> {a.name}" for a in resolved]})
    report = {f: {"gold": total[f], "covered": covered[f],
                  "coverage": round(covered[f] / total[f], 3) if total[f] else None,
                  "coverage_up_to_evidence": round(in_article[f] / total[f], 3) if total[f] else None}
              for f in FIELDS}
    all_gold, all_cov = sum(total.values()), sum(covered.values())
    report["all"] = {"gold": all_gold, "covered": all_cov, "coverage": round(all_cov / all_gold, 3),
                     "coverage_up_to_evidence": round(sum(in_article.values()) / all_gold, 3)}
    if args.show_misses:
        for row in misses:
            print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
