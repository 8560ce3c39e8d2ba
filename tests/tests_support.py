"""Helpers importable from test modules (pytest puts tests/ on sys.path with rootdir-relative imports)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not available")
    return path
