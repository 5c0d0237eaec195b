"""scripts/corpus_agreement.py: deterministic stratified sampling and the original/re-coding join."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_agreement", ROOT / "scripts" / "corpus_agreement.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_agreement"] = module
    spec.loader.exec_module(module)
    return module


ca = _load()

TEXT = "قصفت طائرات حربية روسية بلدة كفرنبل في ريف إدلب أمس، ما أسفر عن مقتل ثلاثة مدنيين."
QUIET = "عقد وزير الخارجية مؤتمرا صحفيا في دمشق تحدث فيه عن العلاقات الثنائية."


def _event(**over: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "date": "2019-05-11", "date_alt": [], "time_precision": 1,
        "actor1": {"ar": ["طائرات حربية روسية"], "en": ["Military Forces of Russia"], "type": "external_forces"},
        "actor2": {"ar": ["مدنيين"], "en": ["Civilians (Syria)", "Civilians"], "type": "civilians"},
        "location": {"text": "كفرنبل", "name": "Kafr Nabl", "lat": 35.6136, "lon": 36.5611, "admin1": "Idlib",
                     "country": "SY"},
        "fatalities": 3, "claimed_by": None, "sources": [], "evidence": "قصفت طائرات حربية روسية بلدة كفرنبل",
        "notes": "",
    }
    ev.update(over)
    return ev


def _article(aid: str, text: str, events: list[dict[str, Any]], coder: str = "helper") -> dict[str, Any]:
    return {"id": aid, "url": f"https://example.org/{aid}", "outlet": "Test", "pub_date": "2019-05-12",
            "pub_date_assumed": False, "region": "test", "coder": coder, "text": text, "events": events}


def _corpus() -> dict[str, list[dict[str, Any]]]:
    big = [_article(f"a-{i:02d}", TEXT, [_event()] if i % 4 else []) for i in range(20)]
    small = [_article(f"b-{i:02d}", TEXT, [_event()] if i % 2 else []) for i in range(10)]
    return {"alpha": big, "beta": small}


def test_allocate_is_proportional_and_exact() -> None:
    assert ca.allocate({"a": 20, "b": 10}, 9) == {"a": 6, "b": 3}
    assert sum(ca.allocate({"a": 7, "b": 5, "c": 3}, 8).values()) == 8
    assert ca.allocate({"a": 2, "b": 1}, 10) == {"a": 2, "b": 1}


def test_sample_is_deterministic_stratified_and_has_no_event_articles() -> None:
    corpus = _corpus()
    first = ca.sample_ids(corpus, 9, 7)
    assert first == ca.sample_ids(corpus, 9, 7)
    assert len(first) == len(set(first)) == 9
    assert sum(i.startswith("a-") for i in first) == 6 and sum(i.startswith("b-") for i in first) == 3
    quiet = {a["id"] for arts in corpus.values() for a in arts if not a["events"]}
    assert any(i in quiet for i in first if i.startswith("a-"))
    assert any(i in quiet for i in first if i.startswith("b-"))


def test_sample_cli_writes_ids(tmp_path: Path) -> None:
    events = tmp_path / "events"
    events.mkdir()
    for region, arts in _corpus().items():
        (events / f"{region}.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts),
                                                encoding="utf-8")
    out = tmp_path / "ids.txt"
    assert ca.main(["sample", "--n", "6", "--seed", "3", "--out", str(out), "--events-dir", str(events)]) == 0
    ids = out.read_text(encoding="utf-8").split()
    assert ids == ca.sample_ids(ca.load_corpus(events), 6, 3)


def test_score_join_identical_coding_agrees_fully() -> None:
    originals = {"x1": _article("x1", TEXT, [_event()]), "x2": _article("x2", QUIET, [])}
    recoded = [_article("x2", QUIET, [], "second-coder"), _article("x1", TEXT, [_event()], "second-coder")]
    rep = ca.agreement_report(originals, recoded)
    assert rep["articles"] == 2 and rep["join_problems"] == []
    assert rep["symmetric"]["f1"] == 1.0 and rep["symmetric"]["strict_f1"] == 1.0
    assert rep["symmetric"]["field_accuracy"]["event_type"] == 1.0
    assert rep["no_event"]["both_no_event"] == 1 and rep["no_event"]["kappa"] == 1.0
    assert rep["original_as_gold"]["evidence_valid"] == 1.0


def test_score_join_counts_field_and_event_disagreements() -> None:
    far = {"text": "إدلب", "name": "Idlib", "lat": 35.9306, "lon": 36.6339, "admin1": "Idlib", "country": "SY"}
    originals = {"x1": _article("x1", TEXT, [_event()]), "x2": _article("x2", QUIET, [])}
    recoded = [
        _article("x1", TEXT, [_event(location=far, fatalities=0)], "second-coder"),
        _article("x2", QUIET, [_event(evidence="مؤتمرا صحفيا في دمشق")], "second-coder"),
        _article("zz", QUIET, [], "second-coder"),
    ]
    rep = ca.agreement_report(originals, recoded)
    assert rep["join_problems"] == ["zz: not in the corpus"]
    fwd = rep["original_as_gold"]
    assert fwd["matched"] == 1 and fwd["precision"] == 0.5 and fwd["recall"] == 1.0
    assert fwd["field_accuracy"]["location"] == 0.0 and fwd["field_accuracy"]["fatalities"] == 0.0
    assert fwd["field_accuracy"]["actor1"] == 1.0
    assert rep["recoded_as_gold"]["recall"] == 0.5
    assert rep["no_event"]["no_event_only_original"] == 1


def test_type_agreement_pairs_across_types() -> None:
    gold = [_article("x1", TEXT, [_event()])]
    system = [_article("x1", TEXT, [_event(event_type="Battles", sub_event_type="Armed clash")])]
    assert ca.type_agreement(gold, system) == (0, 1)
    rep = ca.agreement_report({"x1": gold[0]}, system)
    assert rep["original_as_gold"]["matched"] == 0


def test_system_event_conversion_uses_first_forms_and_offsets() -> None:
    ev = ca.as_system_event(_event(), TEXT)
    assert ev["actor1"] == {"text": "طائرات حربية روسية", "name": "Military Forces of Russia",
                            "type": "external_forces"}
    (span,) = ev["evidence"]
    assert TEXT[span["start"]:span["end"]] == "قصفت طائرات حربية روسية بلدة كفرنبل"
    assert ca.as_system_event(_event(evidence="ليس في النص"), TEXT)["evidence"] == []


@pytest.mark.skipif(not (ROOT / "data" / "corpus" / "agreement" / "sample_ids.txt").exists(),
                    reason="no committed sample")
def test_committed_sample_ids_are_in_the_corpus() -> None:
    committed = (ROOT / "data" / "corpus" / "agreement" / "sample_ids.txt").read_text(encoding="utf-8").split()
    known = {a["id"] for arts in ca.load_corpus().values() for a in arts}
    assert len(committed) == len(set(committed)) == 40
    assert set(committed) <= known
