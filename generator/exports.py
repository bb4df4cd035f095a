"""Data exports of the timeline: events.json, TimelineJS3 JSON, iCalendar, Atom feeds and the sitemap.

Each function returns bytes and escapes everything for its own format: JSON strings carry no raw
'<', '>' or '&' (safe to inline in a page), TimelineJS text is HTML-escaped, iCalendar text follows
RFC 5545 escaping and folding, and XML text and attributes are escaped, characters XML cannot hold
replaced. A whole-site file is joined once from its entries' parts, already UTF-8, so building it
takes little more memory than the parts and the file. An entry's part may come from the last build
(`cached`: see generator.fragments), so a rebuild encodes only the entries that changed.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import partial
from typing import Any

from generator import urls
from generator.datefmt import format_time
from generator.i18n import Locale
from generator.models import Article, Entry, Event, Timeline
from generator.plaintext import contain_bidi, plain_line, plain_text

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ICS_EPOCH = "19700101T000000Z"
ICS_LINE = 75
"""Octets per iCalendar content line, RFC 5545 §3.1."""
PRODID = "-//arabic-news-timeline//timeline//EN"
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
_JSON_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON = json.JSONEncoder(ensure_ascii=False, indent=1)
_JSON_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
"""One item per line: without indent the encoder is json's C one, several times faster on 50 MB."""
FEED_ENTRIES = 100
"""Entries an Atom feed carries: the latest ones."""
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, not even as references: written as U+FFFD."""


ItemCache = Callable[[str, Callable[[], bytes]], bytes]
"""Return an entry's part of a file (by entry id): the last build's for the same data, else make() it.

Parts are the file's own bytes (UTF-8): a rebuild joins the kept ones as they are, decoding nothing.
"""


def _uncached(_: str, make: Callable[[], bytes]) -> bytes:
    return make()


def _json_text(data: Any, encoder: json.JSONEncoder = _JSON) -> str:
    """Return data as JSON (indented by default) whose strings cannot close a <script> or start markup."""
    text = encoder.encode(data)
    for raw, escaped in _JSON_UNSAFE.items():
        text = text.replace(raw, escaped)
    return text


def _json_item(item: Any) -> bytes:
    return _json_text(item, _JSON_LINE).encode("utf-8")


def _json_bytes(head: dict[str, Any], key: str, items: Iterable[bytes]) -> bytes:
    """Return the JSON of head with key: [items] last, one item (already JSON: _json_item) per line."""
    opening, closing = _json_text({**head, key: []}).rsplit("[]", 1)
    parts = [opening.encode("utf-8")]
    for item in items:
        parts += (b",\n  " if len(parts) > 1 else b"[\n  ", item)
    parts.append(b"\n ]" if len(parts) > 1 else b"[]")
    parts.append((closing + "\n").encode("utf-8"))
    return b"".join(parts)


def _sources(entry: Entry) -> list[Event]:
    """Return an entry's events with one per cited sentence (several mentions in a sentence cite it once)."""
    seen: set[tuple[str, int]] = set()
    out = []
    for event in entry.events:
        key = (event.article_id, event.sentence_start)
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


def _articles(timeline: Timeline) -> dict[str, Article]:
    return {a.id: a for a in timeline.articles}


def _sentence_url(base_url: str, lang: str, article: Article | None, event: Event) -> str:
    slug = article.slug if article else event.article_id
    return urls.sentence_href(base_url, lang, slug, event.sentence_start)


