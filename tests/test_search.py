"""The search index: documents cut into shards, indexed in the background, reused by the next build."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
from site_sample import sample_timeline

from generator import render, search, searchindex
from generator.assets import STATIC_DIR
from generator.config import Config
from generator.executor import Forking
from generator.i18n import locales
from generator.models import Article, Outlet, Timeline
from generator.render import article_documents, entry_documents, planned_article_documents
from generator.search import SearchDocument, start_index


def write(files: dict[str, bytes], root: Path) -> None:
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def search_documents(timeline: Timeline, config: Config) -> list[SearchDocument]:
    return [*article_documents(timeline.articles, config), *entry_documents(timeline, config)]


def page_counts(site: Path) -> dict[str, int]:
    listing = json.loads((site / search.BUNDLE_DIR / "shards.json").read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for bundle in listing["bundles"]:
        for index in sorted((site / search.BUNDLE_DIR / bundle).glob("*/index.json")):
            documents = json.loads(index.read_text(encoding="utf-8"))["documents"]
            counts[index.parent.name] = counts.get(index.parent.name, 0) + documents
    return counts


def test_background_index_covers_entry_and_article_pages_of_both_languages(tmp_path: Path) -> None:
    timeline = sample_timeline()
    documents = search_documents(timeline, Config())
    paths = {d.path for d in documents}
    for lang in ("ar", "en"):
        assert {f"{lang}/entries/{e.id}/index.html" for e in timeline.entries} <= paths
        assert {f"{lang}/articles/{a.slug}/index.html" for a in timeline.articles} <= paths
    arabic = [d for d in documents if d.lang == "ar" and "/articles/" in d.path]
    assert any(timeline.articles[0].text.split()[0] in " ".join(d.paragraphs) for d in arabic)
    site = tmp_path / "site"
    site.mkdir()
    running = start_index(documents, site)
    running.wait()
    assert page_counts(site) == {lang: sum(1 for d in documents if d.lang == lang) for lang in ("ar", "en")}
    assert not running.scratch.exists()


def test_the_index_is_the_same_file_for_file_when_built_again(tmp_path: Path) -> None:
    documents = search_documents(sample_timeline(), Config())
    built = []
    for name in ("one", "two"):
        start_index(documents, tmp_path / name).wait()
        folder = tmp_path / name / search.BUNDLE_DIR
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        built.append({p.relative_to(folder): p.read_bytes() for p in files})
    assert built[0] == built[1]
    listing = json.loads(built[0][Path("shards.json")])
    assert listing["rules"]["prefixes"] and listing["format"] == searchindex.FORMAT


def many_documents(count: int, size: int = 400) -> list[SearchDocument]:
    return [
        SearchDocument(
            f"{lang}/articles/a{i:05d}/index.html",
            lang,
            f"title {i}",
            (f"word{i} " * (size // 8),),
            f"2016-01-{1 + i % 28:02d}",
        )
        for i in range(count)
        for lang in ("ar", "en")
    ]


def test_shards_stay_under_the_size_limit_and_keep_both_languages_of_a_page_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search, "SHARD_MIN", 20_000)
    monkeypatch.setattr(search, "SHARD_MAX", 40_000)
    documents = many_documents(500)
    shards = search.plan_shards(documents)
    assert len(shards) > 5
    assert sorted(d.path for shard in shards for d in shard) == sorted(d.path for d in documents)
    for shard in shards:
        assert sum(search.DOCUMENT_WEIGHT + d.size for d in shard) <= 40_000
        assert len({d.page for d in shard}) * 2 == len(shard)


def test_many_small_documents_fill_shards_by_their_count_as_well_as_their_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Entry pages are short: each still has its record and postings, so a shard of them is cut by count too.
    monkeypatch.setattr(search, "SHARD_MIN", 20_000)
    monkeypatch.setattr(search, "SHARD_MAX", 40_000)
    documents = [
        SearchDocument(
            f"{lang}/entries/e{n:04d}/index.html", lang, f"e{n}", ("خبر",), f"2016-{n % 12 + 1:02d}"
        )
        for n in range(400)
        for lang in ("ar", "en")
    ]
    text = sum(d.size for d in documents)
    assert text < 20_000, "by text alone they would all fit one shard"
    shards = search.plan_shards(documents)
    assert len(shards) >= 800 * search.DOCUMENT_WEIGHT // 40_000


def test_a_stream_may_ask_for_smaller_shards() -> None:
    documents = many_documents(500)
    default = search.plan_shards(documents)
    small = search.plan_shards(documents, (20_000, 40_000))
    assert len(small) > len(default) and len(small) > 5
    assert sorted(d.path for shard in small for d in shard) == sorted(d.path for d in documents)
    assert search.ENTRY_SHARDS[1] < search.SHARD_MAX


def test_a_small_site_is_cut_into_smaller_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    # A rebuild after one edit re-indexes that page's shard: a small site's should not be most of it.
    monkeypatch.setattr(search, "SHARD_FLOOR", 10_000)

    def weight(shard: list[SearchDocument]) -> int:
        return sum(search.DOCUMENT_WEIGHT + d.size for d in shard)

    small = many_documents(200)
    assert weight(small) < 8 * 80_000
    shards = search.plan_shards(small, (80_000, 160_000))
    assert len(shards) >= 6 and all(weight(s) <= 40_000 for s in shards)
    large = search.plan_shards(many_documents(1000), (80_000, 160_000))
    assert all(80_000 <= weight(s) <= 160_000 for s in large[:-1]), "a large site keeps the sizes asked for"


def test_one_more_page_changes_few_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_MIN", 20_000)
    monkeypatch.setattr(search, "SHARD_MAX", 40_000)
    documents = many_documents(500)
    before = {search.shard_name(shard) for shard in search.plan_shards(documents)}
    extra = SearchDocument("ar/articles/new/index.html", "ar", "new", ("new text",), "2016-01-15")
    after = {search.shard_name(shard) for shard in search.plan_shards([*documents, extra])}
    assert len(after - before) <= 2


def test_a_rebuild_reuses_the_shards_the_previous_site_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "SHARD_MIN", 3_000)
    monkeypatch.setattr(search, "SHARD_MAX", 6_000)
    documents = many_documents(60)
    first = tmp_path / "first"
    start_index(documents, first).wait()
    listing = first / search.BUNDLE_DIR / "shards.json"
    shards = len(json.loads(listing.read_text(encoding="utf-8"))["bundles"])
    assert shards > 2
    second = tmp_path / "second"
    running = start_index(documents, second, previous=first)
    running.wait()
    assert running.reused == shards
    changed = [*documents[:-1], SearchDocument(documents[-1].path, "en", "changed", ("other",), "2016-02-01")]
    third = tmp_path / "third"
    running = start_index(changed, third, previous=second)
    running.wait()
    assert shards - 2 <= running.reused < shards
    assert page_counts(third) == page_counts(first)
    # A build carries the reused shards over itself: they are named, and left where they are.
    fourth = tmp_path / "fourth"
    carried = search.RunningIndex(previous=second).add(documents).into(fourth, carry=True).wait()
    assert len(carried) == shards
    assert all((second / folder).is_dir() and not (fourth / folder).exists() for folder in carried)


def test_the_search_page_shows_titles_as_text_not_markup(tmp_path: Path) -> None:
    hostile = '<img src=x onerror="alert(1)">'
    document = SearchDocument("ar/entries/x/index.html", "ar", hostile, ("<script>1</script>",))
    searchindex.write_shard(tmp_path, [document])
    record = json.loads((tmp_path / "ar" / "d0.json").read_text(encoding="utf-8"))[0]
    assert record[:2] == ["ar/entries/x/", hostile]
    script = (STATIC_DIR / "search.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and ".textContent" in script


def test_a_failed_build_stops_the_background_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for start in (None, Forking(2).background):  # in a thread; in a forked process
        running = start_index(many_documents(3000, 2000), site, start=start)
        time.sleep(0.2)
        started = time.monotonic()
        running.stop()
        assert time.monotonic() - started < 10 and not running.scratch.exists()
        assert not (site / search.BUNDLE_DIR).exists()


def made_by_pages(timeline: Timeline, kind: str) -> list[SearchDocument]:
    """Return the search documents each language's page maker makes, asked directly."""
    env, index = render._environment(), render.build_index(timeline)
    items = timeline.articles if kind == "article_document" else timeline.entries
    pages = [render._PageMaker(env, index, Config(), loc, timeline) for loc in locales().values()]
    return [getattr(page, kind)(item) for page in pages for item in items]


