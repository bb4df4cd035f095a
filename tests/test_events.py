"""Events: sentences are cut where a reader would cut them, and every dated sentence becomes an event."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from generator import headlines
from generator.events import (
    build_events,
    dated_in_relative_clause,
    event_id,
    packed_spans,
    segment_sentences,
    told_at_night,
    unpacked_spans,
)
from generator.models import Article, Event, Mention, Outlet, TimeValue


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in segment_sentences(text)]


def day(iso: str) -> TimeValue:
    d = date.fromisoformat(iso)
    return TimeValue(iso, "day", d, d)


def mention(text: str, phrase: str, time: TimeValue | None, kind: str = "absolute") -> Mention:
    start = text.index(phrase)
    return Mention(start, start + len(phrase), phrase, time, kind)  # type: ignore[arg-type]


def article(text: str, **kw: object) -> Article:
    return Article(id=str(kw.pop("id", "a1")), path="a1.txt", text=text, slug="a1", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الوزير إن الاتفاق انتهى. ثم غادر القاعة.", ["قال الوزير إن الاتفاق انتهى.", "ثم غادر القاعة."]),
        ("هل انتهى الاتفاق؟ نعم انتهى!", ["هل انتهى الاتفاق؟", "نعم انتهى!"]),
        ("تبادلا التهم أمس؛ إذ حمّلته الحكومة المسؤولية.", ["تبادلا التهم أمس؛ إذ حمّلته الحكومة المسؤولية."]),
        ("السطر الأول\nالسطر الثاني", ["السطر الأول", "السطر الثاني"]),
        ('وقال "لن نتراجع. أبدا" ثم خرج.', ['وقال "لن نتراجع. أبدا" ثم خرج.']),
        ("وقال «لن نتراجع. أبدا» ثم خرج.", ["وقال «لن نتراجع. أبدا» ثم خرج."]),
        ("وقال “لن نتراجع؟ أبدا” ثم خرج.", ["وقال “لن نتراجع؟ أبدا” ثم خرج."]),
        ("قتل 12.8 ألف مدني. وأصيب آخرون.", ["قتل 12.8 ألف مدني.", "وأصيب آخرون."]),
        ("نقلت أ.ف.ب الخبر. ثم نفته.", ["نقلت أ.ف.ب الخبر.", "ثم نفته."]),
        ("التقى د. أحمد بالوفد. ثم غادر.", ["التقى د. أحمد بالوفد.", "ثم غادر."]),
        ("توليه منصبه في يونيو ٢٠١٧م. ويستحضر كثيرون", ["توليه منصبه في يونيو ٢٠١٧م.", "ويستحضر كثيرون"]),
        ("وقع ذلك عام 1998 م. ثم عاد.", ["وقع ذلك عام 1998 م.", "ثم عاد."]),
        ("قاله م. خالد أمس. ثم غادر.", ["قاله م. خالد أمس.", "ثم غادر."]),
        ("وقف الأعمال القتالية (..) بما في ذلك القصف.", ["وقف الأعمال القتالية (..) بما في ذلك القصف."]),
        ("لن نتخلى عن السلام ... سنستمر في البحث.", ["لن نتخلى عن السلام ... سنستمر في البحث."]),
        ("قرب الحدود…أعلنت الولايات المتحدة.", ["قرب الحدود…أعلنت الولايات المتحدة."]),
        ("الموقع www.example.com يعمل. وهذا كل شيء.", ["الموقع www.example.com يعمل.", "وهذا كل شيء."]),
        ('قال "انتهى الأمر." ثم صمت.', ['قال "انتهى الأمر."', "ثم صمت."]),
    ],
)
def test_sentences_are_cut_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentence_spans_index_the_original_text_and_are_trimmed() -> None:
    text = "  أولا هنا.   ثانيا هناك.  \n\n  ثالثا  "
    spans = segment_sentences(text)
    assert [text[s:e] for s, e in spans] == ["أولا هنا.", "ثانيا هناك.", "ثالثا"]
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_an_unclosed_quote_does_not_swallow_the_next_paragraph() -> None:
    assert sentences('قال "لن نتراجع. أبدا\nفقرة جديدة. وأخرى.') == [
        'قال "لن نتراجع. أبدا',
        "فقرة جديدة.",
        "وأخرى.",
    ]


def test_each_resolved_mention_becomes_an_event_with_its_sentence() -> None:
    text = "وقع الهجوم يوم 3 مايو في المدينة. وبعد ذلك بأيام اجتمع المجلس في 5 مايو."
    ms = [mention(text, "3 مايو", day("2020-05-03")), mention(text, "5 مايو", day("2020-05-05"))]
    events = build_events([article(text)], {"a1": ms})
    assert [(e.time.value, e.sentence) for e in events] == [
        ("2020-05-03", "وقع الهجوم يوم 3 مايو في المدينة."),
        ("2020-05-05", "وبعد ذلك بأيام اجتمع المجلس في 5 مايو."),
    ]
    for e in events:
        assert text[e.sentence_start : e.sentence_end] == e.sentence
        assert e.mention is not None and not e.is_report


def test_durations_present_and_unresolved_mentions_make_no_event() -> None:
    text = "استمر القتال خلال أسبوع. ويقيم حاليا في المدينة. وعاد الأحد."
    ms = [
        mention(text, "خلال أسبوع", None, "duration"),
        mention(text, "حاليا", day("2020-05-05"), "present"),
        mention(text, "الأحد", None, "weekday"),
    ]
    assert build_events([article(text)], {"a1": ms}) == []


def test_a_dated_article_reports_under_its_title_when_the_text_carries_it() -> None:
    text = "العنوان الكبير هنا\n\nنص الخبر الأول يتحدث عن أشياء كثيرة. ثم جملة."
    events = build_events([article(text, title="العنوان الكبير هنا", published=date(2020, 5, 6))], {})
    (report,) = events
    assert report.is_report and report.mention is None
    assert report.time == day("2020-05-06")
    assert report.sentence == "العنوان الكبير هنا"
    assert text[report.sentence_start : report.sentence_end] == report.sentence


def test_a_report_without_title_uses_the_first_real_sentence_not_the_dateline() -> None:
    text = "القاهرة / وكالات\nأعلنت الحكومة المصرية خطة جديدة للنقل العام في العاصمة. وتفاصيل أخرى."
    (report,) = build_events([article(text, published=date(2020, 5, 6))], {})
    assert report.sentence == "أعلنت الحكومة المصرية خطة جديدة للنقل العام في العاصمة."


def test_a_title_missing_from_the_text_still_heads_the_report_and_links_to_the_first_sentence() -> None:
    text = "أعلنت الحكومة المصرية خطة جديدة للنقل العام في العاصمة. وتفاصيل أخرى."
    (report,) = build_events([article(text, title="خطة للنقل", published=date(2020, 5, 6))], {})
    assert report.sentence == "خطة للنقل"
    # it links to the first sentence but spans none of the text: that sentence's dates are not the title's
    assert report.sentence_start == report.sentence_end == segment_sentences(text)[0][0]


def test_an_undated_article_has_no_report_event() -> None:
    assert build_events([article("نص بلا تاريخ هنا وهناك وهنالك.")], {}) == []


def test_event_ids_are_stable_short_hashes_of_article_sentence_and_mention() -> None:
    text = "وقع الهجوم يوم 3 مايو في المدينة."
    ms = [mention(text, "3 مايو", day("2020-05-03"))]
    first = build_events([article(text)], {"a1": ms})
    again = build_events([article(text)], {"a1": list(ms)})
    assert [e.id for e in first] == [e.id for e in again]
    (e,) = first
    assert len(e.id) == 12 and int(e.id, 16) >= 0
    assert e.id == event_id("a1", (e.sentence_start, e.sentence_end), (ms[0].start, ms[0].end))
    other = build_events([article(text, id="a2")], {"a2": ms})
    assert other[0].id != e.id


def test_text_running_on_without_a_stop_is_cut_into_bounded_pieces_at_clause_marks() -> None:
    from generator.events import MAX_SENTENCE

    clause = "أعلنت الوزارة يوم الاثنين تعليق المحادثات، "
    text = "مقدمة قصيرة. " + clause * 2000 + "ثم" + " كلمة" * 1000 + " " + "ب" * 5000
    spans = segment_sentences(text)
    assert text[spans[0][0] : spans[0][1]] == "مقدمة قصيرة."
    assert all(0 < e - s <= MAX_SENTENCE for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
    clauses = [text[s:e] for s, e in spans if text[s:e].startswith("أعلنت")][:-1]
    assert clauses and all(piece.endswith("،") for piece in clauses), "cut after a clause mark"
    assert text[spans[-1][0] : spans[-1][1]] == "ب" * 1000, "a run without spaces is cut at the limit"


def test_packed_sentence_spans_unpack_to_the_spans_split_afresh() -> None:
    texts = ["قال الوزير. وأضاف أن الاجتماع سيعقد غداً!\nسطر آخر", "", "جملة واحدة بلا نقطة", "ب" * 5000]
    for text in texts:
        assert unpacked_spans(packed_spans(text)) == segment_sentences(text)


def told_on(text: str, dated: dict[str, tuple[TimeValue, str]], published: date = date(2020, 8, 6)) -> dict:
    """Return {sentence: (date, carried)} for the events build_events makes of a text whose phrases
    in `dated` (phrase -> (time, kind)) are its dates."""
    ms = [mention(text, phrase, time, kind) for phrase, (time, kind) in dated.items()]
    found = build_events([article(text, published=published)], {"a1": ms})
    return {e.sentence: (e.time.value, e.carried) for e in found if not e.is_report}


LEAD = "أعلن مجلس الوزراء اللبناني اليوم حالة الطوارئ في العاصمة بيروت لمدة أسبوعين."
ENTRUSTED = "وأوكل المجلس إلى قيادة الجيش صلاحيات حفظ الأمن في العاصمة خلال هذه المدة."
ASIDE = "وكان المجلس قد عقد جلسة مماثلة يوم 4 أيار الماضي لبحث الأزمة المالية."
HELD_SINCE = "ويعيش لبنان أزمة مالية حادة منذ عام 2019 دفعت بالعملة إلى الانهيار."
RECALLED = "وكان الجيش قد تسلم صلاحيات مماثلة خلال الحرب الأهلية في البلاد."


def test_a_sentence_without_a_date_carries_on_the_account_told_before_it() -> None:
    text = f"{LEAD} {ENTRUSTED}"
    assert told_on(text, {"اليوم": (day("2020-08-05"), "relative")}) == {
        LEAD: ("2020-08-05", False),
        ENTRUSTED: ("2020-08-05", True),
    }


def test_a_sentence_that_says_what_goes_on_is_not_carried_on() -> None:
    """What goes on happened on no day of its own: not carried on with the account before it either."""
    going = "وتواصل فرق الدفاع المدني رفع الأنقاض من الشوارع المحيطة بمقر الحكومة في العاصمة."
    found = told_on(f"{LEAD} {going}", {"اليوم": (day("2020-08-05"), "relative")})
    assert going not in found


def test_a_live_page_s_update_opens_the_account_of_the_page_s_own_day() -> None:
    """ "Update – 06:10:" tells what happened on the page's day, whatever day the sentence before told."""
    heard = "وسمع سكان الأحياء القريبة دوي انفجار الليلة الماضية، أعقبه إطلاق نار متقطع."
    update = "تحديث – 06:10: ظهر رئيس الوزراء في تسجيل مصور بثه مكتبه بعد ساعات من الهجوم."
    said = "وأضاف أن الطائرات المسيّرة لا تبني أوطانا، داعيا الجميع إلى التهدئة وضبط النفس."
    found = told_on(f"{heard} {update} {said}", {"الليلة الماضية": (day("2020-08-05"), "relative")})
    assert found[heard] == ("2020-08-05", False)
    assert found[update] == found[said] == ("2020-08-06", True)


