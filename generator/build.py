"""Run the pipeline: every stage a pure function, wrapped here in its memo and its executor.

    articles, problems = ingest.read_articles(source, records)            # files -> Article
    outcomes           = extract.extract_item over the articles           # DCT + mentions: memo, executor
    articles, mentions = extract.dated(articles, outcomes, keys, source)
    sentences          = events.sentence_spans(articles)                    # split once: memo
    events, editorial  = events.build_events(...), editorial.read_editorial(...)
    entries            = merge.merge_events(events, articles, editorial, sentences)  # memo, executor
    entries            = quotes.quote_entries(entries)                        # what each source quotes
    timeline           = timeline.build_timeline(entries, articles, problems, mentions)
    files              = render.render_site(timeline, config, pieces)       # {path: bytes}, lazily
    sitewrite.write_site(files, output, ...)                                # swapped in or updated

Beside them the search index is written (search.RunningIndex, started by the executor). Only this
module and generator.sitewrite use the memo (generator.memo), the executor (generator.executor) and
the collector: the stages know none of them.
"""

from __future__ import annotations

import contextlib
import gc
import re
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from generator import buildcache, executor, search
from generator.config import Config
from generator.errors import BuildError
from generator.memo import Memo
from generator.models import Article, Entry, Event, Mention, Problem, Timeline, article_fingerprint
from generator.sitewrite import PageMemo, check_output, site_listing, write_site

if TYPE_CHECKING:
    from generator.editorial import Editorial
    from generator.render import LazySite

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total): stage is 'extract' (articles) or 'write' (files)."""

EDITORIAL = "editorial.yaml"
MERGE_CACHE = "merge.json"
SITE_CACHE = "site.json"
PAGES_CACHE = "pages.json"
FRAGMENTS_DIR = "fragments"
SENTENCES = "sentences"
"""The memo's shelf of each article's sentence spans, by extraction key."""
EXTRACTIONS = "extractions"
"""The memo's shelf, in the engine version's cache folder, of every article's extraction by key."""
PARALLEL_EXTRACTIONS = 32
"""Up to this many articles to date go to the one engine worker warmed while the articles are read
(Run.engine); more, to the executor's workers (each compiles the engine's patterns, 0.15 s)."""
_VERSION_DIR = re.compile(r"^[A-Za-z0-9._-]*\+[0-9a-f]{16}$")
"""Cache subfolders are named by engine_version(): '<ENGINE_VERSION>+<16 hex digits of its code>'."""


class SiteRecord(TypedDict):
    """What the last build wrote: its counts, and the state of the site folder it left."""

    entries: int
    pages: int
    files: int
    state: buildcache.SiteState


@dataclass(frozen=True)
class BuildReport:
    """What a build did: counts, time taken, the problems found, and whether the site was written."""

    output: Path
    articles: int
    mentions: int
    entries: int
    pages: int
    files: int
    seconds: float
    problems: tuple[Problem, ...]
    written: bool
    kept: int = 0
    """Pages kept unchanged from the previous site instead of rendered."""
    held: str = ""
    """Why the site was not written ('--strict', or an input it must not be built without)."""

    def summary(self) -> str:
        """Return the one-line account of the build that `timeline build` prints."""
        counts = (
            f"{self.articles} articles, {self.mentions} date mentions, {self.entries} entries, "
            f"{self.pages} pages ({self.files} files"
            + (f", {self.kept} pages unchanged" if self.kept else "")
            + f") in {self.seconds:.1f} s"
        )
        problems = f"{len(self.problems)} problem{'' if len(self.problems) == 1 else 's'}"
        if not self.written:
            return (
                f"Not written ({problems}, {self.held or '--strict'}): {counts}; {self.output}/ is unchanged"
            )
        return f"Built {self.output}/: {counts}; {problems}"


def build_site(
    config: Config, *, progress: Progress | None = None, keep: list[object] | None = None
) -> BuildReport:
    """Read, date, merge and render the articles in config.source, and put the site in config.output.

    With `keep`, what the build made (millions of objects at 10,000 articles) is appended to it
    instead of freed on return: a process about to end leaves them to the operating system.
    """
    # Until pages are rendered, the build only adds objects that live to its end (mentions, events,
    # entries: millions at 10,000 articles) and makes next to no reference cycles, so every full
    # collection walks them all to free nothing. The collector is paused until then; rendering pages
    # does make cycles, so it runs again for that, over the objects made from then on: those that
    # exist by then are frozen (left out of its collections) until the build ends.
    # Measured (benchmarks/build.py, 1,000 articles, fastest of 2, docs/performance.md): without the
    # pause a one-article rebuild took 1.96 s against 1.81 s (+8%); at 10,000, 1.7 of its 10 CPU-seconds.
    collecting = gc.isenabled()
    freezing = collecting and gc.get_freeze_count() == 0  # (a caller's own freeze is left as it is)
    gc.disable()

    def resume() -> None:
        if freezing:
            gc.freeze()
        if collecting:
            gc.enable()

    try:
        return _build_site(config, progress, resume=resume, keep=[] if keep is None else keep)
    finally:
        if freezing:
            gc.unfreeze()
        if collecting:
            gc.enable()


