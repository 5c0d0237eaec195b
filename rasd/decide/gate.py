"""Does the article report any event at all? A learned gate over the whole document.

Monthly tallies, reports of rights groups, verdicts, speeches and analyses are full of violence words,
and each of their sentences can look like an event report on its own. The gate reads what a single
candidate cannot: the article's lead (its first sentences, as light stems), how many candidates the
rules found and how sure the event model is of the best of them. When the gate's probability that
the article reports an event is below its threshold, no event of the article is kept.
Trained by ``rasd.decide.train`` on the coded articles (label: the article has a gold event), with
the event model's out-of-fold confidences as inputs; the weights ship inside the decision model.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rasd.analyse import Doc
from rasd.decide.features import _stem
from rasd.decide.linear import bin_label, logistic
from rasd.model import Event

__all__ = ["Gate", "gate_features", "lead_features"]

LEAD_SENTENCES = 4
LEAD_WORDS = 120


def lead_features(doc: Doc) -> tuple[str, ...]:
    """Light stems of the article's first sentences (headline included), at most :data:`LEAD_WORDS`."""
    sentences: list[tuple[int, int]] = []
    for c in doc.clauses:
        s = (c.sentence.start, c.sentence.end)
        if not sentences or sentences[-1] != s:
            sentences.append(s)
        if len(sentences) > LEAD_SENTENCES:
            sentences.pop()
            break
    if not sentences:
        return ()
    lo, hi = sentences[0][0], sentences[-1][1]
    first = bisect.bisect_left(doc.token_starts, lo)
    last = min(bisect.bisect_left(doc.token_starts, hi), first + LEAD_WORDS)
    words = [t.text for t in doc.tokens[first:last]]
    return tuple(sorted({f"lead:{_stem(w)}" for w in words if len(w) > 1}))


def gate_features(lead: Sequence[str], events: Sequence[Event] | Sequence[Mapping[str, object]],
                  confidences: Sequence[float]) -> list[str]:
    """The gate's features: the lead's stems plus the candidates' number, kinds and best confidences."""
    out = list(lead)
    conf = sorted(confidences, reverse=True)
    out.append("n:" + bin_label(len(conf), (0, 1, 2, 4, 8)))
    out.append("top:" + bin_label(conf[0] if conf else 0.0, (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)))
    if len(conf) > 1:
        out.append("second:" + bin_label(conf[1], (0.3, 0.5, 0.7)))
    types = {ev.event_type if isinstance(ev, Event) else str(ev.get("event_type")) for ev in events}
    out += [f"type:{t}" for t in sorted(types)]
    return out


@dataclass(frozen=True, slots=True)
class Gate:
    """Weights of the article gate and the probability below which an article keeps no event."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    def probability(self, features: Sequence[str]) -> float:
        return logistic(self.weights, self.bias, features)

    def closes(self, features: Sequence[str]) -> bool:
        """Does the gate say the article reports no event?"""
        return self.probability(features) < self.threshold
