"""Finding actor mentions in normalised text: KB aliases plus a small phrase grammar of cues.

One :class:`~rasd.text.matching.PhraseMatcher` holds every KB alias and every cue word
(force nouns, nisba adjectives, "unidentified", civilian words, coreference words...).
A left-to-right pass then joins adjacent hits into actor phrases:

    HEAD (MODIFIER | CONNECTOR | BACKED)* TARGET
    HEAD   = force noun | state word | armed word | militia noun | occupation | civilian word
    TARGET = KB alias ("عناصر من تنظيم داعش")  -> named
           | nisba ("الطائرات الحربية التركية") -> generic, with a nationality
           | unidentified ("مسلحون مجهولون")     -> generic, unidentified
           | BACKED country ("ميليشيات موالية لإيران") -> generic proxy of that country

Anything else stands alone: an alias (named), a state/armed/civilian word (generic)
or a short reference such as "التنظيم" or "قواتها" (coref).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rasd.actors.kb import ActorEntry, Country
from rasd.records import fast_init
from rasd.text.matching import PhraseMatch, PhraseMatcher
from rasd.text.normalise import NormalizedText, normalise_key

__all__ = ["CUE_KINDS", "ActorMention", "Cue", "MentionFinder", "nisba_forms"]

CUE_KINDS = frozenset({
    "alias", "nisba", "country", "force", "state", "modifier", "connector", "backed", "unidentified",
    "armed", "civilians", "protesters", "rioters", "occupation", "militia", "coref", "demonym", "stop",
})
_HEADS = frozenset({"force", "state", "armed", "militia", "occupation", "civilians", "protesters", "rioters"})
_ARMED_HEADS = frozenset({"force", "state", "armed", "militia", "occupation"})
_LINKS = frozenset({"modifier", "connector", "backed"})
# Between two parts of one phrase only spaces may stand, or a detached proclitic ("التابعة لـ حماس").
_GAP = re.compile(r"^ ?(?:[لب] )?$")
# Quotes and brackets inside names ("حركة “الشباب”", "تنظيم (داعش)") are read as spaces.
_SEPARATORS = re.compile(r"""[\s"'()\[\]{}]+""")
# The runs of _SEPARATORS that _compact changes: all but a lone space (which it keeps as it is), so a
# text with single spaces only is not walked space by space.
_CHANGED_SEPARATORS = re.compile(r"""[\s"'()\[\]{}]{2,}|[^\S ]|["'()\[\]{}]""")


@dataclass(frozen=True, slots=True)
class Cue:
    """What a lexicon key means: a KB alias (value = entry id) or a cue word (value = branch/ISO2/head)."""

    kind: str
    value: str


@fast_init
@dataclass(frozen=True, slots=True, kw_only=True)
class ActorMention:
    """An actor phrase in the text, before resolution; ``[start, end)`` are raw offsets.

    ``kind`` is "named" (a KB alias, candidates in ``entry_ids``), "generic" (a
    descriptive phrase: ``role`` and maybe ``nationality``) or "coref" (a short
    reference whose antecedent ``resolve`` looks up; ``head`` is the noun it needs,
    "*" for any actor). ``weak`` marks a mention that is a poor actor on its own
    (a bare "طائرات", an alias that is also a common word); ``rule`` names the pattern.
    """

    start: int
    end: int
    text: str
    kind: str
    entry_ids: tuple[str, ...] = ()
    role: str | None = None
    nationality: str | None = None
    is_aircraft: bool = False
    head: str | None = None
    weak: bool = False
    rule: str = ""

    @property
    def is_civilian(self) -> bool:
        """True for civilians (victims), not for armed actors."""
        return self.role == "civilians"


def nisba_forms(base: str) -> tuple[str, ...]:
    """Regular inflections of a masculine nisba (سوري → سورية، سوريان، سوريين، سوريون، سوريتان...)."""
    *first, last = base.split(" ")
    forms = (last, last + "ة", last + "ان", last + "ين", last + "ون", last + "تان", last + "تين", last + "ات")
    return tuple(" ".join([*first, f]) for f in forms)


