"""Infer a text's document date (DCT) when no catalogue gives it.

Evidence, strongest first: a dated line (a full date whose written weekday agrees with it, or a line
that is nothing but a full date); else the latest fully written date in the text (day, month and
year), where a second mention of the same day or an agreeing weekday is noted as support.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from generator.models import Mention
from generator.temporal import find_mentions
from generator.temporal.lexicon import alt, data
from generator.temporal.normalize import fold

_LINE_NOISE = re.compile(r"[\s\W_]+")


@cache
def _weekday_names() -> re.Pattern[str]:
    return re.compile(alt(n for names in data()["weekdays"].values() for n in names))


def _weekday_written(mention: Mention) -> bool:
    return _weekday_names().search(fold(mention.text).text) is not None


def _line(text: str, mention: Mention) -> str:
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    line = text[start : end if end != -1 else len(text)].strip()
    return line if len(line) <= 200 else text[max(start, mention.start - 80) : mention.end + 80].strip()


def _full_dates(mentions: list[Mention]) -> list[Mention]:
    return [
        m
        for m in mentions
        if m.time is not None
        and m.time.grain == "day"
        and "/" not in m.time.value
        and m.kind in ("absolute", "hijri")
        and not {"year-inferred", "invalid-date", "weekday-disagrees"} & set(m.warnings)
    ]


def infer_dct(text: str) -> tuple[date | None, str]:
    """Return the document date the text states or implies, with the evidence; (None, why) if none."""
    full = _full_dates(find_mentions(text, None))
    if not full:
        return None, "no fully written date (day, month and year) in the text"
    dated_lines = [
        m for m in full if _weekday_written(m) or not _LINE_NOISE.sub("", _line(text, m).replace(m.text, ""))
    ]
    if dated_lines:
        best = max(dated_lines, key=lambda m: (m.time.first, -m.start))  # type: ignore[union-attr]
        assert best.time is not None
        return best.time.first, f"dated line: «{_line(text, best)}»"
    best = max(full, key=lambda m: (m.time.first, -m.start))  # type: ignore[union-attr]
    assert best.time is not None
    same = sum(1 for m in full if m.time is not None and m.time.first == best.time.first)
    support = f" (written {same} times)" if same > 1 else ""
    return best.time.first, f"latest full date in the text: «{best.text}»{support} in «{_line(text, best)}»"
