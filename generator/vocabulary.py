"""What the merge compares a word as: one spelling of a foreign name, one token per common news
happening, and whether a first و/ف is a conjunction. The knowledge is data
(data/synonyms.yaml, data/names.yaml); words arrive folded (generator.arabic.fold)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

from generator import wordweights

_DATA = Path(__file__).parent / "data"
CONCEPT = "≈"
"""Prefix of a synonym group's token: it cannot be a written word."""


@cache
def _letters() -> tuple[float, dict[int, str]]:
    data = yaml.safe_load((_DATA / "names.yaml").read_text(encoding="utf-8"))
    return float(data["rare_below"]), str.maketrans(data["letters"])


def name_spelling(word: str) -> str:
    """Return a folded word with a foreign name's letter variants made one (rare words only)."""
    rare, table = _letters()
    if wordweights.zipf(word) >= rare:
        return word
    return word.translate(table)


@cache
def _groups(make_term: Callable[[str], str | None]) -> dict[str, str]:
    """Return {term: group token} for every form of data/synonyms.yaml, made into terms as words are."""
    from generator import arabic

    data = yaml.safe_load((_DATA / "synonyms.yaml").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for name, forms in data.items():
        for form in forms:
            for word in arabic.words(form):
                term = make_term(word)
                if term is not None:
                    found.setdefault(term, CONCEPT + name)
    return found


def canonical(term: str, make_term: Callable[[str], str | None]) -> str:
    """Return the token a term is compared as: its synonym group's, else the term itself."""
    return _groups(make_term).get(term, term)


def is_clitic(letter: str, word: str) -> bool:
    """Return True when a folded word's first letter is a conjunction or preposition glued to it: the
    rest is at least as common a word as the whole ("وأعلنت" -> "أعلنت"; "وزارة" keeps its و)."""
    return wordweights.zipf(word[1:]) >= wordweights.zipf(word)
