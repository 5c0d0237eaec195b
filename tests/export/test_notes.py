"""English ACLED-style notes: one sentence from the event's fields."""

from __future__ import annotations

import pytest

from rasd.engine.lexicons import load_taxonomy
from rasd.store.records import event_from_dict
from rasd.summary import NOTE_TEMPLATES, event_note
from tests.export.conftest import (
    CIV_SY,
    COALITION,
    DARAA_RURAL,
    FATEMIYOUN,
    NASIRIYAH,
    POLICE_IQ,
    PROTESTERS,
    REPORTS,
    SUKKARIYAH,
    UAG_SY,
    _event,
)


@pytest.mark.parametrize(("event", "note"), [
    (REPORTS[0][4][0],
     "On 30 October 2023, Global Coalition against Daesh carried out an air/drone strike on Fatemiyoun Brigade "
     "in Al-Sukkariyah (Abu Kamal, Deir ez-Zor); 5 people were killed. Source: Syrian Observatory for Human Rights."),
    (REPORTS[1][4][0],
     "On 2 February 2024, an unidentified armed group attacked civilians near Tafas (Daraa); 2 people were killed "
     "and 3 people were injured."),
    (REPORTS[2][4][0], "On 10 March 2024, protesters held a peaceful demonstration in Nasiriyah (Dhi Qar)."),
    (REPORTS[2][4][1], "Around 10 March 2024, Police Forces of Iraq (2022-) used excessive force against protesters "
                       "in Nasiriyah (Dhi Qar); 1 person was injured."),
    (REPORTS[3][4][0], "On an unknown date, Police Forces of Iraq (2022-) made arrests."),
    (_event(event_type="Battles", sub_event_type="Armed clash", date="2024-05-09", time_precision=3,
            actor1=COALITION, assoc_actors1=[POLICE_IQ], actor2=UAG_SY, location=SUKKARIYAH),
     "In May 2024, Global Coalition against Daesh (with Police Forces of Iraq (2022-)) clashed with an unidentified "
     "armed group in Al-Sukkariyah (Abu Kamal, Deir ez-Zor)."),
    (_event(event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
            date="2024-01-05", actor2=CIV_SY, location=DARAA_RURAL, fatalities=1),
     "On 5 January 2024, an explosive device planted by unidentified actors struck civilians near Tafas (Daraa); "
     "1 person was killed."),
])
def test_event_note(event, note):
    assert event_note(event) == note
    assert event_note(event_from_dict(event)) == note  # an Event gives the same note as its dict


def test_note_of_a_stored_incident_cites_the_outlets(store):
    from rasd.store import EventQuery

    item = store.list_events(EventQuery(sub_event_type=("Air/drone strike",)))["items"][0]
    assert event_note(item).endswith("Source: Syrian Observatory for Human Rights; Furat Post.")


def test_every_taxonomy_sub_type_has_a_note_template():
    assert {t.sub_event_type for t in load_taxonomy().values()} == set(NOTE_TEMPLATES)


def test_notes_are_english_only_apart_from_names():
    for _, _, _, _, events in REPORTS:
        for ev in events:
            note = event_note(ev)
            assert not any("\u0600" <= ch <= "\u06ff" for ch in note), note


def test_other_fixture_actors_render():
    ev = _event(event_type="Protests", sub_event_type="Protest with intervention", date="2024-03-10",
                actor1=PROTESTERS, actor2=POLICE_IQ, location=NASIRIYAH)
    assert "protesters demonstrated and Police Forces of Iraq (2022-) intervened" in event_note(ev)
    ev = _event(event_type="Strategic developments", sub_event_type="Agreement", date="2024-03-10",
                actor1=FATEMIYOUN, actor2=COALITION)
    assert event_note(ev).startswith("On 10 March 2024, Fatemiyoun Brigade reached an agreement with")
