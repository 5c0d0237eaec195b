"""Turn the frames of an analysed Doc into coded Events (type, date, place, actors, counts, sources)."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from rasd.actors.resolve import actor_of
from rasd.analyse import Clause, Doc, by_clause
from rasd.context import country_signals, focus_country
from rasd.engine.casualties import count_casualties
from rasd.engine.frames import Frame, find_frames, type_for
from rasd.engine.lexicons import FAMILIES
from rasd.engine.roles import CROWD, NO_TARGET, Roles, assign_roles, same_actor
from rasd.engine.where import PlaceChoice, choose_places
from rasd.merge import distance_km
from rasd.model import Actor, Event, Location, Provenance, Span
from rasd.resolve.dates import TimeMention

if TYPE_CHECKING:
    from rasd.pipeline import Resources

__all__ = ["Candidate", "build_events"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event read from one frame; a non-primary one (headline, back-reference) may only enrich others."""

    event: Event
    primary: bool
    why: str

# How many clauses back an undated frame may take its date from (the same paragraph's
# earlier sentence usually dates a follow-up sentence: "وأضاف المصدر أن ...").
DATE_LOOKBACK = 4
# Frames with only weak triggers (strength 1) need this much support (actor, place, date, deaths).
WEAK_SUPPORT = 3
# Coreference ("الميليشيات", "قواتها") looks back over this many earlier actor mentions.
COREF_WINDOW = 30
# Strikes a later definite "الضربة"/"الهجوم" with no weapon of its own may refer back to.
ANTECEDENT_CODES = frozenset({"ERV-AIR", "ERV-SHELL", "ERV-IED", "ERV-SUICIDE"})
# A town of a country the article does not name is dropped below this population (see _unsignalled).
UNSIGNALLED_MAX_POP = 50000
# Sub-types whose unnamed perpetrator ACLED codes as an unidentified actor (role in the actor KB).
UNNAMED_PERPETRATOR = {
    "ERV-IED": "unidentified", "ERV-SUICIDE": "unidentified", "ERV-GRENADE": "unidentified",
    "VAC-ATTACK": "unidentified", "VAC-ABDUCT": "unidentified", "ERV-SHELL": "unidentified",
    "ERV-AIR": "unidentified_military",
}
# A sentence that names no actor continues the previous report of the same kind this many
# paragraphs back at most ("كما أشار إلى استهداف مبنى آخر ...").
INHERIT_PARAGRAPHS = 1
# Sub-types that become a violent demonstration when the actor is a crowd of protesters.
CROWD_VIOLENCE = frozenset({"SD-LOOT", "BAT-CLASH", "VAC-ATTACK"})
# "سيطر المحتجون على مبنى المحافظة": a crowd taking a building is rioting, not a change of territory.
CROWD_SEIZURE = frozenset({"BAT-NSA", "BAT-GOV", "SD-TRANSFER"})
# An incident dated more than this many days before publication is history, not a report.
HISTORY_DAYS = 365
# A bare year in the report's clause ("في العام 2010", "وفي 2015", "عام 2019"): a year before the
# publication year dates the report to history when the clause gives no day of its own.
_SINCE = regex.compile(r"(?:منذ|حتى|مطلع|بداية|نهاية)\s*(?:عام|العام|سنة)?\s*$")  # "الأعنف منذ عام 2015"
_YEAR = regex.compile(r"(?:(?:العام|عام|سنة)\s*|(?<![^\s])و?في\s+)((?:19|20)\d\d)(?!\d)")
# An event whose sentence names no place takes the nearest place named this many clauses before it
# (the headline's or lede's town) when no earlier event gave one.
EARLIER_PLACE_CLAUSES = 8
# Sub-types whose "من بلدة X" names the event's place (the detained came from and were taken there).
ORIGIN_IS_PLACE = frozenset({"SD-ARREST", "VAC-ABDUCT"})
# Place qualifiers that name a military site: striking it targets that country's forces.
MILITARY_SITE_WORDS = frozenset({"قاعدة", "قاعده", "القاعدة", "مطار عسكري", "ثكنة", "معسكر", "مقر قيادة"})
ABSOLUTE_RULES = frozenset({"day-month", "numeric-date", "iso-date"})
# A back-referring frame ("القصف استهدف ...") still reports a new event when it names a place
# this far from every place already reported in the article.
NEW_PLACE_KM = 5.0
CONFIDENCE_BY_STRENGTH = {1: 0.45, 2: 0.6, 3: 0.72}


