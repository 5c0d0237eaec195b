"""One-sentence English summaries of events in the manner of ACLED's ``notes`` (for CSV, API and dashboard).

``event_note`` is a pure function of the event's fields, so a row is readable by
analysts who do not read Arabic:

    On 19 November 2023, Global Coalition against Daesh carried out an air/drone strike on
    Fatemiyoun Brigade in Hura (Abu Kamal, Deir ez-Zor); 3 people were killed.
    Source: Syrian Observatory for Human Rights.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from rasd.model import Event

__all__ = ["NOTE_TEMPLATES", "event_note"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# sub_event_type -> (with a target, without one). {a1}/{a2}: actor phrases.
NOTE_TEMPLATES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "Armed clash": ("{a1} clashed with {a2}", "{a1} were involved in an armed clash"),
    "Government regains territory": ("{a1} regained territory from {a2}", "{a1} regained territory"),
    "Non-state actor overtakes territory": ("{a1} took territory from {a2}", "{a1} took control of territory"),
    "Chemical weapon": ("{a1} used chemical weapons against {a2}", "{a1} used chemical weapons"),
    "Air/drone strike": ("{a1} carried out an air/drone strike on {a2}", "{a1} carried out an air/drone strike"),
    "Suicide bomb": ("{a1} carried out a suicide bombing targeting {a2}", "{a1} carried out a suicide bombing"),
    "Shelling/artillery/missile attack": ("{a1} fired artillery, rockets or missiles at {a2}",
                                          "{a1} fired artillery, rockets or missiles"),
    "Remote explosive/landmine/IED": ("an explosive device planted by {a1} struck {a2}",
                                      "an explosive device planted by {a1} went off"),
    "Grenade": ("{a1} threw a grenade at {a2}", "{a1} threw a grenade"),
    "Sexual violence": ("{a1} committed sexual violence against {a2}", "{a1} committed sexual violence"),
    "Attack": ("{a1} attacked {a2}", "{a1} carried out an attack"),
    "Abduction/forced disappearance": ("{a1} abducted {a2}", "{a1} abducted people"),
    "Peaceful protest": ("{a1} demonstrated against {a2}", "{a1} held a peaceful demonstration"),
    "Protest with intervention": ("{a1} demonstrated and {a2} intervened to disperse them",
                                  "{a1} demonstrated and were dispersed"),
    "Excessive force against protesters": ("{a1} used excessive force against {a2}",
                                           "{a1} used excessive force against protesters"),
    "Violent demonstration": ("{a1} rioted against {a2}", "{a1} held a violent demonstration"),
    "Mob violence": ("a mob of {a1} attacked {a2}", "a mob of {a1} committed violence"),
    "Agreement": ("{a1} reached an agreement with {a2}", "{a1} reached an agreement"),
    "Arrests": ("{a1} arrested {a2}", "{a1} made arrests"),
    "Change to group/activity": ("{a1} changed its posture or activity towards {a2}",
                                 "{a1} changed its posture or activity (e.g. deployment, reinforcement)"),
    "Disrupted weapons use": ("{a1} intercepted or defused a weapon of {a2}",
                              "{a1} intercepted or defused a weapon"),
    "Headquarters or base established": ("{a1} established a base against {a2}", "{a1} established a base"),
    "Looting/property destruction": ("{a1} looted or destroyed property of {a2}",
                                     "{a1} looted or destroyed property"),
    "Non-violent transfer of territory": ("{a1} took over territory from {a2} without fighting",
                                          "{a1} took over territory without fighting"),
    "Other": ("{a1} was involved in a strategic development concerning {a2}",
              "{a1} was involved in a strategic development"),
})
_GENERIC = ("{a1} was involved in an event involving {a2}", "{a1} was involved in an event")
_PLAIN_BY_TYPE = {"civilians": "civilians", "protesters": "protesters", "rioters": "rioters"}


def _actor(actor: Mapping[str, Any] | None, *, default: str) -> str:
    if not actor:
        return default
    name = str(actor.get("name") or "").strip()
    plain = _PLAIN_BY_TYPE.get(str(actor.get("type") or ""))
    if plain and (not name or name.split(" (")[0].lower() == plain):
        return plain
    if name.startswith("Unidentified Armed Group"):
        return "an unidentified armed group"
    if name.startswith("Unidentified Military Forces"):
        return "unidentified military forces"
    return name or default


def _date(value: Any, precision: int) -> str:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        return "On an unknown date"
    if precision >= 3:
        return f"In {MONTHS[value.month - 1]} {value.year}"
    day = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"Around {day}" if precision == 2 else f"On {day}"


def _place(loc: Mapping[str, Any] | None) -> str:
    if not loc:
        return ""
    name = str(loc.get("name") or loc.get("text") or "").strip()
    if not name:
        return ""
    context: list[str] = []
    for key in ("admin2", "admin1"):
        part = str(loc.get(key) or "").strip()
        if part and part != name and part not in context:
            context.append(part)
    where = f"{name} ({', '.join(context)})" if context else name
    return f" near {where}" if loc.get("geo_precision") == 2 else f" in {where}"


def _casualties(fatalities: int, injuries: int | None) -> str:
    parts = []
    if fatalities:
        parts.append("1 person was killed" if fatalities == 1 else f"{fatalities} people were killed")
    if injuries:
        parts.append("1 person was injured" if injuries == 1 else f"{injuries} people were injured")
    return "; " + " and ".join(parts) if parts else ""


def _sources(ev: Mapping[str, Any]) -> str:
    names: list[str] = list(ev.get("sources") or [])
    for report in ev.get("reports") or []:  # a stored cluster: also the outlets that published it
        outlet = report.get("outlet")
        if outlet and outlet not in names:
            names.append(outlet)
    seen = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    return f" Source: {'; '.join(seen)}." if seen else ""


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def event_note(event: Event | Mapping[str, Any]) -> str:
    """The ACLED-style English note of an Event, a CONTRACT EVENT dict or a stored cluster item."""
    ev: Mapping[str, Any] = event.to_dict() if isinstance(event, Event) else event
    with_target, alone = NOTE_TEMPLATES.get(str(ev.get("sub_event_type") or ""), _GENERIC)
    a1 = _actor(ev.get("actor1"), default="unidentified actors")
    a2 = ev.get("actor2")
    assoc: Sequence[Mapping[str, Any]] = ev.get("assoc_actors1") or []
    if assoc:
        a1 += " (with " + ", ".join(_actor(a, default="") for a in assoc) + ")"
    action = with_target.format(a1=a1, a2=_actor(a2, default="")) if a2 else alone.format(a1=a1)
    lead = _date(ev.get("date"), int(ev.get("time_precision") or 1))
    fatalities = int(ev.get("fatalities") or 0)
    body = f"{lead}, {action}{_place(ev.get('location'))}{_casualties(fatalities, ev.get('injuries'))}."
    return _sentence_start(body) + _sources(ev)
