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
# How far (characters) a generic phrase may stand before the named group it belongs to.
OWNER_REACH = 26
# A death word this close after an actor phrase makes it the victim ("40 جنديًا قُتلوا").
FOLLOW_REACH = 3
# Active killing verbs: what follows is the killer ("قتلت مسيرة إسرائيلية ستة عناصر").
ACTIVE_KILL_VERBS = frozenset({"قتلت", "قتلوا"})
# A reporting verb this close before an actor makes it the reporter ("قال الجيش", "ذكرت السلطات").
SOURCE_REACH = 8
# The subject of a report word stands before it or at most this many characters after it.
SUBJECT_REACH = 40
# Sub-types ACLED codes without a target actor (a movement, a peaceful protest, an agreement's sides
# are both actor1/associated).
NO_TARGET = frozenset({"SD-CHANGE", "SD-HQ", "PRO-PEACE", "SD-AGREE"})
CROWD = frozenset({"protesters", "rioters"})


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


_OWNER_GAP = regex.compile(
    r"^\s*(?:(?:تابع(?:ة|ه|ين|تين)?\s*)?(?:ل|لـ|ل ـ)?"
    r"|(?:(?:ما\s*)?يعرف|المعروف(?:ة|ه)?|المسماة|المسماه|يدعى|تدعى)\s*(?:بـ*|باسم)?)\s*[\"“«]?\s*$"
)
_MEMBER_GAP = regex.compile(r"^\s*من\s+(?:\S+\s+){0,2}?(?:[\"“«]\s*)?$")


def _owners_for_objects(text: str, actors: Sequence[tuple[Any, Actor]]) -> list[tuple[Any, Actor]]:
    """"حاجزاً لقوات سوريا الديمقراطية", "شبان من عناصر اللواء الثامن": a generic phrase followed by the
    named group it belongs to stands for that group."""
    out = []
    for i, a in enumerate(actors):
        nxt = actors[i + 1] if i + 1 < len(actors) else None
        if (nxt is not None and getattr(a[0], "kind", "") == "generic" and getattr(nxt[0], "kind", "") == "named"
                and nxt[0].start - a[0].end <= OWNER_REACH
                and (_OWNER_GAP.match(gap := text[a[0].end:nxt[0].start]) or _MEMBER_GAP.match(gap))):
            continue
        out.append(a)
    return out


def _followed_by_death(text: str, mention: Any, ctx: Sequence[PhraseMatch[Any]]) -> bool:
    """"40 جنديا قتلوا", "عناصر لقوا مصرعهم": the actor phrase is the subject of a passive death word."""
    return any("death" in c.values and 0 <= c.start - mention.end <= FOLLOW_REACH for c in ctx)


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
    actors = _owners_for_objects(text, actors)
    between = next((c for c in ctx if "between" in c.values and c.start < trigger_start + 80), None)
    if between is not None:
        pair = [a for a in actors if a[0].start > between.start]
        if len(pair) >= 2 and not same_actor(pair[0][1], pair[1][1]):
            rules["actor1"] = rules["actor2"] = "بين X و Y"
            first, second = pair[0], pair[1]
            if code.startswith(("PRO", "RIO")) and second[1].type in CROWD and first[1].type not in CROWD:
                first, second = second, first  # ACLED: the crowd is actor1 ("بين قوات الأمن والمتظاهرين")
            return Roles(first, second, (), claimed, rules)
    agents, targets, victims, others, reporters = [], [], [], [], []
    strong = [a for a in actors if not getattr(a[0], "weak", False)]
    weak = [a for a in actors if getattr(a[0], "weak", False)]
    # A weak mention (a bare "طائرات", the trigger "غارة") may act, but is never a target.
    for a in strong + [w for w in weak if not strong]:
        mention, actor = a
        if mention.start <= trigger_start < mention.end:
            agents.append(a)  # the actor phrase holds the report word: "قصف مدفعي تركي", "غارة إسرائيلية"
        elif _marked(text, mention, ctx, "agent"):
            # Disrupted weapons use: whoever launched the downed drone/missile is the target.
            (targets if code == "SD-DISRUPT" else agents).append(a)
        elif _marked(text, mention, ctx, "source", SOURCE_REACH):
            reporters.append(a)  # "قال الجيش ...", "قال سكان ...": a reporter, maybe also the actor
        elif (_marked(text, mention, ctx, "suffered") or actor.type == "civilians"
              or (mention.start > trigger_start and _opens_with(mention, ctx, "target"))
              or (code == "SD-DISRUPT" and mention.start > trigger_start and getattr(mention, "is_aircraft", False))):
            targets.append(a)
        elif (_marked(text, mention, ctx, "death", VICTIM_REACH, exclude=ACTIVE_KILL_VERBS)
              or _marked(text, mention, ctx, "injury", VICTIM_REACH) or _followed_by_death(text, mention, ctx)):
            victims.append(a)  # "مقتل 4 عناصر من X", "40 جنديا قتلوا": X's side was hit
        elif mention.start > trigger_start and _marked(text, mention, ctx, "target"):
            targets.append(a)
        else:
            others.append(a)
    # In a clash the side that lost fighters is the target unless another side is named as such
    # ("اقتتال ضد X"); "مع X" names the other side without saying who attacked.
    if symmetric and targets:
        others.extend(victims)
    else:
        targets.extend(victims)
    if code.startswith(("PRO", "RIO")):
        # ACLED: in protests and riots actor1 is the crowd; the force that intervened is actor2.
        crowd = [a for a in (*agents, *others, *targets, *reporters) if a[1].type in ("protesters", "rioters")]
        if crowd:
            force = [a for a in (*agents, *others, *targets, *reporters) if a[1].type not in
                     ("protesters", "rioters", "civilians")] if code not in NO_TARGET else []
            rules["actor1"] = "the protesters (ACLED: crowd is actor1)"
            if force:
                rules["actor2"] = "the force that intervened"
            return Roles(crowd[0], force[0] if force else None, (), claimed, rules)
    targets.sort(key=lambda a: a[0].start)
    others.sort(key=lambda a: a[0].start)
    # An actor far after the report word is rarely its subject (VSO: "قصفت طائرات X مواقع ...").
    near_others = [a for a in others if a[0].start <= trigger_start + SUBJECT_REACH]
    actor1 = None
    if agents:
        actor1, rules["actor1"] = agents[0], "agent marker (من قبل / على يد / نفذته) or the report word's own actor"
    elif claimed:
        actor1, rules["actor1"] = claimed, "the claimant"
    elif near_others:
        actor1, rules["actor1"] = near_others[0], "first actor not marked as target"
    elif any(a[1].type != "civilians" for a in reporters):
        actor1 = next(a for a in reporters if a[1].type != "civilians")
        rules["actor1"] = "the reporting force (no other actor named)"
    elif others:
        actor1, rules["actor1"] = others[0], "first actor not marked as target"
    actor2 = None
    if code not in NO_TARGET:
        for a in targets:
            if actor1 is None or not same_actor(a[1], actor1[1]):
                actor2, rules["actor2"] = a, "target marker / victims"
                break
        if actor2 is None:
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
