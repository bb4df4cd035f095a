"""The date engine, module by module, plus property tests on random and adversarial text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.models import Mention
from generator.temporal import ENGINE_VERSION, find_mentions
from generator.temporal import calendars as cal
from generator.temporal.anchor import infer_dct, reading_day
from generator.temporal.lexicon import data, key
from generator.temporal.normalize import fold
from generator.temporal.recognize import find_candidates, patterns
from generator.temporal.tense import is_future

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MONDAY = date(2016, 10, 3)

ISO = {
    "day": r"\d{4}-\d{2}-\d{2}",
    "week": r"\d{4}-W\d{2}",
    "month": r"\d{4}-\d{2}",
    "season": r"\d{4}-(SP|SU|FA|WI)",
    "year": r"\d{4}",
    "decade": r"\d{3}",
}


def only(text: str, dct: date | None = MONDAY) -> Mention:
    """Return the one mention of a text, failing when there are none or several."""
    found = find_mentions(text, dct)
    assert len(found) == 1, f"{text!r}: {found}"
    return found[0]


def values(text: str, dct: date | None = MONDAY) -> list[str | None]:
    return [m.time.value if m.time else None for m in find_mentions(text, dct)]


# --- normalisation ---------------------------------------------------------------------------


def test_fold_unifies_letters_and_digits_keeping_length_where_nothing_is_dropped() -> None:
    folded = fold("أيلول إبريل آذار مدرسة مستشفى ١٩ ۲۰")
    assert folded.text == "ايلول ابريل اذار مدرسه مستشفي 19 20"
    assert all(folded.to_original(i) == i for i in range(len(folded.text)))


def test_fold_drops_diacritics_and_tatweel_and_maps_back() -> None:
    text = "في أَيْلُـول غداً"
    folded = fold(text)
    assert folded.text == "في ايلول غدا"
    start = folded.text.index("ايلول")
    s, e = folded.span(start, start + len("ايلول"))
    assert text[s:e] == "أَيْلُـول"
    s, e = folded.span(folded.text.index("غدا"), len(folded.text))
    assert text[s:e] == "غداً", "the tanween on the last letter belongs to the word"


def test_mention_spans_index_the_original_text_with_marks() -> None:
    text = "قال إنه سيزور دمشق في 19 أَيْلُـول 2016 مساءً"
    m = only(text)
    assert text[m.start : m.end] == m.text == "19 أَيْلُـول 2016"
    assert m.time is not None and m.time.value == "2016-09-19"


# --- lexicon and compiled patterns -------------------------------------------------------------


def test_lexicon_names_each_month_in_every_region() -> None:
    months = {key(name): number for number, names in data()["months"].items() for name in names}
    for name, number in [("ايلول", 9), ("جانفي", 1), ("غشت", 8), ("دجنبر", 12), ("تشرين الثاني", 11)]:
        assert months[name] == number


def test_patterns_are_compiled_once() -> None:
    first, second = patterns(), patterns()
    assert first.keys() == second.keys() and all(first[rule] is second[rule] for rule in first)


def test_windowed_scan_finds_what_a_full_scan_finds_on_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        folded = fold(path.read_text(encoding="utf-8")).text
        full = {(c.rule, c.start, c.end) for c in find_candidates(folded, windowed=False)[0]}
        windowed = {(c.rule, c.start, c.end) for c in find_candidates(folded)[0]}
        assert windowed == full, path.name


# --- calendars ---------------------------------------------------------------------------------


def test_week_runs_saturday_to_friday_labelled_by_its_monday() -> None:
    week = cal.week_value(MONDAY)
    assert (week.value, week.first, week.last) == ("2016-W40", date(2016, 10, 1), date(2016, 10, 7))
    monday_week = cal.week_value(MONDAY, "monday")
    assert (monday_week.first, monday_week.last) == (date(2016, 10, 3), date(2016, 10, 9))


def test_hijri_conversion_and_range() -> None:
    assert cal.hijri_to_gregorian(1438, 1, 15) == date(2016, 10, 16)
    year = cal.hijri_year_value(1438)
    assert (year.value, year.grain) == ("2016-10-02/2017-09-20", "year")
    with pytest.raises(cal.HijriOutOfRange):
        cal.hijri_to_gregorian(1300, 1, 1)


def test_winter_starts_in_december_of_the_named_year() -> None:
    winter = cal.season_value(2015, "WI")
    assert (winter.first, winter.last) == (date(2015, 12, 1), date(2016, 2, 29))


def test_narrowing_keeps_value_and_grain() -> None:
    late = cal.narrow(cal.month_value(2016, 2), "late")
    assert (late.value, late.grain, late.first, late.last, late.approximate) == (
        "2016-02",
        "month",
        date(2016, 2, 21),
        date(2016, 2, 29),
        True,
    )


# --- tense ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "future"),
    [
        ("سيجتمع مجلس الأمن X", True),
        ("ومن المقرر أن يصل الوفد يوم X", True),
        ("ستكون على طاولة البيت الأبيض، X", True),
        ("وسيعلق الدبلوماسيون المحادثات الذي تم التوصل إليه في X", False),
        ("أجرى سيرغي لافروف اتصالا X", False),
        ("قال الوزير X", False),
        ("سأزور المدينة X", True),
        ("سنعلن النتائج X", True),
        ("المباراة المرتقبة X", True),
        ("سيطر الجيش على المدينة X", False),
        ("سيطرت القوات على البلدة X", False),
        ("كان الجو ساخنا X", False),
        ("قال الوزير السابق X", False),
        ("ناقش المجلس سياسة الحكومة X", False),
        ("بعد سنوات من الانتظار افتتح X", False),
        ("انفجرت سيارته X", False),
    ],
)
def test_future_clause(text: str, future: bool) -> None:
    folded = fold(text)
    assert is_future(folded, folded.text.index("X")) is future


def test_bare_weekday_points_back_unless_the_clause_is_future_and_dct_weekday_is_dct() -> None:
    assert values("أعلن المرصد الجمعة أن") == ["2016-09-30"]
    assert values("سيزور الرئيس موسكو الخميس") == ["2016-10-06"]
    assert values("سيجتمع المجلس الاثنين") == ["2016-10-03"]


# --- anchor ----------------------------------------------------------------------------------------


def test_anchor_prefers_a_dated_line_with_an_agreeing_weekday() -> None:
    text = "وقع الهجوم في 3 أيار 2015.\nقال المتحدث يوم الثلاثاء 4 أكتوبر/ تشرين الأول 2016 إن التعاون سيستمر"
    found, evidence = infer_dct(text)
    assert found == date(2016, 10, 4)
    assert "الثلاثاء 4 أكتوبر" in evidence


@pytest.mark.parametrize(
    ("published", "day"),
    [
        (
            date(2021, 1, 21),
            date(2021, 1, 20),
        ),  # a wire republished the next morning: its words count from it
        (date(2021, 1, 20), date(2021, 1, 20)),
        (date(2021, 1, 26), date(2021, 1, 26)),  # a dateline days older is no republished wire
    ],
)
def test_relative_words_count_from_a_dateline_a_day_or_two_before_the_catalogue_s_date(
    published: date, day: date
) -> None:
    text = "ملخص\nالقاهرة – 20 يناير (د ب أ) – أعلنت وزارة الخارجية المصرية اليوم الأربعاء استئناف العلاقات"
    assert reading_day(text, published) == day
    assert reading_day("أعلنت الوزارة اليوم استئناف العلاقات", published) == published


def test_a_rewrite_whose_weekdays_follow_the_catalogue_s_date_counts_from_it_not_from_its_dateline() -> None:
    """The next-morning rewrite kept the wire's dateline but re-dated its words to its own day."""
    from generator.extract import extract_text

    text = "القاهرة – 20 يناير (د ب أ) – أعلنت الوزارة مساء أمس الأربعاء استئناف العلاقات مع الدوحة."
    rewritten = extract_text(text, date(2021, 1, 21))
    assert [m.time.value for m in rewritten.mentions if "أمس" in m.text] == ["2021-01-20"]
    wire = "القاهرة – 20 يناير (د ب أ) – أعلنت الوزارة مساء أمس الثلاثاء استئناف العلاقات مع الدوحة."
    kept = extract_text(wire, date(2021, 1, 21))  # the wire's own words: they count from its dateline
    assert [m.time.value for m in kept.mentions if "أمس" in m.text] == ["2021-01-19"]


