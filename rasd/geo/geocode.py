"""Find place mentions in Arabic text and resolve them to CONTRACT locations (``Geocoder``).

``find`` matches gazetteer names (clitic-aware), attaches qualifiers ("بلدة X", "ريف X
الشرقي", "محافظة X", "شمال مدينة X") and drops likely false positives (stop-listed words,
hamlets named without a qualifier or a locative word). ``resolve`` picks one candidate per
mention from the article's context (containers such as "مراط بريف دير الزور", other places
nearby, the dominant country, an optional country hint, population) and sets geo_precision.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from rasd.geo.gazetteer import Gazetteer, Place, load_gazetteer
from rasd.geo.lexicon import FUNCTION_WORDS, GeoLexicon, load_geo_lexicon
from rasd.model import Location
from rasd.records import fast_init
from rasd.text.matching import PhraseMatch
from rasd.text.normalise import NormalizedText, normalise

__all__ = ["Geocoder", "PlaceMention", "load_geocoder"]

MAX_CANDIDATES = 40
NEAR_KM = 60.0  # "other places of the article" support a candidate within this distance (a district's span)
CONTAINER_GAP = 3  # max characters between a place and its container ("مراط بريف دير الزور": one space)
MIN_POP_NOTABLE = 1000
MIN_POP_CITY = 50000  # a bare one-word name is a place whatever the article's country only for cities this big
REGION_POP = 100_000  # curated regions (الجولان، البادية) outrank hamlets sharing their name
COUNTRY_POP = 1_000_000  # ranks a country like a city of this size against villages sharing its name
# Preference of a candidate's level given the mention's qualifier role (higher is better).
_LEVEL_PREF = {
    None: {"locality": 3, "site": 3, "admin1": 2.5, "region": 3.5, "admin2": 2, "admin3": 1.5, "country": 3},
    "locality": {"locality": 4, "site": 2, "admin2": 2, "admin3": 1.5, "admin1": 1, "region": 1, "country": 0},
    "site": {"site": 4, "locality": 2, "admin2": 1, "admin3": 1, "admin1": 0.5, "region": 1, "country": 0},
    "admin1": {"admin1": 4, "region": 3, "locality": 2, "admin2": 1.5, "admin3": 1, "site": 0, "country": 1},
    "admin2": {"admin2": 4, "admin3": 3, "locality": 2.5, "admin1": 1, "region": 1, "site": 0, "country": 0},
    "admin3": {"admin3": 4, "admin2": 3, "locality": 2.5, "admin1": 1, "region": 1, "site": 0, "country": 0},
    "near": {"locality": 3, "admin1": 3, "admin2": 2.5, "admin3": 2, "region": 2.5, "site": 2, "country": 0},
    "region": {"admin1": 3.5, "region": 3.5, "locality": 3, "admin2": 2, "admin3": 2, "site": 1, "country": 0},
    "area": {"locality": 3, "admin3": 3, "admin2": 2.5, "site": 2.5, "region": 2.5, "admin1": 2, "country": 0},
}
class _Anchors:
    """The distinct non-country places chosen in an article, minus a given mention's own occurrence."""

    def __init__(self, places: list[Place | None]) -> None:
        self.places = places
        self.counts: Counter[str] = Counter(p.id for p in places if p is not None and p.level != "country")
        self.unique = list({p.id: p for p in places if p is not None and p.level != "country"}.values())

    def excluding(self, i: int) -> list[Place]:
        own = self.places[i]
        if own is None or self.counts.get(own.id, 0) > 1:
            return self.unique
        return [p for p in self.unique if p.id != own.id]


