"""What the merge compares words as: tests/terms/cases.yaml as a specification, and the data files' shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import arabic, vocabulary

SPEC: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "terms" / "cases.yaml").read_text("utf-8"))
SAME = [(group["why"], group["words"]) for group in SPEC["same"]]
APART = [(group["why"], pair) for group in SPEC["apart"] for pair in group["pairs"]]
IN_NAMES = [(case["why"], case["name"], case["word"]) for case in SPEC["in_names"]]


def term(word: str) -> str:
    (found,) = arabic.content_terms(word)
    return found


@pytest.mark.parametrize(("why", "words"), SAME, ids=[w[0] for _, w in SAME])
def test_words_that_tell_one_thing_compare_as_one_term(why: str, words: list[str]) -> None:
    assert len({term(w) for w in words}) == 1, [(w, term(w)) for w in words]


@pytest.mark.parametrize(("why", "pair"), APART, ids=["-".join(p) for _, p in APART])
def test_words_that_tell_different_things_stay_apart(why: str, pair: list[str]) -> None:
    assert term(pair[0]) != term(pair[1])


@pytest.mark.parametrize(("why", "name", "word"), IN_NAMES, ids=[n for _, n, _ in IN_NAMES])
def test_a_word_in_a_place_name_is_the_names_not_a_news_word(why: str, name: str, word: str) -> None:
    named = arabic.content_terms(arabic.fold(name))
    assert term(word) not in named, (named, term(word))
    assert len(named) == len(arabic.content_terms(arabic.fold(name.replace(word, "الاسم")))), named


def test_a_data_file_with_a_key_written_twice_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "synonyms.yaml"
    data.write_text("fire: [حريق]\nceasefire: [هدنة]\nfire: [نيران]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'fire' is written twice"):
        vocabulary.load_unique_yaml(data)


def test_the_shipped_synonym_groups_are_unique_and_each_word_in_one_group() -> None:
    groups = vocabulary.load_unique_yaml(Path(vocabulary.__file__).parent / "data" / "synonyms.yaml")
    seen: dict[str, str] = {}
    for name, forms in groups.items():
        if name in (vocabulary.NOT_GROUPED, vocabulary.PLACE_HEADS):
            continue  # written forms of a group's word in its other sense; nouns that open a name
        for form in forms:
            light = arabic.light_form(arabic.fold(form))
            assert light is None or seen.setdefault(light, name) == name, (form, seen.get(light), name)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىة ـًٌٍَُِّْ", max_size=30))
def test_any_arabic_word_folds_to_a_term_or_none_without_error(word: str) -> None:
    for found in arabic.content_terms(word):
        assert found and isinstance(found, str)