def test_a_sentence_of_what_goes_on_since_a_day_opens_no_account_of_that_day() -> None:
    """The sit-in goes on since Saturday's death: what follows tells of today's sit-in, not of Saturday."""
    going = "يتواصل لليوم الثالث اعتصام الشبان أمام الولاية، منذ وفاة الشاب الذي لقي حتفه يوم السبت الماضي."
    said = "وأفاد بلاغ صادر عن رئاسة الحكومة بأن التحقيق سيشمل كل من يثبت تورطه في إقصاء مستحقين."
    found = told_on(f"{going} {said}", {"يوم السبت الماضي": (day("2020-08-01"), "relative")})
    assert found[going] == ("2020-08-01", False)
    assert said not in found


def test_the_account_goes_on_with_the_day_of_its_sentence_s_first_date_not_of_a_later_qualifier() -> None:
    resigned = "قدم وزير المالية استقالته صباح اليوم احتجاجا على إقرار البرلمان قانون الموازنة مساء أمس."
    accepted = "وقال مصدر حكومي إن رئيس الحكومة قبل الاستقالة وكلف وزير الاقتصاد بتسيير الوزارة."
    found = told_on(
        f"{resigned} {accepted}",
        {"صباح اليوم": (day("2020-08-06"), "relative"), "مساء أمس": (day("2020-08-05"), "relative")},
    )
    assert found[accepted] == ("2020-08-06", True)


