"""Who did what to whom in a frame: actor1 (agent), actor2 (target), associated actors and the claimant."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from rasd.model import Actor
from rasd.text.matching import PhraseMatch

__all__ = ["Roles", "assign_roles", "same_actor"]

# How close (characters) a role marker must stand before an actor phrase to mark it
# ("مواقع لـ X", "من قبل X", "تعرضت X"); a few words at most.
MARKER_REACH = 14
# Victims follow their death/injury word with a count between ("مقتل أربعة من عناصر ...").
VICTIM_REACH = 22
# Active killing verbs: what follows is the killer ("قتلت مسيرة إسرائيلية ستة عناصر").
ACTIVE_KILL_VERBS = frozenset({"قتلت", "قتلوا"})
# A reporting verb this close before an actor makes it the reporter ("قال الجيش", "ذكرت السلطات").
SOURCE_REACH = 8


@dataclass(frozen=True, slots=True)
class Roles:
    """Actors by role, each with the rule that placed it."""

    actor1: tuple[Any, Actor] | None
    actor2: tuple[Any, Actor] | None
    assoc1: tuple[tuple[Any, Actor], ...]
    claimed_by: tuple[Any, Actor] | None
    rules: dict[str, str]


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Same KB entry, or same name when neither has an id."""
    if a is None or b is None:
        return False
    if a.id and b.id:
        return a.id == b.id
    return a.name == b.name


def _marked(text: str, mention: Any, ctx: Sequence[PhraseMatch[Any]], kind: str, reach: int = 0,
            exclude: frozenset[str] = frozenset()) -> bool:
    reach = reach or MARKER_REACH
    for c in ctx:
        if kind in c.values and c.end <= mention.start and mention.start - c.end <= reach and c.key not in exclude:
            gap = text[c.end:mention.start]
            if "،" not in gap and "." not in gap:
                return True
    return False


_OWNER_GAP = regex.compile(r"^\s*(?:تابع(?:ة|ه|ين|تين)?\s*)?(?:ل|لـ|ل ـ)?\s*$")


def _owners_for_objects(text: str, actors: Sequence[tuple[Any, Actor]]) -> list[tuple[Any, Actor]]:
    """"حاجزاً لقوات سوريا الديمقراطية": a generic object phrase followed by its owner stands for the owner."""
    out = []
    for i, a in enumerate(actors):
        nxt = actors[i + 1] if i + 1 < len(actors) else None
        if (nxt is not None and getattr(a[0], "kind", "") == "generic" and getattr(nxt[0], "kind", "") == "named"
                and nxt[0].start - a[0].end <= 10 and _OWNER_GAP.match(text[a[0].end:nxt[0].start])):
            continue
        out.append(a)
    return out


def _opens_with(mention: Any, ctx: Sequence[PhraseMatch[Any]], kind: str) -> bool:
    """The actor phrase itself starts with a target noun ("سيارة عسكرية", "دورية للجيش")."""
    return any(kind in c.values and c.start == mention.start for c in ctx)


def assign_roles(
    text: str,
    trigger_start: int,
    actors: Sequence[tuple[Any, Actor]],
    ctx: Sequence[PhraseMatch[Any]],
    *,
    claim: PhraseMatch[Any] | None,
    code: str,
    symmetric: bool = False,
) -> Roles:
    """Place the clause's actors (mention, resolved actor), sorted by position, into roles.

    ``symmetric`` is for clash words ("اشتباكات", "اقتتال"), where the side named first is
    actor1 even when its fighters are the ones killed (ACLED's Battles rule).
    """
    rules: dict[str, str] = {}
    claimed = None
    if claim is not None:
        after = [a for a in actors if a[0].start >= claim.end and a[0].start - claim.end <= MARKER_REACH]
        before = [a for a in actors if a[0].end <= claim.start and claim.start - a[0].end <= 40]
        pick = after[0] if after else (before[-1] if before else None)
        if pick:
            claimed = pick
            rules["claimed_by"] = f"claim word {claim.key!r}"
    between = next((c for c in ctx if "between" in c.values and c.start < trigger_start + 80), None)
    if between is not None:
        pair = [a for a in actors if a[0].start > between.start]
        if len(pair) >= 2 and not same_actor(pair[0][1], pair[1][1]):
            rules["actor1"] = rules["actor2"] = "بين X و Y"
            return Roles(pair[0], pair[1], (), claimed, rules)
    actors = _owners_for_objects(text, actors)
    agents, targets, others, reporters = [], [], [], []
    strong = [a for a in actors if not getattr(a[0], "weak", False)]
    weak = [a for a in actors if getattr(a[0], "weak", False)]
    # A weak mention (a bare "طائرات", the trigger "غارة") may act, but is never a target.
    for a in strong + [w for w in weak if not strong]:
        mention, actor = a
        victim = not symmetric and (_marked(text, mention, ctx, "death", VICTIM_REACH, exclude=ACTIVE_KILL_VERBS)
                                    or _marked(text, mention, ctx, "injury", VICTIM_REACH))
        if _marked(text, mention, ctx, "agent"):
            # Disrupted weapons use: whoever launched the downed drone/missile is the target.
            (targets if code == "SD-DISRUPT" else agents).append(a)
        elif (_marked(text, mention, ctx, "suffered") or actor.type == "civilians" or victim
              or (mention.start > trigger_start and _opens_with(mention, ctx, "target"))):
            targets.append(a)
        elif _marked(text, mention, ctx, "source", SOURCE_REACH):
            reporters.append(a)  # "قال الجيش ...", "حسبما ذكرت السلطات": a reporter, maybe also the actor
        elif mention.start > trigger_start and _marked(text, mention, ctx, "target"):
            targets.append(a)
        elif code.startswith("BAT") and text[max(0, mention.start - 4):mention.start].strip().endswith("مع"):
            targets.append(a)  # "اشتباكات مع X": X is the other side
        else:
            others.append(a)
    others.sort(key=lambda a: a[0].start)
    actor1 = None
    if agents:
        actor1, rules["actor1"] = agents[0], "agent marker (من قبل / على يد / نفذته)"
    elif claimed:
        actor1, rules["actor1"] = claimed, "the claimant"
    elif others:
        actor1, rules["actor1"] = others[0], "first actor not marked as target"
    elif reporters:
        actor1, rules["actor1"] = reporters[0], "the reporting force (no other actor named)"
    actor2 = None
    for a in targets:
        if actor1 is None or not same_actor(a[1], actor1[1]):
            actor2, rules["actor2"] = a, "target marker / victims"
            break
    if actor2 is None and code not in {"SD-CHANGE", "PRO-PEACE", "SD-AGREE"}:
        for a in others:
            if actor1 is not None and a[0].start > actor1[0].start and not same_actor(a[1], actor1[1]):
                actor2, rules["actor2"] = a, "next actor after actor1"
                break
    assoc = tuple(
        a for a in others
        if actor1 is not None and a is not actor1 and a is not actor2
        and text[max(0, a[0].start - 4):a[0].start].strip().endswith("مع")
        and not same_actor(a[1], actor1[1])
    )
    if assoc:
        rules["assoc_actors1"] = "مع X after actor1"
    return Roles(actor1, actor2, assoc, claimed, rules)
