"""Rebuilds: same inputs skip merge and rewriting; a changed, tampered or corrupt state is never reused."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from generator import buildcache
from generator.build import MERGE_CACHE, SITE_CACHE, build_site
from generator.config import Config

ARTICLE = (
    "أعلنت وزارة الخارجية يوم الاثنين 3 أكتوبر 2016 تعليق المحادثات مع موسكو. وقال المتحدث إن القرار نهائي.\n"
)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_config(tmp_path: Path) -> Config:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (source / "sources.yaml").write_text("a.txt:\n  published: 2016-10-03\n", encoding="utf-8")
    return Config(source=source, output=tmp_path / "out" / "site", jobs=1, cache=tmp_path / "cache")


def forbid_render(monkeypatch: pytest.MonkeyPatch) -> None:
    def render(*_args: object) -> dict[str, bytes]:
        raise AssertionError("rendered although nothing changed")

    monkeypatch.setattr("generator.render.render_site", render)


def test_a_no_change_rebuild_keeps_the_site_and_renders_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_config(tmp_path)
    first = build_site(config)
    before = snapshot(config.output)
    forbid_render(monkeypatch)
    again = build_site(config)
    assert again.written and snapshot(config.output) == before
    assert (again.articles, again.entries, again.pages, again.files) == (
        first.articles,
        first.entries,
        first.pages,
        first.files,
    )


def test_a_changed_article_option_or_tampered_site_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_config(tmp_path)
    build_site(config)
    page = config.output / "ar" / "index.html"
    page.write_text("edited by hand", encoding="utf-8")
    build_site(config)
    assert page.read_text(encoding="utf-8") != "edited by hand", "a site changed on disk is rewritten"
    retitled = replace(config, title_en="Another title")
    build_site(retitled)
    assert "Another title" in (config.output / "en" / "index.html").read_text(encoding="utf-8")
    (config.source / "a.txt").write_text(
        ARTICLE + "وفي 9 سبتمبر 2016 وقع الاتفاق في جنيف.\n", encoding="utf-8"
    )
    report = build_site(retitled)
    assert "جنيف" in (config.output / "ar" / "articles" / "a" / "index.html").read_text(encoding="utf-8")
    forbid_render(monkeypatch)
    assert build_site(retitled).entries == report.entries


def test_corrupt_or_foreign_cache_records_are_ignored(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    build_site(config)
    before = snapshot(config.output)
    (config.cache_dir / MERGE_CACHE).write_bytes(b"not a pickle")
    buildcache.store(config.cache_dir / SITE_CACHE, "another version", {"state": None})
    report = build_site(config)
    assert report.written and report.entries >= 1 and snapshot(config.output) == before
    assert buildcache.load(config.cache_dir / MERGE_CACHE, "another version") is None
