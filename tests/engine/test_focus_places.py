"""A town of a country the article never names is not taken for the event's place, unless other places
of the article support that country (issue #10's focus rule, ``rasd.engine.build._unsignalled``)."""

from __future__ import annotations

from rasd.pipeline import Pipeline

PUB = "2024-11-09"


def test_lone_town_of_an_unnamed_country_is_not_the_place(pipeline: Pipeline) -> None:
    # "المحبس" is only a Yemeni hamlet in the gazetteer (named twice here: one place, no support of its
    # own); the report is Moroccan (dateline, nisba)
    text = ("البوليساريو تقصف بالصواريخ تجمعا للمدنيين بمنطقة المحبس\n"
            "الرباط - قصفت عناصر مسلحة من جبهة البوليساريو الانفصالية، اليوم السبت، بأربعة صواريخ تجمعا "
            "للمدنيين بمنطقة المحبس في الصحراء المغربية.")
    events = pipeline.extract(text, pub_date=PUB)
    assert all(e.location is None or e.location.country != "YE" for e in events)


def test_places_that_support_each_other_are_kept(pipeline: Pipeline) -> None:
    # the article names only Turkey, but three Syrian villages and Aleppo agree on Syria
    text = ("أنقرة - قصفت المدفعية التركية، اليوم، قرى مرعناز وعين دقنة وتل رفعت في ريف حلب الشمالي، "
            "بحسب ما أفاد المرصد.")
    events = pipeline.extract(text, pub_date=PUB)
    assert len(events) == 3 and {e.location.country for e in events if e.location} == {"SY"}


def test_named_country_keeps_its_towns(pipeline: Pipeline) -> None:
    text = "تونس - قتل جنديان تونسيان اليوم في انفجار لغم بجبل المغيلة في ولاية سيدي بوزيد."
    events = pipeline.extract(text, pub_date=PUB)
    assert events and events[0].location is not None and events[0].location.country == "TN"
