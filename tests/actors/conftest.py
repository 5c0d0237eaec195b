"""The actor KB, loaded once for the actor tests."""

from __future__ import annotations

import pytest

from rasd.actors import ActorKB, load_actor_kb


@pytest.fixture(scope="session")
def kb() -> ActorKB:
    return load_actor_kb()
