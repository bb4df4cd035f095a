"""Exports: each file matches its documented format, and hostile text never turns into markup."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

from generator import exports, urls
from generator.models import Article, Entry, Event, Headline, Outlet, TimeValue
from generator.timeline import build_timeline

HOSTILE = 'هجوم <script>alert("x")</script> & "اقتباس"; فاصلة, \\ خط\nجديد'
LONG = "جملة طويلة جدا عن الاتفاق بين الطرفين " * 6


def tv(value: str, grain: str, first: str, last: str, approximate: bool = False) -> TimeValue:
    return TimeValue(value, grain, date.fromisoformat(first), date.fromisoformat(last), approximate)  # type: ignore[arg-type]


def event(eid: str, aid: str, start: int, sentence: str, time: TimeValue, report: bool = False) -> Event:
    return Event(eid, aid, time, start, start + len(sentence), sentence, None, report)


def timeline():
    articles = [
        Article(
            id="a",
            path="a.txt",
            text=HOSTILE + "\n" + LONG,
            slug="a-slug",
            outlet=Outlet("منفذ <b>&", "Out<b>"),
        ),
        Article(id="b", path="b.txt", text=LONG, slug="b"),
    ]
    day = tv("2016-09-09", "day", "2016-09-09", "2016-09-09")
    entries = [
        Entry(
            "e00000000001",
            day,
            (
                event("v1", "a", 0, HOSTILE, day),
                event("v2", "b", 0, LONG, day),
                event("v3", "b", 0, LONG, day),
            ),
            Headline(ar=HOSTILE, en="Agreement <i>signed</i>"),
            ("dates-disagree",),
        ),
        Entry(
            "e00000000002",
            tv("2016-05", "month", "2016-05-01", "2016-05-10", approximate=True),
            (
                event(
                    "v4",
                    "a",
                    len(HOSTILE) + 1,
                    LONG,
                    tv("2016-05", "month", "2016-05-01", "2016-05-10", True),
                ),
            ),
            Headline(ar=LONG),
        ),
        Entry(
            "e00000000003",
            tv("2016-W39", "week", "2016-09-24", "2016-09-30"),
            (event("v5", "b", 0, LONG, tv("2016-W39", "week", "2016-09-24", "2016-09-30")),),
            Headline(ar="أسبوع"),
        ),
        Entry(
            "e00000000004",
            tv("2016-02/2016-09", "month", "2016-02-01", "2016-09-30"),
            (event("v6", "b", 0, LONG, tv("2016-02/2016-09", "month", "2016-02-01", "2016-09-30")),),
            Headline(ar="مدة"),
        ),
    ]
    return build_timeline(entries, articles, [])


def no_raw_markup(data: bytes) -> None:
    assert b"<script" not in data and b"<i>" not in data and b"<b>" not in data


def test_events_json_matches_the_architecture_schema() -> None:
    data = exports.events_json(timeline(), "/repo/")
    no_raw_markup(data)
    doc = json.loads(data)
    assert set(doc) == {"entries"}
    for item in doc["entries"]:
        assert set(item) == {
            "id",
            "role",
            "value",
            "grain",
            "first",
            "last",
            "headline",
            "sources",
            "warnings",
            "maybe_same",
        }
        assert item["role"] in ("event", "context")
        assert set(item["headline"]) == {"ar", "en"}
        assert isinstance(item["warnings"], list)
        date.fromisoformat(item["first"]), date.fromisoformat(item["last"])
        for source in item["sources"]:
            assert set(source) == {
                "article",
                "outlet",
                "sentence",
                "whole_sentence",
                "date",
                "phrase",
                "report",
                "carried",
                "url",
            }
    assert [e["id"] for e in doc["entries"]] == [e.id for e in timeline().entries]
    first = next(e for e in doc["entries"] if e["id"] == "e00000000001")
    assert first["headline"] == {"ar": HOSTILE, "en": "Agreement <i>signed</i>"}, "escaping is lossless"
    assert first["warnings"] == ["dates-disagree"]
    assert [s["article"] for s in first["sources"]] == ["a", "b"], "one source per cited sentence"
    assert first["sources"][0]["url"] == urls.sentence_href("/repo/", "ar", "a-slug", 0)
    assert first["sources"][0]["outlet"] == {"ar": "منفذ <b>&", "en": "Out<b>"}
    assert first["sources"][1]["outlet"] is None


def check_tl_date(d: Any) -> tuple[int, int, int]:
    assert isinstance(d, dict) and set(d) <= {"year", "month", "day", "display_date"}
    assert isinstance(d["year"], int)
    if "day" in d:
        assert "month" in d
    month, day = d.get("month", 1), d.get("day", 1)
    assert isinstance(month, int) and 1 <= month <= 12 and isinstance(day, int) and 1 <= day <= 31
    return d["year"], month, day


def check_timelinejs(doc: Any) -> None:
    """TimelineJS3's documented JSON: {events: [slide], title?: slide, eras?, scale?}."""
    assert isinstance(doc, dict) and set(doc) <= {"events", "title", "eras", "scale"}
    slide_keys = {
        "start_date",
        "end_date",
        "text",
        "media",
        "group",
        "display_date",
        "background",
        "autolink",
        "unique_id",
    }
    assert isinstance(doc["title"]["text"]["headline"], str)
    ids = set()
    for slide in doc["events"]:
        assert set(slide) <= slide_keys
        start = check_tl_date(slide["start_date"])
        if "end_date" in slide:
            assert check_tl_date(slide["end_date"]) > start
        assert set(slide["text"]) <= {"headline", "text"}
        assert all(isinstance(v, str) for v in slide["text"].values())
        assert isinstance(slide.get("group", ""), str)
        assert slide["unique_id"] not in ids
        ids.add(slide["unique_id"])


