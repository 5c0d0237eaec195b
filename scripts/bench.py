#!/usr/bin/env python3
"""Throughput and memory of `rasd extract` beside the bare read+normalise+tokenise floor.

Generates a corpus of synthetic Arabic news articles (~1,500 characters each, built from
sentence templates with real place and actor names), then, in one process:
  1. floor: read JSONL + normalise + tokenise every article;
  2. extract: the full pipeline (resources loaded once, load time reported apart).
Prints articles/second and peak RSS after each stage.

usage: python scripts/bench.py [--articles 5000] [--seed 7] [--keep corpus.jsonl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from rasd.pipeline import load_pipeline
from rasd.read import read_articles
from rasd.text.normalise import normalise
from rasd.text.tokenise import tokenise

PLACES = ["مراط", "الشحيل", "ذيبان", "البوكمال", "الميادين", "هجين", "جرابلس", "منبج", "الباب", "عفرين",
          "سراقب", "معرة النعمان", "طفس", "نوى", "الصنمين", "تدمر", "السخنة", "القائم", "الرمادي", "الفلوجة",
          "كركوك", "تلعفر", "سنجار", "الفاشر", "نيالا", "مأرب", "صعدة", "الحديدة", "سرت", "درنة"]
ACTORS = ["قوات النظام", "قوات سوريا الديمقراطية", "الجيش الوطني السوري", "هيئة تحرير الشام", "تنظيم داعش",
          "التحالف الدولي", "القوات التركية", "الحشد الشعبي", "قوات الدعم السريع", "جماعة الحوثي",
          "مسلحون مجهولون", "الجيش الإسرائيلي"]
DAYS = ["أمس", "اليوم", "فجر الأحد", "مساء الإثنين", "الثلاثاء الماضي", "صباح الأربعاء", "ليلة الخميس"]
TEMPLATES = [
    "قصفت طائرات حربية تابعة لـ{a1}، {d}، مواقع لـ{a2} في بلدة {p1} بريف {p2}، ما أسفر عن مقتل {n} عناصر.",
    "اندلعت اشتباكات عنيفة {d} بين {a1} و{a2} في محيط مدينة {p1}، وأسفرت عن مقتل {n} أشخاص وإصابة آخرين.",
    "انفجرت عبوة ناسفة {d} بسيارة عسكرية تابعة لـ{a1} على الطريق الواصل بين {p1} و{p2}.",
    "اعتقلت {a1} {d} {n} شبان خلال حملة دهم في قرية {p1}، بحسب مصادر محلية.",
    "وقال المرصد السوري لحقوق الإنسان إن {a1} استقدمت تعزيزات عسكرية إلى {p1} {d}.",
    "وأطلق مسلحون مجهولون النار {d} على مدني في بلدة {p1}، ما أدى إلى مقتله على الفور.",
    "وأعلنت وزارة الدفاع أن قواتها تعرضت لـ{n} هجمات خلال الأسبوع الماضي.",
    "وحذر مسؤولون من تصعيد جديد في {p1} خلال الأيام المقبلة.",
    "وتشهد المنطقة توتراً متصاعداً منذ أشهر بسبب الخلافات على تقاسم النفوذ بين الأطراف المحلية.",
]


def make_corpus(n: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    base = dt.date(2024, 1, 1)
    out = []
    for i in range(n):
        parts: list[str] = [f"تطورات ميدانية في {rng.choice(PLACES)}", ""]
        while sum(len(p) for p in parts) < 1450:
            t = rng.choice(TEMPLATES)
            parts.append(t.format(a1=rng.choice(ACTORS), a2=rng.choice(ACTORS), p1=rng.choice(PLACES),
                                  p2=rng.choice(PLACES), d=rng.choice(DAYS), n=rng.randint(2, 9)))
        parts += ["", "اقرأ أيضاً: تقرير عن الأوضاع الإنسانية", "شارك هذا الخبر", "رصد نيوز"]
        out.append({"id": f"bench-{i}", "text": "\n".join(parts),
                    "pub_date": (base + dt.timedelta(days=i % 365)).isoformat()})
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="also write the generated corpus here")
    a = ap.parse_args(argv)
    corpus = make_corpus(a.articles, a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(a.keep or Path(tmp) / "corpus.jsonl")
        with path.open("w", encoding="utf-8") as fh:
            for row in corpus:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        chars = sum(len(str(r["text"])) for r in corpus) / len(corpus)
        print(f"corpus: {len(corpus)} articles, {chars:.0f} characters on average")

        t0 = time.perf_counter()
        n_tok = 0
        for art in read_articles([str(path)]):
            n_tok += len(tokenise(normalise(art.text)))
        floor_s = time.perf_counter() - t0
        print(f"floor   (read+normalise+tokenise): {len(corpus) / floor_s:8.1f} articles/s  "
              f"peak RSS {peak_rss_mb():6.1f} MB")

        t0 = time.perf_counter()
        pipeline = load_pipeline()
        pipeline.resources.warm()
        load_s = time.perf_counter() - t0
        print(f"resources loaded in {load_s:.2f} s, peak RSS {peak_rss_mb():6.1f} MB")
        t0 = time.perf_counter()
        n_events = 0
        for art in read_articles([str(path)]):
            n_events += len(pipeline.extract_article(art))
        run_s = time.perf_counter() - t0
        print(f"extract (full pipeline, 1 process): {len(corpus) / run_s:8.1f} articles/s  "
              f"peak RSS {peak_rss_mb():6.1f} MB  ({n_events} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
