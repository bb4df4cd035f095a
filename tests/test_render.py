"""The rendered site, as a reader and a browser see it: pure render of a hand-built Timeline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from site_sample import day, sample_timeline

from generator.article_html import Highlight, TipLanguage, render_article_html
from generator.config import Config
from generator.datefmt import format_time, hijri_equivalent
from generator.i18n import Locale, read_catalogue
from generator.merge import DATES_DISAGREE
from generator.models import Article, Mention, TimeValue
from generator.render import TEMPLATES_DIR, render_site


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(content: bytes) -> Elements:
    parser = Elements()
    parser.feed(content.decode("utf-8"))
    return parser


@pytest.fixture(scope="module")
def site() -> dict[str, bytes]:
    return render_site(sample_timeline(), Config())


@pytest.fixture(scope="module")
def sub_site() -> dict[str, bytes]:
    return render_site(sample_timeline(), Config(base_url="/repo/"))


def pages(files: dict[str, bytes]) -> Iterator[tuple[str, Elements]]:
    for path, content in files.items():
        if path.endswith(".html"):
            yield path, parse(content)


def html_tag(doc: Elements) -> dict[str, str]:
    return next(attrs for tag, attrs in doc.tags if tag == "html")


def href_to_file(href: str, base: str = "/") -> str:
    path = href.split("#", 1)[0][len(base) :]
    return path + "index.html" if path.endswith("/") or path == "" else path


def test_every_language_page_declares_its_language_and_direction(site: dict[str, bytes]) -> None:
    for path, doc in pages(site):
        attrs = html_tag(doc)
        if path.startswith("en/"):
            assert (attrs["lang"], attrs["dir"]) == ("en", "ltr"), path
        else:
            assert (attrs["lang"], attrs["dir"]) == ("ar", "rtl"), path


def test_both_languages_have_the_same_pages(site: dict[str, bytes]) -> None:
    ar = {p[3:] for p in site if p.startswith("ar/") and p.endswith(".html")}
    en = {p[3:] for p in site if p.startswith("en/") and p.endswith(".html")}
    assert ar == en
    for page in (
        "index.html",
        "sources/index.html",
        "about/index.html",
        "search/index.html",
        "entries/e-monday/index.html",
        "articles/plain/index.html",
        "articles/notes-md/index.html",
        "years/2016/index.html",
        "outlets/al-mayadeen/index.html",
    ):
        assert page in ar


def test_hreflang_alternates_and_switch_land_on_the_same_page(site: dict[str, bytes]) -> None:
    for path, doc in pages(site):
        if not path.startswith(("ar/", "en/")):
            continue
        lang, rest = path[:2], path[3:]
        links = {
            a["hreflang"]: a["href"]
            for t, a in doc.tags
            if t == "link" and a.get("rel") == "alternate" and "hreflang" in a
        }
        assert href_to_file(links["ar"]) == "ar/" + rest, path
        assert href_to_file(links["en"]) == "en/" + rest, path
        assert links["x-default"] == links["ar"]
        other = "en" if lang == "ar" else "ar"
        switch = next(a for t, a in doc.tags if t == "a" and "switch" in a.get("class", ""))
        assert switch["hreflang"] == other and switch["lang"] == other
        assert href_to_file(switch["href"]) == f"{other}/{rest}"
        assert href_to_file(switch["href"]) in site


def test_every_page_has_skip_link_favicon_and_social_meta(site: dict[str, bytes]) -> None:
    for path, doc in pages(site):
        if not path.startswith(("ar/", "en/")):
            continue
        assert any(t == "a" and a.get("href") == "#main" for t, a in doc.tags), path
        assert any(t == "main" and a.get("id") == "main" for t, a in doc.tags), path
        assert any(t == "link" and a.get("rel") == "icon" for t, a in doc.tags), path
        props = {a.get("property") or a.get("name") for t, a in doc.tags if t == "meta"}
        assert {"og:title", "og:locale", "twitter:card", "description"} <= props, path


def test_every_internal_link_and_sentence_anchor_exists(site: dict[str, bytes]) -> None:
    ids = {path: {a["id"] for _, a in doc.tags if "id" in a} for path, doc in pages(site)}
    checked = 0
    for path, doc in pages(site):
        for tag, attrs in doc.tags:
            href = attrs.get("href", "") if tag in ("a", "link") else ""
            if not href.startswith("/"):
                if href.startswith("#") and len(href) > 1:
                    assert href[1:] in ids[path], (path, href)
                continue
            target = href_to_file(href)
            assert target in site, (path, href)
            if "#" in href:
                assert href.split("#", 1)[1] in ids[target], (path, href)
                checked += 1
    assert checked > 10


def test_sentence_links_point_at_the_dated_sentence(site: dict[str, bytes]) -> None:
    text = site["ar/articles/plain/index.html"].decode()
    anchor = re.search(r'<span class="sentence" id="s(\d+)">([^<]*)<mark', text)
    assert anchor is not None
    timeline = sample_timeline()
    plain = next(a for a in timeline.articles if a.id == "plain")
    start = int(anchor.group(1))
    assert plain.text[start:].startswith(anchor.group(2))


def test_hostile_article_text_never_becomes_markup(site: dict[str, bytes]) -> None:
    for path, doc in pages(site):
        for tag, attrs in doc.tags:
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            for name in ("href", "src", "action"):
                assert not attrs.get(name, "").strip().lower().startswith("javascript:"), (path, tag, attrs)
            if tag == "script" and path == "index.html":
                assert attrs.get("src", "").endswith("static/root.js"), "the root page's script chooses"
            elif tag == "script":
                own = ("static/site.js", "static/search.js") if path.endswith("/search/index.html") else ()
                assert attrs.get("src", "").endswith(own or "static/site.js"), path
            assert tag not in ("img", "iframe", "object", "b"), (path, tag)
    article = site["en/articles/plain/index.html"].decode()
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in article
    assert "onerror=alert(1)" in article  # shown as text, never as an attribute
    assert "&lt;b&gt;The deal&lt;/b&gt;" in site["en/index.html"].decode()


def test_markdown_articles_render_safely(site: dict[str, bytes]) -> None:
    doc = parse(site["ar/articles/notes-md/index.html"])
    body = site["ar/articles/notes-md/index.html"].decode()
    assert "<strong>" in body
    assert "alert(4)" not in body
    links = [a for t, a in doc.tags if t == "a" and a.get("href") == "https://example.org"]
    assert links and "noopener" in links[0]["rel"]
    assert [t for t, _ in doc.tags].count("h1") == 1
    assert 'id="s' in body and 'class="mention"' in body


def test_article_original_url_is_external_and_only_http(site: dict[str, bytes]) -> None:
    doc = parse(site["en/articles/plain/index.html"])
    external = [a for t, a in doc.tags if t == "a" and a.get("rel") == "external noopener"]
    assert external[0]["href"] == "https://example.org/news?id=1&x=%3Cy%3E"
    assert (
        "https://example.org/news?id=1&amp;x=&lt;y&gt;</a>" in site["en/articles/plain/index.html"].decode()
    )
    md = parse(site["en/articles/notes-md/index.html"])
    assert not [a for t, a in md.tags if t == "a" and a.get("rel") == "external noopener"]


def test_mentions_are_focusable_with_their_resolved_date(site: dict[str, bytes]) -> None:
    doc = parse(site["en/articles/plain/index.html"])
    marks = [a for t, a in doc.tags if t == "mark"]
    assert len(marks) == 4
    tips = {a["id"] for t, a in doc.tags if t == "span" and a.get("role") == "tooltip"}
    for mark in marks:
        assert mark["tabindex"] == "0"
        assert mark["aria-describedby"] in tips
    assert any(m["title"] == "Monday 3 October 2016 · 2 Muharram 1438\u00a0AH" for m in marks)


def test_base_url_prefixes_every_link(sub_site: dict[str, bytes]) -> None:
    for path, doc in pages(sub_site):
        for tag, attrs in doc.tags:
            for name in ("href", "src"):
                value = attrs.get(name, "")
                if value.startswith("/"):
                    assert value.startswith("/repo/"), (path, tag, value)
                    assert href_to_file(value, "/repo/") in sub_site, (path, value)
    not_found = sub_site["404.html"].decode()
    assert 'href="/repo/static/site.css"' in not_found and 'href="/repo/ar/"' in not_found


def test_root_offers_both_languages_without_script(site: dict[str, bytes]) -> None:
    doc = parse(site["index.html"])
    assert not any(t == "meta" and a.get("http-equiv") == "refresh" for t, a in doc.tags)
    hrefs = {a["href"] for t, a in doc.tags if t == "a"}
    assert {"/ar/", "/en/"} <= hrefs
    text = "".join(doc.text)
    assert "بالعربية والإنجليزية" in text and "in Arabic and in English" in text


def test_entry_page_quotes_every_source_and_spells_out_warnings(site: dict[str, bytes]) -> None:
    doc = parse(site["en/entries/e-monday/index.html"])
    quotes = [a for t, a in doc.tags if t == "blockquote"]
    assert len(quotes) == 2 and all(q["lang"] == "ar" and q["dir"] == "rtl" for q in quotes)
    assert "Reported by 2 sources" in "".join(doc.text)
    page = site["en/entries/e-truce/index.html"].decode()
    h1 = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    # No English headline: the Arabic one, marked as Arabic, with a note that says so.
    assert '<span lang="ar" dir="rtl">وانهارت الهدنة</span>' in h1 and "Arabic only" in h1
    truce = "".join(parse(site["en/entries/e-truce/index.html"]).text)
    assert "does not give the year" in truce
    truce_ar = "".join(parse(site["ar/entries/e-truce/index.html"]).text)
    assert "لم تُذكر السنة" in truce_ar
    assert "do not agree on the date" in "".join(parse(site["en/entries/e-year/index.html"]).text)


def test_timeline_lists_entries_in_order_with_dates_in_each_language(site: dict[str, bytes]) -> None:
    ar = "".join(parse(site["ar/index.html"]).text)
    en = site["en/index.html"].decode().split('<div class="timeline">', 1)[1]
    order = [
        "the 1980s",
        "2015",
        "summer 2016",
        "early May 2016",
        "3–5 May 2016",
        "Friday 9 September 2016",
        "the week of 24 September 2016",
        "Monday 3 October 2016",
    ]
    positions = [en.index(text) for text in order]
    assert positions == sorted(positions)
    assert "الاثنين 3 تشرين الأول/أكتوبر 2016" in ar and "2 محرم 1438\u00a0هـ" in ar
    assert "مطلع أيار/مايو 2016" in ar
    assert "مصدران" in ar


def test_overview_chart_bars_link_to_month_sections(site: dict[str, bytes]) -> None:
    doc = parse(site["ar/index.html"])
    ids = {a["id"] for _, a in doc.tags if "id" in a}
    bars = [a for t, a in doc.tags if t == "a" and a.get("data-month")]
    # The story's own months, May to October 2016; the 1980s and 2015 fold into the "earlier" marker.
    assert [bar["data-month"] for bar in bars] == [f"2016-{m:02d}" for m in range(5, 11)]
    for bar in bars:
        assert bar["href"][1:] in ids and bar["aria-label"]
    text = "".join(doc.text)
    assert "قبل ذلك وتواريخ الخلفية: حدثان" in text


def test_filter_pages_hold_only_matching_entries(site: dict[str, bytes]) -> None:
    outlet = site["en/outlets/reuters-b/index.html"].decode()
    assert "The sources said" in outlet and "Vienna talks" not in outlet
    year = site["en/years/2015/index.html"].decode()
    assert "The sources said" in year and "Monday 3 October 2016" not in year


def test_arabic_indic_digits_are_configurable() -> None:
    files = render_site(sample_timeline(), Config(digits="arabic-indic"))
    ar = "".join(parse(files["ar/index.html"]).text)
    assert "الاثنين ٣ تشرين الأول/أكتوبر ٢٠١٦" in ar and "٢ محرم ١٤٣٨\u00a0هـ" in ar
    assert "Monday 3 October 2016" in "".join(parse(files["en/index.html"]).text)


@pytest.mark.parametrize(
    ("time", "en", "ar"),
    [
        (day("2016-10-03"), "Monday 3 October 2016", "الاثنين 3 تشرين الأول/أكتوبر 2016"),
        (
            TimeValue("2016-05", "month", date(2016, 5, 21), date(2016, 5, 31), True),
            "late May 2016",
            "أواخر أيار/مايو 2016",
        ),
        (TimeValue("2016", "year", date(2016, 5, 1), date(2016, 8, 31), True), "mid-2016", "منتصف عام 2016"),
        (
            TimeValue("2016", "year", date(2016, 1, 1), date(2016, 12, 31), True),
            "around 2016",
            "نحو عام 2016",
        ),
        (
            TimeValue("2016-WI", "season", date(2016, 12, 1), date(2017, 2, 28)),
            "winter 2016–17",
            "شتاء 2016/2017",
        ),
        (
            TimeValue("201", "decade", date(2010, 1, 1), date(2019, 12, 31)),
            "the 2010s",
            "العقد الثاني من القرن الحادي والعشرين",
        ),
        (
            TimeValue("2016-02/2016-09", "month", date(2016, 2, 1), date(2016, 9, 30)),
            "February – September 2016",
            "من شباط/فبراير إلى أيلول/سبتمبر 2016",
        ),
    ],
)
def test_time_values_read_naturally(time: TimeValue, en: str, ar: str) -> None:
    assert format_time(time, Locale("en")) == en
    assert format_time(time, Locale("ar")) == ar


def test_hijri_equivalent_only_for_single_days() -> None:
    assert hijri_equivalent(day("2016-10-03"), Locale("ar")) == "2 محرم 1438\u00a0هـ"
    assert (
        hijri_equivalent(TimeValue("2016-10", "month", date(2016, 10, 1), date(2016, 10, 31)), Locale("ar"))
        is None
    )
    assert hijri_equivalent(day("1800-01-01"), Locale("ar")) is None


def test_output_is_deterministic() -> None:
    assert render_site(sample_timeline(), Config()) == render_site(sample_timeline(), Config())


def test_exports_and_feeds_are_part_of_the_site(site: dict[str, bytes]) -> None:
    for path in (
        "data/events.json",
        "data/timelinejs.json",
        "timeline.ics",
        "ar/feed.xml",
        "en/feed.xml",
        "sitemap.xml",
        "robots.txt",
        "static/site.css",
        "static/site.js",
        "static/favicon.svg",
    ):
        assert site[path], path
    assert b"404.html" not in site["sitemap.xml"]


def test_untitled_article_is_named_by_its_opening_words_and_its_outlet_honestly(
    site: dict[str, bytes],
) -> None:
    anon = parse(site["en/articles/anon/index.html"])
    text = "".join(anon.text)
    assert "بدأت القصة في ثمانينيات القرن الماضي." in text
    assert "Unnamed outlet" in text and "Unknown" in text
    card = site["en/index.html"].decode().split('id="e-e-decade"', 1)[1].split("</article>", 1)[0]
    assert "<bdi>Unnamed outlet</bdi>" in card and "بدأت القصة في ثمانينيات" not in card.split("chip", 1)[1]
    assert any(t == "h1" for t, _ in anon.tags)
    plain = "".join(parse(site["en/articles/plain/index.html"]).text)
    assert "علقت واشنطن مفاوضاتها مع موسكو يوم الاثنين 3 تشرين الأول 2016." in plain
    blank = replace(sample_timeline().articles[0], text=" \n ", title=None, outlet=None)
    files = render_site(
        replace(sample_timeline(), entries=(), years=(), counts=(), articles=(blank,)), Config()
    )
    assert "Untitled article" in files[f"en/articles/{blank.slug}/index.html"].decode()


def test_timeline_without_entries_says_so() -> None:
    empty = replace(sample_timeline(), entries=(), years=(), counts=())
    files = render_site(empty, Config())
    assert "This timeline has no entries yet." in files["en/index.html"].decode()


class VisibleText(HTMLParser):
    """The text a reader sees in an article body (tooltips left out) and the sentence ids it carries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.ids: list[str] = []
        self.tip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id", "") and str(values["id"]).startswith("s"):
            self.ids.append(str(values["id"]))
        if self.tip_depth or values.get("class") == "tip":
            self.tip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.tip_depth:
            self.tip_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.tip_depth:
            self.parts.append(data)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="أبت <>&\"'\n x", min_size=1, max_size=60),
    cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6),
    marks=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6),
)
def test_article_html_keeps_every_character_and_anchor(
    text: str, cuts: list[tuple[int, int]], marks: list[tuple[int, int]]
) -> None:
    sentences = {min(a, b): max(a, b) for a, b in cuts if min(a, b) < min(max(a, b), len(text))}
    highlights = [Highlight(min(a, b), max(a, b), "<b>label</b>") for a, b in marks]
    html = render_article_html(text, sentences, highlights, TipLanguage("en", "ltr"))
    reader = VisibleText()
    reader.feed(html)
    reader.close()
    paragraphs = re.findall(r"\S(?:[^\n]*\S)?", text)
    assert "".join(reader.parts) == "".join(paragraphs)
    assert sorted(reader.ids) == sorted(f"s{start}" for start in sentences)
    assert "<b>" not in html


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(alphabet="أبت <>&\"'\n x\0", min_size=1, max_size=60),
    marks=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6),
    labels=st.tuples(st.text(max_size=8), st.text(max_size=8)),
)
def test_an_article_body_rendered_for_a_second_language_equals_one_rendered_afresh(
    text: str, marks: list[tuple[int, int]], labels: tuple[str, str]
) -> None:
    # article_html keeps the last bodies' markup and fills in only labels and tooltip language.
    from generator import article_html

    sentences = {0: len(text)}
    first, second = (
        [Highlight(min(a, b), max(a, b), f"{label}\0{n}\0", kind="date") for n, (a, b) in enumerate(marks)]
        for label in labels
    )
    render_article_html(text, sentences, first, TipLanguage("ar", "rtl"))
    reused = render_article_html(text, sentences, second, TipLanguage("en", "ltr"))
    article_html._SKELETONS.clear()
    assert reused == render_article_html(text, sentences, second, TipLanguage("en", "ltr"))


