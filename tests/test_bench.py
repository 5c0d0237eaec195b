"""`rasd bench`: a reproducible corpus, and every stage run gives the same rows (no timing asserted)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rasd.bench import bench_command, make_corpus


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
