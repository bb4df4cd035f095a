"""Timeline: entries in date order, finer before coarser, grouped by year and month, with monthly counts."""

from __future__ import annotations

from datetime import date

from generator.models import Entry, Headline, Problem, TimeValue
from generator.timeline import build_timeline


def tv(value: str, grain: str, first: str, last: str) -> TimeValue:
    return TimeValue(value, grain, date.fromisoformat(first), date.fromisoformat(last))  # type: ignore[arg-type]


def entry(eid: str, time: TimeValue) -> Entry:
    return Entry(id=eid, time=time, events=(), headline=Headline(ar=eid))


DAY = entry("d1", tv("2016-09-09", "day", "2016-09-09", "2016-09-09"))
DAY_SAME = entry("d0", tv("2016-09-09", "day", "2016-09-09", "2016-09-09"))
WEEK = entry("w1", tv("2016-W36", "week", "2016-09-03", "2016-09-09"))
MONTH = entry("m1", tv("2016-09", "month", "2016-09-01", "2016-09-30"))
EARLY = entry("d2", tv("2016-09-01", "day", "2016-09-01", "2016-09-01"))
YEAR = entry("y1", tv("2016", "year", "2016-01-01", "2016-12-31"))
LATER = entry("d3", tv("2016-12-05", "day", "2016-12-05", "2016-12-05"))
NEXT_YEAR = entry("d4", tv("2017-02-01", "day", "2017-02-01", "2017-02-01"))
SPAN = entry("r1", tv("2016-02/2016-09", "month", "2016-02-01", "2016-09-30"))


def test_entries_run_by_first_day_then_finer_grain_then_id() -> None:
    timeline = build_timeline([LATER, MONTH, DAY, WEEK, EARLY, DAY_SAME, YEAR], [], [])
    assert [e.id for e in timeline.entries] == ["y1", "d2", "m1", "w1", "d0", "d1", "d3"]


def test_entries_group_by_year_and_month_with_coarse_entries_first_in_their_year() -> None:
    timeline = build_timeline([NEXT_YEAR, LATER, DAY, YEAR, SPAN, MONTH], [], [])
    shape = [(y.year, [(m.month, [e.id for e in m.entries]) for m in y.months]) for y in timeline.years]
    assert shape == [
        (2016, [(None, ["y1", "r1"]), (9, ["m1", "d1"]), (12, ["d3"])]),
        (2017, [(2, ["d4"])]),
    ]


def test_counts_cover_every_month_from_first_to_last_including_empty_ones() -> None:
    timeline = build_timeline([NEXT_YEAR, LATER, DAY, DAY_SAME, YEAR], [], [])
    assert timeline.counts == (
        (2016, 9, 2),
        (2016, 10, 0),
        (2016, 11, 0),
        (2016, 12, 1),
        (2017, 1, 0),
        (2017, 2, 1),
    )


def test_an_empty_timeline_is_empty_and_keeps_the_problems() -> None:
    problem = Problem("x.txt", "cannot decode")
    timeline = build_timeline([], [], [problem])
    assert timeline.entries == () and timeline.years == () and timeline.counts == ()
    assert timeline.problems == (problem,)
