"""Find date expressions in folded text: patterns generated once from the lexicon, longest match wins.

Every pattern runs over the folded copy of the text (see normalize.py); each match's `core` group is
the mention's span (clitics such as و ب ل before it are left out). Phrases that merely contain a date
word (روسيا اليوم, الأحد عشر) are matched as blockers and veto whatever they overlap.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol, TypeVar

from generator.temporal import lexicon as lx
from generator.temporal.lexicon import SO, S, alt

CLITIC = r"(?<!\w)(?:[وفبلك]|و[بلفك]|ف[بل])?"
CONJ = r"(?<!\w)(?:[وف])?"


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_Span)


@dataclass(frozen=True)
class Candidate:
    """One pattern match: rule name, folded span of the mention, and the match to read groups from."""

    rule: str
    start: int
    end: int
    match: re.Match[str]
    offset: int = 0
    """Folded index = index in the match's string + offset (the match may run on a compacted copy)."""

    @property
    def before(self) -> int:
        """Return where the whole match (clitics and openers included) starts in the folded text."""
        return self.match.start() + self.offset


def _fragments() -> dict[str, str]:
    lex = lx.data()
    months = [s for names in lex["months"].values() for s in names]
    hmonths = [s for names in lex["hijri_months"].values() for s in names]
    month = alt(months)
    return {
        "MONTH": month,
        "MONTHS": rf"{month}(?:{SO}/{SO}{month}|{SO}\({SO}{month}{SO}\)|{S}{month}(?!\w))?",
        "HMONTH": alt(hmonths),
        "EPITHET": alt(lex["hijri_epithets"]),
        "HMARK": alt(lex["hijri_markers"]),
        "GMARK": alt(lex["gregorian_markers"]),
        "WEEKDAY": alt(s for names in lex["weekdays"].values() for s in names),
        "ORD": alt(lx.ordinal_days()),
        "NOTHALF": "".join(rf"(?<!{w}\s)" for w in lex["month_fractions"]),  # "النصف الثاني من الشهر": no 2nd
        "ORDL": alt(k[1:] for k in lx.ordinal_days() if k.startswith("ال")),
        "CARD": alt(lx.cardinals()),
        "UNIT": alt(lx.units()),
        "FILL": alt(lex["unit_fillers"]),
        "APPROX": alt(lex["approximators"]),
        "OPEN": alt(w for w in lex["duration_openers"] if w != "ل"),
        "AGO": alt(lex["ago"] + lex["later"]),
        "DIR": alt(lx.words("directions")),
        "DAYPART": alt(lex["day_parts"]),
        "MOD": alt(lx.words("modifiers")),
        "YEARW": alt(lex["year_words"]),
        "YPAIR": alt(lex["year_pair_words"]),
        "DAYW": alt(lex["day_word"]),
        "MONTHW": alt(lex["month_word"]),
        "PRESENT": alt(lex["present"]),
        "RELDAY": alt(lex["relative_days"]),
        "PERIOD": alt(lx.words("periods")),
        "THIS": alt(lex["this_words"]),
        "YPERIOD": alt(lex["periods"]["year"]),
        "WEEKW": alt(lex["periods"]["week"]),
        "WEEKW1": alt(w[2:] if w.startswith("ال") else w for w in lex["periods"]["week"]),
        "BWEEKDAY": alt(
            w[2:] if w.startswith("ال") else w for names in lex["weekdays"].values() for w in names
        ),
        "NTH": alt(w for ws in lex["nth_weekday"].values() for w in ws),
        "NTHL": alt(w for ws in lex["nth_weekday"].values() for w in ws if w.startswith("ال")),
        "HOLIDAY": alt(n for table in lex["holidays"].values() for n in table),
        "SEASON": alt(lx.words("seasons")),
        "DECADE": alt(lx.words("decades")),
        "DECADEW": alt(lex["decade_word"]),
        "YPART": alt(lx.words("year_parts")),
        "FDAYS": alt(lex["feast_days_word"]),
        "FEW": alt(lex["few_words"]),
        "MPAIRW": alt(lex["month_pair_word"]),
        "CENTURY": alt(lx.words("century")),
        "TO": alt(lex["connectors"]["range_to"]),
        "OPENR": alt(lex["connectors"]["range_open"]),
        "EQ": alt(lex["connectors"]["equals"]),
        "NOT": alt(lex["not_dates"]),
        "MEDIA": alt(lex["media_heads"]),
        "S": S,
        "SO": SO,
    }


