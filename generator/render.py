"""Render the whole site, both languages, from a Timeline: {relative output path: bytes}, nothing written.

The result is lazy: every output path is known up front, and each file is rendered when it is read, so a
writer can stream the site to disk without holding it in memory.

Pages come from Jinja2 templates (autoescaped); UI text from the locale catalogues; every link from
generator/urls.py so the site works under a base path.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, Protocol
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup

from generator import search, urls
from generator.article_html import Highlight, TipLanguage, render_article_html
from generator.assets import STATIC_DIR, TEMPLATES_DIR
from generator.config import Config
from generator.datefmt import datetime_attr, format_day, format_month, format_time, hijri_equivalent
from generator.errors import BuildError
from generator.i18n import Locale, locales
from generator.language import text_direction
from generator.merge import DATES_DISAGREE
from generator.models import Article, Entry, Event, Mention, Timeline, TimeValue, article_fingerprint
from generator.plaintext import plain_line
from generator.search import PlannedDocument, SearchDocument
from generator.timeline import entry_month

PLANNED_SUMMARY = 40
"""About the characters of a search document's title line besides its title (outlet, date, sources)."""
PLANNED_LABEL = 40
"""About the characters each outlet (or article) an entry's search document names adds to it."""
STATIC_FILES = ("site.css", "site.js", "search.js", "root.js", "favicon.svg")


class PieceShelf(Protocol):
    """Pieces of pages by key (generator.fragments.Shelf): the kept one, else make() it now."""

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        """Return the piece under key, made now when there is none."""


class Pieces(Protocol):
    """Where the pieces of whole-site pages are kept across builds: the runner's memo, or this build's."""

    def shelf(self, name: str) -> PieceShelf:
        """Return the named shelf."""

    def save(self) -> None:
        """Keep what this process used for the next build."""


class _InMemory:
    """Pieces kept for this build only: a card shown on several pages is rendered once."""

    def __init__(self) -> None:
        self.shelves: dict[str, _Shelf] = {}

    def shelf(self, name: str) -> PieceShelf:
        return self.shelves.setdefault(name, _Shelf())

    def save(self) -> None:
        pass


class _Shelf(dict[str, Any]):
    def get(self, key: str, make: Callable[[], Any]) -> Any:  # type: ignore[override]
        piece = super().get(key)
        if piece is None:
            piece = self[key] = make()
        return piece


UNNAMED_OUTLET = "unnamed"
STORY_GAP = 12
"""Months without entries that end the story's run on the overview chart: entries further out fold
into its "earlier" or "later" marker."""
LEAD_LIMIT = 90
ENTRY_TEXT_LIMIT = 1_000
"""About the characters of its sources' sentences an entry's search document holds at most."""
CARD_LEAD_LIMIT = 160
"""About the characters of the source sentence a card shows under its headline."""
NOT_IN_SITEMAP = frozenset({"index.html", "404.html"})
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""What str.splitlines() splits on."""
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_SPACE = re.compile(r"\s*")
"""What str.lstrip() strips."""


@dataclass(frozen=True)
class Fragment:
    """A piece of text and the language it is written in (so foreign text can be marked)."""

    text: str
    lang: str


@dataclass(frozen=True)
class OutletInfo:
    """An outlet as the site lists it: its slug, names, and articles."""

    slug: str
    name_ar: str | None
    name_en: str | None
    articles: tuple[Article, ...] = ()

    def name(self, loc: Locale) -> Fragment:
        """Return the outlet's name for this page's language (or the other one, marked)."""
        own = self.name_ar if loc.lang == "ar" else self.name_en
        other = self.name_en if loc.lang == "ar" else self.name_ar
        if own:
            return Fragment(own, loc.lang)
        if other:
            return Fragment(other, "en" if loc.lang == "ar" else "ar")
        return Fragment(loc.t("unnamed_outlet"), loc.lang)


@dataclass
class SiteIndex:
    """Lookups the pages share: articles by id, outlets by slug, entries per article/outlet/year."""

    articles: dict[str, Article]
    outlets: dict[str, OutletInfo]
    outlet_of: dict[str, str]
    entries_by_article: dict[str, list[Entry]] = field(default_factory=dict)
    entries_by_outlet: dict[str, list[Entry]] = field(default_factory=dict)
    article_ids: dict[str, list[str]] = field(default_factory=dict)
    """Each entry's cited article ids, sorted."""
    events_by_article: dict[str, list[tuple[Event, Entry]]] = field(default_factory=dict)
    """Each article's own dated sentences, with the entry each belongs to, in timeline order."""
    entries: dict[str, Entry] = field(default_factory=dict)
    """Every entry by id (an entry page links those that may tell the same happening)."""


Maker = Callable[[], bytes]


class LazySite(Mapping[str, bytes]):
    """The site's files by relative path, sorted; each file is rendered (afresh) when it is read.

    Some files also have a key: a digest of everything their content depends on besides the code and
    the configuration, so a rebuild may keep the previous file when its key has not changed.
    """

    def __init__(
        self,
        makers: Mapping[str, Maker],
        keys: Mapping[str, str] | None = None,
        fragments: Pieces | None = None,
        groups: Mapping[str, str] | None = None,
    ) -> None:
        self._makers = dict(sorted(makers.items()))
        self._keys = dict(keys or {})
        self._fragments = fragments
        self._groups = dict(groups or {})

    def save_fragments(self) -> None:
        """Keep the pieces of whole-site pages this process rendered for the next build."""
        if self._fragments is not None:
            self._fragments.save()

    def key(self, path: str) -> str | None:
        """Return the digest of what this file depends on, or None when it depends on the whole site."""
        return self._keys.get(path)

    def group(self, path: str) -> str | None:
        """Return the name of the pages best rendered in one process with this one (they show the same
        entry cards, rendered once per process), or None for a page that shares nothing."""
        return self._groups.get(path)

    def __getitem__(self, path: str) -> bytes:
        return self._makers[path]()

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


class _Makers(dict[str, Maker]):
    """Output paths and how to render each; a path claimed twice is a bug, never silently overwritten."""

    def __setitem__(self, path: str, maker: Maker) -> None:
        if path in self:
            raise BuildError(f"two outputs would be written to the same file: {path!r}")
        super().__setitem__(path, maker)

    def update(self, other: Mapping[str, Maker]) -> None:  # type: ignore[override]
        for path, maker in other.items():
            self[path] = maker


