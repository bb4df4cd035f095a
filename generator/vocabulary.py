"""What the merge compares a word as: one spelling of a foreign name, one token per common news
happening, and whether a first و/ف is a conjunction. The knowledge is data
(data/synonyms.yaml, data/names.yaml); words arrive folded (generator.arabic.fold)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator import wordweights, yamldata

_DATA = Path(__file__).parent / "data"
_IMPERFECTIVE = "يتن"
"""Letters that open an imperfective verb (يعلن، تسيطر، نعلن)."""
NOT_GROUPED = "not_grouped"
"""The synonyms.yaml key of written forms that take no group (the word's other sense)."""
PLACE_HEADS = "place_heads"
"""The synonyms.yaml key of nouns that open a place's name: the word after them, with its article, is
the name's and takes no group ("حي التضامن" is a neighbourhood, not solidarity)."""
_NOT_GROUPS = (NOT_GROUPED, PLACE_HEADS)
CONCEPT = "≈"
"""Prefix of a synonym group's token: it cannot be a written word."""


@cache
def _letters() -> tuple[float, dict[int, str]]:
    data = yamldata.parse((_DATA / "names.yaml").read_text(encoding="utf-8"))
    return float(data["rare_below"]), str.maketrans(data["letters"])


def name_spelling(word: str) -> str:
    """Return a folded word with a foreign name's letter variants made one (rare words only)."""
    rare, table = _letters()
    if wordweights.zipf(word) >= rare:
        return word
    return word.translate(table)


@cache
def _groups() -> dict[str, str]:
    """Return {light form: group token} for every form of data/synonyms.yaml (arabic.light_form)."""
    from generator import arabic

    data = load_unique_yaml(_DATA / "synonyms.yaml")
    found: dict[str, str] = {}
    for name, forms in data.items():
        if name in _NOT_GROUPS:
            continue
        for form in forms:
            for word in arabic.words(form):
                light = arabic.light_form(word)
                if light is not None:
                    found.setdefault(light, CONCEPT + name)
    return found


@cache
def _not_grouped() -> frozenset[str]:
    from generator import arabic

    return frozenset(arabic.fold(w) for w in load_unique_yaml(_DATA / "synonyms.yaml").get(NOT_GROUPED, []))


@cache
def _place_heads() -> frozenset[str]:
    from generator import arabic

    return frozenset(arabic.fold(w) for w in load_unique_yaml(_DATA / "synonyms.yaml").get(PLACE_HEADS, []))


def is_place_head(bare: str) -> bool:
    """Return True for a folded word, its clitics off, that opens a place's name ("حي"، "شارع")."""
    return bare in _place_heads()


def is_not_grouped(written: str) -> bool:
    """Return True for a folded written form (its glued و or ف off) that takes no group: «التعليق»."""
    return written in _not_grouped()


def group_of(light: str) -> str | None:
    """Return the synonym group token of a word's light form, or None: the form itself, or the form
    without a future or imperfective prefix (سيستقيل، يسيطر، تعلن -> يستقيل، سيطر، اعلن)."""
    groups = _groups()
    found = groups.get(light)
    if found is None and len(light) > 4 and light[0] == "س" and light[1] in _IMPERFECTIVE + "ا":
        found = group_of(light[1:])
    if found is None and len(light) > 3 and light[0] in _IMPERFECTIVE:
        found = groups.get("ي" + light[1:]) or groups.get(light[1:]) or groups.get("ا" + light[1:])
    return found


@cache
def _regional() -> dict[str, str]:
    """Return {a folded regional form without its clitics: the folded form it is compared as}."""
    from generator import arabic

    found: dict[str, str] = {}
    for first, others in load_unique_yaml(_DATA / "regional_words.yaml").items():
        for other in others:
            bare = arabic.bare_form(arabic.fold(other))
            if bare is None or bare in found:
                raise ValueError(f"regional_words.yaml: {other} is a stopword or written twice")
            found[bare] = arabic.bare_form(arabic.fold(first)) or first
    return found


def regional_form(bare: str) -> str:
    """Return the form a folded word without its clitics is compared as: «لائحة» as «قائمة»."""
    return _regional().get(bare, bare)


def load_unique_yaml(path: Path) -> dict[str, list[str]]:
    """Return a data file's mapping, refusing a key written twice (YAML would keep the last silently)."""
    text = path.read_text(encoding="utf-8")
    seen: set[str] = set()
    for line in text.splitlines():
        key = line.split(":", 1)[0]
        if line[:1].strip() and not line.startswith("#") and ":" in line:
            if key in seen:
                raise ValueError(f"{path.name}: {key!r} is written twice")
            seen.add(key)
    data = yamldata.parse(text)
    return data if isinstance(data, dict) else {}


def is_clitic(letter: str, word: str) -> bool:
    """Return True when a folded word's first letter is a conjunction or preposition glued to it: the
    rest is at least as common a word as the whole ("وأعلنت" -> "أعلنت"; "وزارة" keeps its و)."""
    return wordweights.zipf(word[1:]) >= wordweights.zipf(word)