def keys(tree: object, prefix: str = "") -> set[str]:
    if isinstance(tree, dict):
        return set().union(*(keys(v, f"{prefix}{k}.") for k, v in tree.items()), {prefix})
    return {prefix}


def test_locale_catalogues_hold_the_same_texts() -> None:
    ar, en = read_catalogue("ar"), read_catalogue("en")
    plural_free = {k for k in keys(ar) ^ keys(en) if not k.startswith(("plural.", "decade_", "centuries."))}
    assert not plural_free
    assert len(ar["months"]) == len(en["months"]) == len(ar["hijri_months"]) == len(en["hijri_months"]) == 12
    assert len(ar["weekdays"]) == len(en["weekdays"]) == 7
    for catalogue in (ar, en):
        assert catalogue["about"] and len(catalogue["about"]) == len(ar["about"])
        for section in catalogue["about"]:
            assert isinstance(section["heading"], str)
            assert all(isinstance(p, str) for p in section["paragraphs"]), section["heading"]
    dates_doc = (TEMPLATES_DIR.parent / "docs" / "dates.md").read_text(encoding="utf-8")
    table = dates_doc.split("## Warnings", 1)[1].split("##", 1)[0]
    for code in [*re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE), DATES_DISAGREE]:
        assert code in ar["warnings"] and code in en["warnings"], code
    templates = "".join(p.read_text(encoding="utf-8") for p in TEMPLATES_DIR.glob("*.html"))
    for key in re.findall(r"\bt\('([a-z_]+)'", templates):
        assert key in ar["ui"] and key in en["ui"], key
    assert not re.search(r"[\u0600-\u06FF]", templates), "Arabic UI text belongs in the locale catalogues"