def test_planned_article_documents_are_made_as_article_documents_are() -> None:
    articles = sample_timeline().articles
    planned = list(planned_article_documents(articles, Config(), "salt"))
    made = {d.path: d for d in made_by_pages(Timeline((), (), tuple(articles)), "article_document")}
    assert {d.path for d in planned} == set(made)
    for document in planned:
        assert document.document() == made[document.path]
        assert (document.lang, document.order, document.page) == (
            made[document.path].lang, made[document.path].order, made[document.path].page,
        )  # fmt: skip
        assert abs(document.size - made[document.path].size) <= 3 * render.PLANNED_SUMMARY


def test_a_planned_document_key_follows_its_article_its_outlet_and_the_salt() -> None:
    articles = list(sample_timeline().articles)

    def keys(articles: list[Article], salt: str = "salt") -> dict[str, str]:
        return {d.path: d.key for d in planned_article_documents(articles, Config(), salt)}

    before = keys(articles)
    first = articles[0]
    own = {f"{lang}/articles/{first.slug}/index.html" for lang in ("ar", "en")}

    def changed(after: dict[str, str]) -> set[str]:
        return {path for path, key in after.items() if key != before[path]}

    assert changed(keys([replace(first, text=first.text + " "), *articles[1:]])) == own
    assert changed(keys([replace(first, title="عنوان آخر"), *articles[1:]])) == own
    assert changed(keys([replace(first, outlet=Outlet(ar="أخرى", en="Other")), *articles[1:]])) >= own
    assert changed(keys(articles, "other salt")) == set(before)


