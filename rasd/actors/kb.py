"""The actor knowledge base: records, TSV parsing, validation and canonical form.

The KB is a reviewed data file (``rasd/resources/actors/actors.tsv``, one actor a
line) plus the countries table it refers to. This module only reads and checks
data; finding mentions lives in :mod:`rasd.actors.find`, choosing an actor in
:mod:`rasd.actors.resolve`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rasd.errors import ResourceError
from rasd.model import ACTOR_TYPES
from rasd.text.normalise import normalise_key

__all__ = [
    "ACTOR_COLUMNS",
    "ALLOWED_INTER",
    "ActorEntry",
    "Country",
    "canonical_actor_text",
    "entry_heads",
    "parse_actor_rows",
    "parse_country_rows",
    "validate_entries",
]

ACTOR_COLUMNS = (
    "id", "name", "alt_names", "type", "inter", "country", "role", "parent", "ally",
    "operates", "valid_from", "valid_to", "aliases_ar", "ambiguous_ar", "source",
)

# ACLED inter codes allowed for each CONTRACT type (unidentified groups are coded 3 or 8 by ACLED).
ALLOWED_INTER: dict[str, frozenset[int]] = {
    "state_forces": frozenset({1}),
    "rebel_group": frozenset({2}),
    "political_militia": frozenset({3}),
    "identity_militia": frozenset({4}),
    "rioters": frozenset({5}),
    "protesters": frozenset({6}),
    "civilians": frozenset({7}),
    "external_forces": frozenset({8}),
    "unidentified": frozenset({2, 3, 8}),
}

# Roles: an entry with a role is the default actor for that role in its country (and period).
ROLES = frozenset({
    "military", "police", "intelligence", "civilians", "protesters", "rioters",
    "unidentified", "unidentified_military", "proxy",
})

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO2 = re.compile(r"^[A-Z]{2}$")

ACTOR_HEADER = """\
# Rasd actor knowledge base: Middle East, North Africa, Sudan, the Horn and the Sahel.
# One actor a line, TAB-separated; lists are '|'-separated. Edit freely, then run
# `python scripts/build_actors.py` to check it and rewrite it in canonical form.
# Columns:
#   id          stable id (lower-case, dashes); never reuse or rename a published id
#   name        canonical English name in ACLED style; alt_names: other English names
#   type        CONTRACT actor type; inter: ACLED inter code 1-8
#   country     ISO2 home country (empty for transnational actors)
#   role        when set, the default actor for that role in its country and period
#               (military, police, intelligence, civilians, protesters, rioters,
#               unidentified, unidentified_military, proxy)
#   parent      id of the parent actor; ally: ISO2 of the backing state
#   operates    ISO2 countries where it acts (helps choose among homonyms)
#   valid_from, valid_to   ISO dates, [from, to); the right actor depends on the event date
#   aliases_ar  Arabic surface forms (matched clitic-aware: و ف ب ل ك ال are handled)
#   ambiguous_ar  aliases knowingly shared with other actors (resolved by country/date)
#   source      where the entry comes from (ACLED actor list/codebook, Wikipedia title, ...)
# Licence: Apache-2.0 (compiled facts; no text copied). Compiled 2026-11.
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    """A country the KB knows: ISO2, English names and Arabic names and nisba adjectives."""

    iso2: str
    name: str
    name_of: str
    names_ar: tuple[str, ...]
    nisba_ar: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorEntry:
    """One actor of the knowledge base."""

    id: str
    name: str
    alt_names: tuple[str, ...] = ()
    type: str
    inter: int
    country: str | None = None
    role: str | None = None
    parent: str | None = None
    ally: str | None = None
    operates: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    source: str = ""

    def valid_on(self, day: dt.date | None) -> bool:
        """True when the entry is valid on ``day`` (always, when ``day`` is unknown)."""
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day >= self.valid_to)

    def acts_in(self, country: str | None) -> bool:
        """True when ``country`` is the entry's home country or one it operates in."""
        return country is not None and (country == self.country or country in self.operates)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "alt_names": list(self.alt_names), "type": self.type,
            "inter": self.inter, "country": self.country, "role": self.role, "parent": self.parent,
            "ally": self.ally, "operates": list(self.operates),
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "aliases_ar": list(self.aliases), "ambiguous_ar": list(self.ambiguous), "source": self.source,
        }


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def _date(cell: str, where: str) -> dt.date | None:
    if not cell:
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError as exc:
        raise ResourceError(f"{where}: bad date {cell!r}") from exc


