"""Text similarity of two reports' evidence: cosine of character n-gram TF-IDF vectors, in plain Python.

Outlets retell one incident in different words but keep its names, numbers and
stock phrases, so overlapping character trigrams of the normalised evidence
(hamza, ya, ta marbuta, diacritics and digits folded; within words, padded by a
space as scikit-learn's ``char_wb`` does) measure "telling the same story" while
tolerating clitics and spelling variants. Trigrams every report shares (of
جراء, قصف, مقتل …) weigh little: their inverse document frequencies come with the
fitted linking model (``rasd/resources/linking/model.json``); an unseen trigram
gets the model's default (highest) weight.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from rasd.text.normalise import normalise_key

__all__ = ["NGRAM", "Vector", "cosine", "name_grams", "ngrams", "vectorise"]

NGRAM = 3  # trigrams: long enough to carry a name's identity, short enough to survive clitics
Vector = dict[str, float]


def ngrams(text: str, n: int = NGRAM) -> Counter[str]:
    """Character n-grams of each normalised word padded with spaces (``char_wb``)."""
    out: Counter[str] = Counter()
    for word in normalise_key(text).split():
        padded = f" {word} "
        if len(padded) < n:
            continue
        out.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


_ARTICLE = "ال"
_MIN_NAME_GRAMS = 2  # a shorter name (two letters) would be "found" in almost any text


@lru_cache(maxsize=4096)  # place names repeat: a pure function of its argument, memoised
def name_grams(name: str) -> frozenset[str]:
    """Trigrams a place name leaves in any text that names it, whatever clitic precedes it: those of
    :func:`ngrams` without each word's first padded trigram, the article "ال" removed ("الكرادة",
    "بالكرادة" and "وكرادة" share them). Empty when too few remain to identify the name."""
    out: set[str] = set()
    for word in normalise_key(name).split():
        if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE) + 1:
            word = word[len(_ARTICLE):]
        padded = f" {word} "
        out.update(padded[i : i + NGRAM] for i in range(1, len(padded) - NGRAM + 1))
    return frozenset(out) if len(out) >= _MIN_NAME_GRAMS else frozenset()


def vectorise(text: str, idf: Mapping[str, float], default_idf: float) -> Vector:
    """Sublinear-TF × IDF vector of ``text``, L2-normalised (empty text → empty vector)."""
    vec = {g: (1.0 + math.log(tf)) * idf.get(g, default_idf) for g, tf in ngrams(text).items()}
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {g: w / norm for g, w in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two L2-normalised vectors (0 when either is empty)."""
    if len(a) > len(b):
        a, b = b, a
    # the shared n-grams' products in ``a``'s order: the same float sum as adding a 0.0 for every
    # n-gram ``b`` lacks (x + 0.0 == x), without those terms
    return sum((w * b[g] for g, w in a.items() if g in b), 0.0)