def test_a_planned_full_date_is_no_evidence_of_the_document_date() -> None:
    text = (
        "قال الوزير يوم الأحد 10 يناير 2021 إن الرحلات ستستأنف تباعا.\n"
        "ومن المقرر أن تستأنف الرحلات إلى جدة الخميس المقبل، وإلى الدمام يوم السبت 16 يناير 2021."
    )
    found, evidence = infer_dct(text)
    assert found == date(2021, 1, 10) and "الأحد 10 يناير" in evidence


def test_anchor_falls_back_to_the_latest_full_date() -> None:
    found, evidence = infer_dct("وقع في 3 مايو 2015 ثم في 19/09/2016 ثم في أيلول")
    assert found == date(2016, 9, 19) and "19/09/2016" in evidence


def test_anchor_says_why_when_nothing_dates_the_text() -> None:
    found, evidence = infer_dct("قتل 1500 شخص وأصيب 2016 آخرون في 9 أيلول")
    assert found is None and evidence


DATELINES = [  # (head of an article, the folder's middle day, the document date its dateline gives)
    ("ملخص الخبر\nبيروت – 8 آب (الضفة) – اقتحم محتجون", date(2020, 8, 6), date(2020, 8, 8)),
    ("ملخص\nمسقط في 12 يناير /العمانية/ - تقبل السلطان", date(2020, 1, 13), date(2020, 1, 12)),
    ("ملخص\nتونس – 26 جويلية (وات) – قرر الرئيس", date(2021, 7, 27), date(2021, 7, 26)),
    ("ملخص\nالرباط في 31 ديسمبر (و م ع) - أعلنت", date(2024, 1, 2), date(2023, 12, 31)),
    ("ملخص\nأديس أبابا 15 أبريل 2019 /المقرن/ – أمهل المجلس", None, date(2019, 4, 15)),
    ("ملخص\nالخرطوم، 11 أبريل 2019: أعلن الجيش", None, date(2019, 4, 11)),
    ("ملخص\nدمشق – 3 أيار (سانا) – قال الوزير في 1 أيار 2016 إن", None, date(2016, 5, 3)),
    ("ملخص\nجنيف (سويسرا) – 9 تشرين الأول (الأنباء) – اجتمع الوفدان", date(2019, 10, 8), date(2019, 10, 9)),
    ("ملخص\nالقاهرة في 20 يناير /أ ش أ/ أعلنت وزارة الخارجية", date(2021, 1, 19), date(2021, 1, 20)),
    ("ملخص\nأبوظبي في 17 يناير / وام / أعلنت الشرطة", date(2022, 1, 18), date(2022, 1, 17)),
    (  # a Hijri date and the Gregorian stated beside it; a later plan's full date is no dateline
        "ملخص\nجدة – 3 رجب 1443هـ الموافق 4 فبراير 2022م (واس) – أقلعت الرحلة.\nوتستأنف في 9 فبراير 2022م.",
        None,
        date(2022, 2, 4),
    ),
    (  # a line that holds a full date alone, as pages print their day under the title
        "ملخص\nبيروت – مراسلنا\nالخميس 8 ربيع الأول 1443هـ الموافق 14 أكتوبر 2021م\nتوالت اليوم المواقف",
        None,
        date(2021, 10, 14),
    ),
    ("ملخص\n14 أكتوبر 2021\nتوالت اليوم المواقف", None, date(2021, 10, 14)),
    (  # the outlet between the place and the date, in quotes or bare
        "ملخص\nعمّان – «النخيل» – 20 ربيع الأول 1438هـ الموافق 19 ديسمبر 2016م: قال الوزير اليوم الاثنين",
        None,
        date(2016, 12, 19),
    ),
    ("ملخص\nالرياض – الوادي – 17 صفر 1441هـ الموافق 16 أكتوبر 2019م: أعلن", None, date(2019, 10, 16)),
    ("ملخص\nالرياض – «النفود»، ١٥ ربيع الآخر ١٤٣٦هـ الموافق ٤ فبراير ٢٠١٥: توالت", None, date(2015, 2, 4)),
    (  # a place with a shadda; a document's number, no date, later in the text
        "ملخص\nعمّان – 29 تشرين الأول (الرقيم) – قررت الوزارة، وفق الكتاب رقم 2018/10/3، أن",
        date(2018, 10, 28),
        date(2018, 10, 29),
    ),
]


