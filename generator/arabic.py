"""Fold Arabic text for comparison: one spelling per word, clitics and light suffixes removed.

Only what is compared is folded; displayed text is never touched. The stopword list is data
(generator/data/ar_stopwords.txt), folded once when first needed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

_STOPWORDS_FILE = Path(__file__).parent / "data" / "ar_stopwords.txt"

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ی": "ي",
        "ک": "ك",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ARABIC = re.compile("[\u0600-\u06ff]")

# Longest first: a word loses at most one of these prefixes (once more after _AGAIN), and keeps at
# least _KEEP letters.
_KEEP = 3
_AGAIN = ("و", "ف")
_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_SUFFIXES = (
    "اتها",
    "اتهم",
    "تها",
    "تهم",
    "يين",
    "يون",
    "ات",
    "ون",
    "ين",
    "ان",
    "ها",
    "هم",
    "يه",
    "يا",
    "ه",
    "ي",
)


def folding_rules() -> dict[str, object]:
    """Return fold() and stem() as data, for the site's search script to fold a query as the index was."""
    return {
        "diacritics": _DIACRITICS.pattern,
        "letters": {chr(code): letter for code, letter in _LETTERS.items()},
        "arabic": _ARABIC.pattern,
        "prefixes": list(_PREFIXES),
        "again": list(_AGAIN),
        "suffixes": list(_SUFFIXES),
        "keep": _KEEP,
    }


def fold(text: str) -> str:
    """Return text with one spelling per letter: no diacritics/tatweel, alef/hamza/ya/ta marbuta unified."""
    return _DIACRITICS.sub("", text).translate(_LETTERS).casefold()


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """Return fold(word), remembered: the stages fold the same few thousand words again and again."""
    return fold(word)


def words(text: str) -> list[str]:
    """Return the folded words of a text, in order."""
    return _WORD.findall(fold(text))


def written_words(text: str) -> list[str]:
    """Return the words of a text as written, less diacritics and tatweel: words(text) is the same as
    the words() of each of these in turn, so a caller may fold each distinct spelling only once."""
    return _WORD.findall(_DIACRITICS.sub("", text))


_NAME_SERVANT = "عبد"
"""The first half of a compound name (عبد الله، عبد العزيز), written apart or joined: a stopword apart."""
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
"""Letters that may be a preposition glued to a word (بقصف، لوقف، كرئيس) or the word's own (باريس، لبنان)."""


def strip_clitics(word: str) -> str:
    """Return a folded word without its leading conjunction, preposition or article (و ف ب ل ك ال)."""
    if not _ARABIC.match(word):
        return word
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _KEEP:
            rest = word[len(prefix) :]
            # A conjunction may sit on another clitic (وب، فل، وو): strip once more.
            return strip_clitics(rest) if prefix in _AGAIN else rest
    return word


def stem(word: str) -> str:
    """Return a light stem of a folded word: clitics off, then one plural/feminine/pronoun suffix off."""
    return _suffix_off(strip_clitics(word))


def without_suffix(word: str) -> str:
    """Return a folded word without one plural, feminine or pronoun suffix ("وقوفها" -> "وقوف")."""
    return _suffix_off(word)


def _suffix_off(word: str) -> str:
    if not _ARABIC.match(word):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _KEEP:
            return word[: -len(suffix)]
    return word


_PATTERN_PREFIXES = ("ست", "ت", "م", "ي", "ن", "ا")
_WEAK = str.maketrans("", "", "اوي")
_LONG_VOWELS = str.maketrans("", "", "اي")


def skeleton(term: str) -> str:
    """Return a root-like skeleton of a stem (تعليق، علقت -> علق) so a verb meets its noun."""
    if not _ARABIC.match(term):
        return term
    word = term
    if word.endswith("ت") and len(word) > 3:
        word = word[:-1]
    for prefix in _PATTERN_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    bare = word[0] + word[1:].translate(_WEAK)
    if len(bare) >= 3:
        return bare
    hollow = word[0] + word[1:].translate(_LONG_VOWELS)  # a hollow root keeps its و: عوم، تعويم -> عوم
    return hollow if len(hollow) >= 3 else word


@cache
def stopwords() -> frozenset[str]:
    """Return the folded stopwords (and their clitic-stripped forms) from the data file."""
    found: set[str] = set()
    for line in _STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        for word in words(line):
            found.add(word)
    return frozenset(found)


def content_terms(text: str) -> list[str]:
    """Return the skeletons of a text's content words: stopwords and single letters dropped."""
    return [term for term in _terms(words(text)) if term is not None]


def _terms(written: Sequence[str]) -> list[str | None]:
    """Return _term of each folded word, a word that a place's name opens with ("حي التضامن") read as
    the name's, not as the news word it may also be."""
    found: list[str | None] = []
    named = False
    for word in written:
        found.append(_term(word, named=named and word.startswith("ال")))
        named = _opens_place_name(word)
    return found


@lru_cache(maxsize=1 << 12)
def _opens_place_name(word: str) -> bool:
    """Return True for a folded word that opens a place's name ("حي"، "بشارع"، "وميدان")."""
    from generator import vocabulary

    for k in range(min(3, len(word))):  # the word, then behind a glued و/ف and ب/ل
        if k and word[k - 1] not in "وفبل":
            return False
        if vocabulary.is_place_head(word[k:]):
            return True
    return False


