"""Build the site's search index with Pagefind's bundled binary (offline, both languages).

A build does not make Pagefind crawl the finished site: it hands it one small search document per
searchable page (title and plain text, at the page's own path), and Pagefind indexes those in the
background while the pages themselves are rendered and written.

Pagefind's memory grows with the text it indexes (about 70 bytes per character of Arabic), so the
documents are cut into shards of at most SHARD_MAX characters, indexed one after another into
`pagefind/s-<digest>/`, and listed in `pagefind/shards.json`; the search page merges them in the
browser. Documents are ordered by date and cut where a page's hash says so, so one changed article
changes one or two shards: a shard whose digest the previous site already holds is reused, not rebuilt.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError

BUNDLE_DIR = "pagefind"
SHARDS_FILE = "shards.json"
TIMEOUT = 600
"""Seconds one Pagefind run may take before the build gives up on it."""
SHARD_MIN = 2_000_000
SHARD_MAX = 4_000_000
"""Characters of text per shard: a shard is cut at a page boundary chosen by hash once past SHARD_MIN,
and always before SHARD_MAX (one Pagefind run then peaks near 300 MB)."""
CUT_ONE_IN = 16
"""Past SHARD_MIN, a page whose hash is divisible by this ends the shard (so cuts survive insertions)."""
PARALLEL_RUNS = 2
"""Pagefind processes at once: a rebuild re-indexes the article's shard and its entries' shard together."""
FORMAT = 1


@dataclass(frozen=True)
class SearchDocument:
    """What search finds on one page: its output path, language, title and text paragraphs."""

    path: str
    lang: str
    title: str
    paragraphs: tuple[str, ...]
    order: str = ""
    """Sort key (the page's date) that keeps related pages in the same shard."""

    @property
    def page(self) -> str:
        """Return the page's path without its language, shared by its Arabic and English documents."""
        return self.path.partition("/")[2]

    def html(self) -> str:
        """Return the document as the smallest page Pagefind indexes in full."""
        title = html.escape(self.title)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs if p)
        return (
            f'<!DOCTYPE html><html lang="{html.escape(self.lang)}"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><main data-pagefind-body><h1>{title}</h1>"
            f"{body}</main></body></html>"
        )


def find_pagefind() -> Path:
    """Return the Pagefind binary shipped with the `pagefind` Python package."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise BuildError(
            "the 'pagefind' package is not installed", hint="pip install 'pagefind[extended]'"
        ) from exc
    executable = get_executable()
    if executable is None or not executable.is_file():
        raise BuildError("Pagefind's binary was not found", hint="pip install 'pagefind[extended]'")
    return executable


def plan_shards(documents: Iterable[SearchDocument]) -> list[list[SearchDocument]]:
    """Return the documents cut into shards by date order, each under SHARD_MAX characters of text."""
    pages: dict[str, list[SearchDocument]] = {}
    for document in sorted(documents, key=lambda d: (d.order, d.page, d.lang)):
        pages.setdefault(document.page, []).append(document)
    shards: list[list[SearchDocument]] = [[]]
    size = 0
    for page, group in pages.items():
        weight = sum(len(d.title) + sum(len(p) for p in d.paragraphs) for d in group)
        if shards[-1] and size + weight > SHARD_MAX:
            shards.append([])
            size = 0
        shards[-1].extend(group)
        size += weight
        cut = int(hashlib.sha1(page.encode("utf-8")).hexdigest()[:8], 16) % CUT_ONE_IN == 0
        if size >= SHARD_MIN and cut:
            shards.append([])
            size = 0
    return [shard for shard in shards if shard]


def shard_name(documents: Sequence[SearchDocument]) -> str:
    """Return a shard's folder name: a digest of its documents and of the Pagefind version."""
    digest = hashlib.sha256(f"{FORMAT}:{_pagefind_version()}".encode())
    for document in documents:
        digest.update(document.path.encode("utf-8") + b"\0" + document.html().encode("utf-8") + b"\0")
    return "s-" + digest.hexdigest()[:16]


