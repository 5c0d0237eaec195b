"""Error categories of `rasd eval --errors`: each kind of mistake lands in its own class."""

from __future__ import annotations

from typing import Any

import pytest

from rasd.eval_errors import (
    SPURIOUS_ELSEWHERE,
    SPURIOUS_NO_EVENT,
    SPURIOUS_REPEAT,
    SPURIOUS_TYPE,
    categorise_errors,
    category_counts,
)

TEXT = "قصفت طائرات حربية بلدة مراط بريف دير الزور أمس، وقتل مدنيان، بحسب مصادر محلية."
MRAT = {"name": "Mrat", "text": "مراط", "lat": 35.306, "lon": 40.237, "country": "SY"}
HOMS = {"name": "Homs", "text": "حمص", "lat": 34.73, "lon": 36.71, "country": "SY"}
BEIRUT = {"name": "Beirut", "text": "بيروت", "lat": 33.89, "lon": 35.50, "country": "LB"}
GOLD_AIR = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "date": "2024-03-04",
            "actor1": {"ar": ["طائرات حربية"], "en": ["Unidentified Military Forces"]}, "actor2": None,
            "location": MRAT, "fatalities": 2, "evidence": "قصفت طائرات حربية بلدة مراط"}


def _system(**over: Any) -> dict[str, Any]:
    ev = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "date": "2024-03-04",
          "actor1": {"name": "Unidentified Military Forces", "text": "طائرات حربية"}, "actor2": None,
          "location": MRAT, "fatalities": 2, "evidence": [{"start": 0, "end": 20}]}
    ev.update(over)
    return ev


CASES = [
    ([], [_system()], {SPURIOUS_NO_EVENT: 1}),
    ([GOLD_AIR], [_system(), _system(event_type="Battles", sub_event_type="Armed clash")], {SPURIOUS_TYPE: 1}),
    ([GOLD_AIR], [_system(), _system(fatalities=0)], {SPURIOUS_REPEAT: 1}),
    ([GOLD_AIR, {**GOLD_AIR, "location": HOMS}], [_system(location=BEIRUT, date="2024-01-01", actor1=None)],
     {SPURIOUS_ELSEWHERE: 1, "missed: Air/drone strike": 2}),
    ([GOLD_AIR], [], {"missed: Air/drone strike": 1}),
    ([GOLD_AIR], [_system(location=HOMS)], {"wrong location: over 150 km off": 1}),
    ([GOLD_AIR], [_system(location=BEIRUT, date="2024-03-04")], {"wrong location: wrong country": 1}),
    ([GOLD_AIR], [_system(fatalities=5, sub_event_type="Shelling/artillery/missile attack")],
     {"wrong fatalities": 1, "wrong sub_event_type": 1}),
    ([GOLD_AIR], [_system()], {}),
]


@pytest.mark.parametrize(("gold_events", "system_events", "expected"), CASES)
def test_eval_errors_categories(gold_events: list, system_events: list, expected: dict[str, int]) -> None:
    gold = [{"id": "a", "text": TEXT, "events": gold_events}]
    groups = categorise_errors(gold, {"a": {"id": "a", "events": system_events}})
    assert category_counts(groups) == expected


def test_eval_errors_keep_gold_and_system_values() -> None:
    gold = [{"id": "a", "text": TEXT, "events": [GOLD_AIR]}]
    groups = categorise_errors(gold, {"a": {"id": "a", "events": [_system(location=HOMS)]}})
    (item,) = groups["wrong location: over 150 km off"]
    assert item.gold.startswith("Mrat (SY)") and item.system.startswith("Homs (SY)")
    assert item.to_dict()["id"] == "a"