def parse_country_rows(rows: Iterable[Sequence[str]]) -> tuple[Country, ...]:
    """Countries from rows of ``countries.tsv``."""
    out = []
    for row in rows:
        iso2, name, name_of, names_ar, nisba, source = (list(row) + [""] * 6)[:6]
        out.append(Country(iso2=iso2, name=name, name_of=name_of, names_ar=_split(names_ar),
                           nisba_ar=_split(nisba), source=source))
    return tuple(out)


def parse_actor_rows(rows: Iterable[Sequence[str]]) -> tuple[ActorEntry, ...]:
    """Actor entries from rows of ``actors.tsv`` (columns as :data:`ACTOR_COLUMNS`)."""
    out = []
    for n, row in enumerate(rows, 1):
        cells = dict(zip(ACTOR_COLUMNS, (list(row) + [""] * len(ACTOR_COLUMNS))[: len(ACTOR_COLUMNS)],
                         strict=True))
        where = f"actors.tsv row {n} ({cells['id'] or '?'})"
        try:
            inter = int(cells["inter"])
        except ValueError as exc:
            raise ResourceError(f"{where}: bad inter code {cells['inter']!r}") from exc
        out.append(ActorEntry(
            id=cells["id"], name=cells["name"], alt_names=_split(cells["alt_names"]), type=cells["type"],
            inter=inter, country=cells["country"] or None, role=cells["role"] or None,
            parent=cells["parent"] or None, ally=cells["ally"] or None, operates=_split(cells["operates"]),
            valid_from=_date(cells["valid_from"], where), valid_to=_date(cells["valid_to"], where),
            aliases=_split(cells["aliases_ar"]), ambiguous=_split(cells["ambiguous_ar"]),
            source=cells["source"],
        ))
    return tuple(out)


def entry_heads(entry: ActorEntry) -> frozenset[str]:
    """First words of the entry's aliases, normalised and without the article (تنظيم، حركه...)."""
    heads = set()
    for alias in entry.aliases:
        first = normalise_key(alias).split(" ")[0]
        if first.startswith("ال") and len(first) > 3:
            first = first[2:]
        heads.add(first)
    return frozenset(heads)


def _overlap(a: ActorEntry, b: ActorEntry) -> bool:
    """True when the validity periods of ``a`` and ``b`` overlap."""
    a_from, b_from = a.valid_from or dt.date.min, b.valid_from or dt.date.min
    a_to, b_to = a.valid_to or dt.date.max, b.valid_to or dt.date.max
    return a_from < b_to and b_from < a_to


