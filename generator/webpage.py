"""A saved web page -> its article text and what the page says of it, each field with where it was found.

trafilatura takes the main text (menus, related-article lists, comments and footers left out) and the
metadata; htmldate (through trafilatura) the publication date, from the page's metadata, else from a
byline that stamps it ("نشر بتاريخ: الجمعة 5 مارس 2021"): a date found in a sidebar or in running text
is no publication date. A field is kept only where this module can name its place in the page, and that
place is its basis ("page metadata: article:published_time", "address: /2019/08/10/", "page byline:
«…»"), shown beside it on the article page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

SUFFIXES = (".html", ".htm")
MAX_BYTES = 16 * 1024 * 1024
"""A saved page larger than this is refused (a page saved with its images inlined is rarely bigger)."""
MIN_TEXT = 100
"""Characters of article text below which a page holds no article (an index, a login or error page)."""

PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
)
"""<meta> names (property, name or itemprop) that hold a page's publication date, most specific first."""
PUBLISHED_JSON_LD = ("datePublished", "dateCreated")
TITLE_META = ("og:title", "twitter:title")
OUTLET_META = ("og:site_name", "application-name")
URL_META = ("og:url",)

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ADDRESS_DAY = re.compile(r"/((\d{4})[/-](\d{1,2})[/-](\d{1,2}))(?=[/_.-]|$)")
_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"\xd0\xcf\x11\xe0",
)


class PageError(Exception):
    """The page cannot give an article: why, and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Page:
    """What one saved page gives: the article text, and each field found with its basis."""

    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    basis: tuple[tuple[str, str], ...] = ()
    """(field, where in the page it was found) for each field above that is set."""

    def fields(self) -> dict[str, Any]:
        """Return the fields the page gives, by catalogue field name (those it does not give left out)."""
        found = {"title": self.title, "outlet": self.outlet, "url": self.url, "published": self.published}
        return {name: value for name, value in found.items() if value is not None}


def read_page(data: bytes, url: str | None = None) -> Page:
    """Read a saved page's article text and metadata; `url` is the address it came from, when known."""
    check_page(data)
    import trafilatura
    from lxml import html as lxml_html

    try:
        document: Any = trafilatura.bare_extraction(
            data,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,  # old news sites lay their pages out in tables; they are not content
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        tree = lxml_html.fromstring(data)
    except Exception as exc:  # lxml and trafilatura raise many kinds on malformed input
        raise PageError(f"cannot be read as a web page ({type(exc).__name__})", _SAVE_HINT) from exc
    if document is None or len((document.text or "").strip()) < MIN_TEXT:
        raise PageError("has no article text (only menus, links or too little text)", _SAVE_HINT)
    metadata = _Metadata(tree)
    title = _clean(document.title)
    basis: list[tuple[str, str]] = []
    title_basis = metadata.where_title(title)
    if title_basis is None:
        title = None
    else:
        basis.append(("title", title_basis))
    outlet = _clean(document.sitename)
    outlet_basis = metadata.where_outlet(outlet)
    if outlet_basis is None:
        outlet = None
    address = _page_url(document.url, url, metadata)
    if outlet is None and address is not None:
        outlet, outlet_basis = _host(address[0]), f"the address's host: {_host(address[0])}"
    if outlet is not None and outlet_basis is not None:
        basis.append(("outlet", outlet_basis))
    if address is not None:
        basis.append(("url", address[1]))
    published = None
    found = _day(document.date)
    if found is not None:
        published_basis = metadata.where_published(found, url or (address[0] if address else None))
        if published_basis is not None:
            published = found
            basis.append(("published", published_basis))
    if published is None:
        stamp = _stamped(tree)
        if stamp is not None:
            published = stamp[0]
            basis.append(("published", f"page byline: {stamp[1].removeprefix('publication stamp: ')}"))
    return Page(
        text=article_text(document.text or "", title),
        title=title,
        outlet=outlet,
        url=address[0] if address else None,
        published=published,
        basis=tuple(basis),
    )


_SAVE_HINT = "save the article's own page (File > Save Page As), or copy its text into a .txt file"


def check_page(data: bytes) -> None:
    """Raise PageError when `data` is too large or is no text (a PDF, an image, an archive)."""
    if len(data) > MAX_BYTES:
        raise PageError(
            f"is {len(data) / 1048576:.1f} MB, over the {MAX_BYTES // 1048576} MB limit for a saved page",
            "save the page without its images (Web Page, HTML only)",
        )
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:65536]:
        raise PageError("is not a web page: it looks binary (a PDF, an image or an archive)", _SAVE_HINT)


def article_text(text: str, title: str | None) -> str:
    """Return trafilatura's text one paragraph per block, without the title it repeats as first line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return "\n\n".join(lines) + "\n"


STAMP_TAGS = ("span", "div", "p", "time", "small", "li", "em", "strong", "abbr")
"""Elements a page's byline date stands in ("<span class='date'>نشر بتاريخ: 5 مارس 2021</span>")."""


