"""Date mentions in English and French articles: dateparser finds them, and what it mistakes is dropped.

dateparser's `search_dates` finds dates in many languages but, as its own README warns, takes too much
for one: counts ("39 months"), decimals ("47.8"), clock times ("3:30 p.m."), lone numbers, the verb
"may". Each span it finds is trimmed to its date words, parsed again for its grain, and kept only
when it is a date by the rules below; the small words those rules need are data
(generator/data/dates_latin.yaml), month and weekday names are dateparser's own. The result is the
Arabic engine's Mention, so events and merging treat every language alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator.models import Kind, Mention, TimeValue
from generator.temporal.calendars import day_value, month_value, week_value, year_value

LANGUAGES = ("en", "fr")
"""The languages this reader dates; other non-Arabic articles get no mentions."""
DATA = Path(__file__).parent / "data" / "dates_latin.yaml"
NO_DCT_BASE = datetime(2000, 1, 1)  # noqa: DTZ001 (a calendar day, no time zone meant)
"""What dateparser resolves against when the article has no date: only what states its year is kept."""
YEARS = (1800, 2100)
"""A four-digit number outside these is no year."""

_TOKEN = re.compile(r"\d+(?:[.,:h]\d+)*(?:st|nd|rd|th|er|e)?|\w+(?:['’]\w+)*['’]?|[^\w\s]", re.IGNORECASE)
_DAY_NUMBER = re.compile(r"^(\d{1,2})(st|nd|rd|th|er|e)?$", re.IGNORECASE)
_YEAR = re.compile(r"^\d{4}$")
_NUMBER = re.compile(r"^[\d.,\s]+$")
_CLOCK = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


@dataclass(frozen=True)
class Words:
    """One language's words the rules look at, folded to lower case."""

    edge: frozenset[str]
    year_prefixes: frozenset[str]
    month_prefixes: frozenset[str]
    relative: frozenset[str]
    duration: frozenset[str]
    future: frozenset[str]
    clock: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    ago: tuple[str, ...]
    phrases: tuple[str, ...]
    """Relative words of several words ("il y a"), found around a span as a whole."""


def find_latin_mentions(text: str, dct: date | None, lang: str) -> list[Mention]:
    """Return the date mentions of an English or French text, resolved against its document date."""
    if lang not in LANGUAGES:
        return []
    from dateparser.search import search_dates

    words = language_words(lang)
    settings = _settings(dct)
    mentions: list[Mention] = []
    for start, line in _lines(text):
        found = search_dates(line, languages=[lang], settings=settings) or []
        for a, b in _merge_adjacent(line, _locate(line, [s for s, _ in found])):
            for piece in _pieces(line, a, b, words):
                mention = _mention(line, *piece, start, dct, lang, words)
                if mention is not None and (not mentions or mention.start >= mentions[-1].end):
                    mentions.append(mention)
    return mentions


@cache
def language_words(lang: str) -> Words:
    """Return the rules' words for `lang`: this project's data and dateparser's month and weekday names."""
    from dateparser.languages.loader import default_loader

    data = yaml.load(DATA.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)[lang]  # all strings: "on" too
    info = default_loader.get_locale(lang).info
    months = {
        name.lower().rstrip(".")
        for key in ("january", "february", "march", "april", "may", "june", "july", "august")
        + ("september", "october", "november", "december")
        for name in info.get(key, [])
    }
    weekdays = {
        name.lower().rstrip(".")
        for key in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        for name in info.get(key, [])
        if len(name) > 3  # "mon", "sat", "lu": words of their own far more often than weekdays
    }

    def folded(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []))

    return Words(
        edge=folded("edge_words"),
        year_prefixes=folded("year_prefixes"),
        month_prefixes=folded("month_prefixes"),
        relative=folded("relative_words"),
        duration=folded("duration_words"),
        future=folded("future_cues"),
        clock=folded("clock_words"),
        months=frozenset(months),
        weekdays=frozenset(weekdays),
        ago=tuple(str(w).lower() for w in info.get("ago", [])),
        phrases=tuple(w for w in folded("relative_words") if " " in w),
    )


