"""What the search index holds: folded, stemmed terms, their postings, and the files a browser reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import arabic, searchindex
from generator.search import SearchDocument

# (what a writer types, what an article says): both must reach the same index term.
SAME_TERM = [
    ("اسطنبول", "إسطنبول"),  # hamza on alef
    ("مفاوضات", "والمفاوضات"),  # conjunction and article
    ("مفاوضات", "بالمفاوضات"),
    ("سوريا", "سوريّا"),  # shadda
    ("مدرسة", "مدرسه"),  # ta marbuta
    ("مستشفى", "مستشفي"),  # alef maqsura
    ("2016", "٢٠١٦"),  # Arabic-Indic digits
    ("Kerry", "KERRY"),
    ("الهدنة", "هدنة"),
    ("روسيا", "لروسيا"),
    # Spellings outlets differ on (generator/data/search_variants.yaml).
    ("البنتاغون", "البنتاجون"),
    ("شويجو", "شويغو"),
    ("لافروڤ", "لافروف"),
    ("الأمريكية", "الأميركية"),
    ("أمريكا", "أميركا"),
    ("وزراء", "وزرا"),
    ("مستشفى", "مستشفي"),
    ("غوتيريش", "جوتيريش"),
]


@pytest.mark.parametrize(("one", "other"), [("غرب", "قرب"), ("جمال", "كمال"), ("قمر", "كمر")])
def test_short_native_words_with_different_letters_stay_apart(one: str, other: str) -> None:
    assert searchindex.terms(one) != searchindex.terms(other)


@pytest.mark.parametrize(("typed", "written"), SAME_TERM)
def test_a_query_word_meets_its_spellings_in_the_text(typed: str, written: str) -> None:
    assert searchindex.terms(typed) == searchindex.terms(written)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="اأإلبتةىوفكـًٌَُِّْ١٢aBß İ_-.\n", max_size=40))
def test_index_terms_are_the_stems_of_the_folded_words(text: str) -> None:
    # The index folds each written word once; that must read a text as folding it whole does.
    assert searchindex.terms(text) == [t for t in map(searchindex.term, arabic.words(text)) if t]


def test_different_words_stay_apart() -> None:
    assert len(set(searchindex.terms("موسكو واشنطن دمشق حلب"))) == 4


def test_title_words_weigh_more_than_text_words() -> None:
    document = SearchDocument("ar/articles/a/index.html", "ar", "هدنة", ("هدنة في حلب",), "", ("الميادين",))
    counts, length = searchindex.document_terms(document)
    [truce] = searchindex.terms("هدنة")
    assert counts[truce] == 1 + searchindex.TITLE_WEIGHT
    assert length == sum(counts.values())


def documents(count: int) -> list[SearchDocument]:
    return [
        SearchDocument(
            f"{lang}/articles/a{i:04d}/index.html",
            lang,
            f"عنوان {i}",
            (f"كلمة{i} مشتركة " * 3,) if lang == "ar" else (),
            f"2016-01-{1 + i % 28:02d}",
            (f"outlet {i % 7}",),
        )
        for i in range(count)
        for lang in ("ar", "en")
    ]


def read(folder: Path, name: str) -> object:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def test_every_term_is_in_the_file_its_range_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchindex, "POSTINGS_PER_FILE", 50)
    given = documents(300)
    searchindex.write_shard(tmp_path, given)
    for lang in ("ar", "en"):
        folder = tmp_path / lang
        index = read(folder, "index.json")
        assert isinstance(index, dict)
        starts = index["starts"]
        assert len(starts) > 3 and starts == sorted(starts, key=lambda t: t.encode("utf-16-be"))
        assert index["documents"] == 300 == len(index["lengths"])
        seen: set[str] = set()
        for number, start in enumerate(starts):
            part = read(folder, f"t{number}.json")
            assert isinstance(part, dict) and min(part) == start
            upper = starts[number + 1] if number + 1 < len(starts) else None
            assert all(upper is None or term < upper for term in part)
            seen |= set(part)
        mine = [d for d in given if d.lang == lang]
        expected = {t for d in mine for t in searchindex.document_terms(d)[0]}
        assert seen == expected


def test_postings_point_at_the_records_of_the_documents_that_hold_the_term(tmp_path: Path) -> None:
    given = documents(120)
    searchindex.write_shard(tmp_path, given)
    folder = tmp_path / "ar"
    [term] = searchindex.terms("كلمة7")
    part = read(folder, "t0.json")
    assert isinstance(part, dict)
    pairs = part[term]
    assert pairs[1::2] == [3] and len(pairs) == 2
    chunk = read(folder, f"d{pairs[0] // searchindex.DOCS_PER_FILE}.json")
    assert isinstance(chunk, list)
    url, title, line, has_text = chunk[pairs[0] % searchindex.DOCS_PER_FILE]
    assert (url, title, line, has_text) == ("ar/articles/a0007/", "عنوان 7", "outlet 0", 1)
    english = read(tmp_path / "en", "d0.json")
    assert isinstance(english, list) and english[0][3] == 0, "no own text: nothing to quote from the page"
