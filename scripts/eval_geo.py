#!/usr/bin/env python3
"""Measure the geocoder on the dev set: coverage and accuracy of gold place mentions (25 km).

Usage: python scripts/eval_geo.py [--gold ../shared/eval/dev.jsonl] [--show] [--matches]

For every distinct gold ``location.text`` of an article, the article text is geocoded
(``find`` + ``resolve``); the gold mention is *covered* when a found mention overlaps an
occurrence of the gold text, and *correct* when that mention's location lies within 25 km of
the gold coordinates. ``--matches`` lists every mention ``find`` returns (to review false positives).
Skips cleanly (exit 0) when the dev set is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasd.geo import load_geocoder  # noqa: E402
from rasd.text.normalise import normalise, normalise_key  # noqa: E402

LIMIT_KM = 25.0


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def occurrences(ntext, surface: str) -> list[tuple[int, int]]:
    key = normalise_key(surface)
    out, i = [], ntext.text.find(key)
    while key and i >= 0:
        out.append(ntext.raw_span(i, i + len(key)))
        i = ntext.text.find(key, i + 1)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "eval" / "dev.jsonl")
    ap.add_argument("--show", action="store_true", help="print every gold mention and its result")
    ap.add_argument("--matches", action="store_true", help="print every mention find() returns")
    a = ap.parse_args(argv)
    if not a.gold.exists():
        print(f"skipped: {a.gold} not found")
        return 0
    arts = [json.loads(line) for line in a.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    geo = load_geocoder()
    n = in_text = covered = correct = 0
    n_mentions = n_resolved = 0
    elapsed = 0.0
    for art in arts:
        text = art["text"]
        t0 = time.perf_counter()
        nt = normalise(text)
        mentions = geo.find(nt, text=text)
        locs = geo.resolve(mentions)
        elapsed += time.perf_counter() - t0
        n_mentions += len(mentions)
        n_resolved += sum(loc is not None for loc in locs)
        if a.matches:
            for m, loc in zip(mentions, locs, strict=False):
                where = f"{loc.name} ({loc.country}, p{loc.geo_precision})" if loc else "None"
                print(f"{art['id']}\t{m.text}\t{m.level}\t{where}")
        seen = set()
        for ev in art.get("events") or []:
            g = ev.get("location")
            if not g or g.get("lat") is None or g["text"] in seen:
                continue
            seen.add(g["text"])
            n += 1
            occ = occurrences(nt, g["text"])
            in_text += bool(occ)
            hit = None
            for s, e in occ:
                over = [(m, loc) for m, loc in zip(mentions, locs, strict=True)
                        if m.start < e and s < m.end and loc is not None]
                if over:
                    hit = min(over, key=lambda ml: (ml[1].geo_precision, -(ml[0].end - ml[0].start)))
                    break
            ok = False
            if hit is not None:
                covered += 1
                d = km((hit[1].lat, hit[1].lon), (g["lat"], g["lon"]))
                ok = d <= LIMIT_KM
                correct += ok
            if a.show:
                res = f"{hit[1].name} {hit[1].country} p{hit[1].geo_precision} {d:.0f} km" if hit else "-"
                print(f"{'OK ' if ok else 'BAD' if hit else 'MISS'}\t{art['id']}\t{g['text']}\t{g.get('name')}\t{res}")
    print(json.dumps({
        "gold_place_mentions": n, "gold_text_in_article": in_text, "covered": covered, "correct_25km": correct,
        "coverage": round(covered / n, 3) if n else 0.0,
        "accuracy_of_covered": round(correct / covered, 3) if covered else 0.0,
        "accuracy_of_all": round(correct / n, 3) if n else 0.0,
        "found_mentions": n_mentions, "resolved_mentions": n_resolved,
        "resolved_share": round(n_resolved / n_mentions, 3) if n_mentions else 0.0,
        "ms_per_article": round(1000 * elapsed / len(arts), 3) if arts else 0.0,
    }, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