@dataclass(frozen=True, slots=True)
class _DocContext:
    """Per-document lookups shared by all its frames."""

    locations: dict[int, Location]  # index in doc.places -> resolved location
    places_by_clause: list[list[Any]]
    actors_by_clause: list[list[Any]]
    times_by_clause: list[list[TimeMention]]
    ctx_by_clause: list[list[Any]]
    sources_by_clause: list[list[Any]]
    sentence_clauses: dict[Span, tuple[int, ...]]
    actor_starts: tuple[int, ...]
    country: str | None


def _unsignalled(pm: Any, loc: Location, signals: set[str]) -> bool:
    """A town of a country the article never names, in an article that names others ("بلدة المحبس" read
    as Yemen's in a Moroccan report): not a place of this article (issue #10's focus rule)."""
    if not signals or not loc.country or loc.country in signals or pm.level not in ("locality", "admin2"):
        return False
    pop = max((p.population for p in pm.candidates if p.country == loc.country), default=0)
    return pop < UNSIGNALLED_MAX_POP


def _context(doc: Doc, res: Resources) -> _DocContext:
    focus = focus_country(doc)
    resolved = res.geocoder.resolve(list(doc.places), country_hint=focus) if doc.places else []
    signals = country_signals(doc, res.actor_kb)
    # a country two or more distinct places of the article lie in supports itself
    distinct = {(loc.country, loc.name) for loc in resolved if loc is not None}
    signals |= {c for c, n in Counter(c for c, _ in distinct).items() if n >= 2}
    locations = {i: loc for i, loc in enumerate(resolved)
                 if loc is not None and not _unsignalled(doc.places[i], loc, signals)}
    counts = Counter(loc.country for loc in locations.values() if loc.country and loc.geo_precision < 3)
    counts.update(loc.country for loc in locations.values() if loc.country)
    country = focus or (counts.most_common(1)[0][0] if counts else None)
    line_starts = {sp.start for sp in doc.body.spans}
    indexed = [(i, pm) for i, pm in enumerate(doc.places) if not _is_dateline(doc.text, pm, line_starts)]
    by_place = by_clause([_Indexed(i, pm) for i, pm in indexed], doc.clauses)
    sentence_clauses: dict[Span, list[int]] = {}
    for c in doc.clauses:
        sentence_clauses.setdefault(c.sentence, []).append(c.index)
    return _DocContext(
        locations=locations,
        places_by_clause=by_place,
        actors_by_clause=by_clause(doc.actors, doc.clauses),
        times_by_clause=by_clause(doc.times, doc.clauses),
        ctx_by_clause=by_clause(doc.context, doc.clauses),
        sources_by_clause=by_clause(doc.sources, doc.clauses),
        sentence_clauses={k: tuple(v) for k, v in sentence_clauses.items()},
        actor_starts=tuple(m.start for m in doc.actors),
        country=country,
    )


# "بغداد - الأناضول -", "طرابلس 10 سبتمبر 2016 (وال) –": the city a report was filed from.
_DATELINE_TAIL = regex.compile(r"[^.،,؟!\n]{0,40}?[-–—(]")


def _is_dateline(text: str, pm: Any, line_starts: set[int]) -> bool:
    """A place opening a line and followed by a dash or bracket is the dateline, not where events happened."""
    return pm.start in line_starts and _DATELINE_TAIL.match(text, pm.end) is not None


