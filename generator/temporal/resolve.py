"""Turn recognised spans into Mentions: values against the document date, tense, warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from generator.models import Mention, TimeValue
from generator.temporal import calendars as cal
from generator.temporal import lexicon as lx
from generator.temporal.calendars import HijriOutOfRange
from generator.temporal.lexicon import SO, S, alt, key
from generator.temporal.normalize import Folded
from generator.temporal.recognize import Candidate
from generator.temporal.tense import (
    is_durative,
    is_extended,
    is_fixture,
    is_from_verb_before,
    is_future,
    is_past_governed,
    is_recalled,
)


@dataclass(frozen=True)
class Parts:
    """What a Gregorian date mention spelled out, so two of them can be joined into a range."""

    grain: str
    year: int
    month: int
    day: int
    year_explicit: bool


@dataclass(frozen=True)
class Resolved:
    """A mention with the parts it was built from and its folded span."""

    mention: Mention
    start: int
    end: int
    before: int
    parts: Parts | None = None
    rank: int = 0
    """Ties between equally long spans go to the lower rank."""
    later: int = 0
    """The days a count after «بعد» moves on ("بعد يومين": 2): from the day written before it in its
    sentence, if there is one (Resolver.days_from_before), else from the DCT."""


DAYS_FROM_BEFORE_REACH = 300
"""The most characters between a day and one told from it ("في اليوم التالي"، "بعد يومين"), in one
sentence."""
DASHED_RANGE_DAYS = 31
"""The longest run of days two whole dates a dash joins make, with no opening word: a longer or backward
pair ("7 تموز – 6 تموز") is two dates."""
_SENTENCE_STOP = re.compile(r"[.!?؟\n]")

_WRITTEN_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
"""A year written in figures (the text is folded: Arabic-Indic digits are ASCII)."""


@cache
def _tables() -> dict[str, Any]:
    lex = lx.data()
    directions = {key(w): d for d, ws in lex["directions"].items() for w in ws}
    modifiers = {key(w): m for m, ws in lex["modifiers"].items() for w in ws}
    return {
        "month": lx.lookup(lex["months"]),
        "gregorian": {key(w) for w in lex["gregorian_family"]},
        "ambiguous": {key(w) for w in lex["ambiguous_months"]},
        "hmonth": lx.lookup(lex["hijri_months"]),
        "hambiguous": {key(w) for w in lex["ambiguous_hijri_months"]},
        "weekday": lx.lookup(lex["weekdays"]),
        "ordinal": lx.ordinal_days(),
        "cardinal": lx.cardinals(),
        "unit": lx.units(),
        "direction": directions,
        "modifier": modifiers,
        "relday": {key(w): int(v) for w, v in lex["relative_days"].items()},
        "relday_part": {key(w) for w in lex["relative_days_need_part"]},
        "relday_open": {key(w) for w in lex["relative_days_openers"]},
        "after_midnight": re.compile(alt(lex["after_midnight"]) + S + "$"),
        "past_midnight": tuple(key(w) for w in lex["after_midnight"]),
        "night_part": re.compile(alt(lex["night_parts"]) + r"(?!\w)"),
        "name_heads": {key(w) for w in lex["name_heads"]},
        "number_heads": {key(w) for w in lex["number_heads"]},
        "nth": lx.lookup(lex["nth_weekday"]),
        "the_two": key(lex["the_two"]["word"]),
        "the_two_next": re.compile(SO + alt(lex["the_two"]["followers"]) + r"(?!\w)"),
        "holiday": {
            key(name): (kind, tuple(when) if isinstance(when, list) else ())
            for kind, table in lex["holidays"].items()
            for name, when in (table.items() if isinstance(table, dict) else ((n, []) for n in table))
        },
        "verb_like": {key(w) for w in lex["verb_like_days"]},
        "unit_day": (key(lex["unit_day"]["word"]), {key(w) for w in lex["unit_day"]["after"]}),
        "period": {key(w): p for p, ws in lex["periods"].items() for w in ws},
        "this": {key(w) for w in lex["this_words"]},
        "season": lx.lookup(lex["seasons"]),
        "decade": {key(w): int(v) for v, ws in lex["decades"].items() for w in ws},
        "century": {key(w): c for c, ws in lex["century"].items() for w in ws},
        "ago": {key(w) for w in lex["ago"]},
        "prepositions": {key(w) for w in lex["month_prepositions"]},
        "month_re": re.compile(alt(s for names in lex["months"].values() for s in names)),
        "weekday_re": re.compile(alt(s for names in lex["weekdays"].values() for s in names)),
        "range_open": re.compile(
            r"(?<!\w)[وف]?" + alt(lex["connectors"]["range_open"]) + S + r"(?:(?:شهر|عام|العام)" + S + ")?$"
        ),
        "equivalent": re.compile(
            r"\W*(?:(?<!\w)" + alt(lex["connectors"]["stated_equivalent"]) + r"(?!\w)ـ?)?\W*$"
        ),
        "range_to": re.compile(SO + r"(?:" + alt(lex["connectors"]["range_to"]) + r"|و|-|–)" + SO + "$"),
        "range_dash": re.compile(SO + r"[-–—]" + SO + "$"),
        "nights": {key(w) for w in lex["overnight"]["nights"]},
        "overnight": re.compile(r"\s*(?:" + alt(lex["overnight"]["joiners"]) + r")?\s*$"),
        "same_year": re.compile(SO + alt(lex["same_year"]) + r"(?!\w)"),
        "days_from_before": re.compile(
            r"(?<!\w)(?:(?:"
            + alt(lex["day_parts"])
            + r")\s+)?(?P<day>"
            + alt(p for ps in lex["days_from_before"].values() for p in ps)
            + r")(?!\w)(?!\s+(?:ل(?!(?:م|ن|ا)(?!\w))\S|على(?!\w)))"
        ),
        "day_offsets": {key(p): int(n) for n, ps in lex["days_from_before"].items() for p in ps},
        "in_after": re.compile(S + r"في(?!\w)"),
        "schedule": re.compile(SO + alt(lex["schedule_nouns"]) + r"(?!\w)"),
    }


class Resolver:
    """Resolve candidates of one text against its document date."""

    def __init__(self, folded: Folded, dct: date | None, week_start: str) -> None:
        self.folded = folded
        self.text = folded.text
        self.dct = dct
        self.week_start = week_start
        self.t = _tables()

    # --- helpers -------------------------------------------------------------------------------

    def _mention(
        self,
        c: Candidate,
        time: TimeValue | None,
        kind: str,
        warnings: list[str],
        calendar: str = "gregorian",
        parts: Parts | None = None,
    ) -> Resolved:
        start, end = self.folded.span(c.start, c.end)
        mention = Mention(
            start,
            end,
            self.folded.original[start:end],
            time,
            kind,  # type: ignore[arg-type]
            calendar,  # type: ignore[arg-type]
            tuple(dict.fromkeys(warnings)),
        )
        return Resolved(mention, c.start, c.end, c.before, parts)

    def _g(self, c: Candidate, name: str) -> str | None:
        try:
            return c.match.group(name)
        except IndexError:
            return None

    def _direction(self, c: Candidate, word: str | None) -> str | None:
        if word:
            return self.t["direction"].get(key(word))
        if is_future(self.folded, c.start):
            return "future"
        return "recent" if is_past_governed(self.text, c.start) else None

    def _weekday(self, words: str | None) -> int | None:
        if not words:
            return None
        found = self.t["weekday_re"].findall(words)
        return self.t["weekday"].get(key(found[-1])) if found else None

    def _day_number(self, digits: str | None, ordinal: str | None) -> int | None:
        if digits:
            return int(digits)
        if ordinal:
            k = key(ordinal)
            return self.t["ordinal"].get(k, self.t["ordinal"].get("ا" + k))
        return None

    def _months(self, words: str) -> list[tuple[int, bool]]:
        """Return (month number, is Gregorian-family name) for each name in a (double) month phrase."""
        out = []
        for name in self.t["month_re"].findall(words):
            k = key(name)
            out.append((self.t["month"][k], k in self.t["gregorian"]))
        return out

    def _in_quoted_name(self, c: Candidate) -> bool:
        """Return True when a weekday stands in a short quotation with other words ("«الجمعة الدامية»"،
        "«جمعة الغضب»"): the name of a day of protest or killing, not the day it falls on."""
        opened = self.text.rfind("«", max(0, c.before - 30), c.before + 1)
        if opened < 0 or "»" in self.text[opened : c.before]:
            return False
        closed = self.text.find("»", c.end, c.end + 30)
        if closed < 0:
            return False
        quoted = self.text[opened + 1 : closed]
        return 1 < len(quoted.split()) <= 4 and quoted.strip() != self.text[c.start : c.end].strip()

    def _quoted_alone(self, c: Candidate) -> bool:
        """Return True when a day and month fill a pair of quotes alone ("«8 آذار»"): a name."""
        before = self.text[max(0, c.before - 3) : c.before].rstrip()
        after = self.text[c.end : c.end + 3].lstrip()
        return before.endswith(("«", "“")) and after.startswith(("»", "”"))

    def _previous_word(self, c: Candidate) -> str:
        before = self.text[max(0, c.before - 24) : c.before]
        word = re.search(r"(\w+)" + SO + "[«“]?" + SO + "$", before)
        if not word:
            return ""
        w = word.group(1)
        return w[1:] if w[:1] in ("و", "ف") and len(w) > 2 else w

    def _preceded_by_preposition(self, c: Candidate, ambiguous: bool) -> bool:
        clitic = self.text[c.before : c.start]
        if not ambiguous and ("ب" in clitic or "ل" in clitic):
            return True
        w = self._previous_word(c)
        if ambiguous and w in ("من", "قبل", "بعد"):
            return False
        return w in self.t["prepositions"]

    def _year(self, c: Candidate) -> tuple[int | None, bool]:
        """Return the year a date spells (a number or العام الماضي…) and whether it needed the DCT."""
        if self._g(c, "year"):
            return int(c.match.group("year")), False
        relative = self._g(c, "ryear")
        if not relative:
            return None, False
        if self.dct is None:
            return None, True
        words = key(relative).split(" ")
        if words[0] in self.t["this"]:
            return self.dct.year, True
        shift = {"past": -1, "next": 1}.get(self.t["direction"].get(words[-1], "current"), 0)
        return self.dct.year + shift, True

    # --- year inference ------------------------------------------------------------------------

    def _pick(self, options: list[TimeValue], direction: str | None) -> TimeValue | None:
        dct = self.dct
        assert dct is not None
        if direction == "past":
            past = [o for o in options if o.last < dct]
            return max(past, key=lambda o: o.first) if past else None
        if direction in ("next", "future"):
            # A future clause may speak of today (ستعقد اليوم 3 أكتوبر) or of a period under way;
            # only an explicit المقبل/القادم skips them.
            future = [o for o in options if (o.first > dct if direction == "next" else o.last >= dct)]
            return min(future, key=lambda o: o.first) if future else None
        if direction == "recent":
            recent = [o for o in options if o.first <= dct]
            if recent:
                return max(recent, key=lambda o: o.first)
        if direction == "current":
            now = [o for o in options if o.first <= dct <= o.last]
            if now:
                return now[0]
        past = [o for o in options if o.first <= dct]
        future = [o for o in options if o.first > dct]
        best_past = max(past, key=lambda o: o.first) if past else None
        best_future = min(future, key=lambda o: o.first) if future else None
        if best_past is None or best_future is None:
            return best_past or best_future
        back = max(0, (dct - best_past.last).days)
        ahead = (best_future.first - dct).days
        return best_future if ahead < back else best_past

    def _same_year(self, c: Candidate) -> int | None:
        """Return the year a day and month followed by «من العام نفسه» takes: the last year written in
        the 300 characters before it; None without the phrase or a year."""
        if not self.t["same_year"].match(self.text, c.end):
            return None
        years = _WRITTEN_YEAR.findall(self.text, max(0, c.start - 300), c.start)
        return int(years[-1]) if years else None

    def _infer_day(
        self, month: int, day: int, direction: str | None, weekday: int | None = None
    ) -> TimeValue | None:
        """Return the occurrence nearest the DCT; a weekday written with it narrows the years first."""
        assert self.dct is not None
        options = []
        reach = 1 if (month, day) != (2, 29) and weekday is None else 8
        for year in range(self.dct.year - reach, self.dct.year + reach + 1):
            try:
                options.append(cal.day_value(date(year, month, day)))
            except ValueError:
                continue
        agreeing = [o for o in options if weekday is not None and o.first.weekday() == weekday]
        return self._pick(agreeing or options, direction) or (
            self._pick(options, direction) if agreeing else None
        )

    def _infer_month(self, month: int, direction: str | None) -> TimeValue:
        assert self.dct is not None
        options = [cal.month_value(y, month) for y in range(self.dct.year - 2, self.dct.year + 3)]
        picked = self._pick(options, direction)
        assert picked is not None
        return picked

    # --- rules ---------------------------------------------------------------------------------

    def resolve(self, c: Candidate) -> list[Resolved]:
        """Return the mentions a candidate names (none when the context says it is no date)."""
        if c.rule == "wdpair":
            return self._wdpair(c)
        result: Resolved | None = getattr(self, "_r_" + c.rule)(c)
        if result is not None:
            result = self._past_midnight(c, result)
        return [] if result is None else [result]

    def _past_midnight(self, c: Candidate, result: Resolved) -> Resolved:
        """Return a night told past its midnight ("بعد منتصف ليل الاثنين") as the next day, its words
        in the mention; any other mention as it is."""
        time = result.mention.time
        if time is None or time.grain != "day" or not self.t["night_part"].match(self.text, c.start):
            return result
        reach = max(0, c.start - 16)
        found = self.t["after_midnight"].search(self.text[reach : c.start])
        if found is None:
            return result
        wider = replace(c, start=reach + found.start())
        after = cal.day_value(time.first + timedelta(days=1))
        mention = self._mention(wider, after, result.mention.kind, list(result.mention.warnings))
        return replace(result, mention=mention.mention, start=wider.start)

    def _wdpair(self, c: Candidate) -> list[Resolved]:
        """Return two weekday mentions sharing one (plural) direction word: الأربعاء والخميس المقبلين."""
        out = []
        for group, last in (("wd1", False), ("wd2", True)):
            start, end = (i + c.offset for i in c.match.span(group))
            if last and c.match.group("dir"):
                end = c.match.end("dir") + c.offset
            sub = Candidate("weekday", start, end, c.match, c.offset)
            day = self._weekday_day(self._weekday(c.match.group(group)), c.match.group("dir"), start)
            kind_warn = [] if day is not None else ["no-dct"]
            time = cal.day_value(day) if day is not None else None
            out.append(replace(self._mention(sub, time, "weekday", kind_warn), rank=-1))
        return out

    def _gregorian_day(
        self,
        c: Candidate,
        day: int,
        month: int,
        year: int | None,
        direction_word: str | None,
        weekday: int | None = None,
    ) -> tuple[TimeValue | None, list[str], int | None]:
        """Return the day's value, warnings, and the year used."""
        if year is not None:
            try:
                return cal.day_value(date(year, month, day)), [], year
            except ValueError:
                return None, ["invalid-date"], year
        same = self._same_year(c)
        if same is not None:
            try:
                return cal.day_value(date(same, month, day)), ["year-inferred"], same
            except ValueError:
                return None, ["invalid-date"], same
        if self.dct is None:
            return None, ["no-dct", "year-inferred"], None
        try:
            date(2000, month, day)
        except ValueError:
            return None, ["invalid-date"], None
        value = self._infer_day(month, day, self._direction(c, direction_word), weekday)
        return value, ["year-inferred"], value.first.year if value else None

    def _r_date(self, c: Candidate) -> Resolved | None:
        day = self._day_number(self._g(c, "dnum"), self._g(c, "dord"))
        if day is None or not 1 <= day <= 31:
            return None
        year, needs_dct = self._year(c)
        if year is not None and not 1000 <= year <= 2199:
            return None
        if needs_dct and year is None:
            return self._mention(c, None, "absolute", ["no-dct"])
        if (
            year is None
            and not needs_dct
            and not self._g(c, "wd")
            and (self._previous_word(c) in self.t["name_heads"] or self._quoted_alone(c))
        ):
            return None  # "قوى «8 آذار»"، "بين «8 آذار» و«14 آذار»"، "جامعة 6 أكتوبر": a name
        months = self._months(c.match.group("mon"))
        weekday = self._weekday(self._g(c, "wd"))
        direction = self._g(c, "dir")
        readings = []
        for month, gregorian in dict.fromkeys(months):
            value, notes, used = self._gregorian_day(c, day, month, year, direction, weekday)
            if (
                value is not None
                and weekday is not None
                and value.first.weekday() != weekday
                and self._g(c, "dord")
            ):
                nth = self._nth_weekday(value.first.year, month, weekday, day)
                value = nth or value
            readings.append((value, notes, used, month, gregorian))
        warnings: list[str] = []
        chosen = readings[0]
        if len({r[3] for r in readings}) > 1:
            warnings.append("month-names-disagree")
            agreeing = [
                r for r in readings if r[0] and weekday is not None and r[0].first.weekday() == weekday
            ]
            named = [r for r in readings if r[4]]
            chosen = agreeing[0] if agreeing else (named[0] if named else readings[0])
        value, extra, used, month, _ = chosen
        warnings += extra
        if value is not None and weekday is not None and value.first.weekday() != weekday:
            warnings.append("weekday-disagrees")
        parts = Parts("day", used, month, day, year is not None) if value and used else None
        return self._mention(c, value, "absolute", warnings, parts=parts)

    @staticmethod
    def _nth_weekday(year: int, month: int, weekday: int, n: int) -> TimeValue | None:
        """Return the n-th given weekday of a month (الثلاثاء الثالث من أيلول = the third Tuesday)."""
        if not 1 <= n <= 5:
            return None
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        return cal.day_value(day) if day.month == month else None

    def _r_date_sep(self, c: Candidate) -> Resolved | None:
        return self._r_date(c)

    def _r_date_fi(self, c: Candidate) -> Resolved | None:
        return self._r_date(c)

    def _r_drange(self, c: Candidate) -> Resolved | None:
        first = self._day_number(self._g(c, "d1"), self._g(c, "o1"))
        last = self._day_number(self._g(c, "d2"), self._g(c, "o2"))
        if first is None or last is None or not 1 <= first < last <= 31:
            return None
        year, needs_dct = self._year(c)
        if needs_dct and year is None:
            return self._mention(c, None, "absolute", ["no-dct"])
        months = self._months(c.match.group("mon"))
        gregorian = [m for m, g in months if g]
        month = gregorian[0] if gregorian else months[0][0]
        end, warnings, used = self._gregorian_day(c, last, month, year, c.match.group("dir"))
        if len({m for m, _ in months}) > 1:
            warnings.append("month-names-disagree")
        if end is None or used is None:
            return self._mention(c, None, "absolute", warnings)
        start = cal.day_value(date(used, month, first))
        return self._mention(c, cal.interval(start, end), "absolute", warnings)

    def _r_mdrange(self, c: Candidate) -> Resolved | None:
        return self._r_drange(c)

    def _r_month(self, c: Candidate) -> Resolved | None:
        months = self._months(c.match.group("mon"))
        year, needs_dct = self._year(c)
        if year is not None and not 1000 <= year <= 2199:
            return None
        if needs_dct and year is None:
            return self._mention(c, None, "absolute", ["no-dct"])
        modifier = c.match.group("mod")
        direction = c.match.group("dir")
        double = len(months) > 1
        if year is None and not (direction or modifier or c.match.group("shahr") or double):
            names = {key(n) for n in self.t["month_re"].findall(c.match.group("mon"))}
            if not self._preceded_by_preposition(c, bool(names & self.t["ambiguous"])):
                return None
        warnings: list[str] = []
        if len({m for m, _ in months}) > 1:
            warnings.append("month-names-disagree")
        gregorian = [m for m, g in months if g]
        month = gregorian[0] if gregorian else months[0][0]
        if year is not None:
            value: TimeValue | None = cal.month_value(year, month)
        elif self.dct is None:
            return self._mention(c, None, "absolute", [*warnings, "no-dct", "year-inferred"])
        else:
            value = self._infer_month(month, self._direction(c, direction))
            warnings.append("year-inferred")
        assert value is not None
        parts: Parts | None = Parts("month", value.first.year, month, 1, year is not None)
        if modifier:
            part = self.t["modifier"][key(modifier)]
            if key(modifier) == key("أول"):
                value = cal.day_value(value.first)
                parts = Parts("day", value.first.year, month, 1, year is not None)
            else:
                value = cal.narrow(value, part)
                parts = None
        return self._mention(c, value, "absolute", warnings, parts=parts)

    def _r_hijri(self, c: Candidate) -> Resolved | None:
        name = key(c.match.group("hmon"))
        month = self.t["hmonth"][name]
        day = self._day_number(self._g(c, "dnum"), self._g(c, "dord"))
        raw_year = c.match.group("year")
        direction = c.match.group("dir")
        bare = raw_year is None and day is None and not direction and not c.match.group("shahr")
        if bare and (name in self.t["hambiguous"] or not self._preceded_by_preposition(c, False)):
            return None
        if (
            raw_year is None
            and day is None
            and name in self.t["hambiguous"]
            and not (direction or c.match.group("shahr"))
        ):
            return None
        if day is not None and not 1 <= day <= 30:
            return None
        warnings: list[str] = []
        weekday = self._weekday(c.match.group("wd"))
        try:
            if raw_year is not None:
                year = int(raw_year)
                if year > 1600 and not c.match.group("mark"):
                    value = self._hijri_month_in_gregorian_year(month, year)
                    if value is None:
                        return None
                    return self._mention(c, value, "hijri", warnings, "hijri")
                if day is not None:
                    d = cal.hijri_to_gregorian(year, month, day)
                    value = cal.day_value(d)
                else:
                    value = cal.hijri_month_value(year, month)
            elif self.dct is None:
                return self._mention(c, None, "hijri", ["no-dct", "year-inferred"], "hijri")
            else:
                value = self._infer_hijri(month, day, self._direction(c, direction))
                warnings.append("year-inferred")
                if value is None:
                    return self._mention(c, None, "hijri", [*warnings, "invalid-date"], "hijri")
        except HijriOutOfRange:
            return self._mention(c, None, "hijri", [*warnings, "hijri-out-of-range"], "hijri")
        except ValueError:
            return self._mention(c, None, "hijri", [*warnings, "invalid-date"], "hijri")
        if weekday is not None and value.grain == "day" and value.first.weekday() != weekday:
            warnings.append("weekday-disagrees")
            step = (weekday - value.first.weekday()) % 7
            if step in (1, 6):  # a local sighting a day from Umm al-Qura: the weekday decides
                value = cal.day_value(value.first + timedelta(days=1 if step == 1 else -1))
        modifier = c.match.group("mod")
        if modifier and value.grain == "month":
            value = cal.narrow(value, self.t["modifier"][key(modifier)])
        elif modifier and day is None:
            return None
        return self._mention(c, value, "hijri", warnings, "hijri")

    def _hijri_month_in_gregorian_year(self, month: int, year: int) -> TimeValue | None:
        guess = round((year - 622) * 33 / 32)
        for hy in (guess - 1, guess, guess + 1, guess + 2):
            try:
                value = cal.hijri_month_value(hy, month)
            except (HijriOutOfRange, ValueError):
                continue
            if value.first.year == year:
                return value
        return None

    def _infer_hijri(self, month: int, day: int | None, direction: str | None) -> TimeValue | None:
        assert self.dct is not None
        base = cal.hijri_year_of(self.dct)
        options = []
        for hy in range(base - 1, base + 2):
            try:
                if day is None:
                    options.append(cal.hijri_month_value(hy, month))
                else:
                    options.append(cal.day_value(cal.hijri_to_gregorian(hy, month, day)))
            except ValueError:
                continue
        return self._pick(options, direction) if options else None

    def _r_hyear(self, c: Candidate) -> Resolved | None:
        year = int(c.match.group("year") or c.match.group("year2"))
        if not 1 <= year <= 1600:
            return None
        try:
            value = cal.hijri_year_value(year)
        except HijriOutOfRange:
            return self._mention(c, None, "hijri", ["hijri-out-of-range"], "hijri")
        return self._mention(c, value, "hijri", [], "hijri")

    def _numeric(self, c: Candidate, grain: str) -> Resolved | None:
        if self._previous_word(c) in self.t["number_heads"]:
            return None  # "بالكتاب رقم 2018/10/3": a document's number
        year, month = int(c.match.group("y")), int(c.match.group("m"))
        day = int(c.match.group("d")) if grain == "day" else 1
        hijri = bool(self._g(c, "mark")) or 1300 <= year < 1600
        if hijri:
            try:
                value = (
                    cal.day_value(cal.hijri_to_gregorian(year, month, day))
                    if grain == "day"
                    else cal.hijri_month_value(year, month)
                )
            except HijriOutOfRange:
                return self._mention(c, None, "hijri", ["hijri-out-of-range"], "hijri")
            except ValueError:
                return self._mention(c, None, "hijri", ["invalid-date"], "hijri")
            return self._mention(c, value, "hijri", [], "hijri")
        if not 1000 <= year <= 2199:
            return None
        try:
            value = cal.day_value(date(year, month, day)) if grain == "day" else cal.month_value(year, month)
        except ValueError:
            if grain != "day" or not 1 <= month <= 31:
                return None
            return self._mention(c, None, "absolute", ["invalid-date"])
        return self._mention(c, value, "absolute", [], parts=Parts(grain, year, month, day, True))

    def _r_numeric(self, c: Candidate) -> Resolved | None:
        found = self._numeric(c, "day")
        weekday = self._weekday(c.match.group("wd"))
        if found is None or weekday is None:
            return found
        time = found.mention.time
        if time is not None and time.first.weekday() != weekday:
            warnings = (*found.mention.warnings, "weekday-disagrees")
            found = replace(found, mention=replace(found.mention, warnings=warnings))
        return self._mention(
            c, time, found.mention.kind, list(found.mention.warnings), found.mention.calendar, found.parts
        )

    def _r_numeric_ymd(self, c: Candidate) -> Resolved | None:
        return self._r_numeric(c)

    def _r_numeric_my(self, c: Candidate) -> Resolved | None:
        return self._numeric(c, "month")

    def _r_year(self, c: Candidate) -> Resolved | None:
        year = int(c.match.group("year") or c.match.group("year2") or c.match.group("year3"))
        if not 1000 <= year <= 2199:
            return None
        value = cal.year_value(year)
        modifier = c.match.group("mod") or c.match.group("mod2")
        if c.match.group("year2") and self.t["modifier"][key(modifier)] == "about":
            return None
        if modifier:
            value = cal.narrow(value, self.t["modifier"][key(modifier)])
        parts = None if modifier else Parts("year", year, 1, 1, True)
        return self._mention(c, value, "absolute", [], parts=parts)

    def _r_yrange(self, c: Candidate) -> Resolved | None:
        y1, y2 = int(c.match.group("y1")), int(c.match.group("y2"))
        if not 1000 <= y1 < y2 <= 2199:
            return None
        # A bare pair of consecutive years joined by - or / is a school, fiscal or sports season year
        # (2023-2024, 2023/2024); other bare pairs need من/بين or عامي.
        consecutive = y2 == y1 + 1 and c.match.group("sep") in ("-", "–", "/")
        if not (c.match.group("open") or c.match.group("pair") or consecutive):
            return None
        return self._mention(c, cal.interval(cal.year_value(y1), cal.year_value(y2)), "absolute", [])

    def _r_yearpart(self, c: Candidate) -> Resolved | None:
        """Return a quarter or half of a year as months: الربع الأول من 2023 -> 2023-01/2023-03."""
        named = key(c.match.group("part"))
        part = next(p for p, ws in lx.data()["year_parts"].items() if named in map(key, ws))
        size = 3 if part == "quarter" else 6
        nth = int(self.t["nth"][key(c.match.group("nth"))])
        count = 12 // size
        index = count if nth < 0 else nth
        if not 1 <= index <= count:
            return None
        year, needs_dct = self._year(c)
        if year is None:
            return self._mention(c, None, "absolute", ["no-dct"]) if needs_dct else None
        if not 1000 <= year <= 2199:
            return None
        first = cal.month_value(year, (index - 1) * size + 1)
        last = cal.month_value(year, index * size)
        return self._mention(c, cal.interval(first, last), "relative" if needs_dct else "absolute", [])

    def _r_mpair(self, c: Candidate) -> Resolved | None:
        """Return two months named as a dual (شهري مارس وأبريل 2023) as one interval."""
        (m1, _), (m2, _) = self._months(c.match.group("m1"))[0], self._months(c.match.group("m2"))[0]
        year, needs_dct = self._year(c)
        warnings: list[str] = []
        if year is None:
            if self.dct is None:
                return self._mention(c, None, "absolute", ["no-dct", "year-inferred"])
            year = self._infer_month(m1, self._direction(c, None)).first.year
            warnings.append("year-inferred")
        y2 = year if m2 > m1 else year + 1
        if not 1000 <= year <= 2199:
            return None
        value = cal.interval(cal.month_value(year, m1), cal.month_value(y2, m2))
        return self._mention(c, value, "absolute", warnings)

    def _r_rdecade(self, c: Candidate) -> Resolved | None:
        """Return العقد الماضي / الحالي / المقبل as the calendar decade before, holding or after the DCT's."""
        if self.dct is None:
            return self._mention(c, None, "relative", ["no-dct"])
        shift = {"past": -1, "next": 1}.get(self.t["direction"][key(c.match.group("dir"))], 0)
        return self._mention(c, cal.decade_value(self.dct.year // 10 + shift), "relative", [])

    def _r_weekday(self, c: Candidate) -> Resolved | None:
        bare = c.match.group("core") == c.match.group("wd") and not c.match.group("dir")
        if (
            bare
            and key(c.match.group("wd")) == self.t["the_two"]
            and self.t["the_two_next"].match(self.text, c.end)
        ):
            return None
        if bare and self._in_quoted_name(c):
            return None  # "«الجمعة الدامية»"، "«جمعة الغضب»": a name, not a day
        day = self._weekday_day(self._weekday(c.match.group("wd")), c.match.group("dir"), c.start)
        if day is None:
            return self._mention(c, None, "weekday", ["no-dct"])
        if c.match.group("twice"):
            day += timedelta(days=7 if day > (self.dct or day) else -7)
        return self._mention(c, cal.day_value(day), "weekday", [])

    def _weekday_day(self, weekday: int | None, word: str | None, at: int) -> date | None:
        if self.dct is None or weekday is None:
            return None
        direction = self.t["direction"].get(key(word)) if word else None
        delta = (weekday - self.dct.weekday()) % 7
        if direction == "past":
            day = self.dct - timedelta(days=(7 - delta) or 7)
        elif direction == "next":
            day = self.dct + timedelta(days=delta or 7)
        elif delta == 0:
            day = self.dct
        elif is_future(self.folded, at) or is_fixture(self.folded, at) or is_extended(self.folded, at):
            day = self.dct + timedelta(days=delta)
        else:
            day = self.dct - timedelta(days=7 - delta)
        return day

    def _r_relday(self, c: Candidate) -> Resolved | None:
        rel = key(c.match.group("rel"))
        if (
            rel in self.t["relday_part"]
            and not c.match.group("part")
            and self._previous_word(c) not in self.t["relday_open"]
        ):
            return None
        unit_word, unit_after = self.t["unit_day"]
        bare = not (c.match.group("part") or c.match.group("wd"))
        if rel == unit_word and bare and self._previous_word(c) in unit_after:
            return None  # "بضعة دولارات في اليوم": a day as a unit
        if (
            rel in self.t["verb_like"]
            and not c.match.group("wd")
            and re.match(SO + r"ال\w", self.text[c.end : c.end + 8])
        ):
            return None
        offset = self.t["relday"][rel]
        if self.dct is None:
            return self._mention(c, None, "relative", ["no-dct"])
        day = self.dct + timedelta(days=offset)
        weekday = self._weekday(c.match.group("wd") or c.match.group("wdb"))  # "غدا الجمعة"، "الجمعة غدا"
        kind = "relative"
        if c.match.group("dnum"):  # بعد يوم غد الخميس 3 نوفمبر: one mention; the date written wins
            stated = self._relday_date(c, day)
            if stated is None:
                return None
            day, kind = stated, "absolute"
        warnings = ["weekday-disagrees"] if weekday is not None and weekday != day.weekday() else []
        return self._mention(c, cal.day_value(day), kind, warnings)

    def _relday_date(self, c: Candidate, day: date) -> date | None:
        """Return the date written after a relative day word: its year given, else the relative day's."""
        month = self._months(c.match.group("mon"))[0][0]
        number = int(c.match.group("dnum"))
        year = int(c.match.group("year")) if c.match.group("year") else None
        candidates = [year] if year is not None else [day.year, day.year + 1, day.year - 1]
        options = []
        for y in candidates:
            try:
                options.append(date(y, month, number))
            except ValueError:
                continue
        return min(options, key=lambda d: abs((d - day).days)) if options else None

    def _r_period(self, c: Candidate) -> Resolved | None:
        if c.match.group("p3") and not c.match.group("mod"):
            return None
        period_word = c.match.group("p1") or c.match.group("p2") or c.match.group("p3")
        unit = self.t["period"][key(period_word)]
        offset = {"past": -1, "next": 1, "current": 0, None: 0}[
            None if not c.match.group("dir") else self.t["direction"][key(c.match.group("dir"))]
        ]
        if c.match.group("twice"):
            offset *= 2
        if self.dct is None:
            return self._mention(c, None, "relative", ["no-dct"])
        if unit == "week":
            value = cal.week_value(self.dct + timedelta(days=7 * offset), self.week_start)
        elif unit == "month":
            value = cal.month_value(*cal.add_months(self.dct.year, self.dct.month, offset))
        else:
            value = cal.year_value(self.dct.year + offset)
        modifier = c.match.group("mod")
        if modifier:
            if unit == "week":
                return None if key(modifier) == key("أول") else self._mention(c, value, "relative", [])
            value = cal.narrow(value, self.t["modifier"][key(modifier)])
        return self._mention(c, value, "relative", [])

    def _r_dayrel(self, c: Candidate) -> Resolved | None:
        day = self._day_number(self._g(c, "dnum"), self._g(c, "dord"))
        if day is None or not 1 <= day <= 31:
            return None
        if self.dct is None:
            return self._mention(c, None, "relative", ["no-dct"])
        word = c.match.group("dir")
        shift = (
            0
            if c.match.group("this") or not word
            else {"past": -1, "next": 1}.get(self.t["direction"][key(word)], 0)
        )
        year, month = cal.add_months(self.dct.year, self.dct.month, shift)
        try:
            value = cal.day_value(date(year, month, day))
        except ValueError:
            return self._mention(c, None, "relative", ["invalid-date"])
        weekday = self._weekday(c.match.group("wd"))
        warnings = ["weekday-disagrees"] if weekday is not None and weekday != value.first.weekday() else []
        return self._mention(c, value, "relative", warnings)

    def _r_wdord(self, c: Candidate) -> Resolved | None:
        """Return a weekday with an ordinal day and no month (السبت السادس عشر): that day of the
        month nearest the DCT on which the weekday falls; nothing when none agrees."""
        day = self._day_number(None, c.match.group("dord"))
        weekday = self._weekday(c.match.group("wd"))
        if day is None or weekday is None or self.dct is None:
            return None
        options = []
        for shift in (-1, 0, 1):
            year, month = cal.add_months(self.dct.year, self.dct.month, shift)
            try:
                d = date(year, month, day)
            except ValueError:
                continue
            if d.weekday() == weekday:
                options.append(cal.day_value(d))
        value = self._pick(options, self._direction(c, None)) if options else None
        return None if value is None else self._mention(c, value, "relative", [])

    def _month_of(self, c: Candidate) -> tuple[TimeValue | None, list[str], str]:
        """Return the Gregorian or Hijri month a rule names (year given or inferred), warnings, calendar."""
        direction = self._g(c, "dir")
        if self._g(c, "rm"):  # الشهر الجاري / الماضي / المقبل, هذا الشهر
            if self.dct is None:
                return None, ["no-dct"], "gregorian"
            word = self._g(c, "rdir")
            shift = {"past": -1, "next": 1}.get(self.t["direction"][key(word)], 0) if word else 0
            if not word and not key(c.match.group("rm")).startswith(tuple(self.t["this"])):
                return None, [], "gregorian"  # الشهر alone: some month of a story
            return cal.month_value(*cal.add_months(self.dct.year, self.dct.month, shift)), [], "gregorian"
        if self._g(c, "hmon"):
            month = self.t["hmonth"][key(c.match.group("hmon"))]
            raw = self._g(c, "year")
            try:
                if raw and int(raw) > 1600:  # رمضان 2023: the month as it fell in that Gregorian year
                    return self._hijri_month_in_gregorian_year(month, int(raw)), [], "hijri"
                if raw:
                    return cal.hijri_month_value(int(raw), month), [], "hijri"
                if self.dct is None:
                    return None, ["no-dct", "year-inferred"], "hijri"
                inferred = self._infer_hijri(month, None, self._direction(c, direction))
                return inferred, ["year-inferred"], "hijri"
            except HijriOutOfRange:
                return None, ["hijri-out-of-range"], "hijri"
            except ValueError:
                return None, ["invalid-date"], "hijri"
        months = self._months(c.match.group("mon"))
        gregorian = [m for m, g in months if g]
        month = gregorian[0] if gregorian else months[0][0]
        year, needs_dct = self._year(c)
        if year is not None:
            return (cal.month_value(year, month) if 1000 <= year <= 2199 else None), [], "gregorian"
        if self.dct is None:
            return None, ["no-dct", "year-inferred"], "gregorian"
        return self._infer_month(month, self._direction(c, direction)), ["year-inferred"], "gregorian"

    def _r_nthday(self, c: Candidate) -> Resolved | None:
        """Return the first, nth or last day of a month: آخر يوم من شهر يونيو 2022، اليوم الأول من رمضان."""
        nth = int(self.t["nth"][key(self._g(c, "n1") or self._g(c, "n2") or c.match.group("nth"))])
        month, warnings, calendar = self._month_of(c)
        kind = "hijri" if calendar == "hijri" else "relative" if self._g(c, "rm") else "absolute"
        if month is None:
            return self._mention(c, None, kind, warnings, calendar) if warnings else None
        day = month.last if nth < 0 else month.first + timedelta(days=nth - 1)
        if day > month.last:
            return self._mention(c, None, kind, [*warnings, "invalid-date"], calendar)
        return self._mention(c, cal.day_value(day), kind, warnings, calendar)

    def _r_nthweek(self, c: Candidate) -> Resolved | None:
        """Return the first or last full week (Saturday-Friday by default) inside a month."""
        nth = int(self.t["nth"][key(c.match.group("n1") or c.match.group("n2"))])
        month, warnings, _ = self._month_of(c)
        if month is None:
            return self._mention(c, None, "absolute", warnings) if warnings else None
        if nth < 0:
            week = cal.week_value(month.last, self.week_start)
            if week.last > month.last:
                week = cal.week_value(week.first - timedelta(days=1), self.week_start)
        else:
            week = cal.week_value(month.first, self.week_start)
            if week.first < month.first:
                week = cal.week_value(week.last + timedelta(days=1), self.week_start)
            week = cal.week_value(week.first + timedelta(days=7 * (nth - 1)), self.week_start)
        if week.last > month.last:
            return self._mention(c, None, "absolute", [*warnings, "invalid-date"])
        kind = "relative" if self._g(c, "rm") else "absolute"
        return self._mention(c, replace(week, approximate=True), kind, warnings)

    def _r_anniv(self, c: Candidate) -> Resolved | None:
        year, _ = self._year(c)
        if self.dct is None or year is None:
            return self._mention(c, None, "relative", ["no-dct"])
        try:
            day = self.dct.replace(year=year)
        except ValueError:
            day = self.dct.replace(year=year, day=28)
        return self._mention(c, cal.day_value(day), "relative", [])

    def _r_bare_count(self, c: Candidate) -> Resolved | None:
        return self._r_lcount(c)

    def _r_wdweek(self, c: Candidate) -> Resolved | None:
        weekday = self.t["weekday"].get(
            "ال" + key(c.match.group("bwd")), self.t["weekday"].get(key(c.match.group("bwd")))
        )
        if weekday is None:
            return None
        if self.dct is None:
            return self._mention(c, None, "relative", ["no-dct"])
        word = c.match.group("dir")
        offset = {"past": -1, "next": 1}.get(self.t["direction"][key(word)], 0) if word else 0
        week = cal.week_value(self.dct + timedelta(days=7 * offset), self.week_start)
        day = week.first + timedelta(days=(weekday - week.first.weekday()) % 7)
        return self._mention(c, cal.day_value(day), "relative", [])

    def _r_nthwd(self, c: Candidate) -> Resolved | None:
        nth = int(self.t["nth"][key(c.match.group("nth"))])
        raw = self._g(c, "bwd")
        weekday = (
            self.t["weekday"].get("ال" + key(raw), self.t["weekday"].get(key(raw)))
            if raw
            else self._weekday(c.match.group("wd"))
        )
        if weekday is None:
            return None
        year, needs_dct = self._year(c)
        warnings: list[str] = []
        if c.match.group("rm"):
            if self.dct is None:
                return self._mention(c, None, "relative", ["no-dct"])
            shift = {"past": -1, "next": 1}.get(self.t["direction"][key(c.match.group("dir"))], 0)
            year, month = cal.add_months(self.dct.year, self.dct.month, shift)
        else:
            months = self._months(c.match.group("mon"))
            gregorian = [m for m, g in months if g]
            month = gregorian[0] if gregorian else months[0][0]
            if year is None:
                if self.dct is None:
                    return self._mention(c, None, "absolute", ["no-dct", "year-inferred"])
                year = self._infer_month(month, self._direction(c, None)).first.year
                warnings.append("year-inferred")
        if nth > 0:
            value = self._nth_weekday(year, month, weekday, nth)
        else:
            last = cal.month_last(year, month)
            value = cal.day_value(last - timedelta(days=(last.weekday() - weekday) % 7))
        if value is None:
            return self._mention(c, None, "absolute", [*warnings, "invalid-date"])
        return self._mention(c, value, "relative" if c.match.group("rm") else "absolute", warnings)

    def _r_wdnth(self, c: Candidate) -> Resolved | None:
        return self._r_nthwd(c)

    def _r_feastday(self, c: Candidate) -> Resolved | None:
        """Return the nth day of a feast or of a Hijri month: ثاني أيام عيد الفطر، أول أيام رمضان."""
        nth = int(self.t["nth"][key(c.match.group("nth"))])
        if c.match.group("hmon"):
            return self._r_nthday(c)
        if nth < 1:
            return None  # آخر أيام العيد: how long a feast lasts differs by country
        found = self._r_holiday(c)
        if found is None or found.mention.time is None:
            return found
        day = cal.day_value(found.mention.time.first + timedelta(days=nth - 1))
        return replace(found, mention=replace(found.mention, time=day))

    def _r_holiday(self, c: Candidate) -> Resolved | None:
        name = key(c.match.group("name"))
        kind, when = self.t["holiday"][name]
        year = int(c.match.group("year")) if c.match.group("year") else None
        calendar = "hijri" if kind == "hijri" else "gregorian"
        out_kind = "hijri" if kind == "hijri" else "absolute"

        def occurrence(y: int) -> date | None:
            if kind == "gregorian":
                return date(y, when[0], when[1])
            if kind == "easter":
                return cal.easter(y)
            for hy in range(round((y - 622) * 33 / 32) - 1, round((y - 622) * 33 / 32) + 3):
                try:
                    d = cal.hijri_to_gregorian(hy, when[0], when[1])
                except ValueError:
                    continue
                if d.year == y:
                    return d
            return None

        try:
            if year is not None:
                found = occurrence(year)
                if found is None:
                    return None
                return self._mention(c, cal.day_value(found), out_kind, [], calendar)
            if self.dct is None:
                return self._mention(c, None, out_kind, ["no-dct", "year-inferred"], calendar)
            options = [
                cal.day_value(d) for y in range(self.dct.year - 1, self.dct.year + 2) if (d := occurrence(y))
            ]
        except HijriOutOfRange:
            return self._mention(c, None, out_kind, ["hijri-out-of-range"], calendar)
        value = self._pick(options, self._direction(c, c.match.group("dir")))
        return self._mention(c, value, out_kind, ["year-inferred"], calendar)

    def _r_rseason(self, c: Candidate) -> Resolved | None:
        code = self.t["season"][key(c.match.group("s1") or c.match.group("s2") or c.match.group("s3"))]
        if self.dct is None:
            return self._mention(c, None, "relative", ["no-dct"])
        dct = self.dct
        if c.match.group("s2"):
            word = c.match.group("dir2")
            shift = {"past": -1, "next": 1}.get(self.t["direction"][key(word)], 0) if word else 0
            return self._mention(c, cal.season_value(dct.year + shift, code), "relative", [])
        options = [cal.season_value(y, code) for y in range(dct.year - 2, dct.year + 2)]
        direction = "current" if c.match.group("this") else self.t["direction"][key(c.match.group("dir"))]
        value = self._pick(options, direction)
        if value is None:
            return None
        return self._mention(c, value, "relative", [])

    def _r_season(self, c: Candidate) -> Resolved | None:
        year = int(c.match.group("year"))
        if not 1000 <= year <= 2199:
            return None
        code = self.t["season"][key(c.match.group("season"))]
        return self._mention(c, cal.season_value(year, code), "absolute", [])

    def _r_decade(self, c: Candidate) -> Resolved | None:
        tens = self.t["decade"][key(c.match.group("dec"))]
        reference = self.dct.year if self.dct else 2000
        century = (reference // 100) * 100
        named = c.match.group("cent")
        if named:
            which = self.t["century"][key(named)]
            if which == "previous":
                century -= 100
        elif century + tens * 10 > reference:
            century -= 100
        return self._mention(c, cal.decade_value((century + tens * 10) // 10), "absolute", [])

    def _count(self, c: Candidate) -> tuple[str, int | None] | None:
        unit, implied = self.t["unit"][key(c.match.group("unit"))]
        raw = c.match.group("n")
        count = (int(raw) if raw.isdigit() else self.t["cardinal"].get(key(raw))) if raw else implied
        if count is None and unit == "hour" and not raw:
            return unit, None  # قبل ساعات: some hours
        if count is None or count <= 0:
            return None
        return unit, count

    def _r_count(self, c: Candidate) -> Resolved | None:
        counted = self._count(c)
        if counted is None:
            return None
        unit, count = counted
        op = key(c.match.group("op"))
        if unit == "hour" and count is None and op not in self.t["ago"] and op != key("منذ"):
            return None  # بعد ساعات: lengths under a day are no mention
        since = op == key("منذ")
        if since:
            # In news منذ + a count is a date (منذ يومين = two days ago) unless the clause says it is a
            # length; a من after it belongs to the verb (أعلن منذ يومين من القاهرة).
            if is_durative(self.text, c.start, c.end):
                return self._mention(c, None, "duration", [])
            op = next(iter(self.t["ago"]))
        elif (op not in self.t["ago"] and op != key("بعد")) or (
            c.match.group("of")
            and not (
                op in self.t["ago"]
                and is_from_verb_before(self.text, c.start)
                and not self.t["schedule"].match(self.text, c.match.end("of") + c.offset)
            )
        ):
            return self._mention(c, None, "duration", [])  # a length, or counted from an event
        elif op == key("بعد") and (
            is_recalled(self.folded, c.start)
            or (unit in ("year", "decade") and not is_future(self.folded, c.start))
            or self.t["in_after"].match(self.text, c.end) is not None
        ):
            # counted from the past the clause recalls, or a span («بعد عشرين عاما في الحكم»): years
            # from now are only said of what is to come (ستجرى بعد عامين)
            return self._mention(c, None, "duration", [])
        if unit == "hour":
            if op not in self.t["ago"]:
                return None
            if self.dct is None:
                return self._mention(c, None, "relative", ["no-dct"])
            back = round(count / 24) if count else 0  # قبل ساعات: today; قبل 48 ساعة: two days back
            return self._mention(c, cal.day_value(self.dct - timedelta(days=back)), "relative", [])
        if count is None:
            return None
        if self.dct is None:
            return self._mention(c, None, "relative", ["no-dct"])
        sign = -1 if op in self.t["ago"] else 1
        shift = sign * count
        if unit == "day":
            value = cal.day_value(self.dct + timedelta(days=shift))
            if shift > 1:  # (not "بعد يوم": also "after a day…", «بعد يوم دامٍ شهدته العاصمة»)
                return replace(self._mention(c, value, "relative", []), later=shift)
        elif unit == "week":
            value = cal.week_value(self.dct + timedelta(days=7 * shift), self.week_start)
        elif unit == "month":
            value = cal.month_value(*cal.add_months(self.dct.year, self.dct.month, shift))
        else:
            years = shift * 10 if unit == "decade" else shift
            value = replace(cal.year_value(self.dct.year + years), approximate=True)
        if c.match.group("approx"):
            value = replace(value, approximate=True)
        return self._mention(c, value, "relative", [])

    def _r_ncount(self, c: Candidate) -> Resolved | None:
        """Return the N units before or after the DCT's: الأيام الثلاثة الماضية، الأسابيع الثلاثة القادمة."""
        unit, implied = self.t["unit"][key(c.match.group("unit"))]
        if implied is not None or unit in ("hour", "decade") or c.match.group("few"):
            return None  # a singular or dual form, or "the last few days": no countable span
        count = self.t["cardinal"].get(key(c.match.group("n")))
        direction = self.t["direction"].get(key(c.match.group("dir")))
        if count is None or not 1 < count <= 60 or direction not in ("past", "next"):
            return None
        if self.dct is None:
            return self._mention(c, None, "relative", ["no-dct"])
        sign = -1 if direction == "past" else 1
        ends = (sign, sign * count)
        if unit == "day":
            a, b = (cal.day_value(self.dct + timedelta(days=n)) for n in ends)
        elif unit == "week":
            a, b = (cal.week_value(self.dct + timedelta(days=7 * n), self.week_start) for n in ends)
        elif unit == "month":
            a, b = (cal.month_value(*cal.add_months(self.dct.year, self.dct.month, n)) for n in ends)
        else:
            a, b = (cal.year_value(self.dct.year + n) for n in ends)
        first, last = (b, a) if sign < 0 else (a, b)
        return self._mention(c, cal.interval(first, last), "relative", [])

    def _r_lcount(self, c: Candidate) -> Resolved | None:
        if self._count(c) is None:
            return None
        return self._mention(c, None, "duration", [])

    def _r_present(self, c: Candidate) -> Resolved | None:
        if self.dct is None:
            return self._mention(c, None, "present", ["no-dct"])
        return self._mention(c, cal.day_value(self.dct), "present", [])

    # --- ranges --------------------------------------------------------------------------------

    def join_ranges(self, found: list[Resolved]) -> list[Resolved]:
        """Return the mentions with 'من A إلى B' pairs of one grain joined into one interval, and two
        whole days a dash joins ("السبت 6 تموز – الأحد 7 تموز") when they are a short run forward."""
        out: list[Resolved] = []
        i = 0
        while i < len(found):
            a = found[i]
            b = found[i + 1] if i + 1 < len(found) else None
            joined = self._join(a, b) if b is not None else None
            if joined is not None:
                out.append(joined)
                i += 2
            else:
                out.append(a)
                i += 1
        return out

    def join_nights(self, found: list[Resolved]) -> list[Resolved]:
        """Return the mentions with a night and the next day it runs into ("ليلة الجمعة إلى السبت"،
        "ليل الجمعة/السبت") joined into one mention of the night's day: one night, not two days."""
        out: list[Resolved] = []
        for r in found:
            last = out[-1] if out else None
            if last is not None and self._runs_into(last, r):
                mention = replace(
                    last.mention,
                    end=r.mention.end,
                    text=self.folded.original[last.mention.start : r.mention.end],
                )
                out[-1] = replace(last, mention=mention, end=r.end)
            else:
                out.append(r)
        return out

    def _runs_into(self, night: Resolved, day: Resolved) -> bool:
        """Return True when `day` is the bare weekday after the night `night` names (its own day when the
        night is told past its midnight: "بعد منتصف ليل السبت-الأحد"), joined to it by a word or mark of
        the lexicon's `overnight_joiners` or by nothing."""
        a, b = night.mention.time, day.mention.time
        if a is None or b is None or a.grain != "day" or b.grain != "day":
            return False
        past = key(night.mention.text).startswith(self.t["past_midnight"])  # already the next day's
        if (b.first - a.first).days != (0 if past else 1):
            return False
        if not any(key(word) in self.t["nights"] for word in night.mention.text.split()):
            return False
        if self._weekday(key(day.mention.text)) is None:
            return False
        return self.t["overnight"].match(self.text, night.end, day.start) is not None

    def days_from_before(self, found: list[Resolved]) -> list[Resolved]:
        """Return the mentions with the days told from the day written before them in their sentence
        added ("أعلن في 21 تموز أن الملء تحقق، ثم وجّه في اليوم التالي رسالة": 22 July), and the days a
        count after «بعد» moves on counted from that day ("اعتقل في 25 أكتوبر، وأفرج عنه بعد يومين":
        27 October), not from the DCT."""
        added: list[Resolved] = []
        for match in self.t["days_from_before"].finditer(self.text):
            day = self._day_before(found, match.start())
            if day is not None:
                moved = day + timedelta(days=self.t["day_offsets"][key(match.group("day"))])
                start, end = self.folded.span(match.start(), match.end())
                text = self.folded.original[start:end]
                mention = Mention(start, end, text, cal.day_value(moved), "relative")
                added.append(Resolved(mention, match.start(), match.end(), match.start()))
        out = []
        for r in found:
            day = self._day_before(found, r.start) if r.later else None
            if day is not None:
                r = replace(r, mention=replace(r.mention, time=cal.day_value(day + timedelta(days=r.later))))
            out.append(r)
        return sorted(out + added, key=lambda r: r.start) if added else out

    def _day_before(self, found: list[Resolved], at: int) -> date | None:
        """Return the day of the last mention before folded offset `at` in its sentence, within
        DAYS_FROM_BEFORE_REACH characters; None when it is not a day or there is none."""
        before = next((r for r in reversed(found) if r.end <= at), None)
        time = before.mention.time if before is not None else None
        if before is None or time is None or time.grain != "day" or at - before.end > DAYS_FROM_BEFORE_REACH:
            return None
        return None if _SENTENCE_STOP.search(self.text, before.end, at) else time.first

    def join_equivalents(self, found: list[Resolved]) -> list[Resolved]:
        """Return the mentions with a Hijri date taking the Gregorian equivalent stated beside it.

        Morocco, Algeria, Oman and Libya date by local sighting, often a day from Umm al-Qura: the
        stated equivalent (1 رمضان 1445 هـ الموافق 11 مارس 2024) is the truth, for both mentions.
        """
        out = list(found)
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if {a.mention.calendar, b.mention.calendar} != {"hijri", "gregorian"}:
                continue
            between = self.text[a.end : b.start]
            if len(between) > 24 or not self.t["equivalent"].match(between):
                continue
            bare = between.strip(" \t") == "" or between.strip() in ("،", ",", "-", "–")
            if bare and any("year-inferred" in m.mention.warnings for m in (a, b)):
                continue  # side by side, only two full dates (a dateline) state an equivalence
            hijri, gregorian = (a, b) if a.mention.calendar == "hijri" else (b, a)
            stated = gregorian.mention.time
            if stated is None or stated.grain not in ("day", "year"):
                continue
            current = hijri.mention.time
            if current is not None and current.grain != stated.grain:
                continue
            warnings = [w for w in hijri.mention.warnings if w not in ("hijri-out-of-range", "year-inferred")]
            shifted = "weekday-disagrees" in hijri.mention.warnings  # moved off Umm al-Qura by a weekday
            if current is None or shifted or (current.first, current.last) != (stated.first, stated.last):
                warnings.append("stated-equivalent")
            weekday = self._weekday(key(hijri.mention.text))
            if weekday is not None and stated.grain == "day":
                warnings = [w for w in warnings if w != "weekday-disagrees"]
                if stated.first.weekday() != weekday:
                    warnings.append("weekday-disagrees")
            mention = replace(hijri.mention, time=stated, warnings=tuple(dict.fromkeys(warnings)))
            out[out.index(hijri)] = replace(hijri, mention=mention)
        return out

    def _join(self, a: Resolved, b: Resolved) -> Resolved | None:
        pa, pb = a.parts, b.parts
        if pa is None or pb is None or pa.grain != pb.grain:
            return None
        if not self.t["range_to"].match(self.text, a.end, b.start):
            return None
        dashed = pa.grain == "day" and self.t["range_dash"].match(self.text, a.end, b.start) is not None
        if not dashed and not self.t["range_open"].search(self.text[max(0, a.before - 40) : a.before]):
            return None  # two whole days a dash joins need no opening word: "السبت 6 تموز – الأحد 7 تموز"
        ya, yb = pa.year, pb.year
        if pb.year_explicit and not pa.year_explicit:
            ya = yb if (pa.month, pa.day) <= (pb.month, pb.day) else yb - 1
        elif not pb.year_explicit:
            yb = ya if (pb.month, pb.day) >= (pa.month, pa.day) else ya + 1
        try:
            first = self._value(pa, ya)
            last = self._value(pb, yb)
        except ValueError:
            return None
        value = cal.interval(first, last)
        if value is None or (dashed and (value.last - value.first).days > DASHED_RANGE_DAYS):
            return None
        start, end = a.mention.start, b.mention.end
        warnings = tuple(dict.fromkeys(a.mention.warnings + b.mention.warnings))
        if pa.year_explicit or pb.year_explicit:
            warnings = tuple(w for w in warnings if w != "year-inferred")
        mention = Mention(
            start, end, self.folded.original[start:end], value, "absolute", "gregorian", warnings
        )
        return Resolved(mention, a.start, b.end, a.before, None)

    @staticmethod
    def _value(p: Parts, year: int) -> TimeValue:
        if p.grain == "day":
            return cal.day_value(date(year, p.month, p.day))
        if p.grain == "month":
            return cal.month_value(year, p.month)
        return cal.year_value(year)
