"""`timeline add`: links and saved pages -> article files in the source folder, never over an existing one.

Each link is fetched (or each saved page read), its article taken by generator.webpage, and written as
Markdown with front matter, or as .txt with an entry appended to sources.yaml when the folder keeps
its metadata there. Every failure names the link and the reason, and the others go on.
"""

from __future__ import annotations

import hashlib
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from generator import webpage
from generator.ingest import CATALOGUE, make_slug
from generator.language import detect_language

TIMEOUT = 20.0
"""Seconds to wait for a server before giving up on a link."""
USER_AGENT = "arabic-news-timeline (timeline add)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
NAME_MAX = 60
SUFFIX_HASH = 8
"""Hex digits of the link's hash added to a name its path alone would give many articles."""

Progress = Callable[[int, int, str], None]
"""Called with (position, how many, the link or file) before each one is read."""


class CollectError(Exception):
    """One link or file could not be added: `str()` names it and says why."""


@dataclass(frozen=True)
class Added:
    """One article written into the source folder, and what its page said."""

    source: str
    """The link or file it came from."""
    path: Path
    page: webpage.Page
    lang: str

    def describe(self) -> str:
        """Return one line: the file written, the title, outlet and date with its basis."""
        basis = dict(self.page.basis)
        title = self.page.title or "(no title)"
        outlet = self.page.outlet or "outlet unknown"
        if self.page.published is not None:
            when = f"{self.page.published.isoformat()} ({basis['published']})"
        else:
            when = "no publication date in the page (the build will look for one in the text)"
        return f"added {self.path.name}: {title} · {outlet} · {when}"


def add_articles(
    items: Sequence[str],
    source: Path,
    *,
    timeout: float = TIMEOUT,
    progress: Progress | None = None,
) -> tuple[list[Added], list[CollectError]]:
    """Add each link or saved page in `items` to the `source` folder; say what was added and what failed."""
    source.mkdir(parents=True, exist_ok=True)
    as_text = uses_catalogue(source)
    added: list[Added] = []
    errors: list[CollectError] = []
    for position, item in enumerate(items, 1):
        if progress is not None:
            progress(position, len(items), item)
        try:
            added.append(add_article(item, source, as_text=as_text, timeout=timeout))
        except CollectError as exc:
            errors.append(exc)
    return added, errors


def add_article(item: str, source: Path, *, as_text: bool, timeout: float = TIMEOUT) -> Added:
    """Fetch or read one page and write its article into `source`; CollectError says why it could not."""
    link = is_link(item)
    data = fetch(item, timeout) if link else read_saved(item)
    try:
        page = webpage.read_page(data, item if link else None)
    except webpage.PageError as exc:
        raise CollectError(f"{item}: {exc.message} ({exc.hint})") from exc
    lang = detect_language(page.text)
    name = file_name(item, page) + (".txt" if as_text else ".md")
    path = source / name
    if as_text:
        _write_new(path, page.text, item)
        _append_entry(source / CATALOGUE, name, page, lang)
    else:
        _write_new(path, front_matter(page, lang) + page.text, item)
    return Added(item, path, page, lang)


def is_link(item: str) -> bool:
    """Return True when `item` is an http(s) address rather than a file."""
    return urlsplit(item).scheme in ("http", "https")


def fetch(url: str, timeout: float = TIMEOUT) -> bytes:
    """Return the page at `url`; CollectError names the link and why it could not be had."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
            kind = (response.headers.get_content_type() or "").lower()
            if kind not in HTML_TYPES:
                raise CollectError(f"{url}: is not a web page (the server sent {kind}); not added")
            data: bytes = response.read(webpage.MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise CollectError(f"{url}: the server answered {exc.code} {exc.reason}; not added") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise CollectError(f"{url}: timed out after {timeout:g} s; not added") from exc
        raise CollectError(f"{url}: could not be fetched ({reason}); not added") from exc
    except TimeoutError as exc:
        raise CollectError(f"{url}: timed out after {timeout:g} s; not added") from exc
    except (OSError, ValueError) as exc:
        raise CollectError(f"{url}: could not be fetched ({exc}); not added") from exc
    return data


def read_saved(item: str) -> bytes:
    """Return a saved page's bytes; CollectError when it is no readable .html file."""
    path = Path(item)
    if path.suffix.lower() not in webpage.SUFFIXES:
        raise CollectError(f"{item}: is neither an http(s) link nor a saved .html page; not added")
    try:
        if path.stat().st_size > webpage.MAX_BYTES:
            raise CollectError(f"{item}: is over the {webpage.MAX_BYTES // 1048576} MB limit; not added")
        return path.read_bytes()
    except OSError as exc:
        raise CollectError(f"{item}: cannot be read ({exc.strerror or exc}); not added") from exc