@pytest.mark.parametrize(("text", "near", "day"), DATELINES)
def test_a_dateline_gives_the_document_date(text: str, near: date | None, day: date) -> None:
    found, evidence = infer_dct(text, near)
    assert found == day and evidence.startswith("dateline: «")


@pytest.mark.parametrize(
    "text",
    [
        "قال الرئيس في 5 أيار – وهو يتحدث",  # a clause, not a place, before the date
        "اجتمع المجلس في 5 أيار وقرر",  # no dash after the date
        "ملخص\nالمقدمة\nنص\nسطر رابع\nبيروت – 8 آب (الضفة) – بعيدا عن رأس النص",
        "ملخص\n8 آب\nاقتحم محتجون",  # a line that holds a day without its year
        "ملخص\nالخميس 6 آب: اقتحم محتجون",  # a paragraph's label
    ],
)
def test_a_date_that_is_no_dateline_dates_nothing(text: str) -> None:
    assert infer_dct(text, date(2020, 8, 6))[0] is None


NAMED_BOTH_WAYS = [  # (text, the folder's middle day, the document date the day named both ways gives)
    (
        "ملخص\nشهدت العاصمة ومختلف الولايات، أمس الجمعة 15 مارس، مسيرات حاشدة",
        date(2019, 3, 20),
        date(2019, 3, 16),
    ),
    ("ملخص\nأخطر الرئيس مساء اليوم الثلاثاء 2 أبريل المجلس الدستوري", date(2019, 3, 20), date(2019, 4, 2)),
    ("ملخص\nوصل الوفد أول أمس الأحد 10 آذار إلى جنيف", date(2019, 3, 20), date(2019, 3, 12)),
    ("ملخص\nأعلنت الحكومة أمس 14 مارس 2019 أن", None, None),  # no folder to give a year: the engine is silent
]


