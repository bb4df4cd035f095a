"""Date every article and find its date mentions, in parallel, cached by content and engine version.

An article without a publication date gets the one the date engine infers from its text
(`published_source = "inferred"`, the evidence in `published_basis`). Each result is cached under
sha256(text, given date, engine settings) on one shelf (generator.fragments: a record and the
difference since) in a folder per engine version, so an edit re-extracts one article, a rebuild reads
every other one's result in one file, and a new engine re-extracts all (and drops the old folder).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import re
import shutil
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, fields, replace
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from generator.config import Config
from generator.errors import BuildError
from generator.forking import Standby
from generator.fragments import Fragments
from generator.models import Article, Mention, Problem, TimeValue

Progress = Callable[[int, int], None]
"""Called with (articles done, articles in all) as extraction proceeds."""

CACHE_FORMAT = 4
"""Bumped when what the shelf holds changes shape; the shelf is also keyed by the classes' fields."""
STANDBY_LIMIT = 16
"""At most this many articles to extract go to the engine on standby (one process); more, to a pool."""
EXTRACTIONS = "extractions"
"""The shelf, in the engine version's cache folder, of every article's extraction by cache key."""
LATIN_LANGUAGES = ("en", "fr")
"""Languages dated by dateparser (generator.latin_dates) rather than the Arabic engine."""
_VERSION_DIR = re.compile(r"^[A-Za-z0-9._-]*\+[0-9a-f]{16}$")
"""Cache subfolders are named by engine_version(): '<ENGINE_VERSION>+<16 hex digits of its code>'."""


@dataclass(frozen=True)
class Extraction:
    """What the date engine says about one text: its document date (given or inferred) and mentions."""

    dct: date | None
    evidence: str | None
    inferred: bool
    mentions: tuple[Mention, ...]


_LAYOUT = hashlib.sha256(
    repr([(f.name, str(f.type)) for cls in (Extraction, Mention, TimeValue) for f in fields(cls)]).encode()
).hexdigest()[:16]
"""The fields of the classes the shelf holds (as JSON): another layout never reads it."""


