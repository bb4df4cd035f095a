"""Build: the whole pipeline into site/, swapped in atomically, byte-identical on rebuild, cached."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from generator import build, buildcache, extract, render, sitewrite
from generator.build import PAGES_CACHE, BuildReport, build_site, check_unique_pages
from generator.config import Config
from generator.errors import BuildError
from generator.executor import can_fork
from generator.fragments import Fragments
from generator.ingest import read_articles
from generator.memo import Memo
from generator.models import Article, Entry, Event, Headline, TimeValue
from generator.render import STATIC_FILES
from generator.sitewrite import PageMemo, write_site

EPOCH_DATE = "2016-10-05T00:00:00Z"
ARTICLE = (
    "أعلنت وزارة الخارجية يوم الاثنين 3 أكتوبر 2016 تعليق المحادثات مع موسكو. وقال المتحدث إن القرار نهائي.\n"
)


def snapshot(folder: Path) -> dict[str, str]:
    """Hash every file under `folder`: {relative path: sha256}."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_source(tmp_path: Path, seeds: Path | None = None) -> Path:
    source = tmp_path / "articles"
    source.mkdir()
    if seeds is not None:
        for path in seeds.iterdir():
            shutil.copy(path, source / path.name)
    else:
        (source / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (source / "b.md").write_text(
            "---\ntitle: عنوان\npublished: 2016-10-04\n---\n" + ARTICLE, encoding="utf-8"
        )
    return source


def config_for(tmp_path: Path, source: Path, **changes: object) -> Config:
    base = Config(
        source=source,
        output=tmp_path / "out" / "site",
        jobs=1,
        build_date=EPOCH_DATE,
        cache=tmp_path / "cache",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_build_writes_a_site_and_reports_counts(tmp_path: Path) -> None:
    source = make_source(tmp_path)
    (source / "empty.txt").write_bytes(b"")
    config = config_for(tmp_path, source)
    made: list[object] = []
    report = build_site(config, keep=made)
    site = config.output
    assert isinstance(report, BuildReport) and report.written
    assert any(isinstance(x, list) and len(x) == 2 for x in made)  # the articles, left for the caller to free
    assert report.articles == 2 and report.pages > 0 and report.files >= report.pages
    assert report.mentions >= 2 and report.entries >= 1
    assert (site / ".nojekyll").is_file() and (site / "index.html").is_file()
    assert (site / "ar" / "articles" / "a" / "index.html").is_file()
    assert (site / "ar" / "articles" / "b" / "index.html").is_file()
    assert [p.path for p in report.problems] == [(source / "empty.txt").as_posix()]
    assert "2 articles" in report.summary() and "1 problem" in report.summary()
    leftovers = [p.name for p in site.parent.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


def test_two_builds_are_byte_identical(tmp_path: Path, seeds_dir: Path) -> None:
    source = make_source(tmp_path, seeds_dir)
    first = config_for(tmp_path, source)
    build_site(first)
    before = snapshot(first.output)
    build_site(first)  # from the cache this time
    assert snapshot(first.output) == before
    fresh = config_for(
        tmp_path, source, output=tmp_path / "again" / "site", cache=tmp_path / "cache2", jobs=2
    )
    build_site(fresh)  # no cache, two processes
    assert snapshot(fresh.output) == before


def test_failed_render_leaves_previous_site_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = config_for(tmp_path, make_source(tmp_path))
    build_site(config)
    before = snapshot(config.output)
    (config.source / "a.txt").write_text(ARTICLE + "خبر جديد.\n", encoding="utf-8")

    def broken(*_args: object) -> dict[str, bytes]:
        raise RuntimeError("template exploded")

    monkeypatch.setattr("generator.render.render_site", broken)
    with pytest.raises(RuntimeError):
        build_site(config)
    assert snapshot(config.output) == before


def test_failure_while_writing_leaves_previous_site_untouched(tmp_path: Path) -> None:
    output = tmp_path / "site"
    write_site({"index.html": b"old", "ar/index.html": b"old ar"}, output)
    before = snapshot(output)

    class FailingIndex:
        def __init__(self, folder: Path) -> None:
            self.folder = folder
            self.stopped = False

        def wait(self) -> None:
            assert (self.folder / "index.html").read_bytes() == b"new"
            raise BuildError("search index failed")

        def stop(self) -> None:
            self.stopped = True

    def failing_index(folder: Path) -> FailingIndex:
        return FailingIndex(folder)

    with pytest.raises(BuildError):
        write_site({"index.html": b"new", "en/index.html": b"new en"}, output, index=failing_index)
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


class KeyedFiles(dict[str, bytes]):
    """A site whose pages have keys (as render.LazySite's do): here, the digest of their content."""

    def key(self, path: str) -> str | None:
        return None if path == "index.html" else hashlib.sha256(self[path]).hexdigest()


def write_with_memo(files: KeyedFiles, output: Path, memo: PageMemo | None = None) -> PageMemo:
    memo = PageMemo("salt", dict(memo.after)) if memo else PageMemo("salt")
    state = write_site(files, output, memo=memo)
    assert state == buildcache.site_state(output), "what a no-change rebuild compares the site with"
    return memo


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


SMALL_SITE = {"index.html": b"home", **{f"ar/articles/a{i}/index.html": b"page %d" % i for i in range(8)}}


def test_a_rebuild_that_changes_few_pages_updates_the_site_in_place(tmp_path: Path) -> None:
    output = tmp_path / "site"
    memo = write_with_memo(KeyedFiles(SMALL_SITE), output)
    (output / "stray.txt").write_bytes(b"not ours")
    before, folder = inodes(output), output.stat().st_ino
    changed = KeyedFiles(SMALL_SITE)
    changed["ar/articles/a1/index.html"] = b"page 1, edited"
    del changed["ar/articles/a2/index.html"]
    changed["ar/articles/new/index.html"] = b"a new page"
    memo = write_with_memo(changed, output, memo)
    assert memo.kept == 6
    assert output.stat().st_ino == folder, "the site folder is updated, not replaced"
    fresh = tmp_path / "fresh"
    write_site(dict(changed), fresh)
    assert snapshot(output) == {**snapshot(fresh), "stray.txt": snapshot(output)["stray.txt"]}
    assert (output / "stray.txt").read_bytes() == b"not ours", "a file the build did not write stays"
    after = inodes(output)
    unchanged = [p for p in changed if p != "index.html" and SMALL_SITE.get(p) == changed[p]]
    assert len(unchanged) == 6 and all(after[p] == before[p] for p in unchanged), (
        "kept pages are not rewritten"
    )
    assert after["ar/articles/a1/index.html"] != before["ar/articles/a1/index.html"]
    assert not (output / "ar" / "articles" / "a2").exists(), "a removed page's folder goes with it"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "site"]


def test_an_in_place_update_renders_again_a_kept_page_someone_changed_or_removed(tmp_path: Path) -> None:
    output = tmp_path / "site"
    memo = write_with_memo(KeyedFiles(SMALL_SITE), output)
    (output / "ar/articles/a3/index.html").write_bytes(b"edited by hand, longer than before")
    (output / "ar/articles/a4/index.html").unlink()
    changed = KeyedFiles(SMALL_SITE)
    changed["ar/articles/a1/index.html"] = b"page 1, edited"
    folder = output.stat().st_ino
    memo = write_with_memo(changed, output, memo)
    assert output.stat().st_ino == folder, "updated in place"
    assert memo.kept == 5, "a3 and a4 no longer hold what the memo says: rendered, not kept"
    fresh = tmp_path / "fresh"
    write_site(dict(changed), fresh)
    assert snapshot(output) == snapshot(fresh)


def test_an_in_place_update_that_fails_midway_puts_every_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "site"
    memo = write_with_memo(KeyedFiles(SMALL_SITE), output)
    before, before_inodes = snapshot(output), inodes(output)
    changed = KeyedFiles(SMALL_SITE)
    changed["index.html"] = b"new home"
    changed["ar/articles/a1/index.html"] = b"page 1, edited"
    changed["ar/articles/new/index.html"] = b"a new page"
    replace_file, calls = sitewrite.os.replace, []

    def failing_replace(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) == 3:  # the third file moved in: two are already in place
            raise OSError("disk full")
        replace_file(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(sitewrite.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_with_memo(changed, output, memo)
    assert len(calls) > 3, "the files moved in were moved out again"
    assert snapshot(output) == before and inodes(output) == before_inodes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_strict_build_with_problems_writes_nothing(tmp_path: Path) -> None:
    source = make_source(tmp_path)
    config = config_for(tmp_path, source)
    build_site(config)
    before = snapshot(config.output)
    (source / "bad.txt").write_bytes(b"\x00\x01binary")
    report = build_site(replace(config, strict=True))
    assert not report.written and len(report.problems) == 1
    assert "unchanged" in report.summary()
    assert snapshot(config.output) == before


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"../escape.html": b""}, "outside"),
        ({"/abs.html": b""}, "outside"),
        ({"ar/Index.html": b"", "ar/index.html": b""}, "same file"),
        ({"ar": b"", "ar/index.html": b""}, "both a file and a folder"),
    ],
)
def test_write_site_refuses_clashing_or_unsafe_paths(
    tmp_path: Path, files: dict[str, bytes], reason: str
) -> None:
    with pytest.raises(BuildError, match=reason):
        write_site(files, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_write_site_will_not_replace_a_foreign_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete", encoding="utf-8")
    with pytest.raises(BuildError, match="not written by this tool"):
        write_site({"index.html": b"x"}, precious)
    # A hand-made web folder (an index.html, a .nojekyll) is someone's too.
    (precious / "index.html").write_text("my page", encoding="utf-8")
    (precious / ".nojekyll").write_bytes(b"")
    with pytest.raises(BuildError, match="not written by this tool"):
        write_site({"index.html": b"x"}, precious)
    assert (precious / "index.html").read_text(encoding="utf-8") == "my page"
    monkeypatch.chdir(precious)
    with pytest.raises(BuildError, match="refusing"):
        write_site({"index.html": b"x"}, Path("."))
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "do not delete"


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("a.md", "---\ntitle: {title}\npublished: 2021-03-04\n---\n{lead}\n"),
        (
            "a.html",
            "<html lang='ar'><head><meta charset='utf-8'>"
            "<meta property='article:published_time' content='2021-03-04T18:20:00+02:00'>"
            "</head><body><article><h1>{title}</h1><p>{lead}</p><p>{more}</p></article></body></html>",
        ),
    ],
)
def test_a_title_outside_the_text_heads_its_entry_whole(tmp_path: Path, name: str, body: str) -> None:
    """A front-matter title or a page's heading is not in the article's text: the first sentence's date
    («مساء اليوم الخميس») must not be cut out of the title at that sentence's offsets."""
    source = tmp_path / "articles"
    source.mkdir()
    lead = "أقر مجلس النواب، مساء اليوم الخميس، مشروع قانون الموازنة العامة بعد جلسة استمرت عشر ساعات."
    more = "وقال رئيس المجلس في كلمة بعد التصويت إن إقرار الموازنة خطوة ضرورية للخروج من الأزمة الراهنة."
    title = "البرلمان يقر قانون الموازنة بعد جلسة طويلة"
    (source / name).write_text(body.format(title=title, lead=lead, more=more), encoding="utf-8")
    config = config_for(tmp_path, source)
    build_site(config)
    entries = json.loads((config.output / "data" / "events.json").read_text(encoding="utf-8"))["entries"]
    (entry,) = [e for e in entries if e["value"] == "2021-03-04"]
    assert entry["headline"]["ar"] == title


