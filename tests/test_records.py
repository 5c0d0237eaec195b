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

    for cls in (Event, Location, Span, PhraseMatch):
        params = list(inspect.signature(cls).parameters.values())
        fields = dataclasses.fields(cls)
        assert [p.name for p in params] == [f.name for f in fields]
        for p, f in zip(params, fields, strict=True):
            assert (p.kind is inspect.Parameter.KEYWORD_ONLY) == f.kw_only
            assert p.default is (inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)


def test_tokens_are_the_frozen_records_they_were() -> None:
    """Token became a named tuple (issue #12): same fields, values, equality, hash and repr as the frozen
    slotted dataclass it replaced, built by the same loop, and still immutable."""
    from rasd.text.normalise import normalise
    from rasd.text.tokenise import _WORD, Token, tokenise
    from tests.corpus_texts import corpus_texts

    @dataclasses.dataclass(frozen=True, slots=True)
    class OldToken:
        text: str
        start: int
        end: int
        norm_start: int
        norm_end: int

    assert Token._fields == tuple(f.name for f in dataclasses.fields(OldToken))
    n = 0
    for raw in [*corpus_texts()[:300], "قُتِلَ ١٥ شخصاً", ""]:
        ntext = normalise(raw)
        old = [OldToken(ntext.text[s:e], ntext.offsets[s], ntext.offsets[e - 1] + 1, s, e)
               for s, e in (m.span() for m in _WORD.finditer(ntext.text))]
        new = tokenise(ntext)
        assert [dataclasses.astuple(t) for t in old] == [tuple(t) for t in new]
        assert [hash(t) for t in old] == [hash(t) for t in new]
        assert [repr(t).replace(OldToken.__qualname__, "Token") for t in old] == [repr(t) for t in new]
        assert all(type(t) is Token for t in new)
        n += len(new)
    assert n > 10000
    token = tokenise(normalise("قصف"))[0]
    with pytest.raises(AttributeError):
        token.start = 3  # type: ignore[misc]