def _build_site(
    config: Config, progress: Progress | None, resume: Callable[[], None], keep: list[object]
) -> BuildReport:
    from generator import quotes, render, timeline

    started = time.perf_counter()
    check_output(config.output, [config.source])  # before any work: may the site go there?
    run = Run(config, progress)
    try:
        articles, mentions, problems = run.dated_articles()  # files -> Article, DCT + mentions
        run.index(render.planned_article_documents(articles, config, run.documents_salt))  # search, beside
        sentences = run.sentences(articles)  # split once, for events and merge
        found, edits, more = find_events(config, articles, mentions, sentences)  # events, overrides
        entries, merged = run.merged(found, articles, edits, sentences)  # happening -> entry
        problems += more + _shown(config.source, merged)
        held = _held(config, problems)
        report = partial(BuildReport, config.output, len(articles), sum(map(len, mentions.values())))
        report = partial(report, problems=tuple(problems), written=not held, held=held)
        unchanged = None if held else run.unchanged(problems)  # the site on disk is this build's
        if unchanged is not None:
            keep += (articles, mentions, sentences, found, entries)
            return report(**unchanged, seconds=time.perf_counter() - started)
        quoted = quotes.quote_entries(entries)  # a sentence of several entries: each quotes its clause
        ordered = timeline.build_timeline(quoted, articles, problems, mentions)  # ordered, grouped
        check_unique_pages(config.source, articles)  # one page per article
        files = render.render_site(ordered, config, run.pieces)  # {relative path: bytes}, lazily
        resume()  # the collector again: pages are rendered from here on
        counts = run.write(files, ordered) if not held else _counts(files, ordered)
    finally:
        run.close()
    keep += (articles, mentions, sentences, found, entries, ordered, files, run)
    return report(**counts, seconds=time.perf_counter() - started)


