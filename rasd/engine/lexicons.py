"""The event engine's lexicons (taxonomy, triggers, weapon cues, context words, sources, person nouns)."""

from __future__ import annotations

from dataclasses import dataclass

from rasd.errors import ResourceError
from rasd.resources import read_tsv
from rasd.text.matching import PhraseMatcher
from rasd.text.normalise import normalise_key

__all__ = ["FAMILIES", "EventLexicons", "SubType", "Trigger", "load_event_lexicons"]

FAMILIES = ("ATTACK", "BOMBARD", "EXPLOSION", "KILL", "CLAIM")
CUES = ("AIR", "SHELL", "IED", "SUICIDE", "GRENADE", "CHEM", "ARMS")
CONTEXT_KINDS = ("residential", "reason", "background", "condition", "not_event", "tally", "agent", "target",
                 "suffered", "between", "source", "death", "injury", "figurative", "unopposed")


@dataclass(frozen=True, slots=True)
class SubType:
    """One ACLED sub-event type with its parent type and mappings."""

    code: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    plover_event: str
    plover_mode: str


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger lexicon entry: a sub-type code or a family, and its strength (1-3)."""

    code: str
    strength: int
    phrase: str


@dataclass(frozen=True, slots=True)
class EventLexicons:
    """Everything the event engine matches, compiled once."""

    taxonomy: dict[str, SubType]
    triggers: PhraseMatcher[Trigger]
    weapons: PhraseMatcher[tuple[str, str]]
    context: PhraseMatcher[str]
    sources: PhraseMatcher[str]
    persons: dict[str, tuple[int, bool]]

    def subtype(self, code: str) -> SubType:
        return self.taxonomy[code]

    def code_of(self, sub_event_type: str) -> str | None:
        """The code of an ACLED sub-type name ("Air/drone strike" -> "ERV-AIR")."""
        return next((c for c, st in self.taxonomy.items() if st.sub_event_type == sub_event_type), None)


def load_taxonomy() -> dict[str, SubType]:
    """``taxonomy.tsv``: code -> SubType."""
    return {row[0]: SubType(*row) for row in read_tsv("taxonomy.tsv", columns=6)}


def load_event_lexicons() -> EventLexicons:
    """Load and check every event-engine lexicon."""
    taxonomy = load_taxonomy()
    triggers = []
    for phrase, code, strength in read_tsv("lexicons/triggers.tsv", columns=3):
        if code not in taxonomy and code not in FAMILIES:
            raise ResourceError(f"lexicons/triggers.tsv: unknown code {code!r} for {phrase!r}")
        triggers.append((phrase, Trigger(code, int(strength), phrase)))
    weapons = []
    for phrase, cue, weapon in read_tsv("lexicons/weapons.tsv", columns=3):
        if cue not in CUES:
            raise ResourceError(f"lexicons/weapons.tsv: unknown cue {cue!r} for {phrase!r}")
        weapons.append((phrase, (cue, weapon)))
    context = []
    for phrase, kind in read_tsv("lexicons/context.tsv", columns=2):
        if kind not in CONTEXT_KINDS:
            raise ResourceError(f"lexicons/context.tsv: unknown kind {kind!r} for {phrase!r}")
        context.append((phrase, kind))
    sources = [(ar, en) for ar, en in read_tsv("lexicons/sources.tsv", columns=2)]
    persons = {
        normalise_key(w): (int(n), c == "yes") for w, n, c in read_tsv("lexicons/person_nouns.tsv", columns=3)
    }
    return EventLexicons(
        taxonomy=taxonomy,
        triggers=PhraseMatcher(triggers),
        weapons=PhraseMatcher(weapons),
        context=PhraseMatcher(context),
        sources=PhraseMatcher(sources),
        persons=persons,
    )