def test_a_date_that_labels_a_paragraph_dates_each_of_its_sentences_as_its_own_words_would() -> None:
    formed = "الخميس 11 أكتوبر: أعلن المتحدث باسم الرئاسة تشكيل مجموعة عمل مشتركة للتحقيق في القضية."
    said = "وفي واشنطن، قال الرئيس إن وقف صفقات السلاح مع المملكة لن يكون مقبولا."
    arrived = "- الجمعة 12 أكتوبر: وصل وفد إلى العاصمة للمشاركة في أعمال المجموعة."
    met = "والتقى الوفد مسؤولين في وزارة الخارجية لبحث آليات التعاون في التحقيق."
    found = told_on(
        f"{formed} {said}\n{arrived} {met}",
        {
            "الخميس 11 أكتوبر": (day("2020-10-11"), "absolute"),
            "الجمعة 12 أكتوبر": (day("2020-10-12"), "absolute"),
        },
        published=date(2020, 10, 14),
    )
    assert found[said] == ("2020-10-11", False)  # not carried on: it stands without another outlet
    assert found[met] == ("2020-10-12", False)


def test_a_live_blog_s_date_and_clock_time_label_its_paragraph_too() -> None:
    clashed = "الاثنين 14 آذار، 18:45 – اشتباكات بالأسلحة الرشاشة قرب مبنى المحافظة وسط المدينة."
    toll = "مصادر طبية: ثلاثة قتلى وعشرات الجرحى حتى الآن."
    found = told_on(
        f"{clashed} {toll}\nالثلاثاء 15 آذار، ٠٧:٣٠ - عودة الهدوء إلى محيط المبنى.",
        {
            "الاثنين 14 آذار": (day("2022-03-14"), "absolute"),
            "الثلاثاء 15 آذار": (day("2022-03-15"), "absolute"),
        },
        published=date(2022, 3, 15),
    )
    assert found[toll] == ("2022-03-14", False)  # labelled: it stands without another outlet