# Qualifiers naming a part of a town: the place must lie in the town named right after it.
NEIGHBOURHOOD_KM = 15.0  # a district lies within a city's built-up area
NEIGHBOURHOOD_WORDS = frozenset({"حي", "حيي", "أحياء", "ضاحية", "شارع", "ساحة", "سوق"})
# Between two names of a list: a comma and/or the conjunction و ("مراط وطابية", "الحيلة، والنوار").
_LIST_GAP = re.compile(r"^\s*(?:[،,]\s*)?(?:و|وال|ال)?$")
_STRONG_ROLES = ("locality", "site", "admin1", "admin2", "admin3", "area", "region")
# The (normalised) words right after a name, read for a nisba ("بن قردان التونسية").
_NEXT_WORDS = re.compile(r"[ \t]+(\w+)(?:[ \t]+(\w+))?")
# Words between a place and the unit it lies in: "التابعة (إدارياً) لـ", "الواقعة في/بـ", "الواقعة بوسط".
_CONNECTOR = re.compile(r"^\s*(?:[،,]\s*)?ال(?:تابع|واقع)[هة]?\s+(?:اداريا\s+)?(?:(?:في|الى|داخل)\s+|[بل])?"
                        r"(?:(?:شمال|جنوب|شرق|غرب|وسط)ي?\s*)?$")


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceMention:
    """A place named in the text, with its qualifier and ranked gazetteer candidates."""

    start: int
    end: int
    name_start: int
    name_end: int
    text: str
    qualifier: str | None
    level: str
    candidates: tuple[Place, ...]
    near: bool = False  # "ريف X", "محيط X", "شمال X": an area around X (geo_precision 2)
    role: str | None = None  # role of the innermost typed qualifier (locality, site, admin1, ...)
    country_cue: str | None = None  # ISO2 of a nisba right after the name ("مدينة بن قردان التونسية")
    joins: int = -1  # start of the next mention when a connector says this place lies in it ("التابعة لمحافظة")


def _km(a: Place, b: Place) -> float:
    if abs(a.lat - b.lat) > 3.0 or abs(a.lon - b.lon) > 4.0:
        return 1000.0  # far apart (> 300 km): skip the trigonometry, only "near or not" matters here
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _size(p: Place) -> float:
    pop = COUNTRY_POP if p.level == "country" else REGION_POP if p.level == "region" else p.population
    return 0.5 * math.log10(pop + 1) + (0.5 if _notable(p) else 0)


def _notable(p: Place) -> bool:
    return p.notable or p.population >= MIN_POP_NOTABLE


