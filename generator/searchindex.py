"""Write one shard of the site's own search index: folded terms, their postings, and what results show.

Per language, a shard holds its documents' records (address, title, the line under it) in chunks of
DOCS_PER_FILE, and an inverted index (term -> document, weight pairs) cut by term range into files of
about POSTINGS_PER_FILE postings, listed by first term in `<lang>/index.json`. Terms are words folded
and stemmed by generator.arabic; static/search.js folds a query by the same rules (listed with the
shards in search.SHARDS_FILE) and merges what each shard finds, ranking by BM25.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import arabic, yamldata

if TYPE_CHECKING:
    from generator.search import SearchDocument

FORMAT = 2
"""Version of the files below (static/search.js reads this one): a new one renames every shard."""
INDEX_FILE = "index.json"
POSTINGS_PER_FILE = 4_000
"""About 30 kB of JSON: a query word costs one such file per shard, two at a range's edge."""
DOCS_PER_FILE = 50
TITLE_WEIGHT = 3
"""A word of the title counts as this many words of text."""
_ARABIC = re.compile(str(arabic.folding_rules()["arabic"]))
"""What makes a word Arabic to the stemmer (its first letter): only Arabic stems fold loosely."""
VARIANTS_FILE = Path(__file__).parent / "data" / "search_variants.yaml"
"""Spellings folded for search only (foreign names' g, v, p; أميركا/أمريكا; hamza on the line)."""


@cache
def _variants() -> tuple[dict[int, str], tuple[tuple[str, str], ...], dict[int, str], int]:
    """Return the search-only folding from VARIANTS_FILE: letters, spellings, loose letters, their length."""
    data = yamldata.parse(VARIANTS_FILE.read_text(encoding="utf-8"))
    letters = str.maketrans({k: str(v or "") for k, v in data["letters"].items()})
    spellings = tuple((str(k), str(v)) for k, v in data["spellings"].items())
    loose_letters = str(data["loose"]["letters"])
    loose = str.maketrans({letter: loose_letters[0] for letter in loose_letters[1:]})
    return letters, spellings, loose, int(data["loose"]["min_letters"])


def folding_rules() -> dict[str, object]:
    """Return how a word becomes a term, as data: arabic.folding_rules() and the search-only variants,
    so that static/search.js folds a query exactly as the index was folded."""
    data = yamldata.parse(VARIANTS_FILE.read_text(encoding="utf-8"))
    return {
        **arabic.folding_rules(),
        "variants": {
            "letters": {k: str(v or "") for k, v in data["letters"].items()},
            "spellings": [[str(k), str(v)] for k, v in data["spellings"].items()],
            "loose": str(data["loose"]["letters"]),
            "loose_min": int(data["loose"]["min_letters"]),
        },
    }


def term(word: str) -> str:
    """Return the index term of one folded word (arabic.words): variants folded, lightly stemmed, and a
    long stem's loose letters made one."""
    letters, spellings, loose, at_least = _variants()
    word = word.translate(letters)
    for written, folded in spellings:
        if written in word:
            word = word.replace(written, folded)
    stem = arabic.stem(word)
    return stem.translate(loose) if len(stem) >= at_least and _ARABIC.match(stem) else stem


_TERMS: dict[str, str | tuple[str, ...]] = {}
"""Each written word met so far and its term (its terms, in the rare case it folds into several)."""
_TERMS_AT_MOST = 1 << 20


def _learn(tokens: Iterable[str]) -> None:
    if len(_TERMS) > _TERMS_AT_MOST:
        _TERMS.clear()
    for token in tokens:
        if token not in _TERMS:
            found = tuple(t for t in map(term, arabic.words(token)) if t)
            _TERMS[token] = found[0] if len(found) == 1 else found


def terms(text: str) -> list[str]:
    """Return the index terms of a text, in order: its folded words, each made a term().

    The same as term() of each of arabic.words(text), one written word at a time, so that each
    distinct spelling is folded once per build rather than once per occurrence.
    """
    tokens = arabic.written_words(text)
    _learn(tokens)
    found: list[str] = []
    for token in tokens:
        term = _TERMS[token]
        found.extend((term,) if isinstance(term, str) else term)
    return found


def document_terms(document: SearchDocument) -> tuple[Counter[str], int]:
    """Return a document's term weights (title words count TITLE_WEIGHT times) and its length."""
    tokens = arabic.written_words(" ".join((*document.summary, *document.paragraphs)))
    tokens += arabic.written_words(document.title) * TITLE_WEIGHT
    _learn(tokens)
    known = _TERMS
    weights: Counter[Any] = Counter([known[token] for token in tokens])
    for several in [term for term in weights if isinstance(term, tuple)]:
        count = weights.pop(several)
        for term in several:
            weights[term] += count
    return weights, sum(weights.values())


def page_url(path: str) -> str:
    """Return a page's address relative to the site root: 'ar/articles/x/' for 'ar/articles/x/index.html'."""
    return path.removesuffix("index.html")


def write_shard(folder: Path, documents: Iterable[SearchDocument]) -> None:
    """Write the index of `documents` into folder/<lang>/ for each of their languages.

    When every language holds the same pages in the same order, each index says so (`aligned`): the
    search page may then read document n of one language and of another as the same page.
    """
    by_lang: dict[str, list[SearchDocument]] = {}
    for document in documents:
        by_lang.setdefault(document.lang, []).append(document)
    pages = {tuple(d.page for d in group) for group in by_lang.values()}
    for lang, group in sorted(by_lang.items()):
        _write_language(folder / lang, group, aligned=len(pages) == 1)


def _write_language(folder: Path, documents: Sequence[SearchDocument], aligned: bool) -> None:
    postings: dict[str, list[int]] = {}
    lengths: list[int] = []
    for number, document in enumerate(documents):
        counts, length = document_terms(document)
        lengths.append(length)
        for term, weight in counts.items():
            postings.setdefault(term, []).extend((number, weight))
    folder.mkdir(parents=True, exist_ok=True)
    records = [
        [page_url(d.path), d.title, " · ".join(p for p in d.summary if p), 1 if d.paragraphs else 0]
        for d in documents
    ]
    chunks = [records[i : i + DOCS_PER_FILE] for i in range(0, len(records), DOCS_PER_FILE)]
    for number, chunk in enumerate(chunks):
        _dump(folder / f"d{number}.json", chunk)
    starts: list[str] = []
    part: dict[str, list[int]] = {}
    size = 0
    # UTF-16 order: the order in which the browser compares strings when it looks a term up.
    for term in sorted(postings, key=lambda t: t.encode("utf-16-be")):
        if not part:
            starts.append(term)
        pairs = postings[term]
        part[term] = pairs
        size += len(pairs) // 2
        if size >= POSTINGS_PER_FILE:
            _dump(folder / f"t{len(starts) - 1}.json", part)
            part, size = {}, 0
    if part:
        _dump(folder / f"t{len(starts) - 1}.json", part)
    index = {
        "format": FORMAT,
        "documents": len(documents),
        "length": sum(lengths),
        "lengths": lengths,
        "chunk": DOCS_PER_FILE,
        "starts": starts,
        "kinds": "".join("e" if "/entries/" in d.path else "a" for d in documents),
        "aligned": aligned,
    }
    _dump(folder / INDEX_FILE, index)


def _dump(path: Path, data: object) -> None:
    # Markup characters escaped: the files hold article text and titles, and are served as they are.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    path.write_text(text, encoding="utf-8")
