"""Infer a text's document date (DCT) when no catalogue gives it.

Evidence, strongest first: a publication stamp ("نشر في: 12 مارس 2023"); a dateline at the head of
the text ("بيروت – 8 آب (الضفة) –"; without a year, the year that puts the day nearest the `near`
date: the folder's other articles); a day named both ways ("أمس الجمعة 15 مارس", its weekday agreeing
with the year nearest `near`); a dated line (a full date whose written weekday agrees with it, or a
line that is nothing but a full date); else the latest fully written date in the text (day, month
and year), where a second mention of the same day or an agreeing weekday is noted as support, unless
it lies far from `near` (FAR_FROM_FOLDER_DAYS) and relative dates would be read from it: then it is
background, and the text has no date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from generator.models import Mention
from generator.temporal import find_mentions
from generator.temporal.lexicon import alt, data
from generator.temporal.normalize import fold, fold_word
from generator.temporal.tense import is_future

_LINE_NOISE = re.compile(r"[\s\W_]+")
_WORD = re.compile(r"[^\W_]+")


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


def _planned(text: str, mention: Mention) -> bool:
    """Return True for a date its sentence plans or awaits, in the date's clause or one before it ("ومن
    المقرر أن تستأنف رحلاتها … وإلى الدمام يوم السبت 16 يناير 2021"): a day after the text's own."""
    start = text.rfind("\n", 0, mention.start) + 1
    sentence = re.split(r"[.؟!?]", text[start : mention.start])[-1]
    folded = fold(sentence)  # each clause of the sentence up to the date: "…يوم الخميس المقبل، وإلى…"
    ends = [m.start() for m in re.finditer(r"[،,؛;]", folded.text)] + [len(folded.text)]
    return any(is_future(folded, end) for end in ends)


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


_DATE_LINE_END = re.compile(r"^\s*(?:م\b)?\s*$")
"""What may follow a date on a line that holds it alone: nothing, or the «م» of the Common Era."""
DATELINE_LINES = 4
"""A dateline is on one of the text's first lines (the title may come first)."""
_DATELINE_HEAD = 120
_DATELINE_DASHES = "–—-−/:،,"


@cache
def _dateline_parts() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Return what may stand before a dateline's date (a place of up to three words, perhaps with its
    country in brackets, and a dash, perhaps the outlet and a dash again, or one word and a dateline
    word; a bare place only before a date with its year), and what must follow it: a dash, or the
    outlet in brackets or slashes ("القاهرة في 20 يناير /أ ش أ/ أعلنت…"), perhaps with a dash after it."""
    joiner = alt(data()["dateline_words"])
    dash = re.escape(_DATELINE_DASHES)
    place = rf"(?!(?:{joiner})\b)(?:[^\W\d_]|[\u064b-\u065f\u0670])+"  # marks too: "عمّان"
    places = rf"{place}(?:[ \t]+{place}){{0,2}}(?:\s*\([^()\d\n]{{1,30}}\))?"  # "ريمبو (السويد)"
    outlet = rf"(?:\s*(?:«[^«»\n]{{1,30}}»|{places})\s*[{dash}])?"  # "عمّان – «النخيل» –"، "الرياض – الوادي –"
    before = re.compile(rf"^\s*(?:{place}\s+(?:{joiner})|{places}\s*[{dash}]{outlet})\s*$")
    bare = re.compile(rf"^\s*{places}\s*$")
    after = re.compile(
        rf"^\s*(?:م\b\s*)?(?:[(/][^()/\n]{{1,40}}[)/]\s*[{dash}]?|[{dash}])"
    )  # "/أ ش أ/ أعلنت"
    return before, bare, after


def dateline(text: str, near: date | None = None) -> tuple[date, str] | None:
    """Return the day a dateline at the head of the text gives (or a line that holds a full date alone,
    as pages print their day under the title), with the evidence, or None.

    A day and month without a year take the year that puts them nearest `near` (the folder's other
    articles), else nearest the latest full date in the text; with neither, there is no day.
    """
    before, bare, after = _dateline_parts()
    for line in [line for line in text.splitlines() if line.strip()][:DATELINE_LINES]:
        head = line[:_DATELINE_HEAD]
        found = find_mentions(head, near)
        for k, mention in enumerate(found):
            tail = after.match(head[mention.end :])
            stated = _stated_beside(head, found[k - 1], mention) if k else None
            opening = head[: (stated or mention).start]  # "الرياض – 27 جمادى الأولى 1442هـ الموافق"
            alone = _DATE_LINE_END.match(head[mention.end :]) if not opening.strip() else None
            if alone is not None and mention.kind == "absolute" and not _yearless(mention):
                tail = alone  # a line that holds the date alone ("الخميس 14 أكتوبر 2021م")
            elif mention.kind != "absolute" or tail is None or _relative_offset(mention) is not None:
                continue  # ("أمس الجمعة 15 مارس" is the day before the text's: told_day)
            elif not before.match(opening) and (_yearless(mention) or not bare.match(opening)):
                continue
            shown = f"«{head[: mention.end + tail.end()].strip()}»"
            if mention.time is not None and mention.time.grain == "day":
                if _yearless(mention):
                    why = "in the year nearest the folder's other articles"
                    return mention.time.first, f"dateline: {shown}, {why}"
                return mention.time.first, f"dateline: {shown}"
            if near is None and _yearless(mention):
                full = [m.time.first for m in _full_dates(find_mentions(text, None)) if m.time is not None]
                if full:
                    day = find_mentions(head[mention.start : mention.end], max(full))[0].time
                    if day is not None:
                        why = "in the year nearest the text's latest full date"
                        return day.first, f"dateline: {shown}, {why}"
    return None


@cache
def _equivalent() -> re.Pattern[str]:
    """Return what stands between a Hijri date and the Gregorian one stated beside it («الموافق»), folded."""
    return re.compile(r"^\W*(?:" + alt(data()["connectors"]["stated_equivalent"]) + r")\W*$")


def _stated_beside(head: str, previous: Mention, mention: Mention) -> Mention | None:
    """Return the Hijri date right before `mention` when `mention` states its equivalent, else None."""
    if previous.calendar != "hijri":
        return None
    return previous if _equivalent().match(fold(head[previous.end : mention.start]).text) else None


DATELINE_LAG_DAYS = 2
"""A dateline this many days at most before the catalogue's date is a wire republished later («القاهرة –
20 يناير (د ب أ) – أعلنت الخارجية اليوم الأربعاء…» on a page of the 21st): its words count from it."""


def reading_day(text: str, published: date) -> date:
    """Return the day a dated article's relative words count from: its dateline's, when the dateline is
    a day or two before the catalogue's date (a wire republished later), else the catalogue's."""
    found = dateline(text, published)
    if found is not None and 0 < (published - found[0]).days <= DATELINE_LAG_DAYS:
        return found[0]
    return published


FAR_FROM_FOLDER_DAYS = 92
"""The latest full date of an undated text, further than this from the folder's other articles, is
background («تولى الحريري رئاسة الحكومة في 31 تشرين الأول 2016» in a story of 2017), not its own day,
when the text has relative dates that would be read from it."""

STAMP_WORDS = 12
"""A publication stamp is a short line: the stamp, the date (in two calendars, perhaps), perhaps a time;
this many words at most, figures not counted."""


@cache
def publication_stamps() -> tuple[tuple[str, ...], ...]:
    """Return the lexicon's `publication_stamps` ("نشر في"، "آخر تحديث"), folded word by word."""
    return tuple(tuple(_WORD.findall(fold(s).text)) for s in data()["publication_stamps"])


