"""Benchmarks (`rasd bench`): floor, extract on 1 process (with a per-stage breakdown), --jobs 2 and
Spark local[1]/local[2] on one corpus.

The corpus is generated (synthetic Arabic news built from sentence templates with
real place and actor names, ~1,500 characters an article) or, with ``--texts``, real
text: the ``text`` field of any JSON Lines files (e.g. ``data/corpus/events/*.jsonl``),
each cut to at most ``--max-chars`` characters at a line or sentence end and repeated
up to ``--articles``. The floor is the bare read + NFKC + regex-tokenise pass over the
same file (issue #12's yardstick). Each stage runs in a fresh child process so its
peak RSS (the child and all its descendants — pool workers, the JVM and Spark's Python
workers — sampled every 50 ms) is its own. Every stage also hashes its output so the
run checks that all ways of running the pipeline give the same rows.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from rasd.errors import InputError
from rasd.model import Article

__all__ = ["PIPELINE_STAGES", "STAGES", "bench_command", "make_corpus", "real_corpus", "run_stage"]

STAGES = ("floor", "extract", "breakdown", "jobs2", "spark1", "spark2")
LABELS = {
    "floor": "floor (read+NFKC+regex tokenise)",
    "extract": "rasd extract, 1 process",
    "breakdown": "rasd extract, timed per stage",
    "jobs2": "rasd extract --jobs 2",
    "spark1": "rasd spark extract, local[1]",
    "spark2": "rasd spark extract, local[2]",
}
# The pipeline's stages as the breakdown reports them (see _stage_timers).
PIPELINE_STAGES = ("read", "clean", "analyse", "geocode", "frames", "events", "learned layer", "merge", "output")
# Issue #12's targets, on ~1,000-character real news, one process.
TARGET_RATE = 400.0
TARGET_X_FLOOR = 30.0
TARGET_RSS_MB = 300.0
TARGET_JOBS2 = 1.7
_FLOOR_TOKEN = re.compile(r"\w+")
SPARK_PARTITIONS = 8  # the same split for local[1] and local[2], so only the cores differ
SAMPLE_S = 0.05

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


def make_corpus(n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` synthetic articles (CONTRACT input objects), reproducible from ``seed``."""
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


def _cut(text: str, max_chars: int) -> str:
    """``text`` cut to at most ``max_chars`` characters at the last line end (or else sentence end) before."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    cut = head.rfind("\n")
    if cut < max_chars // 2:
        cut = max(head.rfind("."), head.rfind("؟"), head.rfind("!")) + 1
    if cut < max_chars // 3:
        cut = max_chars
    return head[:cut].rstrip()


def real_corpus(patterns: Iterable[str], n: int, *, max_chars: int = 1000) -> list[dict[str, Any]]:
    """``n`` articles from the ``text`` (and ``id``/``pub_date``) of the JSONL files matching ``patterns``
    (paths or globs), each cut to ``max_chars``, cycled in file order when there are fewer than ``n``."""
    rows: list[dict[str, Any]] = []
    paths = [Path(p) for pat in patterns for p in (sorted(glob.glob(pat)) or [pat])]
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise click.BadParameter(f"cannot read {path}: {exc}", param_hint="--texts") from exc
        for line in lines:
            if not line.strip():
                continue
            obj = json.loads(line)
            if isinstance(obj, dict) and isinstance(obj.get("text"), str) and obj["text"].strip():
                rows.append({"id": str(obj.get("id", len(rows))), "text": _cut(obj["text"], max_chars),
                             "pub_date": obj.get("pub_date") if isinstance(obj.get("pub_date"), str) else None})
    if not rows:
        raise click.BadParameter("no JSON object with a text field in " + ", ".join(map(str, paths)),
                                 param_hint="--texts")
    return [{**rows[i % len(rows)], "id": f"{rows[i % len(rows)]['id']}#{i}"} for i in range(n)]


def _digest_rows(rows: Iterable[dict[str, Any]]) -> tuple[str, int, int]:
    h = hashlib.sha256()
    n = n_events = 0
    for row in rows:
        h.update((json.dumps(row, ensure_ascii=False) + "\n").encode())
        n += 1
        n_events += len(row["events"])
    return h.hexdigest()[:16], n, n_events


def read_corpus(corpus: Path) -> Iterator[Article]:
    """The corpus's articles, streamed (``read_articles`` refuses files over 50 MB; a corpus can be larger)."""
    from rasd.read.jsonl import read_jsonl_lines

    def fail(err: InputError) -> None:
        raise err

    with corpus.open(encoding="utf-8") as fh:
        yield from read_jsonl_lines(fh, name=corpus.name, on_error=fail)