def own_event_links(content: bytes) -> list[str]:
    html = content.decode("utf-8")
    section = html[html.index('aria-labelledby="events-h"') :] if 'aria-labelledby="events-h"' in html else ""
    return re.findall(r'href="([^"]+)"', section[: section.find("</section>")])


def test_article_page_lists_only_its_own_dated_sentences(site: dict[str, bytes]) -> None:
    timeline = sample_timeline()
    for article in timeline.articles:
        own = [
            (event, entry)
            for entry in timeline.entries
            for event in entry.events
            if event.article_id == article.id
        ]
        links = own_event_links(site[f"en/articles/{article.slug}/index.html"])
        entry_links = [h for h in links if "/entries/" in h]
        assert sorted(entry_links) == sorted(f"/en/entries/{entry.id}/" for _, entry in own)
        # Sentence links stay on this page: no other article's sources are listed here.
        assert all(h.startswith("#s") or "/entries/" in h for h in links)
        assert sorted(h for h in links if h.startswith("#s")) == sorted(
            f"#s{event.sentence_start}" for event, _ in own
        )


def test_article_page_counts_the_other_sources_of_a_shared_entry(site: dict[str, bytes]) -> None:
    shared = next(e for e in sample_timeline().entries if len({ev.article_id for ev in e.events}) > 1)
    article = next(a for a in sample_timeline().articles if a.id == shared.events[0].article_id)
    others = len({ev.article_id for ev in shared.events}) - 1
    page = site[f"en/articles/{article.slug}/index.html"].decode("utf-8")
    assert f"also reported by {Locale('en').plural('sources', others)}" in page