@dataclass(frozen=True, slots=True)
class _Indexed:
    index: int
    mention: Any

    @property
    def start(self) -> int:
        return int(self.mention.start)

    @property
    def end(self) -> int:
        return int(self.mention.end)


def _date_for(doc: Doc, frame: Frame, dc: _DocContext) -> tuple[dt.date | None, int, str, Span | None]:
    clause = frame.clause
    dated = [t for t in dc.times_by_clause[clause.index] if t.date]
    if not dated:
        dated = [t for i in dc.sentence_clauses[clause.sentence] if i != clause.index
                 for t in dc.times_by_clause[i] if t.date]
    if len(dated) > 1 and doc.pub_date is not None:
        # A dateline ("طرابلس 10 سبتمبر 2016 (وال) –") repeats the publication day; another
        # expression in the clause says when the event happened.
        dated = [t for t in dated if not (t.date == doc.pub_date and t.rule in ABSOLUTE_RULES)] or dated
    if dated:
        # "وأوضح مصدر أمني، اليوم الخميس، أن هجوماً ... ظهر الأربعاء": a date between a reporting
        # word and the report word dates the statement; another date in the clause dates the event.
        said = [c.end for i in dc.sentence_clauses[clause.sentence] for c in dc.ctx_by_clause[i]
                if "source" in c.values and c.end <= frame.main.start]

        def statement_date(t: TimeMention) -> bool:
            return any(end <= t.start < frame.main.start for end in said)

        best = min(dated, key=lambda t: (statement_date(t), t.precision, abs(t.start - frame.main.start)))
        return best.date, best.precision, f"time expression ({best.rule})", Span(best.start, best.end)
    for back in range(clause.index - 1, max(-1, clause.index - 1 - DATE_LOOKBACK), -1):
        prev = doc.clauses[back]
        if prev.is_headline:
            continue
        dated = [t for t in dc.times_by_clause[back] if t.date and t.precision == 1]
        if dated:
            t = dated[-1]
            return t.date, t.precision, f"date of an earlier sentence ({t.rule})", Span(t.start, t.end)
    if doc.pub_date is not None:
        return doc.pub_date, 2, "publication date (undated in text)", None
    return None, 3, "no date", None


def _places_in(dc: _DocContext, idx: Sequence[int]) -> tuple[list[tuple[Any, Location]], list[tuple[int, int]]]:
    """The resolved place mentions of these clauses, and the spans of their actor and source names."""
    pairs = [(p.mention, dc.locations[p.index]) for i in idx for p in dc.places_by_clause[i] if p.index in dc.locations]
    blocked = [(m.start, m.end) for i in idx for m in (*dc.actors_by_clause[i], *dc.sources_by_clause[i])]
    return pairs, blocked


def _places(doc: Doc, frame: Frame, dc: _DocContext, prev: list[PlaceChoice]) -> tuple[list[PlaceChoice], str]:
    clause = frame.clause
    for scope in ("clause", "sentence"):
        idx = (clause.index,) if scope == "clause" else dc.sentence_clauses[clause.sentence]
        pairs, blocked = _places_in(dc, idx)
        # "... رداً على هجمات في B": B is where the cause happened, not this event.
        reason = next((c for i in idx for c in dc.ctx_by_clause[i]
                       if "reason" in c.values and c.start > frame.main.start), None)
        if reason is not None:
            blocked.append((reason.start, clause.sentence.end))
        chosen = choose_places(doc.text, pairs, blocked=blocked, origin_is_place=frame.code in ORIGIN_IS_PLACE)
        if chosen and not (len(chosen) == 1 and chosen[0].mention.level == "country"):
            return chosen, scope
    if prev:
        return prev[:1], "place of the previous event in the article"
    for k in range(clause.index - 1, max(-1, clause.index - EARLIER_PLACE_CLAUSES - 1), -1):
        pairs, blocked = _places_in(dc, (k,))
        chosen = [c for c in choose_places(doc.text, pairs, blocked=blocked) if c.mention.level != "country"]
        if chosen:
            return chosen[:1], "place named earlier in the article"
    return [], "none"