YEARPART = (
    r"(?:(?:{SO}[،,]?{SO}(?:(?:من|في){S})?(?:[لب]?{YEARW}{SO})?(?P<year>\d{{4}})(?!\d)(?:{SO}{GMARK}(?!\w))?)"
    r"|{S}(?:(?:من|في){S})?(?P<ryear>{THIS}{S}{YPERIOD}|{YPERIOD}{S}{DIR}))?"
)
"""A year after a month: 2016, من عام 2016, لعام 2016, من العام الماضي, هذا العام."""
OFMONTH = r"(?:(?:من|في){S}|ب|{S}ب)?(?:{MONTHW}{S})?(?:(?P<mon>{MONTHS})|(?P<rm>الشهر{S}(?P<dir>{DIR})))"
"""The month an nth weekday belongs to: من شهر أيلول, بأيلول, من الشهر القادم."""

_TEMPLATES: dict[str, str] = {
    "numeric": r"(?<![\w/.\-])(?P<core>(?:(?P<wd>(?:{DAYW}{S})?{WEEKDAY}){SO}[،,]?{SO}(?:{EQ}{S})?)?"
    r"(?<![\w/.\-])(?<![/.\-]\s)(?P<d>\d{{1,2}}){SO}(?P<sep>[/.\-]){SO}(?P<m>\d{{1,2}}){SO}(?P=sep){SO}(?P<y>\d{{4}})"
    r"(?:{SO}(?P<mark>{HMARK})|{SO}{GMARK})?)(?![\w]|{SO}[/.\-]{SO}\d)",
    "numeric_ymd": r"(?<![\w/.\-])(?P<core>(?:(?P<wd>(?:{DAYW}{S})?{WEEKDAY}){SO}[،,]?{SO}(?:{EQ}{S})?)?"
    r"(?<![\w/.\-])(?<![/.\-]\s)(?P<y>\d{{4}}){SO}(?P<sep>[/.\-]){SO}(?P<m>\d{{1,2}}){SO}(?P=sep){SO}(?P<d>\d{{1,2}})"
    r"(?:{SO}(?P<mark>{HMARK})|{SO}{GMARK})?)"
    r"(?:T\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:[.,]\d+)?(?:Z|[+\-]\d{{2}}:?\d{{2}})?)?"
    r"(?![\w]|[/.\-]\d)",
    "numeric_my": r"(?<![\w/.\-])(?P<core>(?P<m>\d{{1,2}})/(?P<y>\d{{4}}))(?![\w]|[/.\-]\d)",
    "date": CLITIC + r"(?P<core>(?:(?P<wd>(?:{DAYPART}{S}){{0,2}}(?:{DAYW}{S})?{WEEKDAY}(?:{S}{DIR})?)"
    r"{SO}[،,]?{SO}(?:{EQ}{S})?)?"
    r"(?:(?P<part>{DAYPART}){S})?(?:(?:ال)?{DAYW}{S})?(?:(?<=الموافق ){SO}ل(?=ل))?"
    r"(?:(?:ال(?=\d))?(?<![\d.,/\-])(?P<dnum>\d{{1,2}})(?![\d])|(?P<dord>{NOTHALF}{ORD}|(?<=ل){ORDL}){S}(?:من{S})?)"
    r"{SO}(?:(?<!من)من{S})?(?:{MONTHW}{S})?(?P<mon>{MONTHS})" + YEARPART + r"(?:{S}(?P<dir>{DIR}))?)(?!\w)",
    "date_sep": CLITIC + r"(?P<core>(?:(?P<wd>(?:{DAYW}{S})?{WEEKDAY}){SO}[،,]?{SO})?"
    r"(?<![\d.,/\-])(?P<dnum>\d{{1,2}}){SO}(?P<sep>[/.\-]){SO}(?P<mon>{MONTH}){SO}(?P=sep){SO}"
    r"(?P<year>\d{{4}})(?:{SO}{GMARK})?)(?![\w]|{SO}[/.\-]{SO}\d)",
    "date_fi": CLITIC + r"(?P<core>(?<![\d.,/\-])(?P<dnum>\d{{1,2}}){S}في{S}(?P<mon>{MONTHS}){SO}[،,]?{SO}"
    r"(?:(?:من{S})?{YEARW}{S})?(?P<year>\d{{4}})(?!\d)(?:{SO}{GMARK})?)(?!\w)",
    "drange": r"(?<![\w.,/\-])(?:(?P<open>{OPENR}){S})?"
    r"(?P<core>(?:(?<![\d.,/\-])(?P<d1>\d{{1,2}})(?!\d)|(?P<o1>{ORD})){SO}(?P<to>{TO}|و|-|–){SO}"
    r"(?:(?P<d2>\d{{1,2}})|(?P<o2>{ORD})){SO}(?:من{S})?(?:{MONTHW}{S})?(?P<mon>{MONTHS})"
    + YEARPART
    + r"(?:{S}(?P<dir>{DIR}))?)(?!\w)",
    "mdrange": r"(?<![\w.,/\-])(?:(?P<open>{OPENR}){S})?"
    r"(?P<core>(?:{MONTHW}{S})?(?P<mon>{MONTHS}){S}(?<![\d.,/\-])(?P<d1>\d{{1,2}})(?!\d){SO}(?P<to>{TO}|-|–){SO}"
    r"(?P<d2>\d{{1,2}})(?![\d.,/\-])" + YEARPART + r"(?:{S}(?P<dir>{DIR}))?)(?!\w)",
    "month": CLITIC
    + r"(?P<core>(?:(?P<mod>{MOD}){S})?(?:(?P<shahr>{MONTHW}){S})?(?P<mon>{MONTHS})"
    + YEARPART
    + r"(?:{S}(?P<dir>{DIR}))?)(?!\w)",
    "hijri": CLITIC + r"(?P<core>(?:(?P<wd>(?:{DAYW}{S})?{WEEKDAY}){SO}[،,]?{SO}(?:{EQ}{S})?)?"
    r"(?:(?:ال(?=\d))?(?<![\d.,/\-])(?P<dnum>\d{{1,2}})(?!\d){SO}(?:من{S})?|(?P<dord>{ORD}){S}(?:من{S})?)?"
    r"(?:(?P<mod>{MOD}){S})?(?:(?P<shahr>{MONTHW}){S})?(?P<hmon>{HMONTH})(?:{S}{EPITHET})?"
    r"(?:{SO}[،,]?{SO}(?:(?:من{S})?ل?{YEARW}{S}(?:(?:الهجري|الهجريه){S})?)?(?P<year>\d{{3,4}})(?!\d)"
    r"(?:{SO}(?P<mark>{HMARK})(?!\w))?)?(?:{S}(?P<dir>{DIR}))?)(?!\w)",
    "hyear": CLITIC + r"(?P<core>(?:{YEARW}{S}(?:(?:الهجري|الهجريه){S})?)?(?P<year>\d{{3,4}}){SO}{HMARK}"
    r"|{YEARW}{S}(?:الهجري|الهجريه){S}(?P<year2>\d{{3,4}}))(?!\w)",
    "year": CLITIC + r"(?P<core>(?:(?P<mod>{MOD}){S})?{YEARW}{S}(?P<year>\d{{4}})(?:{SO}{GMARK})?"
    r"|(?P<mod2>{MOD}){S}(?P<year2>\d{{4}})(?:{SO}{GMARK})?|(?<![\d.,/\-])(?P<year3>\d{{4}}){SO}{GMARK})(?!\w)",
    "yrange": r"(?<!\w)(?:(?:[وف])?(?P<open>{OPENR}){S})?"
    r"(?P<core>(?:(?P<pair>{YPAIR}{S})|{YEARW}{S})?(?P<y1>\d{{4}})(?:{SO}{GMARK})?"
    r"{SO}(?P<sep>{TO}|و|-|–|/){SO}(?:{YEARW}{S})?(?P<y2>\d{{4}})(?:{SO}{GMARK})?)(?![\w/\-])",
    "yearpart": CLITIC + r"(?P<core>(?P<part>{YPART}){S}(?P<nth>{NTH}){S}(?:من{S}|في{S})?"
    r"(?:(?:[لب]?{YEARW}{S})?(?P<year>\d{{4}})(?!\d)(?:{SO}{GMARK})?|(?P<ryear>{THIS}{S}{YPERIOD}|{YPERIOD}{S}{DIR})))"
    r"(?!\w)",
    "mpair": CLITIC + r"(?P<core>{MPAIRW}{S}(?P<m1>{MONTH}){SO}و{SO}(?P<m2>{MONTH})" + YEARPART + r")(?!\w)",
    "rdecade": CLITIC + r"(?P<core>ال{DECADEW}{S}(?P<dir>{DIR}))(?!\w)",
    "weekday": CLITIC + r"(?P<core>(?:(?P<part>{DAYPART}){S}){{0,2}}(?:{DAYW}{S})?(?P<wd>{WEEKDAY})"
    r"(?:{S}(?:(?P<twice>قبل|بعد){S})?(?P<dir>{DIR}))?)(?!\w)",
    "anniv": CLITIC + r"(?P<core>مثل{S}{THIS}{S}اليوم{S}من{S}(?P<ryear>{YPERIOD}{S}{DIR}))(?!\w)",
    "wdpair": CLITIC
    + r"(?P<core>(?:{DAYW}ي{S})?(?P<wd1>{WEEKDAY}){SO}و{SO}(?P<wd2>{WEEKDAY})(?:{S}(?P<dir>{DIR}))?)(?!\w)",
    "relday": CLITIC + r"(?P<core>(?:(?:{DAYW}{S})?(?P<wdb>{WEEKDAY}){S}(?=(?:{RELDAY})(?!\w)))?"
    r"(?:(?P<part>{DAYPART}){S})?(?P<rel>{RELDAY})(?!{S}(?:{ORD}|{NTHL})(?!\w))"
    r"(?:{SO}(?:(?P<po>\()|[،,])?{SO}(?P<wd>{WEEKDAY})(?(po){SO}\)))?"
    r"(?:{SO}[،,]?{SO}(?:(?:الموافق|في){S})?(?<![\d.,/\-])(?P<dnum>\d{{1,2}})(?!\d){S}(?:من{S})?(?P<mon>{MONTHS})"
    r"(?:{SO}[،,]?{SO}(?P<year>\d{{4}})(?!\d))?)?)(?!\w)",
    "period": CLITIC + r"(?P<core>(?:(?P<mod>{MOD}){S})?(?:(?P<this>{THIS}){S}(?P<p1>{PERIOD})"
    r"|(?P<p2>{PERIOD}){S}(?:(?P<twice>قبل|بعد){S})?(?P<dir>{DIR})|(?P<p3>{PERIOD})))(?!\w)",
    "dayrel": CLITIC + r"(?P<core>(?:(?P<wd>(?:{DAYW}{S})?{WEEKDAY}){SO}[،,]?{SO})?"
    r"(?:{DAYW}{S})?(?:(?<![\d.,/\-])(?P<dnum>\d{{1,2}})(?!\d)|(?P<dord>{NOTHALF}{ORD}))"
    r"{S}(?:من{S})?(?P<rmon>(?P<this>{THIS}{S})?الشهر(?:{S}(?P<dir>{DIR}))?))(?!\w)",
    "rseason": CLITIC + r"(?P<core>(?:ال(?P<s1>{SEASON}){S}(?P<dir>{DIR})"
    r"|(?P<s2>{SEASON}){S}(?:(?P<pw>{PERIOD}){S}(?P<dir2>{DIR})|(?P<this2>{THIS}){S}{PERIOD})"
    r"|(?P<this>{THIS}){S}ال(?P<s3>{SEASON})))(?!\w)",
    "wdweek": CLITIC
    + r"(?P<core>(?:ال)?(?P<bwd>{BWEEKDAY}){S}(?:من{S})?(?:{THIS}{S}{WEEKW}|{WEEKW}{S}(?P<dir>{DIR})))(?!\w)",
    "nthwd": CLITIC
    + r"(?P<core>(?P<nth>{NTH}){S}(?:{DAYW}{S})?(?:ال)?(?P<bwd>{BWEEKDAY}){S}"
    + OFMONTH
    + YEARPART
    + r")(?!\w)",
    "wdnth": CLITIC
    + r"(?P<core>(?:{DAYW}{S})?(?P<wd>{WEEKDAY}){S}(?P<nth>{NTH}){S}"
    + OFMONTH
    + YEARPART
    + r")(?!\w)",
    "wdord": CLITIC
    + r"(?P<core>(?:{DAYW}{S})?(?P<wd>{WEEKDAY}){S}(?P<dord>{ORD}))(?!\w)(?!{S}(?:من|في)(?!\w))",
    "nthday": CLITIC + r"(?P<core>(?:(?P<n1>{NTH}){S}{DAYW}|ال{DAYW}{S}(?P<n2>{NTH}))"
    r"(?:{S}(?:من|في){S}|{S}?ب)(?:(?:{MONTHW}{S})?(?:(?P<mon>{MONTHS})|(?P<hmon>{HMONTH})(?:{S}{EPITHET})?)"
    + YEARPART
    + r"(?:{S}(?P<dir>{DIR}))?|(?P<rm>(?:{THIS}{S})?الشهر)(?:{S}(?P<rdir>{DIR}))?))(?!\w)",
    "nthweek": CLITIC + r"(?P<core>(?:(?P<n1>{NTH}){S}{WEEKW1}|ال?{WEEKW1}{S}(?P<n2>{NTH}))"
    r"(?:{S}(?:من|في){S}|{S}?ب)(?:(?:{MONTHW}{S})?(?P<mon>{MONTHS})"
    + YEARPART
    + r"(?:{S}(?P<dir>{DIR}))?|(?P<rm>(?:{THIS}{S})?الشهر)(?:{S}(?P<rdir>{DIR}))?))(?!\w)",
    "feastday": CLITIC + r"(?P<core>(?P<nth>{NTH}){S}{FDAYS}{S}(?:(?P<name>{HOLIDAY})"
    r"|(?:{MONTHW}{S})?(?P<hmon>{HMONTH})(?:{S}{EPITHET})?)"
    r"(?:{S}(?:{YEARW}{S})?(?P<year>\d{{4}})(?!\d)(?:{SO}{HMARK})?)?(?:{S}(?P<dir>{DIR}))?)(?!\w)",
    "holiday": CLITIC
    + r"(?P<core>(?P<name>{HOLIDAY})(?:{S}(?:{YEARW}{S})?(?P<year>\d{{4}})(?!\d)|{S}(?P<dir>{DIR}))?)(?!\w)",
    "season": CLITIC + r"(?P<core>(?P<season>{SEASON}){S}(?:{YEARW}{S})?(?P<year>\d{{4}}))(?!\w)",
    "decade": CLITIC
    + r"(?P<core>(?:{DECADEW}{S})?(?:ال)?(?P<dec>{DECADE})(?:يات|ات)(?:{S}(?P<cent>{CENTURY}))?)(?!\w)",
    "ncount": CLITIC
    + r"(?P<core>ال(?P<unit>{UNIT}){S}(?:ال(?P<n>{CARD})|ال?(?P<few>{FEW})){S}(?P<dir>{DIR}))(?!\w)",
    "count": CONJ
    + r"(?P<core>(?P<op>{OPEN}|{AGO}){S}(?:(?P<approx>{APPROX}){S})?(?:(?P<n>\d{{1,4}}|{CARD}){S})?"
    r"(?P<unit>{UNIT})(?:{S}(?P<fill>{FILL}))?)(?!\w)(?!{SO}\d)(?!{S}ال(?:{DAYPART})(?!\w))"
    r"(?P<of>{S}(?:من|على|علي)(?!\w))?",  # not "منذ ساعات الصباح الأولى": which hours, not how many
    "bare_count": CONJ
    + r"(?P<core>(?P<n>\d{{1,4}}|{CARD}){S}(?P<unit>{UNIT})(?:{S}(?P<fill>{FILL}))?)(?!\w)(?!{SO}\d)",
    "lcount": CONJ + r"(?P<core>ل(?P<n>{CARD}|\d{{1,4}}){S}(?P<unit>{UNIT}))(?!\w)(?!{SO}\d)",
    "present": CLITIC + r"(?P<core>{PRESENT})(?!\w)",
    "blocker": CLITIC + r"(?P<core>{NOT})(?!\w)",
    "blocker_title": r"(?<!\w)(?:[وفبلك]|ل?ل)?{MEDIA}{SO}(?P<core>[\"«“'][^\"»”'\n]{{1,40}}[\"»”'])",
}


