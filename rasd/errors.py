"""The one exception tree of Rasd.

    RasdError
    ├── InputError      bad input: a file, line or field that cannot be read
    ├── ResourceError   a packaged resource (lexicon, gazetteer, KB) is missing or malformed
    ├── StorageError    the event store failed
    └── ConfigError     a setting or option has an invalid value
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "RasdError", "ResourceError", "StorageError"]


class RasdError(Exception):
    """Base class of every error Rasd raises on purpose."""


class InputError(RasdError):
    """Input that cannot be read; ``where`` names the file/line/field."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.reason = message


class ResourceError(RasdError):
    """A packaged resource is missing or malformed."""


class StorageError(RasdError):
    """The event store failed."""


class ConfigError(RasdError):
    """A setting has an invalid value."""