def render_site(timeline: Timeline, config: Config, fragments: Pieces | None = None) -> LazySite:
    """Return every page, feed, export and asset of the site: {relative output path: content}, lazily.

    With `fragments`, the pages that show the whole site reuse the pieces (entry cards, source rows,
    export items) the last build rendered for the same data.
    """
    env = _environment(keep_compiled=True)
    for name in env.list_templates():
        env.get_template(name)  # here, once: forked writers inherit every template compiled
    index = build_index(timeline)
    keys = page_keys(timeline, index)
    pieces = fragments or _InMemory()
    files = _Makers()
    for name in STATIC_FILES:
        files[f"static/{name}"] = partial((STATIC_DIR / name).read_bytes)
    for loc in locales(config.digits).values():
        files.update(language_makers(env, timeline, index, config, loc, keys, pieces))
    files["index.html"] = partial(_render, env, "root.html", _root_context(config))
    files["404.html"] = partial(_render, env, "404.html", _root_context(config))
    files["robots.txt"] = partial(_robots, config)
    entry_keys = {e.id: keys[urls.page_file("ar", "entries", e.id)] for e in timeline.entries}
    files.update(export_makers(timeline, config, list(files), entry_keys, pieces))
    listings = listing_keys(timeline, index, entry_keys)
    keys.update(listings)
    # The assets, the about and search pages and the root pages show only the code and settings.
    fixed = [f"static/{name}" for name in STATIC_FILES] + ["index.html", "404.html", "robots.txt"]
    fixed += [urls.page_file(lang, page) for lang in urls.LANGS for page in ("about", "search")]
    keys.update({path: _digest("fixed", path) for path in fixed})
    # A language's timelines (all, by year, by outlet) and sources page show the same cards and rows.
    whole = [path for path in files if path.endswith(".html") and path not in keys and "/" in path]
    groups = {path: path.partition("/")[0] for path in [*whole, *listings]}
    return LazySite(files, keys, pieces, groups)


def page_keys(timeline: Timeline, index: SiteIndex) -> dict[str, str]:
    """Return, for each entry and article page of both languages, a digest of the data it shows.

    (render_site adds listing_keys and the pages that show only the code and settings.)
    """
    # A page shows its own articles' outlets, and nothing of the others: adding an article leaves
    # the pages of every other one as they were.
    article_keys = {a.id: _digest(article_fingerprint(a), _outlet_data(a, index)) for a in timeline.articles}
    # Entries share their dates (one value object per date, from extract) and an article lists its
    # entries' headlines: each date's data and each entry's data are made once, and stood for by that.
    times: dict[int, tuple[object, ...] | None] = {}

    def when(t: TimeValue) -> tuple[object, ...] | None:
        key = id(t)  # every value lives as long as the timeline: no other takes its id meanwhile
        if key not in times:
            times[key] = _time_data(t)
        return times[key]

    entry_data = {entry.id: _digest(_entry_data(entry)) for entry in timeline.entries}
    keys: dict[str, str] = {}
    for entry in timeline.entries:
        cited = [article_keys.get(i, "") for i in index.article_ids.get(entry.id, ())]
        # An event's sentence and mention follow from its id (spans) and its article, in `cited`.
        events = [(e.id, when(e.time), e.is_report, e.role, e.carried, e.quote) for e in entry.events]
        maybe = [(other, entry_data.get(other)) for other in entry.maybe_same]  # their headlines and dates
        key = _digest(entry.id, entry_data[entry.id], events, cited, maybe)
        for lang in urls.LANGS:
            keys[urls.page_file(lang, "entries", entry.id)] = key
    for article in timeline.articles:
        own = [
            (event.id, when(event.time), entry.id, entry_data[entry.id], len(index.article_ids[entry.id]))
            for event, entry in index.events_by_article.get(article.id, ())
        ]  # fmt: skip
        # The extraction key in the article's fingerprint stands for its mentions, unless there is none.
        mentions = (
            () if article.extraction else [_mention_data(m) for m in timeline.mentions.get(article.id, ())]
        )
        key = _digest(article_keys[article.id], own, mentions)
        for lang in urls.LANGS:
            keys[urls.page_file(lang, "articles", article.slug)] = key
    return keys


def listing_keys(timeline: Timeline, index: SiteIndex, entry_keys: Mapping[str, str]) -> dict[str, str]:
    """Return, for each year and outlet page of both languages, a digest of the data it shows.

    Such a page lists its entries' cards under their year and month, with the filters (every year,
    every outlet's name): an edit elsewhere in the timeline leaves it as it was.
    """
    years = sorted({group.year for group in timeline.years})
    filters = (years, [(slug, o.name_ar, o.name_en) for slug, o in index.outlets.items()])
    shown: dict[tuple[str, str], list[tuple[int, int | None, str]]] = defaultdict(list)
    outlets_of: dict[str, list[str]] = defaultdict(list)
    for slug, entries in index.entries_by_outlet.items():
        for entry in entries:
            outlets_of[entry.id].append(slug)
    for year in timeline.years:
        for month in year.months:
            for entry in month.entries:
                row = (year.year, month.month, entry_keys[entry.id])
                shown["years", str(_entry_year(entry))].append(row)
                for slug in outlets_of.get(entry.id, ()):
                    shown["outlets", slug].append(row)
    pages = [("years", str(year)) for year in years] + [("outlets", slug) for slug in index.outlets]
    keys: dict[str, str] = {}
    for parts in pages:
        key = _digest(parts, filters, shown.get(parts, []))
        for lang in urls.LANGS:
            keys[urls.page_file(lang, *parts)] = key
    return keys


# Plain tuples of what a page shows: repr() of nested dataclasses costs ten times more.
def _time_data(t: TimeValue | None) -> tuple[object, ...] | None:
    return None if t is None else (t.value, t.grain, t.first.toordinal(), t.last.toordinal(), t.approximate)


def _mention_data(m: Mention | None) -> tuple[object, ...] | None:
    if m is None:
        return None
    return (m.start, m.end, m.text, _time_data(m.time), m.kind, m.calendar, m.warnings)


def _outlet_data(article: Article, index: SiteIndex) -> tuple[object, ...]:
    outlet = index.outlets.get(index.outlet_of.get(article.id, ""))
    return (outlet.slug, outlet.name_ar, outlet.name_en) if outlet else ()


def _entry_data(entry: Entry) -> tuple[object, ...]:
    h = entry.headline
    return (
        _time_data(entry.time), h.ar, h.en, h.summary_ar, h.summary_en, h.basis_ar, h.basis_en,
        entry.warnings, entry.role,
    )  # fmt: skip


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def article_documents(articles: Sequence[Article], config: Config) -> Iterator[SearchDocument]:
    """Yield what search finds on the article pages: known once articles are dated, before merging."""
    return (planned.document() for planned in planned_article_documents(articles, config, ""))


def planned_article_documents(
    articles: Sequence[Article], config: Config, salt: str
) -> Iterator[PlannedDocument]:
    """Yield the article pages' search documents as planned ones, keyed by the article, its outlet and
    `salt` (a digest of the code and settings), each made only if its shard is written."""
    timeline = Timeline(entries=(), years=(), articles=tuple(sorted(articles, key=lambda a: a.id)))
    index = build_index(timeline)
    makers = _lazy_page_makers(timeline, config, index)
    for lang in urls.LANGS:
        for article in timeline.articles:
            own = article.lang == lang
            yield PlannedDocument(
                urls.page_file(lang, "articles", article.slug),
                lang,
                article.published.isoformat() if article.published else "",
                len(article.title or "") + PLANNED_SUMMARY + (len(article.text) if own else 0),
                _digest(salt, lang, article_fingerprint(article), _outlet_data(article, index)),
                partial(_article_document, makers, lang, article),
            )


def entry_documents(timeline: Timeline, config: Config) -> Iterator[SearchDocument]:
    """Yield what search finds on the entry pages of both languages."""
    return (planned.document() for planned in planned_entry_documents(timeline, config, ""))


