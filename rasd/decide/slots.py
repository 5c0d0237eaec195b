"""Which actor fills an event's actor1 and actor2 slots: the rule engine's pick ranked against the
other actors of the event's sentence (and, for actor2, against "no target") by a learned linear model.

For each kept event and slot the options are: the engine's own choice (``current``), every other
actor phrase of the sentence(s) the event is read from (resolved as the engine resolves them: the
event's country and date, short references against the mentions before them) and, for actor2,
``None``. Each option is described by binary features (who it is, where it stands against the
report word, the word before it, whether it fills the other slot, the event's sub-type) and the
option with the highest score fills the slot. Trained by ``rasd.decide.train`` on the candidates
matched to gold events, one model per slot; the weights ship inside the decision model (``slots``).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex

from rasd.actors.knowledge import ActorKB
from rasd.analyse import Doc
from rasd.decide.linear import bin_label, logistic
from rasd.engine.build import COREF_WINDOW
from rasd.model import Actor, Event

__all__ = ["ROLES", "SlotContext", "SlotModel", "SlotOption", "choose_actors", "ranking", "slot_features",
           "slot_options"]

ROLES = ("actor1", "actor2")

_WORD = regex.compile(r"\w+")
_CLITIC = regex.compile(r"^(?:و|ف)(?=\w{2,})")


@dataclass(slots=True)
class SlotContext:
    """What the rankers read of one document, computed once: clause and actor offsets, and the actor
    resolutions already made (by mention index, country and date)."""

    clause_starts: list[int]
    actor_starts: list[int]
    resolved: dict[tuple[int, str | None, object], Actor]

    @classmethod
    def of(cls, doc: Doc) -> SlotContext:
        return cls([c.span.start for c in doc.clauses], [m.start for m in doc.actors], {})


@dataclass(frozen=True, slots=True)
class SlotOption:
    """One way to fill a slot: an actor (or None) and the text offsets of its phrase (-1 when none)."""

    actor: Actor | None
    start: int = -1
    end: int = -1
    current: bool = False  # the rule engine's own choice
    kind: str = ""  # the phrase's kind: "named", "generic" or "coref"


def _trigger_start(event: Event) -> int:
    prov = next((p for p in event.provenance if p.field == "event_type" and p.span is not None), None)
    if prov is not None and prov.span is not None:
        return prov.span.start
    return event.evidence[0].start if event.evidence else 0


def _same(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.id is not None and a.id == b.id and a.country == b.country) or (a.name == b.name and a.text == b.text)


def _sentence_bounds(doc: Doc, event: Event, starts: Sequence[int]) -> tuple[int, int]:
    """From the start of the first sentence holding evidence to the end of the last one."""
    if not event.evidence:
        return 0, 0
    lo, hi = event.evidence[0].start, event.evidence[-1].end
    first = doc.clauses[max(0, bisect.bisect_right(starts, lo) - 1)] if doc.clauses else None
    last = doc.clauses[max(0, bisect.bisect_right(starts, max(lo, hi - 1)) - 1)] if doc.clauses else None
    if first is None or last is None:
        return lo, hi
    return min(first.sentence.start, lo), max(last.sentence.end, hi)


def slot_options(doc: Doc, event: Event, kb: ActorKB, role: str,
                 ctx: SlotContext | None = None) -> list[SlotOption]:
    """The engine's choice for ``role``, the other actors of the event's sentence(s), and for actor2
    None (no duplicates). ``ctx`` (:meth:`SlotContext.of` the document) is shared between calls."""
    ctx = SlotContext.of(doc) if ctx is None else ctx
    current = getattr(event, role)
    out = [SlotOption(current, current=True)]
    lo, hi = _sentence_bounds(doc, event, ctx.clause_starts)
    country = event.location.country if event.location is not None else None
    for k in range(bisect.bisect_left(ctx.actor_starts, lo), len(doc.actors)):
        m = doc.actors[k]
        if m.start >= hi:
            break
        key = (k, country, event.date)
        actor = ctx.resolved.get(key)
        if actor is None:
            previous = [p for p in doc.actors[max(0, k - COREF_WINDOW):k] if p.end <= m.start]
            actor = ctx.resolved[key] = kb.resolve(m, country=country, date=event.date, previous=previous)
        if _same(actor, current):
            if current is not None and out[0].start < 0:
                out[0] = SlotOption(current, m.start, m.end, current=True, kind=m.kind)
            continue
        if any(_same(actor, o.actor) for o in out):
            continue
        out.append(SlotOption(actor, m.start, m.end, kind=m.kind))
    if current is not None and role == "actor2":
        out.append(SlotOption(None))
    return out


def _word_before(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 25):start])
    return _CLITIC.sub("", words[-1]) if words else "^"


def slot_features(doc: Doc, event: Event, option: SlotOption, role: str) -> list[str]:
    """Binary features of filling ``event``'s slot ``role`` with ``option``."""
    sub = event.sub_event_type
    other = event.actor1 if role == "actor2" else event.actor2
    out = [f"sub:{sub}"]
    a = option.actor
    if option.current:
        out += ["current", f"current-sub:{sub}"]
        rule = next((p.rule for p in event.provenance if p.field == role), "")
        out.append(f"current-rule:{rule.split('(')[0].strip()[:40]}")
    if a is None:
        out += ["none", f"none-sub:{sub}", "none-other" if other is not None else "none-no-other"]
        return out
    out += [f"type:{a.type}", f"type-sub:{a.type}|{sub}"]
    if other is not None:
        if _same(a, other):
            out.append("is-other-slot")
        out.append(f"other-type:{other.type}|{a.type}")
        if a.country and other.country and a.country == other.country:
            out.append("same-country-as-other")
    if a.id is None or a.id.startswith(("unidentified", "civ-", "prot-", "riot-")):
        out.append("generic-id")
    if option.start < 0:
        out.append("no-phrase")  # filled by a default (civilians of the country, the previous report)
        return out
    trig = _trigger_start(event)
    words = len(_WORD.findall(doc.text[min(option.start, trig):max(option.start, trig)]))
    side = "after" if option.start > trig else "before"
    out += [f"side:{side}", f"side-sub:{side}|{sub}", f"dist:{side}{bin_label(words, (0, 2, 5, 10, 20))}"]
    before = _word_before(doc.text, option.start)
    out += [f"prev:{before}", f"prev-side:{before}|{side}", f"prev-sub:{before}|{sub}"]
    trig_word = _WORD.findall(doc.text[trig:trig + 20])
    if trig_word:
        out.append(f"trig-side:{_CLITIC.sub('', trig_word[0])}|{side}")
    if option.kind:
        out += [f"kind:{option.kind}", f"kind-side:{option.kind}|{side}"]
    lo = event.evidence[0].start if event.evidence else 0
    hi = event.evidence[-1].end if event.evidence else 0
    out.append("in-evidence" if lo <= option.start < hi else "outside-evidence")
    return out


