"""The learned decision layer over the rule engine's candidate events (see ``docs/quality.md``)."""

from rasd.decide.features import features_of
from rasd.decide.model import Decider, focus_country, load_decider

__all__ = ["Decider", "features_of", "focus_country", "load_decider"]