def _compact(nt: NormalizedText) -> NormalizedText:
    """``nt`` with runs of spaces, quotes and brackets read as one space (offsets kept)."""
    t = nt.text
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    changed = False
    for m in _CHANGED_SEPARATORS.finditer(t):
        a, b = m.span()
        changed = True
        parts.append(t[pos:a])
        offs.extend(nt.offsets[pos:a])
        if a > 0 and b < len(t):
            parts.append(" ")
            offs.append(nt.offsets[a])
        pos = b
    if not changed:
        return nt
    parts.append(t[pos:])
    offs.extend(nt.offsets[pos:len(t)])
    offs.append(nt.raw_length)
    return NormalizedText("".join(parts), tuple(offs), nt.raw_length)


class MentionFinder:
    """Builds the combined matcher once; :meth:`find` is then a pure function of the text."""

    def __init__(self, entries: Sequence[ActorEntry], countries: Sequence[Country],
                 cue_rows: Iterable[Sequence[str]]) -> None:
        items: list[tuple[str, Cue]] = []
        for e in entries:
            items += [(alias, Cue("alias", e.id)) for alias in e.aliases]
        for c in countries:
            for base in c.nisba_ar:
                items += [(form, Cue("nisba", c.iso2)) for form in nisba_forms(base)]
            items += [(name, Cue("country", c.iso2)) for name in c.names_ar]
        for surface, kind, value in cue_rows:
            if kind == "demonym":
                kind = "nisba"
            if kind == "coref" and value != "*":
                value = _head_key(value)
            items.append((surface, Cue(kind, value)))
        self._matcher: PhraseMatcher[Cue] = PhraseMatcher(items)

    def find(self, ntext: NormalizedText, raw: str | None = None) -> list[ActorMention]:
        """Actor mentions in reading order; ``raw`` (the article text) gives exact surfaces."""
        nt = _compact(ntext)
        hits = self._matcher.find(nt)
        out: list[ActorMention] = []
        i = 0
        while i < len(hits):
            kinds = _kinds(hits[i])
            if "stop" in kinds:
                i += 1
                continue
            if kinds & _HEADS:
                phrase = self._phrase(nt, raw, hits, i)
                if phrase is not None:
                    out.append(phrase[0])
                    i = phrase[1]
                    continue
            single = self._single(nt, raw, hits[i])
            if single is not None:
                out.append(single)
            i += 1
        return out

    def _phrase(self, nt: NormalizedText, raw: str | None, hits: list[PhraseMatch[Cue]],
                i: int) -> tuple[ActorMention, int] | None:
        head = hits[i]
        head_kinds = _kinds(head)
        last, k, backed = head, i + 1, False
        while k < len(hits) and _adjacent(nt, last, hits[k]):
            kinds = _kinds(hits[k])
            if kinds & {"alias", "nisba", "unidentified"} or ("country" in kinds and (backed or last is head)):
                break
            if not kinds & _LINKS:
                return None
            backed |= "backed" in kinds
            last, k = hits[k], k + 1
        if k >= len(hits) or not _adjacent(nt, last, hits[k]):
            return None
        tgt = hits[k]
        kinds = _kinds(tgt)
        # A bare state word ("عسكرياً", "حاجزاً") is too loose a head for a following name.
        armed_head = bool(head_kinds & _ARMED_HEADS - {"state"}) or head_kinds >= {"state", "force"}
        aircraft = any(c.kind == "force" and c.value == "aircraft" for c in head.values)
        span = dict(nt=nt, raw=raw, first=head, last=tgt)
        if "alias" in kinds and armed_head:
            ids = tuple(dict.fromkeys(c.value for c in tgt.values if c.kind == "alias"))
            return _mention(**span, kind="named", entry_ids=ids, is_aircraft=aircraft,
                            role=_state_role(tgt), rule="head+alias"), k + 1
        if "nisba" in kinds:
            cc = _value(tgt, "nisba")
            role = _head_role(head_kinds, head)
            return _mention(**span, kind="generic", role=role, nationality=cc, is_aircraft=aircraft,
                            rule="head+nisba"), k + 1
        if "unidentified" in kinds and armed_head:
            military = aircraft or ("force" in head_kinds and "armed" not in head_kinds)
            role = "unidentified_military" if military else "unidentified"
            return _mention(**span, kind="generic", role=role, is_aircraft=aircraft,
                            rule="head+unidentified"), k + 1
        if "country" in kinds and backed and armed_head:
            return _mention(**span, kind="generic", role="proxy", nationality=_value(tgt, "country"),
                            rule="head+backed+country"), k + 1
        if "country" in kinds and last is head and "force" in head_kinds:
            # "شرطة تونس", "جيش السودان": a force noun in construct with a country is that country's force
            return _mention(**span, kind="generic", role=_head_role(head_kinds, head),
                            nationality=_value(tgt, "country"), is_aircraft=aircraft, rule="head+country"), k + 1
        return None

    def _single(self, nt: NormalizedText, raw: str | None, hit: PhraseMatch[Cue]) -> ActorMention | None:
        kinds = _kinds(hit)
        span = dict(nt=nt, raw=raw, first=hit, last=hit)
        if "alias" in kinds:
            ids = tuple(dict.fromkeys(c.value for c in hit.values if c.kind == "alias"))
            return _mention(**span, kind="named", entry_ids=ids, role=_state_role(hit), rule="alias")
        if "state" in kinds:
            return _mention(**span, kind="generic", role=_value(hit, "state"), rule="state")
        if "armed" in kinds or "unidentified" in kinds:
            return _mention(**span, kind="generic", role="unidentified", rule="armed")
        if "occupation" in kinds:
            return _mention(**span, kind="generic", role="military", nationality=_value(hit, "occupation"),
                            rule="occupation")
        for role in ("civilians", "protesters", "rioters"):
            if role in kinds:
                return _mention(**span, kind="generic", role=role, rule=role)
        if "coref" in kinds:
            return _mention(**span, kind="coref", head=_value(hit, "coref"), rule="coref")
        if "militia" in kinds:
            return _mention(**span, kind="coref", head=_head_key("ميليشيا"), weak=True, rule="militia")
        if any(c.kind == "force" and c.value == "aircraft" for c in hit.values):
            return _mention(**span, kind="generic", role="unidentified_military", is_aircraft=True,
                            weak=True, rule="bare-aircraft")
        return None


