"""Remember what the last build computed, so a rebuild with the same inputs skips merge or the whole site.

Each record in the cache folder is its key on a line, then its value as JSON (so a stale record is
not read past its key), read back only into the type the caller names: nothing read from the cache
folder can run code, whoever put it there. The key is a sha256 of the inputs and of the generator's own code,
templates and static files, so a record from another version, another input or a corrupt file is
simply not used.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from generator.assets import STATIC_DIR, TEMPLATES_DIR

ROOT = Path(__file__).resolve().parent
_CODE_DIRS = (ROOT, TEMPLATES_DIR, STATIC_DIR)
_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".json", ".txt", ".html", ".css", ".js", ".svg", ".toml", ".po")
FORMAT = 4


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


def _plain(value: object) -> object:
    """Return what JSON lacks as plain data: a dataclass as its fields, a day as ISO, bytes as base64."""
    kind = type(value)
    if kind is date:
        return value.isoformat()  # type: ignore[attr-defined]
    if kind is bytes:
        return base64.b64encode(value).decode("ascii")  # type: ignore[arg-type]
    if kind is set or kind is frozenset:
        return sorted(value)  # type: ignore[call-overload]
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if not is_dataclass(value):
            raise TypeError(f"{kind.__name__} cannot be stored in the cache")
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
    return {name: getattr(value, name) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_FAST = msgspec.json.Encoder()
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"), default=_plain)
_DECODERS: dict[object, msgspec.json.Decoder[Any]] = {}


def _decoder(kind: object) -> msgspec.json.Decoder[Any]:
    decoder = _DECODERS.get(kind)
    if decoder is None:
        decoder = _DECODERS[kind] = msgspec.json.Decoder(kind)
    return decoder


def load(path: Path, key: str, kind: object = Any) -> Any | None:
    """Return the value stored at path under key, read as `kind`; None when missing, stale or not a `kind`.

    A record is JSON, read back into the type the caller names (plain values, tuples, days and the
    dataclasses of generator.models), never into a type the file names: a record can carry no code.
    """
    try:
        with path.open("rb") as handle:
            if handle.readline(len(key) + 2) != key.encode("utf-8") + b"\n":  # a stale record is not read
                return None
            data = handle.read()
        return _decoder(kind).decode(data)
    except (OSError, msgspec.MsgspecError, ValueError):  # missing, truncated or foreign: a cache miss
        return None


def store(path: Path, key: str, value: Any, strings_live: bool = False) -> None:
    """Write key and value (as JSON) at path atomically; a cache that cannot be written is skipped.

    msgspec writes it (seven times faster than json here); with `strings_live` (long texts that stay
    in memory for the rest of the build, such as rendered pieces) the standard encoder does, as
    msgspec keeps a UTF-8 copy inside every non-ASCII string it encodes for as long as it lives.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(key.encode("utf-8") + b"\n")
            if strings_live:
                out.write(_ENCODER.encode(value).encode("utf-8"))  # (encode: C; iterencode is Python)
            else:
                out.write(_FAST.encode(value))
        os.replace(temporary, path)
    except (OSError, UnicodeEncodeError):  # (a lone surrogate: not UTF-8, so not stored)
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