def test_two_articles_on_one_page_stop_the_build_naming_both(tmp_path: Path) -> None:
    a = Article(id="x", path="x.txt", text="t", slug="same")
    b = Article(id="y", path="sub/y.md", text="t", slug="same")
    with pytest.raises(BuildError, match="src/x.txt and src/sub/y.md"):
        check_unique_pages(Path("src"), [a, b])


class CountingEngine:
    """Wrap the real extraction and record the texts it is asked to read, in whichever process reads them
    (the build's own, a pool worker or the engine on standby)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.log = folder / "extracted.jsonl"
        real = extract.extract_text

        def counted(text: str, dct: object, *settings: object) -> extract.Extraction:
            with self.log.open("a", encoding="utf-8") as out:
                out.write(json.dumps([os.getpid(), text]) + "\n")
            return real(text, dct, *settings)  # type: ignore[arg-type]

        monkeypatch.setattr(extract, "extract_text", counted)

    @property
    def texts(self) -> list[str]:
        return [text for _, text in self.calls]

    @property
    def calls(self) -> list[tuple[int, str]]:
        """(process id, text) of each extraction (not the engine worker's warming up: build.WARM_TEXT)."""
        if not self.log.exists():
            return []
        calls = [tuple(json.loads(line)) for line in self.log.read_text(encoding="utf-8").splitlines()]
        return [call for call in calls if call[1] != build.WARM_TEXT]  # type: ignore[misc]

    def clear(self) -> None:
        self.log.unlink(missing_ok=True)


def test_cache_reextracts_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = make_source(tmp_path)
    config = config_for(tmp_path, source, jobs=2)
    engine = CountingEngine(monkeypatch, tmp_path)
    build_site(config)
    assert len(engine.texts) == 2
    engine.clear()
    build_site(config)
    assert engine.texts == []
    (source / "a.txt").write_text(ARTICLE + "وأضاف أن المحادثات قد تستأنف.\n", encoding="utf-8")
    build_site(config)
    assert len(engine.texts) == 1 and engine.texts[0].endswith("تستأنف.\n")
    if can_fork():  # by the engine worker, warmed while the articles were read
        assert engine.calls[0][0] != os.getpid()
    engine.clear()
    (source / "a.txt").write_text(ARTICLE, encoding="utf-8")
    build_site(replace(config, jobs=1))
    assert [pid for pid, _ in engine.calls] == [os.getpid()], "--jobs 1: extracted in this process"


def test_cache_from_another_engine_version_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.temporal as temporal

    config = config_for(tmp_path, make_source(tmp_path))
    engine = CountingEngine(monkeypatch, tmp_path)
    build_site(config)
    engine.clear()
    monkeypatch.setattr(
        temporal, "ENGINE_VERSION", f"{getattr(temporal, 'ENGINE_VERSION', '')}-next", raising=False
    )
    build_site(config)
    assert len(engine.texts) == 2
    others = (build.FRAGMENTS_DIR,)
    versions = [p for p in config.cache_dir.iterdir() if p.is_dir() and p.name not in others]
    assert len(versions) == 1  # the old version is dropped
    engine.clear()
    build_site(replace(config, week_start="monday"))  # "last week" means other days now
    assert len(engine.texts) == 2


def extraction_shelf(config: Config) -> Path:
    """Return the file the build keeps its extractions in (one per engine version)."""
    (found,) = config.cache_dir.glob(f"*/{build.EXTRACTIONS}.json")
    return found


def extraction_store(config: Config) -> Memo:
    """Return the build's extraction cache as the build reads it."""
    version = extract.engine_version()
    return Memo(extraction_shelf(config).parent, f"{version}:{extract.CACHE_FORMAT}:{extract.LAYOUT}")


def cached_extractions(config: Config) -> dict[str, object]:
    return extraction_store(config).shelf(build.EXTRACTIONS, extract.Extraction).stored


def test_corrupt_cache_files_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = config_for(tmp_path, make_source(tmp_path))
    build_site(config)
    before = snapshot(config.output)
    assert len(cached_extractions(config)) == 2
    shelf = extraction_shelf(config)
    shelf.write_bytes(shelf.read_bytes()[:-40])  # cut short
    engine = CountingEngine(monkeypatch, tmp_path)
    build_site(config)
    assert len(engine.texts) == 2
    assert snapshot(config.output) == before
    # A shelf with a row that is not an extraction is not read: every article is extracted again.
    store = extraction_store(config)
    rows = store.shelf(build.EXTRACTIONS, extract.Extraction)
    key, *others = sorted(rows.stored)
    for other in others:
        rows.keep(other)
    rows.put(key, ("2016-10-04", None, False, [["x"]]))  # (as an earlier format kept them)
    store.save()
    engine.clear()
    build_site(config)
    assert len(engine.texts) == 2
    assert snapshot(config.output) == before


def count_pieces(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[int]]:
    """Record, per fragment shelf, the pieces rendered afresh and the pieces used, as builds save them."""
    counts: dict[str, list[int]] = {}
    save = Fragments.save

    def counting(self: Fragments) -> None:
        for name, shelf in self._shelves.items():
            made, used = counts.setdefault(name, [0, 0])
            counts[name] = [made + shelf.made, max(used, len(shelf.used))]
        save(self)

    monkeypatch.setattr(Fragments, "save", counting)
    return counts


def test_a_rebuild_keeps_unchanged_pages_and_matches_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    source = make_source(tmp_path, seeds)
    config = config_for(tmp_path, source, jobs=2)
    pieces = count_pieces(monkeypatch)
    build_site(config)
    assert set(pieces) == {"extractions", "sentences", "ar", "en", "events", "csv", "timelinejs", "ics"}
    assert all(made == used > 0 for made, used in pieces.values()), "a cold build renders every piece"
    pieces.clear()
    edited = sorted(source.glob("*.txt"))[0]
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nوفي 3 آذار/مارس 2015 عُقد اجتماع جديد في جنيف.\n",
        encoding="utf-8",
    )
    memo_file = config.cache_dir / PAGES_CACHE
    folder = config.output.stat().st_ino
    report = build_site(config)
    assert config.output.stat().st_ino == folder, "updated in place"
    rebuilt = {name: tuple(counts) for name, counts in pieces.items()}
    with memo_file.open("rb") as handle:
        salt = handle.readline().decode().rstrip("\n")  # the key line: its salt
    kept = PageMemo.load(Memo(config.cache_dir, ""), PAGES_CACHE, salt)
    fresh = build_site(replace(config, output=tmp_path / "fresh" / "site", cache=tmp_path / "fresh-cache"))
    assert snapshot(config.output) == snapshot(fresh.output)
    assert 0 < report.kept < report.pages
    assert len(kept.before) > report.kept  # every entry and article page has a key
    assert "unchanged" in report.summary()
    # The whole-site pages re-rendered only the cards, rows and export items of what changed.
    assert rebuilt.keys() == pieces.keys()
    assert all(0 < made < used for made, used in rebuilt.values()), rebuilt
    # The state the update recorded is the site on disk, so building again stops before rendering.
    before = snapshot(config.output)
    monkeypatch.setattr("generator.render.render_site", None)
    build_site(config)
    assert snapshot(config.output) == before


