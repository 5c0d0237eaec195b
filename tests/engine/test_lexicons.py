"""Every entry of the engine's lexicons is well-formed, known to the taxonomy and unambiguous."""

from __future__ import annotations

from collections import defaultdict

import pytest

from rasd.engine.lexicons import CONTEXT_KINDS, CUES, FAMILIES, load_event_lexicons, load_taxonomy
from rasd.resources import read_tsv
from rasd.resources.check import LEXICON_DIR, check_lexicon
from rasd.text.normalise import normalise_key

ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


def test_taxonomy_is_exactly_acled() -> None:
    tax = load_taxonomy()
    got: dict[str, set[str]] = defaultdict(set)
    for sub in tax.values():
        got[sub.event_type].add(sub.sub_event_type)
    assert dict(got) == ACLED
    assert len(tax) == 25


@pytest.mark.parametrize(
    ("relpath", "columns"),
    [("lexicons/triggers.tsv", 3), ("lexicons/weapons.tsv", 3), ("lexicons/context.tsv", 2),
     ("lexicons/sources.tsv", 2), ("lexicons/person_nouns.tsv", 3), ("lexicons/number_words.tsv", 3),
     ("lexicons/time_words.tsv", 3), ("lexicons/boilerplate.tsv", 3), ("taxonomy.tsv", 6)],
)
def test_lexicon_rows_are_complete_and_unique(relpath: str, columns: int) -> None:
    rows = read_tsv(relpath, columns=columns)
    assert rows and all(all(c.strip() == c for c in row) for row in rows), relpath
    path = LEXICON_DIR.parent / relpath
    assert check_lexicon(path) == []


def test_lexicon_codes_are_known() -> None:
    lex = load_event_lexicons()
    tax = lex.taxonomy
    for phrase, code, strength in read_tsv("lexicons/triggers.tsv", columns=3):
        assert code in tax or code in FAMILIES, phrase
        assert strength in {"1", "2", "3"}, phrase
    assert {c for _, c, _ in read_tsv("lexicons/weapons.tsv", columns=3)} <= set(CUES)
    assert {k for _, k in read_tsv("lexicons/context.tsv", columns=2)} <= set(CONTEXT_KINDS)


def test_trigger_keys_have_one_code() -> None:
    codes: dict[str, set[str]] = defaultdict(set)
    for phrase, code, _ in read_tsv("lexicons/triggers.tsv", columns=3):
        codes[normalise_key(phrase)].add(code)
    clashes = {k: v for k, v in codes.items() if len(v) > 1}
    assert clashes == {}