def uses_catalogue(source: Path) -> bool:
    """Return True when the folder keeps its articles as .txt with a sources.yaml, and no Markdown."""
    if not (source / CATALOGUE).is_file():
        return False
    names = [p.suffix.lower() for p in source.iterdir() if p.is_file()]
    return ".txt" in names and ".md" not in names


def file_name(item: str, page: webpage.Page) -> str:
    """Return the new file's stem: the link's (or file's) last part, made safe as an address."""
    if is_link(item):
        address = urlsplit(item)
        parts = [p for p in unquote(address.path).split("/") if p]
        stem = parts[-1] if parts else (address.hostname or "page")
    else:
        stem = Path(item).name
    stem = (stem.rsplit(".", 1)[0] if "." in stem else stem)[:NAME_MAX] or "page"
    if is_link(item) and (urlsplit(item).query or stem.isdigit()):
        # "article.php?id=71", ".../2019/08/10/": the last part names no one article; the link does.
        stem += "-" + hashlib.sha256(item.encode("utf-8")).hexdigest()[:SUFFIX_HASH]
    return make_slug(stem)


def front_matter(page: webpage.Page, lang: str) -> str:
    """Return the YAML header of a new Markdown article, each field's basis written as a comment."""
    lines = ["---"]
    basis = dict(page.basis)
    for name, value in (*page.fields().items(), ("lang", lang)):
        if name == "published":
            lines.append(_yaml_line(name, value.isoformat()))
            lines.append(_yaml_line("published_basis", basis[name]))
            continue
        if name in basis:
            lines.append(f"# {name}: {basis[name]}")
        lines.append(_yaml_line(name, value))
    lines.append("---")
    return "\n".join(lines) + "\n"


def _yaml_line(name: str, value: Any) -> str:
    text: str = yaml.safe_dump({name: value}, allow_unicode=True, width=10_000, default_flow_style=False)
    return text.rstrip("\n")


def _write_new(path: Path, text: str, item: str) -> None:
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never over an existing file
            handle.write(text)
    except FileExistsError as exc:
        raise CollectError(
            f"{item}: {path.name} already exists in {path.parent}; not overwritten (rename or remove it)"
        ) from exc


def _append_entry(catalogue: Path, name: str, page: webpage.Page, lang: str) -> None:
    """Add the article's entry at the end of sources.yaml, leaving every other line as it was."""
    entry: dict[str, Any] = {
        k: (v.isoformat() if isinstance(v, date) else v) for k, v in page.fields().items()
    }
    if page.published is not None:
        entry["published_basis"] = dict(page.basis)["published"]
    entry["lang"] = lang
    block = yaml.safe_dump({name: entry}, allow_unicode=True, width=10_000, sort_keys=False)
    existing = catalogue.read_bytes()
    with open(catalogue, "ab") as handle:
        if existing and not existing.endswith(b"\n"):
            handle.write(b"\n")
        handle.write(b"\n" + block.encode("utf-8"))


def read_list(path: Path) -> list[str]:
    """Return the links and files listed in `path`, one a line (blank lines and # comments skipped)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def write_progress(stream: Any) -> Progress:
    """Return a progress callback that prints '[3/12] link' lines to `stream` (stderr)."""

    def show(position: int, total: int, item: str) -> None:
        if total > 1:
            print(f"[{position}/{total}] {item}", file=stream, flush=True)

    return show
