"""Benchmarks (`rasd bench`): floor, extract on 1 process, --jobs 2 and Spark local[1]/local[2] on one corpus.

The corpus is generated (synthetic Arabic news built from sentence templates with
real place and actor names, ~1,500 characters an article). Each stage runs in a
fresh child process so its peak RSS (the child and all its descendants — pool
workers, the JVM and Spark's Python workers — sampled every 50 ms) is its own.
Every stage also hashes its output so the run checks that all ways of running the
pipeline give the same rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from rasd.errors import InputError
from rasd.model import Article

__all__ = ["STAGES", "bench_command", "make_corpus", "run_stage"]

STAGES = ("floor", "extract", "jobs2", "spark1", "spark2")
LABELS = {
    "floor": "floor (read+normalise+tokenise)",
    "extract": "rasd extract, 1 process",
    "jobs2": "rasd extract --jobs 2",
    "spark1": "rasd spark extract, local[1]",
    "spark2": "rasd spark extract, local[2]",
}
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
        from rasd.text.normalise import normalise
        from rasd.text.tokenise import tokenise

        t0 = time.perf_counter()
        n = sum(1 for art in read_corpus(corpus) if tokenise(normalise(art.text)) is not None)
        result.update(seconds=time.perf_counter() - t0, articles=n)
    elif stage in ("extract", "jobs2"):
        from rasd.parallel import extract_rows

        t0 = time.perf_counter()
        digest, n, n_events = _digest_rows(extract_rows(read_corpus(corpus),
                                                        jobs=1 if stage == "extract" else 2))
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


def _line(r: dict[str, Any], ref: dict[str, Any] | None) -> str:
    rate = r["articles"] / r["seconds"] if r["seconds"] else float("inf")
    rss = f"{r['peak_rss_mb']:7.0f} MB" if r.get("peak_rss_mb") else f"{r['self_peak_rss_mb']:7.0f} MB*"
    extra = f"  x{rate / (ref['articles'] / ref['seconds']):.2f}" if ref else ""
    if r.get("tree_cpu_seconds"):
        extra += f"  [{r['tree_cpu_seconds']:.1f} CPU s, all processes]"
    if "startup_seconds" in r:
        extra += f"  (+{r['startup_seconds']:.1f} s session start)"
    return f"{LABELS[r['stage']]:<30} {rate:8.1f} articles/s {r['seconds']:7.1f} s  peak RSS {rss}{extra}"


@click.command("bench", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--articles", type=click.IntRange(10, 10_000_000), default=20_000, show_default=True,
              help="Size of the generated corpus.")
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--stages", default=",".join(STAGES), show_default=True,
              help="Comma-separated subset of: " + ", ".join(STAGES) + ".")
@click.option("--keep", type=click.Path(dir_okay=False, path_type=Path), help="Also write the corpus here.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the figures as JSON here.")
def bench_command(articles: int, seed: int, stages: str, keep: Path | None, json_path: Path | None) -> None:
    """Print articles/s and peak RSS for each way of running the pipeline, on one generated corpus.

    Stages run one after another in fresh processes; Spark stages need pip install 'rasd[spark]'.
    Peak RSS is of the whole process tree (needs psutil; else the stage's own process, marked *).

    Example: rasd bench --articles 20000 --stages extract,jobs2
    """
    wanted = [s.strip() for s in stages.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in STAGES]
    if unknown:
        raise click.BadParameter(f"unknown stage(s) {', '.join(unknown)}", param_hint="--stages")
    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        workdir = Path(tmp)
        corpus = keep or workdir / "corpus.jsonl"
        rows = make_corpus(articles, seed)
        with corpus.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        chars = sum(len(r["text"]) for r in rows) / len(rows)
        click.echo(f"corpus: {len(rows)} articles, {chars:.0f} characters on average")
        results: dict[str, dict[str, Any]] = {}
        for stage in wanted:
            if stage.startswith("spark") and not _has_pyspark():
                click.echo(f"{LABELS[stage]:<34} skipped: pip install 'rasd[spark]'")
                continue
            r = results[stage] = _run_child(stage, corpus, workdir)
            ref = results.get({"jobs2": "extract", "spark2": "spark1"}.get(stage, ""))
            click.echo(_line(r, ref))
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
        click.echo(f"target extract >= 100 articles/s/core: {rate('extract'):.1f}")
    if "extract" in results and "jobs2" in results:
        click.echo(f"target --jobs 2 >= 1.7x one process: {rate('jobs2') / rate('extract'):.2f}x")
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
