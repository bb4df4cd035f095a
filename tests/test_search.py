"""The search index: Pagefind runs offline on a built folder and indexes both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_sample import sample_timeline

from generator.config import Config
from generator.errors import BuildError
from generator.render import render_site
from generator.search import index_site


def write(files: dict[str, bytes], root: Path) -> None:
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def test_index_covers_both_languages_and_is_reproducible(tmp_path: Path) -> None:
    files = render_site(sample_timeline(), Config())
    bundles = []
    for name in ("one", "two"):
        write(files, tmp_path / name)
        index_site(tmp_path / name)
        entry = json.loads((tmp_path / name / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert set(entry["languages"]) == {"ar", "en"}
        assert all(lang["page_count"] > 5 for lang in entry["languages"].values())
        bundles.append(
            {
                p.relative_to(tmp_path / name): p.read_bytes()
                for p in sorted((tmp_path / name / "pagefind").rglob("*"))
                if p.is_file()
            }
        )
    assert bundles[0] == bundles[1]
    assert (tmp_path / "one" / "pagefind" / "pagefind-ui.js").is_file()


def test_index_refuses_a_folder_without_a_site(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="no built site"):
        index_site(tmp_path)