def test_a_shard_of_planned_documents_makes_them_only_when_it_is_written(tmp_path: Path) -> None:
    log = tmp_path / "made.txt"  # documents are made in the index's own process
    real = many_documents(40)

    def planned(d: SearchDocument) -> search.PlannedDocument:
        def make() -> SearchDocument:
            with log.open("a", encoding="utf-8") as out:
                out.write(d.path + "\n")
            return d

        return search.PlannedDocument(d.path, d.lang, d.order, d.size, d.key, make)

    def made() -> list[str]:
        found = sorted(log.read_text(encoding="utf-8").split()) if log.exists() else []
        log.unlink(missing_ok=True)
        return found

    first, second = tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        site.mkdir()
    start_index([planned(d) for d in real], first).wait()
    assert made() == sorted(d.path for d in real)
    start_index([planned(d) for d in real], second, previous=first).wait()
    assert made() == []  # every shard reused: no document made
    assert page_counts(second) == page_counts(first)


def test_planned_entry_documents_are_made_as_entry_documents_are() -> None:
    timeline = sample_timeline()
    planned = list(render.planned_entry_documents(timeline, Config(), "salt"))
    made = {d.path: d for d in made_by_pages(timeline, "entry_document")}
    assert {d.path for d in planned} == set(made)
    for document in planned:
        assert document.document() == made[document.path]
        assert document.order == made[document.path].order


def test_a_planned_entry_document_key_follows_what_the_document_shows() -> None:
    timeline = sample_timeline()

    def documents(timeline: Timeline) -> dict[str, tuple[str, SearchDocument]]:
        planned = render.planned_entry_documents(timeline, Config(), "salt")
        return {d.path: (d.key, d.document()) for d in planned}

    before = documents(timeline)

    def changed(after: dict[str, tuple[str, SearchDocument]]) -> set[str]:
        # A key changes exactly where the document does: never a stale document under an old key.
        for path, (key, document) in after.items():
            assert (key == before[path][0]) == (document == before[path][1]), path
        return {path for path, (key, _) in after.items() if key != before[path][0]}

    cited = timeline.entries[0].events[0].article_id
    articles = {a.id: a for a in timeline.articles}
    edited = articles[cited]

    def with_article(article: Article) -> Timeline:
        return replace(timeline, articles=tuple(article if a.id == cited else a for a in timeline.articles))

    assert changed(documents(with_article(replace(edited, text=edited.text + "\nجملة أخرى.")))) == set()
    named = replace(edited, outlet=Outlet(ar="أخرى", en="Other"), title="عنوان آخر")
    assert f"ar/entries/{timeline.entries[0].id}/index.html" in changed(documents(with_article(named)))
    first = timeline.entries[0]
    retitled_entry = replace(first, headline=replace(first.headline, en="Another headline"))
    retitled = replace(timeline, entries=(retitled_entry, *timeline.entries[1:]))
    assert f"en/entries/{timeline.entries[0].id}/index.html" in changed(documents(retitled))
