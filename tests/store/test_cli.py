"""``rasd ingest`` / ``rasd watch`` through click, and crash-resumability with a real kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from rasd.store import EventQuery, open_store
from rasd.store import schema as s
from rasd.store.cli import ingest_command, parse_duration, watch_command
from rasd.store.ingest import Watcher

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]
GOLD = ["--extractor", "gold_extractor:load_extractor"]


@pytest.fixture(autouse=True)
def _gold_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(DATA))


def _run(command, args: list[str]) -> dict:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(command, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_cli_ingest_all_source_kinds_idempotently(db_target: str) -> None:
    sources = [str(DATA / n) for n in ("cluster_reports.jsonl", "feed.rss", "feed.atom", "telegram")]
    first = _run(ingest_command, ["--db", db_target, *GOLD, "--batch-size", "7", *sources])
    # 42 JSONL articles; the 3 RSS items, the Atom entry and Telegram message 102 repeat JSONL texts
    # under other ids/URLs (same normalised content), message 104 is new.
    assert (first["read"], first["added"], first["duplicates"]) == (48, 43, 5)
    assert first["events"] == 43 and first["errors"] == 0
    again = _run(ingest_command, ["--db", db_target, *GOLD, *sources])
    assert (again["added"], again["duplicates"], again["events"]) == (0, 48, 0)
    with open_store(db_target) as st:
        assert st.get_article("telegram:1000001/104")["outlet"] == "قناة غزة الآن"  # type: ignore[index]
        assert st.list_events(EventQuery())["total"] == 24


def test_cli_ingest_reports_bad_sources_and_continues(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "text": "نص أول"}\nnot json\n{"id": "x2", "text": "نص ثان"}\n', encoding="utf-8")
    result = CliRunner().invoke(ingest_command, ["--db", db, *GOLD, str(bad), str(tmp_path / "missing.txt")])
    assert result.exit_code == 0
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["added"] == 2 and summary["errors"] == 2
    assert "line 2" in result.stderr and "missing.txt" in result.stderr


def test_cli_ingest_with_the_real_pipeline(tmp_path: Path) -> None:
    examples = ROOT / "rasd" / "examples" / "articles.jsonl"
    summary = _run(ingest_command, ["--db", str(tmp_path / "e2e.db"), str(examples)])
    assert summary["added"] == sum(1 for _ in examples.open(encoding="utf-8")) and summary["events"] >= 1
    with open_store(str(tmp_path / "e2e.db")) as st:
        for item in st.list_events(EventQuery(limit=100))["items"]:
            detail = st.get_event(item["id"])
            assert detail is not None
            for rep in detail["reports"]:
                assert all(rep["text"][e["start"] : e["end"]] == e["text"] for e in rep["evidence"])


@pytest.mark.parametrize(("text", "seconds"), [("5m", 300.0), ("30s", 30.0), ("1h", 3600.0), ("2.5", 2.5),
                                               ("250ms", 0.25)])
def test_cli_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_cli_watch_rejects_bad_interval(tmp_path: Path) -> None:
    result = CliRunner().invoke(watch_command, ["--db", str(tmp_path / "w.db"), "--every", "soon", str(tmp_path)])
    assert result.exit_code != 0 and "invalid duration" in result.output


def test_watch_ingests_only_new_files(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("تظاهر العشرات في صنعاء يوم الجمعة.", encoding="utf-8")
    extract = __import__("gold_extractor").load_extractor()
    with open_store(str(tmp_path / "w.db")) as st:
        w = Watcher(st, [str(inbox)], extract, on_error=lambda e: pytest.fail(str(e)))
        assert w.poll().added == 1
        assert w.poll().read == 0  # nothing changed: nothing re-read
        (inbox / "b.txt").write_text("خرج محتجون في طرابلس رفضاً لغلاء الأسعار.", encoding="utf-8")
        second = w.poll()
        assert (second.read, second.added) == (1, 1)
        assert st.get_article("b.txt")["text"].startswith("خرج محتجون")  # type: ignore[index]


def test_cli_watch_polls_a_feed(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        watch_command,
        ["--db", str(tmp_path / "w.db"), *GOLD, "--every", "10ms", "--max-polls", "2", str(DATA / "feed.rss")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    polls = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["added"] for p in polls] == [3, 0] and "poll_at" in polls[0]


def _count(db: str) -> tuple[int, int, int]:
    with open_store(db) as st, st.engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            int(conn.scalar(select(func.count()).select_from(t)) or 0) for t in (s.articles, s.events, s.clusters)
        )


def _committed(db: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def test_ingest_survives_kill_9_and_resumes_without_duplicates(tmp_path: Path) -> None:
    fixture = [json.loads(line) for line in (DATA / "cluster_reports.jsonl").read_text(encoding="utf-8").splitlines()]
    corpus = tmp_path / "corpus.jsonl"
    n = 3000
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(n):
            d = fixture[i % len(fixture)]
            fh.write(json.dumps({"id": f"k{i}", "text": f"{d['text']} (نسخة {i})", "pub_date": d["pub_date"],
                                 "outlet": d["outlet"]}, ensure_ascii=False) + "\n")
    db = str(tmp_path / "kill.db")
    cmd = [sys.executable, "-c", "from rasd.store.cli import ingest_command; ingest_command()",
           "--db", db, *GOLD, "--batch-size", "10", "--quiet", str(corpus)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(DATA), str(ROOT)])}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if Path(db).exists() and _committed(db) >= 100:
                break
        assert proc.poll() is None, "ingest finished before it could be killed: enlarge the corpus"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    articles, events, clusters = _count(db)
    assert 100 <= articles < n and articles % 10 == 0  # only whole batches were committed
    per_article = {d["text"]: len(d["events"]) for d in fixture}
    assert events == sum(per_article[fixture[i % len(fixture)]["text"]] for i in range(articles))
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=True)
    summary = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert summary["added"] == n - articles and summary["duplicates"] == articles
    assert _count(db)[0] == n
    with open_store(db) as st:
        ids = {st.get_article(f"k{i}")["id"] for i in (0, n // 2, n - 1)}  # type: ignore[index]
    assert ids == {"k0", f"k{n // 2}", f"k{n - 1}"}
    del clusters
