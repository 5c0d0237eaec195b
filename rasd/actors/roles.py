"""Who is actor1, actor2 or an associate in one event sentence (simple, explainable word-order rules).

Arabic news is mostly verb-first: the first armed actor after the verb acted and the
next one was acted upon. Three cues override order: an agent marker before a mention
("بنيران", "من قبل", "على يد") makes it actor1 (passives: "قُتل عنصران بنيران مسلحين");
"مع"/"بمساندة" before a mention makes it an associate of the side before it; civilians
are never actor1 when an armed actor is present, and protesters always are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rasd.actors.find import ActorMention
from rasd.model import Actor
from rasd.text.normalise import normalise_key

if TYPE_CHECKING:
    from rasd.actors.knowledge import ActorKB

__all__ = ["ActorRoles", "assign_roles"]

# How far back (raw characters) a marker may stand before the mention it governs.
MARKER_WINDOW = 16
_AGENT = re.compile(r"(?:من قبل|علي يد|بنيران|برصاص|بواسطه|نفذها|نفذه|شنها|شنته|اطلقها|تبنته|تبنت)\s*$")
# "بنيران مسلحين": the marker is the clitic ب on a fire/strike noun that starts the mention itself.
_AGENT_HEAD = re.compile(r"^(?:نيران|رصاص|قصف|غار|ضرب|طائر|طيران|مسير|صاروخ)")
# Explicit partnership markers make an associate; a bare "مع" usually names the opponent
# ("اشتبكت قسد مع فصائل ..."), and "و" joins an associate only of the same type.
_ASSOC = re.compile(r"(?:بالاشتراك مع|بمساند[هت]|بمشارك[هت]|بدعم من|باسناد)\s*$")
_AND = re.compile(r"(?:^|\s)و\s*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRoles:
    """The actors of one event, as the CONTRACT's actor1/actor2/assoc_actors fields."""

    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actors1: tuple[Actor, ...] = ()
    assoc_actors2: tuple[Actor, ...] = ()


def _before(text: str, m: ActorMention) -> str:
    return normalise_key(text[max(0, m.start - MARKER_WINDOW):m.start] + "x")[:-1] if m.start else ""


def _is_agent(text: str, m: ActorMention) -> bool:
    before = _before(text, m)
    if _AGENT.search(before):
        return True
    return before.endswith("ب") and bool(_AGENT_HEAD.match(normalise_key(m.text)))


def assign_roles(kb: ActorKB, text: str, mentions: Sequence[ActorMention], *, start: int, end: int,
                 country: str | None = None, date: dt.date | None = None) -> ActorRoles:
    """Actor roles for the event read from ``text[start:end]``; ``mentions`` are the article's."""
    items: list[tuple[ActorMention, Actor]] = []
    for i, m in enumerate(mentions):
        if start <= m.start < end:
            actor = kb.resolve(m, country=country, date=date, previous=mentions[:i])
            if items and actor.id is not None and items[-1][1].id == actor.id:
                continue  # "قوات سوريا الديمقراطية (قسد)": one actor named twice
            items.append((m, actor))
    if not items:
        return ActorRoles()
    strong = [(m, a) for m, a in items if not m.weak] or items
    agents = [(m, a) for m, a in strong if _is_agent(text, m) and a.type != "civilians"]
    protesters = [(m, a) for m, a in strong if a.type in ("protesters", "rioters")]
    armed = [(m, a) for m, a in strong if a.type not in ("civilians", "protesters", "rioters")]
    first = (protesters or agents or armed or strong)[0]
    actor1 = first[1]
    rest = [(m, a) for m, a in strong if m is not first[0] and a.id != actor1.id]
    assoc1: list[Actor] = []
    assoc2: list[Actor] = []
    actor2: Actor | None = None
    civilians = [a for _, a in rest if a.type == "civilians"]
    for m, a in rest:
        before = _before(text, m)
        is_assoc = bool(_ASSOC.search(before)) or (bool(_AND.search(before)) and a.type == actor1.type)
        if is_assoc and actor2 is None and m.start > first[0].start:
            assoc1.append(a)
        elif actor2 is None and (not civilians or a.type == "civilians" or actor1.type == "protesters"):
            actor2 = a
        elif actor2 is not None and is_assoc and a.type == actor2.type:
            assoc2.append(a)
    return ActorRoles(actor1=actor1, actor2=actor2, assoc_actors1=tuple(assoc1), assoc_actors2=tuple(assoc2))