def _settings(dct: date | None) -> dict[str, Any]:
    base = datetime(dct.year, dct.month, dct.day) if dct else NO_DCT_BASE  # noqa: DTZ001
    return {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "current_period",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }


@cache
def _parser(lang: str, base: datetime) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[lang], settings=_settings(base.date() if base != NO_DCT_BASE else None))


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    at = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((at, line))
        at += len(line) + 1
    return out


def _locate(line: str, found: list[str]) -> list[tuple[int, int]]:
    """Return where each string search_dates found lies in the line, in order."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in found:
        at = line.find(piece, cursor)
        if at >= 0:
            spans.append((at, at + len(piece)))
            cursor = at + len(piece)
    return spans


def _merge_adjacent(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join spans search_dates cut apart ("Aug" and "21" of "Aug. 21"): only a dot or space between."""
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and re.fullmatch(r"\.?\s?", line[merged[-1][1] : a]) and b - merged[-1][0] < 40:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _tokens(line: str, a: int, b: int) -> list[tuple[int, int, str]]:
    return [(a + m.start(), a + m.end(), m.group().lower()) for m in _TOKEN.finditer(line[a:b])]


def _pieces(line: str, a: int, b: int, words: Words) -> list[tuple[int, int]]:
    """Return the runs of a found span between its small words and punctuation, each widened over the
    date words beside it that search_dates left out ("lundi" of "lundi prochain", "2019" of
    "January 14, 2019", "il y" of "il y a trois jours")."""
    pieces: list[tuple[int, int]] = []
    run: list[tuple[int, int, str]] = []
    tokens = _tokens(line, a, b)
    for i, token in enumerate([*tokens, (b, b, ".")]):
        abbreviation = (
            token[2] == "."
            and run
            and run[-1][2] in words.months
            and i + 1 < len(tokens)
            and _is_date_word(tokens[i + 1][2], words)
        )
        if abbreviation:  # "Aug. 21"
            run.append(token)
        elif token[2] in words.edge or not token[2][0].isalnum():
            if run:
                pieces.append(_widen(line, run[0][0], run[-1][1], words))
            run = []
        else:
            run.append(token)
    return pieces


def _widen(line: str, a: int, b: int, words: Words) -> tuple[int, int]:
    for phrase in words.phrases:  # a relative phrase the span starts inside of
        at = line.lower().rfind(phrase, max(0, a - len(phrase)), a + len(phrase))
        if 0 <= at < a:
            a = at
    while True:
        before = _TOKEN.search(line[max(0, a - 30) : a][::-1])
        after = _TOKEN.match(line, b + 1) if line[b : b + 1] == " " else None
        if after is not None and _is_date_word(after.group(), words):
            b = after.end()
            continue
        comma_year = re.match(r", (\d{4})\b", line[b:])
        if (
            comma_year is not None
            and YEARS[0] <= int(comma_year[1]) <= YEARS[1]
            and _DAY_NUMBER.match(line[:b].split()[-1] if line[:b].split() else "")
        ):
            b += comma_year.end()
            continue
        if before is not None:
            word = before.group()[::-1]
            start = a - before.end()
            if line[start + len(word) : a] == " " and _is_date_word(word, words):
                a = start
                continue
        return a, b


def _is_date_word(token: str, words: Words) -> bool:
    t = token.lower().rstrip(".")
    return bool(
        _DAY_NUMBER.match(t)
        or _YEAR.match(t)
        or t in words.months
        or t in words.weekdays
        or t in words.relative
    )


def _previous_word(line: str, a: int) -> str:
    before = _TOKEN.findall(line[max(0, a - 40) : a])
    return before[-1].lower() if before else ""