def run_stage(stage: str, corpus: Path, workdir: Path) -> dict[str, Any]:
    """Run one stage in THIS process; returns its timings, counts and output digest."""

    result: dict[str, Any] = {"stage": stage}
    if stage == "floor":
        t0 = time.perf_counter()
        n = 0
        with corpus.open(encoding="utf-8") as fh:
            for line in fh:
                if _FLOOR_TOKEN.findall(unicodedata.normalize("NFKC", json.loads(line)["text"])) is not None:
                    n += 1
        result.update(seconds=time.perf_counter() - t0, articles=n)
    elif stage == "breakdown":
        from rasd.parallel import extract_row
        from rasd.pipeline import load_pipeline

        pipeline = load_pipeline()
        pipeline.resources.warm()
        with _stage_timers() as acc:
            t0 = time.perf_counter()
            digest, n, n_events = _digest_rows(extract_row(pipeline, art) for art in _timed(read_corpus(corpus), acc))
            seconds = time.perf_counter() - t0
        result.update(seconds=seconds, articles=n, events=n_events, digest=digest, stages=_stage_seconds(acc, seconds))
    elif stage == "extract":
        from rasd.parallel import extract_rows
        from rasd.pipeline import load_pipeline

        t0 = time.perf_counter()
        pipeline = load_pipeline()
        pipeline.resources.warm()
        t1 = time.perf_counter()
        digest, n, n_events = _digest_rows(extract_rows(read_corpus(corpus), jobs=1, pipeline=pipeline))
        result.update(seconds=time.perf_counter() - t1, startup_seconds=t1 - t0, articles=n, events=n_events,
                      digest=digest)
    elif stage == "jobs2":
        from rasd.parallel import extract_rows

        t0 = time.perf_counter()  # the two workers load their resources at the same time, inside this
        digest, n, n_events = _digest_rows(extract_rows(read_corpus(corpus), jobs=2))
        result.update(seconds=time.perf_counter() - t0, articles=n, events=n_events, digest=digest)
    elif stage in ("spark1", "spark2"):
        from rasd.spark import spark_extract, spark_session

        t0 = time.perf_counter()
        spark = spark_session(f"local[{stage[-1]}]", app_name="rasd-bench")
        start_s = time.perf_counter() - t0
        try:
            out = workdir / f"out-{stage}"
            run = spark_extract(str(corpus), str(out), spark=spark, partitions=SPARK_PARTITIONS)
        finally:
            spark.stop()
        parts = sorted(out.glob("part-*"))
        digest, n, n_events = _digest_rows(json.loads(line) for p in parts for line in p.open(encoding="utf-8"))
        result.update(seconds=run.seconds, startup_seconds=start_s, articles=n, events=n_events, digest=digest)
    else:
        raise ValueError(f"unknown stage {stage!r}")
    result["self_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _timed(items: Iterable[Article], acc: dict[str, float]) -> Iterator[Article]:
    """``items``, adding the time spent producing each to ``acc["read"]``."""
    it = iter(items)
    while True:
        t = time.perf_counter()
        try:
            item = next(it)
        except StopIteration:
            acc["read"] = acc.get("read", 0.0) + time.perf_counter() - t
            return
        acc["read"] = acc.get("read", 0.0) + time.perf_counter() - t
        yield item


@contextmanager
def _stage_timers() -> Iterator[dict[str, float]]:
    """Time the pipeline's parts while the block runs (this process only; restored on exit).

    Wraps the functions the pipeline calls for each stage; yields ``{part: seconds}`` with the
    parts ``clean``, ``analyse*`` (all of analyse), ``geo.find``, ``geo.resolve``, ``frames``,
    ``build*`` (all of build_events), ``learned layer`` and ``merge``."""
    import rasd.analyse
    import rasd.engine.build
    import rasd.pipeline
    from rasd.decide.model import Decider
    from rasd.geo.geocode import Geocoder

    acc: dict[str, float] = {}
    targets: list[tuple[Any, str, str]] = [
        (rasd.analyse, "clean", "clean"), (rasd.pipeline, "analyse", "analyse*"), (Geocoder, "find", "geo.find"),
        (Geocoder, "resolve", "geo.resolve"), (rasd.pipeline, "build_events", "build*"),
        (rasd.engine.build, "find_frames", "frames"), (Decider, "decide", "learned layer"),
        (rasd.pipeline, "merge_events", "merge"),
    ]
    saved = [(owner, name, owner.__dict__[name]) for owner, name, _ in targets]

    def timed(fn: Callable[..., Any], part: str) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                acc[part] = acc.get(part, 0.0) + time.perf_counter() - t
        return wrapper

    try:
        for owner, name, part in targets:
            setattr(owner, name, timed(getattr(owner, name), part))
        yield acc
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def _stage_seconds(acc: dict[str, float], total: float) -> dict[str, float]:
    """Seconds per pipeline stage (PIPELINE_STAGES) from the parts :func:`_stage_timers` measured."""
    get = acc.get
    stages = {
        "read": get("read", 0.0),
        "clean": get("clean", 0.0),
        "analyse": get("analyse*", 0.0) - get("clean", 0.0) - get("geo.find", 0.0),
        "geocode": get("geo.find", 0.0) + get("geo.resolve", 0.0),
        "frames": get("frames", 0.0),
        "events": get("build*", 0.0) - get("frames", 0.0) - get("geo.resolve", 0.0),
        "learned layer": get("learned layer", 0.0),
        "merge": get("merge", 0.0),
    }
    stages["output"] = total - sum(stages.values())  # rows to dicts, JSON, hashing
    return stages


def _sample_tree(proc: Any, cpu_by_pid: dict[int, float]) -> float:
    """RSS (MB) of ``proc`` and all its descendants now; records each one's CPU seconds so far."""
    import psutil

    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            with p.oneshot():
                total += p.memory_info().rss
                t = p.cpu_times()
                cpu_by_pid[p.pid] = max(cpu_by_pid.get(p.pid, 0.0), t.user + t.system)
        except psutil.Error:
            continue
    return total / 2**20


def _run_child(stage: str, corpus: Path, workdir: Path) -> dict[str, Any]:
    """Run a stage in a child process, sampling RSS and CPU time of its whole process tree."""
    cmd = [sys.executable, "-m", "rasd.bench", "--child-stage", stage, str(corpus), str(workdir)]
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]
    cpu_by_pid: dict[int, float] = {}
    try:
        import psutil

        proc = psutil.Process(child.pid)

        def sample() -> None:
            while child.poll() is None:
                try:
                    peak[0] = max(peak[0], _sample_tree(proc, cpu_by_pid))
                except psutil.Error:
                    break
                time.sleep(SAMPLE_S)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    except ImportError:
        sampler = None
    out, err = child.communicate()
    if sampler is not None:
        sampler.join()
    if child.returncode != 0:
        tail = "\n".join(err.strip().splitlines()[-5:])
        raise click.ClickException(f"stage {stage} failed (exit {child.returncode}):\n{tail}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"] = peak[0] if sampler is not None else None
    result["tree_cpu_seconds"] = sum(cpu_by_pid.values()) if sampler is not None else None
    return result


