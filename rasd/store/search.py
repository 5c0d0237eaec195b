"""Arabic-aware full-text search terms: normalised words plus their proclitic-free forms.

SQLite FTS5 and PostgreSQL ``to_tsvector('simple', …)`` both split on
non-word characters but neither folds hamza/alef/ta-marbuta nor strips the
proclitics glued to Arabic words (والغارة، بالقصف، للجيش). We therefore index
a shadow column of normalised words, each followed by its forms without a
valid proclitic chain, and normalise the user's query the same way; query
words then match as prefixes so light suffixes (قتل → قتلى) still hit.
"""

from __future__ import annotations

import regex

from rasd.text.matching import valid_proclitic
from rasd.text.normalise import normalise_key

__all__ = ["MIN_STEM", "query_terms", "search_words"]

# A stripped form must keep at least this many letters: shorter remainders (e.g. "ل" + "بنان" is
# fine, but "و" + "ل") turn common particles into noise.
MIN_STEM = 3
_WORD = regex.compile(r"[\p{L}\p{N}]+")


def _forms(word: str) -> list[str]:
    forms = [word]
    for cut in range(1, min(len(word), 5)):
        prefix, rest = word[:cut], word[cut:]
        if len(rest) >= MIN_STEM and valid_proclitic(prefix):
            forms.append(rest)
    return forms


def search_words(*texts: str | None) -> str:
    """The shadow-column text for ``texts``: normalised words and their clitic-free forms."""
    seen: dict[str, None] = {}
    for t in texts:
        if not t:
            continue
        for word in _WORD.findall(normalise_key(t)):
            for form in _forms(word):
                seen.setdefault(form, None)
    return " ".join(seen)


def query_terms(query: str) -> list[str]:
    """Normalised query words with a proclitic chain removed (the longest valid one)."""
    terms: list[str] = []
    for word in _WORD.findall(normalise_key(query)):
        forms = _forms(word)
        term = min(forms, key=len)
        if term not in terms:
            terms.append(term)
    return terms