def events_json(timeline: Timeline, base_url: str, cached: ItemCache = _uncached) -> bytes:
    """Return site/data/events.json: every entry with its date, headlines, cited sentences and warnings."""
    articles = _articles(timeline)

    def item(entry: Entry) -> bytes:
        sources = []
        for event in _sources(entry):
            article = articles.get(event.article_id)
            outlet = article.outlet if article else None
            sources.append(
                {
                    "article": event.article_id,
                    "outlet": {"ar": plain_text(outlet.ar), "en": plain_text(outlet.en)} if outlet else None,
                    "sentence": plain_text(event.quoted),
                    "whole_sentence": None if event.quote is None else plain_text(event.sentence),
                    "date": event.time.value,
                    "phrase": plain_text(event.mention.text) if event.mention is not None else None,
                    "report": event.is_report,
                    "carried": event.carried,
                    "url": _sentence_url(base_url, "ar", article, event),
                }
            )
        return _json_item(
            {
                "id": entry.id,
                "role": entry.role,
                "value": entry.time.value,
                "grain": entry.time.grain,
                "first": entry.time.first.isoformat(),
                "last": entry.time.last.isoformat(),
                "headline": {
                    "ar": plain_text(entry.headline.ar),
                    "en": None if entry.headline.en is None else plain_text(entry.headline.en),
                },
                "sources": sources,
                "warnings": list(entry.warnings),
                "maybe_same": list(entry.maybe_same),
            }
        )

    items = (cached(entry.id, partial(item, entry)) for entry in timeline.entries)
    return _json_bytes({}, "entries", items)


def _tl_date(day: date, grain: str) -> dict[str, int]:
    if grain in ("year", "decade"):
        return {"year": day.year}
    if grain in ("month", "season"):
        return {"year": day.year, "month": day.month}
    return {"year": day.year, "month": day.month, "day": day.day}


def _outlet_name(article: Article | None) -> str:
    if article is None:
        return ""
    return article.outlet.ar if article.outlet else ""


def _named(article: Article | None, lang: str) -> str:
    """Return an article's outlet in a language (the other one if need be), else 'unnamed outlet'."""
    outlet = article.outlet if article else None
    own, other = ((outlet.en, outlet.ar) if lang == "en" else (outlet.ar, outlet.en)) if outlet else ("", "")
    return own or other or Locale(lang).t("unnamed_outlet")


def timelinejs_json(
    timeline: Timeline,
    base_url: str,
    title: str = "الخط الزمني",
    cached: ItemCache = _uncached,
    site_url: str | None = "",
) -> bytes:
    """Return the entries in Knight Lab TimelineJS3's JSON format, dates to the grain, text HTML-escaped,
    links absolute when site_url is given."""
    articles = _articles(timeline)
    root = (site_url or "").rstrip("/")

    def slide(entry: Entry) -> bytes:
        start = _tl_date(entry.time.first, entry.time.grain)
        end = _tl_date(entry.time.last, entry.time.grain)
        if entry.time.approximate and entry.time.grain not in ("day", "week"):
            end = start
        items = []
        for event in _sources(entry):
            article = articles.get(event.article_id)
            name = _named(article, "ar")
            href = root + _sentence_url(base_url, "ar", article, event)
            items.append(
                f'<li><a href="{html.escape(href, quote=True)}">{html.escape(plain_line(name))}</a>: '
                f"{html.escape(plain_line(event.quoted))}</li>"
            )
        data: dict[str, Any] = {
            "start_date": start,
            "text": {
                "headline": html.escape(plain_line(entry.headline.ar)),
                "text": f'<ul dir="rtl">{"".join(items)}</ul>',
            },
            "unique_id": entry.id,
            "autolink": False,
        }
        if end != start:
            data["end_date"] = end
        groups = sorted({g for e in entry.events if (g := _outlet_name(articles.get(e.article_id)))})
        if groups:
            data["group"] = html.escape(plain_line(groups[0]))  # TimelineJS shows a group as HTML
        return _json_item(data)

    head = {"title": {"text": {"headline": html.escape(title), "text": ""}}}
    return _json_bytes(
        head, "events", (cached(entry.id, partial(slide, entry)) for entry in timeline.entries)
    )


