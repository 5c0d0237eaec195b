"""The KB data file: format, consistency, canonical form, and the validator's own checks."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from rasd.actors import ActorKB, load_actor_kb
from rasd.actors.find import CUE_KINDS
from rasd.actors.kb import (
    ALLOWED_INTER,
    ActorEntry,
    canonical_actor_text,
    parse_actor_rows,
    parse_country_rows,
    validate_entries,
)
from rasd.actors.knowledge import ACTORS_FILE, COUNTRIES_FILE, CUES_FILE
from rasd.model import ACTOR_TYPES
from rasd.resources import read_tsv, resource_path
from rasd.text.normalise import normalise_key


def _entries() -> tuple[ActorEntry, ...]:
    return parse_actor_rows(read_tsv(ACTORS_FILE, columns=15))


def _countries():
    return parse_country_rows(read_tsv(COUNTRIES_FILE, columns=6))


def test_kb_file_is_consistent() -> None:
    assert validate_entries(_entries(), _countries()) == []


def test_kb_file_is_canonical() -> None:
    committed = resource_path(ACTORS_FILE).read_text(encoding="utf-8")
    assert committed == canonical_actor_text(_entries()), "run: python scripts/build_actors.py"


def test_kb_size_types_and_aliases() -> None:
    entries = _entries()
    assert len(entries) >= 600
    assert len({e.id for e in entries}) == len(entries)
    for e in entries:
        assert e.type in ACTOR_TYPES and e.inter in ALLOWED_INTER[e.type], e.id
        assert len({normalise_key(a) for a in e.aliases}) >= 2, e.id
        assert e.source, e.id


def test_kb_covers_the_region_and_required_kinds() -> None:
    entries = _entries()
    by_country = {e.country for e in entries}
    for cc in ("SY", "IQ", "YE", "LB", "PS", "IL", "SD", "LY", "EG", "SO", "ML", "NE", "BF", "TR", "IR"):
        assert cc in by_country
    types = {e.type for e in entries}
    assert types == set(ACTOR_TYPES)
    ids = {e.id for e in entries}
    for required in ("sy-sdf", "sy-hts", "is-sy", "iq-pmf", "lb-hezbollah", "ye-houthis", "ir-irgc",
                     "ir-fatemiyoun", "ir-zainabiyoun", "ye-aqap", "so-shabaab", "ml-jnim", "sd-rsf",
                     "global-coalition", "lb-unifil", "sy-4th-division", "unidentified-military"):
        assert required in ids


def test_syria_state_forces_change_in_december_2024(kb: ActorKB) -> None:
    before = kb.default_actor("military", "SY", dt.date(2024, 12, 7))
    after = kb.default_actor("military", "SY", dt.date(2024, 12, 9))
    assert before is not None and after is not None
    assert before.name == "Military Forces of Syria (2000-2024)"
    assert after.name == "Military Forces of Syria (2024-)"


def test_cue_lexicon_uses_known_kinds() -> None:
    for surface, kind, value in read_tsv(CUES_FILE, columns=3):
        assert kind in CUE_KINDS, surface
        assert surface.strip() and value.strip(), surface


def _entry(**kw: object) -> ActorEntry:
    base = dict(id="x-a", name="A", type="rebel_group", inter=2, country="SY",
                aliases=("جماعة ألف", "ألف"), source="test")
    base.update(kw)
    return ActorEntry(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (_entry(type="militia"), "not a CONTRACT actor type"),
        (_entry(inter=7), "does not fit type"),
        (_entry(aliases=("ألف", "الف")), "at least 2 distinct"),
        (_entry(country="XX"), "not in countries.tsv"),
        (_entry(parent="nobody"), "not a KB id"),
        (_entry(source=""), "no source"),
        (_entry(valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2019, 1, 1)), "not before"),
        (_entry(id="Bad Id"), "lower-case"),
    ],
)
def test_validator_rejects(entry: ActorEntry, problem: str) -> None:
    assert any(problem in p for p in validate_entries([entry], _countries()))


def test_validator_alias_sharing_rules() -> None:
    a = _entry()
    b = _entry(id="x-b", name="B", aliases=("جماعة باء", "ألف"))
    assert any("shared by" in p for p in validate_entries([a, b], _countries()))
    marked = [dataclasses.replace(a, ambiguous=("ألف",)), dataclasses.replace(b, ambiguous=("ألف",))]
    assert validate_entries(marked, _countries()) == []
    periods = [dataclasses.replace(a, valid_to=dt.date(2020, 1, 1)),
               dataclasses.replace(b, valid_from=dt.date(2020, 1, 1))]
    assert validate_entries(periods, _countries()) == []


def test_load_returns_independent_objects() -> None:
    first = load_actor_kb()
    assert first is not load_actor_kb()
    with pytest.raises(TypeError):
        first.entries["x"] = first.entries["sy-sdf"]  # type: ignore[index]
