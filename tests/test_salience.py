"""Event or context: tests/salience/cases.yaml as a specification, and undated articles as problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import events
from generator.models import Article, Mention
from generator.temporal import find_mentions

SPEC: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "salience" / "cases.yaml").read_text("utf-8"))
DCT, START = SPEC["dct"], SPEC["start"]
CASES = [(group["role"], item["text"], item["phrase"]) for group in SPEC["cases"] for item in group["texts"]]


def mention_of(text: str, phrase: str) -> Mention:
    found = [
        m for m in find_mentions(text, DCT) if phrase in m.text or m.text in phrase and m.time is not None
    ]
    assert found, (text, phrase, find_mentions(text, DCT))
    return found[0]


@pytest.mark.parametrize(("role", "text", "phrase"), CASES, ids=[c[2] for c in CASES])
def test_a_date_is_an_event_or_context(role: str, text: str, phrase: str) -> None:
    """Each case as the build reads it: one article of one sentence, published on DCT. Role `none`: the
    date makes no event at all."""
    mention = mention_of(text, phrase)
    article = Article("a", "a.txt", text, "a", published=DCT, extraction="key")
    found = events.article_events(article, find_mentions(text, DCT), [(0, len(text))], START)
    made = [e.role for e in found if e.mention is not None and e.mention.start == mention.start]
    assert made == ([] if role == "none" else [role])


def test_an_undated_article_is_a_problem_that_names_it_and_says_what_to_do() -> None:
    text = "قال الوزير أمس إن الحكومة ستعقد اجتماعا الأسبوع المقبل، بعد قرار 12 مارس 2023."
    undated = Article("a", "news/a.txt", text, "a", extraction="key")
    dated = Article("b", "news/b.txt", text, "b", published=date(2023, 3, 15), extraction="key")
    found = {a.id: find_mentions(a.text, a.published) for a in (undated, dated)}
    (problem,) = events.undated_problems([undated, dated], found)
    assert problem.path == "news/a.txt" and problem.code == "undated-article"
    assert "no publication date: 2 relative dates unresolved, 1 written date kept" in problem.message
    assert "published:" in (problem.hint or "")


def test_every_phrase_that_points_back_holds_one_of_the_quick_marks() -> None:
    rules = events._salience()
    marks = [events.arabic.fold(m) for m in rules["pointing_marks"]]
    for phrase, _ in rules["pointing"]:
        assert any(mark in " ".join(phrase) for mark in marks), phrase


def test_every_recurring_phrase_holds_one_of_the_quick_marks() -> None:
    rules = events._salience()
    marks = [events.arabic.fold(m) for m in rules["recurring_marks"]]
    for phrase in rules["recurring"]:
        assert any(mark in " ".join(phrase) for mark in marks), phrase


def test_a_word_of_habit_in_the_sentence_before_makes_no_custom_of_this_one() -> None:
    """ "…كما يفعل دائما. وفي اليوم نفسه وصل…": the habit belongs to the sentence that says it."""
    text = "وألقى الرئيس كلمة أمام نواب حزبه كما يفعل دائما. وفي 14 مارس وصلت الشرطة العسكرية إلى المدينة."
    mention = mention_of(text, "14 مارس")
    article = Article("a", "a.txt", text, "a", published=DCT, extraction="key")
    found = events.article_events(article, find_mentions(text, DCT), events.segment_sentences(text), START)
    assert [e.role for e in found if e.mention is not None and e.mention.start == mention.start] == ["event"]


def test_a_month_that_ended_yesterday_is_placed_in_the_past_like_any_older_date() -> None:
    """An article of 1 April: "last month" ends the day before it, and is still what the news came after."""
    text = "ويأتي القرار بعد أسابيع من أزمة اختطاف موظفين في القنصلية الشهر الماضي."
    published = date(2023, 4, 1)
    found = events.article_events(
        Article("a", "a.txt", text, "a", published=published, extraction="key"),
        find_mentions(text, published),
        [(0, len(text))],
        START,
    )
    assert [(e.time.value, e.role) for e in found if e.mention is not None] == [("2023-03", "context")]