def ics_escape(text: str) -> str:
    """Return text escaped for an iCalendar TEXT value (backslash, semicolon, comma, newline)."""
    text = plain_text(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def ics_fold(line: str) -> str:
    """Return a content line folded at 75 octets (continuations start with a space), never mid-character."""
    data = line.encode("utf-8")
    if len(data) <= ICS_LINE:
        return line
    parts: list[bytes] = []
    start, room = 0, ICS_LINE
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        parts.append(data[start:cut])
        start, room = cut, ICS_LINE - 1  # continuation lines begin with one space
    parts.append(data[start:])
    return "\r\n ".join(part.decode("utf-8") for part in parts)


def _ics_stamp(stamp: str | None) -> str:
    try:
        return date.fromisoformat((stamp or "")[:10]).strftime("%Y%m%dT000000Z")
    except ValueError:
        return ICS_EPOCH


def ics(
    timeline: Timeline,
    base_url: str,
    site_url: str | None = "",
    stamp: str | None = None,
    cached: ItemCache = _uncached,
) -> bytes:
    """Return site/timeline.ics: one all-day event per entry, DTEND exclusive, URLs absolute with site_url."""
    root = (site_url or "").rstrip("/")
    dtstamp = _ics_stamp(stamp)

    def lines(items: list[str]) -> str:
        return "".join(ics_fold(line) + "\r\n" for line in items)

    def event(entry: Entry) -> bytes:
        summary = entry.headline.en or entry.headline.ar
        sources = "\n".join(e.quoted for e in _sources(entry))
        items = [
            "BEGIN:VEVENT",
            f"UID:{entry.id}@arabic-news-timeline",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{entry.time.first.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(entry.time.last + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{ics_escape(summary)}",
            f"DESCRIPTION:{ics_escape(sources)}",
            f"URL:{ics_escape(root + urls.entry_href(base_url, 'ar', entry.id))}",
        ]
        if entry.time.approximate:
            items.append("X-TIMELINE-APPROXIMATE:TRUE")
        items.append("END:VEVENT")
        return lines(items).encode("utf-8")

    head = lines(["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]).encode("utf-8")
    body = b"".join(cached(entry.id, partial(event, entry)) for entry in timeline.entries)
    return b"".join((head, body, lines(["END:VCALENDAR"]).encode("utf-8")))


def newest_publication(timeline: Timeline) -> str | None:
    """Return the newest article's publication date (ISO), the site's "last updated" without
    SOURCE_DATE_EPOCH, or None when no article is dated."""
    dates = [a.published for a in timeline.articles if a.published is not None]
    return max(dates).isoformat() if dates else None


def _rfc3339(updated: str | None) -> str:
    if not updated:
        return "1970-01-01T00:00:00Z"
    if len(updated) == 10:
        return f"{updated}T00:00:00Z"
    return updated


def xml_text(text: str) -> str:
    """Return text escaped for XML character data ('\\r' as a reference so parsers keep it)."""
    text = contain_bidi(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _XML_INVALID.sub("\ufffd", text.replace("\r", "&#13;"))


def xml_attribute(text: str) -> str:
    """Return text escaped for a double-quoted XML attribute value (whitespace kept as references)."""
    text = contain_bidi(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;")
    text = text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")
    return _XML_INVALID.sub("\ufffd", text)


def _element(indent: str, tag: str, text: str | None, attributes: str = "") -> str:
    """Return one indented leaf element on its own line, self-closed when it has no text (as ElementTree)."""
    if not text:
        return f"{indent}<{tag}{attributes} />\n"
    return f"{indent}<{tag}{attributes}>{xml_text(text)}</{tag}>\n"


def atom(
    timeline: Timeline,
    lang: str,
    base_url: str,
    site_title: str,
    updated: str | None,
    site_url: str | None = "",
    digits: str = "western",
) -> bytes:
    """Return one language's Atom feed of the FEED_ENTRIES latest entries, newest first.

    Titles give the date as the language's pages write it. Links and ids are absolute when site_url
    is given. Without `updated`, the newest article's publication date stands for it. The whole timeline
    is in the data exports; a feed reader polls for what is new, and a feed of every entry of a large
    archive is tens of MB.
    """
    root_url = (site_url or "").rstrip("/")
    loc = Locale(lang, digits)
    updated = updated or newest_publication(timeline)
    home = root_url + urls.page_href(base_url, lang)
    articles = _articles(timeline)
    stamp = _rfc3339(updated)
    out = io.BytesIO()
    out.write(
        (
            f'{XML_DECLARATION}<feed xmlns="{ATOM_NS}" xml:lang="{xml_attribute(lang)}">\n'
            + _element("  ", "title", site_title)
            + _element("  ", "id", home if root_url else f"urn:x-arabic-news-timeline:{lang}")
            + _element("  ", "updated", stamp)
            + _element("  ", "link", None, f' rel="alternate" href="{xml_attribute(home)}"')
            + "  <author>\n"
            + _element("    ", "name", site_title)
            + "  </author>\n"
        ).encode("utf-8")
    )
    for entry in reversed(timeline.entries[-FEED_ENTRIES:]):
        headline = entry.headline.en if lang == "en" and entry.headline.en else entry.headline.ar
        title_lang = ' xml:lang="ar"' if headline == entry.headline.ar and lang != "ar" else ""
        href = root_url + urls.entry_href(base_url, lang, entry.id)
        lines = []
        for event in _sources(entry):
            lines.append(f"{_named(articles.get(event.article_id), lang)}: {event.quoted}")
        out.write(
            (
                "  <entry>\n"
                + _element("    ", "title", f"{format_time(entry.time, loc)}: {headline}", title_lang)
                + _element("    ", "id", href if root_url else f"urn:x-arabic-news-timeline:entry:{entry.id}")
                + _element("    ", "updated", stamp)
                + _element("    ", "link", None, f' rel="alternate" href="{xml_attribute(href)}"')
                + _element("    ", "summary", "\n".join(lines), ' type="text"')
                + "  </entry>\n"
            ).encode("utf-8")
        )
    out.write(b"</feed>\n")
    return out.getvalue()


def sitemap(paths: Iterable[str], base_url: str, site_url: str | None = None) -> bytes:
    """Return sitemap.xml listing every HTML page among the output paths, absolute URLs given site_url."""
    prefix = (site_url or "").rstrip("/") + urls.normalize_base(base_url)
    locs = set()
    for path in paths:
        if not path.endswith(".html"):
            continue
        page = path[: -len("index.html")] if path.endswith("index.html") else path
        locs.add(prefix + page.lstrip("/"))
    out = io.BytesIO()
    out.write(f'{XML_DECLARATION}<urlset xmlns="{SITEMAP_NS}"'.encode())
    out.write(b">\n" if locs else b" />\n")
    for loc in sorted(locs):
        out.write(f"  <url>\n{_element('    ', 'loc', loc)}  </url>\n".encode())
    if locs:
        out.write(b"</urlset>\n")
    return out.getvalue()


CSV_COLUMNS = (
    "entry", "role", "date", "first", "last", "headline_ar", "headline_en", "outlet_ar", "outlet_en",
    "article", "article_title", "source_url", "sentence_url", "source_date", "sentence", "date_phrase",
    "warnings",
)  # fmt: skip
"""One row per source sentence of an entry (entries.csv)."""
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes a cell to be a formula by: such a cell is written after an apostrophe."""


def _cell(text: str | None) -> str:
    text = text or ""
    return "'" + text if text.startswith(_FORMULA) else text


def entries_csv(
    timeline: Timeline, base_url: str, site_url: str | None = "", cached: ItemCache = _uncached
) -> bytes:
    """Return site/data/entries.csv: UTF-8 with a byte-order mark (so spreadsheets read the Arabic as
    Arabic), one row per (entry, source sentence), links absolute when site_url is given."""
    articles = _articles(timeline)
    root = (site_url or "").rstrip("/")

    def rows(entry: Entry) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for event in _sources(entry):
            article = articles.get(event.article_id)
            outlet = article.outlet if article else None
            phrase = event.mention.text if event.mention is not None else ""
            writer.writerow(
                [
                    entry.id,
                    entry.role,
                    entry.time.value,
                    entry.time.first.isoformat(),
                    entry.time.last.isoformat(),
                    _cell(entry.headline.ar),
                    _cell(entry.headline.en),
                    _cell(outlet.ar if outlet else ""),
                    _cell(outlet.en if outlet else ""),
                    event.article_id,
                    _cell(article.title if article else ""),
                    _cell(article.url if article else ""),
                    root + _sentence_url(base_url, "ar", article, event),
                    event.time.value,
                    _cell(" ".join(event.quoted.split())),
                    _cell(phrase),
                    " ".join(entry.warnings),
                ]
            )
        return out.getvalue().encode("utf-8")

    head = io.StringIO()
    csv.writer(head, lineterminator="\r\n").writerow(CSV_COLUMNS)
    parts = ["\ufeff".encode() + head.getvalue().encode("utf-8")]
    parts += [cached(entry.id, partial(rows, entry)) for entry in timeline.entries]
    return b"".join(parts)