def test_a_labelled_sentence_whose_only_date_is_background_takes_its_label_s_day() -> None:
    opened = "الأحد 10 يناير: أعلنت البحرين فتح أجوائها أمام الطائرات القطرية اعتبارا من منتصف الليل."
    urged = "وفي اليوم نفسه، طالبت الخارجية البحرينية الدوحة بالإفراج عن صيادين، بعد توقيفهم يوم الجمعة."
    found = build_events(
        [article(f"{opened} {urged}", published=date(2021, 1, 11))],
        {
            "a1": [
                mention(f"{opened} {urged}", "الأحد 10 يناير", day("2021-01-10"), "absolute"),
                mention(f"{opened} {urged}", "يوم الجمعة", day("2021-01-08"), "weekday"),
            ]
        },
    )
    roles = {(e.time.value, e.role) for e in found if e.sentence == urged}
    assert ("2021-01-10", "event") in roles and ("2021-01-08", "context") in roles


def test_a_labelled_sentence_that_gives_a_commentator_s_view_makes_no_event() -> None:
    opened = "الأحد 10 يناير: ارتفع المؤشر العام للسوق بنسبة ثلاثة في المئة في أولى جلسات الأسبوع."
    view = "وقال محلل في شركة وساطة إن «شهية المستثمرين الأفراد هي المحرك الأساسي للسوق»."
    found = told_on(
        f"{opened} {view}", {"الأحد 10 يناير": (day("2021-01-10"), "absolute")}, date(2021, 1, 11)
    )
    assert opened in found and found.get(view, (None, True))[1], "carried on at most, never labelled"


def test_a_labelled_sentence_that_says_what_did_not_happen_makes_no_event() -> None:
    opened = "الأحد 10 يناير: أعلنت البحرين فتح أجوائها أمام الطائرات القطرية اعتبارا من منتصف الليل."
    silent = "ولم يصدر تعليق رسمي قطري حتى ساعة إعداد هذه الصفحة."
    found = told_on(
        f"{opened} {silent}", {"الأحد 10 يناير": (day("2021-01-10"), "absolute")}, date(2021, 1, 11)
    )
    assert opened in found and silent not in found


