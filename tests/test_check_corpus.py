"""The corpus checker: the committed corpus passes it, and it catches what it promises to catch."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_corpus


def _event(**over: object) -> dict:
    ev = {"event_type": "Battles", "sub_event_type": "Armed clash", "date": "2021-03-04", "time_precision": 1,
          "actor1": {"ar": ["الجيش"], "en": ["Military Forces of Chad (2021-)"], "type": "state_forces"},
          "actor2": None, "fatalities": 0, "evidence": "اشتباكات",
          "location": {"text": "بحيرة تشاد", "name": "Lake Chad shore", "lat": 13.5, "lon": 14.3,
                       "admin1": "Lac", "country": "TD"}}
    ev.update(over)
    return ev


def test_committed_corpus_has_no_problems() -> None:
    assert check_corpus.check_files(check_corpus.default_files()) == []


def test_sparse_country_box_is_wide_and_foreign_points_fail() -> None:
    text = "اندلعت اشتباكات بين الجيش ومسلحين قرب بحيرة تشاد"
    assert list(check_corpus.event_problems(_event(), text)) == []  # Chad: too few places to check against
    boxes = check_corpus.country_boxes()
    assert "SY" in boxes and "NG" not in boxes  # a neighbour known by its capital only is not checked
    far = _event(location={"text": "x", "name": "x", "lat": 33.5, "lon": 36.3, "admin1": "x", "country": "MR"})
    assert any("outside MR" in p for p in check_corpus.event_problems(far, text))
    assert any("evidence" in p for p in check_corpus.event_problems(_event(evidence="غارة"), text))