def test_every_date_mention_is_highlighted_even_durations_and_unresolved_ones() -> None:
    timeline = sample_timeline()
    plain = next(a for a in timeline.articles if a.id == "plain")
    text = plain.text

    def mention(needle: str, time: TimeValue | None, kind: str, warnings: tuple[str, ...] = ()) -> Mention:
        start = text.index(needle)
        return Mention(start, start + len(needle), needle, time, kind, warnings=warnings)  # type: ignore[arg-type]

    mentions = (
        mention("3 تشرين الأول 2016", day("2016-10-03"), "absolute"),
        mention("مطلع أيار 2016", None, "absolute", ("year-inferred",)),
        mention("الأسبوع الماضي", None, "duration"),
    )
    files = render_site(replace(timeline, mentions={plain.id: mentions}), Config())
    en = Locale("en")
    page = files["en/articles/plain/index.html"].decode("utf-8")
    marks = re.findall(r'<mark class="([^"]+)"[^>]*title="([^"]*)"', page)
    assert len(marks) == 3
    assert marks[0] == (
        "mention",
        format_time(day("2016-10-03"), en) + " · " + hijri_equivalent(day("2016-10-03"), en),
    )
    unresolved = en.t("mention_unresolved") + " · " + en.warning("year-inferred")
    assert ("mention unresolved", unresolved.replace("'", "&#x27;")) in marks
    assert ("mention duration", en.t("mention_duration")) in marks
    assert page.count('role="tooltip"') == 3