def test_a_live_blog_s_date_dash_and_clock_time_label_its_paragraph() -> None:
    opened = "السبت 27 أغسطس – 09:15: إدارة المطار تعلن تعليق الرحلات وتحويلها إلى مطار مصراتة."
    toll = "وزارة الصحة ترفع الحصيلة إلى 23 قتيلاً."
    found = told_on(
        f"{opened} {toll}", {"السبت 27 أغسطس": (day("2022-08-27"), "absolute")}, date(2022, 8, 29)
    )
    assert found[toll] == ("2022-08-27", False)  # labelled, not carried on
    assert headlines.label_end(opened) == opened.index("إدارة")


def test_a_sentence_that_is_only_a_date_is_a_page_stamp_and_makes_no_event() -> None:
    stamp = "الاثنين ١ صفر ١٤٤٤هـ الموافق ٢٩ أغسطس ٢٠٢٢م"
    lead = "أعلنت وزارة الصحة الليبية أمس ارتفاع حصيلة الاشتباكات إلى 32 قتيلاً و159 جريحاً."
    text = f"{stamp}\n{lead}"
    ms = [
        mention(text, "الاثنين ١ صفر ١٤٤٤هـ", day("2022-08-29"), "hijri"),
        mention(text, "٢٩ أغسطس ٢٠٢٢م", day("2022-08-29"), "absolute"),
        mention(text, "أمس", day("2022-08-28"), "relative"),
    ]
    found = build_events([article(text, published=date(2022, 8, 29))], {"a1": ms})
    assert {e.sentence for e in found if not e.is_report} == {lead}


@pytest.mark.parametrize(
    ("head", "dates"),
    [
        ("القاهرة ١٤ مايو ٢٠٢٢ /الكنانة/ –", [("١٤ مايو ٢٠٢٢", "absolute")]),  # a dateline alone
        (  # a stamp in two calendars and a time
            "آخر تحديث: الأحد 14 شوال 1443هـ الموافق 15 مايو 2022م - 08:15 صباحاً",
            [("الأحد 14 شوال 1443هـ", "hijri"), ("15 مايو 2022م", "absolute")],
        ),
        (  # two stamps on one line: figures are no words
            "نشر في 15/05/2022 على الساعة 06:50 | آخر تحديث: 15/05/2022 على الساعة 18:05",
            [("15/05/2022", "absolute")],
        ),
        ("تونس – «الواحات» – ١٥ مايو:", [("١٥ مايو", "absolute")]),  # place, outlet, then the date
        ("أبوظبي – 15 مايو 2022 – بوابة الساحل", [("15 مايو 2022", "absolute")]),  # the outlet last
        ("أبوظبي – 15 مايو 2022 – كارون", [("15 مايو 2022", "absolute")]),  # the article's own outlet
        ("عمّان – 15 مايو 2022م (النخيل) –", [("15 مايو 2022م", "absolute")]),  # the outlet in brackets, last
        ("مسقط، الأحد 15 مايو 2022م – «الفلج»", [("الأحد 15 مايو 2022م", "absolute")]),  # place, date, outlet
        ("كارون – نشر في 15 مايو 2022", [("15 مايو 2022", "absolute")]),  # the outlet, then its stamp
        ("الأحد 15 مايو 2022 - العدد ١٥٣٢٠", [("الأحد 15 مايو 2022", "absolute")]),  # a newspaper's issue
        (  # place, reporter and outlet, then the date in two calendars
            "مسقط – مراسل «المرفأ» | الأحد 14 شوال 1443هـ الموافق 15 مايو 2022م",
            [("الأحد 14 شوال 1443هـ", "hijri"), ("15 مايو 2022م", "absolute")],
        ),
        (  # two calendars after place and outlet: more than twelve words with the figures
            "أبوظبي – «الصواري» – الأحد 14 ذو الحجة 1443هـ الموافق 15 مايو 2022",
            [("الأحد 14 ذو الحجة 1443هـ", "hijri"), ("15 مايو 2022", "absolute")],
        ),
    ],
)
def test_a_dateline_or_a_stamp_on_a_line_of_its_own_makes_no_event(
    head: str, dates: list[tuple[str, str]]
) -> None:
    lead = "توافد قادة الدول العربية أمس إلى العاصمة لتقديم واجب العزاء."
    text = f"{head}\n{lead}"
    ms = [mention(text, phrase, day("2022-05-15"), kind) for phrase, kind in dates]
    ms.append(mention(text, "أمس", day("2022-05-14"), "relative"))
    paper = replace(
        article(text, published=date(2022, 5, 15)), outlet=Outlet(ar="وكالة كارون للأنباء", en="Karun")
    )
    found = build_events([paper], {"a1": ms})
    assert {e.sentence for e in found if not e.is_report} == {lead}


