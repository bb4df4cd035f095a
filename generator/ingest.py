"""Files and catalogue -> Article: decode each text, read its metadata, give it an id and a slug.

Text is kept exactly as decoded, with two exceptions every offset downstream relies on: a leading byte
order mark is removed and CRLF line ends become LF. A Markdown file's front matter is removed; its body
(still Markdown) is the article text.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import yaml

from generator import webpage
from generator.errors import TimelineError
from generator.language import detect_language
from generator.models import Article, Outlet, Problem
from generator.plaintext import plain_line

ARTICLE_SUFFIXES = (".txt", ".md", *webpage.SUFFIXES)
CATALOGUE = "sources.yaml"
SITE_MARK = ".nojekyll"
SKIPPED_NAMES = frozenset({"readme.md"})
"""Files with an article suffix that are notes about the folder, not articles."""
OTHER_DOCUMENTS = frozenset({".doc", ".docx", ".odt", ".rtf", ".pdf", ".markdown", ".mdown", ".text"})
"""Suffixes of files that look like articles in a format this tool does not read: each is reported."""
FIELDS = ("title", "outlet", "url", "published", "published_basis", "lang")
"""What the catalogue and front matter may say about an article."""
ALIASES = {"date": "published", "language": "lang"}
"""Other names of a field, as static-site generators write front matter (Jekyll, Hugo, Pelican:
`date:`): read as the field itself when the field is not given too."""

LEGACY_ENCODINGS = (("cp1256", "Windows-1256"), ("iso-8859-6", "ISO-8859-6"))
ARABIC_SHARE = 0.5
"""A legacy decoding is accepted when at least this share of its letters are Arabic."""
MAX_DEPTH = 32
"""How deep a YAML file (catalogue, front matter, editorial.yaml) may nest: deeper is refused."""
MAX_INT = 10**15
"""Integers past this are refused: no field needs one, and a 5,000-digit one is slow to print."""
MIN_YEAR, MAX_YEAR = 1000, 8999
"""A publication date outside these years is refused: dates an article states are resolved against it,
and they must stay inside the calendar's years 1 to 9999 (a century before or after, say)."""
MAX_FILE_BYTES = 20 * 2**20
"""Articles and catalogues past this size are skipped (timeline.toml: [build] max_file_mb)."""
SLUG_HASH = 6
SLUG_MAX = 80

_PARSER = f"{yaml.__version__}:{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}\0"
"""What a parsed catalogue depends on besides its text: this module and PyYAML."""
_ARABIC_LETTER = re.compile(r"[\u0621-\u063A\u0641-\u064A\u0660-\u0669\u066E-\u06D3\u06D5\u06EE-\u06FF]")
_ARABIC_BLOCKS = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_CONTROL = re.compile(r"[\x00-\x08\x0B\x0E-\x1F\x7F]")
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL.match(chr(b)))
"""Every byte but those _CONTROL matches: deleting them from a file leaves its control bytes."""
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml's parser when present) without implicit timestamps, so each date is checked."""


class TooLargeNumber:
    """What a YAML integer of more digits than any field needs is read as (Python's int() of a
    5,000-digit one is slow and its str() raises): each field reports it as a bad value."""

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __str__(self) -> str:
        return f"a number of {self.digits} digits"

    __repr__ = __str__


_INT_TAG = "tag:yaml.org,2002:int"
_LARGE_TAG = "tag:timeline:too-large-number"
_Loader.add_constructor(_LARGE_TAG, lambda _loader, node: TooLargeNumber(len(node.value)))
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class _Meta:
    """Validated metadata for one article, and where `published` came from."""

    values: dict[str, Any] = field(default_factory=dict)
    published_source: str = "none"

    def update(self, other: _Meta) -> None:
        if "published" in other.values:
            self.values.pop("published_basis", None)  # a basis describes the date it came with
            self.published_source = other.published_source
        self.values.update(other.values)


