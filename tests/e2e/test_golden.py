"""Golden end-to-end test: the bundled example articles (ours, with page furniture) give the pinned events.

Run ``pytest tests/e2e --update-golden`` to re-pin after a deliberate change, and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasd.pipeline import Pipeline
from rasd.read import read_articles

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "rasd" / "examples" / "articles.jsonl"
GOLDEN = Path(__file__).resolve().parent / "golden" / "examples.json"


def _summary(ev: dict[str, Any]) -> dict[str, Any]:
    loc = ev["location"]
    return {
        "type": f"{ev['event_type']} / {ev['sub_event_type']}",
        "date": ev["date"],
        "time_precision": ev["time_precision"],
        "actor1": ev["actor1"] and ev["actor1"]["name"],
        "actor2": ev["actor2"] and ev["actor2"]["name"],
        "location": loc and [loc["name"], round(loc["lat"], 2), round(loc["lon"], 2), loc["geo_precision"]],
        "fatalities": ev["fatalities"],
        "injuries": ev["injuries"],
        "sources": ev["sources"],
    }


def _run(pipeline: Pipeline) -> dict[str, list[dict[str, Any]]]:
    return {a.id: [_summary(e.to_dict()) for e in pipeline.extract_article(a)] for a in read_articles([str(EXAMPLES)])}


def test_examples_match_golden(full_pipeline: Pipeline, request: pytest.FixtureRequest) -> None:
    got = _run(full_pipeline)
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got == expected


def test_examples_cover_the_kinds_of_event(pipeline: Pipeline) -> None:
    """Independent of the pinned file: what a careful coder reads in the examples."""
    got = _run(pipeline)
    syria = {(e["type"], e["location"][0]) for e in got["example-syria-1"] if e["location"]}
    assert ("Explosions/Remote violence / Air/drone strike", "Hura") in syria
    assert ("Explosions/Remote violence / Air/drone strike", "Sweiyeh") in syria
    assert any(e["type"] == "Strategic developments / Arrests" for e in got["example-syria-1"])
    assert not any("60" in str(e["fatalities"]) for e in got["example-syria-1"]), "the tally is not an event"
    iraq = got["example-iraq-1"]
    ied = next(e for e in iraq if e["type"].endswith("Remote explosive/landmine/IED"))
    assert ied["fatalities"] == 2 and ied["date"] == "2024-05-13"
    sudan = got["example-sudan-1"]
    clash = next(e for e in sudan if e["type"] == "Battles / Armed clash")
    assert clash["fatalities"] == 7 and {clash["actor1"], clash["actor2"]} >= {"Rapid Support Forces"}
