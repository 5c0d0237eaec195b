"""Event frames: clauses whose triggers report a physical event, with the trigger, cues and filters read."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from rasd.analyse import Clause, Doc, by_clause
from rasd.engine.lexicons import FAMILIES, EventLexicons, Trigger
from rasd.text.matching import PhraseMatch

__all__ = ["Frame", "find_frames", "type_for"]

# Sub-types ranked by how specific a trigger makes them, used to break ties between
# triggers of equal strength in one clause (a "غارة" beats a generic "مقتل").
SPECIFICITY = (
    "ERV-SUICIDE", "ERV-CHEM", "ERV-AIR", "ERV-IED", "ERV-GRENADE", "ERV-SHELL", "SD-DISRUPT",
    "VAC-ABDUCT", "VAC-SEX", "BAT-GOV", "BAT-NSA", "SD-ARREST", "PRO-EXCESS", "PRO-INTERV", "RIO-VIOLENT",
    "RIO-MOB", "PRO-PEACE", "VAC-ATTACK", "BAT-CLASH", "SD-LOOT", "SD-CHANGE", "SD-TRANSFER", "SD-AGREE",
    "SD-HQ", "SD-OTHER",
)
# Negation/future words only block a trigger this close before it (tokens), so that
# "لم يسفر الهجوم عن إصابات" still reports the attack.
NEGATION_REACH = 3
NEGATION_WORDS = frozenset({"لم", "لن", "سوف", "لا"})
# How far (characters) after a generic trigger a specific one still belongs to the same report.
SPECIFIC_REACH = 60
# "منذ"/"حتى" before a date make it the start or end of a period (background, tallies); such a
# date up to this many characters after the trigger still governs it.
PERIOD_WORDS = regex.compile(r"(?:منذ|حتى|حتي|لغاية)\s*(?:تاريخ\s*)?$")
PERIOD_REACH = 80
# A figurative collocation ("هجوماً لاذعاً", "ضرب مثالاً", "معركة انتخابية") this close (characters) to a
# trigger, or overlapping it, makes it a figure of speech.
FIGURATIVE_REACH = 3
# Protest sub-types that outrank a plain protest word in the same clause (most specific first).
PROTEST_ESCALATION = ("PRO-EXCESS", "RIO-VIOLENT", "PRO-INTERV")
DEMONSTRATIVE = regex.compile(r"(?:تلك|هذه|هذا|ذلك|هذين|هاتين)\s*$")
# A background word ("متفرقة", "خلال عام", "عمليات اغتيال") governs triggers this close before
# (characters) or after it, not a whole long sentence.
BACKGROUND_BEFORE = 90
BACKGROUND_AFTER = 40
# "ردا على هجمات استهدفت ...": report words this close after a reason word name an earlier cause.
REASON_REACH = 60
# A number this large before a trigger noun in a clause with a duration is a tally.
TALLY_MIN = 2


@dataclass(frozen=True, slots=True)
class Frame:
    """One candidate event: the clause it was read from and what the triggers say."""

    clause: Clause
    window_end: int  # raw end of the text read for casualties (the clause, or more of the sentence)
    triggers: tuple[PhraseMatch[Trigger], ...]
    main: PhraseMatch[Trigger]
    code: str  # a sub-type code, or ATTACK / EXPLOSION / KILL to be typed once actors are known
    strength: int
    cues: frozenset[str]
    weapons: tuple[str, ...]
    claim: PhraseMatch[Trigger] | None
    rule: str
    definite: bool  # the trigger is a definite noun ("القصف", "الهجوم"): it usually refers back
    demonstrative: bool  # "تلك الغارات", "هذا الهجوم": it certainly refers back


def _cue_code(family: str, cues: frozenset[str]) -> str | None:
    order = ("SUICIDE", "CHEM", "AIR", "IED", "GRENADE", "SHELL")
    codes = {"SUICIDE": "ERV-SUICIDE", "CHEM": "ERV-CHEM", "AIR": "ERV-AIR", "IED": "ERV-IED",
             "GRENADE": "ERV-GRENADE", "SHELL": "ERV-SHELL"}
    if family == "EXPLOSION":
        for cue in ("SUICIDE", "AIR", "SHELL", "GRENADE"):
            if cue in cues:
                return codes[cue]
        return "ERV-IED"
    for cue in order:
        if cue in cues:
            return codes[cue]
    return None


def type_for(code: str, cues: frozenset[str], *, civilian_target: bool, armed_target: bool) -> str:
    """Final sub-type code of a frame once its target is known."""
    if code in ("ATTACK", "BOMBARD", "KILL", "EXPLOSION"):
        cue = _cue_code(code, cues)
        if cue:
            return cue
        if code == "BOMBARD":
            # "قصفت قوات الدعم السريع مدينة الأبيض": bombardment with no weapon named is shelling (ACLED),
            # never a clash, whoever the target.
            return "ERV-SHELL"
        if civilian_target and not armed_target:
            return "VAC-ATTACK"
        return "BAT-CLASH"
    if code == "VAC-ATTACK":
        # A massacre by aircraft or artillery is remote violence (ACLED codes civilian targeting apart).
        cue = _cue_code("ATTACK", cues & {"AIR", "SHELL", "IED", "SUICIDE", "CHEM"})
        if cue:
            return cue
        if armed_target and not civilian_target:
            return "BAT-CLASH"
    return code


def _rank(code: str) -> int:
    return SPECIFICITY.index(code) if code in SPECIFICITY else len(SPECIFICITY)


def _priority(trig: Trigger, cues: frozenset[str], lex: EventLexicons) -> tuple[int, int]:
    """Strongest trigger first; among equals the most specific sub-type."""
    code = trig.code if trig.code in lex.taxonomy else (_cue_code(trig.code, cues) or "VAC-ATTACK")
    return (-trig.strength, _rank(code))


def _blocked(doc: Doc, clause: Clause, trig: PhraseMatch[Trigger], ctx: Sequence[PhraseMatch[Any]]) -> str | None:
    """Why this trigger reports no event (negated, future, statement, tally), or None."""
    ti = doc.token_at(trig.start)
    for c in ctx:
        kinds = set(c.values)
        if "figurative" in kinds and (c.start < trig.end + FIGURATIVE_REACH and trig.start < c.end + FIGURATIVE_REACH):
            return f"figurative: {c.key}"
        if "background" in kinds and -BACKGROUND_AFTER <= trig.start - c.end <= BACKGROUND_BEFORE:
            return f"background: {c.key}"
        if "reason" in kinds and 0 <= trig.start - c.end <= REASON_REACH:
            return f"cause of the report, not an event of its own: {c.key}"
        if "condition" in kinds and c.start < trig.start:
            return f"conditional: {c.key}"
        if "not_event" in kinds and c.start < trig.start:
            near = doc.token_at(c.start) >= ti - NEGATION_REACH
            if c.key in NEGATION_WORDS:
                if near:
                    return f"negated/future: {c.key}"
            else:
                return f"statement/threat: {c.key}"
    durations = [c for c in ctx if "tally" in c.values]
    if durations:
        for j in (ti - 1, ti - 2):
            if 0 <= j < len(doc.tokens) and doc.tokens[j].start >= clause.span.start:
                word = doc.tokens[j].text
                if word.isdigit() and int(word) >= TALLY_MIN:
                    return f"tally: {word} {trig.key}"
        if any(c.key in {"مره", "مرات"} and c.start > trig.start for c in durations):
            return "tally: repeated attacks"
    return None


def _is_definite(t: PhraseMatch[Trigger]) -> bool:
    return t.prefix.endswith(("ال", "لل")) or t.key.startswith("ال")


def _period_clause(doc: Doc, clause: Clause, trig: PhraseMatch[Trigger]) -> str | None:
    """"منذ 23 أيلول وسعت ...", "حتى مساء السبت": a time expression opening a period, not a day."""
    lo = bisect.bisect_left(doc.time_starts, clause.sentence.start)
    for t in doc.times[lo:]:
        if t.start >= trig.start + PERIOD_REACH:
            break
        if t.start >= clause.sentence.start and PERIOD_WORDS.search(doc.text[max(0, t.start - 8):t.start]):
            return f"period: {doc.text[max(0, t.start - 8):t.end]!r}"
    return None


def find_frames(doc: Doc, lex: EventLexicons) -> list[Frame]:
    """One frame per clause that has an unblocked trigger (headline clauses included; see Clause.is_headline)."""
    groups = by_clause(doc.triggers, doc.clauses)
    ctx_groups = by_clause(doc.context, doc.clauses)
    weapon_groups = by_clause(doc.weapons, doc.clauses)
    frames: list[Frame] = []
    for clause, trigs, ctx, weapons in zip(doc.clauses, groups, ctx_groups, weapon_groups, strict=True):
        if not trigs:
            continue
        claim = next((t for t in trigs if t.values[0].code == "CLAIM"), None)
        live = []
        reasons = []
        figures = []
        for t in trigs:
            if t.values[0].code == "CLAIM":
                continue
            why = _blocked(doc, clause, t, ctx) or _period_clause(doc, clause, t)
            if why:
                reasons.append(why)
                if why.startswith("figurative"):
                    figures.append(t)
            else:
                live.append(t)
        # The light verb of a figure ("شنّ ... هجوماً لاذعاً") is part of it.
        live = [t for t in live if not any(0 <= f.start - t.end <= SPECIFIC_REACH for f in figures)]
        if not live:
            continue
        cues = frozenset(w.values[0][0] for w in weapons)
        # The clause's first report word of strength >= 2 names its event (later ones sit in
        # relative clauses: "قصفت طائرات ... معسكرات تقع تحت سيطرة ... وسط مواجهات").
        firm = [t for t in live if t.values[0].strength >= 2]
        # A definite report word refers back ("الغارات تزامنت مع هبوط مروحيات"): a later, indefinite one
        # of the clause carries the news.
        fresh = [t for t in firm if not _is_definite(t)]
        if firm and _is_definite(firm[0]) and fresh:
            firm = fresh
        main = firm[0] if firm else min(live, key=lambda t: _priority(t.values[0], cues, lex))
        if firm and firm[0].values[0].code in FAMILIES:
            # A family word ("قصف", "هجوم") defers to a specific word of the same report close after it,
            # or anywhere in the clause when no weapon word types it ("هاجم مستوطنون ... وأضرموا النار").
            untyped = _cue_code(firm[0].values[0].code, cues) is None or firm[0].values[0].code == "EXPLOSION"
            near = [t for t in firm[1:] if t.values[0].code not in FAMILIES
                    and t.values[0].strength >= main.values[0].strength
                    and (t.start - main.end <= SPECIFIC_REACH or (untyped and t.values[0].strength >= 3))]
            if near:
                main = near[0]
        if main.values[0].code == "PRO-PEACE":
            # A protest that met force or turned violent is coded as such ("فرقت الشرطة المتظاهرين بالغاز").
            # A weak dispersal verb ("فضت", "فرقت", "أزالت") counts only beside a protest word.
            escalated = [t for t in live if t.values[0].code in PROTEST_ESCALATION
                         and (t.values[0].strength >= 2 or t.values[0].code == "PRO-INTERV")]
            if escalated:
                main = min(escalated, key=lambda t: PROTEST_ESCALATION.index(t.values[0].code))
        trig = main.values[0]
        strength = trig.strength
        if any(t.values[0].code in lex.taxonomy and t is not main for t in live) and trig.code == "KILL":
            strength = max(t.values[0].strength for t in live)
        window_end = clause.span.end
        for later in doc.clauses[clause.index + 1:]:
            if later.sentence != clause.sentence or groups[later.index]:
                break
            window_end = later.span.end
        frames.append(Frame(
            clause=clause,
            window_end=window_end,
            triggers=tuple(live),
            main=main,
            code=trig.code,
            strength=strength,
            cues=cues,
            weapons=tuple(dict.fromkeys(w.values[0][1] for w in weapons)),
            claim=claim,
            rule=f"trigger {trig.phrase!r} ({trig.code}, strength {trig.strength})",
            definite=_is_definite(main),
            demonstrative=bool(DEMONSTRATIVE.search(doc.text[max(0, main.start - 8):main.start])),
        ))
    return frames
