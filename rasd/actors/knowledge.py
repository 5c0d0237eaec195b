"""The loaded actor KB: one immutable object holding entries, indexes and the mention finder."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from rapidfuzz import fuzz, process

from rasd.actors.find import ActorMention, MentionFinder
from rasd.actors.kb import (
    ACTOR_COLUMNS,
    ActorEntry,
    Country,
    entry_heads,
    parse_actor_rows,
    parse_country_rows,
    validate_entries,
)
from rasd.actors.resolve import resolve_mention
from rasd.errors import ResourceError
from rasd.model import Actor
from rasd.resources import read_tsv
from rasd.text.normalise import NormalizedText, normalise, normalise_key

__all__ = ["ACTORS_FILE", "COUNTRIES_FILE", "CUES_FILE", "ActorKB", "load_actor_kb"]

ACTORS_FILE = "actors/actors.tsv"
COUNTRIES_FILE = "actors/countries.tsv"
CUES_FILE = "actors/generic.tsv"
# Fuzzy search floor (rapidfuzz WRatio, 0-100): 80 keeps "قصد"→قسد and "hayat tahrir" hits
# while dropping unrelated names sharing one common word.
SEARCH_MIN_SCORE = 80


class ActorKB:
    """Actors, countries and cue lexicon, with ``find``, ``resolve`` and ``search``."""

    def __init__(self, entries: Sequence[ActorEntry], countries: Sequence[Country],
                 cue_rows: Iterable[Sequence[str]], *, version: str = "") -> None:
        self.entries: Mapping[str, ActorEntry] = MappingProxyType({e.id: e for e in entries})
        self.countries: Mapping[str, Country] = MappingProxyType({c.iso2: c for c in countries})
        self.version = version
        self._finder = MentionFinder(entries, countries, cue_rows)
        self._heads = {e.id: entry_heads(e) for e in entries}
        roles: dict[tuple[str, str | None], list[ActorEntry]] = {}
        proxies: dict[str, list[ActorEntry]] = {}
        for e in entries:
            if e.role == "proxy" and e.ally:
                proxies.setdefault(e.ally, []).append(e)
            elif e.role:
                roles.setdefault((e.role, e.country), []).append(e)
        self._roles = {k: tuple(sorted(v, key=lambda e: e.valid_from or dt.date.min)) for k, v in roles.items()}
        self._proxies = {k: tuple(v) for k, v in proxies.items()}
        self._search_keys: list[str] = []
        self._search_ids: list[str] = []
        for e in entries:
            for s in (e.id, e.name, *e.alt_names):
                self._search_keys.append(s.lower())
                self._search_ids.append(e.id)
            for a in e.aliases:
                self._search_keys.append(normalise_key(a))
                self._search_ids.append(e.id)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def get(self, entry_id: str) -> ActorEntry | None:
        """The entry with ``entry_id``, or None."""
        return self.entries.get(entry_id)

    def heads(self, entry_id: str) -> frozenset[str]:
        """Normalised first words of the entry's aliases (for short-reference compatibility)."""
        return self._heads.get(entry_id, frozenset())

    def find(self, ntext: NormalizedText | str, raw: str | None = None) -> list[ActorMention]:
        """Actor mentions in reading order. Pass ``raw`` (the article text) for exact surfaces;
        a plain string is normalised here and is its own raw text."""
        if isinstance(ntext, str):
            raw = ntext
            ntext = normalise(ntext)
        return self._finder.find(ntext, raw)

    def resolve(self, mention: ActorMention, *, country: str | None = None, date: dt.date | None = None,
                previous: Sequence[ActorMention] = ()) -> Actor:
        """The actor ``mention`` stands for in an event in ``country`` (ISO2) on ``date``.

        ``previous`` are the mentions before it (for short references such as "التنظيم").
        """
        return resolve_mention(self, mention, country=country, date=date, previous=previous)

    def default_actor(self, role: str, country: str | None, date: dt.date | None = None) -> ActorEntry | None:
        """The default actor for ``role`` in ``country`` valid on ``date`` (nearest period otherwise)."""
        options = self._roles.get((role, country), ())
        if not options:
            return None
        if date is None:
            return next((e for e in options if e.valid_to is None), options[-1])
        for e in options:
            if e.valid_on(date):
                return e
        return options[0] if options[0].valid_from and date < options[0].valid_from else options[-1]

    def proxy_of(self, patron: str | None, country: str | None = None) -> ActorEntry | None:
        """The generic militia backed by ``patron`` (ISO2), preferring one acting in ``country``."""
        options = self._proxies.get(patron or "", ())
        return next((e for e in options if e.acts_in(country)), options[0] if options else None)

    def search(self, query: str, *, limit: int = 10) -> list[ActorEntry]:
        """Entries whose id, English name or Arabic alias matches ``query`` (exact first, then fuzzy)."""
        q = query.strip()
        if not q:
            return []
        keys = (q.lower(), normalise_key(q))
        scores: dict[str, float] = {}
        for key in keys:
            for s, score, idx in process.extract(key, self._search_keys, scorer=fuzz.WRatio,
                                                 limit=limit * 8, score_cutoff=SEARCH_MIN_SCORE):
                exact = s == key
                eid = self._search_ids[idx]
                scores[eid] = max(scores.get(eid, 0.0), score + (100 if exact else 0) - len(s) / 1000)
        ranked = sorted(scores, key=lambda eid: (-scores[eid], eid))
        return [self.entries[eid] for eid in ranked[:limit]]


def _digest(*tables: list[list[str]]) -> str:
    h = hashlib.sha256()
    for table in tables:
        for row in table:
            h.update("\t".join(row).encode("utf-8") + b"\n")
    return h.hexdigest()[:12]


def load_actor_kb(*, check: bool = True) -> ActorKB:
    """Read the packaged KB files once and return the immutable :class:`ActorKB` (hold on to it).

    With ``check`` (the default) an inconsistent KB raises :class:`~rasd.errors.ResourceError`.
    """
    actor_rows = read_tsv(ACTORS_FILE, columns=len(ACTOR_COLUMNS))
    country_rows = read_tsv(COUNTRIES_FILE, columns=6)
    cue_rows = read_tsv(CUES_FILE, columns=3)
    entries = parse_actor_rows(actor_rows)
    countries = parse_country_rows(country_rows)
    if check:
        problems = validate_entries(entries, countries)
        if problems:
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            raise ResourceError(f"{ACTORS_FILE}: " + "; ".join(problems[:5]) + more)
    return ActorKB(entries, countries, cue_rows, version=_digest(actor_rows, country_rows, cue_rows))