class Run:
    """One build's layers around its stages: the memo, the executor, the search index beside it
    (`site`: the build writes a site, so the site folder is listed beside it from the start)."""

    def __init__(self, config: Config, progress: Progress | None = None, *, site: bool = True) -> None:
        self.config = config
        self.progress = progress
        self.executor = executor.choose(config.jobs)
        self.code = buildcache.code_version()
        settings = config.pages_depend_on()
        self.salt = buildcache.key_of(self.code, settings)
        # Search documents hold no path of the build's folders: their key does not either (two builds
        # of one source, written to two places, index alike).
        self.documents_salt = buildcache.key_of(self.code, replace(settings, source=Path(), output=Path()))
        self.records = Memo(config.cache_dir, "")  # one per build: merge, site state, pages written
        self.pieces = Memo(config.cache_dir / FRAGMENTS_DIR, self.salt)  # sentences, cards, rows, items
        self.searching: search.RunningIndex | None = None
        self.merge_key = self.site_key = ""
        self._unstored: Callable[[], None] | None = None
        # What the site folder holds (is it the one the last build wrote? which pages can an update
        # keep?): listed beside the build at a lower priority. Measured at 1,000 articles: listed in line,
        # a one-article rebuild took 2.19 s against 1.81 s, no change 0.88 s against 0.60 s; at 10,000, no
        # change 4.85 s against 4.15 s.
        listed = partial(buildcache.site_state, config.output)
        self._listing = (self.executor if site else executor.Serial()).submit(listed, nice=10)
        # The date engine compiles its patterns on first use (0.15 s): a worker forked now does that
        # while the articles are read, then dates the few an edit changed. Measured at 1,000 articles:
        # without it a one-article rebuild took 2.72 s against 1.81 s (a noisy run; 0.15 s is the cost).
        self.engine = self.executor.warmed(_warm_engine, PARALLEL_EXTRACTIONS)

    def dated_articles(self) -> tuple[list[Article], dict[str, list[Mention]], list[Problem]]:
        """Read the articles in the source folder and date them: the ingest and extract stages."""
        from generator import extract, ingest

        config = self.config
        articles, problems = ingest.read_articles(
            config.source,
            self.records,
            follow_symlinks=config.follow_symlinks,
            limit=config.max_file_mb << 20,
        )
        version = extract.engine_version()
        folder = config.cache_dir / re.sub(r"[^A-Za-z0-9._+-]", "_", version)
        prune_engine_caches(config.cache_dir, keep=folder.name)
        memo = Memo(folder, f"{version}:{extract.CACHE_FORMAT}:{extract.LAYOUT}")
        items, keys = extract.items_and_keys(articles, config)
        progress, total = self.progress, len(items)
        done = None if progress is None else (lambda count: progress("extract", count, total))
        outcomes = memo.map(
            EXTRACTIONS, extract.extract_item, items, keys, kind=extract.Extraction,
            executor=self.engine, done=done, least=PARALLEL_EXTRACTIONS,
        )  # fmt: skip
        memo.save()  # only what these articles use: the shelf never outgrows the source folder
        articles, mentions, failed = extract.dated(articles, outcomes, keys, config.source)
        return articles, mentions, problems + failed

    def sentences(self, articles: Sequence[Article]) -> dict[str, list[tuple[int, int]]]:
        """Return every article's sentence spans, split once (events.sentence_spans), kept by text."""
        from generator import events

        keys = [a.extraction or buildcache.key_of(a.text) for a in articles]
        packed = self.pieces.map(SENTENCES, events.packed_spans, [a.text for a in articles], keys, kind=bytes)
        self.pieces.save()  # now, before writers are forked: they would each save it again
        return {a.id: events.unpacked_spans(spans) for a, spans in zip(articles, packed, strict=True)}

    def index(self, documents: Any) -> None:
        """Start the search index of the article pages beside the build; it may reuse the site's shards."""
        output = self.config.output.absolute()
        self.searching = search.RunningIndex(output, output.parent, self.executor.background).add(documents)

    def merged(
        self, found: Sequence[Event], articles: Sequence[Article], edits: Editorial, sentences: Any
    ) -> Merged:
        """Return the merge of the events into entries: the last build's when its inputs are the same."""
        from generator import merge

        # The events follow from the articles and their mentions by code the key covers: not hashed
        # again; an article's extraction key stands for its text and its mentions.
        self.merge_key = buildcache.key_of(self.code, [article_fingerprint(a) for a in articles], edits)
        merged = _unpacked(self.records.record(MERGE_CACHE, self.merge_key, Packed), found)
        if merged is None:
            parallel = self.executor.beside if self.executor.workers > 1 else None
            merged = merge.merge_events(found, articles, edits, sentences, parallel=parallel)
            record = partial(_packed, merged, found)
            self._unstored = lambda: self.records.remember(MERGE_CACHE, self.merge_key, record())
        return merged

    def unchanged(self, problems: Sequence[Problem]) -> dict[str, int] | None:
        """Return the last build's counts when its inputs were these and its site is still on disk as
        it left it (then there is nothing to redo); else None."""
        self.site_key = buildcache.key_of(self.merge_key, self.config.pages_depend_on(), problems)
        previous = self.records.record(SITE_CACHE, self.site_key, SiteRecord)
        if previous is None or previous["state"] != self.listing():
            return None
        return {k: previous[k] for k in ("entries", "pages", "files")}

    def listing(self) -> buildcache.SiteState | None:
        """Return what the site folder held when the build began (path, size, mtime of every file)."""
        return self._listing.result()

    def write(self, files: LazySite, ordered: Timeline) -> dict[str, int]:
        """Write the site (its search index meanwhile) and remember what was written; return counts."""
        from generator import render

        config = self.config
        assert self.searching is not None
        documents = render.planned_entry_documents(ordered, config, self.documents_salt)
        into = partial(self.searching.add(documents, search.ENTRY_SHARDS).into, carry=True)
        self.searching = None  # write_site waits for it, or stops it
        memo = PageMemo.load(self.records, PAGES_CACHE, self.salt)
        state = write_site(
            files, config.output, index=into, executor=self.executor, memo=memo, keep=[config.source],
            progress=None if self.progress is None else partial(self.progress, "write"),
            listing=lambda: site_listing(self.listing()), meanwhile=self.store_merge,
        )  # fmt: skip
        memo.store(self.records, PAGES_CACHE)
        counts = {**_counts(files, ordered), "files": len(state), "kept": memo.kept}
        record = SiteRecord(entries=counts["entries"], pages=counts["pages"], files=len(state), state=state)
        self.records.remember(SITE_CACHE, self.site_key, record)
        return counts

    def store_merge(self) -> None:
        """Keep a merge made afresh for the next build (while the writers render, when there are pages)."""
        store, self._unstored = self._unstored, None
        if store is not None:
            store()

    def close(self) -> None:
        """Stop what runs beside the build, and keep what it made that is not kept yet."""
        self._listing.cancel()
        self.engine.cancel()
        if self.searching is not None:
            self.searching.stop()
            self.searching = None
        self.store_merge()