def _end_to_end_rate(r: dict[str, Any]) -> float:
    """Articles/s counting the stage's start-up (resource load or Spark session) too."""
    return r["articles"] / (r["seconds"] + (r.get("startup_seconds") or 0.0))


def _line(r: dict[str, Any], ref: dict[str, Any] | None) -> str:
    rate = r["articles"] / r["seconds"] if r["seconds"] else float("inf")
    rss = f"{r['peak_rss_mb']:7.0f} MB" if r.get("peak_rss_mb") else f"{r['self_peak_rss_mb']:7.0f} MB*"
    if ref and r["stage"] == "jobs2":  # the pool's time includes its workers' resource loads
        extra = f"  x{rate / _end_to_end_rate(ref):.2f} (extract with its load)"
    else:
        extra = f"  x{rate / (ref['articles'] / ref['seconds']):.2f}" if ref else ""
    if r.get("tree_cpu_seconds"):
        extra += f"  [{r['tree_cpu_seconds']:.1f} CPU s, all processes]"
    if "startup_seconds" in r:
        what = "resource load" if r["stage"] == "extract" else "session start"
        extra += f"  (+{r['startup_seconds']:.1f} s {what})"
    return f"{LABELS[r['stage']]:<32} {rate:8.1f} articles/s {r['seconds']:7.1f} s  peak RSS {rss}{extra}"


def _breakdown_lines(r: dict[str, Any], floor: dict[str, Any] | None) -> list[str]:
    n = r["articles"] or 1
    floor_ms = floor["seconds"] / floor["articles"] * 1000 if floor and floor["articles"] else None
    head = "  per stage, ms/article" + (f" (floor {floor_ms:.3f} ms/article = x1)" if floor_ms else "")
    out = [head]
    for name in PIPELINE_STAGES:
        ms = r["stages"][name] / n * 1000
        share = r["stages"][name] / r["seconds"] * 100 if r["seconds"] else 0.0
        xf = f"  x{ms / floor_ms:6.1f} floor" if floor_ms else ""
        out.append(f"    {name:<14} {ms:7.3f} ms {share:5.1f} %{xf}")
    return out


@click.command("bench", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--articles", type=click.IntRange(10, 10_000_000), default=20_000, show_default=True,
              help="Size of the corpus (generated, or real texts repeated).")
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--texts", multiple=True, metavar="FILE.jsonl",
              help="Benchmark on real text: the text fields of these JSONL files (paths or quoted globs, "
                   "repeatable), each cut to --max-chars, instead of the generated corpus.")