@cache
def pattern(rule: str) -> re.Pattern[str]:
    """Return one rule's compiled pattern (built from the lexicon when first needed, then kept)."""
    return re.compile(_TEMPLATES[rule].format(**_cached_fragments()))


@cache
def _cached_fragments() -> dict[str, str]:
    return _fragments()


def patterns() -> dict[str, re.Pattern[str]]:
    """Return every rule's compiled pattern."""
    return {rule: pattern(rule) for rule in _TEMPLATES}


CLASSES: dict[str, tuple[str, ...]] = {
    "month": ("months",),
    "hmonth": ("hijri_months",),
    "weekday": ("weekdays",),
    "relday": ("relative_days",),
    "period": ("periods",),
    "season": ("seasons",),
    "decade": ("decades",),
    "unit": ("units",),
    "present": ("present",),
    "holiday": ("holidays",),
}
"""Word classes of the lexicon; a rule only runs on segments holding a word of a class it needs."""

NEEDS: dict[str, frozenset[str]] = {
    rule: frozenset(classes)
    for rules, classes in (
        (("numeric", "numeric_ymd", "numeric_my", "yrange", "year", "hyear"), ("digit",)),
        (("date", "date_sep", "date_fi", "drange", "mdrange", "month", "mpair"), ("month",)),
        (("yearpart",), ("digit", "period")),
        (("rdecade",), ("decade", "unit")),
        (("hijri",), ("hmonth",)),
        (("weekday", "wdpair"), ("weekday",)),
        (("relday", "anniv"), ("relday",)),
        (("period", "dayrel", "wdweek"), ("period",)),
        (("nthwd", "wdnth"), ("month", "period")),
        (("wdord",), ("weekday",)),
        (("nthday", "nthweek"), ("month", "hmonth", "period")),
        (("rseason", "season"), ("season",)),
        (("decade",), ("decade",)),
        (("count", "bare_count", "lcount", "ncount"), ("unit",)),
        (("present",), ("present",)),
        (("holiday",), ("holiday",)),
        (("feastday",), ("holiday", "hmonth")),
        (("blocker",), ("blocker",)),
        (("blocker_title",), ("month", "hmonth", "weekday", "relday", "period", "digit", "present")),
    )
    for rule in rules
}