def find_events(
    config: Config,
    articles: Sequence[Article],
    mentions: Mapping[str, Sequence[Mention]],
    sentences: Mapping[str, Sequence[tuple[int, int]]],
) -> tuple[list[Event], Editorial, list[Problem]]:
    """Return the events the articles report, the editor's overrides, and the problems met on the way."""
    from generator import editorial, events

    found = events.build_events(articles, mentions, sentences)  # dated sentences + reports
    problems = _shown(config.source, events.undated_problems(articles, mentions))
    edits, more = editorial.read_editorial(config.source / EDITORIAL, config.follow_symlinks)  # overrides
    return found, edits, problems + _shown(config.source, more)


def read_entries(config: Config) -> tuple[list[Entry], list[Problem]]:
    """Return the entries a build of config.source shows (overrides applied, quotes chosen) and its
    problems; no site."""
    from generator import quotes

    run = Run(config, site=False)  # (no site: its folder is not listed)
    try:
        articles, mentions, problems = run.dated_articles()
        sentences = run.sentences(articles)
        found, edits, more = find_events(config, articles, mentions, sentences)
        entries, merged = run.merged(found, articles, edits, sentences)
    finally:
        run.close()
    return quotes.quote_entries(entries), problems + more + _shown(config.source, merged)


def prune_engine_caches(folder: Path, keep: str) -> None:
    """Delete the cache folders of other engine versions: their results can never be used again.

    In the kept folder, anything but the extractions shelf goes too (one JSON file per article, as
    earlier versions cached: never read now).
    """
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.name != keep and child.is_dir() and _VERSION_DIR.match(child.name):
            shutil.rmtree(child, ignore_errors=True)
    with contextlib.suppress(OSError):
        for child in (folder / keep).iterdir():
            if not child.name.startswith(EXTRACTIONS):
                with contextlib.suppress(OSError):
                    child.unlink()


WARM_TEXT = "دمشق، الخميس 3 آذار 2016: قال الوزير أمس إنه سيزور بيروت الأسبوع المقبل في 10 رمضان 1437 هـ."
"""Dated once by the warmed engine worker (Run.engine): every kind of pattern the engine compiles."""


def _warm_engine() -> None:
    from generator import extract

    extract.extract_item((WARM_TEXT, None, "saturday", (), "ar", None))


def _held(config: Config, problems: Sequence[Problem]) -> str:
    """Return why the site is not to be written ('' when it is): without editorial.yaml's overrides
    (an entry it hides among them) no site is written, nor with --strict and any problem."""
    from generator import editorial

    if any(p.code == editorial.UNREADABLE for p in problems):
        return "editorial.yaml unreadable"
    return "--strict" if config.strict and problems else ""


def _counts(files: Mapping[str, bytes], ordered: Timeline) -> dict[str, int]:
    pages = sum(1 for path in files if path.endswith(".html"))
    return {"entries": len(ordered.entries), "pages": pages, "files": len(files)}


Merged = tuple[list[Entry], list[Problem]]


Packed = tuple[list[tuple[Entry, list[str | Event]]], list[Problem]]


def _packed(merged: Merged, found: Sequence[Event]) -> Packed:
    """Return the merge result with each event the merge left as it found it stored as its id.

    The events are rebuilt on every build anyway (they are cheap and their sentences are most of the
    text): storing references keeps the merge record small and quick to write and read.
    """
    by_id = {event.id: event for event in found}
    entries = [
        (replace(entry, events=()), [e.id if by_id.get(e.id) is e else e for e in entry.events])
        for entry in merged[0]
    ]
    return entries, merged[1]


def _unpacked(packed: Any, found: Sequence[Event]) -> Merged | None:
    """Return the merge result _packed stored, its events taken from found; None if one is missing."""
    if packed is None:
        return None
    by_id = {event.id: event for event in found}
    try:
        entries = [
            replace(entry, events=tuple(by_id[e] if isinstance(e, str) else e for e in events))
            for entry, events in packed[0]
        ]
    except KeyError:  # the key covers the events, so only a foreign record gets here
        return None
    return entries, packed[1]


def _shown(source: Path, problems: Sequence[Problem]) -> list[Problem]:
    # Stages report file names relative to the source folder; show them as the user typed the folder.
    return [p if "/" in p.path else replace(p, path=(source / p.path).as_posix()) for p in problems]


def check_unique_pages(source: Path, articles: Sequence[Article]) -> None:
    """Raise BuildError naming both files when two articles would be written to the same page."""
    seen: dict[str, Article] = {}
    for article in articles:
        for key in (f"id {article.id}", f"slug {article.slug.casefold()}"):
            other = seen.setdefault(key, article)
            if other is not article:
                raise BuildError(
                    f"{(source / other.path).as_posix()} and {(source / article.path).as_posix()} "
                    f"would both be written as article {key}",
                    hint="rename one of the two files",
                )