def _mention(
    line: str, a: int, b: int, offset: int, dct: date | None, lang: str, words: Words
) -> Mention | None:
    core = line[a:b]
    tokens = [t for _, _, t in _tokens(line, a, b)]
    bare = [t.rstrip(".") for t in tokens if t[0].isalnum()]
    if _CLOCK.search(core) or any(t in words.clock for t in bare):
        return None  # a clock time
    has_month = any(t in words.months for t in bare)
    has_weekday = any(t in words.weekdays for t in bare)
    relative = any(t in words.relative for t in bare) or any(w in core.lower() for w in words.ago)
    relative = relative or any(" " in w and w in core.lower() for w in words.relative)
    years = [int(t) for t in bare if _YEAR.match(t) and YEARS[0] <= int(t) <= YEARS[1]]
    day_numbers = [t for t in bare if _DAY_NUMBER.match(t)]
    before = _previous_word(line, a)
    if _NUMBER.match(core):
        if not (_YEAR.match(core.strip()) and years and before in words.year_prefixes):
            return None  # a count, a decimal or a lone number
    elif any(t in words.duration for t in bare) and not relative:
        return None  # a length of time ("39 months", "douze mois")
    elif not (has_month or has_weekday or relative or years):
        return None  # nothing that names a date
    elif has_month and not (day_numbers or years) and len(bare) == 1:
        if before not in words.month_prefixes or (lang == "en" and not core[0].isupper()):
            return None  # "may" the verb, "march" the walk
    elif has_weekday and lang == "en" and not any(w[0].isupper() for w in core.split()):
        return None
    if any(t.isdigit() and not _YEAR.match(t) and not _DAY_NUMBER.match(t) for t in bare):
        return None  # a number that is neither a day nor a year ("128 voix")
    base = datetime(dct.year, dct.month, dct.day) if dct else NO_DCT_BASE  # noqa: DTZ001
    kind: Kind = "weekday" if has_weekday and not day_numbers else "relative" if relative else "absolute"
    # A weekday is read alone ("lundi" of "lundi prochain", which dateparser does not parse whole).
    said = next(t for t in bare if t in words.weekdays) if kind == "weekday" else core
    parsed = _parser(lang, base).get_date_data(said)
    if parsed is None or parsed.date_obj is None:
        return None
    day: date = parsed.date_obj.date()
    period = parsed.period
    warnings: tuple[str, ...] = ()
    future = _future(line, a, words)
    time: TimeValue | None
    if kind == "weekday":
        time = _weekday(day, dct, future or any(t in words.future for t in bare))
    elif period == "year":
        time = year_value(day.year) if (years or relative) else None
    elif period == "month" and (has_month or relative):
        time = month_value(day.year, day.month)
    elif period == "week" and relative:
        time = week_value(day, "monday")
    elif period == "day" and (day_numbers or relative):
        time = day_value(day)
    else:
        return None
    if time is not None and kind == "absolute" and not years:
        time, warnings = _nearest_year(time, dct, future), ("year-inferred",)
    if dct is None and not years:
        time = None  # resolved against no date: unknown
    return Mention(offset + a, offset + b, core, time, kind, "gregorian", warnings)


def _future(line: str, a: int, words: Words) -> bool:
    """Return True when the clause before position `a` speaks of the future."""
    start = 0
    for match in _SENTENCE_END.finditer(line, 0, a):
        start = match.end()
    return any(t.lower() in words.future for t in _TOKEN.findall(line[start:a]))


def _weekday(found: date, dct: date | None, future: bool) -> TimeValue | None:
    """Return the weekday nearest the DCT: before it, or after it when the clause is about the future."""
    if dct is None:
        return None
    delta = (found.weekday() - dct.weekday()) % 7
    return day_value(dct + timedelta(days=delta) if future else dct - timedelta(days=(7 - delta) % 7))


def _nearest_year(time: TimeValue, dct: date | None, future: bool) -> TimeValue | None:
    """Return a year-less day or month in the year that puts it nearest the DCT (after it, if future)."""
    if dct is None:
        return None
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            if time.grain == "day":
                options.append(day_value(time.first.replace(year=year)))
            else:
                options.append(month_value(year, time.first.month))
        except ValueError:  # 29 February
            continue
    if future:
        options = [o for o in options if o.last >= dct] or options
    return min(options, key=lambda o: min(abs((o.first - dct).days), abs((o.last - dct).days)))