def test_site_url_makes_og_url_sitemap_and_feeds_absolute() -> None:
    files = render_site(sample_timeline(), Config(base_url="/repo/", site_url="https://owner.github.io"))
    page = files["en/about/index.html"].decode("utf-8")
    assert '<meta property="og:url" content="https://owner.github.io/repo/en/about/">' in page
    assert b"<loc>https://owner.github.io/repo/en/about/</loc>" in files["sitemap.xml"]
    assert b'href="https://owner.github.io/repo/ar/' in files["ar/feed.xml"]
    assert b"URL:https://owner.github.io/repo/ar/entries/" in files["timeline.ics"]
    plain = render_site(sample_timeline(), Config())
    assert b'property="og:url"' not in plain["en/about/index.html"]


def test_site_paths_are_known_before_any_page_is_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import render

    calls: list[str] = []
    original = render._PageMaker.article

    def counted(self: object, article: Article) -> bytes:
        calls.append(article.id)
        return original(self, article)  # type: ignore[arg-type]

    monkeypatch.setattr(render._PageMaker, "article", counted)
    files = render_site(sample_timeline(), Config())
    paths = list(files)
    assert paths == sorted(paths) and "ar/articles/plain/index.html" in paths and len(files) == len(paths)
    assert calls == []
    first = files["ar/articles/plain/index.html"]
    assert calls == ["plain"] and files["ar/articles/plain/index.html"] == first


