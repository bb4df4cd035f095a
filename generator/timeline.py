"""Order entries and group them by year and month, with per-month counts for the overview chart."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from generator.models import GRAIN_ORDER, Article, Entry, Mention, MonthGroup, Problem, Timeline, YearGroup


def entry_order(entry: Entry) -> tuple[object, ...]:
    """Return the sort key of an entry: first day, then finer grain first, then id."""
    return (entry.time.first, GRAIN_ORDER[entry.time.grain], entry.id)


def entry_month(entry: Entry) -> int | None:
    """Return the month an entry belongs to, or None when its range spans more than one month."""
    first, last = entry.time.first, entry.time.last
    return first.month if (first.year, first.month) == (last.year, last.month) else None


def _month_counts(entries: Sequence[Entry]) -> tuple[tuple[int, int, int], ...]:
    counts = Counter((e.time.first.year, m) for e in entries if (m := entry_month(e)) is not None)
    if not counts:
        return ()
    (y, m), (last_y, last_m) = min(counts), max(counts)
    out = []
    while (y, m) <= (last_y, last_m):
        out.append((y, m, counts.get((y, m), 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def build_timeline(
    entries: Sequence[Entry],
    articles: Sequence[Article],
    problems: Sequence[Problem],
    mentions: Mapping[str, Sequence[Mention]] | None = None,
) -> Timeline:
    """Return the timeline: entries in order, grouped by year and month, with counts."""
    ordered = tuple(sorted(entries, key=entry_order))
    by_year: dict[int, dict[int | None, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in ordered:
        by_year[entry.time.first.year][entry_month(entry)].append(entry)
    years = tuple(
        YearGroup(
            year=year,
            months=tuple(
                MonthGroup(year=year, month=month, entries=tuple(months[month]))
                for month in sorted(months, key=lambda m: -1 if m is None else m)
            ),
        )
        for year, months in sorted(by_year.items())
    )
    return Timeline(
        entries=ordered,
        years=years,
        articles=tuple(sorted(articles, key=lambda a: a.id)),
        counts=_month_counts(ordered),
        problems=tuple(problems),
        mentions={key: tuple(found) for key, found in sorted((mentions or {}).items())},
    )
