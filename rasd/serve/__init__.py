"""The HTTP side of Rasd: REST API and offline map dashboard over the event store."""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    # Lazy: importing rasd.serve must not import FastAPI (an optional extra).
    if name == "create_app":
        from rasd.serve.app import create_app

        return create_app
    raise AttributeError(name)