def _head_key(word: str) -> str:
    key = normalise_key(word)
    return key[2:] if key.startswith("ال") and len(key) > 3 else key


def _kinds(hit: PhraseMatch[Cue]) -> set[str]:
    return {c.kind for c in hit.values}


def _value(hit: PhraseMatch[Cue], kind: str) -> str:
    return next(c.value for c in hit.values if c.kind == kind)


def _state_role(hit: PhraseMatch[Cue]) -> str | None:
    """The generic state role a named hit also carries ("الأمن العسكري" is an alias and a state word)."""
    return next((c.value for c in hit.values if c.kind == "state"), None)


def _head_role(kinds: set[str], head: PhraseMatch[Cue]) -> str:
    """The role a head noun gives a nationality: its branch, or civilians/protesters/proxy."""
    for role in ("civilians", "protesters", "rioters"):
        if role in kinds:
            return role
    if "militia" in kinds and not kinds & {"force", "state"}:
        return "proxy"
    for kind in ("state", "force"):
        if kind in kinds:
            value = _value(head, kind)
            return "military" if value == "aircraft" else value
    return "military"


def _adjacent(nt: NormalizedText, a: PhraseMatch[Cue], b: PhraseMatch[Cue]) -> bool:
    word_start = b.norm_start
    while word_start > a.norm_end and nt.text[word_start - 1].isalnum():
        word_start -= 1
    return bool(_GAP.match(nt.text[a.norm_end:word_start]))


def _mention(*, nt: NormalizedText, raw: str | None, first: PhraseMatch[Cue], last: PhraseMatch[Cue],
             kind: str, **fields: object) -> ActorMention:
    """A mention from ``first`` to ``last``, keeping the article ال of the first word in the span."""
    norm_start = first.norm_start
    if first.prefix.endswith("ال"):
        norm_start -= 2
    elif first.prefix.endswith("لل") and first.key.startswith("ال"):
        norm_start += 1  # "للجيش": the key matched from the article's ل; keep only "جيش"
    start = nt.offsets[norm_start]
    end = last.end
    if raw is not None:
        while end < len(raw) and unicodedata.category(raw[end]) == "Mn":
            end += 1  # keep trailing harakat/tanween ("حاجزاً") inside the span
        text = raw[start:end]
    else:
        text = nt.text[norm_start:last.norm_end]
    return ActorMention(start=start, end=end, text=text, kind=kind, **fields)  # type: ignore[arg-type]