class _Unreadable(Exception):
    def __init__(self, message: str, hint: str, line: int | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line
        self.code = code


class UnsafeFile(_Unreadable):
    """A file of the source folder that is not read: a link, a special file, or one past the size limit."""


def read_inside(
    source: Path, rel: str, *, follow_symlinks: bool = False, limit: int = MAX_FILE_BYTES
) -> bytes:
    """Return the bytes of the regular file `rel` in `source`; raise UnsafeFile for anything else.

    A symbolic link is read only with `follow_symlinks`, and then only when it leads to a file inside
    `source`: a folder from someone else may hold a link to /etc/passwd or ../.git/config. A named
    pipe, device or socket is refused without waiting on it, and a file past `limit` bytes unread.
    """
    path = os.path.join(source, rel)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if os.path.islink(path):
        inside = Path(os.path.realpath(path)).is_relative_to(os.path.realpath(source))
        if not follow_symlinks or not inside:
            target = os.readlink(path)
            raise UnsafeFile(
                f"is a symbolic link to {target}"
                + ("" if inside else ", outside the source folder")
                + "; skipped",
                "copy the file itself into the folder"
                + (", or build with --follow-symlinks" if inside else ""),
                code="symlink",
            )
    else:
        flags |= getattr(os, "O_NOFOLLOW", 0)  # (a link made since the check above is refused)
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        reason = (
            "is a symbolic link" if exc.errno == errno.ELOOP else f"cannot be read: {exc.strerror or exc}"
        )
        raise UnsafeFile(reason + "; skipped", "check the file", code="unreadable") from exc
    with os.fdopen(handle, "rb") as stream:
        found = os.fstat(stream.fileno())
        if not stat.S_ISREG(found.st_mode):
            kind = (
                "a named pipe (FIFO)" if stat.S_ISFIFO(found.st_mode)
                else "a socket" if stat.S_ISSOCK(found.st_mode)
                else "a folder" if stat.S_ISDIR(found.st_mode)
                else "a device"
            )  # fmt: skip
            raise UnsafeFile(
                f"is {kind}, not a file; skipped", "remove it from the folder", code="special-file"
            )
        if found.st_size > limit:
            raise UnsafeFile(
                f"is {found.st_size / 2**20:.1f} MB, over the limit of {limit / 2**20:g} MB; skipped",
                "split it, or raise [build] max_file_mb in timeline.toml",
                code="too-large",
            )
        data = stream.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise UnsafeFile(f"is over the limit of {limit / 2**20:g} MB; skipped", "split it", code="too-large")
    return data


class Records(Protocol):
    """Records kept across builds (generator.memo.Memo): what parsing a catalogue gave, by its text."""

    def record(self, name: str, key: str, kind: object = Any) -> Any | None:
        """Return what is kept under name and key, read as kind; None when nothing is."""

    def remember(self, name: str, key: str, value: Any, strings_live: bool = False) -> None:
        """Keep value under name and key."""


def read_articles(
    source: Path, cache: Records | None = None, *, follow_symlinks: bool = False, limit: int = MAX_FILE_BYTES
) -> tuple[list[Article], list[Problem]]:
    """Read every article under `source` with what its catalogue says; problems name the file and the fix.

    With a `cache` (the runner's memo), a catalogue parsed before is read back from it (YAML parsing is slow).
    Only regular files inside `source` are read, each up to `limit` bytes (see read_inside).
    """
    if not source.is_dir():
        raise TimelineError(
            "source folder not found" if not source.exists() else "source is not a folder",
            path=str(source),
            hint="pass --source FOLDER with your .txt/.md articles",
        )
    files, catalogues, others = find_files(source)
    problems = [
        Problem(
            _shown(source, rel),
            "is not read: articles are .txt (plain text), .md (Markdown) or saved .html pages",
            hint="save it as UTF-8 .txt or .md to include it",
            code="not-an-article",
        )
        for rel in others
    ]
    catalogue: dict[str, _Meta] = {}
    for rel in catalogues:
        entries, found = read_catalogue(source, rel, set(files), cache, follow_symlinks, limit)
        problems.extend(found)
        for name, meta in entries.items():
            catalogue.setdefault(name, _Meta()).update(meta)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for rel in files:
        article_id = rel.rsplit(".", 1)[0]
        if article_id in seen:
            problems.append(
                Problem(
                    _shown(source, rel),
                    f"has the same article id '{article_id}' as {_shown(source, seen[article_id])}; skipped",
                    hint="rename one of the two files",
                    code="duplicate-id",
                )
            )
            continue
        article, found = read_article(source, rel, catalogue.get(rel), follow_symlinks, limit)
        problems.extend(found)
        if article is not None:
            seen[article_id] = rel
            articles.append(article)
    articles, found = assign_slugs(source, articles)
    problems.extend(found)
    return articles, problems


def find_files(source: Path) -> tuple[list[str], list[str], list[str]]:
    """Return the article files, catalogues and unreadable documents under `source` (relative, sorted)."""
    articles: list[str] = []
    catalogues: list[str] = []
    others: list[str] = []
    for folder, dirs, names in os.walk(source):
        # Hidden folders (.git, .cache) and built sites (marked by .nojekyll) hold no articles.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not Path(folder, d, SITE_MARK).exists())
        rel_folder = Path(folder).relative_to(source).as_posix()
        prefix = "" if rel_folder == "." else rel_folder + "/"
        for name in sorted(names):
            suffix = Path(name).suffix.lower()
            if name.startswith("."):
                continue
            if name == CATALOGUE:
                catalogues.append(prefix + name)
            elif suffix in ARTICLE_SUFFIXES and name.lower() not in SKIPPED_NAMES:
                articles.append(prefix + name)
            elif suffix in OTHER_DOCUMENTS:
                others.append(prefix + name)
    return sorted(articles), sorted(catalogues, key=lambda c: (c.count("/"), c)), sorted(others)


def read_article(
    source: Path,
    rel: str,
    meta: _Meta | None = None,
    follow_symlinks: bool = False,
    limit: int = MAX_FILE_BYTES,
) -> tuple[Article | None, list[Problem]]:
    """Read one article file (path `rel` under `source`); None when it cannot be used, and why."""
    shown = _shown(source, rel)
    try:
        data = read_inside(source, rel, follow_symlinks=follow_symlinks, limit=limit)
    except UnsafeFile as exc:
        return None, [Problem(shown, exc.message, hint=exc.hint, code=exc.code)]
    if rel.lower().endswith(webpage.SUFFIXES):
        return _read_page(shown, rel, data, meta)
    problems: list[Problem] = []
    try:
        text, warning = decode_text(data)
    except _Unreadable as exc:
        return None, [Problem(shown, exc.message + "; skipped", hint=exc.hint, code="undecodable")]
    if warning is not None:
        hint = "check the text reads correctly, and save it as UTF-8 to silence this"
        problems.append(Problem(shown, warning, hint=hint, code="encoding"))
    merged = _Meta()
    if meta is not None:
        merged.update(meta)
    if rel.lower().endswith(".md"):
        try:
            front, text = split_front_matter(text)
        except _Unreadable as exc:
            problems.append(
                Problem(shown, exc.message + "; skipped", hint=exc.hint, line=exc.line, code="front-matter")
            )
            return None, problems
        if front is not None:
            fm_meta, found = read_fields(front.data, shown, front.line_of, "front-matter")
            problems.extend(_repeated_problems(shown, front.repeated, offset=1))
            problems.extend(_alias_problems(shown, front.aliases))
            problems.extend(found)
            merged.update(fm_meta)
    if not text.strip():
        problems.append(
            Problem(shown, "is empty; skipped", hint="add the article text or remove the file", code="empty")
        )
        return None, problems
    return _article(rel, text, merged), problems


def _article(rel: str, text: str, merged: _Meta, page_basis: tuple[tuple[str, str], ...] = ()) -> Article:
    """Return the article at `rel` with its text and what the catalogue (and its page) say of it."""
    values = merged.values
    return Article(
        id=rel.rsplit(".", 1)[0],
        path=rel,
        text=text,
        slug="",
        title=values.get("title"),
        outlet=values.get("outlet"),
        url=values.get("url"),
        published=values.get("published"),
        published_basis=values.get("published_basis"),
        published_source=merged.published_source if values.get("published") else "none",  # type: ignore[arg-type]
        lang=values.get("lang") or detect_language(text),
        page_basis=page_basis,
    )


def _read_page(shown: str, rel: str, data: bytes, meta: _Meta | None) -> tuple[Article | None, list[Problem]]:
    """Read a saved web page: what the page says fills what the catalogue leaves empty, with its basis."""
    given = meta.values if meta is not None else {}
    try:
        page = webpage.read_page(data, given.get("url"))
    except webpage.PageError as exc:
        return None, [Problem(shown, exc.message + "; skipped", hint=exc.hint, code="web-page")]
    merged = _Meta({k: v for k, v in page.fields().items() if k not in given}, "page")
    if "published" in merged.values:
        merged.values["published_basis"] = dict(page.basis)["published"]
    if isinstance(merged.values.get("outlet"), str):
        merged.values["outlet"] = _outlet(merged.values["outlet"])
    if meta is not None:
        merged.update(meta)
    basis = tuple((name, why) for name, why in page.basis if name not in given)
    return _article(rel, page.text, merged, basis), []


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Return the text (BOM removed, CRLF -> LF) and a warning when it was not clean UTF-8."""
    warning: str | None = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, warning = data.decode("utf-16"), "is UTF-16, not UTF-8; decoded"
        except UnicodeDecodeError as exc:
            raise _Unreadable("is not valid UTF-16 despite its byte order mark", "save it as UTF-8") from exc
    elif b"\x00" in data:
        raise _Unreadable("looks binary (it contains NUL bytes), not a text article", "save it as UTF-8 text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text, warning = _decode_damaged(data, exc) or _decode_legacy(data, exc)
    sample = text[:100_000]
    # In every encoding read here a control character is written with that same byte, so a file with
    # no control byte (nearly every one: one pass in C) has none to count.
    controls = data.translate(None, _NOT_CONTROL)
    if sample and controls and len(_CONTROL.findall(sample)) > len(sample) // 100:
        raise _Unreadable(
            "looks binary (many control characters), not a text article", "save it as UTF-8 text"
        )
    return text.replace("\r\n", "\n"), warning


def _decode_damaged(data: bytes, error: UnicodeDecodeError) -> tuple[str, str] | None:
    # UTF-8 text with a few broken bytes keeps its text (each broken byte shown as U+FFFD); only
    # when the non-ASCII text is mostly invalid is it another encoding.
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    if good < 20 * bad:
        return None
    return text, (
        f"has {bad} byte{'s' if bad > 1 else ''} that {'are' if bad > 1 else 'is'} not valid UTF-8 "
        f"(the first at byte {error.start}), shown as \ufffd"
    )


def _decode_legacy(data: bytes, error: UnicodeDecodeError) -> tuple[str, str]:
    best: tuple[float, str, str] | None = None
    for codec, label in LEGACY_ENCODINGS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = arabic_share(text[:100_000])
        if share >= ARABIC_SHARE and (best is None or share > best[0]):
            best = (share, text, label)
    if best is None:
        raise _Unreadable(
            f"is not UTF-8 (invalid byte at offset {error.start}) and does not read as Arabic in "
            "Windows-1256 or ISO-8859-6",
            "save it as UTF-8",
        ) from error
    return best[1], f"is not UTF-8; decoded as {best[2]}"


def arabic_share(text: str) -> float:
    """Return the share of the text's letters that are Arabic (0 when it has no letters)."""
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return 0.0
    return len(_ARABIC_LETTER.findall(text)) / letters


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file's YAML header: its data and the file line of each key."""

    data: Mapping[str, Any]
    line_of: Callable[[str], int | None]
    repeated: list[tuple[str, int]] = field(default_factory=list)
    aliases: list[int] = field(default_factory=list)
    """File lines of the anchors whose aliases were read as null (see check_nodes)."""


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """Split '---' YAML front matter from a Markdown text: (front matter or None, body)."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip() != "---":
        return None, text
    lines = text.split("\n")
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        raise _Unreadable("has front matter that is never closed", "end the YAML header with a line '---'", 1)
    header = "\n".join(lines[1:close])
    body_start = sum(len(line) + 1 for line in lines[: close + 1])
    body = text[body_start:] if body_start <= len(text) else ""
    aliases: list[int] = []
    try:
        data, key_lines, repeated = load_yaml(header, aliases)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = f"has front matter that is not valid YAML: {_yaml_reason(exc)}"
        raise _Unreadable(reason, "fix the YAML header", line) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _Unreadable(
            "has front matter that is not a mapping of keys to values", "write 'key: value' lines", 2
        )
    alias_lines = [at + 1 for at in aliases]
    return FrontMatter(data, lambda key: _offset(key_lines.get(key), 1), repeated, alias_lines), body


def _offset(line: int | None, by: int) -> int | None:
    return None if line is None else line + by


def load_yaml(
    text: str, aliases: list[int] | None = None
) -> tuple[Any, dict[Any, int], list[tuple[str, int]]]:
    """Parse YAML (dates left as strings): the data, the 1-based line of each key, and repeated keys.

    An alias is an error, or with an `aliases` list read as null (see check_nodes).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_nodes(node, aliases)
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[Any, int] = {}
    repeated: list[tuple[str, int]] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in lines:
                repeated.append((key, key_node.start_mark.line + 1))
            lines[key] = key_node.start_mark.line + 1
            if isinstance(value_node, yaml.MappingNode):
                for inner_key, _inner in value_node.value:
                    lines[(key, str(inner_key.value))] = inner_key.start_mark.line + 1
    return data, lines, repeated


def check_nodes(root: yaml.Node, aliases: list[int] | None = None) -> None:
    """Raise a YAML error at a node that nests past MAX_DEPTH, or at one an alias repeats.

    An alias lets a few lines stand for a structure of billions of elements (a "billion laughs"),
    which any walk of the data then spends minutes and gigabytes on; metadata needs none. With an
    `aliases` list, each repeat is read as null instead and the line of its anchor added to the list.
    An integer longer than MAX_INT is read as a TooLargeNumber.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int, list[Any] | None, int, int]] = [(root, 0, None, 0, 0)]
    while stack:
        node, depth, container, index, slot = stack.pop()
        if id(node) in seen:
            if aliases is None or container is None:
                raise yaml.MarkedYAMLError(
                    problem="repeats the value anchored here (&name) with an alias (*name); write it out",
                    problem_mark=node.start_mark,
                )
            aliases.append(node.start_mark.line + 1)
            null = yaml.ScalarNode("tag:yaml.org,2002:null", "", node.start_mark, node.end_mark)
            if slot < 0:
                container[index] = null
            else:
                pair = list(container[index])
                pair[slot] = null
                container[index] = tuple(pair)
            continue
        seen.add(id(node))
        if node.tag == _INT_TAG and len(node.value) > len(str(MAX_INT)):
            node.tag = _LARGE_TAG
        if depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                problem=f"nests deeper than {MAX_DEPTH} levels", problem_mark=node.start_mark
            )
        # Children pushed last first, so they are visited in document order: an anchor before its aliases.
        if isinstance(node, yaml.MappingNode):
            for i in range(len(node.value) - 1, -1, -1):
                stack.append((node.value[i][1], depth + 1, node.value, i, 1))
                stack.append((node.value[i][0], depth + 1, node.value, i, 0))
        elif isinstance(node, yaml.SequenceNode):
            for i in range(len(node.value) - 1, -1, -1):
                stack.append((node.value[i], depth + 1, node.value, i, -1))


def _alias_problems(shown: str, lines: Sequence[int]) -> list[Problem]:
    """Return one problem for a file's aliases: where the values they repeat are anchored."""
    if not lines:
        return []
    where = sorted(set(lines))
    listed = ", ".join(map(str, where[:10])) + (", ..." if len(where) > 10 else "")
    return [
        Problem(
            shown,
            f"repeats values with YAML aliases (*name; anchored on line{'s' if len(where) > 1 else ''} "
            f"{listed}); each repeat is read as empty",
            hint="write each value out where it is needed",
            line=where[0],
            code="yaml-alias",
        )
    ]


def _parsed(
    raw: str, rel: str, cache: Records | None, aliases: list[int]
) -> tuple[Any, dict[Any, int], list[tuple[str, int]]]:
    """Return load_yaml(raw, aliases), read back from the cache when this text was parsed before."""
    if cache is None:
        return load_yaml(raw, aliases)
    record = f"catalogue-{hashlib.sha256(rel.encode()).hexdigest()[:16]}.json"
    key = hashlib.sha256(_PARSER.encode() + raw.encode("utf-8", "surrogatepass")).hexdigest()
    stored = cache.record(record, key, tuple[Any, list[tuple[str, str | None, int]], list[tuple[str, int]]])
    if stored is not None:
        data, listed, repeated = stored
        return data, {key if inner is None else (key, inner): line for key, inner, line in listed}, repeated
    data, lines, repeated = load_yaml(raw, aliases)  # invalid YAML raises here and is never stored
    listed = [(k, None, line) if isinstance(k, str) else (*k, line) for k, line in lines.items()]
    if not aliases and _plain_json(
        data
    ):  # else (a number key, a set, ...) JSON would not give it back as it is
        cache.remember(record, key, (data, listed, repeated))
    return data, lines, repeated


def _plain_json(value: Any, depth: int = 0) -> bool:
    """Tell whether JSON gives value back equal and of the same types (str keys, no tuples or sets)."""
    kind = type(value)
    if kind is dict:
        return depth < MAX_DEPTH and all(
            type(k) is str and _plain_json(v, depth + 1) for k, v in value.items()
        )
    if kind is list:
        return depth < MAX_DEPTH and all(_plain_json(v, depth + 1) for v in value)
    if kind is float:
        return value == value and abs(value) != float("inf")
    if kind is int:
        return abs(value) < 2**63
    return value is None or kind is str or kind is bool


def _repeated_problems(shown: str, repeated: list[tuple[str, int]], offset: int = 0) -> list[Problem]:
    return [
        Problem(
            shown,
            f"'{key}' is given twice; the later one is used",
            hint="remove one of the two",
            line=line + offset,
            code="repeated-key",
        )
        for key, line in repeated
    ]


def _yaml_reason(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    return str(problem) if problem else str(exc).splitlines()[0]


def read_catalogue(
    source: Path,
    rel: str,
    files: set[str],
    cache: Records | None = None,
    follow_symlinks: bool = False,
    limit: int = MAX_FILE_BYTES,
) -> tuple[dict[str, _Meta], list[Problem]]:
    """Read one sources.yaml: metadata per article file beside it, and its problems."""
    shown = _shown(source, rel)
    folder = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
    aliases: list[int] = []
    try:
        raw = read_inside(source, rel, follow_symlinks=follow_symlinks, limit=limit)
        data, lines, repeated = _parsed(raw.decode("utf-8-sig").replace("\r\n", "\n"), rel, cache, aliases)
    except UnsafeFile as exc:
        message = exc.message.replace("; skipped", "; catalogue ignored")
        return {}, [Problem(shown, message, hint=exc.hint, code="catalogue")]
    except UnicodeDecodeError:
        return {}, [
            Problem(shown, "is not UTF-8; catalogue ignored", hint="save it as UTF-8", code="catalogue")
        ]
    except OSError as exc:
        return {}, [
            Problem(shown, f"cannot be read: {exc.strerror or exc}; catalogue ignored", code="catalogue")
        ]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return {}, [
            Problem(
                shown,
                f"is not valid YAML: {_yaml_reason(exc)}; catalogue ignored",
                hint="fix the YAML (keys are file names, values are mappings)",
                line=mark.line + 1 if mark is not None else None,
                code="catalogue",
            )
        ]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [
            Problem(shown, "is not a mapping of file names to entries; catalogue ignored", code="catalogue")
        ]
    entries: dict[str, _Meta] = {}
    problems: list[Problem] = _repeated_problems(shown, repeated) + _alias_problems(shown, aliases)
    for raw_key in sorted(data, key=str):
        key = str(raw_key).strip().replace("\\", "/")
        line = lines.get(str(raw_key))
        name = folder + key
        if name not in files:
            problems.append(
                Problem(
                    shown,
                    f"entry '{key}' names no article file in this folder",
                    hint="fix the file name or remove the entry",
                    line=line,
                    code="catalogue-missing-file",
                )
            )
            continue
        entry = data[raw_key]
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            problems.append(
                Problem(shown, f"entry '{key}' is not a mapping of fields", line=line, code="catalogue")
            )
            continue
        meta, found = read_fields(
            entry, shown, _field_lines(lines, str(raw_key)), "catalogue", f"entry '{key}': "
        )
        entries[name] = meta
        problems.extend(found)
    return entries, problems


def _field_lines(lines: Mapping[Any, int], key: str) -> Callable[[str], int | None]:
    return lambda name: lines.get((key, name))


def read_fields(
    raw: Mapping[Any, Any], shown: str, line_of: Callable[[str], int | None], origin: str, label: str = ""
) -> tuple[_Meta, list[Problem]]:
    """Validate catalogue or front-matter fields; a bad field is reported and dropped, the rest kept."""
    meta = _Meta(published_source=origin)
    problems: list[Problem] = []

    written = ""  # the key as the file writes it: the line a problem points at

    def bad(key: str, message: str, hint: str) -> None:
        problems.append(Problem(shown, label + message, hint=hint, line=line_of(written), code=f"bad-{key}"))

    for raw_key, value in raw.items():
        key = written = str(raw_key)
        if key in ALIASES and ALIASES[key] in raw:
            bad(key, f"{key} ignored: {ALIASES[key]} is given too", f"keep {ALIASES[key]} only")
            continue
        key = ALIASES.get(key, key)  # "date: 2021-03-23" in a Hugo or Jekyll front matter
        if key not in FIELDS:
            bad(key, f"unknown field '{key}' ignored", "known fields: " + ", ".join(FIELDS))
            continue
        if value is None:
            continue
        if isinstance(value, TooLargeNumber):
            bad(key, f"{key} is {value}; ignored", f"write {key} as text")
            continue
        if key in ("title", "published_basis"):
            if isinstance(value, (dict, list)):
                bad(key, f"{key} should be text; ignored", f"write {key}: your text")
            elif plain_line(str(value)).strip():
                meta.values[key] = plain_line(str(value)).strip()
        elif key == "outlet":
            outlet = _outlet(value)
            if outlet is None:
                bad(
                    key,
                    "outlet should be a name or {ar: ..., en: ...}; ignored",
                    "write outlet: {ar: ..., en: ...}",
                )
            else:
                meta.values[key] = outlet
        elif key == "url":
            if _is_web_url(value):
                meta.values[key] = value.strip()
            else:
                bad(
                    key,
                    f"url {_brief(value)} is not an http(s) address; ignored",
                    "write the full https://... link",
                )
        elif key == "published":
            day = parse_day(value)
            if day is None:
                bad(
                    key,
                    f"published {_brief(value)} is not a real date from the years {MIN_YEAR} to {MAX_YEAR}; "
                    "ignored, the date will be inferred",
                    "write the date as YYYY-MM-DD",
                )
            else:
                meta.values[key] = day
        elif key == "lang":
            if isinstance(value, str) and _LANG.match(value.strip()):
                meta.values[key] = value.strip().lower()
            else:
                bad(
                    key, f"lang {_brief(value)} is not a language code; ignored", "write lang: ar or lang: en"
                )
    return meta, problems


def parse_day(value: Any) -> date | None:
    """Return the day of 'YYYY-MM-DD' (a time after it is allowed), None when it is no real date or out
    of MIN_YEAR..MAX_YEAR."""
    if isinstance(value, datetime):  # an explicit !!timestamp: its day, as for a string with a time
        value = value.date()
    if isinstance(value, date):
        return value if MIN_YEAR <= value.year <= MAX_YEAR else None
    if not isinstance(value, str):
        return None
    match = _ISO_DAY.match(value.strip())
    if match is None:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def _brief(value: Any) -> str:
    # Never str() a list or mapping: YAML aliases can make one exponentially large.
    if isinstance(value, (str, int, float, bool, date)):
        text = str(value)
        return repr(text if len(text) <= 60 else text[:57] + "...")
    return f"(a {'list' if isinstance(value, list) else 'mapping'})"


def _outlet(value: Any) -> Outlet | None:
    if (
        isinstance(value, (str, int, float))
        and not isinstance(value, bool)
        and plain_line(str(value)).strip()
    ):
        name = plain_line(str(value)).strip()
        return Outlet(ar=name, en=name)
    if isinstance(value, dict) and set(map(str, value)) <= {"ar", "en"}:
        names = [value.get(lang) for lang in ("ar", "en")]
        if not all(n is None or isinstance(n, (str, int, float)) for n in names):
            return None
        ar, en = (plain_line(str(n if n is not None else "")).strip() for n in names)
        if ar or en:
            return Outlet(ar=ar or en, en=en or ar)
    return None


def _is_web_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value.strip()


def make_slug(article_id: str, hash_length: int = SLUG_HASH) -> str:
    """Return a URL-safe slug: lowercase ASCII letters, digits, '-', '_' and Arabic letters kept.

    Anything else becomes '-'; when that (or lowercasing) changed the id, a short hash of the id is
    appended, so two ids that differ only in what was replaced never share a slug.
    """
    out: list[str] = []
    for ch in article_id.lower():
        if ("a" <= ch <= "z") or ("0" <= ch <= "9") or ch in "-_" or _ARABIC_LETTER.match(ch):
            out.append(ch)
        elif _ARABIC_BLOCKS.match(ch):
            continue  # diacritics and tatweel: dropped, not a separator
        else:
            out.append("-")
    slug = re.sub(r"-{2,}", "-", "".join(out)).strip("-")[:SLUG_MAX].strip("-")
    if slug == article_id and slug:
        return slug
    digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:hash_length]
    return f"{slug}-{digest}" if slug else f"article-{digest}"


def assign_slugs(source: Path, articles: Sequence[Article]) -> tuple[list[Article], list[Problem]]:
    """Give every article a unique slug; an unresolvable collision skips the later file with a problem."""
    taken: dict[str, Article] = {}
    result: list[Article] = []
    problems: list[Problem] = []
    # Ids that are already slugs keep them; the others, hashed, make way by lengthening their hash.
    first = {article.id: make_slug(article.id) for article in articles}
    for article in sorted(articles, key=lambda a: (first[a.id] != a.id, a.id)):
        slug = first[article.id]
        length = SLUG_HASH
        while slug in taken and slug != article.id and length < 64:
            length = min(64, length * 2)
            slug = make_slug(article.id, hash_length=length)
        if slug in taken:
            problems.append(
                Problem(
                    _shown(source, article.path),
                    f"would have the same address ({slug}) as {_shown(source, taken[slug].path)}; skipped",
                    hint="rename one of the two files",
                    code="duplicate-slug",
                )
            )
            continue
        taken[slug] = article
        result.append(replace(article, slug=slug))
    return sorted(result, key=lambda a: a.id), problems


def _shown(source: Path, rel: str) -> str:
    return (source / rel).as_posix()
