"""Pieces of the pages that show the whole site (entry cards, source rows, export items), kept across builds.

A timeline page of 10,000 articles is thousands of entry cards, and a rebuild after one edit changes a
few of them. Each piece is kept under the digest of the data it shows (render.page_keys), on a shelf
per page group (one language's whole-site pages, one export) stored as one record in the cache folder
whose key is the salt (a digest of the code and settings): a piece is reused only by the same code and
settings for the same data. The process that renders a shelf's pages saves it, keeping only the pieces
this build used, so the shelf never grows past one site's worth.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from generator import buildcache

SUFFIX = ".pickle"
Piece = TypeVar("Piece")


class Shelf(Generic[Piece]):
    """Pieces by key: those stored by the last build, and those this build has used so far."""

    def __init__(self, stored: dict[str, Piece] | None = None) -> None:
        self.stored = stored or {}
        self.used: dict[str, Piece] = {}
        self.made = 0
        """Pieces this build rendered afresh (the others came from the last build)."""

    def get(self, key: str, make: Callable[[], Piece]) -> Piece:
        """Return the piece under key: this build's, else the last build's, else make() it now."""
        piece = self.used.get(key)
        if piece is None:
            piece = self.stored.get(key)
            if piece is None:
                piece = make()
                self.made += 1
            self.used[key] = piece
        return piece

    @property
    def changed(self) -> bool:
        """Return True when what this build used differs from what is stored."""
        return self.made > 0 or len(self.used) != len(self.stored)


class Fragments:
    """The shelves of one build, read from `folder` when first asked for and saved by save()."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self._shelves: dict[str, Shelf[Any]] = {}

    def shelf(self, name: str) -> Shelf[Any]:
        """Return the named shelf, with what the last build stored on it under this salt."""
        shelf = self._shelves.get(name)
        if shelf is None:
            stored = buildcache.load(self.folder / (name + SUFFIX), self.salt) if self.folder else None
            shelf = self._shelves[name] = Shelf(stored if isinstance(stored, dict) else None)
        return shelf

    def save(self) -> None:
        """Store each shelf this process changed, with only the pieces this build used."""
        if self.folder is None:
            return
        for name, shelf in self._shelves.items():
            if shelf.changed:
                buildcache.store(self.folder / (name + SUFFIX), self.salt, shelf.used)
                shelf.stored, shelf.made = dict(shelf.used), 0