def _resolve_actors(doc: Doc, clause: Clause, dc: _DocContext, res: Resources, country: str | None,
                    date: dt.date | None) -> list[tuple[Any, Actor]]:
    out = []
    sources = dc.sources_by_clause[clause.index]
    for m in dc.actors_by_clause[clause.index]:
        if any(s.start <= m.start < s.end for s in sources):
            continue
        k = bisect.bisect_left(dc.actor_starts, m.start)
        previous = [p for p in doc.actors[max(0, k - COREF_WINDOW):k] if p.end <= m.start]
        out.append((m, res.actor_kb.resolve(m, country=country, date=date, previous=previous)))
    return out


def _sources(clause: Clause, dc: _DocContext) -> tuple[tuple[str, ...], list[Span]]:
    """Sources credited in the event's sentence or the clause just before it ("وقال المرصد ...")."""
    names: list[str] = []
    spans = []
    idx = dc.sentence_clauses[clause.sentence]
    for i in range(max(0, idx[0] - 1), idx[-1] + 1):
        for s in dc.sources_by_clause[i]:
            for name in s.values:
                if name not in names:
                    names.append(name)
            spans.append(Span(s.start, s.end))
    return tuple(names), spans


def _is_new_place(choice: PlaceChoice | None, seen: list[Location]) -> bool:
    if choice is None or choice.mention.level not in ("site", "locality"):
        return False
    return all(distance_km(choice.location, loc) > NEW_PLACE_KM for loc in seen)


def _target_hint(doc: Doc, clause: Clause, dc: _DocContext, chosen: list[PlaceChoice]) -> str | None:
    """An actor role implied by what was hit: "military" for a base ("قاعدة الملك خالد الجوية"),
    "civilians" for homes and residential areas ("منازل المدنيين", "أحياء سكنية")."""
    if chosen and chosen[0].mention.qualifier in MILITARY_SITE_WORDS:
        return "military"
    if any("residential" in c.values for c in dc.ctx_by_clause[clause.index]):
        return "civilians"
    return None


def _complete_actors(roles: Roles, code: str, family: str, sub_event_type: str, clause: Clause,
                     prev_event: tuple[Event, int] | None, res: Resources, country: str | None,
                     date: dt.date | None, target_hint: str | None = None,
                     ) -> tuple[tuple[Actor | None, str], tuple[Actor | None, str]]:
    """actor1 and actor2 with the rule behind each, filling what the sentence leaves unnamed:
    the previous report of the same sub-type continues, victims of violence against civilians
    are civilians, and an unnamed perpetrator is ACLED's unidentified actor."""
    actor1 = roles.actor1[1] if roles.actor1 else None
    actor1_rule = roles.rules.get("actor1", "")
    prev = prev_event[0] if prev_event is not None else None
    recent = prev_event is not None and clause.paragraph - prev_event[1] <= INHERIT_PARAGRAPHS
    same_kind = recent and prev is not None and prev.sub_event_type == sub_event_type
    if actor1 is None and same_kind and prev is not None and prev.actor1 is not None:
        actor1 = prev.actor1
        actor1_rule = "actor of the previous report of the same kind (no actor named in this sentence)"
    actor2 = roles.actor2[1] if roles.actor2 else None
    actor2_rule = roles.rules.get("actor2", "")
    if (actor2 is None and same_kind and prev is not None and prev.actor2 is not None and actor1 is not None
            and same_actor(actor1, prev.actor1)):
        actor2 = prev.actor2
        actor2_rule = "target of the previous report by the same actor (no target named in this sentence)"
    if (actor2 is None and country and (code == "VAC-ATTACK" or target_hint) and code not in NO_TARGET
            and not (code.startswith("BAT") and target_hint == "civilians")):
        role = "civilians" if code == "VAC-ATTACK" else target_hint or "civilians"
        entry = res.actor_kb.default_actor(role, country, date)
        if entry is not None and (actor1 is None or not same_actor(actor_of(entry, "", country), actor1)):
            actor2 = actor_of(entry, "", country)
            actor2_rule = f"what was hit implies the target ({role})"
    if actor1 is None and code.startswith(("PRO", "RIO")) and country:
        # ACLED: a protest's actor1 is the country's protesters, a riot's its rioters.
        crowd_role = "rioters" if code.startswith("RIO") else "protesters"
        entry = res.actor_kb.default_actor(crowd_role, country, date)
        if entry is not None:
            actor1 = actor_of(entry, "", country)
            actor1_rule = f"crowd not named: {crowd_role} of the country (ACLED practice)"
    if actor1 is None and (code in UNNAMED_PERPETRATOR or (code == "BAT-CLASH" and family in FAMILIES)):
        role = UNNAMED_PERPETRATOR.get(code, "unidentified")
        entry = res.actor_kb.default_actor(role, country, date) or res.actor_kb.default_actor(role, None, date)
        if entry is not None:
            actor1 = actor_of(entry, "", country)
            actor1_rule = "perpetrator not named: unidentified (ACLED practice)"
    return (actor1, actor1_rule), (actor2, actor2_rule)


