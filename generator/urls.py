"""Where every page lives: output paths and links, the one place the site's URL scheme is decided.

Output paths are relative to the site root ("ar/entries/abc/index.html"); links are absolute
under the configured base URL ("/repo/ar/entries/abc/"), so they work on a GitHub Pages sub-path.
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("ar", "en")


def normalize_base(base_url: str) -> str:
    """Return the base URL with exactly one leading and one trailing slash ('/', '/repo/')."""
    inner = base_url.strip().strip("/")
    return f"/{inner}/" if inner else "/"


def page_file(lang: str, *parts: str) -> str:
    """Return the output file for a page: ('ar', 'entries', 'x') -> 'ar/entries/x/index.html'."""
    return "/".join((lang, *parts, "index.html"))


def page_href(base_url: str, lang: str, *parts: str) -> str:
    """Return the link to a page: ('/', 'ar', 'entries', 'x') -> '/ar/entries/x/'."""
    return normalize_base(base_url) + "/".join((lang, *parts)) + "/"


def asset_href(base_url: str, path: str) -> str:
    """Return the link to a file at the site root: 'static/site.css' -> '/static/site.css'."""
    return normalize_base(base_url) + path.lstrip("/")


def entry_href(base_url: str, lang: str, entry_id: str) -> str:
    """Return the link to an entry's page."""
    return page_href(base_url, lang, "entries", entry_id)


def article_href(base_url: str, lang: str, slug: str) -> str:
    """Return the link to an article's page."""
    return page_href(base_url, lang, "articles", slug)


def sentence_anchor(sentence_start: int) -> str:
    """Return the fragment id of the sentence starting at this offset in its article's text."""
    return f"s{sentence_start}"


def sentence_href(base_url: str, lang: str, slug: str, sentence_start: int) -> str:
    """Return the link to one sentence on an article's page."""
    return article_href(base_url, lang, slug) + "#" + sentence_anchor(sentence_start)
