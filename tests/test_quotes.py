"""What an entry quotes of a sentence: tests/quotes/cases.yaml as a specification, the sentences several
entries share, and random text that never gives a quote without its date."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import exports, quotes, render
from generator.models import Article, Entry, Event, Headline, Mention, TimeValue
from generator.timeline import build_timeline

CASES: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "quotes" / "cases.yaml").read_text("utf-8"))


def span(sentence: str, phrase: str | None) -> tuple[int, int] | None:
    if not phrase:
        return None
    at = sentence.index(phrase)
    return at, at + len(phrase)


@pytest.mark.parametrize("case", CASES["clauses"], ids=lambda c: c["why"][:40])
def test_an_entry_quotes_the_clause_of_its_date(case: dict[str, str]) -> None:
    sentence = case["sentence"]
    a, b = quotes.quote_span(sentence, span(sentence, case.get("date")))
    assert sentence[a:b] == case["expect"]


@pytest.mark.parametrize("case", CASES["asides"], ids=lambda c: c["why"][:40])
def test_a_sentence_of_one_entry_leaves_out_the_time_since_another_happening(case: dict[str, str]) -> None:
    sentence = case["sentence"]
    article = Article(id="a", path="a.txt", text=sentence, slug="a")
    at, end = span(sentence, case["date"]) or (0, 0)
    mention = Mention(at, end, sentence[at:end], day("2024-03-10"), "relative")
    event = Event("v", article.id, day("2024-03-10"), 0, len(sentence), sentence, mention)
    (entry,) = quotes.quote_entries([Entry("e", event.time, (event,), Headline("خبر"))])
    assert entry.events[0].quoted == case["expect"]


def day(iso: str) -> TimeValue:
    d = date.fromisoformat(iso)
    return TimeValue(iso, "day", d, d)


SENTENCE = "أعلنت النيابة العامة، اليوم الأحد، حبس سائق الحافلة التي انقلبت مساء الخميس على طريق الصحراوي."
OTHER = "وأكد المحافظ أن الطريق سيعاد فتحه خلال ساعات."


def dated(eid: str, sentence: str, start: int, phrase: str, iso: str) -> Event:
    at = start + sentence.index(phrase)
    mention = Mention(at, at + len(phrase), phrase, day(iso), "relative")
    return Event(eid, "a", day(iso), start, start + len(sentence), sentence, mention)


def entries() -> list[Entry]:
    second = len(SENTENCE) + 1
    told = [
        ("e1", dated("v1", SENTENCE, 0, "اليوم الأحد", "2024-03-10")),
        ("e2", dated("v2", SENTENCE, 0, "مساء الخميس", "2024-03-07")),
        ("e3", dated("v3", OTHER, second, "خلال ساعات", "2024-03-10")),
    ]
    return [Entry(eid, event.time, (event,), Headline(event.sentence[:30])) for eid, event in told]


def test_a_link_before_a_second_date_of_the_sentence_s_own_day_cuts_nothing() -> None:
    # One entry cites both dates; the clause before «عقب» holds «أمس»: it is the sentence's own news.
    sentence = "وشهدت طهران أمس تظاهرات عقب صلاة الجمعة ردد فيها المشاركون هتافات ضد الحكومة."
    both = (dated("v1", sentence, 0, "أمس", "2024-03-08"), dated("v2", sentence, 0, "الجمعة", "2024-03-08"))
    (entry,) = quotes.quote_entries([Entry("e", both[0].time, both, Headline("تظاهرات في طهران"))])
    assert [e.quoted for e in entry.events] == [sentence, sentence]


def test_a_sentence_of_two_entries_is_quoted_by_each_for_its_own_clause() -> None:
    quoted = {entry.id: entry.events[0] for entry in quotes.quote_entries(entries())}
    assert quoted["e1"].quoted == "أعلنت النيابة العامة، اليوم الأحد، حبس سائق الحافلة"
    assert quoted["e2"].quoted == "التي انقلبت مساء الخميس على طريق الصحراوي."
    assert quoted["e3"].quote is None and quoted["e3"].quoted == OTHER  # one entry cites it: whole


def test_events_json_quotes_the_clause_and_keeps_the_whole_sentence() -> None:
    article = Article(id="a", path="a.txt", text=SENTENCE + " " + OTHER, slug="a")
    timeline = build_timeline(quotes.quote_entries(entries()), [article], [])
    sources = {e["id"]: e["sources"][0] for e in json.loads(exports.events_json(timeline, "/"))["entries"]}
    assert sources["e2"]["sentence"] == "التي انقلبت مساء الخميس على طريق الصحراوي."
    assert sources["e2"]["whole_sentence"] == SENTENCE
    assert sources["e3"]["sentence"] == OTHER and sources["e3"]["whole_sentence"] is None


def test_the_entry_page_shows_the_rest_of_the_sentence_muted() -> None:
    event = next(e for e in quotes.quote_entries(entries()) if e.id == "e2").events[0]
    html = str(render._marked_sentence(event, [event.mention] if event.mention else []))
    assert html.startswith('<span class="beside">أعلنت النيابة العامة، اليوم الأحد، حبس سائق الحافلة</span> ')
    assert '<mark class="date-phrase">مساء الخميس</mark>' in html and html.count('class="beside"') == 1


WORDS = ["التي", "الذي", "بعدما", "ثم", "، و", "فيما", "قبل أن", "بعد", "،", "وزير", "أمس", " "]


PIECES = st.sampled_from(WORDS) | st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ،.", max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30), st.data())
def test_any_quote_holds_its_date_and_lies_in_the_sentence(parts: list[str], data: Any) -> None:
    sentence = " ".join(parts)
    at = data.draw(st.integers(0, len(sentence)))
    end = min(len(sentence), at + data.draw(st.integers(1, 10)))
    a, b = quotes.quote_span(sentence, (at, end) if at < end else None)
    assert 0 <= a <= b <= len(sentence)
    if at < end and sentence[at:end].strip(" \t\n،,"):
        assert a <= at and b >= len(sentence[:end].rstrip(" \t\n،,"))


def test_a_headline_written_from_another_entrys_clause_is_written_again_from_the_quote() -> None:
    sentence = "أغلقت السلطات المعبر الحدودي صباح الثلاثاء، وأعادت فتحه مساء الأربعاء أمام الشاحنات فقط."
    closed = dated("v1", sentence, 0, "صباح الثلاثاء", "2024-03-05")
    reopened = dated("v2", sentence, 0, "مساء الأربعاء", "2024-03-06")
    wrong = Headline(
        "أغلقت السلطات المعبر الحدودي", basis_ar="clause"
    )  # the merge's, from the sentence's head
    entries = [
        Entry("e1", closed.time, (closed,), wrong),
        Entry("e2", reopened.time, (reopened,), wrong),
        Entry("e3", reopened.time, (reopened,), replace(wrong, basis_ar="editor")),
    ]
    headline = {entry.id: entry.headline for entry in quotes.quote_entries(entries)}
    assert headline["e1"] == wrong, "its own clause: kept"
    assert headline["e2"].ar == "أعادت فتحه أمام الشاحنات فقط"
    assert headline["e3"] == replace(wrong, basis_ar="editor"), "an editor's headline stays"


@pytest.mark.parametrize(
    ("sentence", "other_phrase", "phrase", "headline"),
    [
        (  # a conjunction a verb must follow: the headline is the rest of the clause
            "اتسعت رقعة المواجهات في شمال العاصمة اليوم الجمعة، بعدما ظلت أمس محصورة في منطقة شملان.",
            "اليوم الجمعة",
            "أمس",
            "ظلت محصورة في منطقة شملان",
        ),
        (  # a quote that runs on into another sentence heads nothing: the head stays
            "فشل الانقلاب سياسياً مساء الجمعة قبل أن ينكسر عسكرياً. وعندما هبطت طائرته فجر السبت، حُسم الأمر.",
            "مساء الجمعة",
            "فجر السبت",
            "فشل الانقلاب سياسياً",
        ),
    ],
)
def test_a_clause_that_opens_with_a_conjunction_is_headed_by_the_rest(
    sentence: str, other_phrase: str, phrase: str, headline: str
) -> None:
    other = dated("v1", sentence, 0, other_phrase, "2014-09-19")
    own = dated("v2", sentence, 0, phrase, "2014-09-18")
    head = Headline(" ".join(sentence.split()[:3]), basis_ar="clause")
    entries = [Entry("e1", other.time, (other,), head), Entry("e2", own.time, (own,), head)]
    written = {entry.id: entry.headline.ar for entry in quotes.quote_entries(entries)}
    assert written["e2"] == headline
