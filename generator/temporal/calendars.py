"""Periods as TimeValues: days, weeks, months, seasons, years, decades, and Hijri <-> Gregorian."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from generator.models import TimeValue

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


class HijriOutOfRange(ValueError):
    """The Hijri or Gregorian date lies outside hijridate's Umm al-Qura table."""


def day_value(d: date) -> TimeValue:
    """Return one day."""
    return TimeValue(d.isoformat(), "day", d, d)


def month_last(year: int, month: int) -> date:
    """Return the last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def month_value(year: int, month: int) -> TimeValue:
    """Return a Gregorian month."""
    return TimeValue(f"{year:04d}-{month:02d}", "month", date(year, month, 1), month_last(year, month))


def year_value(year: int) -> TimeValue:
    """Return a Gregorian year."""
    return TimeValue(f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31))


def decade_value(decade: int) -> TimeValue:
    """Return a decade given as its first three digits (198 -> the 1980s)."""
    return TimeValue(f"{decade:03d}", "decade", date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31))


def season_value(year: int, code: str) -> TimeValue:
    """Return a meteorological season; winter starts in December of the named year."""
    start, end = SEASON_MONTHS[code]
    last_year = year + 1 if code == "WI" else year
    return TimeValue(f"{year:04d}-{code}", "season", date(year, start, 1), month_last(last_year, end))


def week_value(day: date, week_start: str = "saturday") -> TimeValue:
    """Return the week holding `day`, starting on `week_start`, labelled by the ISO week of its Monday."""
    first_weekday = WEEKDAY_NAMES.index(week_start.lower())
    start = day - timedelta(days=(day.weekday() - first_weekday) % 7)
    monday = start + timedelta(days=(0 - first_weekday) % 7)
    iso_year, iso_week, _ = monday.isocalendar()
    return TimeValue(f"{iso_year:04d}-W{iso_week:02d}", "week", start, start + timedelta(days=6))


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """Return (year, month) shifted by delta months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def interval(a: TimeValue, b: TimeValue) -> TimeValue | None:
    """Return the ISO interval from a to b (same grain), or None when b ends before a starts."""
    if a.grain != b.grain or b.last < a.first:
        return None
    return TimeValue(f"{a.value}/{b.value}", a.grain, a.first, b.last, a.approximate or b.approximate)


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Return the Gregorian date of a Hijri (Umm al-Qura) date; ValueError when it does not exist."""
    try:
        g = Hijri(year, month, day).to_gregorian()
    except OverflowError as exc:
        raise HijriOutOfRange(str(exc)) from exc
    return date(g.year, g.month, g.day)


def hijri_month_value(year: int, month: int) -> TimeValue:
    """Return a Hijri month as the interval of Gregorian days it covers."""
    try:
        length = Hijri(year, month, 1).month_length()
    except OverflowError as exc:
        raise HijriOutOfRange(str(exc)) from exc
    first = hijri_to_gregorian(year, month, 1)
    last = hijri_to_gregorian(year, month, length)
    return TimeValue(f"{first.isoformat()}/{last.isoformat()}", "month", first, last)


def hijri_year_value(year: int) -> TimeValue:
    """Return a Hijri year as the interval of Gregorian days it covers."""
    first = hijri_to_gregorian(year, 1, 1)
    last = hijri_month_value(year, 12).last
    return TimeValue(f"{first.isoformat()}/{last.isoformat()}", "year", first, last)


def hijri_year_of(d: date) -> int:
    """Return the Hijri year holding a Gregorian date."""
    try:
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    except OverflowError as exc:
        raise HijriOutOfRange(str(exc)) from exc


def narrow(value: TimeValue, part: str) -> TimeValue:
    """Return a month or year narrowed to its early, middle or late part (or only blurred: 'about')."""
    first, last = value.first, value.last
    if part != "about" and value.grain == "month":
        first, last = {
            "early": (first, first + timedelta(days=9)),
            "middle": (first + timedelta(days=10), first + timedelta(days=19)),
            "late": (first + timedelta(days=20), last),
        }[part]
    elif part != "about" and value.grain == "year":
        y = first.year
        first, last = {
            "early": (date(y, 1, 1), date(y, 4, 30)),
            "middle": (date(y, 5, 1), date(y, 8, 31)),
            "late": (date(y, 9, 1), date(y, 12, 31)),
        }[part]
    return TimeValue(value.value, value.grain, first, last, True)


def easter(year: int) -> date:
    """Return Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)
