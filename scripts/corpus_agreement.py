#!/usr/bin/env python3
"""Inter-coder agreement on the coded corpus (issue #10): sample articles, score a blind re-coding.

usage:
  python scripts/corpus_agreement.py sample --n 40 --seed 7 --out data/corpus/agreement/sample_ids.txt
  python scripts/corpus_agreement.py score --recoded data/corpus/agreement/recoded.jsonl \
      [--json data/corpus/agreement/report.json]

``sample`` draws a deterministic sample stratified by region file (largest-remainder proportional
allocation) and, inside each region, by whether the original coding has events (no-event articles
get their proportional share, at least one per region when the region has any).

``score`` joins the re-coded articles to the originals by id and scores them with the project's
scorer (:func:`rasd.evaluate.score`): once with the original coding as gold and the re-coding as
system, once the other way round; the symmetric figure is the mean of the two. Both codings are in
the gold format (``ar``/``en`` actor lists, evidence string), so the side playing "system" is turned
into system events: actor ``text`` = its first Arabic form, ``name`` = its first (canonical) English
name; evidence = the offsets of the evidence string in the text. Event-type agreement is measured
on a type-blind pairing (:func:`rasd.evaluate.match_events` on events with the type masked), since
the scorer only pairs events of the same type.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rasd.evaluate import actor_agrees, match_events, score

ROOT = Path(__file__).resolve().parents[1]
EVENTS_DIR = ROOT / "data" / "corpus" / "events"
AGREEMENT_DIR = ROOT / "data" / "corpus" / "agreement"
FIELD_ORDER = ("event_type", "sub_event_type", "date", "location", "actor1", "actor2", "fatalities")

Article = dict[str, Any]


# ----------------------------------------------------------------------------- reading


def read_jsonl(path: Path) -> list[Article]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_corpus(events_dir: Path = EVENTS_DIR) -> dict[str, list[Article]]:
    """Coded articles by region file stem, in file order."""
    return {path.stem: read_jsonl(path) for path in sorted(events_dir.glob("*.jsonl"))}


# ----------------------------------------------------------------------------- sampling


def allocate(sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Split ``n`` over strata proportionally to ``sizes`` (largest remainder; ties by stratum name)."""
    total = sum(sizes.values())
    if total == 0 or n <= 0:
        return dict.fromkeys(sizes, 0)
    n = min(n, total)
    quotas = {k: n * v / total for k, v in sizes.items()}
    alloc = {k: int(q) for k, q in quotas.items()}
    rest = n - sum(alloc.values())
    for k in sorted(sizes, key=lambda k: (-(quotas[k] - alloc[k]), k)):
        if rest <= 0:
            break
        if alloc[k] < sizes[k]:
            alloc[k] += 1
            rest -= 1
    return alloc


def sample_ids(corpus: Mapping[str, Sequence[Mapping[str, Any]]], n: int, seed: int) -> list[str]:
    """A deterministic stratified sample of article ids (region, then event / no-event)."""
    per_region = allocate({r: len(arts) for r, arts in corpus.items()}, n)
    chosen: list[str] = []
    for region in sorted(corpus):
        k = per_region[region]
        if k == 0:
            continue
        quiet = sorted(a["id"] for a in corpus[region] if not a.get("events"))
        busy = sorted(a["id"] for a in corpus[region] if a.get("events"))
        k_quiet = allocate({"quiet": len(quiet), "busy": len(busy)}, k)["quiet"]
        if quiet and k_quiet == 0:
            k_quiet = 1
        k_quiet = min(k_quiet, len(quiet), k)
        k_busy = min(k - k_quiet, len(busy))
        rng = random.Random(f"{seed}:{region}")  # str seeds hash with sha512: stable across runs
        picked = rng.sample(quiet, k_quiet) + rng.sample(busy, k_busy)
        chosen += sorted(picked)
    return chosen


# ----------------------------------------------------------------------------- scoring


