"""`rasd eval`: the scorer's matching rules, its CLI, and identical figures to ../shared/eval/score.py."""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.evaluate import actor_agrees, eval_command, evaluate_file, match_events, score

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
needs_shared = pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="../shared/eval not available")

SDF = {"ar": ["قوات سوريا الديمقراطية", "قسد"], "en": ["Syrian Democratic Forces", "SDF"], "type": "rebel_group"}
ARMY = {"ar": ["الجيش السوري", "قوات النظام"], "en": ["Military Forces of Syria (2000-2024)"], "type": "state_forces"}


@pytest.mark.parametrize(("system", "gold", "expected"), [
    ({"name": "Syrian Democratic Forces", "text": "قسد"}, SDF, True),
    ({"name": "Something else", "text": "وقوات سوريا الديمقراطية"}, SDF, False),  # clitic و is not stripped
    ({"name": "Something else", "text": "قوات سوريا الديمقراطيّة"}, SDF, True),  # diacritics folded
    ({"name": "Syrian Democratic Forces (SDF)", "text": "x"}, SDF, True),  # gold "SDF" is a subset
    ({"name": "Syrian Arab Army", "text": "x"}, SDF, False),  # overlapping words, neither a subset
    ({"name": "Military Forces", "text": "قوات"}, ARMY, False),  # only generic words in common
    ({"name": "x", "text": "قوات النظام السوري"}, ARMY, True),  # gold words are a subset with a specific word
    (None, None, True),
    (None, SDF, False),
    ({"name": "Syrian Democratic Forces", "text": "قسد"}, None, False),
])
def test_actor_agrees(system, gold, expected):
    assert actor_agrees(system, gold) is expected


def _event(etype="Battles", sub="Armed clash", date="2024-01-02", lat=35.0, lon=40.0, actor1=None, fat=0):
    loc = None if lat is None else {"lat": lat, "lon": lon}
    return {"event_type": etype, "sub_event_type": sub, "date": date, "location": loc, "actor1": actor1,
            "actor2": None, "fatalities": fat, "evidence": [{"start": 0, "end": 5}]}


def test_match_events_prefers_most_agreeing_pair_and_needs_an_anchor():
    sdf = {"name": "Syrian Democratic Forces", "text": "قسد"}
    gold = [_event(date="2024-01-02", actor1=SDF), _event(date="2024-01-05", lat=36.0, actor1=SDF)]
    system = [_event(date="2024-01-05", lat=36.0, actor1=sdf), _event(date="2024-01-09", lat=10.0, lon=10.0)]
    pairs = match_events(system, gold)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]  # the second system event shares no date/place/actor1


def test_match_events_requires_same_event_type():
    gold = [_event()]
    assert match_events([_event(etype="Riots", sub="Mob violence")], gold) == []


def test_score_counts_quiet_articles_missing_rows_and_evidence():
    gold = [{"id": "a", "text": "نص الخبر", "events": [_event(fat=3)]},
            {"id": "b", "text": "خبر بلا أحداث", "events": []},
            {"id": "c", "text": "خبر", "events": [_event()]}]
    system = {"a": {"id": "a", "events": [_event(fat=2)]}, "b": {"id": "b", "events": []}}
    rep = score(gold, system)
    assert rep.report["matched"] == 1 and rep.report["missing_articles"] == 1
    assert rep.report["precision"] == 1.0 and rep.report["recall"] == 0.5
    assert rep.report["field_accuracy"]["fatalities"] == 0.0
    assert rep.report["no_event_articles_kept_empty"] == 1
    kinds = sorted(e.kind for e in rep.errors)
    assert kinds == ["missed", "wrong fatalities"]


def _load_score_module():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _reference(gold_path: Path, system_path: Path, tmp_path: Path) -> dict:
    report = tmp_path / "ref.json"
    subprocess.run([sys.executable, str(SHARED / "score.py"), str(gold_path), str(system_path), "--json",
                    str(report)], check=True, stdout=subprocess.DEVNULL)
    return json.loads(report.read_text(encoding="utf-8"))


@needs_shared
def test_eval_reproduces_score_py_on_dev(tmp_path):
    gold = SHARED / "dev.jsonl"
    result = evaluate_file(gold)
    out = tmp_path / "system.jsonl"
    runner = CliRunner()
    from rasd.parallel import extract_rows
    from rasd.read.jsonl import parse_article

    rows = extract_rows(parse_article({k: a.get(k) for k in ("id", "text", "pub_date", "url", "outlet")}, where="t")
                        for a in (json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()))
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert result.report == _reference(gold, out, tmp_path)
    res = runner.invoke(eval_command, [str(gold), "--system", str(out), "--json", str(tmp_path / "r.json")])
    assert res.exit_code == 0, res.output
    written = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    categories = written.pop("error_categories")
    assert written == result.report
    spurious = sum(n for k, n in categories.items() if k.startswith("spurious"))
    missed = sum(n for k, n in categories.items() if k.startswith("missed"))
    assert spurious == result.report["system_events"] - result.report["matched"]
    assert missed == result.report["gold_events"] - result.report["matched"]
    assert f"F1 {result.report['f1']:.3f}" in res.output


@needs_shared
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scoring_matches_score_py_on_perturbed_gold(tmp_path, seed):
    """System = gold events with fields dropped, shifted or swapped: every rule path, same figures."""
    ref = _load_score_module()
    gold_path = SHARED / "dev.jsonl"
    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
    rng = random.Random(seed)
    rows = []
    for art in gold:
        events = []
        for g in art["events"]:
            if rng.random() < 0.15:
                continue
            s = copy.deepcopy(g)
            for actor_key in ("actor1", "actor2"):
                a = s.get(actor_key)
                if a is not None:
                    s[actor_key] = {"name": rng.choice(a["en"] or ["x"]), "text": rng.choice(a["ar"] or ["x"]),
                                    "type": a["type"]}
            if rng.random() < 0.3 and s.get("location"):
                s["location"]["lat"] += rng.choice([0.1, 0.3, 0.6])
            if rng.random() < 0.2:
                s["date"] = None
            if rng.random() < 0.2:
                s["actor1"], s["actor2"] = s["actor2"], s["actor1"]
            if rng.random() < 0.2:
                s["fatalities"] = int(s.get("fatalities") or 0) + 1
            s["evidence"] = [{"start": 0, "end": 10}] if rng.random() < 0.9 else []
            events.append(s)
        if events and rng.random() < 0.3:
            events.append(copy.deepcopy(events[0]))
        if rng.random() > 0.05:
            rows.append({"id": art["id"], "events": events})
    system = tmp_path / "system.jsonl"
    system.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    ours = evaluate_file(gold_path, system_path=system)
    assert ours.report == _reference(gold_path, system, tmp_path)
    for art, row in zip(gold, rows, strict=False):
        if row["id"] == art["id"]:
            assert [(i, j) for i, j, _ in match_events(row["events"], art["events"])] == \
                   [(i, j) for i, j, _ in ref.match(row["events"], art["events"])]


def test_eval_command_reports_bad_gold(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"id": "a", "text": "نص"}\n{oops\n', encoding="utf-8")
    res = CliRunner().invoke(eval_command, [str(bad)])
    assert res.exit_code == 1 and "line 2" in res.output
