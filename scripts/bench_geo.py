#!/usr/bin/env python3
"""Benchmark the geocoder: gazetteer load time and memory, find+resolve per article, geocode calls per second.

Usage: python scripts/bench_geo.py [--gold ../shared/eval/dev.jsonl] [--repeat 5]
Uses the dev articles when present, otherwise a built-in news-style paragraph.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ("قصفت طائرات مجهولة فجر اليوم مواقع في قرية مراط بريف دير الزور الشرقي، فيما دارت اشتباكات في محيط "
          "مدينة البوكمال. وفي العراق سقطت صواريخ على قاعدة عين الأسد في محافظة الأنبار، بينما شنت طائرات "
          "مسيرة غارات على بلدة ميس الجبل جنوبي لبنان. ") * 5


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "eval" / "dev.jsonl")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    base = rss_mb()
    t0 = time.perf_counter()
    from rasd.geo import load_geocoder
    from rasd.text.normalise import normalise

    geo = load_geocoder()
    load_s = time.perf_counter() - t0
    after = rss_mb()
    texts = ([json.loads(x)["text"] for x in a.gold.read_text(encoding="utf-8").splitlines() if x.strip()]
             if a.gold.exists() else [SAMPLE])
    chars = sum(len(t) for t in texts)
    norm = [normalise(t) for t in texts]
    t0 = time.perf_counter()
    n_mentions = 0
    for _ in range(a.repeat):
        for nt, t in zip(norm, texts, strict=True):
            mentions = geo.find(nt, text=t)
            geo.resolve(mentions)
            n_mentions += len(mentions)
    art_s = (time.perf_counter() - t0) / (a.repeat * len(texts))
    names = ["ريف البوكمال", "قرية مراط بريف دير الزور", "محافظة الأنبار", "كفركلا", "قاعدة عين الأسد", "مدينة الرقة"]
    t0 = time.perf_counter()
    calls = 0
    while time.perf_counter() - t0 < 1.0:
        for n in names:
            geo.geocode(n)
            calls += 1
    calls_s = calls / (time.perf_counter() - t0)
    print(json.dumps({
        "gazetteer_rows": len(geo.gazetteer), "gazetteer_version": geo.gazetteer.version,
        "load_seconds": round(load_s, 3), "rss_mb_before": round(base, 1), "rss_mb_after_load": round(after, 1),
        "articles": len(texts), "mean_article_chars": round(chars / len(texts)),
        "find_resolve_ms_per_article": round(1000 * art_s, 3),
        "articles_per_second": round(1 / art_s, 1),
        "mentions_per_article": round(n_mentions / a.repeat / len(texts), 1),
        "geocode_calls_per_second": round(calls_s),
    }, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