def planned_entry_documents(timeline: Timeline, config: Config, salt: str) -> Iterator[PlannedDocument]:
    """Yield the entry pages' search documents as planned ones, keyed by what they show (date, headline,
    how many articles, and the outlet or title each is named by) and `salt` (code and settings).

    An edit to an article's text leaves the documents of the entries citing it as they were.
    """
    index = build_index(timeline)
    makers = _lazy_page_makers(timeline, config, index)
    labels = {article.id: _source_label_data(article, index) for article in timeline.articles}
    for entry in timeline.entries:
        ids = index.article_ids.get(entry.id, ())
        named = sorted({labels[i] for i in ids if i in labels})  # as _PageMaker.entry_document reads
        said = _entry_sentences(entry)
        for lang in urls.LANGS:
            title = entry.headline.en if lang == "en" and entry.headline.en else entry.headline.ar
            text = said if lang == "ar" else ()
            yield PlannedDocument(
                urls.page_file(lang, "entries", entry.id),
                lang,
                entry.time.first.isoformat(),
                len(title) + PLANNED_SUMMARY + PLANNED_LABEL * len(named) + sum(map(len, text)),
                _digest(salt, lang, entry.id, _time_data(entry.time), title, len(ids), named, text),
                partial(_entry_document, makers, lang, entry),
            )


def _lazy_page_makers(
    timeline: Timeline, config: Config, index: SiteIndex
) -> Callable[[], dict[str, _PageMaker]]:
    """Return a function that makes each language's page maker when first called, then returns them."""

    @lru_cache(maxsize=1)
    def makers() -> dict[str, _PageMaker]:
        env, languages = _environment(), locales(config.digits).items()
        return {lang: _PageMaker(env, index, config, loc, timeline) for lang, loc in languages}

    return makers


def _article_document(
    makers: Callable[[], dict[str, _PageMaker]], lang: str, article: Article
) -> SearchDocument:
    return makers()[lang].article_document(article)


def _entry_document(makers: Callable[[], dict[str, _PageMaker]], lang: str, entry: Entry) -> SearchDocument:
    return makers()[lang].entry_document(entry)


def build_index(timeline: Timeline) -> SiteIndex:
    """Index the timeline's articles, outlets and entries for the pages."""
    articles = {a.id: a for a in timeline.articles}
    by_key: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in sorted(timeline.articles, key=lambda a: a.id):
        outlet = article.outlet
        key = (outlet.en or outlet.ar, outlet.ar) if outlet else ("", "")
        by_key[key].append(article)
    outlets: dict[str, OutletInfo] = {}
    outlet_of: dict[str, str] = {}
    for key in sorted(by_key):
        group = by_key[key]
        first = group[0].outlet
        slug = _unique(_outlet_slug(first.en if first else "", first.ar if first else ""), outlets)
        outlets[slug] = OutletInfo(
            slug, first.ar if first else None, first.en if first else None, tuple(group)
        )
        for article in group:
            outlet_of[article.id] = slug
    entries_by_article: dict[str, list[Entry]] = defaultdict(list)
    entries_by_outlet: dict[str, list[Entry]] = defaultdict(list)
    article_ids: dict[str, list[str]] = {}
    events_by_article: dict[str, list[tuple[Event, Entry]]] = defaultdict(list)
    entries: dict[str, Entry] = {}
    for entry in timeline.entries:
        entries[entry.id] = entry
        article_ids[entry.id] = cited = _article_ids(entry)
        for article_id in cited:
            entries_by_article[article_id].append(entry)
        for slug in sorted({outlet_of[i] for i in cited if i in outlet_of}):
            entries_by_outlet[slug].append(entry)
        for event in entry.events:
            events_by_article[event.article_id].append((event, entry))
    return SiteIndex(
        articles,
        outlets,
        outlet_of,
        dict(entries_by_article),
        dict(entries_by_outlet),
        article_ids,
        dict(events_by_article),
        entries,
    )


def language_makers(
    env: Environment,
    timeline: Timeline,
    index: SiteIndex,
    config: Config,
    loc: Locale,
    keys: Mapping[str, str] | None = None,
    fragments: Pieces | None = None,
) -> dict[str, Maker]:
    """Return how to render every page of one language, by output path (keys: page_keys, for fragments)."""
    page = _PageMaker(env, index, config, loc, timeline, keys, fragments)
    years = sorted({group.year for group in timeline.years})
    by_year: dict[int, list[Entry]] = defaultdict(list)
    for entry in timeline.entries:
        by_year[_entry_year(entry)].append(entry)
    files = _Makers()
    files[urls.page_file(loc.lang)] = partial(page.timeline, timeline, timeline.entries, ())
    files[urls.page_file(loc.lang, "sources")] = partial(page.sources, timeline)
    files[urls.page_file(loc.lang, "about")] = page.about
    files[urls.page_file(loc.lang, "search")] = page.search
    for year in years:
        files[urls.page_file(loc.lang, "years", str(year))] = partial(
            page.timeline,
            timeline,
            tuple(by_year.get(year, ())),
            ("years", str(year)),
            heading=loc.t("year_page", year=year),
        )
    for slug, outlet in index.outlets.items():
        files[urls.page_file(loc.lang, "outlets", slug)] = partial(
            page.timeline,
            timeline,
            tuple(index.entries_by_outlet.get(slug, ())),
            ("outlets", slug),
            heading=loc.t("outlet_page", outlet=outlet.name(loc).text),
        )
    for entry in timeline.entries:
        files[urls.page_file(loc.lang, "entries", entry.id)] = partial(page.entry, entry)
    for article in timeline.articles:
        files[urls.page_file(loc.lang, "articles", article.slug)] = partial(page.article, article)
    return files


def render_language(
    env: Environment, timeline: Timeline, index: SiteIndex, config: Config, loc: Locale
) -> dict[str, bytes]:
    """Render every page of one language."""
    return {path: make() for path, make in language_makers(env, timeline, index, config, loc).items()}


def export_makers(
    timeline: Timeline,
    config: Config,
    pages: Iterable[str] = (),
    entry_keys: Mapping[str, str] | None = None,
    fragments: Pieces | None = None,
) -> dict[str, Maker]:
    """Return how to render the data exports, each language's Atom feed and the sitemap, by output path.

    With `entry_keys` (each entry's page_keys digest) and `fragments`, an export reuses the last build's
    text for every entry whose data is unchanged.
    """
    from generator import exports

    def cached(shelf: str) -> exports.ItemCache:
        def item(entry_id: str, make: Callable[[], bytes]) -> bytes:
            key = (entry_keys or {}).get(entry_id)
            if key is None or fragments is None:
                return make()
            return fragments.shelf(shelf).get(key, make)  # read in the process that writes this file

        return item

    base, site = config.base_url, config.site_url or ""
    updated = config.build_date or exports.newest_publication(timeline)  # never 1970 for a dated story
    files: dict[str, Maker] = {
        "data/events.json": partial(exports.events_json, timeline, base, cached("events")),
        "data/entries.csv": partial(exports.entries_csv, timeline, base, site, cached("csv")),
        "data/timelinejs.json": partial(
            exports.timelinejs_json, timeline, base, config.title_ar, cached("timelinejs"), site
        ),
        "timeline.ics": partial(exports.ics, timeline, base, site, updated, cached("ics")),
    }
    for lang in urls.LANGS:
        title = config.title_ar if lang == "ar" else config.title_en
        files[f"{lang}/feed.xml"] = partial(
            exports.atom, timeline, lang, base, title, updated, site_url=site, digits=config.digits
        )
    listed = sorted(p for p in pages if p.endswith(".html") and p not in NOT_IN_SITEMAP)
    files["sitemap.xml"] = partial(exports.sitemap, listed, base, site)
    return files