@pytest.mark.parametrize(("text", "near", "day"), NAMED_BOTH_WAYS)
def test_a_day_named_both_ways_gives_the_document_date(
    text: str, near: date | None, day: date | None
) -> None:
    found, evidence = infer_dct(text, near)
    assert found == day
    if day is not None:
        assert evidence.startswith("a day named both ways: «")


@pytest.mark.parametrize(
    "text",
    [
        "ملخص\nقال الوزير أمس الخميس 15 مارس إن",  # 15 March 2019 was a Friday: the weekday disagrees
        "ملخص\nأعلن الوزير أمس أن المجلس سيجتمع في 15 مارس",  # two mentions, not one day named twice
    ],
)
def test_a_day_named_both_ways_must_agree_with_itself(text: str) -> None:
    assert infer_dct(text, date(2019, 3, 20))[0] is None


# --- behaviour a reader notices ----------------------------------------------------------------


def test_double_month_names_that_disagree_follow_the_weekday() -> None:
    m = only("يوم الثلاثاء 4 أكتوبر/ تشرين الثاني 2016")
    assert m.time is not None and m.time.value == "2016-10-04"
    assert "month-names-disagree" in m.warnings


def test_weekday_disagreeing_with_the_date_loses() -> None:
    m = only("الأحد 9 أيلول 2016")
    assert m.time is not None and m.time.value == "2016-09-09"
    assert "weekday-disagrees" in m.warnings


def test_impossible_and_out_of_range_dates_are_kept_unresolved() -> None:
    assert [(m.time, m.warnings) for m in find_mentions("31/04/2016", MONDAY)] == [(None, ("invalid-date",))]
    m = only("1 محرم 1300 هـ")
    assert m.time is None and m.calendar == "hijri" and "hijri-out-of-range" in m.warnings


def test_relative_without_a_document_date_is_flagged() -> None:
    m = only("أمس", None)
    assert m.time is None and m.kind == "relative" and "no-dct" in m.warnings


def test_hijri_with_its_gregorian_equivalent_gives_two_consistent_mentions() -> None:
    found = find_mentions("15 محرم 1438 هـ الموافق 16 أكتوبر 2016", MONDAY)
    assert [(m.kind, m.time.value if m.time else None) for m in found] == [
        ("hijri", "2016-10-16"),
        ("absolute", "2016-10-16"),
    ]


def test_a_range_takes_its_year_from_the_side_that_writes_it() -> None:
    m = only("منذ شباط من عام 2016 حتى أيلول", date(2016, 10, 29))
    assert m.text == "شباط من عام 2016 حتى أيلول"
    assert m.time is not None and (m.time.value, m.time.grain) == ("2016-02/2016-09", "month")
    assert "year-inferred" not in m.warnings


def test_week_start_is_a_parameter() -> None:
    m = find_mentions("الأسبوع الماضي", MONDAY, week_start="monday")[0]
    assert m.time is not None and (m.time.first, m.time.last) == (date(2016, 9, 26), date(2016, 10, 2))


