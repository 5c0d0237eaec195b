"""After the learned decision, re-mentions of one incident fold into its first report; distinct
places, days or sub-types stay apart (rasd.merge.fold_repeats / repeat_targets)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from rasd.merge import Site, fold_repeats, repeat_targets, site_of
from rasd.model import Event, Location
from rasd.pipeline import Pipeline

DAY = "2023-10-14"


def _site(sub: str = "Air/drone strike", date: str | None = DAY, place: str | None = "Jabalia",
          lat: float | None = 31.53, lon: float | None = 34.48) -> Site:
    etype = "Battles" if sub == "Armed clash" else "Explosions/Remote violence"
    return Site(etype, sub, date, place, lat, lon)


@pytest.mark.parametrize(("second", "repeats"), [
    (_site(), True),  # same sub-type, day and place: a re-mention
    (_site(place=None, lat=None, lon=None), True),  # "وأسفرت الغارة عن ..." with no place of its own
    (_site(date=None), True),  # an undated detail of the same strike
    (_site(place="Jabalia camp", lat=31.5301, lon=34.4802), True),  # two names of one point
    (_site(place="Beit Lahia", lat=31.55, lon=34.50), False),  # the next town, 3 km away
    (_site(date="2023-10-15"), False),  # the same town the next day
    (_site(sub="Shelling/artillery/missile attack"), False),  # artillery the same day: another event
    (_site(sub="Armed clash"), False),  # another type
])
def test_repeat_targets_table(second: Site, repeats: bool) -> None:
    assert repeat_targets([_site(), second]) == [None, 0 if repeats else None]


def test_a_third_report_folds_into_the_first_not_a_folded_one() -> None:
    sites = [_site(), _site(place="Beit Lahia", lat=31.55, lon=34.50), _site(place=None, lat=None, lon=None)]
    assert repeat_targets(sites) == [None, None, 0]


def test_site_of_reads_events_and_their_dicts(pipeline: Pipeline) -> None:
    text = ("شنت طائرات حربية إسرائيلية، اليوم السبت، غارة على منزل في مخيم جباليا شمال قطاع غزة،"
            " ما أسفر عن مقتل 5 مدنيين.")
    ev = pipeline.extract(text, pub_date=DAY)[0]
    assert site_of(ev) == site_of(ev.to_dict())


def test_fold_keeps_the_first_report_with_both_evidences(pipeline: Pipeline) -> None:
    text = ("شنت طائرات حربية إسرائيلية، اليوم السبت، غارة على منزل في مخيم جباليا شمال قطاع غزة.\n"
            "وقال مراسلنا إن الغارة على مخيم جباليا أسفرت عن مقتل 5 مدنيين بينهم طفلان.")
    first = pipeline.extract(text.split("\n")[0], pub_date=DAY)[0]
    loc: Location = first.location  # type: ignore[assignment]
    second = dataclasses.replace(first, evidence=(dataclasses.replace(first.evidence[0], start=90, end=160),),
                                 fatalities=5, actor1=None, confidence=0.9, location=loc)
    other_day = dataclasses.replace(first, date=first.date + dt.timedelta(days=1) if first.date else None)
    folded = fold_repeats([dataclasses.replace(first, confidence=0.7), second, other_day])
    assert len(folded) == 2
    assert isinstance(folded[0], Event)
    assert folded[0].fatalities == 5 and folded[0].confidence == 0.9 and len(folded[0].evidence) == 2
    assert folded[0].actor1 is not None  # the named actor of the first report stays


def test_a_generic_attack_joins_the_typed_strike_of_that_day_and_place(pipeline: Pipeline) -> None:
    text = ("تعرضت مدينة بورتسودان، صباح اليوم الثلاثاء، لهجوم جديد استهدف الميناء الجنوبي.\n"
            "وقالت مصادر عسكرية إن طائرات مسيرة تابعة لقوات الدعم السريع قصفت، اليوم، مخازن الوقود في مدينة"
            " بورتسودان.")
    events = pipeline.extract(text, pub_date="2025-05-06")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
