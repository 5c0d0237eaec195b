"""Benchmark the event store: ingest articles/s (SQLite, PostgreSQL) and /api/events latency at scale.

Articles are synthetic (Arabic template sentences over real MENA places, with
events built as the extractor would return them), so the figures measure the
store (dedup checks, inserts, clustering, FTS) rather than extraction. The API
load test is bounded (a fixed number of sequential requests to a server on
127.0.0.1) and stops by itself.

Usage: python scripts/bench_store.py [--events 100000] [--requests 400] [--pg] [--skip-api] [--out bench.json]

Ingest runs with cross-outlet linking on (it always is); ``load_*_full`` lists the rate of each
10 000 articles (wall clock and per CPU second, with the load average), printed as it goes, so its
last segment is the rate at ~100k stored events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from rasd.model import Actor, Article, Event, Location, Span
from rasd.store import EventQuery, open_store

PLACES = [  # name, arabic, lat, lon, admin1, country
    ("Al Mayadin", "الميادين", 35.019, 40.452, "Deir ez-Zor", "SY"), ("Abu Kamal", "البوكمال", 34.453, 40.918,
    "Deir ez-Zor", "SY"), ("Idlib", "إدلب", 35.930, 36.634, "Idlib", "SY"), ("Daraa", "درعا", 32.618, 36.102,
    "Daraa", "SY"), ("Aleppo", "حلب", 36.202, 37.134, "Aleppo", "SY"), ("Mosul", "الموصل", 36.340, 43.130,
    "Nineveh", "IQ"), ("Kirkuk", "كركوك", 35.468, 44.392, "Kirkuk", "IQ"), ("Marib", "مأرب", 15.462, 45.325,
    "Marib", "YE"), ("Sanaa", "صنعاء", 15.354, 44.207, "Amanat al Asimah", "YE"), ("Taiz", "تعز", 13.579,
    44.021, "Taiz", "YE"), ("Khan Yunis", "خان يونس", 31.346, 34.306, "Gaza Strip", "PS"), ("Nabatieh",
    "النبطية", 33.378, 35.484, "Nabatieh", "LB"), ("El Fasher", "الفاشر", 13.628, 25.350, "North Darfur", "SD"),
    ("Nyala", "نيالا", 12.050, 24.881, "South Darfur", "SD"), ("Benghazi", "بنغازي", 32.116, 20.068,
    "Benghazi", "LY"), ("Tripoli", "طرابلس", 32.887, 13.191, "Tripoli", "LY"),
]
TYPES = [("Battles", "Armed clash", "اشتباكات عنيفة"), ("Explosions/Remote violence", "Air/drone strike", "غارة جوية"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", "قصف مدفعي"),
         ("Violence against civilians", "Attack", "هجوم على مدنيين"), ("Protests", "Peaceful protest", "مظاهرة")]
ACTORS = [("Islamic State", "تنظيم الدولة", "rebel_group"), ("Military Forces of Syria", "قوات النظام", "state_forces"),
          ("Rapid Support Forces", "قوات الدعم السريع", "rebel_group"), ("Ansar Allah", "جماعة الحوثي", "rebel_group"),
          ("Unidentified Military Forces", "مسلحون مجهولون", "unidentified")]


def synthetic(n: int, seed: int = 7) -> list[tuple[Article, list[Event]]]:
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    out = []
    for i in range(n):
        name, ar, lat, lon, admin1, cc = rng.choice(PLACES)
        lat += rng.uniform(-0.3, 0.3)
        lon += rng.uniform(-0.3, 0.3)
        etype, sub, phrase = rng.choice(TYPES)
        a_name, a_text, a_type = rng.choice(ACTORS)
        day = start + dt.timedelta(days=rng.randrange(730))
        dead = rng.choice([0, 0, 1, 2, 3, 5, 8, 12])
        text = f"أفادت مصادر محلية بوقوع {phrase} في {ar} نفذها {a_text} وأسفرت عن مقتل {dead} أشخاص (تقرير {i})."
        ev = Event(
            event_type=etype, sub_event_type=sub, date=day, time_precision=1,
            actor1=Actor(name=a_name, text=a_text, type=a_type, country=cc), actor2=None,
            location=Location(name=name, text=ar, lat=lat, lon=lon, admin1=admin1, admin2=None, country=cc,
                              geo_precision=1),
            fatalities=dead, evidence=(Span(0, len(text)),), confidence=0.7,
        )
        out.append((Article(id=f"bench-{i}", text=text, pub_date=day + dt.timedelta(days=1),
                            outlet=f"outlet{rng.randrange(12)}"), [ev]))
    return out


def bench_ingest(target: str, items: list, batch: int = 100, segment: int = 10_000) -> dict:
    """Ingest ``items`` in batches; the overall rate and the rate of each ``segment`` articles
    (the last one is the rate with the store already holding len(items) - segment events).

    Each segment also gives its rate per second of this process's CPU time (``cpu_articles_per_s``:
    what the store costs, less sensitive to other jobs on the machine than the wall-clock rate) and
    the 1-minute load average at its end."""
    segments = []
    with open_store(target) as store:
        t0 = seg0 = time.perf_counter()
        c0 = cseg0 = time.process_time()
        for i in range(0, len(items), batch):
            store.write(items[i : i + batch])
            done = min(i + batch, len(items))
            if done % segment == 0 or done >= len(items):
                now, cnow = time.perf_counter(), time.process_time()
                n = done - (len(segments) * segment)
                segments.append({"stored_before": len(segments) * segment, "articles": n,
                                 "articles_per_s": round(n / (now - seg0), 1),
                                 "cpu_articles_per_s": round(n / max(cnow - cseg0, 1e-9), 1),
                                 "load_1min": round(os.getloadavg()[0], 2)})
                seg0, cseg0 = now, cnow
                print(json.dumps({"progress": segments[-1]}), flush=True)
        secs = time.perf_counter() - t0
        cpu = time.process_time() - c0
        total = store.list_events(EventQuery(limit=1))["total"]
    return {"articles": len(items), "seconds": round(secs, 2), "articles_per_s": round(len(items) / secs, 1),
            "cpu_seconds": round(cpu, 2), "cpu_articles_per_s": round(len(items) / cpu, 1),
            "clusters": total, "segments": segments}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_api(target: str, requests: int) -> dict:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", "from rasd.serve.cli import serve_command; serve_command()",
                               "--db", target, "--port", str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/stats?country=SY", timeout=30).read()
                break
            except OSError:
                time.sleep(0.1)
        queries = ["", "country=SY", "event_type=Battles&sort=-fatalities", "q=غارة", "bbox=40,34,41,36",
                   "date_from=2024-01-01&date_to=2024-01-31", "actor=Islamic", "admin1=Marib&offset=40", "limit=200"]
        lat: dict[str, list[float]] = {q: [] for q in queries}
        for i in range(requests):
            q = queries[i % len(queries)]
            t0 = time.perf_counter()
            with urllib.request.urlopen(f"{base}/api/events?{quote(q, safe='=&,-')}", timeout=60) as resp:
                resp.read()
            lat[q].append((time.perf_counter() - t0) * 1000)
        every = sorted(x for v in lat.values() for x in v)

        def pct(xs: list[float], p: float) -> float:
            return round(xs[min(len(xs) - 1, int(p * len(xs)))], 1)

        return {"requests": requests, "p50_ms": pct(every, 0.50), "p99_ms": pct(every, 0.99),
                "per_query_p50_ms": {q or "(none)": round(statistics.median(v), 1) for q, v in lat.items()}}
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--ingest-sample", type=int, default=5000, help="articles timed for the ingest rate (0: skip)")
    ap.add_argument("--requests", type=int, default=450)
    ap.add_argument("--pg", action="store_true", help="also run against a throwaway PostgreSQL")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--skip-sqlite", action="store_true", help="only PostgreSQL (with --pg)")
    ap.add_argument("--skip-api", action="store_true", help="only time ingest")
    args = ap.parse_args()
    items = synthetic(args.events)
    result: dict = {"events": args.events}
    tmp = tempfile.mkdtemp(prefix="rasd-bench-")
    sample = items[: args.ingest_sample]
    if not args.skip_sqlite:
        if sample:
            result["ingest_sqlite"] = bench_ingest(os.path.join(tmp, "sample.db"), sample)
            print(json.dumps(result), flush=True)
        big = os.path.join(tmp, "big.db")
        result["load_sqlite_full"] = bench_ingest(big, items)
        if not args.skip_api:
            result["api_sqlite"] = bench_api(big, args.requests)
        print(json.dumps(result), flush=True)
    if args.pg:
        from sqlalchemy import create_engine, text

        from rasd.store.engine import resolve_url
        from rasd.store.pgtemp import temporary_postgres

        with temporary_postgres(durable=True) as url:
            eng = create_engine(resolve_url(url), isolation_level="AUTOCOMMIT")
            with eng.connect() as c:
                c.execute(text("CREATE DATABASE bench_sample"))
                c.execute(text("CREATE DATABASE bench_big"))
            eng.dispose()
            base = url.rsplit("/", 1)[0]
            if sample:
                result["ingest_postgresql"] = bench_ingest(base + "/bench_sample", sample)
                print(json.dumps(result), flush=True)
            result["load_postgresql_full"] = bench_ingest(base + "/bench_big", items)
            if not args.skip_api:
                result["api_postgresql"] = bench_api(base + "/bench_big", args.requests)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