class Geocoder:
    """Finds and resolves place mentions with one loaded gazetteer and lexicon (hold it; it is immutable)."""

    def __init__(self, gazetteer: Gazetteer, lexicon: GeoLexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self._direction_words = lexicon.direction_words
        # Per-name candidate lists, computed on first use and then kept (the gazetteer is immutable):
        # (matcher values, qualifier role) -> candidates ranked by prior; place id -> (size, notable).
        # The caches are keyed by the hit's name where its values are the name's own (a str hashes once),
        # else by the values themselves.
        self._ranked: dict[tuple[str | tuple[int, ...], bool, str | None], tuple[Place, ...]] = {}
        self._info: dict[str, tuple[float, bool]] = {}
        self._uncued: dict[str | tuple[int, ...], tuple[int, ...]] = {}

    def _uncued_values(self, ident: str | tuple[int, ...], values: tuple[int, ...]) -> tuple[int, ...]:
        """``values`` less the aliases taken only after a place qualifier (low bit set); computed once."""
        out = self._uncued.get(ident)
        if out is None:
            out = self._uncued[ident] = tuple(v for v in values if not v & 1)
        return out

    def _place_info(self, p: Place) -> tuple[float, bool]:
        """``(_size(p), _notable(p))``, computed once per place."""
        info = self._info.get(p.id)
        if info is None:
            info = self._info[p.id] = (_size(p), _notable(p))
        return info

    def _ranked_values(self, ident: str | tuple[int, ...], cued: bool, values: tuple[int, ...],
                       role: str | None) -> tuple[Place, ...]:
        """The places of matcher ``values`` (those of ``ident``, with or without its qualifier-only
        aliases as ``cued`` says; duplicates dropped), ranked for ``role``; computed once."""
        key = (ident, cued, role)
        ranked = self._ranked.get(key)
        if ranked is None:
            places = [self.gazetteer.place(v >> 1) for v in dict.fromkeys(values)]
            ranked = self._ranked[key] = tuple(self._rank(places, role))
        return ranked

    # -- candidates -------------------------------------------------------------------------------
    def candidates(self, name: str) -> list[Place]:
        """All places named ``name`` (clitics and qualifiers stripped as in ``find``), best first."""
        ment = self.find(normalise(name), text=name, strict=False)
        if ment:
            return list(max(ment, key=lambda m: m.name_end - m.name_start).candidates)
        return self._rank(self.gazetteer.lookup(name), None)

    def _rank(self, places: list[Place], role: str | None) -> list[Place]:
        pref = _LEVEL_PREF.get(role, _LEVEL_PREF[None])

        weight = 2.0 if role else 1.0

        info = self._place_info

        def prior(p: Place) -> float:
            return weight * pref.get(p.level, 0) + info(p)[0]

        return sorted(places, key=prior, reverse=True)[:MAX_CANDIDATES]

    # -- find -------------------------------------------------------------------------------------
    def find(self, ntext: NormalizedText, *, text: str | None = None, strict: bool = True) -> list[PlaceMention]:
        """Place mentions in ``ntext`` in text order. Pass the raw ``text`` to fill ``PlaceMention.text``
        with the raw surface (otherwise it is the normalised surface).

        Names without a place-type qualifier that could be hamlets are kept only when the article's
        confident mentions point at the hamlet's country (``strict=False`` keeps every hit).
        """
        norm = ntext.text
        quals = self.lexicon.qualifiers.find(ntext)
        by_end = {q.norm_end: q for q in quals}
        by_start = {q.norm_start: q for q in quals}
        qual_spans = {(q.norm_start, q.norm_end) for q in quals}
        drafts: list[tuple[PlaceMention, bool]] = []
        consumed_until = -1
        listing: tuple[int, str] | None = None  # (normalised end, role) of a "بلدتي X" / "مناطق X" list so far
        key_values = self.gazetteer.key_values
        particles = self.lexicon.particle_keys
        landmark_until = -1  # normalised end of a landmark's name so far ("ساحة رياض الصلح")
        for hit in self.gazetteer.match(ntext):
            if hit.norm_start < consumed_until or (hit.norm_start, hit.norm_end) in qual_spans:
                continue
            hit = self._split_qualified(ntext, hit, by_start)
            if strict and hit.key in particles:
                continue  # "مدينة بن قردان" with the whole name unknown is not the hamlet "Ben"
            chain = self._qualifier_chain(norm, hit, by_end, consumed_until)
            roles = [r for _, r in chain]
            continues = (landmark_until >= 0 and not chain and hit.prefix in ("", "ال")
                         and not norm[landmark_until:hit.norm_start - len(hit.prefix)].strip())
            if (roles and roles[-1] == "landmark") or continues:
                # "ميدان الجزائر بطرابلس", "ساحة رياض الصلح": a square or street named after a place is not it
                landmark_until = consumed_until = hit.norm_end
                listing = None
                continue
            landmark_until = -1
            if chain and chain[-1][0].values[0][1] in self.lexicon.list_qualifiers:
                listing = (hit.norm_end, chain[-1][1])
            elif (not chain and listing is not None
                  and _LIST_GAP.match(gap := norm[listing[0]:hit.norm_start - len(hit.prefix)] + hit.prefix)
                  and ("و" in gap or "،" in gap or "," in gap)):
                roles = [listing[1]]  # "بلدتي مراط وطابية": the dual qualifier covers the second name too
                listing = (hit.norm_end, listing[1])
            else:
                listing = None
            strong = [r for r in roles if r in _STRONG_ROLES]
            role = strong[-1] if strong else next((r for r in reversed(roles) if r in ("near", "region")), None)
            near = any(r in ("near", "region", "direction") for r in roles)
            ident = hit.key if key_values(hit.key) is hit.values else hit.values
            values = hit.values if strong else self._uncued_values(ident, hit.values)
            if not values:
                continue
            places = self._ranked_values(ident, bool(strong), values, role)
            tier = "strong" if not strict or (roles and not chain) else self._tier(norm, hit, places, roles)
            if tier is None:
                continue
            start = chain[0][0].start if chain else hit.start
            end, norm_end = hit.end, hit.norm_end
            adj = self._direction_adj(norm, hit.norm_end, by_start)
            if adj is not None and (near or role == "admin1" or places[0].level in ("admin1", "region")):
                end, norm_end = adj.end, adj.norm_end
                near = True
            consumed_until = norm_end
            surface = text[start:end] if text is not None else norm[ntext.norm_index(start):norm_end]
            qualifier = chain[0][0].values[0][1] if chain else None
            drafts.append((PlaceMention(start=start, end=end, name_start=hit.start, name_end=hit.end, text=surface,
                                        qualifier=qualifier, level=self._mention_level(places[0], role, near),
                                        candidates=tuple(places), near=near, role=role), tier))
        return self._cues(ntext, self._filter_weak(drafts))

    def _cues(self, ntext: NormalizedText, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """Set each mention's country cue (a nisba right after it) and whether a connector ties it to the
        next mention ("مديرية الظاهر التابعة إدارياً لمحافظة صعدة", "قرية X الواقعة بوسط مالي")."""
        nisbas = self.lexicon.nisbas or {}
        norm = ntext.text
        out = []
        for i, m in enumerate(mentions):
            end = ntext.norm_index(m.end)
            after = _NEXT_WORDS.match(norm, end)
            cue = None
            if after is not None:
                two = after.group(1) + " " + after.group(2) if after.group(2) else None
                cue = nisbas.get(after.group(1)) or (nisbas.get(two) if two else None)
            joins = -1
            if i + 1 < len(mentions):
                nxt = mentions[i + 1]
                if nxt.start - m.end > CONTAINER_GAP + 2 and _CONNECTOR.match(norm[end:ntext.norm_index(nxt.start)]):
                    joins = nxt.start
            if cue or joins >= 0:
                m = replace(m, country_cue=cue or None, joins=joins)
            out.append(m)
        return out

    def _filter_weak(self, drafts: list[tuple[PlaceMention, str]]) -> list[PlaceMention]:
        """Keep bare towns and possible hamlets only with candidates in the article's countries."""
        countries: Counter[str] = Counter()
        for tiers in (("strong",), ("town",)):  # towns vote only when nothing is certain
            for m, tier in drafts:
                if tier in tiers:
                    countries[m.candidates[0].country] += 0.5 if m.level == "country" else 1.0
            if countries:
                break
        top = max(countries.values(), default=0.0)
        keep = {c for c, n in countries.items() if n >= top / 2}
        out = []
        for m, tier in drafts:
            if tier == "strong":
                out.append(m)
                continue
            cands = tuple(p for p in m.candidates if p.country in keep)
            if cands:
                out.append(replace(m, candidates=cands, level=self._mention_level(cands[0], m.role, m.near)))
        return out

    def _qualifier_chain(self, norm: str, hit: PhraseMatch[int], by_end: dict,
                         floor: int) -> list[tuple[PhraseMatch, str]]:
        """Qualifiers right before the name, outermost first ("شمال مدينة X" -> [شمال, مدينة])."""
        chain: list[tuple[PhraseMatch, str]] = []
        if hit.prefix not in ("", "ال"):
            return chain  # "مدينة بالرقة" is not a qualified name
        pos = hit.norm_start - len(hit.prefix)
        for _ in range(3):
            j = pos
            while j > 0 and norm[j - 1] == " ":
                j -= 1
            q = by_end.get(j)
            if j == pos or q is None or q.norm_start < floor or q.values[0][0] == "direction_adj":
                break
            chain.insert(0, (q, q.values[0][0]))
            pos = q.norm_start - len(q.prefix)
        return chain

    def _split_qualified(self, ntext: NormalizedText, hit: PhraseMatch[int], by_start: dict) -> PhraseMatch[int]:
        """A gazetteer name that starts with a qualifier ("قرية السكرية" in WOF) also stands for the bare
        name: the hit becomes the bare name, with the candidates of both spellings."""
        q = by_start.get(hit.norm_start)
        if q is None or q.norm_end >= hit.norm_end or q.values[0][0] in ("direction", "direction_adj", "landmark"):
            return hit
        k = q.norm_end
        while k < hit.norm_end and ntext.text[k] == " ":
            k += 1
        rest = ntext.text[k:hit.norm_end]
        values = tuple(dict.fromkeys(self.gazetteer.values(rest) + hit.values))
        start, end = ntext.raw_span(k, hit.norm_end)
        return PhraseMatch(start, end, rest, "", values, k, hit.norm_end)

    @staticmethod
    def _direction_adj(norm: str, pos: int, by_start: dict) -> PhraseMatch | None:
        j = pos
        while j < len(norm) and norm[j] == " ":
            j += 1
        q = by_start.get(j)
        return q if q is not None and j > pos and q.values[0][0] == "direction_adj" else None

    def _tier(self, norm: str, hit: PhraseMatch[int], places: tuple[Place, ...], roles: list[str]) -> str | None:
        """How sure a hit is a place: ``"strong"`` (qualified, or a city/unit/site/country),
        ``"town"`` (a known town named bare: kept in the article's countries), ``"weak"`` (a possible
        hamlet after a locative word or clitic: likewise) or None (stop-listed, or no cue)."""
        key = hit.key
        if key in FUNCTION_WORDS:
            return None
        stop = self.lexicon.stop_keys
        typed = [r for r in roles if r in _STRONG_ROLES]
        if len(key) < 3 and "locality" not in typed:
            return None
        if key in stop or (hit.prefix.endswith("ال") and "ال" + key in stop):
            return "strong" if any(r in ("locality", "admin1", "admin2", "admin3") for r in typed) else None
        if typed:
            return "strong"
        if key in self.lexicon.common_keys or (hit.prefix.endswith("ال") and "ال" + key in self.lexicon.common_keys):
            # "أصيب بجروح", "قيام": a common word is a place only after a locative word ("في جروح").
            return "weak" if self._after_locative(norm, hit) else None
        town = False
        info = self._place_info
        for p in places:
            notable = info(p)[1]
            if p.level in ("country", "admin1", "region", "site") or p.population >= MIN_POP_CITY \
                    or (notable and " " in key):
                return "strong"
            town = town or notable
        if town:
            return "town"
        if roles or "ب" in hit.prefix:
            return "weak"
        return "weak" if self._after_locative(norm, hit) else None

    def _after_locative(self, norm: str, hit: PhraseMatch[int]) -> bool:
        """The word before the name is a locative preposition ("في", "قرب", "من" …)."""
        j = hit.norm_start - len(hit.prefix)
        while j > 0 and norm[j - 1] == " ":
            j -= 1
        k = j
        while k > 0 and norm[k - 1].isalpha():
            k -= 1
        return norm[k:j] in self.lexicon.locative

    @staticmethod
    def _mention_level(top: Place, role: str | None, near: bool) -> str:
        if role in ("admin1",):
            return "admin1"
        if role in ("admin2", "admin3"):
            return "admin2"
        if near and top.level in ("admin1", "region"):
            return "region"
        if role == "site" or top.level == "site":
            return "site"
        return {"admin3": "admin2"}.get(top.level, top.level)

    # -- resolve ----------------------------------------------------------------------------------
    def resolve(self, mentions: list[PlaceMention], country_hint: str | None = None) -> list[Location | None]:
        """One Location (or None) per mention, choosing candidates from the article's context."""
        countries: Counter[str] = Counter()
        for m in mentions:  # each mention votes for the country of its best candidate
            top = m.candidates[0]
            big = top.level in ("admin1", "region", "site") or top.population >= MIN_POP_CITY
            countries[top.country] += (0.5 if m.level == "country" else 2.0 if big
                                       else 1.0 if self._place_info(top)[1] else 0.5)
        if country_hint:
            countries[country_hint.upper()] += 3
        dominant = countries.most_common(1)[0][0] if countries else None
        first = [self._choose(m, None, dominant, [], i, mentions) for i, m in enumerate(mentions)]
        first_anchors = _Anchors(first)
        chosen = [self._choose(m, first, dominant, first, i, mentions, first_anchors) for i, m in enumerate(mentions)]
        chosen_anchors = _Anchors(chosen)
        out = []
        for i, (m, c) in enumerate(zip(mentions, chosen, strict=True)):
            cont = self._container(i, mentions, None)
            host = chosen[cont[0]] if cont is not None and cont[1] == "in" else None
            if (c is not None and host is not None and m.qualifier in NEIGHBOURHOOD_WORDS
                    and _km(c, host) > NEIGHBOURHOOD_KM):
                out.append(None)  # "حي الروضة وسط مدينة مأرب": a district of that city, not a namesake elsewhere
                continue
            cue = m.country_cue or (host.country if host is not None and host.level == "country" else None)
            if c is not None and cue is not None and c.country != cue:
                out.append(None)  # "بلدة المحبس ... بالصحراء المغربية": not the Yemeni namesake
                continue
            out.append(self._location(m, c, dominant, chosen_anchors, i))
        return out

    def _container(self, i: int, mentions: list[PlaceMention], text: str | None) -> tuple[int, str] | None:
        """The mention right after ``i`` and how it relates: ``"in"`` ("X بريف Y", "X في منطقة Y")
        or ``"near"`` ("X جنوب Y", "X قرب Y")."""
        if i + 1 >= len(mentions):
            return None
        nxt = mentions[i + 1]
        gap = nxt.start - mentions[i].end
        if gap > CONTAINER_GAP + 2 and mentions[i].joins != nxt.start:
            return None
        if nxt.qualifier in self._direction_words or (nxt.near and nxt.role == "near" and nxt.qualifier == "قرب"):
            return i + 1, "near"
        return i + 1, "in"

    def _choose(self, m: PlaceMention, prev: list[Place | None] | None, dominant: str | None,
                others: list[Place | None], i: int, mentions: list[PlaceMention],
                others_anchors: _Anchors | None = None) -> Place | None:
        if not m.candidates:
            return None
        pref = _LEVEL_PREF.get(m.role, _LEVEL_PREF[None])
        weight = 2.0 if m.role else 1.0  # a place-type word ("ناحية", "محافظة") outweighs population
        cont = self._container(i, mentions, None) if prev is not None else None
        container = others[cont[0]] if cont is not None else None
        relation = cont[1] if cont is not None else None
        explicit = cont is not None and m.joins == mentions[cont[0]].start  # "التابعة إدارياً لمحافظة Y"
        anchors = others_anchors.excluding(i) if others_anchors is not None else []
        cue = m.country_cue
        best, best_s = None, -math.inf
        info = self._place_info
        for p in m.candidates:
            s = weight * pref.get(p.level, 0) + info(p)[0]
            if dominant:
                s += 1.5 if p.country == dominant else -0.5
            if cue is not None:
                s += 5.0 if p.country == cue else -2.0
            if container is not None and container.level == "country":
                s += 4.0 if p.country == container.country else -2.0
            elif container is not None and relation == "in":
                inside = p.country == container.country and (
                    (p.admin1_code and p.admin1_code == container.admin1_code) or _km(p, container) <= NEAR_KM)
                s += (4.0 if inside else -2.0) * (2.0 if explicit else 1.0)
            elif container is not None:
                s += 2.0 if _km(p, container) <= 2 * NEAR_KM else 0.0
            if anchors:
                if any(_km(p, a) <= NEAR_KM for a in anchors):
                    s += 1.5
                elif any(p.admin1_code and p.admin1_code == a.admin1_code for a in anchors):
                    s += 0.5
            if s > best_s:
                best, best_s = p, s
        return best

    def _supported(self, p: Place, dominant: str | None, chosen_anchors: _Anchors, i: int) -> bool:
        if dominant is None or p.country == dominant:
            return True
        return any(_km(p, q) <= NEAR_KM for q in chosen_anchors.excluding(i))

    def _location(self, m: PlaceMention, p: Place | None, dominant: str | None, chosen: _Anchors,
                  i: int) -> Location | None:
        if p is None:
            return None
        if m.role == "site" and p.level != "site" and dominant and p.country != dominant:
            return None  # "معسكر اليرموك" in a Libyan report is a camp there, not a town abroad
        if (m.role == "locality" and p.level in ("admin1", "admin2", "admin3", "region") and dominant
                and p.country != dominant):
            return None  # "بلدة بوني" in a Malian report is a town there, not a province abroad
        small = not self._place_info(p)[1] or (p.level == "locality" and p.population < MIN_POP_CITY)
        if small and not self._supported(p, dominant, chosen, i):
            return None  # a hamlet abroad named bare, with nothing around it: rather nothing than a wrong town
        precision = 1
        if p.level == "country":
            precision = 3
        elif m.role == "admin1" and p.level not in ("admin1", "region"):
            unit = self.gazetteer.admin1(p.admin1_code)
            if unit is not None:
                p = unit
            precision = 3
        elif p.level in ("admin1", "region"):
            precision = 2 if m.near and p.level == "admin1" else 3
        elif p.level in ("admin2", "admin3") or m.near or m.role in ("admin2", "admin3"):
            precision = 2
        admin2 = None if p.level in ("admin1", "region", "country") else p.admin2
        return Location(name=p.name, text=m.text, lat=p.lat, lon=p.lon, admin1=p.admin1, admin2=admin2,
                        country=p.country, geo_precision=precision, geonameid=p.geonameid)

    def geocode(self, text: str, *, country_hint: str | None = None) -> list[tuple[PlaceMention, Location | None]]:
        """Convenience: ``find`` + ``resolve`` on a raw string."""
        mentions = self.find(normalise(text), text=text)
        return list(zip(mentions, self.resolve(mentions, country_hint=country_hint), strict=False))


def load_geocoder(*, include_osm: bool = True) -> Geocoder:
    """Load the packaged gazetteer and geo lexicon once; the caller holds the returned Geocoder."""
    return Geocoder(load_gazetteer(include_osm=include_osm), load_geo_lexicon())
