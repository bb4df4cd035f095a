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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that drive Chromium or serve pages last.

    Playwright and the test servers leave threads running until the session ends, and a process with
    another thread never forks (generator.executor.can_fork): run earlier, they would turn every later
    build into a one-process build and leave the forked paths untested.
    """

    def drives_chromium(item: pytest.Item) -> bool:
        return "browser" in getattr(item, "fixturenames", ()) or "browser" in item.path.parts

    items.sort(key=drives_chromium)  # (a stable sort: the order is kept within each part)
