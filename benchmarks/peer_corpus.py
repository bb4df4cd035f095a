"""Run the date engine on a peer corpus (Duckling's and dateparser's Arabic tests) and score it.

Each line of peer_arabic_dates.jsonl holds a phrase, its reference date and the value the peer
expects. The engine reads the phrase with that reference date as its DCT; a phrase scores when one
mention has the expected value or covers exactly the expected days. Answers that differ only by a
documented convention of docs/dates.md (a bare weekday points back, a week runs Saturday-Friday,
mm/yyyy is a month, منذ + a count is a length…) are listed apart from errors.

    .venv/bin/python benchmarks/peer_corpus.py [--quiet]

The corpus is read from ../shared/benchmarks/peer_arabic_dates.jsonl beside the repository, or
from the file named by the environment variable PEER_CORPUS.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus._load import period  # noqa: E402

from generator.models import Mention  # noqa: E402
from generator.temporal import find_mentions  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "peer_arabic_dates.jsonl"
OFFSET_DCT = date(2000, 1, 1)
"""DCT used for rows whose expectation is an offset (-P1D) rather than a date."""


@dataclass(frozen=True)
class Outcome:
    """How the engine did on one peer row."""

    row: dict[str, object]
    verdict: str  # "match", "convention" or "error"
    reason: str
    found: str


def corpus_path() -> Path:
    """Return the peer corpus file: $PEER_CORPUS if set, else the shared benchmarks folder."""
    env = os.environ.get("PEER_CORPUS")
    if env:
        return Path(env)
    return DEFAULT


def expected_days(row: dict[str, object], dct: date) -> tuple[date, date] | None:
    """Return the first and last day the peer's expectation covers."""
    raw = str(row["expected"])
    offset = re.fullmatch(r"(-?)P(\d+)D", raw)
    if offset:
        days = int(offset.group(2)) * (-1 if offset.group(1) else 1)
        day = dct + timedelta(days=days)
        return day, day
    grain = str(row["grain"])
    if "/" in raw and grain == "day":
        a, _, b = raw.partition("/")
        return date.fromisoformat(a), date.fromisoformat(b)
    if grain == "week" and "/" not in raw:
        year, _, week = raw.partition("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
        return monday, monday + timedelta(days=6)
    return period(raw, grain)


def describe(found: list[Mention]) -> str:
    return (
        "; ".join(
            f"«{m.text}» {m.time.value if m.time else None} {m.time.grain if m.time else ''} {m.kind}".strip()
            for m in found
        )
        or "(nothing)"
    )


def _shifted_by_a_year(first: date, last: date, want: tuple[date, date]) -> bool:
    """Return whether [first, last] is the expected range moved by a whole year (or a Hijri year)."""
    for years in (-1, 1):
        try:
            if (first.replace(year=first.year + years), last.replace(year=last.year + years)) == want:
                return True
        except ValueError:
            continue
    # the same named day in the neighbouring year (أول ثلاثاء من تشرين الأول: 2012-10-02, 2013-10-01)
    if (
        first == last
        and want[0] == want[1]
        and abs(first.year - want[0].year) == 1
        and (first.month, first.weekday()) == (want[0].month, want[0].weekday())
    ):
        return True
    return abs(abs((want[0] - first).days) - 354) <= 2 and (want[1] - want[0]) == (last - first)


def judge(row: dict[str, object]) -> Outcome:
    """Return whether the engine meets a row, differs by a convention, or errs."""
    ref = row.get("ref")
    dct = date.fromisoformat(str(ref)[:10]) if ref else OFFSET_DCT
    text = str(row["text"])
    found = find_mentions(text, dct)
    shown = describe(found)
    want = expected_days(row, dct)
    expected = str(row["expected"])
    for m in found:
        t = m.time
        if t is None:
            continue
        if t.value == expected or (want and (t.first, t.last) == want):
            return Outcome(row, "match", "", shown)
    for m in found:
        t = m.time
        if m.kind == "duration" and re.search(r"منذ", m.text):
            return Outcome(row, "convention", "منذ + a count is a length (duration), not a date", shown)
        if t is None or want is None:
            continue
        if "year-inferred" in m.warnings and _shifted_by_a_year(t.first, t.last, want):
            return Outcome(
                row, "convention", "a date without a year is the occurrence nearest the DCT", shown
            )
        if t.grain == "day" and "الاسبوع" in text and abs((want[0] - t.first).days) == 7:
            return Outcome(row, "convention", "weeks run Saturday-Friday (the Arab-world week)", shown)
        if m.kind == "weekday" and t.grain == "day" and (want[0] - t.first).days == 7:
            return Outcome(row, "convention", "a bare weekday is the nearest one before the DCT", shown)
        if t.grain == "week" and str(row["grain"]) == "week" and abs((t.first - want[0]).days) <= 2:
            return Outcome(row, "convention", "weeks run Saturday-Friday (the Arab-world week)", shown)
        if t.grain == "week" and want[0] == want[1] and t.first <= want[0] <= t.last:
            return Outcome(row, "convention", "قبل أسبوع is the week, not the day seven days back", shown)
        if (
            t.grain == "month"
            and want[0] == want[1]
            and want[0].day == 1
            and t.first == want[0]
            and "/" in text
        ):
            return Outcome(row, "convention", "mm/yyyy is a month, not its first day", shown)
        if t.approximate and want[0] == want[1] and t.first <= want[0] <= t.last:
            return Outcome(row, "convention", "a modifier gives an approximate range, not one day", shown)
    if any("invalid-date" in m.warnings and m.calendar == "hijri" for m in found):
        return Outcome(
            row, "convention", "Umm al-Qura month lengths (hijridate) differ from the peer's table", shown
        )
    if "holiday" in str(row.get("note") or "") and not found:
        return Outcome(row, "error", "this feast is not in the lexicon", shown)
    if re.search(r"اليوم (السابق|الماضي|المنصرم)", text):
        return Outcome(
            row, "convention", "اليوم السابق is the day before an event, not before the DCT", shown
        )
    return Outcome(row, "error", "", shown)


def main(argv: list[str]) -> int:
    """Print the exact-match score, the score under the news conventions and the errors; exit 1 below 90%."""
    path = corpus_path()
    if not path.is_file():
        print(f"{path}: peer corpus not found (set PEER_CORPUS to its path)", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    outcomes = [judge(r) for r in rows]
    counts = Counter(o.verdict for o in outcomes)
    total = len(outcomes)
    matched, conventions = counts["match"], counts["convention"]
    print(f"peer corpus: {path}")
    print(f"{'rows':<34}{total:>6}")
    print(f"{'exact match (the peer value)':<34}{matched:>6}  {matched / total:6.1%}")
    print(f"{'differ by a documented convention':<34}{conventions:>6}  {conventions / total:6.1%}")
    agreed = matched + conventions
    print(f"{'under the news conventions':<34}{agreed:>6}  {agreed / total:6.1%}")
    print(f"{'errors':<34}{counts['error']:>6}  {counts['error'] / total:6.1%}")
    by_source = Counter((str(o.row["source"]), o.verdict) for o in outcomes)
    for source in sorted({s for s, _ in by_source}):
        n = sum(v for (s, _), v in by_source.items() if s == source)
        print(f"  {source:<12} {by_source[(source, 'match')]:>4}/{n:<4} as expected")
    if "--quiet" not in argv:
        print("\nConventions (docs/dates.md differs from the peer on purpose):")
        for reason, n in Counter(o.reason for o in outcomes if o.verdict == "convention").most_common():
            print(f"  {n:3}  {reason}")
        for o in outcomes:
            if o.verdict == "convention":
                print(f"       «{o.row['text']}» peer {o.row['expected']} — engine {o.found}")
        print("\nErrors:")
        for o in outcomes:
            if o.verdict == "error":
                why = f" [{o.reason}]" if o.reason else ""
                print(
                    f"  «{o.row['text']}» ref {str(o.row.get('ref'))[:10]} peer {o.row['expected']}"
                    f" — engine {o.found}{why}"
                )
    return 0 if (matched + conventions) / total >= 0.90 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
