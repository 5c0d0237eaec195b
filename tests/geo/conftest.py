"""Fixtures of the geo tests: one geocoder per session."""

from __future__ import annotations

import pytest

from rasd.geo import Geocoder, load_geocoder


@pytest.fixture(scope="session")
def geocoder() -> Geocoder:
    return load_geocoder()