def test_search_documents_hold_entry_facts_and_only_own_language_article_text(
    site: dict[str, bytes],
) -> None:
    from generator.render import article_documents, entry_documents

    timeline = sample_timeline()
    articles = {d.path: d for d in article_documents(timeline.articles, Config())}
    arabic, english = articles["ar/articles/plain/index.html"], articles["en/articles/plain/index.html"]
    assert arabic.paragraphs and not english.paragraphs, "the text is Arabic: the English page quotes none"
    assert arabic.summary and english.summary
    entries = list(entry_documents(timeline, Config()))
    assert entries and all(len(d.summary) == 3 for d in entries)
    assert all(bool(d.paragraphs) == (d.lang == "ar") for d in entries if "report" not in d.path)
    monday = next(d for d in entries if d.path == "ar/entries/e-monday/index.html")
    assert any("علقت واشنطن مفاوضاتها" in p for p in monday.paragraphs), "found by its sources' sentences"
    # A quoted passage is read from the page: its tooltips are marked to be left out.
    page = site["ar/articles/plain/index.html"].decode("utf-8")
    assert 'class="tip" role="tooltip"' in page
    assert all("data-search-ignore" in tip for tip in re.findall(r'<span class="tip"[^>]*>', page))


def test_page_keys_cover_every_field_of_the_data_a_page_shows() -> None:
    # render.page_keys reads these fields one by one; a new field must be added there too.
    # (Articles are read whole by buildcache.article_fingerprint.)
    from dataclasses import fields

    from generator.models import Entry, Event, Headline, Mention, TimeValue

    assert [f.name for f in fields(TimeValue)] == ["value", "grain", "first", "last", "approximate"]
    assert [f.name for f in fields(Mention)] == [
        "start", "end", "text", "time", "kind", "calendar", "warnings",
    ]  # fmt: skip
    assert [f.name for f in fields(Headline)] == [
        "ar", "en", "summary_ar", "summary_en", "basis_ar", "basis_en",
    ]  # fmt: skip
    assert [f.name for f in fields(Entry)] == [
        "id", "time", "events", "headline", "warnings", "role", "maybe_same",
    ]  # fmt: skip
    assert [f.name for f in fields(Event)][-4:] == ["is_report", "role", "carried", "quote"]


