"""Document context: the country an article is about, read from its dateline, outlet address and the
countries it names, used as the geocoder's country hint and the actors' default country.

A named country votes only when some place of the article could lie in it ("الصومال" breaks a tie
between a Somali and a Yemeni town of one name; "روسيا" in a report of Russian strikes in Syria
names the striker's home, not the event's country, and has no Syrian-town rival to tip).
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import regex

from rasd.actors.knowledge import ActorKB
from rasd.analyse import Doc

__all__ = ["country_signals", "focus_country"]

COUNTRY_VOTE = 2.0  # each mention of a country
TLD_VOTE = 2.0  # the outlet's country-code domain (elhadaf-sd.com is not one; kibaru.ml is)
DATELINE_VOTE = 2.0  # the city a report was filed from
MIN_VOTES = 2.0
_DATELINE_TAIL = regex.compile(r"[^.،,؟!\n]{0,40}?[-–—(]")


def _tld(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    tld = host.rsplit(".", 1)[-1]
    return tld.upper() if len(tld) == 2 and tld.isalpha() else None


def focus_country(doc: Doc) -> str | None:
    """The ISO2 country the article is about, or None when nothing says so clearly."""
    places = [m for m in doc.places if m.candidates]
    possible = {p.country for m in places if m.level != "country" for p in m.candidates}
    votes: Counter[str] = Counter()
    line_starts = {sp.start for sp in doc.body.spans}
    for m in places:
        top = m.candidates[0]
        if m.level == "country" and top.country in possible:
            votes[top.country] += COUNTRY_VOTE
        elif m.start in line_starts and _DATELINE_TAIL.match(doc.text, m.end):
            votes[top.country] += DATELINE_VOTE
    tld = _tld(doc.article.url)
    if tld is not None and tld in possible:
        votes[tld] += TLD_VOTE
    if not votes:
        return None
    country, n = votes.most_common(1)[0]
    return country if n >= MIN_VOTES else None


def country_signals(doc: Doc, kb: ActorKB | None = None) -> set[str]:
    """Every country the article itself names: country mentions, nisbas of its places and actors
    ("التونسية", "الجيش اليمني"), the country of a named actor when ``kb`` gives all its readings one
    ("الجيش السوري", "الحوثيون"), the dateline's country and the outlet's country-code domain."""
    out: set[str] = set()
    line_starts = {sp.start for sp in doc.body.spans}
    for m in doc.places:
        if m.country_cue:
            out.add(m.country_cue)
        if not m.candidates:
            continue
        if m.level == "country":
            out.add(m.candidates[0].country)
        elif m.start in line_starts and _DATELINE_TAIL.match(doc.text, m.end):
            out.add(m.candidates[0].country)
    out.update(a.nationality for a in doc.actors if getattr(a, "nationality", None))
    if kb is not None:
        for a in doc.actors:
            if a.kind == "named" and a.entry_ids:
                found = {e.country if e is not None else None for e in map(kb.get, a.entry_ids)}
                if len(found) == 1 and None not in found:
                    out.update(found)
    tld = _tld(doc.article.url)
    if tld is not None:
        out.add(tld)
    return out