def validate_entries(entries: Sequence[ActorEntry], countries: Sequence[Country]) -> list[str]:
    """Every problem in the KB, as readable messages (empty when it is consistent)."""
    problems: list[str] = []
    iso = {c.iso2 for c in countries}
    ids: dict[str, ActorEntry] = {}
    names: dict[str, str] = {}
    for e in entries:
        p = f"{e.id}:"
        if not _ID.match(e.id):
            problems.append(f"{p} id must be lower-case words joined by dashes")
        if e.id in ids:
            problems.append(f"{p} duplicate id")
        ids[e.id] = e
        if e.name in names:
            problems.append(f"{p} name {e.name!r} already used by {names[e.name]}")
        names[e.name] = e.id
        if e.type not in ACTOR_TYPES:
            problems.append(f"{p} type {e.type!r} is not a CONTRACT actor type")
        elif e.inter not in ALLOWED_INTER[e.type]:
            problems.append(f"{p} inter {e.inter} does not fit type {e.type}")
        for label, cc in (("country", e.country), ("ally", e.ally), *(("operates", c) for c in e.operates)):
            if cc is not None and (not _ISO2.match(cc) or cc not in iso):
                problems.append(f"{p} {label} {cc!r} is not in countries.tsv")
        if e.role is not None and e.role not in ROLES:
            problems.append(f"{p} unknown role {e.role!r}")
        if e.valid_from and e.valid_to and e.valid_from >= e.valid_to:
            problems.append(f"{p} valid_from is not before valid_to")
        if not e.source:
            problems.append(f"{p} no source")
        keys = {normalise_key(a) for a in e.aliases}
        if len(keys) < 2:
            problems.append(f"{p} needs at least 2 distinct Arabic aliases")
        if any(not re.search("[\u0600-\u06ff]", a) for a in e.aliases):
            problems.append(f"{p} an Arabic alias has no Arabic letter")
        missing = {normalise_key(a) for a in e.ambiguous} - keys
        if missing:
            problems.append(f"{p} ambiguous_ar not among aliases: {sorted(missing)}")
    for e in entries:
        if e.parent is not None and e.parent not in ids:
            problems.append(f"{e.id}: parent {e.parent!r} is not a KB id")
    problems += _alias_conflicts(entries)
    problems += _role_conflicts(entries)
    return problems


def _alias_conflicts(entries: Sequence[ActorEntry]) -> list[str]:
    owners: dict[str, list[ActorEntry]] = {}
    for e in entries:
        for key in {normalise_key(a) for a in e.aliases}:
            owners.setdefault(key, []).append(e)
    problems = []
    for key, es in sorted(owners.items()):
        for i, a in enumerate(es):
            for b in es[i + 1:]:
                a_amb = key in {normalise_key(x) for x in a.ambiguous}
                b_amb = key in {normalise_key(x) for x in b.ambiguous}
                if (a_amb and b_amb) or not _overlap(a, b):
                    continue
                problems.append(f"alias {key!r} shared by {a.id} and {b.id}: mark it ambiguous in both")
    return problems


def _role_conflicts(entries: Sequence[ActorEntry]) -> list[str]:
    by_role: dict[tuple[str, str | None, str | None], list[ActorEntry]] = {}
    for e in entries:
        if e.role:
            by_role.setdefault((e.role, e.country, e.ally if e.role == "proxy" else None), []).append(e)
    problems = []
    for (role, cc, _), es in sorted(by_role.items(), key=lambda kv: str(kv[0])):
        for i, a in enumerate(es):
            for b in es[i + 1:]:
                if _overlap(a, b):
                    problems.append(f"{a.id} and {b.id} are both the default {role} of {cc} in one period")
    return problems


def _format_row(e: ActorEntry) -> str:
    seen: dict[str, str] = {}
    for alias in e.aliases:
        seen.setdefault(normalise_key(alias), alias.strip())
    aliases = sorted(seen.values(), key=lambda a: (normalise_key(a), a))
    amb_keys = {normalise_key(a) for a in e.ambiguous}
    ambiguous = [a for a in aliases if normalise_key(a) in amb_keys]
    alt = list(dict.fromkeys(a for a in e.alt_names if a != e.name))
    cells = [
        e.id, e.name, "|".join(alt), e.type, str(e.inter), e.country or "", e.role or "", e.parent or "",
        e.ally or "", "|".join(sorted(set(e.operates))),
        e.valid_from.isoformat() if e.valid_from else "", e.valid_to.isoformat() if e.valid_to else "",
        "|".join(aliases), "|".join(ambiguous), e.source,
    ]
    return "\t".join(cells)


def canonical_actor_text(entries: Iterable[ActorEntry]) -> str:
    """The KB file in canonical form: fixed header, rows sorted by id, aliases deduplicated and sorted."""
    lines = [ACTOR_HEADER.rstrip("\n"), "# " + "\t".join(ACTOR_COLUMNS)]
    lines += [_format_row(e) for e in sorted(entries, key=lambda e: e.id)]
    return "\n".join(lines) + "\n"