class RunningIndex:
    """Pagefind indexing search documents into `site/pagefind/`, shard after shard, in the background."""

    def __init__(self, documents: Iterable[SearchDocument], site: Path, previous: Path | None = None) -> None:
        self.site = site
        self.previous = previous
        self.scratch = Path(tempfile.mkdtemp(prefix="timeline-search-"))
        self.processes: list[subprocess.Popen[str]] = []
        self._lock = threading.Lock()
        self.error: BaseException | None = None
        self.reused = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(documents,), daemon=True)
        self._thread.start()

    def _run(self, documents: Iterable[SearchDocument]) -> None:
        try:
            names, todo = [], []
            for shard in plan_shards(documents):
                name = shard_name(shard)
                names.append(name + "/")
                if not self._reuse(name):
                    todo.append((name, shard))
            with ThreadPoolExecutor(PARALLEL_RUNS) as runs:
                for done in [runs.submit(self._index, name, shard) for name, shard in todo]:
                    done.result()
            (self.site / BUNDLE_DIR).mkdir(parents=True, exist_ok=True)
            listing = json.dumps({"bundles": names}, separators=(",", ":"))
            (self.site / BUNDLE_DIR / SHARDS_FILE).write_text(listing, encoding="utf-8")
        except BaseException as exc:  # handed to wait(), which the build thread calls
            self.error = exc

    def _reuse(self, name: str) -> bool:
        old = self.previous / BUNDLE_DIR / name if self.previous else None
        if old is None or not (old / "pagefind-entry.json").is_file():
            return False
        try:
            shutil.copytree(old, self.site / BUNDLE_DIR / name, copy_function=_link_or_copy)
        except OSError:
            shutil.rmtree(self.site / BUNDLE_DIR / name, ignore_errors=True)
            return False
        self.reused += 1
        return True

    def _index(self, name: str, shard: Sequence[SearchDocument]) -> None:
        folder = self.scratch / name
        for document in shard:
            target = folder / document.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document.html(), encoding="utf-8")
        output = self.site / BUNDLE_DIR / name
        command = [str(find_pagefind()), "--site", str(folder), "--output-path", str(output), "--silent"]
        with self._lock:
            if self._stopped.is_set():
                raise BuildError("the build stopped")
            process = _start(command)
            self.processes.append(process)
        _finish(process, output)
        shutil.rmtree(folder, ignore_errors=True)

    def wait(self) -> None:
        """Wait for every shard; raise BuildError if Pagefind failed or wrote no bundle."""
        try:
            self._thread.join()
            if self.error is not None:
                raise self.error
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def stop(self) -> None:
        """Stop Pagefind and remove its scratch folder (the build failed elsewhere)."""
        with self._lock:
            self._stopped.set()
            for process in self.processes:
                if process.poll() is None:
                    process.kill()
        self._thread.join()
        shutil.rmtree(self.scratch, ignore_errors=True)


def start_index(
    documents: Iterable[SearchDocument], site: Path, previous: Path | None = None
) -> RunningIndex:
    """Start indexing into `site/pagefind/` (reusing shards of the `previous` site); wait() once written."""
    return RunningIndex(documents, site, previous)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _pagefind_version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:  # an unknown version only means shards are not reused
        return "unknown"


def index_site(path: Path) -> None:
    """Index every page of an already built site folder into `path/pagefind/`, one index per language."""
    if not (path / "index.html").is_file():
        raise BuildError("no built site to index (index.html is missing)", path=str(path))
    command = [str(find_pagefind()), "--site", str(path), "--output-subdir", BUNDLE_DIR, "--silent"]
    _finish(_start(command), path / BUNDLE_DIR)


def _start(command: list[str]) -> subprocess.Popen[str]:
    try:
        return subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
        )
    except OSError as exc:
        raise BuildError(f"Pagefind could not run: {exc}") from exc


def _finish(process: subprocess.Popen[str], bundle: Path) -> None:
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        process.communicate()
        raise BuildError(f"Pagefind took longer than {TIMEOUT} s", path=str(bundle)) from exc
    if process.returncode != 0:
        detail = (err or out).strip().splitlines()
        raise BuildError(
            "Pagefind failed: " + (detail[-1] if detail else f"exit {process.returncode}"), path=str(bundle)
        )
    if not (bundle / "pagefind-ui.js").is_file():
        raise BuildError("Pagefind wrote no search bundle", path=str(bundle))
    _sort_entry_file(bundle / "pagefind-entry.json")


def _sort_entry_file(entry: Path) -> None:
    # Pagefind lists the languages in whatever order its threads finish; sort them so builds are identical.
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
