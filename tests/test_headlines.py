"""The headline rules as a specification: tests/headlines/cases.yaml, plus random text never breaks them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import headlines

CASES: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "headlines" / "cases.yaml").read_text("utf-8")
)


def spans(sentence: str, phrase: str | None) -> tuple[tuple[int, int], ...]:
    if not phrase:
        return ()
    at = sentence.index(phrase)
    return ((at, at + len(phrase)),)


@pytest.mark.parametrize("case", CASES["rewrite"], ids=lambda c: c["why"][:40])
def test_a_sentence_is_rewritten_as_a_headline(case: dict[str, str]) -> None:
    dated = spans(case["sentence"], case.get("date"))
    written = headlines.rewrite(case["sentence"], dated, dated[0][0] if dated else None)
    assert written == case["expect"]
    assert headlines.problem(written) == ""


@pytest.mark.parametrize("sentence", CASES["weak"])
def test_a_sentence_that_points_back_is_a_weak_headline(sentence: str) -> None:
    assert headlines.is_anaphoric(sentence)


@pytest.mark.parametrize("case", CASES["bad"], ids=lambda c: c["problem"])
def test_a_bad_headline_is_named_for_what_is_wrong(case: dict[str, str]) -> None:
    assert headlines.problem(case["headline"]) == case["problem"]


ARABIC = st.text(alphabet=st.sampled_from(list('ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةى ،,.:«»"()0123456789٠١٢')))


LINKED = st.lists(
    st.sampled_from(["حيث", "إذ", "فيما", "في وقت", "فيه", "حرب", "تموز", "2006", "يوم"]), max_size=6
)


@settings(max_examples=300, deadline=None)
@given(ARABIC, LINKED, st.data())
def test_any_text_gives_a_short_headline_without_an_ellipsis(text: str, words: list[str], data: Any) -> None:
    text = " ".join([text, *words, text])  # clause links, names with dates, frames among random text
    at = data.draw(st.integers(0, len(text)))
    span = (at, min(len(text), at + data.draw(st.integers(0, 12))))
    for written in (headlines.rewrite(text), headlines.rewrite(text, (span,), at)):
        assert len(written) <= headlines.rules().limit and "…" not in written
    assert headlines.main_part(text) == text[: len(headlines.main_part(text))]


@pytest.mark.parametrize("case", CASES["title_clauses"], ids=lambda c: c["title"][:30])
def test_a_title_is_cut_into_the_happenings_it_joins(case: dict[str, Any]) -> None:
    title = case["title"]
    assert [title[s:e] for s, e in headlines.title_clauses(title)] == case["clauses"]


@settings(max_examples=300, deadline=None)
@given(ARABIC)
def test_title_clauses_cover_the_title_in_order(title: str) -> None:
    clauses = headlines.title_clauses(title)
    assert clauses and all(0 <= s <= e <= len(title) for s, e in clauses)
    assert all(clauses[k][1] <= clauses[k + 1][0] for k in range(len(clauses) - 1))


@pytest.mark.parametrize("sentence", ["وقال الرئيس في كلمة: «لن نتراجع».", "وقال الوزير «سنرى»."])
def test_a_short_quote_leaves_the_sentence_as_written(sentence: str) -> None:
    # Too short to stand alone as "X: «…»", the quote stays in its sentence, with no «أن» slipped in.
    written = headlines.rewrite(sentence)
    assert "أن «" not in written and written.endswith("»"), written


def test_a_short_quote_the_sentence_goes_on_after_is_a_name() -> None:
    # «النهار» names the channel: nothing it says follows, so there is no "X: «…»" to write.
    written = headlines.rewrite("وأفاد التلفزيون الخاص «النهار» بالعثور على 25 جثة في موقع الهجوم.")
    assert not written.startswith("التلفزيون الخاص:"), written
