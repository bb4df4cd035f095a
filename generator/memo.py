"""The memo layer: a stage's results kept across builds under a key of their inputs, code and settings.

Stages are pure functions and know nothing of it; the runner (generator.build) wraps them. What is
kept is plain data (JSON read back only into the type the caller names: generator.buildcache), so a
cache folder someone else prepared can carry no code. Two shapes of result:

- pieces, one per item (an article's extraction, its sentence spans, an entry's card): on a named
  shelf (generator.fragments), keyed per item, saved with only the pieces this build used;
- records, one per build (the merge, the site's state, the pages written): a file whose first line
  is its key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from generator import buildcache
from generator.executor import Done, Executor, Serial
from generator.fragments import Fragments, Shelf

T = TypeVar("T")
R = TypeVar("R")


class Memo:
    """One build's memo, in `folder` (None: kept in memory for this build only), under `salt`."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self.fragments = Fragments(folder, salt)

    def map(
        self,
        name: str,
        fn: Callable[[T], R],
        items: Sequence[T],
        keys: Sequence[str],
        *,
        kind: type | None = None,
        executor: Executor | None = None,
        done: Done | None = None,
        least: int = 2,
    ) -> list[R]:
        """Return [fn(item) for item in items]: each kept result under its key, the rest computed by
        the executor (`least`: see Executor.map) and kept for the next build (only a result of type
        `kind`, when given: a failure a stage returns as another value is computed again next time)."""
        shelf = self.shelf(name, kind)
        results: list[Any] = [None] * len(items)
        todo = []
        for position, key in enumerate(keys):
            piece = shelf.stored.get(key)
            if piece is not None and (kind is None or type(piece) is kind):
                results[position] = piece
                shelf.keep(key)
            else:
                todo.append(position)
        ready = len(items) - len(todo)
        if done is not None:
            done(ready)
        tally = None if done is None else (lambda count: done(ready + count))
        made = (executor or Serial()).map(fn, [items[p] for p in todo], tally, least)
        for position, result in zip(todo, made, strict=True):
            results[position] = result
            if kind is None or type(result) is kind:
                shelf.put(keys[position], result)
        return results

    def shelf(self, name: str, kind: type | None = None) -> Shelf[Any]:
        """Return the named shelf of pieces, for a stage that makes them on demand (Shelf.get)."""
        return self.fragments.shelf(name, kind)

    def record(self, name: str, key: str, kind: object = Any) -> Any | None:
        """Return the record stored under `name` with this key, read as `kind`; None when there is none."""
        return None if self.folder is None else buildcache.load(self.folder / name, key, kind)

    def remember(self, name: str, key: str, value: Any, strings_live: bool = False) -> None:
        """Store a record under `name` and key (see buildcache.store for `strings_live`)."""
        if self.folder is not None:
            buildcache.store(self.folder / name, key, value, strings_live)

    def save(self) -> None:
        """Store every shelf this build changed."""
        self.fragments.save()