def _strings(node: object) -> list[str]:
    if isinstance(node, dict):
        return [
            w
            for k, v in node.items()
            for w in _strings(v) + ([k] if isinstance(k, str) and not k.isascii() else [])
        ]
    if isinstance(node, list):
        return [w for v in node for w in _strings(v)]
    return [node] if isinstance(node, str) else []


@cache
def _trigger() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """Return the pattern of words that can take part in a date, and each word's classes."""
    lex = lx.data()
    classes: dict[str, set[str]] = {}

    def add(words: list[str], cls: str) -> None:
        for phrase in words:
            for word in phrase.split():
                classes.setdefault(lx.fold_word(word), set()).add(cls)

    for key, value in lex.items():
        if key not in SKIPPED_KEYS and key != "not_dates":
            add(_strings(value), "other")
    for cls, keys in CLASSES.items():
        for key in keys:
            add(_strings(lex[key]), cls)
    add([" ".join(p.split()[1:]) for p in lex["not_dates"]], "blocker")
    add([t + "ات" for t in lx.words("decades")] + [t + "يات" for t in lx.words("decades")], "decade")
    add([w + "ي" for w in lex["day_word"]], "other")
    for particle in lex["particles"]:
        classes.pop(lx.fold_word(particle), None)
    for word in [w for w, c in classes.items() if len(w) < 3 and not c & {"month", "relday", "present"}]:
        del classes[word]  # ذي، ست، م: read as part of a segment, too short to start one
    table = {w: frozenset(c) for w, c in classes.items()}
    pattern = re.compile(
        r"(?<!\w)(?:ال|[وفبلك]{1,2}(?:ال)?)?(?P<w>" + alt(table) + r")(?!\w)|\d+(?P<rest>\w*)"
    )
    return pattern, table


