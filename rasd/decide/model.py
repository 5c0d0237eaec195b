"""The learned decision layer: a logistic model over candidate-event features, with calibrated confidence.

The rules propose candidate events; this model decides which are real, single, physical event
reports and gives each a calibrated confidence (the share of events with that score that were
right on cross-validation). The weights ship as ``rasd/resources/models/decider.json.gz``, fitted
by ``scripts/train_decider.py`` from the coded corpus; they hold feature names and numbers only.
"""

from __future__ import annotations

import bisect
import dataclasses
import gzip
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rasd.actors.knowledge import ActorKB
from rasd.analyse import Doc
from rasd.decide.features import features_of
from rasd.decide.gate import Gate, gate_features, lead_features
from rasd.decide.linear import logistic
from rasd.decide.slots import SlotContext, SlotModel, choose_actors
from rasd.errors import ResourceError
from rasd.merge import fold_repeats
from rasd.model import Event
from rasd.resources import resource_path

__all__ = ["MODEL_RESOURCE", "Decider", "decider_from_dict", "focus_country", "load_decider"]

MODEL_RESOURCE = "models/decider.json.gz"
FORMAT = "rasd-decider/1"


@dataclass(frozen=True, slots=True)
class Decider:
    """Weights, bias, an isotonic calibration table and the keep threshold of the fitted model."""

    version: str
    weights: Mapping[str, float]
    bias: float
    calibration_x: tuple[float, ...]
    calibration_y: tuple[float, ...]
    threshold: float
    training: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    # the slot rankers ("actor1", "actor2"): each only when cross-validation found it better than the rules
    slots: Mapping[str, SlotModel] = dataclasses.field(default_factory=dict)
    gate: Gate | None = None  # the article gate, when cross-validation found it worth having

    def raw_probability(self, features: Sequence[str]) -> float:
        """The logistic model's probability that the candidate is a real event."""
        return logistic(self.weights, self.bias, features)

    def calibrate(self, p: float) -> float:
        """Piecewise-linear isotonic map from raw probability to the share of right events."""
        xs, ys = self.calibration_x, self.calibration_y
        if not xs:
            return p
        if p <= xs[0]:
            return ys[0]
        if p >= xs[-1]:
            return ys[-1]
        k = bisect.bisect_right(xs, p)
        x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)

    def confidences(self, doc: Doc, events: Sequence[Event]) -> list[float]:
        """Calibrated confidence of each candidate event of ``doc``."""
        feats = features_of(doc, events, focus=focus_country(events))
        return [self.calibrate(self.raw_probability(f)) for f in feats]

    def decide(self, doc: Doc, events: Sequence[Event], *, min_confidence: float = 0.0,
               kb: ActorKB | None = None) -> list[Event]:
        """Nothing when the article gate closes; else the events kept (confidence ≥ the model's threshold),
        their actors ranked by the slot models
        (given the actor knowledge base ``kb``), re-mentions folded into their first report
        (:func:`rasd.merge.fold_repeats`), then those with confidence ≥ ``min_confidence``."""
        if not events:
            return []
        conf = self.confidences(doc, events)
        if self.gate is not None and self.gate.closes(gate_features(lead_features(doc), events, conf)):
            return []  # the article as a whole reports no event (a tally, a verdict, a speech ...)
        kept = [dataclasses.replace(ev, confidence=c)
                for ev, c in zip(events, conf, strict=True) if c >= self.threshold]
        if self.slots and kb is not None:
            ctx = SlotContext.of(doc)  # offsets and actor resolutions shared by the article's events
            kept = [choose_actors(self.slots, doc, ev, kb, ctx) for ev in kept]
        return [ev for ev in fold_repeats(kept) if ev.confidence >= min_confidence]


def focus_country(events: Sequence[Event]) -> str | None:
    """The country most of the article's candidate events are placed in (None when none is placed)."""
    counts = Counter(ev.location.country for ev in events if ev.location is not None and ev.location.country)
    return counts.most_common(1)[0][0] if counts else None


def decider_from_dict(data: Mapping[str, Any]) -> Decider:
    """A :class:`Decider` from the JSON object written by ``scripts/train_decider.py``."""
    if data.get("format") != FORMAT:
        raise ResourceError(f"decider model: format {data.get('format')!r}, expected {FORMAT!r}")
    try:
        cal = data["calibration"]
        slots = data.get("slots")
        gate = data.get("gate")
        return Decider(version=str(data["version"]), weights={str(k): float(v) for k, v in data["weights"].items()},
                       bias=float(data["bias"]), calibration_x=tuple(map(float, cal["x"])),
                       calibration_y=tuple(map(float, cal["y"])), threshold=float(data["threshold"]),
                       training=data.get("training", {}),
                       slots={str(role): SlotModel({str(k): float(v) for k, v in m["weights"].items()},
                                                   float(m["bias"])) for role, m in (slots or {}).items()},
                       gate=None if gate is None else Gate({str(k): float(v) for k, v in gate["weights"].items()},
                                                           float(gate["bias"]), float(gate["threshold"])))
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"decider model: malformed ({exc})") from exc


def load_decider() -> Decider:
    """The packaged decision model."""
    try:
        raw = gzip.decompress(resource_path(MODEL_RESOURCE).read_bytes())
        data = json.loads(raw.decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResourceError(f"cannot read the decision model {MODEL_RESOURCE}: {exc}") from exc
    return decider_from_dict(data)