@pytest.mark.parametrize(
    "text",
    [
        "قتل 1500 شخص وأصيب 2016 آخرون",
        "انتهكت الهدنة 2031 مرة",
        "أعلن أن 9364 شخصا قتلوا",
        "• 1/5 • 2/5",
        "منظومة إس 300",
        "لقي 12.8 ألف مدني مصرعهم",
        "بحسب موقع روسيا اليوم",
        "ممارسة الضغط على البلوتونيوم",
        "الطائرات العاملة في سوريا",
        "انسحاب روسيا ومكافحة الإرهاب",
        "مايوه سبتمبري",
        "غداة المحادثة",
        "بشكل عام",
        "الأمين العام للأمم المتحدة",
        "الرأي العام",
        "المركز الأول",
        "الأحد عشر لاعبا",
        "في الوقت نفسه",
        "في اليوم التالي",
        "في الآن ذاته",
        "ممثلون عن الاثنين من الأطراف",
    ],
)
def test_traps_produce_nothing(text: str) -> None:
    assert find_mentions(text, MONDAY) == []


def _catalogue() -> dict[str, date]:
    raw = yaml.safe_load((SEEDS / "sources.yaml").read_text(encoding="utf-8"))
    return {name: entry["published"] for name, entry in raw.items()}


SEED_CHECKS = [
    ("000", "التاسع من ايلول/سبتمبر", "2016-09-09", ()),
    ("000", "19 ايلول/سبتمبر", "2016-09-19", ()),
    ("001", "مساء الخميس المنصرم", "2016-09-29", ()),
    ("002", "شباط من عام 2016 حتى أيلول", "2016-02/2016-09", ()),
    ("003", "أمس الأول", "2016-05-20", ()),
    ("003", "25 مايو", "2016-05-25", ("year-inferred",)),
    ("003", "27 فبراير", "2016-02-27", ("year-inferred",)),
    ("003", "مارس 2011", "2011-03", ()),
    ("004", "يوم الثلاثاء 4 أكتوبر/ تشرين الثاني", "2016-10-04", ("month-names-disagree",)),
]


@pytest.mark.parametrize(("seed", "span", "value", "warnings"), SEED_CHECKS)
def test_seed_key_mentions(seed: str, span: str, value: str, warnings: tuple[str, ...]) -> None:
    name = next(n for n in _catalogue() if n.startswith(seed + "_"))
    text = (SEEDS / name).read_text(encoding="utf-8")
    found = {m.text: m for m in find_mentions(text, _catalogue()[name])}
    assert span in found, f"{span!r} not among {sorted(found)}"
    m = found[span]
    assert m.time is not None and m.time.value == value
    assert set(warnings) <= set(m.warnings)


def test_seed_slide_counters_and_counts_are_not_dates() -> None:
    name = next(n for n in _catalogue() if n.startswith("001_"))
    text = (SEEDS / name).read_text(encoding="utf-8")
    spans = [m.text for m in find_mentions(text, _catalogue()[name])]
    assert not any("/5" in s or "9364" in s or "3804" in s for s in spans)


def test_engine_version_is_declared() -> None:
    assert re.fullmatch(r"\d+\.\d+", ENGINE_VERSION)


# --- properties --------------------------------------------------------------------------------

_PIECES = [
    "الموافق",
    "الموافق لـ",
    "منذ",
    "يومين",
    "ساعات",
    "الربع",
    "النصف",
    "شهري",
    "أيام",
    "عيد الفطر",
    "آخر",
    "أسبوع",
    "الثلاثة",
    "القادمة",
    "العقد",
    "صحيفة",
    "«",
    "»",
    "سيطر",
    "سيجتمع",
    "يستضيف",
    "وهم",
    "2023-2024",
    "15/مارس/2023",
    "1445هـ",
    "بعد يوم غد",
    "أيلول",
    "ايلول/سبتمبر",
    "سبتمبر (أيلول)",
    "تشرين الأول",
    "كانون",
    "شباط",
    "آب",
    "باب",
    "مارس",
    "ممارسة",
    "مايو",
    "مايوه",
    "الاثنين",
    "الأحد عشر",
    "يوم",
    "اليوم",
    "أمس",
    "غدا",
    "غداة",
    "عام",
    "العام",
    "سنة",
    "هـ",
    "م",
    "محرم",
    "رمضان",
    "ربيع الأول",
    "الماضي",
    "المقبل",
    "قبل",
    "بعد",
    "منذ",
    "خلال",
    "من",
    "إلى",
    "حتى",
    "و",
    "بين",
    "مطلع",
    "أواخر",
    "صباح",
    "الثمانينات",
    "الأسبوع",
    "الشهر",
    "التاسع",
    "الحادي والعشرين",
    "سيجتمع",
    "سوف",
    "الموافق",
    "/",
    "-",
    ".",
    "،",
    "(",
    ")",
    "\n",
    " ",
    "  ",
    "ـ",
    "ً",
    "١٩",
    "۲۰۱۶",
    "0",
]
_texts = st.lists(
    st.one_of(
        st.sampled_from(_PIECES),
        st.integers(min_value=0, max_value=3000).map(str),
        st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآءئؤ0123456789٠١٢٣/.- \u064b\u0640", max_size=8),
    ),
    max_size=30,
).map(" ".join)
_dcts = st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2070, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(text=_texts, dct=_dcts)
def test_any_text_yields_well_formed_mentions(text: str, dct: date | None) -> None:
    found = find_mentions(text, dct)
    previous_end = 0
    for m in found:
        assert text[m.start : m.end] == m.text and m.text
        assert m.start >= previous_end, "mentions are sorted and do not overlap"
        previous_end = m.end
        if m.time is not None:
            t = m.time
            assert t.first <= t.last
            grain = ISO[t.grain]
            assert re.fullmatch(
                rf"{grain}(/{grain})?|\d{{4}}-\d{{2}}-\d{{2}}/\d{{4}}-\d{{2}}-\d{{2}}", t.value
            ), t
        if "no-dct" in m.warnings:
            assert m.time is None