def render_exports(timeline: Timeline, config: Config, pages: Iterable[str] = ()) -> dict[str, bytes]:
    """Render the data exports, the Atom feed per language and the sitemap (via generator.exports)."""
    return {path: make() for path, make in export_makers(timeline, config, pages).items()}


class _PageMaker:
    """Render one language's pages with the context every page shares."""

    def __init__(
        self,
        env: Environment,
        index: SiteIndex,
        config: Config,
        loc: Locale,
        timeline: Timeline | None = None,
        keys: Mapping[str, str] | None = None,
        fragments: Pieces | None = None,
    ) -> None:
        self.env = env
        self.keys = keys or {}
        self.fragments = fragments
        self._shelf: PieceShelf | None = None
        self.mentions: Mapping[str, Sequence[Mention]] = timeline.mentions if timeline else {}
        self.index = index
        self.config = config
        self.loc = loc
        self.base = config.base_url
        self.macros = env.get_template("_macros.html").make_module({"lang": loc.lang, "t": loc.t})
        self.cards: dict[str, dict[str, Any]] = {}
        self.card_html: dict[tuple[str, int], Markup] = {}
        self.source_labels: dict[str, Fragment] = {}
        self.whens: dict[TimeValue, Markup] = {}
        self.time_texts: dict[TimeValue, str] = {}
        self.entry_links: dict[str, Markup] = {}
        self.also_reported: dict[int, str | None] = {}
        self.source_articles: dict[str, Markup] = {}
        self.common = self._common_context()
        shared: Any = env.get_template("_shared.html").make_module(self.common)  # the same on every page
        self.common.update(m=self.macros, shared_head=Markup(shared.head()))
        self.common.update(shared_footer=Markup(shared.footer()))

    def timeline(
        self, timeline: Timeline, entries: Sequence[Entry], parts: tuple[str, ...], heading: str | None = None
    ) -> bytes:
        """Render the timeline (all entries, or one year's, or one outlet's): events on the date rail,
        background (context) entries in a band of their own, the overview chart on the whole timeline."""
        chosen = {e.id for e in entries if e.role != "context"}
        background = [self._card_html(e, 2) for e in entries if e.role == "context"]
        groups = []
        for year in timeline.years:
            months = []
            for month in year.months:
                items = [self._card_html(e, 4) for e in month.entries if e.id in chosen]
                if items:
                    months.append(
                        {
                            "anchor": _month_anchor(year.year, month.month),
                            "label": self._month_label(year.year, month.month),
                            "entries": items,
                        }
                    )
            if months:
                groups.append(
                    {
                        "year": year.year,
                        "label": self.loc.num(year.year),
                        "anchor": f"y-{year.year}",
                        "months": months,
                    }
                )
        chart = self._chart(entries) if entries and not parts else None
        return self._page(
            "timeline.html",
            parts,
            heading or self._site_title(),
            groups=groups,
            background=background,
            chart=chart,
            filters=self._filters(timeline, parts),
            heading=heading,
            count=self.loc.plural("entries", len(entries)),
            messages={
                "entries": self.loc.data["plural"]["entries"],
                "digits": "".join(self.loc.num(d) for d in range(10)),
                "earlier": self.loc.t("overview_earlier", entries="{entries}"),
                "later": self.loc.t("overview_later", entries="{entries}"),
                "bar": self.loc.t("overview_bar", month="{month}", entries="{entries}"),
            },
        )

    def entry(self, entry: Entry) -> bytes:
        """Render one entry's page: its date, headline, each source sentence quoted with its date phrase
        marked, who says what when the sources disagree, and a line to cite it by."""
        loc = self.loc
        sources: list[dict[str, Any]] = []
        by_sentence: dict[tuple[str, int], dict[str, Any]] = {}
        warnings: list[str] = list(entry.warnings)
        for event in entry.events:
            article = self.index.articles.get(event.article_id)
            if article is None:
                continue
            if event.mention is not None:
                warnings.extend(event.mention.warnings)
            key = (article.id, event.sentence_start)
            source = by_sentence.get(key)
            if source is None:
                source = by_sentence[key] = {
                    "article": self._source_article(article),
                    "event": event,
                    "mentions": [],
                    "dates": [],
                    "report": event.is_report or not event.sentence.strip(),
                    "carried": event.carried,
                    "href": urls.sentence_href(self.base, loc.lang, article.slug, event.sentence_start),
                }
                sources.append(source)
            if event.mention is not None:
                source["mentions"].append(event.mention)
            when = self._time_text(event.time)
            if when not in source["dates"]:
                source["dates"].append(when)
        for source in sources:
            source["sentence"] = _marked_sentence(source.pop("event"), source.pop("mentions"))
            source["dates"] = loc.t("list_separator").join(source["dates"])
        card = self._entry_card(entry)
        maybe_same = [
            {
                "id": other.id,
                "href": urls.entry_href(self.base, loc.lang, other.id),
                "date": self._time_text(other.time),
                "headline": self._headline(other),
            }
            for other in (self.index.entries.get(key) for key in entry.maybe_same)
            if other is not None
        ]
        outlets = loc.t("list_separator").join(chip["outlet"].text for chip in card["sources"])
        address = urls.entry_href(self.base, loc.lang, entry.id)
        if self.config.site_url:
            address = self.config.site_url.rstrip("/") + address
        citation = loc.t(
            "cite_line",
            headline=card["headline"].text,
            date=card["date"],
            outlets=outlets,
            site=self._site_title(),
            url=address,
        )
        return self._page(
            "entry.html",
            ("entries", entry.id),
            card["headline"].text,
            entry=card,
            sources=sources,
            citation=citation,
            citation_url=address,
            og_type="article",
            warnings=[loc.warning(w) for w in _unique_sorted(warnings)],
            maybe_same=maybe_same,
            read_sentence=loc.t("read_sentence"),
        )

    def _source_article(self, article: Article) -> Markup:
        """Return the outlet and linked title crediting a quoted sentence (once per article and language)."""
        html = self.source_articles.get(article.id)
        if html is None:
            macro = getattr(self.macros, "source_article")  # noqa: B009  (a Jinja macro, unknown to mypy)
            href = urls.article_href(self.base, self.loc.lang, article.slug)
            made = macro(self._outlet_name(article), self._article_title(article), href)
            html = self.source_articles[article.id] = Markup(made)
        return html

    def article(self, article: Article) -> bytes:
        """Render one article: its metadata, full text with every date mention highlighted, its own events."""
        own = self.index.events_by_article.get(article.id, [])
        sentences: dict[int, int] = {}
        for event, _ in own:
            sentences[event.sentence_start] = max(sentences.get(event.sentence_start, 0), event.sentence_end)
        mentions = self.mentions.get(article.id) or [e.mention for e, _ in own if e.mention is not None]
        highlights: list[Highlight] = []
        seen: set[tuple[int, int]] = set()
        for mention in mentions:
            if (mention.start, mention.end) not in seen:
                seen.add((mention.start, mention.end))
                highlights.append(self._highlight(mention))
        body = render_article_html(
            article.text,
            sentences,
            highlights,
            TipLanguage(self.loc.lang, self.loc.dir),
            is_markdown=article.path.lower().endswith(".md"),
        )
        published = None
        if article.published is not None:
            published = {
                "text": format_day(article.published, self.loc),
                "datetime": article.published.isoformat(),
            }
        title = self._article_title(article)
        return self._page(
            "article.html",
            ("articles", article.slug),
            title.text,
            article=article,
            article_title=title,
            basis=_written_in(article.published_basis or "", self.loc.lang),
            og_type="article",
            outlet=self._outlet_name(article),
            outlet_href=urls.page_href(self.base, self.loc.lang, "outlets", self.index.outlet_of[article.id]),
            url=_safe_url(article.url),
            published=published,
            published_source=self.loc.t(f"published_source_{article.published_source}"),
            body=Markup(body),
            text_lang=article.lang,
            text_dir=text_direction(article.lang),
            mentions_count=self.loc.plural("dates", len(highlights)),
            events=[self._own_event(article, event, entry) for event, entry in _one_per_sentence(own)],
            read_sentence=self.loc.t("read_sentence"),
        )

    def entry_document(self, entry: Entry) -> SearchDocument:
        """Return what search finds on an entry's page: its headline, date, outlets and, on the Arabic
        page, its sources' sentences (so a name the headline leaves out still finds the entry; the
        English search page searches the Arabic index beside its own, page by page)."""
        loc, articles = self.loc, self.index.articles
        ids = self.index.article_ids.get(entry.id) or _article_ids(entry)
        outlets = sorted({self._source_label(articles[i]).text for i in ids if i in articles})
        summary = (self._time_text(entry.time), self._reported_by(ids), " · ".join(outlets))
        path = urls.page_file(loc.lang, "entries", entry.id)
        title = self._headline(entry).text
        said = _entry_sentences(entry) if loc.lang == "ar" else ()
        return SearchDocument(path, loc.lang, title, said, entry.time.first.isoformat(), summary)

    def article_document(self, article: Article) -> SearchDocument:
        """Return what search finds on an article's page: title, outlet, date, and its own-language text."""
        summary = [self._outlet_name(article).text]
        if article.published is not None:
            summary.append(format_day(article.published, self.loc))
        paragraphs: list[str] = []
        # Its text is searched in its own language's site; a text in neither (French) in both.
        if self.loc.lang == article.lang or article.lang not in ("ar", "en"):
            paragraphs = [line.strip() for line in article.text.splitlines() if line.strip()]
        path = urls.page_file(self.loc.lang, "articles", article.slug)
        order = article.published.isoformat() if article.published else ""
        title = self._article_title(article).text
        return SearchDocument(path, self.loc.lang, title, tuple(paragraphs), order, tuple(summary))

    def _highlight(self, mention: Mention) -> Highlight:
        """Return how a mention is marked: its date, or what it is when it names no date."""
        loc = self.loc
        notes = [loc.warning(code) for code in mention.warnings]
        if mention.time is not None and mention.kind != "duration":
            label = self._time_text(mention.time)
            hijri = hijri_equivalent(mention.time, loc)
            text = " · ".join([label, *([hijri] if hijri else []), *notes])
            return Highlight(mention.start, mention.end, text, datetime_attr(mention.time))
        kind = "duration" if mention.kind == "duration" else "unresolved"
        text = " · ".join([loc.t(f"mention_{kind}"), *notes])
        return Highlight(mention.start, mention.end, text, None, kind)

    def _own_event(self, article: Article, event: Event, entry: Entry) -> dict[str, Any]:
        """Return one of this article's dated sentences as its page lists it: date, quote, entry link."""
        ids = self.index.article_ids.get(entry.id) or _article_ids(entry)
        others = len(ids) - (1 if article.id in ids else 0)
        return {
            "when": self._when(event.time),
            "anchor": urls.sentence_anchor(event.sentence_start),
            "href": "#" + urls.sentence_anchor(event.sentence_start),
            "entry_link": self._entry_link(entry),
            "others": self._also_reported(others),
        }

    def _time_text(self, time: TimeValue) -> str:
        """Return a date as this language writes it, each date written once per page maker."""
        text = self.time_texts.get(time)
        if text is None:
            text = self.time_texts[time] = format_time(time, self.loc)
        return text

    def _when(self, time: TimeValue) -> Markup:
        """Return a date as pages show it (in a time element); each date is written once per language."""
        html = self.whens.get(time)
        if html is None:
            when = getattr(self.macros, "when")  # noqa: B009  (a Jinja macro, unknown to mypy)
            html = self.whens[time] = Markup(when(self._time_text(time), datetime_attr(time), None))
        return html

    def _entry_link(self, entry: Entry) -> Markup:
        html = self.entry_links.get(entry.id)
        if html is None:
            link = getattr(self.macros, "entry_link")  # noqa: B009  (a Jinja macro, unknown to mypy)
            href = urls.entry_href(self.base, self.loc.lang, entry.id)
            html = self.entry_links[entry.id] = Markup(link(href, self._headline(entry)))
        return html

    def _also_reported(self, others: int) -> str | None:
        if others not in self.also_reported:
            loc = self.loc
            text = loc.t("also_reported_by", sources=loc.plural("sources", others)) if others else None
            self.also_reported[others] = text
        return self.also_reported[others]

    def sources(self, timeline: Timeline) -> bytes:
        """Render the sources page: every outlet and its articles."""
        outlets = []
        for slug, outlet in sorted(
            self.index.outlets.items(), key=lambda kv: (kv[1].name(self.loc).text, kv[0])
        ):
            articles = [Markup(self._source_row(article)) for article in outlet.articles]
            outlets.append(
                {
                    "name": outlet.name(self.loc),
                    "slug": slug,
                    "href": urls.page_href(self.base, self.loc.lang, "outlets", slug),
                    "count": self.loc.plural("articles", len(articles)),
                    "articles": articles,
                }
            )
        return self._page("sources.html", ("sources",), self.loc.t("sources_title"), outlets=outlets)

    def _source_row(self, article: Article) -> str:
        """Return an article's line on the sources page: title, publication date, entry count."""
        count = len(self.index.entries_by_article.get(article.id, []))

        def make() -> str:
            row = getattr(self.macros, "source_row")  # noqa: B009  (a Jinja macro, unknown to mypy)
            published = article.published
            return str(
                row(
                    {
                        "title": self._article_title(article),
                        "href": urls.article_href(self.base, self.loc.lang, article.slug),
                        "published": format_day(published, self.loc) if published else None,
                        "datetime": published.isoformat() if published else None,
                        "entries": self.loc.plural("entries", count),
                    }
                )
            )

        return self._piece(urls.page_file(self.loc.lang, "articles", article.slug), f"source:{count}", make)

    def about(self) -> bytes:
        """Render the about page: how dates are found and what each warning means."""
        names = self.loc.data["warning_names"]
        warnings = [
            (code, names.get(code, code), text)
            for code, text in self.loc.data["warnings"].items()
            if code != "unknown"
        ]
        return self._page(
            "about.html",
            ("about",),
            self.loc.t("about_title"),
            sections=self.loc.data["about"],
            warnings=warnings,
            warnings_heading=self.loc.data["about_warnings_heading"],
        )

    def search(self) -> bytes:
        """Render the search page (static/search.js on the site's own index; a message without script)."""
        loc = self.loc
        messages = {
            "results": loc.data["plural"]["results"],
            "digits": "".join(loc.num(d) for d in range(10)),
            "unavailable": loc.t("search_unavailable"),
        }
        return self._page(
            "search.html",
            ("search",),
            loc.t("search_title"),
            index=urls.asset_href(self.base, f"{search.BUNDLE_DIR}/"),
            site_root=urls.normalize_base(self.base),
            search_js=urls.asset_href(self.base, "static/search.js"),
            messages=messages,
        )

    # ---- pieces -------------------------------------------------------------------------------

    def _common_context(self) -> dict[str, Any]:
        """Return what every page of this language shares, computed once."""
        loc, base = self.loc, self.base
        other = "en" if loc.lang == "ar" else "ar"
        return {
            "loc": loc,
            "t": loc.t,
            "lang": loc.lang,
            "dir": loc.dir,
            "site_title": self._site_title(),
            "description": loc.t("site_description"),
            "other": other,
            "other_dir": Locale(other).dir,
            "switch_label": loc.t("switch_label"),
            "switch_title": loc.t("switch_title"),
            "nav_items": [
                ((), loc.t("nav_timeline")),
                (("sources",), loc.t("nav_sources")),
                (("about",), loc.t("nav_about")),
                (("search",), loc.t("nav_search")),
            ],
            "css": urls.asset_href(base, "static/site.css"),
            "js": urls.asset_href(base, "static/site.js"),
            "favicon": urls.asset_href(base, "static/favicon.svg"),
            "feed": urls.asset_href(base, f"{loc.lang}/feed.xml"),
            "data_href": urls.asset_href(base, "data/events.json"),
            "csv_href": urls.asset_href(base, "data/entries.csv"),
            "ics_href": urls.asset_href(base, "timeline.ics"),
            "og_locale": loc.data["locale"],
            "og_locale_alt": Locale(other).data["locale"],
            "footer_text": loc.t("footer"),
            "sources_href": urls.page_href(base, loc.lang, "sources"),
        }

    def _page(self, template: str, parts: tuple[str, ...], title: str, **context: Any) -> bytes:
        common, base, lang = self.common, self.base, self.loc.lang
        other = common["other"]
        return _render(
            self.env,
            template,
            {
                **common,
                "title": title,
                "alternates": [(code, urls.page_href(base, code, *parts)) for code in urls.LANGS],
                "x_default": urls.page_href(base, "ar", *parts),
                "canonical": urls.page_href(base, lang, *parts),
                "og_url": (
                    self.config.site_url.rstrip("/") + urls.page_href(base, lang, *parts)
                    if self.config.site_url
                    else None
                ),
                "switch": {
                    "lang": other,
                    "dir": common["other_dir"],
                    "href": urls.page_href(base, other, *parts),
                    "label": common["switch_label"],
                    "title": common["switch_title"],
                },
                "nav": [
                    (urls.page_href(base, lang, *target), label, parts == target)
                    for target, label in common["nav_items"]
                ],
                **context,
            },
        )

    def _card_html(self, entry: Entry, level: int) -> Markup:
        key = (entry.id, level)
        if key not in self.card_html:
            card = getattr(self.macros, "entry_card")  # noqa: B009  (a Jinja macro, unknown to mypy)
            html = self._piece(
                urls.page_file(self.loc.lang, "entries", entry.id),
                f"card:{level}",
                lambda: card(self._entry_card(entry), level),
            )
            self.card_html[key] = Markup(html)
        return self.card_html[key]

    def _piece(self, page: str, kind: str, make: Callable[[], str]) -> str:
        """Return a piece of a whole-site page showing `page`'s data: the last build's if unchanged."""
        data = self.keys.get(page)
        if data is None or self.fragments is None:
            return make()
        if self._shelf is None:  # read in the process that renders this language's whole-site pages
            self._shelf = self.fragments.shelf(self.loc.lang)
        return self._shelf.get(f"{kind}:{data}", lambda: str(make()))  # plain str: a smaller pickle

    def _site_title(self) -> str:
        return self.config.title_ar if self.loc.lang == "ar" else self.config.title_en

    def _entry_card(self, entry: Entry) -> dict[str, Any]:
        if entry.id not in self.cards:
            self.cards[entry.id] = self._make_card(entry)
        return self.cards[entry.id]

    def _make_card(self, entry: Entry) -> dict[str, Any]:
        loc = self.loc
        ids = self.index.article_ids.get(entry.id) or _article_ids(entry)
        chips = []
        seen: set[str] = set()
        for event in entry.events:
            article = self.index.articles.get(event.article_id)
            if article is None or article.id in seen:
                continue
            seen.add(article.id)
            chips.append(
                {
                    "outlet": self._source_label(article),
                    "href": urls.sentence_href(self.base, loc.lang, article.slug, event.sentence_start),
                }
            )
        headline = self._headline(entry)
        slugs = sorted({self.index.outlet_of[i] for i in ids if i in self.index.outlet_of})
        says = self._who_says(entry)
        return {
            "id": entry.id,
            "anchor": f"e-{entry.id}",
            "date": self._time_text(entry.time),
            "hijri": hijri_equivalent(entry.time, loc),
            "datetime": datetime_attr(entry.time),
            "headline": headline,
            "arabic_only": loc.lang != "ar" and headline.lang == "ar",
            "lead": self._lead_line(entry),
            "sources": chips,
            "count": loc.plural("sources", len(ids)),
            "reported_by": self._reported_by(ids),
            "href": urls.entry_href(self.base, loc.lang, entry.id),
            "outlets": " ".join(slugs),
            "year": _entry_year(entry),
            "month": f"{entry.time.first.year}-{entry.time.first.month:02d}",
            "context": entry.role == "context",
            "disagree": _disagrees(entry),
            "says": says,
            "unattributed": bool(slugs) and all(s == UNNAMED_OUTLET for s in slugs),
            "warnings": bool(entry.warnings),
        }

    def _who_says(self, entry: Entry) -> list[dict[str, Any]]:
        """Return, when the sources disagree on the date, each outlet and the dates it gives; else []."""
        if not _disagrees(entry):
            return []
        dated = [e for e in entry.events if e.gives_date]
        values = {e.time.value for e in dated}
        says: dict[str, dict[str, Any]] = {}
        for event in sorted(dated, key=lambda e: (e.time.first, e.time.value)):
            article = self.index.articles.get(event.article_id)
            if article is None:
                continue
            label = self._source_label(article)
            item = says.setdefault(label.text, {"outlet": label, "dates": []})
            when = self._time_text(event.time)
            if when not in item["dates"]:
                item["dates"].append(when)
        found = list(says.values())
        return found if len({tuple(item["dates"]) for item in found}) > 1 or len(values) > 1 else []

    def _lead_line(self, entry: Entry) -> Fragment | None:
        """Return the line under a card's headline: the summary, else a source sentence that says more
        than the headline (another outlet's, or the rest of the one the headline was cut from)."""
        summary = entry.headline.summary_en if self.loc.lang == "en" else entry.headline.summary_ar
        if summary:
            return Fragment(summary, self.loc.lang)
        cut = " ".join(entry.headline.ar.split()).rstrip("…. ")
        rest = ""
        for event in entry.events:
            text = " ".join(event.quoted.split())
            if not text or event.is_report:
                continue
            if not text.startswith(cut):
                return Fragment(_lead(text, CARD_LEAD_LIMIT), "ar")
            if not rest and len(text) > len(cut) + 1:
                rest = "…" + text[len(cut) :].lstrip()
        return Fragment(_lead(rest, CARD_LEAD_LIMIT), "ar") if rest else None

    def _reported_by(self, article_ids: Sequence[str]) -> str:
        return self.loc.t("reported_by", sources=self.loc.plural("sources", len(article_ids)))

    def _headline(self, entry: Entry) -> Fragment:
        if self.loc.lang == "en" and entry.headline.en:
            return Fragment(entry.headline.en, "en")
        basis = entry.headline.basis_ar
        return Fragment(entry.headline.ar, basis[: -len("-source")] if basis.endswith("-source") else "ar")

    def _outlet_name(self, article: Article) -> Fragment:
        return self.index.outlets[self.index.outlet_of[article.id]].name(self.loc)

    def _source_label(self, article: Article) -> Fragment:
        label = self.source_labels.get(article.id)
        if label is None:
            label = self.source_labels[article.id] = self._make_source_label(article)
        return label

    def _make_source_label(self, article: Article) -> Fragment:
        # What this reads of the article and its outlet, _source_label_data gives (search keys).
        return self.index.outlets[self.index.outlet_of[article.id]].name(self.loc)

    def _article_title(self, article: Article) -> Fragment:
        if article.title:
            return Fragment(article.title, article.lang)
        lead = _lead(article.text)
        if lead:
            return Fragment(lead, article.lang)
        outlet = self.index.outlets[self.index.outlet_of[article.id]]
        if outlet.name_ar or outlet.name_en:
            return Fragment(self.loc.t("article_untitled", outlet=outlet.name(self.loc).text), self.loc.lang)
        return Fragment(self.loc.t("article_untitled_anon"), self.loc.lang)

    def _month_label(self, year: int, month: int | None) -> str:
        if month is None:
            return self.loc.t("coarser", year=year)
        return format_month(year, month, self.loc)

    def _filters(self, timeline: Timeline, parts: tuple[str, ...]) -> dict[str, Any]:
        loc = self.loc
        all_href = urls.page_href(self.base, loc.lang)
        outlets = [
            {
                "label": o.name(loc),
                "href": urls.page_href(self.base, loc.lang, "outlets", slug),
                "value": slug,
                "current": parts == ("outlets", slug),
            }
            for slug, o in sorted(self.index.outlets.items(), key=lambda kv: (kv[1].name(loc).text, kv[0]))
        ]
        years = [
            {
                "label": Fragment(loc.num(y), loc.lang),
                "href": urls.page_href(self.base, loc.lang, "years", str(y)),
                "value": str(y),
                "current": parts == ("years", str(y)),
            }
            for y in sorted({g.year for g in timeline.years})
        ]
        # The whole timeline filters in place by month and disagreement too (site.js); year and outlet
        # pages, kept as they were when another part of the timeline changes, list what they hold.
        months = sorted({_entry_month_key(e) for e in timeline.entries}) if not parts else []
        return {
            "all": all_href,
            "all_current": parts == (),
            "outlets": outlets,
            "years": years,
            "months": [{"value": f"{y}-{m:02d}", "label": format_month(y, m, loc)} for y, m in months],
            "disagree": not parts and any(_disagrees(e) for e in timeline.entries),
        }

    def _chart(self, entries: Sequence[Entry]) -> dict[str, Any] | None:
        """Return the overview chart: a bar per month of the story's own range (story_range), with
        background entries and far outliers folded into an "earlier" (or "later") marker."""
        loc = self.loc
        counts = Counter(_entry_month_key(e) for e in entries if e.role != "context")
        background = sum(1 for e in entries if e.role == "context")
        span = story_range(counts)
        if span is None:
            return None
        first, last = span
        months = list(_months_between(first, last))
        peak = max(counts[m] for m in months) or 1
        bars = []
        sections: dict[tuple[int, int], str] = {}  # where a month's first entry is on the timeline
        for entry in entries:
            if entry.role != "context":
                sections.setdefault(_entry_month_key(entry), _month_anchor(*_entry_section(entry)))
        following = ""
        anchors = {}
        for y, m in reversed(months):  # an empty month's bar leads to where the timeline goes on
            following = sections.get((y, m), following)
            anchors[(y, m)] = following
        for y, m in months:
            n = counts[(y, m)]
            bars.append(
                {
                    "month": f"{y}-{m:02d}",
                    "anchor": anchors[(y, m)],
                    "n": n,
                    "count": loc.num(n),
                    "height": f"{100 * n / peak:.1f}",
                    "short": loc.data["months_short"][m - 1],
                    "name": format_month(y, m, loc),
                    "year": loc.num(y) if m == 1 or (y, m) == first else "",
                    "label": loc.t(
                        "overview_bar", month=format_month(y, m, loc), entries=loc.plural("entries", n)
                    ),
                }
            )
        earlier = background + sum(n for key, n in counts.items() if key < first)
        later = sum(n for key, n in counts.items() if key > last)
        before, after = _shift_month(first, -1), _shift_month(last, 1)
        return {
            "bars": bars,
            "earlier": {
                "n": earlier,
                "text": loc.t("overview_earlier", entries=loc.plural("entries", earlier)),
                "to": f"{before[0]}-{before[1]:02d}",
            }
            if earlier
            else None,
            "later": {
                "n": later,
                "text": loc.t("overview_later", entries=loc.plural("entries", later)),
                "from": f"{after[0]}-{after[1]:02d}",
            }
            if later
            else None,
            "first": format_month(*first, loc),
            "last": format_month(*last, loc),
        }