def test_a_photo_caption_in_brackets_makes_no_event() -> None:
    lead = "أعلنت وزارة الصحة الليبية أمس ارتفاع حصيلة الاشتباكات إلى 32 قتيلاً و159 جريحاً."
    caption = "(صورة: سيارات محترقة في أحد شوارع طرابلس أمس عقب الاشتباكات)"
    text = f"{lead}\n{caption}"
    at = text.index(caption) + caption.index("أمس")  # the caption's own «أمس»
    ms = [
        mention(text, "أمس", day("2022-08-28"), "relative"),
        Mention(at, at + 3, "أمس", day("2022-08-28"), "relative"),
    ]
    found = build_events([article(text, published=date(2022, 8, 29))], {"a1": ms})
    assert {e.sentence for e in found if not e.is_report} == {lead}


def test_a_photo_caption_with_a_credit_is_carried_on_by_nothing() -> None:
    lead = "أعلن المتحدث باسم الرئاسة اليوم أن المحادثات ستستمر رغم تعليق التعاون."
    caption = "المتحدث باسم الرئاسة خلال مؤتمر صحفي. © وكالة الأنباء"
    later = "وأضاف أن الاتصالات لم تنقطع بين الجانبين."
    text = f"{lead}\n{caption}\n{later}"
    found = build_events(
        [article(text, published=date(2016, 10, 4))],
        {"a1": [mention(text, "اليوم", day("2016-10-04"), "relative")]},
    )
    assert not any(caption.split(".")[0] in e.sentence for e in found)
    assert any(e.sentence == lead for e in found)


def test_a_count_of_days_after_a_subject_of_three_words_says_it_goes_on() -> None:
    going = "الاثنين 29 أغسطس: فرق بلدية طرابلس تواصل لليوم الثاني حصر الأضرار في المنازل."
    found = told_on(going, {"الاثنين 29 أغسطس": (day("2022-08-29"), "absolute")}, date(2022, 8, 30))
    assert going not in found


def test_a_labelled_sentence_that_says_what_goes_on_makes_no_event() -> None:
    opened = "السبت 2 مارس: أعادت الهيئة فتح خمسة أرصفة أمام حركة القطارات بعد انتهاء أعمال الصيانة."
    going_on = "وتواصل النيابة تحقيقاتها لليوم الرابع، وتنتظر تقرير الطب الشرعي بشأن هويات الضحايا."
    found = told_on(
        f"{opened} {going_on}", {"السبت 2 مارس": (day("2019-03-02"), "absolute")}, date(2019, 3, 3)
    )
    assert opened in found and found.get(going_on, (None, True))[1], "carried on at most, never labelled"


def test_a_live_blog_s_updates_after_a_day_label_carry_that_day_even_when_its_sentence_goes_on() -> None:
    thursday = "الخميس 19 أيلول: أعلن وزير الصحة أن الحصيلة بلغت 37 قتيلا ونحو ثلاثة آلاف جريح."
    friday = "الجمعة 20 أيلول: ساد صباحا هدوء حذر في الضاحية الجنوبية للعاصمة بعد ليلة صاخبة."
    update = "15:50 – غارة إسرائيلية تستهدف مبنى سكنيا في الضاحية الجنوبية وسيارات الإسعاف تهرع إلى المكان."
    text = "\n".join([thursday, friday, update])
    dated = {
        "الخميس 19 أيلول": (day("2024-09-19"), "absolute"),
        "الجمعة 20 أيلول": (day("2024-09-20"), "absolute"),
    }
    found = told_on(text, dated, date(2024, 9, 20))
    assert found[update] == ("2024-09-20", True), "the labelled day's update, not Thursday's"


def test_a_labelled_sentence_that_opens_with_a_plan_is_no_happening_of_the_label_s_day() -> None:
    label = "الجمعة 19 نيسان: أعادت البلدية فتح الطرق الرئيسية بعد سحب المياه منها."
    planned = "ومن المقرر أن تستأنف المدارس الدراسة الحضورية يوم الاثنين المقبل."
    text = f"{label} {planned}"
    phrases = {"الجمعة 19 نيسان": day("2024-04-19"), "يوم الاثنين المقبل": day("2024-04-22")}
    ms = [mention(text, p, when, "absolute") for p, when in phrases.items()]
    found = build_events([article(text, published=date(2024, 4, 19))], {"a1": ms})
    assert not [e for e in found if e.sentence == planned and e.role == "event"]


