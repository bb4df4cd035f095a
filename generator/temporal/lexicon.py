"""Load lexicon/ar.yaml once and turn its words into regex alternations and folded lookups."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from generator import yamldata
from generator.temporal.normalize import fold_word

LEXICON = Path(__file__).parent / "lexicon" / "ar.yaml"

S = r"[^\S\r\n]+"
"""One or more spaces on the same line."""
SO = r"[^\S\r\n]*"


@cache
def data() -> dict[str, Any]:
    """Return the lexicon as parsed YAML."""
    loaded: dict[str, Any] = yamldata.parse(LEXICON.read_text(encoding="utf-8"))
    return loaded


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """Return the lookup key of matched text: folded, single spaces, no space after a joining و."""
    return re.sub(r"(?<!\w)و ", "و", fold_word(text))


def alt(words: Iterable[str]) -> str:
    """Return a regex matching any of the folded words (a prefix trie, longest first, spaces flexible)."""
    trie: dict[str, Any] = {}
    for word in {fold_word(w) for w in words if w}:
        node = trie
        for atom in _atoms(word):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _trie_regex(trie)


def _atoms(word: str) -> list[str]:
    """Return the regex atoms of one folded word: letters escaped, spaces flexible, و joining loose."""
    atoms: list[str] = []
    for i, ch in enumerate(word):
        if ch == " ":
            atoms.append(S)
        elif ch == "و" and i > 0 and word[i - 1] == " " and " " not in word[i:] and len(word) - i > 2:
            atoms.extend(["و", SO])
        else:
            atoms.append(re.escape(ch))
    return atoms


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [atom + _trie_regex(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


def lookup(table: Mapping[Any, Iterable[str]]) -> dict[str, Any]:
    """Return folded spelling -> value for a {value: [spellings]} table."""
    out: dict[str, Any] = {}
    for value, spellings in table.items():
        for spelling in spellings:
            out.setdefault(key(spelling), value)
    return out


def words(name: str) -> list[str]:
    """Return a flat word list of the lexicon, whether it is a list or a {group: [words]} table."""
    raw = data()[name]
    if isinstance(raw, dict):
        return [w for group in raw.values() for w in (group if isinstance(group, list) else [group])]
    return list(raw)


@cache
def ordinal_days() -> dict[str, int]:
    """Return every ordinal spelling of a day of the month (1-31) -> its number."""
    lex = data()
    out: dict[str, int] = {}
    for value, spellings in lex["ordinals"].items():
        for s in spellings:
            if int(value) == 1 and fold_word(s) == fold_word("الحادي"):
                continue
            out.setdefault(key(s), int(value))
    for unit, spellings in lex["ordinal_units"].items():
        for s in spellings:
            for teen in lex["ordinal_teen"]:
                out.setdefault(key(f"{s} {teen}"), 10 + int(unit))
            for tens in (20, 30):
                if tens + int(unit) > 31:
                    continue
                for t in lex["ordinals"][tens]:
                    out.setdefault(key(f"{s} و{t}"), tens + int(unit))
    return out


@cache
def cardinals() -> dict[str, int]:
    """Return every cardinal spelling used as a count -> its number."""
    lex = data()
    out = {key(s): int(v) for v, spellings in lex["cardinals"].items() for s in spellings}
    for unit in range(1, 10):
        for s in lex["cardinals"][unit]:
            for tens in (20, 30, 40, 50, 60):
                for t in lex["cardinals"][tens]:
                    out.setdefault(key(f"{s} و{t}"), tens + unit)
    return out


@cache
def units() -> dict[str, tuple[str, int | None]]:
    """Return every unit spelling -> (unit, count implied by its form: 1, 2 or None)."""
    out: dict[str, tuple[str, int | None]] = {}
    for unit, forms in data()["units"].items():
        for form, implied in (("one", 1), ("two", 2), ("many", None)):
            for s in forms[form]:
                k = key(s)
                if form == "many" and k in out:
                    continue
                out[k] = (unit, implied)
    return out


@cache
def holiday_names() -> frozenset[str]:
    """Return the key of every feast's name (عيد الأم، عيد الفطر…): a named day, not a bare date."""
    holidays = data()["holidays"]
    return frozenset(key(name) for table in holidays.values() for name in table)


def is_holiday(text: str) -> bool:
    """Return True for a mention that is a feast's name alone, with or without a glued و/ب/ف/ل."""
    k = key(text)
    names = holiday_names()
    return k in names or (k[:1] in "وبفل" and k[1:] in names)