def _as_system_actor(actor: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    ar, en = actor.get("ar") or [], actor.get("en") or []
    return {"text": ar[0] if ar else "", "name": en[0] if en else "", "type": actor.get("type")}


def as_system_event(event: Mapping[str, Any], text: str) -> dict[str, Any]:
    """A gold-format event (ANNOTATION.md) as a system event (CONTRACT.md) for :func:`rasd.evaluate.score`."""
    out = dict(event)
    out["actor1"] = _as_system_actor(event.get("actor1"))
    out["actor2"] = _as_system_actor(event.get("actor2"))
    out["claimed_by"] = _as_system_actor(event.get("claimed_by"))
    evidence = event.get("evidence")
    start = text.find(evidence) if isinstance(evidence, str) and evidence else -1
    out["evidence"] = [{"start": start, "end": start + len(evidence)}] if start >= 0 and evidence else []
    return out


def as_system_rows(articles: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    return {a["id"]: {"id": a["id"], "events": [as_system_event(e, a["text"]) for e in a.get("events") or []]}
            for a in articles}


def join(originals: Mapping[str, Article], recoded: Sequence[Article]
         ) -> tuple[list[Article], list[Article], list[str]]:
    """Pairs (original, recoded) by id, in re-coded order; problems (unknown id, other text) are listed."""
    orig_rows, re_rows, problems = [], [], []
    for art in recoded:
        orig = originals.get(art.get("id", ""))
        if orig is None:
            problems.append(f"{art.get('id')}: not in the corpus")
            continue
        if orig.get("text") != art.get("text"):
            problems.append(f"{art['id']}: text differs from the original")
        orig_rows.append(orig)
        re_rows.append(art)
    return orig_rows, re_rows, problems


def type_agreement(gold: Sequence[Article], system: Sequence[Article]) -> tuple[int, int]:
    """(pairs with the same event_type, pairs) over a type-blind pairing of the two codings."""
    same = pairs = 0
    for g_art, s_art in zip(gold, system, strict=True):
        g_ev = [dict(e, event_type="*") for e in g_art.get("events") or []]
        s_sys = as_system_rows([s_art])[s_art["id"]]["events"]
        s_ev = [dict(e, event_type="*") for e in s_sys]
        for i, j, _ in match_events(s_ev, g_ev):
            pairs += 1
            same += s_sys[i]["event_type"] == (g_art.get("events") or [])[j]["event_type"]
    return same, pairs


def no_event_agreement(a: Sequence[Article], b: Sequence[Article]) -> dict[str, Any]:
    """Agreement on "has events" between two codings of the same articles (counts and Cohen's kappa)."""
    both_quiet = sum(not x.get("events") and not y.get("events") for x, y in zip(a, b, strict=True))
    both_busy = sum(bool(x.get("events")) and bool(y.get("events")) for x, y in zip(a, b, strict=True))
    only_a = sum(not x.get("events") and bool(y.get("events")) for x, y in zip(a, b, strict=True))
    only_b = sum(bool(x.get("events")) and not y.get("events") for x, y in zip(a, b, strict=True))
    n = len(a)
    observed = (both_quiet + both_busy) / n if n else 0.0
    pa, pb = (both_quiet + only_a) / n if n else 0.0, (both_quiet + only_b) / n if n else 0.0
    expected = pa * pb + (1 - pa) * (1 - pb)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    return {"articles": n, "both_no_event": both_quiet, "both_events": both_busy,
            "no_event_only_original": only_a, "no_event_only_recoded": only_b,
            "agreement": round(observed, 3), "kappa": round(kappa, 3)}


def _direction(gold: Sequence[Article], system: Sequence[Article]) -> dict[str, Any]:
    result = score(gold, as_system_rows(system))
    rep = dict(result.report)
    same, pairs = type_agreement(gold, system)
    rep["field_accuracy"] = {"event_type": round(same / pairs, 3) if pairs else 0.0,
                             "type_blind_pairs": pairs, **rep["field_accuracy"]}
    rep["errors"] = [e.to_list() for e in result.errors]
    return rep


def lenient_actor_agreement(gold: Sequence[Article], system: Sequence[Article]) -> dict[str, float]:
    """Actor agreement on the scorer's pairs when ANY Arabic form / English name of one side may match."""
    hits = {"actor1": 0, "actor2": 0}
    pairs = 0
    for g_art, s_art in zip(gold, system, strict=True):
        g_ev, s_ev = g_art.get("events") or [], s_art.get("events") or []
        s_sys = as_system_rows([s_art])[s_art["id"]]["events"]
        for i, j, _ in match_events(s_sys, g_ev):
            pairs += 1
            for role in hits:
                s_act, g_act = s_ev[i].get(role), g_ev[j].get(role)
                if g_act is None or s_act is None:
                    hits[role] += g_act is None and s_act is None
                    continue
                forms = [{"text": t, "name": ""} for t in s_act.get("ar") or []]
                forms += [{"text": "", "name": e} for e in s_act.get("en") or []]
                hits[role] += any(actor_agrees(f, g_act) for f in forms)
    return {k: round(v / pairs, 3) if pairs else 0.0 for k, v in hits.items()}


def agreement_report(originals: Mapping[str, Article], recoded: Sequence[Article]) -> dict[str, Any]:
    orig, rec, problems = join(originals, recoded)
    forward = _direction(orig, rec)  # original = gold, re-coding = system
    reverse = _direction(rec, orig)  # re-coding = gold, original = system
    keys = ("f1", "precision", "recall", "core_f1", "strict_f1")
    symmetric: dict[str, Any] = {k: round((forward[k] + reverse[k]) / 2, 3) for k in keys}
    symmetric["field_accuracy"] = {
        k: round((forward["field_accuracy"].get(k, 0.0) + reverse["field_accuracy"].get(k, 0.0)) / 2, 3)
        for k in FIELD_ORDER
    }
    symmetric["actor_any_form"] = {
        k: round((a + b) / 2, 3)
        for (k, a), b in zip(lenient_actor_agreement(orig, rec).items(),
                             lenient_actor_agreement(rec, orig).values(), strict=True)
    }
    return {
        "articles": len(orig), "join_problems": problems,
        "original_events": sum(len(a.get("events") or []) for a in orig),
        "recoded_events": sum(len(a.get("events") or []) for a in rec),
        "symmetric": symmetric,
        "no_event": no_event_agreement(orig, rec),
        "original_as_gold": forward,
        "recoded_as_gold": reverse,
    }


def print_report(rep: Mapping[str, Any]) -> None:
    print(f"articles {rep['articles']}  original events {rep['original_events']}  "
          f"re-coded events {rep['recoded_events']}")
    for name in ("original_as_gold", "recoded_as_gold"):
        d = rep[name]
        print(f"[{name}] matched {d['matched']}  P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}  "
              f"core F1 {d['core_f1']:.3f}  strict F1 {d['strict_f1']:.3f}")
        fa = d["field_accuracy"]
        print("   fields: " + "  ".join(f"{k} {fa[k]:.3f}" for k in FIELD_ORDER if k in fa))
    s = rep["symmetric"]
    print(f"[symmetric] F1 {s['f1']:.3f}  P {s['precision']:.3f}  R {s['recall']:.3f}  core F1 {s['core_f1']:.3f}  "
          f"strict F1 {s['strict_f1']:.3f}")
    print("   fields: " + "  ".join(f"{k} {v:.3f}" for k, v in s["field_accuracy"].items()))
    print("   actors (any form): " + "  ".join(f"{k} {v:.3f}" for k, v in s["actor_any_form"].items()))
    q = rep["no_event"]
    print(f"no-event: both empty {q['both_no_event']}  both coded {q['both_events']}  "
          f"empty only in original {q['no_event_only_original']}  empty only in re-coding "
          f"{q['no_event_only_recoded']}  agreement {q['agreement']:.3f}  kappa {q['kappa']:.3f}")
    for p in rep["join_problems"]:
        print(f"join problem: {p}", file=sys.stderr)


# ----------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("sample", help="write a stratified sample of article ids")
    sp.add_argument("--n", type=int, default=40)
    sp.add_argument("--seed", type=int, default=7)
    sp.add_argument("--out", type=Path, default=AGREEMENT_DIR / "sample_ids.txt")
    sp.add_argument("--events-dir", type=Path, default=EVENTS_DIR)
    sc = sub.add_parser("score", help="score a re-coding against the original coding")
    sc.add_argument("--recoded", type=Path, default=AGREEMENT_DIR / "recoded.jsonl")
    sc.add_argument("--json", type=Path, default=AGREEMENT_DIR / "report.json")
    sc.add_argument("--events-dir", type=Path, default=EVENTS_DIR)
    args = ap.parse_args(argv)
    corpus = load_corpus(args.events_dir)
    if args.cmd == "sample":
        ids = sample_ids(corpus, args.n, args.seed)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("".join(f"{i}\n" for i in ids), encoding="utf-8")
        print(f"{len(ids)} ids -> {args.out}")
        return 0
    originals = {a["id"]: a for arts in corpus.values() for a in arts}
    rep = agreement_report(originals, read_jsonl(args.recoded))
    print_report(rep)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rep, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if rep["join_problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
