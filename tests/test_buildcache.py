"""Rebuilds: same inputs skip merge and rewriting; a changed, tampered or corrupt state is never reused."""

from __future__ import annotations

import gc
import hashlib
import os
import subprocess
import sys
import tracemalloc
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from generator import buildcache
from generator.build import MERGE_CACHE, SITE_CACHE, build_site
from generator.config import Config
from generator.models import Problem, article_fingerprint

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
    (config.cache_dir / MERGE_CACHE).write_bytes(b"not a record")
    buildcache.store(config.cache_dir / SITE_CACHE, "another version", {"state": None})
    report = build_site(config)
    assert report.written and report.entries >= 1 and snapshot(config.output) == before
    assert buildcache.load(config.cache_dir / MERGE_CACHE, "another version") is None


def test_keys_change_when_any_element_changes() -> None:
    problems = [Problem(f"{i}.txt", "message", "fix", line=i) for i in range(50)]
    base = buildcache.key_of("code", problems, {"a": (1, 2)}, frozenset({"x"}))
    assert base == buildcache.key_of("code", list(problems), {"a": (1, 2)}, frozenset({"x"}))
    for i in (0, 25, 49):
        changed = problems[:i] + [replace(problems[i], line=999)] + problems[i + 1 :]
        assert buildcache.key_of("code", changed, {"a": (1, 2)}, frozenset({"x"})) != base
    assert buildcache.key_of("code", problems[::-1], {"a": (1, 2)}, frozenset({"x"})) != base
    assert buildcache.key_of("code", problems, {"a": (1, 3)}, frozenset({"x"})) != base
    assert buildcache.key_of("code", problems, {"b": (1, 2)}, frozenset({"x"})) != base
    assert buildcache.key_of("code", problems, {"a": (1, 2)}, frozenset({"y"})) != base
    assert buildcache.key_of("code", problems[:-1], {"a": (1, 2)}, frozenset({"x"})) != base


def test_keys_tell_apart_how_elements_are_grouped() -> None:
    keys = {
        buildcache.key_of(["a", "b"]),
        buildcache.key_of(("a", "b")),
        buildcache.key_of(["a,b"]),
        buildcache.key_of(["a"], ["b"]),
        buildcache.key_of("a", "b"),
        buildcache.key_of([["a"], "b"]),
        buildcache.key_of(["a", ["b"]]),
        buildcache.key_of({"a": "b"}),
        buildcache.key_of([], ["a", "b"]),
    }
    assert len(keys) == 9


def test_set_keys_do_not_depend_on_the_hash_seed() -> None:
    code = "from generator import buildcache; print(buildcache.key_of({'أ', 'b', 'c', 'd', 'e'}))"
    keys = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(keys) == 1


def test_a_key_is_hashed_without_one_repr_of_everything() -> None:
    parts = [Problem("a.txt", "نص " * 300, "fix", line=i) for i in range(2000)]  # ~3.6 MB of reprs
    tracemalloc.start()
    try:
        buildcache.key_of("code", parts, {"parts": parts})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200_000


def test_stored_values_round_trip_and_leave_no_copy_behind(tmp_path: Path) -> None:
    shared = "جملة مشتركة " * 10
    value = ([f"جملة رقم {i} " * 10 for i in range(3000)], [shared, shared], "ascii", "مفرد")
    path = tmp_path / "record.json"
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        buildcache.store(path, "key", value, strings_live=True)
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert retained < 50_000, "storing must not leave a UTF-8 copy inside every string"
    kind = tuple[list[str], list[str], str, str]
    assert buildcache.load(path, "key", kind) == value
    assert buildcache.load(path, "other key", kind) is None
    assert buildcache.load(path, "key", tuple[int, int]) is None, "another type than stored is a miss"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"], "no temporary file left"
    for strings_live in (True, False):
        buildcache.store(path, "key", "\udc80 not UTF-8", strings_live)
        assert buildcache.load(path, "key", kind) == value, "a value JSON cannot hold is not stored"
    buildcache.store(path, "key2", value)  # msgspec's encoder writes the same records
    assert buildcache.load(path, "key2", kind) == value


def test_an_article_fingerprint_changes_with_every_field_and_its_extraction_stands_for_the_text() -> None:
    from dataclasses import fields

    from generator.models import Article, Outlet

    base = Article("a", "a.txt", "نص المقال", "a", extraction="k1")
    seen = {article_fingerprint(base)}
    changes = {
        "id": "b", "path": "b.txt", "slug": "b", "title": "عنوان", "outlet": Outlet("س", "S"),
        "url": "https://example.com/a", "published": date(2016, 9, 9), "published_basis": "catalogue",
        "published_source": "catalogue", "lang": "en", "extraction": "k2",
        "page_basis": (("title", "page metadata: og:title"),),
    }  # fmt: skip
    assert set(changes) == {f.name for f in fields(Article)} - {"text"}, "a new field needs a case here"
    for name, value in changes.items():
        seen.add(article_fingerprint(replace(base, **{name: value})))
    assert len(seen) == len(changes) + 1
    # The extraction key hashes the text, so the text itself is not read again...
    assert article_fingerprint(replace(base, text="نص آخر")) == article_fingerprint(base)
    # ...unless the engine failed on it (no key): then the text's own digest counts.
    failed = replace(base, extraction="")
    assert article_fingerprint(replace(failed, text="نص آخر")) != article_fingerprint(failed)


def test_an_extraction_read_back_from_the_cache_equals_the_one_stored(tmp_path: Path) -> None:
    from generator import extract
    from generator.memo import Memo

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    items, keys = [], []
    for path in sorted(seeds.glob("*.txt")):
        for dct in (None, date(2016, 10, 4)):
            items.append((path.read_text(encoding="utf-8"), dct, "saturday", (), "ar", None))
            keys.append(f"{path.name}-{dct}")
    kept = Memo(tmp_path, "salt")
    stored = kept.map("extractions", extract.extract_item, items, keys, kind=extract.Extraction)
    assert all(isinstance(result, extract.Extraction) and result.mentions for result in stored)
    kept.save()
    calls: list[object] = []

    def counted(item: object) -> object:
        calls.append(item)
        return extract.extract_item(item)  # type: ignore[arg-type]

    again = Memo(tmp_path, "salt").map("extractions", counted, items, keys, kind=extract.Extraction)
    assert again == stored and calls == []
    assert Memo(tmp_path, "other salt").shelf("extractions", extract.Extraction).stored == {}
    broken = Memo(tmp_path, "salt")
    shelf = broken.shelf("extractions", extract.Extraction)
    shelf.stored[keys[0]] = ("2016-10-04", None, False, [[1]])  # as an earlier format kept it: not read
    assert broken.map("extractions", counted, items, keys, kind=extract.Extraction) == stored
    assert calls == [items[0]]