def test_page_keys_change_with_what_the_page_shows() -> None:
    from generator.render import build_index, page_keys

    timeline = sample_timeline()
    before = page_keys(timeline, build_index(timeline))
    article = timeline.articles[0]
    edited = replace(article, text=article.text + " ")
    changed = replace(timeline, articles=(edited, *timeline.articles[1:]))
    after = page_keys(changed, build_index(changed))
    assert before[f"ar/articles/{article.slug}/index.html"] != after[f"ar/articles/{article.slug}/index.html"]
    cites = [e for e in timeline.entries if any(ev.article_id == article.id for ev in e.events)]
    assert cites and all(
        before[f"en/entries/{e.id}/index.html"] != after[f"en/entries/{e.id}/index.html"] for e in cites
    )
    others = [e for e in timeline.entries if e not in cites]
    assert others and all(
        before[f"ar/entries/{e.id}/index.html"] == after[f"ar/entries/{e.id}/index.html"] for e in others
    )


def disputed_site() -> dict[str, bytes]:
    """Render a timeline with an entry two outlets date differently and a background (context) entry."""
    from site_sample import _event, sample_articles

    from generator.models import Entry, Headline
    from generator.timeline import build_timeline

    plain, md, anon = sample_articles()
    monday, tuesday = day("2016-10-03"), day("2016-10-04")
    disputed = Entry(
        "e-disputed",
        monday,
        (_event(plain, "الاثنين 3 تشرين الأول 2016", monday), _event(md, "صيف 2016", tuesday)),
        Headline("علقت واشنطن مفاوضاتها مع موسكو", None),
        warnings=(DATES_DISAGREE,),
    )
    background = Entry(
        "e-background",
        TimeValue("198", "decade", date(1980, 1, 1), date(1989, 12, 31)),
        (
            _event(
                anon,
                "ثمانينيات القرن الماضي",
                TimeValue("198", "decade", date(1980, 1, 1), date(1989, 12, 31)),
            ),
        ),
        Headline("بدأت القصة", "The story began"),
        role="context",
    )
    timeline = build_timeline([disputed, background], [plain, md, anon], [])
    return dict(render_site(timeline, Config()).items())


def test_disputed_dates_say_who_says_what_on_the_card_and_the_entry_page() -> None:
    files = disputed_site()
    for path in ("en/index.html", "en/entries/e-disputed/index.html"):
        text = " ".join("".join(parse(files[path]).text).split())
        assert "Sources disagree on the date" in text, path
        assert "Al Mayadeen: Monday 3 October 2016; Reuters <b>: Tuesday 4 October 2016" in text, path
    ar = " ".join("".join(parse(files["ar/entries/e-disputed/index.html"]).text).split())
    assert "الميادين: الاثنين 3 تشرين الأول/أكتوبر 2016؛ رويترز: الثلاثاء 4 تشرين الأول/أكتوبر 2016" in ar
    card = files["en/index.html"].decode().split('id="e-e-disputed"', 1)[1].split("</article>", 1)[0]
    assert "data-disagree" in card
    assert '<a href="/en/entries/e-disputed/" lang="ar" dir="rtl">' in card and "Arabic only" in card