def test_a_later_day_in_a_labelled_paragraph_is_what_that_day_announced_and_the_label_dates_it() -> None:
    label = "الأحد 16 كانون الأول: انتهت ليلة من المعارك العنيفة على أطراف المدينة."
    announced = "مساء، يعلن وزير الخارجية أن الهدنة تبدأ منتصف ليل الاثنين."
    text = f"{label} {announced}"
    phrases = {"الأحد 16 كانون الأول": day("2018-12-16"), "منتصف ليل الاثنين": day("2018-12-17")}
    ms = [mention(text, p, when, "absolute") for p, when in phrases.items()]
    found = build_events([article(text, published=date(2018, 12, 20))], {"a1": ms})
    roles = {
        (e.mention.text if e.mention else "", e.time.value, e.role) for e in found if e.sentence == announced
    }
    assert ("منتصف ليل الاثنين", "2018-12-17", "context") in roles
    assert ("الأحد 16 كانون الأول", "2018-12-16", "event") in roles


def test_a_dateline_s_date_makes_no_event_where_the_sentence_dates_its_happening_itself() -> None:
    lead = "الرياض – الوادي – الأربعاء 16 أكتوبر: فرضت واشنطن فجر أمس الثلاثاء عقوبات على ثلاثة وزراء."
    alone = "بيروت – الأربعاء 16 أكتوبر (الأرز) – أعلنت الحكومة خطة جديدة لإعادة إعمار المرفأ المدمر."
    quoted = "الجزائر – «الدرعية» – الأربعاء 16 أكتوبر: فرضت واشنطن فجر أمس الثلاثاء عقوبات على ثلاثة وزراء."
    wire = "الأربعاء 16 أكتوبر"
    for text, phrases, days in [
        (lead, [wire, "فجر أمس الثلاثاء"], ["2020-10-15"]),
        (quoted, [wire, "فجر أمس الثلاثاء"], ["2020-10-15"]),  # the outlet in quotes before the date
        (alone, [wire], ["2020-10-16"]),
    ]:
        when = {wire: day("2020-10-16"), "فجر أمس الثلاثاء": day("2020-10-15")}
        ms = [mention(text, p, when[p], "absolute") for p in phrases]
        found = build_events([article(text, published=date(2020, 10, 16))], {"a1": ms})
        assert [e.time.value for e in found if not e.is_report] == days  # the wire's day only when alone


def test_an_aside_in_the_pluperfect_does_not_change_the_day_the_account_goes_on() -> None:
    text = f"{LEAD} {ASIDE} {ENTRUSTED}"
    found = told_on(
        text, {"اليوم": (day("2020-08-05"), "relative"), "يوم 4 أيار": (day("2020-05-04"), "absolute")}
    )
    assert found[ENTRUSTED] == ("2020-08-05", True)


def test_a_reminder_of_background_is_an_aside_the_account_goes_on_after() -> None:
    reminder = "ويشار إلى أن المجلس أعلن حالة طوارئ مماثلة عام 2019."
    text = f"{LEAD} {reminder} {ENTRUSTED}"
    year = TimeValue("2019", "year", date(2019, 1, 1), date(2019, 12, 31))
    found = told_on(text, {"اليوم": (day("2020-08-05"), "relative"), "عام 2019": (year, "absolute")})
    assert found[ENTRUSTED] == ("2020-08-05", True)


def test_background_short_sentences_and_recollections_carry_nothing() -> None:
    text = f"{LEAD} {HELD_SINCE} {ENTRUSTED} وهذا كل شيء. {RECALLED}"
    found = told_on(
        text,
        {
            "اليوم": (day("2020-08-05"), "relative"),
            "منذ عام 2019": (TimeValue("2019", "year", date(2019, 1, 1), date(2019, 12, 31)), "absolute"),
        },
    )
    assert ENTRUSTED not in found  # after background, the day's account is not what goes on
    assert "وهذا كل شيء." not in found and RECALLED not in found