def _render(env: Environment, template: str, context: Mapping[str, Any]) -> bytes:
    html = env.get_template(template).render(**context)
    return (html.rstrip("\n") + "\n").encode("utf-8")


def _environment(keep_compiled: bool = False) -> Environment:
    """Return the templates' environment; with `keep_compiled`, templates compiled once per process."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR), encoding="utf-8"),
        autoescape=select_autoescape(enabled_extensions=("html", "xml"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # each build makes its own environment: no template changes while it renders
    )
    env.filters["plain_line"] = plain_line  # text of a <title>: no control character, bidi contained
    if keep_compiled:
        env.bytecode_cache = _COMPILED
    return env


class _CompiledTemplates(BytecodeCache):
    """Templates compiled by this process, by name and source checksum: the preview's rebuilds reuse them.

    Kept in memory only: a compiled template read back from disk (Jinja's own cache, in marshal)
    would be code a planted file could replace.
    """

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, Any]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._kept.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._kept[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED = _CompiledTemplates()


def _root_context(config: Config) -> dict[str, Any]:
    base = config.base_url
    ar, en = Locale("ar", config.digits), Locale("en", config.digits)
    return {
        "ar": ar,
        "en": en,
        "ar_href": urls.page_href(base, "ar"),
        "en_href": urls.page_href(base, "en"),
        "root_href": urls.normalize_base(base),
        "root_js": urls.asset_href(base, "static/root.js"),
        "css": urls.asset_href(base, "static/site.css"),
        "favicon": urls.asset_href(base, "static/favicon.svg"),
        "title_ar": config.title_ar,
        "title_en": config.title_en,
    }


def _robots(config: Config) -> bytes:
    sitemap = urls.asset_href(config.base_url, "sitemap.xml")
    return f"User-agent: *\nAllow: /\nSitemap: {sitemap}\n".encode()


def _article_ids(entry: Entry) -> list[str]:
    return sorted({event.article_id for event in entry.events})


def _entry_year(entry: Entry) -> int:
    return entry.time.first.year


def story_range(counts: Mapping[tuple[int, int], int]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Return the first and last month of the story's own run of entries: months apart by more than
    STORY_GAP split the months into runs, and the run with the most entries (the latest of equals) wins."""
    months = sorted(key for key, n in counts.items() if n)
    if not months:
        return None
    runs: list[list[tuple[int, int]]] = [[months[0]]]
    for previous, month in zip(months, months[1:], strict=False):
        if _month_number(month) - _month_number(previous) > STORY_GAP:
            runs.append([])
        runs[-1].append(month)
    best = max(runs, key=lambda run: (sum(counts[m] for m in run), run[-1]))
    return best[0], best[-1]


def _month_number(month: tuple[int, int]) -> int:
    return month[0] * 12 + month[1] - 1


def _shift_month(month: tuple[int, int], delta: int) -> tuple[int, int]:
    number = _month_number(month) + delta
    return number // 12, number % 12 + 1


def _months_between(first: tuple[int, int], last: tuple[int, int]) -> Iterator[tuple[int, int]]:
    for number in range(_month_number(first), _month_number(last) + 1):
        yield number // 12, number % 12 + 1


def _written_in(text: str, lang: str) -> Fragment:
    """Return text marked Arabic when most of its letters are, else English (a note an editor wrote,
    perhaps quoting the Arabic text)."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return Fragment(text, "ar" if arabic >= latin and arabic else ("en" if lang == "ar" else lang))


def _entry_sentences(entry: Entry) -> tuple[str, ...]:
    """Return the sentences an entry's sources say it in, each once, spaces made single, up to about
    ENTRY_TEXT_LIMIT characters (an entry a hundred outlets report says the same names a hundred times)."""
    said: dict[str, None] = {}
    size = 0
    for event in entry.events:
        text = " ".join(event.quoted.split())
        if text and text not in said:
            said[text] = None
            size += len(text)
            if size >= ENTRY_TEXT_LIMIT:
                break
    return tuple(said)


def _one_per_sentence(own: Sequence[tuple[Event, Entry]]) -> list[tuple[Event, Entry]]:
    """Return an article's dated sentences with each sentence listed once per entry it belongs to."""
    seen: set[tuple[int, str]] = set()
    kept = []
    for event, entry in own:
        key = (event.sentence_start, entry.id)
        if key not in seen:
            seen.add(key)
            kept.append((event, entry))
    return kept


def _marked_sentence(event: Event, mentions: Sequence[Mention]) -> Markup:
    """Return an event's sentence, stripped, with the phrases that date it in <mark> elements and, when
    its entry quotes only a clause of it, the rest in a muted <span class="beside">."""
    text = event.sentence
    spans: list[tuple[int, int]] = []
    for mention in mentions:
        start = mention.start - event.sentence_start
        if not (start >= 0 and text[start : start + len(mention.text)] == mention.text):
            start = text.find(mention.text) if mention.text else -1
        if start >= 0 and all(start >= b or start + len(mention.text) <= a for a, b in spans):
            spans.append((start, start + len(mention.text)))
    if event.quote is None:
        return _marked(text, tuple(sorted(spans)))
    a, b = event.quote
    inside = tuple(sorted((x - a, y - a) for x, y in spans if a <= x and y <= b))
    return Markup(" ").join([*_beside(text[:a]), _marked(text[a:b], inside), *_beside(text[b:])])


def _beside(text: str) -> list[Markup]:
    """Return the words of a sentence its entry does not quote, muted (none when there are none)."""
    words = text.strip()
    return [Markup('<span class="beside">{}</span>').format(words)] if words else []


@lru_cache(maxsize=4096)  # both languages' entry pages quote the same sentence
def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> Markup:
    lead = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    parts: list[str] = []
    at = lead
    for a, b in spans:
        if a < at or b > end:
            continue
        parts.append(str(Markup.escape(text[at:a])))
        parts.append(f'<mark class="date-phrase">{Markup.escape(text[a:b])}</mark>')
        at = b
    parts.append(str(Markup.escape(text[at:end])))
    return Markup("".join(parts))


def _disagrees(entry: Entry) -> bool:
    """Return True when an entry's sources give different dates (merge's warning, or their own dates)."""
    if DATES_DISAGREE in entry.warnings:
        return True
    # Without merge's word: no date that every article gives it (one article's own several dates, a
    # day and its week, are not a disagreement between sources).
    given: dict[str, set[str]] = {}
    for event in entry.events:
        if event.gives_date:
            given.setdefault(event.article_id, set()).add(event.time.value)
    if len(given) < 2:
        return False
    return not set.intersection(*given.values())


def _entry_section(entry: Entry) -> tuple[int, int | None]:
    """Return the year and month section (None: longer than a month) an entry is shown under."""
    return entry.time.first.year, entry_month(entry)


def _entry_month_key(entry: Entry) -> tuple[int, int]:
    return entry.time.first.year, entry.time.first.month


def _month_anchor(year: int, month: int | None) -> str:
    return f"m-{year}-{month:02d}" if month is not None else f"m-{year}-all"


def _outlet_slug(en: str, ar: str) -> str:
    if not en and not ar:
        return UNNAMED_OUTLET
    ascii_slug = re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")
    if ascii_slug:
        return ascii_slug
    return "outlet-" + hashlib.sha1((en or ar).encode("utf-8")).hexdigest()[:8]


def _unique(slug: str, taken: Mapping[str, object]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _unique_sorted(items: Iterable[str]) -> list[str]:
    return sorted(set(items))


def _source_label_data(article: Article, index: SiteIndex) -> tuple[object, ...]:
    """Return what _PageMaker._make_source_label reads: the outlet's names, else the article's label."""
    outlet = index.outlets[index.outlet_of[article.id]]
    return ("outlet", outlet.name_ar or "", outlet.name_en or "")


@lru_cache(maxsize=65536)  # asked once per event of an entry; a long article's first line is long too
def _lead(text: str, limit: int = LEAD_LIMIT) -> str:
    """Return an untitled article's opening words: its first line, cut at a word near `limit` characters."""
    space = _SPACE.match(text)  # without copying the text, as lstrip() would
    start = space.end() if space else 0
    end = _LINE_BREAK.search(text, start)
    line = text[start : end.start() if end else len(text)].strip()
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > limit // 2 else limit].rstrip(" ،,.:;") + "…"


def _safe_url(url: str | None) -> dict[str, str] | None:
    """Return an http(s) address as a valid href and its text as written, else None."""
    if url and re.match(r"^https?://", url.strip(), re.IGNORECASE):
        text = url.strip()
        return {"href": quote(text, safe=":/?#[]@!$&'()*+,;=%~"), "text": text}
    return None


__all__ = [
    "LazySite",
    "render_site",
    "page_keys",
    "article_documents",
    "entry_documents",
    "planned_article_documents",
    "planned_entry_documents",
    "build_index",
    "language_makers",
    "render_language",
    "export_makers",
    "render_exports",
]
