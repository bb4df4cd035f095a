"""Build the site's search index with Pagefind's bundled binary (offline, both languages)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator.errors import BuildError

BUNDLE_DIR = "pagefind"


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


def index_site(path: Path) -> None:
    """Index every page of the built site in `path` into `path/pagefind/`, one index per page language."""
    if not (path / "index.html").is_file():
        raise BuildError("no built site to index (index.html is missing)", path=str(path))
    command = [str(find_pagefind()), "--site", str(path), "--output-subdir", BUNDLE_DIR, "--silent"]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"Pagefind could not run: {exc}", path=str(path)) from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BuildError(
            "Pagefind failed: " + (detail[-1] if detail else f"exit {result.returncode}"), path=str(path)
        )
    if not (path / BUNDLE_DIR / "pagefind-ui.js").is_file():
        raise BuildError("Pagefind wrote no search bundle", path=str(path / BUNDLE_DIR))
    _sort_entry_file(path / BUNDLE_DIR / "pagefind-entry.json")


def _sort_entry_file(entry: Path) -> None:
    # Pagefind lists the languages in whatever order its threads finish; sort them so builds are identical.
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
