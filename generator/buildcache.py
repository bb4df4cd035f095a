"""Remember what the last build computed, so a rebuild with the same inputs skips merge or the whole site.

Each record in the cache folder is the pickle of its key, then the pickle of its value (so a stale
record is not read past its key). The key is a sha256 of the inputs and of the generator's own code,
templates and static files, so a record from another version, another input or a corrupt file is
simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import fields
from pathlib import Path
from typing import Any, BinaryIO

from generator.assets import STATIC_DIR, TEMPLATES_DIR
from generator.models import Article

ROOT = Path(__file__).resolve().parent
_CODE_DIRS = (ROOT, TEMPLATES_DIR, STATIC_DIR)
_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".json", ".txt", ".html", ".css", ".js", ".svg", ".toml", ".po")
FORMAT = 3


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


def article_fingerprint(article: Article) -> tuple[object, ...]:
    """Return what keys need of an article: every field, with the text stood for by its extraction key.

    That key hashes the text, its given date and the engine, so it also stands for the article's
    mentions; an article the engine failed on (no key, no mentions) is stood for by its text's sha256.
    """
    text = article.extraction or hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()
    return (text, *(getattr(article, name) for name in _ARTICLE_FIELDS))


_ARTICLE_FIELDS = tuple(f.name for f in fields(Article) if f.name not in ("text", "extraction"))


def key_of(*parts: object) -> str:
    """Return a sha256 of parts, fed element by element so no repr of a whole corpus is ever built."""
    digest = hashlib.sha256()
    for part in parts:
        _feed(digest, part)
    return digest.hexdigest()


def _feed(digest: Any, value: object) -> None:
    """Hash value unambiguously: containers by their elements in order, anything else by its repr."""
    kind = type(value)
    if kind is list or kind is tuple:
        digest.update(b"[" if kind is list else b"(")
        for item in value:  # type: ignore[attr-defined]
            _feed(digest, item)
        digest.update(b"]")
    elif kind is dict:
        digest.update(b"{")
        for key, item in value.items():  # type: ignore[attr-defined]
            _feed(digest, key)
            _feed(digest, item)
        digest.update(b"}")
    elif kind is set or kind is frozenset:
        digest.update(b"<")
        for text in sorted(repr(item) for item in value):  # type: ignore[attr-defined]
            _leaf(digest, text)  # sorted: a set's own order changes with the hash seed
        digest.update(b">")
    else:
        _leaf(digest, repr(value))


def _leaf(digest: Any, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    digest.update(b"%d:" % len(data))  # length first: no two sequences of leaves hash alike
    digest.update(data)


class _Pickler(pickle.Pickler):
    """Write non-ASCII strings as UTF-8 bytes of our own.

    The C pickler encodes a str with PyUnicode_AsUTF8AndSize, which keeps a UTF-8 copy inside the
    string for as long as it lives: storing the merge result would hold a second copy of every Arabic
    sentence in memory for the rest of the build.
    """

    def __init__(self, handle: BinaryIO) -> None:
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._encoded: dict[int, bytes] = {}  # by id(str): a string met twice is written once

    def persistent_id(self, obj: object) -> bytes | None:
        if type(obj) is not str or obj.isascii():  # ASCII strings are their own UTF-8: nothing cached
            return None
        data = self._encoded.get(id(obj))
        if data is None:
            data = self._encoded[id(obj)] = obj.encode("utf-8", "surrogatepass")
        return data


class _Unpickler(pickle.Unpickler):
    """Read what _Pickler wrote: one str per distinct UTF-8 text."""

    def __init__(self, handle: BinaryIO) -> None:
        super().__init__(handle)
        self._texts: dict[bytes, str] = {}

    def persistent_load(self, pid: Any) -> str:
        if type(pid) is not bytes:
            raise pickle.UnpicklingError("unknown persistent id")
        text = self._texts.get(pid)
        if text is None:
            text = self._texts[pid] = pid.decode("utf-8", "surrogatepass")
        return text


def load(path: Path, key: str) -> Any | None:
    """Return the value stored at path under key, or None when missing, stale or unreadable."""
    try:
        with path.open("rb") as handle:
            if pickle.load(handle) != key:  # the key is a pickle of its own: a stale record is not read
                return None
            return _Unpickler(handle).load()
    except Exception:  # a missing, truncated or foreign file is only a cache miss
        return None


def store(path: Path, key: str, value: Any) -> None:
    """Write (key, value) at path atomically; a cache that cannot be written is skipped silently."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(key, out, protocol=pickle.HIGHEST_PROTOCOL)
            _Pickler(out).dump(value)
        os.replace(temporary, path)
    except OSError:
        return
    finally:
        Path(temporary).unlink(missing_ok=True)  # gone already once replaced; else a partial file


SiteState = tuple[tuple[str, int, int], ...]
"""(relative path, size, mtime in ns) of every file of a built site, sorted."""


def site_state(output: Path) -> SiteState | None:
    """Return (path, size, mtime) of every file in a built site, or None when there is no site there."""
    if not output.is_dir() or output.is_symlink():
        return None
    found: list[tuple[str, int, int]] = []
    folders = [("", str(output))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((prefix + entry.name + "/", entry.path))
                else:
                    stat = entry.stat(follow_symlinks=False)
                    found.append((prefix + entry.name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))
