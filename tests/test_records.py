"""rasd.records.fast_init: the same constructor as the dataclass's own, only faster (issue #12)."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass

import pytest

from rasd.records import fast_init


def _pair(**params):
    def make() -> type:
        @dataclass(frozen=True, slots=True, **params)
        class Rec:
            a: int
            b: str = "x"
            c: tuple = ()

        return Rec

    return make(), fast_init(make())


@pytest.mark.parametrize("params", [{}, {"kw_only": True}])
def test_same_signature_instances_and_immutability(params) -> None:
    plain, fast = _pair(**params)
    assert str(inspect.signature(plain)) == str(inspect.signature(fast))
    kwargs = {"a": 1, "b": "y", "c": (2,)}
    p, f = plain(**kwargs), fast(**kwargs)
    assert repr(p).replace("Rec", "") == repr(f).replace("Rec", "")
    assert dataclasses.astuple(p) == dataclasses.astuple(f) and hash(dataclasses.astuple(f)) == hash(
        dataclasses.astuple(p))
    assert fast(a=1) == fast(a=1, b="x", c=())
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.a = 2  # type: ignore[misc]
    assert dataclasses.replace(f, b="z").b == "z"
    with pytest.raises(TypeError):
        fast(**kwargs, d=1)
    if params.get("kw_only"):
        with pytest.raises(TypeError):
            fast(1)


def test_post_init_runs_and_unsupported_fields_are_refused() -> None:
    seen = []

    @fast_init
    @dataclass(frozen=True, slots=True)
    class WithPost:
        a: int

        def __post_init__(self) -> None:
            seen.append(self.a)

    WithPost(3)
    assert seen == [3]

    @dataclass(frozen=True, slots=True)
    class WithFactory:
        a: list = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError):
        fast_init(WithFactory)

    @dataclass(slots=True)
    class NotFrozen:
        a: int

    with pytest.raises(TypeError):
        fast_init(NotFrozen)


def test_the_pipeline_records_keep_their_signatures() -> None:
    from rasd.model import Event, Location, Span
    from rasd.text.matching import PhraseMatch
    from rasd.text.tokenise import Token

    for cls in (Event, Location, Span, PhraseMatch, Token):
        params = list(inspect.signature(cls).parameters.values())
        fields = dataclasses.fields(cls)
        assert [p.name for p in params] == [f.name for f in fields]
        for p, f in zip(params, fields, strict=True):
            assert (p.kind is inspect.Parameter.KEYWORD_ONLY) == f.kw_only
            assert p.default is (inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