def test_timelinejs_json_follows_the_timelinejs3_format_with_dates_to_the_grain() -> None:
    data = exports.timelinejs_json(timeline(), "/")
    no_raw_markup(data)
    doc = json.loads(data)
    check_timelinejs(doc)
    by_id = {s["unique_id"]: s for s in doc["events"]}
    assert by_id["e00000000001"]["start_date"] == {"year": 2016, "month": 9, "day": 9}
    assert "end_date" not in by_id["e00000000001"]
    assert by_id["e00000000002"]["start_date"] == {"year": 2016, "month": 5}
    assert "end_date" not in by_id["e00000000002"], "early May is shown as May"
    assert by_id["e00000000003"]["end_date"] == {"year": 2016, "month": 9, "day": 30}
    assert by_id["e00000000004"]["start_date"] == {"year": 2016, "month": 2}
    assert by_id["e00000000004"]["end_date"] == {"year": 2016, "month": 9}
    text = by_id["e00000000001"]["text"]
    assert "&lt;script&gt;" in text["headline"] and "<script" not in text["headline"]
    assert 'href="/ar/articles/a-slug/#s0"' in text["text"]
    assert "<script" not in text["text"] and "&lt;b&gt;" in text["text"]
    assert by_id["e00000000001"]["group"] == "منفذ &lt;b&gt;&amp;"  # TimelineJS shows it as HTML


def unfold(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in lines), "CRLF only"
    assert all(len(line.encode("utf-8")) <= 75 for line in lines), "folded at 75 octets"
    out: list[str] = []
    for line in lines:
        if line.startswith(" "):
            out[-1] += line[1:]
        else:
            out.append(line)
    return out


