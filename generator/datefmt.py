"""Dates as a reader reads them, per language: days, weeks, months, seasons, years, decades, ranges, Hijri.

Vocabulary (month and weekday names, phrasing) comes from the locale catalogue; this module only
decides which phrase applies.
"""

from __future__ import annotations

import re
from datetime import date

from hijridate import Gregorian

from generator.i18n import Locale
from generator.models import TimeValue

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("week", re.compile(r"^(\d{4})-W(\d{2})$")),
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("season", re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")),
    ("year", re.compile(r"^(\d{4})$")),
    ("decade", re.compile(r"^(\d{3})$")),
)
_HTML_DATETIME = ("day", "week", "month", "year")


def value_grain(value: str) -> str | None:
    """Return the grain an ISO value is written in ('2016-09' -> 'month'), or None if unrecognised."""
    for grain, pattern in _PATTERNS:
        if pattern.match(value):
            return grain
    return None


def format_day(day: date, loc: Locale, weekday: bool = True) -> str:
    """Write a day: 'Monday 3 October 2016' / 'الاثنين 3 تشرين الأول/أكتوبر 2016'."""
    data = loc.data
    text = data["date"]["day"].format(
        weekday=data["weekdays"][day.weekday()] if weekday else "",
        day=day.day,
        month=data["months"][day.month - 1],
        year=day.year,
    )
    return loc.num(text.strip())


def format_month(year: int, month: int, loc: Locale) -> str:
    """Write a month: 'October 2016' / 'تشرين الأول/أكتوبر 2016'."""
    data = loc.data
    return loc.num(data["date"]["month"].format(month=data["months"][month - 1], year=year))


def format_hijri(day: date, loc: Locale) -> str | None:
    """Write the Umm al-Qura equivalent of a day ('2 محرم 1438 هـ'), or None outside its range."""
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    data = loc.data
    text = data["date"]["hijri"].format(
        day=hijri.day, month=data["hijri_months"][hijri.month - 1], year=hijri.year
    )
    return loc.num(text)


def format_time(time: TimeValue, loc: Locale) -> str:
    """Write a TimeValue the way a reader says it, modifiers ('early May 2016') included."""
    text = _format_range(time, loc) if "/" in time.value else _format_value(time.value, time, loc)
    if time.approximate:
        text = _approximate(time, text, loc)
    return loc.num(text)


def hijri_equivalent(time: TimeValue, loc: Locale) -> str | None:
    """Return the Hijri equivalent shown beside a single day, else None."""
    if time.grain != "day" or time.first != time.last:
        return None
    return format_hijri(time.first, loc)


def datetime_attr(time: TimeValue) -> str | None:
    """Return a valid HTML `datetime` value for this time, or None when HTML cannot express it."""
    if "/" in time.value:
        return None
    return time.value if value_grain(time.value) in _HTML_DATETIME else None


def _format_value(value: str, time: TimeValue | None, loc: Locale, with_year: bool = True) -> str:
    grain = value_grain(value)
    data = loc.data
    phrases = data["date"]
    if grain == "day":
        day = date.fromisoformat(value)
        if with_year:
            return format_day(day, loc)
        return f"{day.day} {data['months'][day.month - 1]}"
    if grain == "month":
        year, month = int(value[:4]), int(value[5:7])
        if with_year:
            return format_month(year, month, loc)
        return str(data["months"][month - 1])
    if grain == "year":
        return str(phrases["year"].format(year=int(value)))
    if grain == "week":
        first = (
            time.first
            if time is not None and time.grain == "week"
            else date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        )
        return str(phrases["week"].format(first=format_day(first, loc, weekday=False)))
    if grain == "season":
        year, season = int(value[:4]), value[5:]
        if season == "WI":
            return str(
                phrases["winter"].format(
                    year=year, next_year=str(year + 1)[-2:] if loc.lang == "en" else year + 1
                )
            )
        return str(phrases["season"].format(season=data["seasons"][season], year=year))
    if grain == "decade":
        return _format_decade(int(value), loc)
    return value


def _format_decade(decade: int, loc: Locale) -> str:
    data = loc.data
    phrases = data["date"]
    first = decade * 10
    tens = decade % 10
    century = data.get("centuries", {}).get(first // 100 + 1)
    if century and tens in data.get("decade_names", {}):
        return str(phrases["decade"].format(name=data["decade_names"][tens], century=century, first=first))
    if century and tens in data.get("decade_ordinals", {}):
        return str(
            phrases["decade_ordinal"].format(
                ordinal=data["decade_ordinals"][tens], century=century, first=first
            )
        )
    return str(phrases["decade_plain"].format(first=first, last=first + 9))


def _format_range(time: TimeValue, loc: Locale) -> str:
    start, end = time.value.split("/", 1)
    same_year = start[:4] == end[:4] and value_grain(start) == value_grain(end) in ("day", "month")
    if value_grain(start) == "day" and value_grain(end) == "day":
        a, b = date.fromisoformat(start), date.fromisoformat(end)
        if (a.year, a.month) == (b.year, b.month):
            return str(
                loc.data["date"]["range_days"].format(
                    first=a.day, last=b.day, month=loc.data["months"][a.month - 1], year=a.year
                )
            )
        first = _format_day_plain(a, loc, with_year=not same_year)
        last = _format_day_plain(date.fromisoformat(end), loc, with_year=True)
    else:
        first = _format_value(start, None, loc, with_year=not same_year)
        last = _format_value(end, None, loc)
    return str(loc.data["date"]["range"].format(first=first, last=last))


def _format_day_plain(day: date, loc: Locale, with_year: bool) -> str:
    months = loc.data["months"]
    text = f"{day.day} {months[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def _approximate(time: TimeValue, text: str, loc: Locale) -> str:
    phrases = loc.data["date"]["approx"]
    part = "about"
    first, last = time.first, time.last
    if time.grain == "month" and "/" not in time.value:
        if first.day == 1 and last.day <= 10:
            part = "early"
        elif first.day >= 11 and last.day <= 20:
            part = "mid"
        elif first.day >= 21 and last.day >= 28:
            part = "late"
    elif time.grain == "year" and "/" not in time.value:
        text = str(loc.data["date"]["year_word"].format(year=time.value))
        if first.month == 1 and last.month <= 4:
            part = "early"
        elif first.month >= 5 and last.month <= 8:
            part = "mid"
        elif first.month >= 9 and last.month == 12:
            part = "late"
    return str(phrases[part].format(period=text))
