"""Pieces of the pages that show the whole site (entry cards, source rows, export items), kept across builds.

A timeline page of 10,000 articles is thousands of entry cards, and a rebuild after one edit changes a
few of them. Each piece is kept under the digest of the data it shows (render.page_keys), on a shelf
per page group (one language's whole-site pages, one export) stored as one record in the cache folder
whose key is the salt (a digest of the code and settings): a piece is reused only by the same code and
settings for the same data. The process that renders a shelf's pages saves it, keeping only the pieces
this build used, so the shelf never grows past one site's worth.

A shelf of a large site is tens of megabytes and one edit changes a few pieces, so a save writes only
the difference (pieces added, keys dropped) beside the whole record, until that difference passes
COMPACT_SHARE of it; then the whole shelf is written again and the difference starts afresh.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, Generic, TypeVar

from generator import buildcache

SUFFIX = ".json"
DELTA = ".delta"
PLAIN_KINDS: tuple[type, ...] = (str, bytes)
"""What a shelf holds when its caller names no type: the record's key says which of these."""
COMPACT_SHARE = 0.25
"""Pieces added plus keys dropped, as a share of the whole record, past which a save rewrites it whole."""
Piece = TypeVar("Piece")


class Shelf(Generic[Piece]):
    """Pieces by key: those stored by the last build, and those this build has used so far."""

    def __init__(self, stored: dict[str, Piece] | None = None, kind: type | None = None) -> None:
        self.stored = stored or {}
        self.kind = kind
        """The type of its pieces, when known (see Fragments.shelf)."""
        self.used: dict[str, Piece] = {}
        self.made = 0
        """Pieces this build rendered afresh (the others came from the last build)."""
        self.replaced: set[str] = set()
        """Keys whose stored piece this build put another in place of (it could not use the stored one)."""

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

    def keep(self, key: str) -> None:
        """Use the piece the last build stored under key (which the caller found there) in this one too."""
        self.used[key] = self.stored[key]

    def put(self, key: str, piece: Piece) -> None:
        """Keep piece under key for this build, in place of anything the last build stored there."""
        self.used[key] = piece
        self.made += 1
        if key in self.stored:
            self.replaced.add(key)

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
        self._whole: dict[str, tuple[str, set[str]]] = {}
        """Per shelf read or written whole: the token its difference is keyed by, and its keys."""

    def shelf(self, name: str, kind: type | None = None) -> Shelf[Any]:
        """Return the named shelf, with what the last build stored on it under this salt.

        Its pieces are read back as `kind` (a dataclass of plain fields), or without one as str or
        bytes, whichever the build that stored them used.
        """
        shelf = self._shelves.get(name)
        if shelf is None:
            stored, kind = self._load(name, kind)
            shelf = self._shelves[name] = Shelf(stored, kind)
        return shelf

    def save(self) -> None:
        """Store each shelf this process changed, with only the pieces this build used."""
        if self.folder is None:
            return
        for name, shelf in self._shelves.items():
            if not shelf.changed:
                continue
            if shelf.kind is None:
                shelf.kind = next((type(piece) for piece in shelf.used.values()), str)
                if shelf.kind not in PLAIN_KINDS:
                    continue  # a shelf of another type needs its kind named: kept in memory only
            salt = f"{self.salt}:{shelf.kind.__name__}"
            whole = self._whole.get(name)
            if whole is not None:
                token, keys = whole
                added = {k: piece for k, piece in shelf.used.items() if k not in keys or k in shelf.replaced}
                dropped = keys.difference(shelf.used)
                if len(added) + len(dropped) <= COMPACT_SHARE * len(keys):
                    buildcache.store(
                        self._path(name, DELTA),
                        f"{salt}:{token}",
                        (added, sorted(dropped)),
                        shelf.kind is str,
                    )
                    shelf.stored, shelf.made, shelf.replaced = dict(shelf.used), 0, set()
                    continue
            token = secrets.token_hex(8)
            buildcache.store(self._path(name), salt, (token, shelf.used), shelf.kind is str)
            with suppress(OSError):  # a cache that cannot be written only makes the next build slower
                self._path(name, DELTA).unlink(missing_ok=True)  # stale now: keyed by the old token
            self._whole[name] = (token, set(shelf.used))
            shelf.stored, shelf.made, shelf.replaced = dict(shelf.used), 0, set()

    def _load(self, name: str, kind: type | None) -> tuple[dict[str, Any] | None, type | None]:
        """Return the pieces stored for a shelf (the whole record with its difference applied), and
        their kind."""
        if self.folder is None:
            return None, kind
        for tried in (kind,) if kind is not None else PLAIN_KINDS:
            salt = f"{self.salt}:{tried.__name__}"
            record = buildcache.load(self._path(name), salt, tuple[str, dict[str, tried]])  # type: ignore[valid-type]
            if record is not None:
                break
        else:
            return None, kind
        token, pieces = record
        self._whole[name] = (token, set(pieces))
        difference = buildcache.load(
            self._path(name, DELTA),
            f"{salt}:{token}",
            tuple[dict[str, tried], list[str]],  # type: ignore[valid-type]
        )
        if difference is not None:
            added, dropped = difference
            for key in dropped:
                pieces.pop(key, None)
            pieces.update(added)
        return pieces, tried

    def _path(self, name: str, kind: str = "") -> Path:
        assert self.folder is not None
        return self.folder / (name + kind + SUFFIX)