class Folded:
    """A text folded once, so its content terms and those of any head or tail of it cost one pass.

    Folding and word-splitting act character by character, so the words of text[:i] are those of the
    text ending by i, plus the one i cuts, cut there (and likewise for text[i:]).
    """

    __slots__ = ("_ends", "_folded", "_plain", "_starts", "_terms", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded = folded = fold(text)
        self._plain = len(folded) == len(text) and _DIACRITICS.search(text) is None
        """Whether every character folds to exactly one, so offsets in text and folded text agree."""
        spans = [m.span() for m in _WORD.finditer(folded)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]
        self._terms = _terms([folded[s:e] for s, e in spans])

    def terms_before(self, end: int) -> list[str]:
        """Return content_terms(text[:end])."""
        cut = self._offset(end)
        k = bisect_right(self._ends, cut)
        found = self._terms[:k]
        if k < len(self._starts) and self._starts[k] < cut:
            found.append(_term(self._folded[self._starts[k] : cut]))
        return [t for t in found if t is not None]

    def terms_after(self, start: int) -> list[str]:
        """Return content_terms(text[start:])."""
        cut = self._offset(start)
        k = bisect_left(self._starts, cut)
        found = self._terms[k:]
        if k > 0 and self._ends[k - 1] > cut:
            found.insert(0, _term(self._folded[cut : self._ends[k - 1]]))
        return [t for t in found if t is not None]

    def _offset(self, i: int) -> int:
        """Return where text[:i] ends in the folded text."""
        return i if self._plain else len(fold(self.text[:i]))


def _bare(word: str) -> str | None:
    """Return a folded word without its clitics, or None for a stopword or single letter."""
    from generator import vocabulary

    bare = _without_conjunction(word)
    if bare[:1] in _PREPOSITIONS and bare[1:3] != "ال" and not bare.startswith("لل"):
        if len(bare) > _KEEP and vocabulary.is_clitic(bare[0], bare):
            bare = bare[1:]  # "بقصف"، "لوقف"; but "باريس"، "بيانات"، "لبنان" keep their first letter
    elif bare[:1] not in _CONJUNCTIONS:
        bare = strip_clitics(bare)
    # else: a و or ف of the word itself (وزارة، فريق، واشنطن), not a conjunction
    if word in stopwords() or len(word) < 2 or bare in stopwords() or strip_clitics(word) in stopwords():
        return None
    return bare


def bare_form(word: str) -> str | None:
    """Return a folded word without its clitics, as the merge reads it (None for a stopword)."""
    return _bare(word)


def light_form(word: str) -> str | None:
    """Return the form a folded word is looked up in the synonym groups as: clitics and one suffix
    off, and a verb's feminine ت (أعلنت -> اعلن); None for a stopword. Unlike skeleton it keeps the
    word's pattern, so a name never meets a news verb of its root (سعيد، مساعدة; مسقط، سقط)."""
    bare = _bare(word)
    if bare is None:
        return None
    return _lighten(bare)


def _lighten(bare: str) -> str:
    bare = _suffix_off(_suffix_off(bare))  # a pronoun, then a plural: محادثاته -> محادث
    return bare[:-1] if bare.endswith("ت") and len(bare) > _KEEP else bare


def _with_first_letter(word: str) -> str:
    """Return a folded word's light form with a first ب، ل or ك kept: the word's own letter in
    "كشفت"، "بحثت" (light_form takes it for a preposition when enough letters remain)."""
    return _lighten(_without_conjunction(word))


def _without_conjunction(word: str) -> str:
    """Return a folded word without the و or ف glued before it ("وأعلنت"; "وزارة" keeps its و)."""
    from generator import vocabulary

    bare = word
    while bare[:1] in _CONJUNCTIONS and len(bare) > _KEEP and vocabulary.is_clitic(bare[0], bare):
        bare = bare[1:]
    return bare


@lru_cache(maxsize=1 << 16)
def _term(word: str, named: bool = False) -> str | None:
    """Return what the merge compares a folded word as: its synonym group, else (and in a place's
    name, `named`) its skeleton."""
    from generator import vocabulary

    joined = _without_conjunction(word)
    if joined.startswith(_NAME_SERVANT + "ال") and len(joined) > len(_NAME_SERVANT) + 3:
        word = joined[len(_NAME_SERVANT) :]  # "عبدالله" is "عبد الله", whose عبد weighs nothing
    bare = _bare(word)
    if bare is None:
        return None
    bare = vocabulary.regional_form(bare)
    if named or vocabulary.is_not_grouped(joined):
        return skeleton(_suffix_off(vocabulary.name_spelling(bare)))  # «رفض التعليق»: a comment
    group = vocabulary.group_of(light_form(word) or bare)
    if group is None:
        group = vocabulary.group_of(_with_first_letter(word))
    return group or skeleton(_suffix_off(vocabulary.name_spelling(bare)))


@lru_cache(maxsize=1 << 16)
def commonness(word: str) -> float:
    """Return how common a folded word is in Arabic at large (Zipf), its conjunction or article off."""
    from generator import wordweights

    return wordweights.zipf(strip_clitics(word))


def terms_with_commonness(text: str) -> list[tuple[str, float]]:
    """Return each content term of a text with how common the word that made it is (commonness)."""
    written = words(text)
    return [
        (term, commonness(word))
        for word, term in zip(written, _terms(written), strict=True)
        if term is not None
    ]


def is_name_like(term: str) -> bool:
    """Return True for terms that behave like names or figures: Latin script or digits."""
    return not _ARABIC.search(term)