@dataclass(frozen=True, slots=True)
class SlotModel:
    """Weights of one slot's ranker (feature → weight, bias)."""

    weights: Mapping[str, float]
    bias: float = 0.0

    def score(self, features: Sequence[str]) -> float:
        return logistic(self.weights, self.bias, features)


def ranking(model: SlotModel, features: Sequence[Sequence[str]]) -> list[int]:
    """Option indices from the highest score down (the engine's choice, option 0, first on ties)."""
    scores = [model.score(f) for f in features]
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i != 0, i))


def choose_actors(models: Mapping[str, SlotModel], doc: Doc, event: Event, kb: ActorKB,
                  ctx: SlotContext | None = None) -> Event:
    """``event`` with its slots filled by the rankers in ``models``: actor1 by its best option, actor2 by
    its best option that is not that actor1 (without an actor2 ranker: the engine's actor2, or none
    when it is that actor1). Both slots are ranked on the engine's event; ``ctx`` is shared by the
    events of one document."""
    if not models:
        return event
    ctx = SlotContext.of(doc) if ctx is None else ctx
    actor1 = event.actor1
    if "actor1" in models:
        options = slot_options(doc, event, kb, "actor1", ctx)
        actor1 = options[ranking(models["actor1"], [slot_features(doc, event, o, "actor1") for o in options])[0]].actor
    if "actor2" in models:
        options = slot_options(doc, event, kb, "actor2", ctx)
        order = [options[k].actor for k in
                 ranking(models["actor2"], [slot_features(doc, event, o, "actor2") for o in options])]
    else:
        order = [event.actor2, None]
    actor2 = next((a for a in order if a is None or not _same(a, actor1)), None)
    if _same(actor1, event.actor1) and _same(actor2, event.actor2):
        return event
    return dataclasses.replace(event, actor1=actor1, actor2=actor2)
