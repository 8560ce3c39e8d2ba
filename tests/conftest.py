"""Shared fixtures: where ../shared is (tests that need it skip cleanly without it), the seed data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "data" / "seeds"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not available")
    return path


@pytest.fixture
def shared() -> type:
    """Use as ``shared_path`` through a fixture: ``shared("corpora", "afp-dev")``."""
    return shared_path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
