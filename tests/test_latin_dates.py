"""English and French dates: the sentence corpus is the specification, and dateparser's traps give nothing."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus.latin._score import found_in, read_corpus, score_corpus  # noqa: E402

from generator.extract import extract_text  # noqa: E402
from generator.latin_dates import find_latin_mentions  # noqa: E402

CORPUS = read_corpus()
NOTHING = [(lang, text) for lang, section in CORPUS.items() for text in section.get("nothing", [])]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", sorted(CORPUS))
def test_precision_on_the_sentence_corpus(lang: str) -> None:
    score = score_corpus()[lang]
    assert score.precision >= 0.95, "\n".join(score.misses)
    assert score.recall >= 0.85, "\n".join(score.misses)


@pytest.mark.parametrize(("lang", "text"), NOTHING)
def test_counts_decimals_clock_times_and_durations_are_no_dates(lang: str, text: str) -> None:
    dct = date.fromisoformat(str(CORPUS[lang]["dct"]))
    assert found_in(text, dct, lang) == {}


def test_mentions_index_the_text_and_resolve_against_the_document_date() -> None:
    text = "KHARTOUM (Reuters) -\n\nThe council met on Tuesday.\n\nIt will meet again on Tuesday, aides said."
    first, second = find_latin_mentions(text, date(2019, 8, 17), "en")
    assert text[first.start : first.end] == first.text == "Tuesday"
    assert first.time is not None and first.time.value == "2019-08-13"  # the last Tuesday
    assert second.time is not None and second.time.value == "2019-08-20"  # the clause is about the future


def test_without_a_document_date_only_a_stated_year_resolves() -> None:
    found = {
        m.text: m.time
        for m in find_latin_mentions("Talks began on 3 May 2016 and resumed on Monday.", None, "en")
    }
    assert found["3 May 2016"] is not None and found["3 May 2016"].value == "2016-05-03"
    assert found["Monday"] is None


def test_extraction_routes_english_and_french_but_keeps_arabic_on_its_engine() -> None:
    english = extract_text("The deal was signed on 4 August 2019.", None, lang="en")
    assert [(m.text, m.time.value if m.time else None) for m in english.mentions] == [
        ("4 August 2019", "2019-08-04")
    ]
    arabic = extract_text("وقع الاتفاق في 4 آب/أغسطس 2019.", None)
    assert [m.time.value for m in arabic.mentions if m.time] == ["2019-08-04"]
    assert extract_text("وقع الاتفاق في 4 آب/أغسطس 2019.", None, lang="fr").mentions == ()


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789 .,:/-hamMayJuneLundimars\n")), max_size=80),
    st.sampled_from(["en", "fr"]),
)
def test_random_text_never_crashes_and_spans_index_it(text: str, lang: str) -> None:
    for mention in find_latin_mentions(text, date(2019, 8, 17), lang):
        assert text[mention.start : mention.end] == mention.text