def test_adding_an_article_keeps_the_pages_of_the_others(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    source = make_source(tmp_path, seeds)
    config = config_for(tmp_path, source)
    first = build_site(config)
    (source / "new.txt").write_text(
        "عقد وزراء خارجية دول الجوار اجتماعاً في عمّان يوم 12 تشرين الثاني/نوفمبر 2016.\n", encoding="utf-8"
    )
    report = build_site(config)
    # Its own two pages and its entry's two are new; the whole-site pages, its year's and its outlet's
    # list it. No other page shows it: the assets, about and search pages, the root pages and robots.txt,
    # the other years' and outlets' pages are kept.
    assert report.pages == first.pages + 4
    others = [p for p in listing_pages(config.output) if p.split("/")[2] not in ("2016", "unnamed")]
    fixed = 2 * 2 + 3 + len(STATIC_FILES)
    assert others and report.kept == 2 * (first.entries + first.articles) + len(others) + fixed
    fresh = build_site(replace(config, output=tmp_path / "fresh" / "site", cache=tmp_path / "fresh-cache"))
    assert snapshot(config.output) == snapshot(fresh.output)


def listing_pages(site: Path) -> list[str]:
    """Return the year and outlet pages of a built site, as paths relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.glob("*/[yo][eu]*s/*/index.html"))


def test_a_year_or_outlet_page_is_rendered_again_only_when_what_it_lists_changes(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    source = make_source(tmp_path, seeds)
    config = config_for(tmp_path, source)
    build_site(config)
    listings = listing_pages(config.output)
    assert {p.split("/")[1] for p in listings} == {"years", "outlets"}

    def replaced(before: dict[str, int]) -> set[str]:
        return {p for p, inode in before.items() if (config.output / p).stat().st_ino != inode}

    inodes = {p: (config.output / p).stat().st_ino for p in listings}
    meeting = "اجتمع الوزراء في عمّان يوم 12 تشرين الثاني/نوفمبر 2016.\n"
    (source / "new.txt").write_text(meeting, encoding="utf-8")
    build_site(config)
    assert replaced(inodes) == {p for p in listings if p.split("/")[2] in ("2016", "unnamed")}

    # A new outlet joins every listing page's filters: all of them are rendered again.
    inodes = {p: (config.output / p).stat().st_ino for p in listings}
    (source / "other.md").write_text(
        "---\noutlet: {ar: الجريدة, en: The Paper}\npublished: 2016-11-13\n---\n" + meeting, encoding="utf-8"
    )
    build_site(config)
    assert replaced(inodes) == set(listings)
    fresh = build_site(replace(config, output=tmp_path / "fresh" / "site", cache=tmp_path / "fresh-cache"))
    assert snapshot(config.output) == snapshot(fresh.output)


def test_paths_spelled_another_way_and_jobs_keep_the_page_memo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = make_source(tmp_path)
    relative = replace(config_for(tmp_path, Path("articles")), output=Path("out/site"))
    first = build_site(relative)
    (source / "a.txt").write_text(ARTICLE + "وقال المتحدث إن الاجتماع التالي غداً.\n", encoding="utf-8")
    again = build_site(replace(relative, source=source, output=tmp_path / "out" / "site", jobs=2))
    assert first.kept == 0
    assert 0 < again.kept < again.pages  # the same memo: only the changed article's pages rendered


def test_a_corrupt_page_memo_renders_every_page(tmp_path: Path) -> None:
    config = config_for(tmp_path, make_source(tmp_path))
    build_site(config)
    before = snapshot(config.output)
    (config.cache_dir / PAGES_CACHE).write_bytes(b"\x80\x05not a record")
    shutil.rmtree(config.cache_dir / "site.json", ignore_errors=True)
    (config.cache_dir / "site.json").unlink(missing_ok=True)
    (source := config.source / "a.txt").write_text(source.read_text(encoding="utf-8") + " ", encoding="utf-8")
    report = build_site(config)
    assert report.kept == 0

    def pages(site: dict[str, str]) -> set[str]:  # the edited text's search shard has a new name
        return {path for path in site if not path.startswith("searchindex/")}

    assert pages(snapshot(config.output)) == pages(before)


def test_inferred_document_date_when_none_is_given(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "a.txt").write_text("دمشق - الثلاثاء 4 أكتوبر/ تشرين الأول 2016\n" + ARTICLE, encoding="utf-8")
    read, _ = read_articles(source)
    (article,), _, _ = build.Run(config_for(tmp_path, source)).dated_articles()
    assert article.published_source == "inferred"
    assert article.published is not None and article.published_basis


def test_progress_reports_articles_extracted_and_files_written(tmp_path: Path) -> None:
    config = config_for(tmp_path, make_source(tmp_path))
    seen: list[tuple[str, int, int]] = []
    report = build_site(config, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert ("extract", 2, 2) in seen
    writes = [s for s in seen if s[0] == "write"]
    assert writes and writes[-1][1] == writes[-1][2] and writes[-1][2] <= report.files


def test_engine_failure_on_one_article_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = make_source(tmp_path)
    (source / "poison.txt").write_text("نص يكسر المحرك يوم 5 أكتوبر 2016.\n", encoding="utf-8")
    real = extract.extract_text

    def fragile(text: str, dct: object, *settings: object) -> extract.Extraction:
        if "يكسر" in text:
            raise ValueError("engine bug")
        return real(text, dct, *settings)  # type: ignore[arg-type]

    monkeypatch.setattr(extract, "extract_text", fragile)
    config = config_for(tmp_path, source)
    report = build_site(config)
    assert report.written and report.articles == 3
    (problem,) = report.problems
    assert problem.path == (source / "poison.txt").as_posix() and "engine bug" in problem.message
    page = (config.output / "ar" / "articles" / "poison" / "index.html").read_text(encoding="utf-8")
    assert 'class="mention"' not in page
    assert len(cached_extractions(config)) == 2  # the failed one is not cached
    articles, _, _ = build.Run(config).dated_articles()
    assert {a.id: bool(a.extraction) for a in articles} == {"a": True, "b": True, "poison": False}
    monkeypatch.setattr(extract, "extract_text", real)  # the engine fixed: the article gets its dates
    fixed = build_site(config)
    assert fixed.problems == () and fixed.mentions > report.mentions
    page = (config.output / "ar" / "articles" / "poison" / "index.html").read_text(encoding="utf-8")
    assert 'class="mention"' in page


def test_an_output_folder_holding_the_source_is_refused(tmp_path: Path) -> None:
    config = config_for(tmp_path, make_source(tmp_path))
    build_site(config)
    articles = config.output / "articles"
    shutil.copytree(config.source, articles)
    with pytest.raises(BuildError, match="would delete"):
        build_site(replace(config, source=articles))
    assert (articles / "a.txt").is_file()


def test_the_previous_site_of_a_large_build_is_deleted_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitewrite, "BACKGROUND_DELETE", 1)
    output = tmp_path / "site"
    write_site({"index.html": b"old", "ar/index.html": b"old ar"}, output)
    write_site({"index.html": b"new", "ar/index.html": b"new ar"}, output)
    assert (output / "index.html").read_bytes() == b"new"
    deadline = time.monotonic() + 30
    while any(tmp_path.glob(".site-old-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_what_an_in_place_update_replaced_is_deleted_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitewrite, "BACKGROUND_DELETE", 1)
    output = tmp_path / "site"
    memo = write_with_memo(KeyedFiles(SMALL_SITE), output)
    folder = output.stat().st_ino
    changed = KeyedFiles(SMALL_SITE)
    changed["ar/articles/a1/index.html"] = b"page 1, edited"
    write_with_memo(changed, output, memo)
    assert output.stat().st_ino == folder, "updated in place"
    assert (output / "ar/articles/a1/index.html").read_bytes() == b"page 1, edited"
    deadline = time.monotonic() + 30
    while any(tmp_path.glob(".site-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_previous_site_a_killed_build_left_is_removed_by_the_next(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    left = [tmp_path / ".site-old-abc123", tmp_path / f".site-old-def456.{finished.pid}"]
    busy = tmp_path / f".site-old-ghi789.{os.getpid()}"  # a live process is deleting this one
    for folder in [*left, busy]:
        (folder / "ar").mkdir(parents=True)
        (folder / "ar" / "index.html").write_bytes(b"stale")
    write_site({"index.html": b"new"}, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", busy.name])


def test_the_merge_record_keeps_event_ids_and_the_events_the_merge_changed() -> None:
    day = TimeValue("2016-09-09", "day", date(2016, 9, 9), date(2016, 9, 9))
    first = Event("v1", "a", day, 0, 10, "جملة أولى هنا")
    second = Event("v2", "b", day, 0, 10, "جملة ثانية هنا")
    moved = replace(second, time=TimeValue("2016-09", "month", date(2016, 9, 1), date(2016, 9, 30)))
    entry = Entry("e1", day, (first, moved), Headline(ar="جملة"))
    packed = build._packed(([entry], []), [first, second])
    assert packed[0][0][1] == ["v1", moved]  # unchanged: its id; changed by the merge: itself
    assert build._unpacked(packed, [first, second]) == ([entry], [])
    assert build._unpacked(packed, [second]) is None  # an event the record names is gone
    assert build._unpacked(None, [first]) is None


def test_the_collector_pauses_until_pages_are_rendered_and_is_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from generator import merge

    seen: dict[str, bool] = {}
    real_merge, real_article = merge.merge_events, render._PageMaker.article

    def merging(*args: object, **kwargs: object) -> object:
        seen["merge"] = gc.isenabled()
        return real_merge(*args, **kwargs)  # type: ignore[arg-type]

    def rendering(self: object, article: Article) -> bytes:
        seen["page"] = gc.isenabled()
        return real_article(self, article)  # type: ignore[arg-type]

    monkeypatch.setattr(merge, "merge_events", merging)
    monkeypatch.setattr(render._PageMaker, "article", rendering)
    assert gc.isenabled()
    build_site(config_for(tmp_path, make_source(tmp_path)))
    assert seen == {"merge": False, "page": True} and gc.isenabled()
    gc.disable()
    try:
        (tmp_path / "articles" / "a.txt").write_text(
            ARTICLE + "وقال إن الجولة التالية غداً.\n", encoding="utf-8"
        )
        build_site(config_for(tmp_path, tmp_path / "articles"))
        assert not gc.isenabled() and seen == {"merge": False, "page": False}  # a caller's choice stands
    finally:
        gc.enable()


def test_a_build_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    # build_site pauses the collector and freezes what it made before rendering; a preview server
    # builds again and again in one process, so nothing may stay frozen (never freed) afterwards.
    import gc

    assert gc.isenabled() and gc.get_freeze_count() == 0
    build_site(config_for(tmp_path, make_source(tmp_path), jobs=2))
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        build_site(config_for(tmp_path, tmp_path / "articles", output=tmp_path / "again" / "site"))
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_a_cache_of_one_json_file_per_article_is_cleared_away(tmp_path: Path) -> None:
    config = config_for(tmp_path, make_source(tmp_path))
    build_site(config)
    folder = extraction_shelf(config).parent
    legacy = folder / f"{'0' * 64}.json"  # how earlier versions cached an article
    legacy.write_text('{"format": 2}', encoding="utf-8")
    build_site(config)
    assert not legacy.exists()
    assert len(cached_extractions(config)) == 2
