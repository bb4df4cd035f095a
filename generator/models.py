"""The plain data that flows through the pipeline: frozen, comparable, free of behaviour.

Every stage takes these and returns these; nothing here reads files or knows about HTML.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Literal

Grain = Literal["day", "week", "month", "season", "year", "decade"]
Kind = Literal["absolute", "relative", "weekday", "hijri", "duration", "present"]
Calendar = Literal["gregorian", "hijri"]
Role = Literal["event", "context"]
"""`event`: a happening of the story; `context`: a date that qualifies a noun or gives background."""

GRAIN_ORDER: dict[str, int] = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "decade": 5}
"""Finer grains sort first: a day comes before the month that contains it."""


@dataclass(frozen=True)
class Outlet:
    """A publisher's name in both languages."""

    ar: str
    en: str


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: which file, where, what, and what to do about it."""

    path: str
    message: str
    hint: str = ""
    line: int | None = None
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.message}{tail}"


@dataclass(frozen=True)
class Article:
    """One source text, exactly as decoded, with what the catalogue or front matter says of it."""

    id: str
    """File stem, unique in the source folder (subfolders prefix it with their path, joined by '/')."""
    path: str
    """Path relative to the source folder, with '/' separators."""
    text: str
    """The body exactly as decoded; every offset in the pipeline indexes this string."""
    slug: str
    """URL-safe form of the id, used in every link to this article."""
    title: str | None = None
    outlet: Outlet | None = None
    url: str | None = None
    published: date | None = None
    """The document creation time (DCT) against which relative dates resolve."""
    published_basis: str | None = None
    published_source: Literal["front-matter", "catalogue", "page", "inferred", "none"] = "none"
    lang: str = "ar"
    """ISO 639-1 code: the catalogue's `lang`, else what generator.language detects in the text."""
    page_basis: tuple[tuple[str, str], ...] = ()
    """For a saved web page: (field, where in the page it was found) for each field the page gave."""
    extraction: str = ""
    """Key of the date engine's result for this text (sha256 of text, given date and engine settings),
    so stages that key on the mentions key on this instead; '' before extraction or if the engine failed."""


@dataclass(frozen=True)
class TimeValue:
    """A resolved point or period: ISO value, grain, and the inclusive range of days it covers."""

    value: str
    """ISO 8601: '2016', '2016-09', '2016-09-09', '2016-W39', or an interval '2016-02/2016-09'."""
    grain: Grain
    first: date
    last: date
    approximate: bool = False


@dataclass(frozen=True)
class Mention:
    """One date expression found in a text: `text == article_text[start:end]`."""

    start: int
    end: int
    text: str
    time: TimeValue | None
    kind: Kind
    calendar: Calendar = "gregorian"
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """One dated sentence of one article, or the article's own report dated by its publication."""

    id: str
    """Stable: a hash of the article id and the sentence span."""
    article_id: str
    time: TimeValue
    sentence_start: int
    sentence_end: int
    sentence: str
    mention: Mention | None = None
    """The mention that dates this event; None for a report event."""
    is_report: bool = False
    role: Role = "event"
    carried: bool = False
    """True for a sentence with no date of its own, dated by the account it carries on (events._told_on)."""
    quote: tuple[int, int] | None = None
    """Where, in the sentence, the words its entry quotes lie when they are not the whole sentence (one of
    several entries' clauses, or the sentence before an aside about another happening: generator.quotes)."""

    @property
    def date_span(self) -> tuple[int, int] | None:
        """Where the mention that dates this event lies in its sentence; None for a report, a sentence
        carried on, or a mention outside the sentence (a paragraph's label, a dateline)."""
        mention = self.mention
        if mention is None or not (self.sentence_start <= mention.start and mention.end <= self.sentence_end):
            return None
        return mention.start - self.sentence_start, mention.end - self.sentence_start

    @property
    def quoted(self) -> str:
        """The words of the sentence this event's entry quotes."""
        return self.sentence if self.quote is None else self.sentence[self.quote[0] : self.quote[1]]

    @property
    def gives_date(self) -> bool:
        """True for a fact dated by its own words: neither a report nor a sentence carried on."""
        return not self.is_report and not self.carried


@dataclass(frozen=True)
class Headline:
    """An entry's headline (and optional summary) per language; `en` may be absent."""

    ar: str
    en: str | None = None
    summary_ar: str | None = None
    summary_en: str | None = None
    basis_ar: str = ""
    """Where the Arabic headline came from: 'clause', 'title', 'editor', or '<lang>-source' ('en-source')
    when the entry has no Arabic source and `ar` holds a headline in that language."""
    basis_en: str = ""
    """Where the English headline came from: 'editor', 'english-source', or '' when there is none."""


@dataclass(frozen=True)
class Entry:
    """What the timeline shows: one happening, its date, and every source sentence that reports it."""

    id: str
    time: TimeValue
    events: tuple[Event, ...]
    headline: Headline
    warnings: tuple[str, ...] = ()
    role: Role = "event"
    """A context entry is background: shown apart, never sets the overview chart's range."""
    maybe_same: tuple[str, ...] = ()
    """Ids of the entries a day apart that may tell the same happening (merge._maybe_same)."""


@dataclass(frozen=True)
class MonthGroup:
    """Entries of one month (month is None for entries coarser than a month)."""

    year: int
    month: int | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class YearGroup:
    """Entries of one year, by month."""

    year: int
    months: tuple[MonthGroup, ...]


@dataclass(frozen=True)
class Timeline:
    """Ordered entries grouped by year and month, with the articles they cite."""

    entries: tuple[Entry, ...]
    years: tuple[YearGroup, ...]
    articles: tuple[Article, ...]
    counts: tuple[tuple[int, int, int], ...] = ()
    """(year, month, number of entries) for every month from the first to the last, zeros included."""
    problems: tuple[Problem, ...] = field(default=())
    mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict)
    """Every date mention of every article (by article id), so article pages highlight them all."""


def article_fingerprint(article: Article) -> tuple[object, ...]:
    """Return what keys need of an article: every field, with the text stood for by its extraction key.

    That key hashes the text, its given date and the engine, so it also stands for the article's
    mentions; an article the engine failed on (no key, no mentions) is stood for by its text's sha256.
    """
    text = article.extraction or hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()
    return (text, *(getattr(article, name) for name in _ARTICLE_FIELDS))


_ARTICLE_FIELDS = tuple(f.name for f in fields(Article) if f.name not in ("text", "extraction"))