def is_stamp(words: tuple[str, ...]) -> bool:
    """Return True for the folded words of a short line that opens with a publication stamp."""
    words_only = [w for w in words if not w.isdigit()]
    return 0 < len(words_only) <= STAMP_WORDS and any(words[: len(s)] == s for s in publication_stamps())


def stamped(text: str) -> tuple[date, str] | None:
    """Return the day a publication stamp gives ("نشر في: 12 مارس 2023 - 10:30"), with the evidence, or
    None: the first short line that opens with one of the lexicon's `publication_stamps` and holds a
    full date."""
    for line in text.splitlines():
        if not is_stamp(tuple(_WORD.findall(fold(line).text))):
            continue
        full = _full_dates(find_mentions(line, None))
        if full and full[0].time is not None:
            return full[0].time.first, f"publication stamp: «{line.strip()}»"
    return None


def told_day(text: str, near: date | None) -> tuple[date, str] | None:
    """Return the document date a day named both ways gives ("أمس الجمعة 15 مارس": the day after 15
    March), with the evidence, or None. The year is the one nearest `near` (the folder's other
    articles), so the day must also be written with a weekday that agrees, or with its year."""
    if near is None:
        return None
    for mention in find_mentions(text, near):
        time = mention.time
        if time is None or time.grain != "day" or mention.kind != "absolute" or mention.warnings:
            continue
        offset = _relative_offset(mention)
        if offset is not None and (_weekday_written(mention) or str(time.first.year) in mention.text):
            day = time.first - timedelta(days=offset)
            return day, f"a day named both ways: «{mention.text}» in «{_line(text, mention)}»"
    return None


@cache
def _relative_days() -> tuple[dict[str, int], int]:
    offsets = {fold_word(w): int(days) for w, days in data()["relative_days"].items()}
    return offsets, max(len(w.split()) for w in offsets)


def _relative_offset(mention: Mention) -> int | None:
    """Return the days from the document date of the relative word that opens a mention ("أمس" in "أمس
    الجمعة 15 مارس"، "اليوم" in "مساء اليوم الثلاثاء"), or None when it opens with none."""
    offsets, longest = _relative_days()
    words = fold(mention.text).text.split()
    for skip in (0, 1):  # a part of the day may come first
        for n in range(longest, 0, -1):
            offset = offsets.get(" ".join(words[skip : skip + n]))
            if offset is not None:
                return offset
    return None


def _yearless(mention: Mention) -> bool:
    return "year-inferred" in mention.warnings


def infer_dct(text: str, near: date | None = None) -> tuple[date | None, str]:
    """Return the document date the text states or implies, with the evidence; (None, why) if none.

    `near` is a day the text is likely close to (the folder's other articles): it gives a dateline
    without a year its year.
    """
    found = stamped(text) or dateline(text, near) or told_day(text, near)
    if found is not None:
        return found
    found_all = find_mentions(text, None)
    full = [m for m in _full_dates(found_all) if not _planned(text, m)]
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
    waiting = any("no-dct" in m.warnings for m in found_all)  # «أمس»، «الأسبوع الماضي»: they need the day
    if waiting and near is not None and abs((best.time.first - near).days) > FAR_FROM_FOLDER_DAYS:
        return None, (
            f"the latest full date in the text, «{best.text}», lies {abs((best.time.first - near).days)} days"
            " from the folder's other articles: background, not the article's own day"
        )
    same = sum(1 for m in full if m.time is not None and m.time.first == best.time.first)
    support = f" (written {same} times)" if same > 1 else ""
    return best.time.first, f"latest full date in the text: «{best.text}»{support} in «{_line(text, best)}»"