def test_ics_is_rfc5545_all_day_events_folded_and_escaped() -> None:
    data = exports.ics(timeline(), "/repo/", site_url="https://example.org")
    lines = unfold(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 4
    props = [line for line in lines if line.startswith(("DTSTART", "DTEND", "SUMMARY", "UID", "URL"))]
    assert "DTSTART;VALUE=DATE:20160909" in props and "DTEND;VALUE=DATE:20160910" in props
    assert "DTSTART;VALUE=DATE:20160924" in props and "DTEND;VALUE=DATE:20161001" in props
    assert "SUMMARY:Agreement <i>signed</i>" in props
    summary = next(
        line for line in lines if line.startswith("SUMMARY:") and "هجوم" not in line and "جملة" in line
    )
    assert summary.startswith("SUMMARY:جملة")
    hostile_desc = next(line for line in lines if line.startswith("DESCRIPTION:هجوم"))
    assert "\\; فاصلة\\, \\\\ خط\\nجديد" in hostile_desc
    assert "URL:https://example.org/repo/ar/entries/e00000000001/" in props
    assert len({line for line in lines if line.startswith("UID:")}) == 4
    assert all(line == "DTSTAMP:19700101T000000Z" for line in lines if line.startswith("DTSTAMP"))
    assert exports.ics(timeline(), "/repo/", site_url="https://example.org") == data, "deterministic"


def test_ics_folding_never_splits_a_character() -> None:
    folded = exports.ics_fold("SUMMARY:" + "ؤ" * 100)
    for part in folded.split("\r\n"):
        part.encode("utf-8").decode("utf-8")
        assert len(part.encode("utf-8")) <= 75


def test_atom_feeds_parse_and_keep_hostile_text_as_text() -> None:
    for lang in ("ar", "en"):
        data = exports.atom(
            timeline(), lang, "/repo/", "Timeline & <co>", "2016-10-04", site_url="https://example.org"
        )
        no_raw_markup(data)
        feed = ET.fromstring(data)
        ns = {"a": exports.ATOM_NS}
        entries = feed.findall("a:entry", ns)
        assert len(entries) == 4
        assert feed.findtext("a:title", namespaces=ns) == "Timeline & <co>"
        assert feed.findtext("a:updated", namespaces=ns) == "2016-10-04T00:00:00Z"
        ids = [e.findtext("a:id", namespaces=ns) for e in entries]
        assert ids == [
            f"https://example.org/repo/{lang}/entries/{e.id}/" for e in reversed(timeline().entries)
        ], "newest first, ids are the entries' absolute URLs"
        assert feed.findtext("a:id", namespaces=ns) == f"https://example.org/repo/{lang}/"
        first = next(e for e in entries if e.findtext("a:id", namespaces=ns).endswith("e00000000001/"))
        expected = "Agreement <i>signed</i>" if lang == "en" else HOSTILE
        day = "Friday 9 September 2016" if lang == "en" else "الجمعة 9 أيلول/سبتمبر 2016"
        assert first.findtext("a:title", namespaces=ns) == f"{day}: {expected}", "the reader's date format"
        link = first.find("a:link", ns)
        assert (
            link is not None and link.get("href") == f"https://example.org/repo/{lang}/entries/e00000000001/"
        )


def test_sitemap_lists_html_pages_as_absolute_urls() -> None:
    paths = ["ar/index.html", "en/entries/x/index.html", "static/site.css", "ar/index.html", "404.html"]
    root = ET.fromstring(exports.sitemap(paths, "/repo/", "https://example.org/"))
    locs = [e.text for e in root.iter(f"{{{exports.SITEMAP_NS}}}loc")]
    assert locs == [
        "https://example.org/repo/404.html",
        "https://example.org/repo/ar/",
        "https://example.org/repo/en/entries/x/",
    ]


def test_ics_stamps_with_the_build_date_when_given() -> None:
    lines = unfold(exports.ics(timeline(), "/", stamp="2016-10-04"))
    assert {line for line in lines if line.startswith("DTSTAMP")} == {"DTSTAMP:20161004T000000Z"}
    lines = unfold(exports.ics(timeline(), "/", stamp="not a date"))
    assert {line for line in lines if line.startswith("DTSTAMP")} == {"DTSTAMP:19700101T000000Z"}


def test_without_site_url_exports_keep_site_relative_links_and_urn_ids() -> None:
    ns = {"a": exports.ATOM_NS}
    feed = ET.fromstring(exports.atom(timeline(), "en", "/repo/", "T", None, site_url=None))
    entry = feed.findall("a:entry", ns)[0]
    assert feed.findtext("a:id", namespaces=ns) == "urn:x-arabic-news-timeline:en"
    assert entry.findtext("a:id", namespaces=ns).startswith("urn:x-arabic-news-timeline:entry:")
    assert entry.find("a:link", ns).get("href").startswith("/repo/en/entries/")
    root = ET.fromstring(exports.sitemap(["ar/index.html"], "/repo/", None))
    assert [e.text for e in root.iter(f"{{{exports.SITEMAP_NS}}}loc")] == ["/repo/ar/"]
    urls = [line for line in unfold(exports.ics(timeline(), "/repo/", None)) if line.startswith("URL:")]
    assert urls and all(line.startswith("URL:/repo/ar/entries/") for line in urls)


CONTROL = "بداية\x01\x08\x0b\x0c\x1f\ufffe نهاية\r\n\tسطر"


def hostile_timeline():
    day = tv("2016-09-09", "day", "2016-09-09", "2016-09-09")
    articles = [
        Article(id="c", path="c.txt", text=CONTROL, slug="c", outlet=Outlet('م"ن<ف>ذ\x02', 'Out "&" <x>\x03'))
    ]
    entries = [
        Entry(
            "e00000000009",
            day,
            (event("v9", "c", 0, CONTROL, day),),
            Headline(ar=CONTROL, en="Title <script>alert(\"x\")</script> & 'q'\x07"),
        )
    ]
    return build_timeline(entries, articles, [])


def test_atom_feeds_escape_quotes_ampersands_and_characters_xml_cannot_hold() -> None:
    ns = {"a": exports.ATOM_NS}
    for lang in ("ar", "en"):
        data = exports.atom(
            hostile_timeline(), lang, '/r"&<x>/', 'T "&" <co>\x01', None, site_url='https://e.org/"&'
        )
        no_raw_markup(data)
        feed = ET.fromstring(data)
        assert feed.findtext("a:title", namespaces=ns) == 'T "&" <co>\ufffd'
        entry = feed.find("a:entry", ns)
        assert entry is not None
        title = entry.findtext("a:title", namespaces=ns)
        if lang == "en":
            assert title == "Friday 9 September 2016: Title <script>alert(\"x\")</script> & 'q'\ufffd"
        else:
            assert (
                title
                == "الجمعة 9 أيلول/سبتمبر 2016: بداية\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd نهاية\r\n\tسطر"
            ), "\\r is kept"
        summary = entry.findtext("a:summary", namespaces=ns)
        outlet = 'Out "&" <x>\ufffd' if lang == "en" else 'م"ن<ف>ذ\ufffd'
        assert summary == f"{outlet}: بداية\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd نهاية\r\n\tسطر"
        link = entry.find("a:link", ns)
        assert link is not None and link.get("href", "").startswith('https://e.org/"&/r"&<x>/')
    sitemap = exports.sitemap(['a"&<b>\x04/index.html'], "/", None)
    assert [e.text for e in ET.fromstring(sitemap).iter(f"{{{exports.SITEMAP_NS}}}loc")] == ['/a"&<b>\ufffd/']


def test_json_exports_hold_one_item_per_line_and_no_raw_markup() -> None:
    for timeline_of in (timeline, hostile_timeline):
        for data, key in (
            (exports.events_json(timeline_of(), "/"), "entries"),
            (exports.timelinejs_json(timeline_of(), "/", "<T>"), "events"),
        ):
            text = data.decode("utf-8")
            items = json.loads(text)[key]
            lines = text.split("\n")
            start = lines.index(f' "{key}": [')
            rows = [
                json.loads(line.strip().removesuffix(","))
                for line in lines[start + 1 : start + 1 + len(items)]
            ]
            assert items and rows == items, "each item is written whole on a line of its own"
            assert not any(raw in text for raw in exports._JSON_UNSAFE), "no < > & or line separators raw"
    empty = build_timeline([], [], [])
    assert exports.events_json(empty, "/") == b'{\n "entries": []\n}\n'
    assert json.loads(exports.timelinejs_json(empty, "/"))["events"] == []


def test_an_empty_feed_and_sitemap_are_well_formed() -> None:
    feed = ET.fromstring(exports.atom(build_timeline([], [], []), "ar", "/", "", None))
    assert (
        feed.findall(f"{{{exports.ATOM_NS}}}entry") == []
        and feed.findtext(f"{{{exports.ATOM_NS}}}title") == ""
    )
    assert exports.sitemap([], "/") == b"<?xml version='1.0' encoding='utf-8'?>\n" + (
        f'<urlset xmlns="{exports.SITEMAP_NS}" />\n'.encode()
    )


def test_a_feed_carries_the_latest_entries_newest_first() -> None:
    article = Article(id="a", path="a.txt", text=LONG, slug="a")
    days = [date(2001, 1, 1).toordinal() + n for n in range(exports.FEED_ENTRIES + 30)]
    entries = []
    for n, ordinal in enumerate(days):
        day = date.fromordinal(ordinal).isoformat()
        when = tv(day, "day", day, day)
        cited = (event(f"v{n}", "a", 0, LONG, when),)
        entries.append(Entry(f"e{n:011d}", when, cited, Headline(ar=f"خبر {n}")))
    ns = {"a": exports.ATOM_NS}
    feed = ET.fromstring(exports.atom(build_timeline(entries, [article], []), "ar", "/", "T", None))
    titles = [item.findtext("a:title", namespaces=ns) for item in feed.findall("a:entry", ns)]
    assert titles[0].endswith(f": خبر {len(days) - 1}") and titles[-1].endswith(f": خبر {len(days) - 100}")
    latest = [f": خبر {n}" for n in range(len(days))][::-1]
    assert [t[t.index(":") :] for t in titles] == latest[: exports.FEED_ENTRIES]


def test_feeds_name_no_internal_ids_and_date_their_update_by_the_newest_article() -> None:
    article = Article(
        id="003_111d6dfa0daf4090", path="x.txt", text=LONG, slug="x", published=date(2016, 10, 29)
    )
    when = tv("2016-W43", "week", "2016-10-22", "2016-10-28")
    entry = Entry("e1", when, (event("v", article.id, 0, LONG, when),), Headline(ar="خبر"))
    timeline = build_timeline([entry], [article], [])
    ns = {"a": exports.ATOM_NS}
    for lang in ("ar", "en"):
        data = exports.atom(timeline, lang, "/", "T", None)
        assert b"003_111d6dfa0daf4090" not in data and b"1970" not in data
        feed = ET.fromstring(data)
        assert feed.findtext("a:updated", namespaces=ns) == "2016-10-29T00:00:00Z"
        title = feed.find("a:entry", ns).findtext("a:title", namespaces=ns)
        assert "W43" not in title
    assert feed.find("a:entry", ns).findtext("a:title", namespaces=ns) == "the week of 22 October 2016: خبر"
    assert b"003_111d6dfa0daf4090" not in exports.timelinejs_json(timeline, "/")


def test_csv_has_a_bom_one_row_per_source_and_absolute_links_with_a_site_url() -> None:
    import csv
    import io

    data = exports.entries_csv(timeline(), "/repo/", "https://example.org")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(exports.CSV_COLUMNS)
    expected = sum(len(exports._sources(e)) for e in timeline().entries)
    assert len(rows) == expected
    assert all(r["sentence_url"].startswith("https://example.org/repo/ar/articles/") for r in rows)
    hostile = next(r for r in rows if "هجوم" in r["headline_ar"])
    assert hostile["headline_ar"] == HOSTILE
    assert all(r["sentence"] and r["date"] for r in rows)


def test_csv_cells_never_start_a_spreadsheet_formula() -> None:
    import csv
    import io

    article = Article(id="a", path="a.txt", text="=HYPERLINK(1)", slug="a")
    when = tv("2016-09-09", "day", "2016-09-09", "2016-09-09")
    entry = Entry("e1", when, (event("v", "a", 0, "=HYPERLINK(1)", when),), Headline(ar="+1", en="@x"))
    data = exports.entries_csv(build_timeline([entry], [article], []), "/")
    [row] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert (row["headline_ar"], row["headline_en"], row["sentence"]) == ("'+1", "'@x", "'=HYPERLINK(1)")