@click.option("--max-chars", type=click.IntRange(100, 1_000_000), default=1000, show_default=True,
              help="With --texts: cut each text to at most this many characters.")
@click.option("--stages", default=",".join(STAGES), show_default=True,
              help="Comma-separated subset of: " + ", ".join(STAGES) + ".")
@click.option("--keep", type=click.Path(dir_okay=False, path_type=Path), help="Also write the corpus here.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the figures as JSON here.")
def bench_command(articles: int, seed: int, texts: tuple[str, ...], max_chars: int, stages: str, keep: Path | None,
                  json_path: Path | None) -> None:
    """Print articles/s and peak RSS for each way of running the pipeline, on one corpus, beside the floor
    (bare read + NFKC + regex tokenise of the same file); the breakdown stage times each pipeline stage.

    Stages run one after another in fresh processes; Spark stages need pip install 'rasd[spark]'.
    Peak RSS is of the whole process tree (needs psutil; else the stage's own process, marked *).
    Run it twice and compare ratios: other work on the machine slows every stage.

    Examples: rasd bench --articles 20000 --stages floor,extract,jobs2;
    rasd bench --articles 3000 --texts 'data/corpus/events/*.jsonl' --stages floor,extract,breakdown,jobs2
    """
    wanted = [s.strip() for s in stages.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in STAGES]
    if unknown:
        raise click.BadParameter(f"unknown stage(s) {', '.join(unknown)}", param_hint="--stages")
    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        workdir = Path(tmp)
        corpus = keep or workdir / "corpus.jsonl"
        rows = real_corpus(texts, articles, max_chars=max_chars) if texts else make_corpus(articles, seed)
        with corpus.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        chars = sum(len(r["text"]) for r in rows) / len(rows)
        kind = f"real texts of {', '.join(texts)} (<= {max_chars} characters)" if texts else "generated"
        click.echo(f"corpus: {len(rows)} articles, {chars:.0f} characters on average, {kind}")
        results: dict[str, dict[str, Any]] = {}
        for stage in wanted:
            if stage.startswith("spark") and not _has_pyspark():
                click.echo(f"{LABELS[stage]:<34} skipped: pip install 'rasd[spark]'")
                continue
            r = results[stage] = _run_child(stage, corpus, workdir)
            ref = results.get({"jobs2": "extract", "spark2": "spark1"}.get(stage, ""))
            click.echo(_line(r, ref))
            if stage == "breakdown":
                for line in _breakdown_lines(r, results.get("floor")):
                    click.echo(line)
        click.echo(f"load average during the run: {os.getloadavg()[0]:.2f} (other work on the machine slows stages)")
    _verdict(results)
    if json_path is not None:
        json_path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


def _has_pyspark() -> bool:
    import importlib.util

    return importlib.util.find_spec("pyspark") is not None


def _verdict(results: dict[str, dict[str, Any]]) -> None:
    digests = {r["digest"] for r in results.values() if "digest" in r}
    if len(digests) > 1:
        click.echo("outputs DIFFER between stages: " + ", ".join(f"{k}={r.get('digest')}"
                                                                for k, r in results.items()))
    elif digests:
        click.echo(f"outputs identical across {sum('digest' in r for r in results.values())} stages")

    def rate(name: str) -> float:
        r = results[name]
        return r["articles"] / r["seconds"]

    if "extract" in results:
        click.echo(f"target extract >= {TARGET_RATE:.0f} articles/s (one process, ~1,000-character real news): "
                   f"{rate('extract'):.1f}")
        if "floor" in results:
            click.echo(f"target extract <= {TARGET_X_FLOOR:.0f}x the floor: {rate('floor') / rate('extract'):.1f}x")
        rss = results["extract"].get("peak_rss_mb")
        if rss:
            click.echo(f"target peak RSS <= {TARGET_RSS_MB:.0f} MB: {rss:.0f} MB")
    if "extract" in results and "jobs2" in results:
        click.echo(f"target --jobs 2 >= {TARGET_JOBS2}x one process: "
                   f"{rate('jobs2') / _end_to_end_rate(results['extract']):.2f}x (both with their resource loads)")
    if "spark1" in results and "spark2" in results:
        click.echo(f"target Spark local[2] >= 1.6x local[1]: {rate('spark2') / rate('spark1'):.2f}x")


def _child_main(argv: list[str]) -> int:
    stage, corpus, workdir = argv
    print(json.dumps(run_stage(stage, Path(corpus), Path(workdir))))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child-stage":
        sys.exit(_child_main(sys.argv[2:]))
    bench_command()