@settings(max_examples=150, deadline=None)
@given(text=_texts)
def test_windowed_scan_equals_full_scan(text: str) -> None:
    folded = fold(text).text
    full = {(c.rule, c.start, c.end) for c in find_candidates(folded, windowed=False)[0]}
    windowed = {(c.rule, c.start, c.end) for c in find_candidates(folded)[0]}
    assert windowed == full


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200), dct=_dcts)
def test_arbitrary_unicode_never_raises(text: str, dct: date | None) -> None:
    for m in find_mentions(text, dct):
        assert text[m.start : m.end] == m.text


@settings(max_examples=200, deadline=None)
@given(text=_texts, phrases=st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=3))
def test_user_not_dates_never_raise_and_no_mention_holds_one(text: str, phrases: list[str]) -> None:
    """A user's not-a-date phrases (timeline.toml) never break the engine, and no mention holds one."""
    kept = find_mentions(text, date(2023, 3, 15), not_dates=tuple(phrases))
    folded = [w for w in (fold(p).text.strip() for p in phrases) if w and " " not in w]
    for m in kept:
        assert text[m.start : m.end] == m.text
        inside = fold(m.text).text
        for phrase in folded:
            assert not re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", inside), (phrase, m.text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "الحكومة تستقيل\nنشر في: 12 مارس 2023 - 10:30\nقال الوزير إن الحكومة ستجتمع في 20 مارس 2023.",
            date(2023, 3, 12),
        ),
        (
            "الحكومة تستقيل\nوقال الوزير إن الحكومة ستجتمع في 20 مارس 2023.\nآخر تحديث: الأحد 12/03/2023",
            date(2023, 3, 12),
        ),
    ],
)
def test_a_publication_stamp_gives_the_document_date(text: str, day: date) -> None:
    found, evidence = infer_dct(text)
    assert found == day and evidence.startswith("publication stamp")


def test_a_long_sentence_that_opens_like_a_stamp_is_no_stamp() -> None:
    text = (
        "نشر في الجريدة الرسمية في 3 مارس 2023 مرسوم يقضي بتعيين وزير جديد للداخلية خلفا للوزير المستقيل أمس"
    )
    assert not infer_dct(text)[1].startswith("publication stamp")


def test_a_latest_full_date_far_from_the_folder_is_background_not_the_articles_day() -> None:
    text = "وتولى الحريري رئاسة الحكومة في 31 أكتوبر 2016 بعد تسوية سياسية، وعاد الأسبوع الماضي إلى بيروت."
    assert infer_dct(text)[0] == date(2016, 10, 31)
    assert infer_dct(text, date(2016, 11, 20))[0] == date(2016, 10, 31)
    found, why = infer_dct(text, date(2017, 11, 20))
    assert found is None and "background" in why


def test_a_far_latest_full_date_still_dates_a_text_with_nothing_to_read_from_it() -> None:
    text = "أعلنت الحكومة يوم 3 تشرين الأول/أكتوبر 2016 خطتها للكهرباء."
    assert infer_dct(text, date(2019, 4, 12))[0] == date(2016, 10, 3)
