"""Actor knowledge base and actor resolution: who acted, in ACLED's terms."""

from __future__ import annotations

from rasd.actors.find import ActorMention
from rasd.actors.kb import ActorEntry, Country
from rasd.actors.knowledge import ActorKB, load_actor_kb

__all__ = ["ActorEntry", "ActorKB", "ActorMention", "Country", "load_actor_kb"]
