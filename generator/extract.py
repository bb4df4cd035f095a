"""Date every article and find its date mentions: the extract stage, pure (the runner caches and
parallelises it: generator.build).

An article without a publication date gets the one the date engine infers from its text
(`published_source = "inferred"`, the evidence in `published_basis`). Each extraction has a key,
sha256(text, given date, engine settings): the runner keeps results under it, so an edit
re-extracts one article and a new engine re-extracts all.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from generator.config import Config
from generator.errors import BuildError
from generator.models import Article, Mention, Problem, TimeValue

CACHE_FORMAT = 4
"""Bumped when what the cache holds changes shape; it is also keyed by the classes' fields (LAYOUT)."""
LATIN_LANGUAGES = ("en", "fr")
"""Languages dated by dateparser (generator.latin_dates) rather than the Arabic engine."""


@dataclass(frozen=True)
class Extraction:
    """What the date engine says about one text: its document date (given or inferred) and mentions."""

    dct: date | None
    evidence: str | None
    inferred: bool
    mentions: tuple[Mention, ...]


LAYOUT = hashlib.sha256(
    repr([(f.name, str(f.type)) for cls in (Extraction, Mention, TimeValue) for f in fields(cls)]).encode()
).hexdigest()[:16]
"""The fields of the classes an extraction is kept as (JSON): a cache of another layout is never read."""


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
    from generator.temporal.anchor import infer_dct, reading_day

    evidence: str | None = None
    inferred = False
    if dct is None:
        found, why = infer_dct(text, near)
        if found is not None:
            dct, evidence, inferred = found, why, True
    day = reading_day(text, dct) if dct is not None and not inferred else dct
    mentions = find_mentions(text, day, week_start=week_start, not_dates=not_dates)
    if day != dct:  # a dateline before the catalogue's date: unless its weekdays say the catalogue's
        own = find_mentions(text, dct, week_start=week_start, not_dates=not_dates)
        if _weekdays_disagree(own) < _weekdays_disagree(mentions):
            mentions = own  # "مساء أمس الخميس" that a rewrite re-dated to its own day, dateline kept
    return Extraction(dct, evidence, inferred, tuple(mentions))


def _weekdays_disagree(mentions: Sequence[Mention]) -> int:
    """Return how many mentions name a weekday their day does not fall on."""
    return sum("weekday-disagrees" in m.warnings for m in mentions)


def extract_item(item: Item) -> Extraction | str:
    """Return one article's extraction, or what went wrong as text: one article the engine chokes on
    must not stop the others (dated() reports it)."""
    text, dct, week_start, not_dates, lang, near = item
    try:
        return extract_text(text, dct, week_start, not_dates, lang, near)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


Item = tuple[str, date | None, str, tuple[str, ...], str, date | None]
"""What extracting one article takes: its text, its given date, the week's first day, the user's
not-dates, its language, and the folder's middle day when it has no date of its own."""


def items_and_keys(articles: Sequence[Article], config: Config) -> tuple[list[Item], list[str]]:
    """Return what extracting each article takes, and its extraction key: a sha256 of the text, the
    given date and every setting the result depends on (the engine's version among them)."""
    version = engine_version()
    near = folder_day(articles)
    not_dates = config.not_dates + outlet_names_with_dates(articles)
    config = replace(config, not_dates=not_dates)
    items, keys = [], []
    for article in articles:
        hint = near if article.published is None else None
        item = (article.text, article.published, config.week_start, not_dates, article.lang, hint)
        items.append(item)
        keys.append(cache_key(article.text, article.published, _settings_of(article, version, config, near)))
    return items, keys


def outlet_names_with_dates(articles: Sequence[Article]) -> tuple[str, ...]:
    """Return the catalogue's outlet names that hold a date word beside words of their own («أم درمان
    اليوم» after «صحيفة»): wherever an article quotes them, they name an outlet, not a day."""
    from generator.temporal import lexicon

    heads, date_words = _name_words()
    found: set[str] = set()
    for name in sorted({a.outlet.ar.strip() for a in articles if a.outlet is not None and a.outlet.ar}):
        words = name.split()
        while words and lexicon.key(words[0]) in heads:
            words = words[1:]  # "صحيفة أم درمان اليوم" is quoted as «أم درمان اليوم»
        if len(words) < 2 or not any(lexicon.key(w) in date_words for w in words):
            continue  # most names: no date word, and no need of the engine
        from generator.temporal import find_mentions

        bare = " ".join(words)
        mentions = find_mentions(bare, None)
        if mentions and all(m.end - m.start < len(bare) for m in mentions):
            found.add(bare)
    return tuple(sorted(found))


@functools.cache
def _name_words() -> tuple[frozenset[str], frozenset[str]]:
    """Return the lexicon's media nouns ("صحيفة") and its words for days, months and the present."""
    from generator.temporal import lexicon

    data = lexicon.data()
    phrases = [*data["relative_days"], *data["present"], *data["relative_days_need_part"]]
    for table in ("weekdays", "months", "hijri_months"):
        phrases += [p for names in data[table].values() for p in names]
    words = {lexicon.key(w) for p in phrases for w in p.split()}
    return frozenset(lexicon.key(w) for w in data["media_heads"]), frozenset(words)


def dated(
    articles: Sequence[Article], outcomes: Sequence[Extraction | str], keys: Sequence[str], source: Path
) -> tuple[list[Article], dict[str, list[Mention]], list[Problem]]:
    """Return the articles with their document dates and extraction keys, their mentions by article
    id, and a problem for each article the engine failed on (shown without dates).

    An article without a publication date takes the one the engine inferred from its text.
    """
    articles_dated: list[Article] = []
    mentions: dict[str, list[Mention]] = {}
    problems: list[Problem] = []
    times: dict[TimeValue, TimeValue] = {}
    for article, outcome, key in zip(articles, outcomes, keys, strict=True):
        if isinstance(outcome, str):
            problems.append(
                Problem(
                    (source / article.path).as_posix(),
                    f"the date engine failed on this article ({outcome}); it is shown without dates",
                    hint="please report this with the file",
                    code="engine-error",
                )
            )
            outcome, key = Extraction(article.published, None, False, ()), ""
        else:
            outcome = _shared(outcome, times)
        if outcome.inferred and article.published is None:
            article = replace(
                article,
                published=outcome.dct,
                published_source="inferred",
                published_basis=outcome.evidence,
                extraction=key,
            )
        elif article.extraction != key:
            article = replace(article, extraction=key)
        articles_dated.append(article)
        mentions[article.id] = list(outcome.mentions)
    return articles_dated, mentions, problems


def folder_day(articles: Sequence[Article]) -> date | None:
    """Return the middle publication day of the articles that have one (None if none has): an
    undated article's dateline without a year takes the year nearest it."""
    days = sorted(a.published for a in articles if a.published is not None)
    return days[len(days) // 2] if days else None


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
