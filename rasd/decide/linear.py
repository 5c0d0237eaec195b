"""What every model of the learned layer shares: a logistic score over binary features, and the bins
that turn a number into a feature."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import repeat

__all__ = ["bin_label", "logistic"]


def logistic(weights: Mapping[str, float], bias: float, features: Sequence[str]) -> float:
    """The probability of a logistic model with these weights for the (binary) ``features``."""
    unique = set(features)
    z = bias + sum(map(weights.get, unique, repeat(0.0, len(unique))))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def bin_label(x: float, edges: Sequence[float]) -> str:
    """"<=e" for the first edge ``x`` does not exceed, ">last" beyond them."""
    for e in edges:
        if x <= e:
            return f"<={e}"
    return f">{edges[-1]}"