def test_entries_maybe_the_same_a_day_apart_link_each_other_with_the_line_that_joins_them() -> None:
    from site_sample import _event, sample_articles

    from generator.models import Entry, Headline
    from generator.timeline import build_timeline

    plain, md, _ = sample_articles()
    monday, tuesday = day("2016-10-03"), day("2016-10-04")
    one = Entry("aaaaaaaaaaaa", monday, (_event(plain, "الاثنين 3 تشرين الأول 2016", monday),),
                Headline("علقت واشنطن مفاوضاتها مع موسكو"), warnings=("dates-may-disagree",),
                maybe_same=("bbbbbbbbbbbb",))  # fmt: skip
    other = Entry("bbbbbbbbbbbb", tuesday, (_event(md, "صيف 2016", tuesday),),
                  Headline("واشنطن تعلق المحادثات", "Washington suspends the talks"),
                  warnings=("dates-may-disagree",), maybe_same=("aaaaaaaaaaaa",))  # fmt: skip
    files = render_site(build_timeline([one, other], [plain, md], []), Config())
    page = files["en/entries/aaaaaaaaaaaa/index.html"].decode()
    text = " ".join("".join(parse(page.encode()).text).split())
    assert "Another entry, a day apart, may tell the same happening" in text
    link = '<a href="/en/entries/bbbbbbbbbbbb/">Tuesday 4 October 2016: <span>Washington suspends'
    assert link in page
    assert "aaaaaaaaaaaa: {merge_with: [bbbbbbbbbbbb]}" in page
    ar = files["ar/entries/bbbbbbbbbbbb/index.html"].decode()
    assert '<a href="/ar/entries/aaaaaaaaaaaa/">' in ar and "قد يكون الحدث نفسه" in ar
    listed = {e["id"]: e for e in json.loads(files["data/events.json"])["entries"]}
    assert listed["aaaaaaaaaaaa"]["maybe_same"] == ["bbbbbbbbbbbb"]


def test_background_entries_sit_in_a_collapsed_band_and_stay_off_the_chart() -> None:
    files = disputed_site()
    page = files["en/index.html"].decode()
    band = page.split('<details class="context-band" id="context">', 1)[1].split("</details>", 1)[0]
    assert 'id="e-e-background"' in band and "Background dates" in band
    assert 'id="e-e-background"' not in page.split('<div class="timeline">', 1)[1]
    doc = parse(files["en/index.html"])
    months = [a["data-month"] for t, a in doc.tags if t == "a" and a.get("data-month")]
    assert months == ["2016-10"], "the chart covers the story, not the 1980s"
    assert "Earlier and background: 1 entry" in "".join(doc.text)


def test_arabic_pages_carry_no_latin_warning_codes_and_say_weeks_in_arabic(site: dict[str, bytes]) -> None:
    about = "".join(parse(site["ar/about/index.html"]).text)
    assert "year-inferred" not in about and "سنة مستنتجة" in about
    timeline = "".join(parse(site["ar/index.html"]).text)
    assert "الأسبوع الذي يبدأ في 24 أيلول/سبتمبر 2016" in timeline


def test_entry_page_marks_the_date_phrase_and_offers_a_citation(site: dict[str, bytes]) -> None:
    page = site["en/entries/e-monday/index.html"].decode()
    assert '<mark class="date-phrase">الاثنين 3 تشرين الأول 2016</mark>' in page
    citation = "".join(parse(site["en/entries/e-monday/index.html"]).text)
    assert "“Washington suspends talks with Moscow”, Monday 3 October 2016. Reported by" in citation
    assert "/en/entries/e-monday/" in citation


def test_an_editors_english_note_is_marked_english_on_arabic_pages(site: dict[str, bytes]) -> None:
    page = site["ar/articles/plain/index.html"].decode()
    assert '<p lang="en" dir="ltr" class="basis">editor: the text names Monday 3 October 2016</p>' in page


def test_a_sentence_with_no_date_of_its_own_says_so_and_never_makes_a_disagreement() -> None:
    from site_sample import _event, sample_articles

    from generator.models import Entry, Headline
    from generator.timeline import build_timeline

    plain, md, _ = sample_articles()
    monday, tuesday = day("2016-10-03"), day("2016-10-04")
    told = _event(plain, "الاثنين 3 تشرين الأول 2016", monday)
    went_on = replace(_event(md, "صيف 2016", tuesday), mention=None, carried=True, id="ev-carried")
    entry = Entry("e-told", monday, (told, went_on), Headline("علقت واشنطن مفاوضاتها مع موسكو", None))
    files = dict(render_site(build_timeline([entry], [plain, md], []), Config()).items())
    for lang, note in (("en", "no date of its own"), ("ar", "بلا تاريخ خاص بها")):
        page = " ".join("".join(parse(files[f"{lang}/entries/e-told/index.html"]).text).split())
        assert note in page, lang
        assert "Sources disagree" not in page and "المصادر تختلف" not in page
    card = files["en/index.html"].decode().split('id="e-e-told"', 1)[1].split("</article>", 1)[0]
    assert "data-disagree" not in card
