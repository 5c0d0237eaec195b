"""Shared fixtures: the loaded pipelines (once per session) and the path to ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.pipeline import Pipeline, Resources

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="re-pin golden end-to-end files")


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources()


@pytest.fixture(scope="session")
def pipeline(resources: Resources) -> Pipeline:
    """The rule engine alone (every candidate kept): what the rule tables of tests/engine test."""
    return Pipeline(resources, decide=False)


@pytest.fixture(scope="session")
def full_pipeline(resources: Resources) -> Pipeline:
    """The shipped pipeline: rule candidates decided by the learned layer."""
    return Pipeline(resources)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "dev.jsonl").exists():
        pytest.skip("../shared is not present beside the repository")
    return SHARED