def engine_version() -> str:
    """Return a fingerprint of the date engine: its declared ENGINE_VERSION and its code and lexicon."""
    from generator import temporal

    if not callable(getattr(temporal, "find_mentions", None)):
        raise BuildError("the date engine (generator.temporal.find_mentions) is missing", hint="reinstall")

    digest = hashlib.sha256()
    root = Path(temporal.__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml", ".json", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return f"{getattr(temporal, 'ENGINE_VERSION', 'unversioned')}+{digest.hexdigest()[:16]}"


def extract_text(
    text: str,
    dct: date | None,
    week_start: str = "saturday",
    not_dates: tuple[str, ...] = (),
    lang: str = "ar",
    near: date | None = None,
) -> Extraction:
    """Return the document date (inferred from the text when `dct` is None; `near`, the folder's
    other articles' middle day, gives a dateline without a year its year) and the text's mentions.

    English and French texts are dated by generator.latin_dates (dateparser), every other by the
    Arabic engine (which also skips the user's `not_dates` phrases).
    """
    if lang in LATIN_LANGUAGES:
        from generator.latin_dates import find_latin_mentions

        return Extraction(dct, None, False, tuple(find_latin_mentions(text, dct, lang)))
    from generator.temporal import find_mentions
    from generator.temporal.anchor import infer_dct

    evidence: str | None = None
    inferred = False
    if dct is None:
        found, why = infer_dct(text, near)
        if found is not None:
            dct, evidence, inferred = found, why, True
    mentions = find_mentions(text, dct, week_start=week_start, not_dates=not_dates)
    return Extraction(dct, evidence, inferred, tuple(mentions))


def extract_all(
    articles: Sequence[Article],
    config: Config,
    *,
    progress: Progress | None = None,
    problems: list[Problem] | None = None,
    engine: Engine | None = None,
) -> tuple[list[Article], dict[str, list[Mention]]]:
    """Return the articles with their document dates and extraction keys, and their mentions by article id.

    With an `engine` (standby()), up to STANDBY_LIMIT articles the cache lacks are extracted by it;
    it is stopped unused otherwise.
    """
    version = engine_version()
    cache = config.cache_dir / re.sub(r"[^A-Za-z0-9._+-]", "_", version)
    prune_cache(config.cache_dir, keep=cache.name)
    near = folder_day(articles)
    keys = {a.id: cache_key(a.text, a.published, _settings_of(a, version, config, near)) for a in articles}
    store = cache_store(cache, version)
    shelf = store.shelf(EXTRACTIONS, Extraction)
    results: dict[str, Extraction] = {}
    for article in articles:
        key = keys[article.id]
        cached = _stored(shelf.stored.get(key))
        if cached is not None:
            results[article.id] = cached
            shelf.keep(key)  # for the next build too
    todo = [a for a in articles if a.id not in results]

    failed: set[str] = set()
    times: dict[TimeValue, TimeValue] = {}

    def record(article: Article, outcome: Extraction | str) -> None:
        if isinstance(outcome, str):
            failed.add(article.id)
            if problems is not None:
                problems.append(
                    Problem(
                        (config.source / article.path).as_posix(),
                        f"the date engine failed on this article ({outcome}); it is shown without dates",
                        hint="please report this with the file",
                        code="engine-error",
                    )
                )
            outcome = Extraction(article.published, None, False, ())
        else:
            outcome = _shared(outcome, times)
            shelf.put(keys[article.id], outcome)
        results[article.id] = outcome
        if progress:
            progress(len(results), len(articles))

    if progress:
        progress(len(results), len(articles))
    if engine is not None:
        if todo and len(todo) <= STANDBY_LIMIT:
            items = [_item(a, config, near) for a in todo]
            for article, made in zip(todo, engine.run(items), strict=True):
                record(article, made)
            todo = []
        else:
            engine.cancel()
    workers = min(config.jobs or os.cpu_count() or 1, len(todo))
    if workers > 1:
        _prepare()  # forked workers inherit the compiled patterns
    pool = _pool(workers) if workers > 1 else None
    if pool is not None:
        with pool:
            items = [_item(a, config, near) for a in todo]
            try:
                outcomes = pool.map(_extract_safely, items, chunksize=max(1, len(todo) // (workers * 4)))
                for article, outcome in zip(todo, outcomes, strict=True):
                    record(article, outcome)
            except BrokenProcessPool:
                pass  # a worker died (killed, out of memory): the rest are extracted here
    for article in todo:
        if article.id not in results:
            record(article, _extract_safely(_item(article, config, near)))
    store.save()  # only what these articles use: the shelf never outgrows the source folder

    dated: list[Article] = []
    mentions: dict[str, list[Mention]] = {}
    for article in articles:
        result = results[article.id]
        key = "" if article.id in failed else keys[article.id]
        if result.inferred and article.published is None:
            article = replace(
                article,
                published=result.dct,
                published_source="inferred",
                published_basis=result.evidence,
                extraction=key,
            )
        elif article.extraction != key:
            article = replace(article, extraction=key)
        dated.append(article)
        mentions[article.id] = list(result.mentions)
    return dated, mentions


def cache_store(folder: Path, version: str) -> Fragments:
    """Return the extractions kept in an engine version's cache folder (read when first asked for)."""
    return Fragments(folder, f"{version}:{CACHE_FORMAT}:{_LAYOUT}")


Item = tuple[str, date | None, str, tuple[str, ...], str, date | None]
"""What extracting one article takes: its text, its given date, the week's first day, the user's
not-dates, its language, and the folder's middle day when it has no date of its own."""


def folder_day(articles: Sequence[Article]) -> date | None:
    """Return the middle publication day of the articles that have one (None if none has): an
    undated article's dateline without a year takes the year nearest it."""
    days = sorted(a.published for a in articles if a.published is not None)
    return days[len(days) // 2] if days else None


def _item(article: Article, config: Config, near: date | None) -> Item:
    hint = near if article.published is None else None
    return (article.text, article.published, config.week_start, config.not_dates, article.lang, hint)


def _settings_of(article: Article, version: str, config: Config, near: date | None) -> str:
    """Return what an article's extraction depends on besides text and date: the week's first day,
    the user's not-dates, the folder's middle day for an undated article, and the language of an
    article the Arabic engine does not date."""
    settings = f"{version}/{config.week_start}" + "".join(f"/{p}" for p in config.not_dates)
    if article.published is None and near is not None:
        settings += f"/near:{near.isoformat()}"
    if article.lang in LATIN_LANGUAGES:
        return f"{settings}/{article.lang}/{_latin_version()}"
    return settings


@functools.cache
def _latin_version() -> str:
    """Return a fingerprint of the English and French reader: its code, its data, dateparser's version."""
    import dateparser

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(dateparser.__version__.encode())
    for path in (root / "latin_dates.py", root / "data" / "dates_latin.yaml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
Engine = Standby[None, list[Item], list["Extraction | str"]]


def standby(fork: bool = True) -> Engine:
    """Return the date engine in a forked process, compiling its patterns while this one goes on.

    A rebuild after an edit reads every article before it knows which one to extract: by then the
    engine is ready (its patterns take 70 ms to compile). Give it to extract_all. (fork=False: one
    that extracts in this process.)
    """
    return Standby(_prepare, _extract_each, fork=fork)


def _prepare() -> None:
    from generator.temporal import prepare

    prepare()


def _extract_each(_: None, items: list[Item]) -> list[Extraction | str]:
    return [_extract_safely(item) for item in items]


def _pool(workers: int) -> ProcessPoolExecutor | None:
    # Forking a process whose other threads may hold locks (the preview server rebuilds in a thread)
    # can deadlock the child; from a thread, start clean interpreters instead.
    context = None if threading.current_thread() is threading.main_thread() else get_context("spawn")
    try:
        # A forked worker inherits the build's paused collector (build.build_site): extraction needs it.
        return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=gc.enable)
    except (OSError, NotImplementedError):  # no process support here (some sandboxes): run in-process
        return None


def _extract_safely(item: Item) -> Extraction | str:
    text, dct, week_start, not_dates, lang, near = item
    try:
        return extract_text(text, dct, week_start, not_dates, lang, near)
    except Exception as exc:  # one article the engine chokes on must not stop the others
        return f"{type(exc).__name__}: {exc}"


def prune_cache(folder: Path, keep: str) -> None:
    """Delete the cache folders of other engine versions: their results can never be used again.

    In the kept folder, anything but the shelf goes too (one JSON file per article, as earlier
    versions cached: never read now).
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


def cache_key(text: str, dct: date | None, version: str) -> str:
    """Return the cache key of one extraction: sha256 of the text, the given date and the engine settings."""
    payload = "\0".join((text, dct.isoformat() if dct else "", version, str(CACHE_FORMAT)))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def _shared(result: Extraction, times: dict[TimeValue, TimeValue]) -> Extraction:
    """Return the extraction with each date one object per value across articles (`times` holds them).

    Articles on one story name the same days over and over (105,000 mentions, 2,800 values at
    10,000 articles): shared, the shelf stores and reads each value once.
    """
    mentions = []
    for m in result.mentions:
        time = m.time
        if time is not None and (same := times.setdefault(time, time)) is not time:
            m = Mention(m.start, m.end, m.text, same, m.kind, m.calendar, m.warnings)
        mentions.append(m)
    return replace(result, mentions=tuple(mentions))


def _stored(piece: Any) -> Extraction | None:
    """Return the extraction a shelf holds, or None when there is none or it is not one."""
    if type(piece) is not Extraction or type(piece.mentions) is not tuple:
        return None
    return piece


def mention_to_dict(mention: Mention, approximate: bool = False) -> dict[str, Any]:
    """Return a mention as the JSON object of `timeline extract` (plus `approximate` when asked)."""
    time = mention.time
    data: dict[str, Any] = {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "value": time.value if time else None,
        "grain": time.grain if time else None,
        "first": time.first.isoformat() if time else None,
        "last": time.last.isoformat() if time else None,
        "kind": mention.kind,
        "calendar": mention.calendar,
        "warnings": list(mention.warnings),
    }
    if approximate:
        data["approximate"] = time.approximate if time else False
    return data