def _stamped(tree: Any) -> tuple[date, str] | None:
    """Return the day the page's first publication stamp gives ("نشر بتاريخ: الجمعة 5 مارس 2021 -
    10:15"), with the evidence: the article text leaves bylines out, and a page without metadata often
    says when it was published only there."""
    from generator.temporal import anchor

    for element in tree.iter(*STAMP_TAGS):
        line = _clean(element.text_content())
        if line and len(line.split()) <= anchor.STAMP_WORDS:
            found = anchor.stamped(line)
            if found is not None:
                return found
    return None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _day(value: str | None) -> date | None:
    match = _DAY.match(value or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _host(address: str) -> str:
    host = urlsplit(address).hostname or ""
    return host.removeprefix("www.")


def _page_url(found: str | None, given: str | None, metadata: _Metadata) -> tuple[str, str] | None:
    """Return the page's own address and its basis: canonical link, og:url, or where it was fetched."""
    for address, basis in ((found, metadata.where_url(found)), (given, "the address it was fetched from")):
        if address and basis and urlsplit(address).scheme in ("http", "https") and " " not in address:
            return address, basis
    return None


class _Metadata:
    """The places in a page's head and body where a field can be stated, to name a value's basis."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self.meta: list[tuple[str, str]] = []
        for element in tree.iter("meta"):
            name = element.get("property") or element.get("name") or element.get("itemprop")
            content = element.get("content")
            if name and content:
                self.meta.append((name.strip(), content.strip()))
        self.json_ld = list(_json_ld_objects(tree))

    def _meta(self, names: Iterable[str]) -> Iterator[tuple[str, str]]:
        wanted = [n.lower() for n in names]
        for rank, name in enumerate(wanted):
            for key, content in self.meta:
                if key.lower() == name:
                    yield names_at(names, rank), content

    def where_title(self, title: str | None) -> str | None:
        if title is None:
            return None
        for name, content in self._meta(TITLE_META):
            if _clean(content) == title:
                return f"page metadata: {name}"
        for item in self.json_ld:
            if _clean(_text(item.get("headline"))) == title:
                return "page metadata: JSON-LD headline"
        places = [(f"page heading (<{tag}>)", tag) for tag in ("h1", "h2")] + [
            ("page title (<title>)", "title")
        ]
        for exact in (True, False):
            for basis, tag in places:
                for element in self.tree.iter(tag):
                    text = _clean(element.text_content()) or ""
                    if text == title or (not exact and title in text):
                        return basis
        return None

    def where_outlet(self, outlet: str | None) -> str | None:
        if outlet is None:
            return None
        for name, content in self._meta(OUTLET_META):
            if _clean(content) == outlet:
                return f"page metadata: {name}"
        for item in self.json_ld:
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and _clean(_text(publisher.get("name"))) == outlet:
                return "page metadata: JSON-LD publisher"
        return None

    def where_url(self, address: str | None) -> str | None:
        if not address:
            return None
        for element in self.tree.iter("link"):
            if (element.get("rel") or "").lower() == "canonical" and (element.get("href") or "") == address:
                return "page metadata: canonical link"
        for name, content in self._meta(URL_META):
            if content == address:
                return f"page metadata: {name}"
        return None

    def where_published(self, day: date, address: str | None) -> str | None:
        """Return where the page states `day` as its publication date, None when no trusted place does."""
        for name, content in self._meta(PUBLISHED_META):
            if _day(content) == day:
                return f"page metadata: {name}"
        for item in self.json_ld:
            for key in PUBLISHED_JSON_LD:
                if _day(_text(item.get(key))) == day:
                    return f"page metadata: JSON-LD {key}"
        for element in self.tree.iter("time"):
            in_article = element.get("pubdate") is not None or element.get("itemprop") == "datePublished"
            in_article = in_article or any(a.tag in ("article", "header") for a in element.iterancestors())
            in_article = in_article or any(
                a.tag in ("p", "div")
                and ("byline" in (a.get("class") or "") or "meta" in (a.get("class") or ""))
                for a in element.iterancestors()
            )
            if in_article and _day(element.get("datetime")) == day:
                return "page metadata: <time datetime> by the article"
        if address:
            match = _ADDRESS_DAY.search(urlsplit(address).path)
            if match is not None:
                try:
                    stated = date(int(match[2]), int(match[3]), int(match[4]))
                except ValueError:
                    stated = None
                if stated == day:
                    return f"address: /{match[1]}/"
        return None


def names_at(names: Iterable[str], rank: int) -> str:
    """Return the `rank`-th of `names` as written (for the basis line)."""
    return list(names)[rank]


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and isinstance(value[0], str):
        return value[0]
    return None


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    """Yield every JSON object in the page's JSON-LD scripts (in @graph lists too)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
