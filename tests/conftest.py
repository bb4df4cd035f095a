"""Shared test fixtures: where the project and its seeds are."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import browser  # noqa: F401  (the session Chromium, shared by browser and serve tests)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    """The five seed articles and their catalogue, read-only."""
    return SEEDS