@cache
def _tail() -> re.Pattern[str]:
    return re.compile(r"\W*(?:" + alt(lx.data()["particles"]) + r"(?!\w)\W*)?")


SKIPPED_KEYS = frozenset(
    {
        "same_year",
        "not_future",
        "fixture_verbs",
        "durative_words",
        "durative_after",
        "durative_clause",
        "from_verbs",
        "clause_openers",
        "future_cues",
        "particles",
        "gregorian_family",
        "name_heads",
        "few_words",
        "media_heads",
        "approximators",
    }
)
"""Lexicon lists whose words never start or end a rule's match (they are read around it, or before it)."""
WORD = re.compile(r"\S")
GAP = 9
"""Triggers closer than this (in characters) share one segment: room for one short particle."""
BACK = re.compile(r"(?<!\w)(?:\w+\W{1,3}){0,4}$")
"""Up to four words before a segment's first trigger belong to it (openers such as منذ أكثر من)."""
DIGIT = frozenset({"digit"})


def segments(folded: str) -> list[tuple[int, int, frozenset[str]]]:
    """Return the spans of folded text around date words, with the word classes each holds."""
    trigger, table = _trigger()
    out: list[tuple[int, int, set[str]]] = []
    memo: dict[str, frozenset[str]] = {}
    for m in trigger.finditer(folded):
        start, end = m.span()
        text = m.group()
        known = memo.get(text)
        if known is not None:
            found = known
        else:
            letters = m.group("rest") if m.group("w") is None else text
            found = frozenset().union(*(table.get(letters[i:], ()) for i in range(min(4, len(letters)))))
            found = memo[text] = found | DIGIT if m.group("w") is None else found
        if out and start - out[-1][1] <= GAP:
            out[-1] = (out[-1][0], end, out[-1][2] | found)
        else:
            out.append((start, end, set(found)))
    spans: list[tuple[int, int, frozenset[str]]] = []
    for start, end, held in out:
        while start > 0 and WORD.match(folded, start - 1):
            start -= 1
        back = BACK.search(folded, max(0, start - 48), start)
        tail = _tail().match(folded, end)
        first, last = (back.start() if back else start), (tail.end() if tail else end)
        if spans and first <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(last, spans[-1][1]), spans[-1][2] | held)
        else:
            spans.append((first, last, frozenset(held)))
    return spans


