"""Remember what the last build computed, so a rebuild with the same inputs skips merge or the whole site.

Each record is a pickle of (key, value) in the cache folder; the key is a sha256 of the inputs and
of the generator's own code, templates and static files, so a record from another version, another
input or a corrupt file is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
_CODE_DIRS = (ROOT, ROOT.parent / "templates", ROOT.parent / "static")
_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".json", ".txt", ".html", ".css", ".js", ".svg", ".toml", ".po")
FORMAT = 1


def code_version() -> str:
    """Return a sha256 of the generator's code, language data, templates and static files."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for folder in _CODE_DIRS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
                digest.update(path.relative_to(folder.parent).as_posix().encode("utf-8") + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def key_of(*parts: object) -> str:
    """Return the sha256 of the reprs of parts (dataclasses and tuples of them repr deterministically)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8") + b"\0")
    return digest.hexdigest()


def load(path: Path, key: str) -> Any | None:
    """Return the value stored at path under key, or None when missing, stale or unreadable."""
    try:
        with path.open("rb") as handle:
            stored_key, value = pickle.load(handle)
    except Exception:  # a missing, truncated or foreign file is only a cache miss
        return None
    return value if stored_key == key else None


def store(path: Path, key: str, value: Any) -> None:
    """Write (key, value) at path atomically; a cache that cannot be written is skipped silently."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            pickle.dump((key, value), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        return


def site_state(output: Path) -> tuple[tuple[str, int, int], ...] | None:
    """Return (path, size, mtime) of every file in a built site, or None when there is no site there."""
    if not output.is_dir() or output.is_symlink():
        return None
    found: list[tuple[str, int, int]] = []
    for folder, _dirs, names in os.walk(output):
        for name in names:
            full = os.path.join(folder, name)
            stat = os.stat(full, follow_symlinks=False)
            found.append((os.path.relpath(full, output), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))