def _battle_sides(roles: Roles, actors: Sequence[tuple[Any, Actor]]) -> Roles:
    """Civilians are never a side of a battle (ACLED): the other armed actor of the clause, or none."""
    if roles.actor2 is None or roles.actor2[1].type != "civilians":
        return roles
    first = roles.actor1[1] if roles.actor1 is not None else None
    other = next((a for a in actors if a[1].type not in CROWD | {"civilians"}
                  and not same_actor(a[1], first)), None)
    rules = dict(roles.rules)
    if other is None:
        rules.pop("actor2", None)
    else:
        rules["actor2"] = "the other armed side named (civilians are never a side of a battle)"
    return dataclasses.replace(roles, actor2=other, rules=rules)


def _past_year(clause_text: str, pub_year: int) -> bool:
    """Does the clause date itself by a year before ``pub_year``?"""
    return any(int(m.group(1)) < pub_year and not _SINCE.search(clause_text, 0, m.start())
               for m in _YEAR.finditer(clause_text))


def _crowd(pick: tuple[Any, Actor] | None) -> bool:
    """Is this role filled by protesters or rioters?"""
    return pick is not None and pick[1].type in CROWD


def _frame_events(doc: Doc, frame: Frame, dc: _DocContext, res: Resources, prev_places: list[PlaceChoice],
                  seen: list[Location], prev_event: tuple[Event, int] | None,
                  antecedent: str | None = None) -> tuple[list[Candidate], list[PlaceChoice]]:
    lex = res.event_lexicons
    clause = frame.clause
    date, precision, date_rule, date_span = _date_for(doc, frame, dc)
    chosen, place_scope = _places(doc, frame, dc, prev_places)
    country = chosen[0].location.country if chosen else dc.country
    actors = _resolve_actors(doc, clause, dc, res, country, date)
    if country is None:
        # No place named: the country of a state force in the sentence ("قوات الأمن التونسي") stands in.
        country = next((a.country for _, a in actors if a.type == "state_forces" and a.country), None)
        if country is not None:
            actors = _resolve_actors(doc, clause, dc, res, country, date)
    ctx = dc.ctx_by_clause[clause.index]
    window_ctx = [c for i in dc.sentence_clauses[clause.sentence] for c in dc.ctx_by_clause[i]]
    cas = count_casualties(doc, clause.span.start, frame.window_end, lex, res.number_words, window_ctx)
    provisional = frame.code if frame.code in lex.taxonomy else "BAT-CLASH"
    symmetric = frame.code == "BAT-CLASH"
    roles = assign_roles(doc.text, frame.main.start, actors, ctx, claim=frame.claim, code=provisional,
                         symmetric=symmetric)
    a2 = roles.actor2[1] if roles.actor2 else None
    civilian_target = (cas.civilian_victims or (a2 is not None and a2.type == "civilians")
                       or (a2 is None and any("residential" in c.values for c in ctx)))
    armed_target = cas.armed_victims or (a2 is not None and a2.type not in {"civilians", "protesters"})
    cues = frame.cues
    if roles.actor1 is not None and getattr(roles.actor1[0], "is_aircraft", False):
        cues = cues | {"AIR"}  # "طائراته الحربية هاجمت ...": the actor itself is aircraft
    code = type_for(frame.code, cues, civilian_target=civilian_target, armed_target=armed_target)
    if (antecedent is not None and frame.definite and frame.code == "ATTACK" and not frame.cues
            and code == "BAT-CLASH" and not roles.actor2):
        # "غارة جوية أميركية في الصومال ... الضربة نفذت يوم 12 أكتوبر": a definite, untyped "الضربة"
        # or "الهجوم" refers back to the article's last typed strike and is of its kind.
        code = antecedent
    trigger_codes = {v.code for t in frame.triggers for v in t.values}
    if _crowd(roles.actor1) and code in CROWD_VIOLENCE | CROWD_SEIZURE:
        code = "RIO-VIOLENT"  # a crowd that burns, fights, attacks or storms is a violent demonstration (ACLED)
    elif code == "BAT-CLASH" and _crowd(roles.actor2):
        code = "RIO-VIOLENT"  # "اشتباكات بين قوات الأمن والمتظاهرين": the crowd fought, not an armed side
    elif code in ("PRO-PEACE", "BAT-CLASH") and {"PRO-PEACE", "BAT-CLASH"} <= trigger_codes:
        code = "RIO-VIOLENT"  # "احتجاجات ... تحولت إلى اشتباكات مع قوات الأمن": a protest that fought
    elif code == "SD-ARREST" and (_crowd(roles.actor2) or any(c.startswith("PRO") for c in trigger_codes)):
        code = "PRO-INTERV"  # "اعتقلت الشرطة 6 متظاهرين خلال تظاهرة": arrests at a protest (ACLED)
    if code != provisional:
        roles = assign_roles(doc.text, frame.main.start, actors, ctx, claim=frame.claim, code=code,
                             symmetric=symmetric)
    own_time = date_rule.startswith("time expression")
    support = sum((roles.actor1 is not None, roles.actor2 is not None,
                   bool(chosen) and place_scope in ("clause", "sentence"), own_time, cas.fatalities > 0))
    if frame.strength <= 1 and (support < WEAK_SUPPORT or place_scope not in ("clause", "sentence")):
        return [], prev_places  # a weak word needs support of its own sentence, including a place
    if date is not None and doc.pub_date is not None and (doc.pub_date - date).days > HISTORY_DAYS:
        return [], prev_places  # history ("منذ أن بدأت الحرب في 8 أكتوبر 2023"), not this article's news
    if not own_time and doc.pub_date is not None and _past_year(doc.text[clause.span.start:clause.span.end],
                                                                doc.pub_date.year):
        return [], prev_places  # history by its year ("الهجوم الذي شهدته كامبالا في العام 2010")
    if frame.code == "KILL" and code == "BAT-CLASH" and roles.actor1 is None:
        return [], prev_places  # a death with no cause and no perpetrator is not codable
    if code in ("BAT-NSA", "BAT-GOV") and roles.actor1 is not None:
        # Who took the place decides the sub-type (ACLED): state forces regain, others overtake.
        code = "BAT-GOV" if roles.actor1[1].type == "state_forces" else "BAT-NSA"
    if code in ("BAT-NSA", "BAT-GOV") and any("unopposed" in c.values for c in window_ctx):
        code = "SD-TRANSFER"  # "سيطر الجيش على البلدة دون مواجهات": a non-violent transfer of territory
    if code.startswith("BAT"):
        roles = _battle_sides(roles, actors)
    sub = lex.subtype(code)
    (actor1, actor1_rule), (actor2, actor2_rule) = _complete_actors(
        roles, code, frame.code, sub.sub_event_type, clause, prev_event, res, country, date,
        _target_hint(doc, clause, dc, chosen))
    sources, source_spans = _sources(clause, dc)
    conf = CONFIDENCE_BY_STRENGTH.get(frame.strength, 0.6) + 0.05 * support
    evidence = (Span(clause.span.start, frame.window_end),)
    base_prov = [
        Provenance(field="event_type", rule=frame.rule, span=Span(frame.main.start, frame.main.end),
                   detail=f"{code}; cues={sorted(frame.cues)}"),
        Provenance(field="date", rule=date_rule, span=date_span),
        Provenance(field="fatalities", rule="casualty words", detail=str(cas.spans)),
    ]
    if actor1 is not None and roles.actor1 is None:
        base_prov.append(Provenance(field="actor1", rule=actor1_rule, detail=actor1.id or ""))
    if actor2 is not None and roles.actor2 is None:
        base_prov.append(Provenance(field="actor2", rule=actor2_rule, detail=actor2.id or ""))
    for role in ("actor1", "actor2", "claimed_by"):
        pick = getattr(roles, role)
        if pick:
            base_prov.append(Provenance(field=role, rule=roles.rules.get(role, ""),
                                        span=Span(pick[0].start, pick[0].end), detail=pick[1].id or ""))
    for s in source_spans:
        base_prov.append(Provenance(field="sources", rule="source lexicon", span=s))
    own_date = bool(dc.times_by_clause[clause.index])
    events = []
    for choice in chosen or [None]:
        if clause.is_headline:
            primary, why = False, "headline"
        elif frame.demonstrative:
            primary, why = False, "back-reference (demonstrative)"
        elif frame.definite and not own_date and not _is_new_place(choice, seen):
            primary, why = False, "back-reference (definite trigger, no new date or place)"
        else:
            primary, why = True, "report"
        prov = list(base_prov)
        if choice is not None:
            prov.append(Provenance(field="location", rule=f"{choice.rule}; scope {place_scope}",
                                   span=Span(choice.mention.start, choice.mention.end)))
        events.append(Candidate(Event(
            event_type=sub.event_type,
            sub_event_type=sub.sub_event_type,
            date=date,
            time_precision=precision,
            actor1=actor1,
            actor2=actor2,
            assoc_actors1=tuple(a[1] for a in roles.assoc1),
            location=choice.location if choice else None,
            fatalities=cas.fatalities if len(chosen) <= 1 else 0,
            injuries=cas.injuries if len(chosen) <= 1 else None,
            weapons=frame.weapons,
            sources=sources,
            claimed_by=roles.claimed_by[1] if roles.claimed_by else None,
            evidence=evidence,
            confidence=min(0.95, conf),
            provenance=tuple(prov),
        ), primary, why))
    return events, (chosen or prev_places)


def build_events(doc: Doc, res: Resources) -> list[Candidate]:
    """All candidate events of ``doc`` before in-article merging, in text order."""
    frames: Sequence[Frame] = find_frames(doc, res.event_lexicons)
    if not frames:
        return []
    dc = _context(doc, res)
    events: list[Candidate] = []
    prev: list[PlaceChoice] = []
    seen: list[Location] = []
    last: tuple[Event, int] | None = None
    typed: str | None = None  # the code of the article's last strike typed by a weapon cue
    for frame in frames:
        new, prev_next = _frame_events(doc, frame, dc, res, prev, seen, last, typed)
        for c in new:
            code = res.event_lexicons.code_of(c.event.sub_event_type)
            if code in ANTECEDENT_CODES:
                typed = code
        seen.extend(c.event.location for c in new if c.primary and c.event.location)
        if not frame.clause.is_headline:
            prev = prev_next
            last = next(((c.event, frame.clause.paragraph) for c in new if c.primary), last)
        events.extend(new)
    return events
