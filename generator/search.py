"""Build the site's search index with Pagefind's bundled binary (offline, both languages).

A build does not make Pagefind crawl the finished site: it hands it one small search document per
searchable page (title and plain text, at the page's own path) in a scratch folder, and Pagefind
indexes those in a background process while the pages themselves are rendered and written.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError

BUNDLE_DIR = "pagefind"
TIMEOUT = 600
"""Seconds Pagefind may take before the build gives up on it."""


@dataclass(frozen=True)
class SearchDocument:
    """What search finds on one page: its output path, language, title and text paragraphs."""

    path: str
    lang: str
    title: str
    paragraphs: tuple[str, ...]

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


class RunningIndex:
    """A Pagefind process indexing search documents into `site/pagefind/` in the background."""

    def __init__(self, documents: Iterable[SearchDocument], site: Path) -> None:
        self.site = site
        self.scratch = Path(tempfile.mkdtemp(prefix="timeline-search-"))
        try:
            for document in documents:
                target = self.scratch / document.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(document.html(), encoding="utf-8")
            output = site / BUNDLE_DIR
            command = [str(find_pagefind()), "--site", str(self.scratch), "--output-path", str(output)]
            self.process = _start([*command, "--silent"])
        except BaseException:
            shutil.rmtree(self.scratch, ignore_errors=True)
            raise

    def wait(self) -> None:
        """Wait for Pagefind to finish; raise BuildError if it failed or wrote no bundle."""
        try:
            _finish(self.process, self.site)
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def stop(self) -> None:
        """Stop Pagefind and remove its scratch folder (the build failed elsewhere)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()
        shutil.rmtree(self.scratch, ignore_errors=True)


def start_index(documents: Iterable[SearchDocument], site: Path) -> RunningIndex:
    """Start indexing `documents` into `site/pagefind/`; wait() on the result once the site is written."""
    return RunningIndex(documents, site)


def index_site(path: Path) -> None:
    """Index every page of an already built site folder into `path/pagefind/`, one index per language."""
    if not (path / "index.html").is_file():
        raise BuildError("no built site to index (index.html is missing)", path=str(path))
    command = [str(find_pagefind()), "--site", str(path), "--output-subdir", BUNDLE_DIR, "--silent"]
    _finish(_start(command), path)


def _start(command: list[str]) -> subprocess.Popen[str]:
    try:
        return subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
        )
    except OSError as exc:
        raise BuildError(f"Pagefind could not run: {exc}") from exc


def _finish(process: subprocess.Popen[str], site: Path) -> None:
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        process.communicate()
        raise BuildError(f"Pagefind took longer than {TIMEOUT} s", path=str(site)) from exc
    if process.returncode != 0:
        detail = (err or out).strip().splitlines()
        raise BuildError(
            "Pagefind failed: " + (detail[-1] if detail else f"exit {process.returncode}"), path=str(site)
        )
    if not (site / BUNDLE_DIR / "pagefind-ui.js").is_file():
        raise BuildError("Pagefind wrote no search bundle", path=str(site / BUNDLE_DIR))
    _sort_entry_file(site / BUNDLE_DIR / "pagefind-entry.json")


def _sort_entry_file(entry: Path) -> None:
    # Pagefind lists the languages in whatever order its threads finish; sort them so builds are identical.
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