@lru_cache(maxsize=8)
def _user_blocker(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """Return the pattern of a user's own not-a-date phrases (timeline.toml), None when there are none."""
    if not any(p.strip() for p in phrases):
        return None
    return re.compile(CLITIC + r"(?P<core>" + alt(p for p in phrases if p.strip()) + r")(?!\w)")


def find_candidates(
    folded: str, windowed: bool = True, not_dates: tuple[str, ...] = ()
) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Return every rule's matches in folded text, and the spans of blocker phrases.

    `not_dates` adds a user's phrases to the lexicon's list of names that hold a date word.

    With `windowed`, each rule runs on a compact copy holding only the segments around date words
    of the classes it needs (joined by blank lines, which no rule crosses), so the cost follows the
    dates, not the text.
    """
    spans = segments(folded) if windowed else []
    found: list[Candidate] = []
    blocked: list[tuple[int, int]] = []
    user = _user_blocker(not_dates)
    if user is not None:
        blocked.extend(m.span("core") for m in user.finditer(folded))
    for rule in _TEMPLATES:
        if windowed:
            needs = NEEDS[rule]
            pieces, starts, offsets = [], [], []
            length = 0
            for start, end, classes in spans:
                if needs & classes:
                    starts.append(length)
                    offsets.append(start - length)
                    pieces.append(folded[start:end])
                    length += end - start + 2
            if not pieces:
                continue
            compact = "\n\n".join(pieces)
        else:
            compact, starts, offsets = folded, [0], [0]
        for match in pattern(rule).finditer(compact):
            start, end = match.span("core")
            if end <= start:
                continue
            shift = offsets[bisect_right(starts, match.start()) - 1]
            if rule.startswith("blocker"):
                blocked.append((start + shift, end + shift))
            else:
                found.append(Candidate(rule, start + shift, end + shift, match, shift))
    return found, blocked


def select(items: list[T], blocked: list[tuple[int, int]]) -> list[T]:
    """Return the items (anything with start and end) that survive: longest first, no overlaps, no blocker."""
    size = max([end for _, end in blocked] + [item.end for item in items] + [0])
    taken = bytearray(size)
    for start, end in blocked:
        taken[start:end] = b"\x01" * (end - start)
    chosen = []
    for item in sorted(items, key=lambda c: (-(c.end - c.start), getattr(c, "rank", 0), c.start)):
        if taken.find(1, item.start, item.end) == -1:
            taken[item.start : item.end] = b"\x01" * (item.end - item.start)
            chosen.append(item)
    chosen.sort(key=lambda c: c.start)
    return chosen
