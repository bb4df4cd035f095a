"""Check every internal link of a built site: the target file exists and every #fragment is an id there.

Works on the files, as a static host would serve them under a base URL: a link to '/demo/ar/' is the
file 'ar/index.html' of a site built with base '/demo/'. External links (http, https with a host),
mailto:, tel:, javascript: and data: are not followed.

    python tests/linkcheck.py site --base /demo/
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "form": ("action",),
}
SKIPPED_SCHEMES = ("mailto", "tel", "javascript", "data", "urn", "tag")
XML_LINKS = {"loc", "link", "id", "uri"}
HOST = "site.invalid"
"""A stand-in host so relative links resolve like a browser resolves them; other hosts are external."""


@dataclass(frozen=True)
class Broken:
    """One link that does not lead where it says: the page it is on, the link as written, and why."""

    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} -> {self.reason}"


@dataclass
class Report:
    """What a check found: broken links, and how many links and pages it looked at."""

    broken: list[Broken] = field(default_factory=list)
    pages: int = 0
    links: int = 0
    fragments: int = 0


class _PageParser(HTMLParser):
    """Collect a page's ids and the links it makes, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.base_href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "base" and "href" in values:
            self.base_href = values["href"]
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            _, _, target = values.get("content", "").partition("=")
            if target.strip():
                self.links.append(target.strip().strip("'\""))
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            value = values.get(attribute)
            if value is None:
                continue
            if attribute == "srcset":
                self.links.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())
            else:
                self.links.append(value)

    handle_startendtag = handle_starttag


def page_url(relative: str, base: str) -> str:
    """Return the URL a host serves a site file at: 'ar/index.html' under '/demo/' -> '/demo/ar/'."""
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return base + relative


def target_file(root: Path, base: str, path: str) -> tuple[Path | None, str]:
    """Return the file a path-absolute URL serves (or None) and, when None, the reason."""
    if not path.startswith(base):
        return None, f"outside the base URL {base}"
    inner = unquote(path[len(base) :])
    parts = [p for p in inner.split("/") if p not in ("", ".")]
    if ".." in parts:
        return None, "climbs out of the site"
    candidate = root.joinpath(*parts)
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate, ""
    return None, "no such file"


def _is_external(link: str) -> bool:
    parts = urlsplit(link)
    return (
        bool(parts.netloc)
        or parts.scheme.lower() in SKIPPED_SCHEMES
        or (parts.scheme not in ("", "http", "https"))
    )


class SiteChecker:
    """Check a built site's links and anchors, parsing each page once."""

    def __init__(self, root: Path, base: str = "/") -> None:
        self.root = root
        self.base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
        self._pages: dict[Path, _PageParser] = {}

    def parsed(self, file: Path) -> _PageParser:
        """Return the parsed page (cached)."""
        if file not in self._pages:
            parser = _PageParser()
            parser.feed(file.read_text(encoding="utf-8"))
            parser.close()
            self._pages[file] = parser
        return self._pages[file]

    def check_link(self, page: str, page_address: str, link: str, report: Report) -> None:
        """Check one link made on a page; record it in the report if it is broken."""
        link = link.strip()
        if not link or _is_external(link):
            return
        report.links += 1
        address = urljoin(page_address, link)
        parts = urlsplit(address)
        if parts.netloc != HOST:
            return
        target, reason = target_file(self.root, self.base, parts.path or "/")
        if target is None:
            report.broken.append(Broken(page, link, reason))
            return
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html":
            report.fragments += 1
            if fragment not in self.parsed(target).ids:
                report.broken.append(
                    Broken(page, link, f"no id '{fragment}' in {target.relative_to(self.root)}")
                )

    def check(self) -> Report:
        """Check every HTML page and every XML feed or sitemap in the site."""
        report = Report()
        for file in sorted(self.root.rglob("*")):
            if not file.is_file():
                continue
            relative = file.relative_to(self.root).as_posix()
            address = f"http://{HOST}" + page_url(relative, self.base)
            if file.suffix == ".html":
                report.pages += 1
                parser = self.parsed(file)
                if parser.base_href:
                    address = urljoin(address, parser.base_href)
                for link in parser.links:
                    self.check_link(relative, address, link, report)
            elif file.suffix == ".xml":
                for link in xml_links(file):
                    self.check_link(relative, address, link, report)
        return report


def xml_links(file: Path) -> Iterator[str]:
    """Yield the URLs an XML feed or sitemap gives: <loc>, <link href>, <uri>, and URL-like <id>."""
    for element in ET.parse(file).iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name not in XML_LINKS:
            continue
        if name == "link" and element.get("href"):
            yield element.get("href", "")
        elif element.text and element.text.strip().startswith(("/", "http")):
            yield element.text.strip()


def check_site(root: Path, base: str = "/") -> Report:
    """Check every internal link and anchor of the site built in root for base."""
    return SiteChecker(root, base).check()


def main(argv: list[str] | None = None) -> int:
    """Check a built site and print each broken link; exit 1 when there is any."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--base", default="/", help="the base URL it was built for (default /)")
    args = parser.parse_args(argv)
    report = check_site(args.site, args.base)
    for broken in report.broken:
        print(broken)
    print(
        f"{report.pages} pages, {report.links} links, {report.fragments} anchors, {len(report.broken)} broken"
    )
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
