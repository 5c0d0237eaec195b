"""The learned slot rankers: which actors of the sentence can fill actor1/actor2, how a ranker's choice
is applied, that training applies it as the pipeline does, and that the shipped rankers load."""

from __future__ import annotations

import datetime as dt

import pytest

from rasd.decide import load_decider
from rasd.decide.slots import ROLES, SlotModel, choose_actors, slot_features, slot_options
from rasd.model import Article
from rasd.pipeline import Pipeline

from .conftest import ROOT

CLASH = ("الخرطوم - اندلعت اشتباكات عنيفة، صباح اليوم الأحد، بين الجيش السوداني وقوات الدعم السريع في مدينة "
         "الفاشر عاصمة ولاية شمال دارفور، وفق ما أفاد شهود عيان.")
DISPERSAL = ("عمّان - فضت قوات الأمن، مساء اليوم السبت، مسيرة حاولت الوصول إلى السفارة الأمريكية في العاصمة عمان، "
             "واعتقلت عددا من المشاركين فيها.")


def _event(pipeline: Pipeline, text: str):
    doc = pipeline.analyse(Article(id="t", text=text, pub_date=dt.date(2024, 5, 12)))
    events = pipeline.candidates_of(doc)
    assert events, text
    return doc, events[0]


def test_options_hold_the_engine_choice_first_every_other_actor_and_no_target(pipeline: Pipeline) -> None:
    doc, event = _event(pipeline, CLASH)
    kb = pipeline.resources.actor_kb
    a2 = slot_options(doc, event, kb, "actor2")
    assert a2[0].current and a2[0].actor == event.actor2
    names = {o.actor.name for o in a2 if o.actor is not None}
    assert {"Rapid Support Forces"} <= names | {event.actor1.name if event.actor1 else ""}
    assert any(o.actor is None for o in a2)  # "no target" is an option of actor2 ...
    a1 = slot_options(doc, event, kb, "actor1")
    assert a1[0].current and all(o.actor is not None for o in a1)  # ... never of actor1
    assert len({(o.actor.name, o.actor.text) for o in a1 if o.actor}) == len(a1)  # no duplicates


def test_features_say_where_the_option_stands(pipeline: Pipeline) -> None:
    doc, event = _event(pipeline, CLASH)
    for option in slot_options(doc, event, pipeline.resources.actor_kb, "actor2"):
        feats = slot_features(doc, event, option, "actor2")
        assert f"sub:{event.sub_event_type}" in feats
        if option.actor is None:
            assert "none" in feats
        elif option.start >= 0:
            assert any(f.startswith("side:") for f in feats) and any(f.startswith("prev:") for f in feats)


def test_choose_actors_follows_the_ranker_and_never_repeats_actor1(pipeline: Pipeline) -> None:
    doc, event = _event(pipeline, DISPERSAL)
    kb = pipeline.resources.actor_kb
    # a ranker that wants "no target" everywhere empties actor2
    empty = choose_actors({"actor2": SlotModel({"none": 5.0})}, doc, event, kb)
    assert empty.actor2 is None and empty.actor1 == event.actor1
    # a ranker that prefers police forces in actor1 moves them there; actor2 is then not the same actor
    police = choose_actors({"actor1": SlotModel({"type:state_forces": 5.0}),
                            "actor2": SlotModel({"type:state_forces": 5.0})}, doc, event, kb)
    assert police.actor1 is not None and police.actor1.type == "state_forces"
    assert police.actor2 is None or police.actor2.name != police.actor1.name
    # no model, no change
    assert choose_actors({}, doc, event, kb) is event


def test_shipped_rankers_load_with_their_figures() -> None:
    decider = load_decider()
    assert set(decider.slots) <= set(ROLES)
    acc = decider.training["slot_accuracy"]
    for role in ROLES:
        assert (role in decider.slots) == (decider.training["slot_c"][role] is not None)
        if role in decider.slots:
            assert acc[role]["learned"] > acc[role]["rules"]


def test_training_applies_the_rankers_as_the_pipeline_does(shared_dir) -> None:
    """The figures of training (``with_slots`` over recorded options) equal what ``choose_actors`` does."""
    pytest.importorskip("sklearn")
    from rasd.decide.train import build_examples, fit_slots, load_articles, slot_ranking, with_slots

    articles = load_articles(sorted((ROOT / "data" / "corpus" / "events").glob("*.jsonl")))[:40]
    examples = [ex for ex in build_examples(articles, []) if ex.kind == "article"]
    models = {role: fit_slots(examples, role, c=1.0) for role in ROLES}
    assert fit_slots(examples, "actor2", c=1.0) == models["actor2"]  # deterministic
    applied = with_slots(examples, {role: [slot_ranking(m, ex, role) for ex in examples] for role, m in models.items()})
    pipeline = Pipeline(decide=False)
    by_article: dict[str, list] = {}
    for art in articles:
        doc = pipeline.analyse(Article(id=str(art["id"]), text=art["text"],
                                       pub_date=dt.date.fromisoformat(art["pub_date"])))
        by_article[str(art["id"])] = [choose_actors(models, doc, ev, pipeline.resources.actor_kb).to_dict()
                                      for ev in pipeline.candidates_of(doc)]
    changed = 0
    for ex, new in zip(examples, applied, strict=True):
        pipe_event = by_article[ex.article].pop(0)
        for role in ROLES:
            assert (new.event[role] or {}).get("name") == (pipe_event[role] or {}).get("name"), (ex.article, role)
        changed += new.event != ex.event
    assert changed > 0