def test_an_undated_article_or_one_with_no_date_told_carries_nothing() -> None:
    assert told_on(f"{ENTRUSTED} {RECALLED}", {}) == {}
    text = f"{LEAD} {ENTRUSTED}"
    ms = [mention(text, "اليوم", day("2020-08-05"), "relative")]
    assert not [e for e in build_events([article(text)], {"a1": ms}) if e.carried]


def test_an_account_is_carried_on_for_a_few_sentences_only() -> None:
    from generator.events import CARRIED_SENTENCES

    more = [
        f"وأضاف المتحدث في تصريحه رقم {n} أن الوضع في العاصمة ما زال صعبا."
        for n in range(CARRIED_SENTENCES + 2)
    ]
    text = " ".join([LEAD, *more])
    found = told_on(text, {"اليوم": (day("2020-08-05"), "relative")})
    carried = [sentence for sentence, (_, is_carried) in found.items() if is_carried]
    assert carried == more[:CARRIED_SENTENCES]


def test_a_pages_boilerplate_makes_no_event() -> None:
    """ "اقرأ أيضاً" and its linked headline, "تابعونا…": the page's furniture, not the article's news."""
    text = (
        "وأعلن الوزير في 2 مارس استقالة الحكومة.\n"
        "اقرأ أيضاً:\n"
        "الجيش ينسحب من المدينة في 3 مارس\n"
        "اقرأ أيضا: البرلمان يجتمع في 4 مارس\n"
        "نشر في: 6 مارس\n"
        "والصورة التي نشرتها الوزارة في 5 مارس أظهرت الدمار."
    )
    phrases = {"2 مارس": "2020-03-02", "3 مارس": "2020-03-03", "4 مارس": "2020-03-04", "5 مارس": "2020-03-05"}
    phrases["6 مارس"] = "2020-03-06"
    ms = [mention(text, p, day(v)) for p, v in phrases.items()]
    found = {e.time.value for e in build_events([article(text)], {"a1": ms}) if not e.is_report}
    assert found == {"2020-03-02", "2020-03-05"}


@pytest.mark.parametrize(
    ("sentence", "phrase", "qualifies"),
    [
        ("دانت الحكومة بشدة التفجير الإرهابي الذي استهدف أمس السوق المركزي.", "أمس", True),
        ("وأكدت الخارجية أن السفينة التي جنحت يوم الثلاثاء ما زالت عالقة.", "يوم الثلاثاء", True),
        ("دانت الحكومة أمس بشدة التفجير الذي استهدف السوق المركزي.", "أمس", False),
        (
            "ونعى الديوان الوزير السابق، الذي وافته المنية مساء أمس.",
            "مساء أمس",
            False,
        ),  # the death is the news
    ],
)
def test_a_date_in_a_relative_clause_dates_what_a_noun_names(
    sentence: str, phrase: str, qualifies: bool
) -> None:
    found = build_events(
        [article(sentence, published=date(2020, 3, 9))],
        {"a1": [mention(sentence, phrase, day("2020-03-08"))]},
    )
    (event,) = [e for e in found if not e.is_report]
    assert dated_in_relative_clause(event) is qualifies


def only_event(sentence: str, phrase: str, when: str) -> Event:
    """Return the one dated event of a one-sentence article published 22 January 2022."""
    found = build_events(
        [article(sentence, published=date(2022, 1, 22))], {"a1": [mention(sentence, phrase, day(when))]}
    )
    (event,) = [e for e in found if not e.is_report]
    return event


@pytest.mark.parametrize(
    ("sentence", "phrase", "marks"),
    [
        ("وشنت الطائرات ليل الخميس غارة على مبنى الاتصالات في الحديدة.", "ليل الخميس", "night_marks"),
        (
            "وأعلن الوزير في ساعة متأخرة من مساء أمس أن الهدنة تبدأ غدا.",
            "في ساعة متأخرة من مساء أمس",
            "night_marks",
        ),
        ("وقعت الغارة فجر الجمعة على مبنى الاتصالات في الحديدة.", "فجر الجمعة", "dawn_marks"),
        ("وشنت الطائرات يوم الخميس غارة على مبنى الاتصالات في الحديدة.", "يوم الخميس", None),
    ],
)
def test_a_date_told_with_the_night_or_the_small_hours_may_be_another_day_elsewhere(
    sentence: str, phrase: str, marks: str | None
) -> None:
    event = only_event(sentence, phrase, "2022-01-20")
    assert [m for m in ("night_marks", "dawn_marks") if told_at_night(event, m)] == ([marks] if marks else [])
