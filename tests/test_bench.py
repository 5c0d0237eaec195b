"""`rasd bench`: a reproducible corpus, and every stage run gives the same rows (no timing asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from rasd.bench import PIPELINE_STAGES, bench_command, make_corpus

ROOT = Path(__file__).resolve().parents[1]


def test_corpus_is_reproducible_and_news_sized():
    a, b = make_corpus(5, seed=3), make_corpus(5, seed=3)
    assert a == b and a != make_corpus(5, seed=4)
    assert all(1450 <= len(r["text"]) <= 2200 and r["pub_date"] for r in a)
    assert len({r["id"] for r in a}) == 5


def test_bench_runs_stages_and_checks_outputs_agree(tmp_path):
    out = tmp_path / "figures.json"
    res = CliRunner().invoke(bench_command, ["--articles", "24", "--stages", "floor,extract,jobs2", "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "outputs identical across 2 stages" in res.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert set(figures) == {"floor", "extract", "jobs2"}
    assert figures["extract"]["articles"] == figures["jobs2"]["articles"] == 24
    assert figures["extract"]["digest"] == figures["jobs2"]["digest"]
    assert figures["extract"]["events"] > 0


def test_bench_rejects_unknown_stage():
    res = CliRunner().invoke(bench_command, ["--articles", "10", "--stages", "extract,gpu"])
    assert res.exit_code == 2 and "gpu" in res.output


def test_real_corpus_cuts_texts_and_cycles(tmp_path):
    from rasd.bench import real_corpus

    src = tmp_path / "texts.jsonl"
    long = "سطر أول من الخبر.\n" + "كلمة " * 400
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (
        {"id": "a", "text": long, "pub_date": "2024-01-02"}, {"id": "b", "text": "خبر قصير."}, {"other": 1},
    )) + "\n", encoding="utf-8")
    rows = real_corpus([str(src)], 5, max_chars=1000)
    assert [r["id"] for r in rows] == ["a#0", "b#1", "a#2", "b#3", "a#4"]
    assert all(len(r["text"]) <= 1000 for r in rows) and rows[1]["text"] == "خبر قصير."
    assert rows[0]["pub_date"] == "2024-01-02" and rows[1]["pub_date"] is None


def test_bench_breakdown_on_real_texts(tmp_path):
    out = tmp_path / "figures.json"
    texts = str(ROOT / "rasd" / "examples" / "articles.jsonl")
    res = CliRunner().invoke(bench_command, ["--articles", "12", "--texts", texts, "--stages",
                                             "floor,extract,breakdown", "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "outputs identical across 2 stages" in res.output and "per stage" in res.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    stages = figures["breakdown"]["stages"]
    assert set(stages) == set(PIPELINE_STAGES)
    assert abs(sum(stages.values()) - figures["breakdown"]["seconds"]) < 1e-6
    assert stages["geocode"] > 0 and stages["analyse"] > 0
