"""Resolving an actor mention to a KB actor, using the event's country and date and earlier mentions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rasd.actors.find import ActorMention
from rasd.actors.kb import ActorEntry
from rasd.model import Actor

if TYPE_CHECKING:
    from rasd.actors.knowledge import ActorKB

__all__ = ["actor_of", "resolve_mention"]

_MILITIA_TYPES = frozenset({"political_militia", "identity_militia"})
_NON_ACTORS = frozenset({"civilians", "protesters", "rioters"})
# Heads of short references (normalised, without ال) and the KB types they may point to
# even when no alias of the antecedent starts with that head ("الخلية" after "داعش").
_TYPE_HEADS: dict[str, frozenset[str]] = {
    "خليه": frozenset({"rebel_group"}),
    "ميليشيا": _MILITIA_TYPES,
    "فصيل": frozenset({"rebel_group", "political_militia"}),
    "جماعه": frozenset({"rebel_group", "political_militia", "identity_militia"}),
}
# When a short reference has no antecedent: which generic actor it most likely means.
_COALITION_BY_COUNTRY = {"YE": "sa-coalition", "SA": "sa-coalition"}
_FALLBACK_NAMES = {
    "military": ("State forces", "state_forces"),
    "police": ("State forces", "state_forces"),
    "intelligence": ("State forces", "state_forces"),
    "civilians": ("Civilians", "civilians"),
    "protesters": ("Protesters", "protesters"),
    "rioters": ("Rioters", "rioters"),
}


def actor_of(entry: ActorEntry, text: str, event_country: str | None) -> Actor:
    """The CONTRACT actor for ``entry`` as written ``text``; a state acting abroad is external_forces."""
    typ = entry.type
    if typ == "state_forces" and entry.country and event_country and entry.country != event_country:
        typ = "external_forces"
    return Actor(name=entry.name, text=text, type=typ, country=entry.country, id=entry.id)


def resolve_mention(kb: ActorKB, mention: ActorMention, *, country: str | None = None,
                    date: dt.date | None = None, previous: Sequence[ActorMention] = ()) -> Actor:
    """The actor ``mention`` stands for in an event in ``country`` on ``date``."""
    if mention.kind == "named":
        entry = _pick_named(kb, mention, country, date)
        if entry is not None:
            return actor_of(entry, mention.text, country)
        return _generic(kb, mention, country, date)
    if mention.kind == "generic":
        return _generic(kb, mention, country, date)
    return _coref(kb, mention, country, date, previous)


def _pick_named(kb: ActorKB, m: ActorMention, country: str | None, date: dt.date | None) -> ActorEntry | None:
    cands = [kb.entries[i] for i in m.entry_ids if i in kb.entries]
    if not cands:
        return None
    if m.role and country and not any(e.acts_in(country) for e in cands):
        # "الأمن العسكري" in Egypt is Egypt's, not Syria's: the generic reading wins abroad.
        return None
    ranked = sorted(
        enumerate(cands),
        key=lambda ie: (ie[1].valid_on(date), ie[1].acts_in(country), ie[1].country is None, -ie[0]),
        reverse=True,
    )
    best = ranked[0][1]
    if best.country is None and best.role:
        # A generic KB entry ("مسلحون مجهولون") becomes the country's own generic actor.
        return kb.default_actor(best.role, country, date) or best
    return best


def _generic(kb: ActorKB, m: ActorMention, country: str | None, date: dt.date | None) -> Actor:
    role = m.role or "unidentified"
    cc = m.nationality or country
    entry: ActorEntry | None
    if role == "unidentified_military":
        entry = kb.entries.get("unidentified-military")
    elif role == "proxy":
        entry = kb.proxy_of(m.nationality, country) or kb.default_actor("unidentified", country, date)
    elif role in ("military", "police", "intelligence"):
        entry = kb.default_actor(role, cc, date)
        if entry is None and role != "military":
            entry = kb.default_actor("military", cc, date)
    else:
        entry = kb.default_actor(role, cc, date)
    if entry is None and role == "unidentified":
        entry = kb.entries.get("unidentified-armed")
    if entry is None:
        name, typ = _FALLBACK_NAMES.get(role, ("Unidentified Armed Group", "unidentified"))
        return Actor(name=name, text=m.text, type=typ, country=cc, id=None)
    return actor_of(entry, m.text, country)


def _coref(kb: ActorKB, m: ActorMention, country: str | None, date: dt.date | None,
           previous: Sequence[ActorMention]) -> Actor:
    head = m.head or "*"
    for p in reversed(previous):
        if p.kind == "coref" or p.weak or p.role in _NON_ACTORS or p.end > m.start:
            continue
        if _compatible(kb, p, head):
            antecedent = resolve_mention(kb, p, country=country, date=date)
            return replace(antecedent, text=m.text)
    if head == "تحالف":
        entry = kb.entries.get(_COALITION_BY_COUNTRY.get(country or "", "global-coalition"))
    elif head == "*":
        entry = kb.entries.get("unidentified-military")
    else:
        entry = kb.default_actor("unidentified", country, date) or kb.entries.get("unidentified-armed")
    if entry is None:
        return Actor(name="Unidentified Armed Group", text=m.text, type="unidentified")
    return actor_of(entry, m.text, country)


def _compatible(kb: ActorKB, p: ActorMention, head: str) -> bool:
    """Can the short reference with ``head`` ("تنظيم", "ميليشيا", "*") point back at ``p``?"""
    if head == "*":
        return True
    if p.kind == "generic":
        if head == "ميليشيا":
            return p.role == "proxy"
        return head in ("تنظيم", "خليه", "جماعه") and p.role == "unidentified"
    types = _TYPE_HEADS.get(head, frozenset())
    for eid in p.entry_ids:
        entry = kb.entries.get(eid)
        if entry is not None and (head in kb.heads(eid) or entry.type in types):
            return True
    return False
