"""Read seeds/editorial.yaml: hand-written headlines, summaries, date corrections, hiding, merging, splitting.

Overrides are keyed by an entry id or an event id. Both are stable across rebuilds:
an event id hashes its article id, sentence span and mention span; an entry id hashes the
smallest id among its events (see merge.entry_id). A key that names an event follows that event
into whatever entry holds it, so event ids are the most durable keys.
"""

from __future__ import annotations

import os
import re
from calendar import monthrange
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.ingest import MAX_YEAR, MIN_YEAR
from generator.models import Problem, TimeValue
from generator.plaintext import plain_line, plain_text

_TEXT_FIELDS = ("headline_en", "headline_ar", "summary_en", "summary_ar")
_FIELDS = frozenset((*_TEXT_FIELDS, "date", "hide", "merge_with", "split"))
_ID = re.compile(r"^[0-9a-f]{12}$")
UNREADABLE = "editorial-unreadable"
"""The code of the problem that editorial.yaml could not be read at all."""


@dataclass(frozen=True)
class Override:
    """What an editor says about one entry (or the entry holding one event)."""

    headline_en: str | None = None
    headline_ar: str | None = None
    summary_en: str | None = None
    summary_ar: str | None = None
    date: TimeValue | None = None
    hide: bool = False
    merge_with: tuple[str, ...] = ()
    split: bool = False


@dataclass(frozen=True)
class Editorial:
    """Every override, by the id it names, and the file they came from."""

    overrides: dict[str, Override] = field(default_factory=dict)
    path: str = "editorial.yaml"


def parse_time_value(value: str) -> TimeValue | None:
    """Return the TimeValue of an ISO day, month or year ('2016-09-09', '2016-09', '2016'), else None."""
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = date.fromisoformat(text)
            return TimeValue(value=text, grain="day", first=day, last=day)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = int(text[:4]), int(text[5:])
            last = monthrange(year, month)[1]
            return TimeValue(
                value=text, grain="month", first=date(year, month, 1), last=date(year, month, last)
            )
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
            return TimeValue(value=text, grain="year", first=date(year, 1, 1), last=date(year, 12, 31))
    except ValueError:
        return None
    return None


def _read_override(key: str, raw: Any, name: str, problems: list[Problem]) -> Override | None:
    if not isinstance(raw, dict):
        problems.append(Problem(name, f"'{key}': expected a mapping of fields, got {type(raw).__name__}"))
        return None
    unknown = sorted(set(map(str, raw)) - _FIELDS)
    if unknown:
        problems.append(
            Problem(
                name,
                f"'{key}': unknown field(s) {', '.join(unknown)}",
                hint=f"known: {', '.join(sorted(_FIELDS))}",
            )
        )
    for fname, value in raw.items():
        if not isinstance(value, (str, bool, list, dict, type(None), date, int, float)) or (
            isinstance(value, int) and abs(value) > 10**15
        ):
            problems.append(Problem(name, f"'{key}': {fname} is {value}, not a value it takes; ignored"))
            raw = {k: v for k, v in raw.items() if k != fname}
    texts: dict[str, str | None] = {}
    for fname in _TEXT_FIELDS:
        value = raw.get(fname)
        if value is not None and not isinstance(value, str):
            problems.append(Problem(name, f"'{key}': {fname} must be text"))
            value = None
        if isinstance(value, str):  # a headline is one line; a summary may have several
            value = (plain_line(value) if fname.startswith("headline") else plain_text(value)).strip()
        texts[fname] = value or None
    when: TimeValue | None = None
    if raw.get("date") is not None:
        when = parse_time_value(str(raw["date"]))
        if when is not None and not MIN_YEAR <= when.first.year <= when.last.year <= MAX_YEAR:
            when = None  # (dates around it, a day after it in the calendar file, must exist too)
        if when is None:
            problems.append(
                Problem(
                    name,
                    f"'{key}': date {raw['date']!r} is not an ISO day, month or year "
                    f"from {MIN_YEAR} to {MAX_YEAR}",
                    hint="e.g. 2016-09-09",
                )
            )
    merge_raw = raw.get("merge_with") or []
    if isinstance(merge_raw, str):
        merge_raw = [merge_raw]
    if not isinstance(merge_raw, list):
        problems.append(Problem(name, f"'{key}': merge_with must be a list of ids"))
        merge_raw = []
    flags: dict[str, bool] = {}
    for fname in ("hide", "split"):
        value = raw.get(fname, False)
        if not isinstance(value, bool):
            problems.append(Problem(name, f"'{key}': {fname} must be true or false"))
            value = False
        flags[fname] = value
    return Override(
        **texts,
        date=when,
        hide=flags["hide"],
        merge_with=tuple(str(m) for m in merge_raw),
        split=flags["split"],
    )


def read_editorial(path: Path, follow_symlinks: bool = False) -> tuple[Editorial, list[Problem]]:
    """Return the overrides in an editorial YAML file (none when it is absent) and every problem in it.

    A file that cannot be read as a whole (not YAML, an alias, not a file) gives a problem with the
    code UNREADABLE: a build must not go on without the editor's corrections (hidden entries among them).
    """
    from generator.ingest import UnsafeFile, _alias_problems, load_yaml, read_inside

    name = path.name
    if not os.path.lexists(path):
        return Editorial(path=name), []
    problems: list[Problem] = []
    try:
        raw = read_inside(path.parent, name, follow_symlinks=follow_symlinks)
        aliases: list[int] = []
        data, lines, _ = load_yaml(raw.decode("utf-8-sig").replace("\r\n", "\n"), aliases)
    except (yaml.YAMLError, UnicodeDecodeError, UnsafeFile) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        reason = exc.message if isinstance(exc, UnsafeFile) else f"cannot be read: {_reason(exc)}"
        return Editorial(path=name), [
            Problem(
                name,
                f"{reason}; no override in it is applied, so the site is not written",
                hint="fix the file and build again (the last site stays as it was)",
                line=None if line is None else line + 1,
                code=UNREADABLE,
            )
        ]
    problems.extend(_alias_problems(name, aliases))
    if data is None:
        return Editorial(path=name), problems
    if not isinstance(data, dict):
        return Editorial(path=name), [
            *problems,
            Problem(name, "expected a mapping of entry or event ids to overrides"),
        ]
    overrides: dict[str, Override] = {}
    for raw_key, raw in sorted(data.items(), key=lambda item: str(item[0])):
        key = str(raw_key)
        line = lines.get(key)
        if not _ID.match(key):
            hint = "ids are 12 hex digits; quote an id made only of digits"
            problems.append(Problem(name, f"'{key}' is not an entry or event id", hint=hint, line=line))
            continue
        found: list[Problem] = []
        override = _read_override(key, raw, name, found)
        problems.extend(replace(p, line=line) if p.line is None else p for p in found)
        if override is not None:
            overrides[key] = override
    return Editorial(overrides=overrides, path=name), problems


def _reason(exc: Exception) -> str:
    problem = getattr(exc, "problem", None)
    return str(problem) if problem else str(exc).splitlines()[0]
