"""Tell an article's language from its text: Arabic by its script, anything else by py3langid.

Nearly every article is Arabic, and counting Arabic letters tells that in microseconds; only a text
that is not mostly Arabic loads py3langid's model (it ships inside the package: nothing is fetched),
which takes a second or two once per process.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

ARABIC_SHARE = 0.5
"""A text whose letters are at least this share Arabic is Arabic, without asking the model."""
SAMPLE = 2_000
GLANCE = 300
CLEARLY_ARABIC = 0.8
"""A text whose first GLANCE characters' letters are this share Arabic is Arabic, without reading on."""
"""Characters of the text looked at: the opening of an article says which language it is in."""
DEFAULT = "ar"
"""The language of a text with no letters at all (the project's own language)."""

_ARABIC_LETTER = re.compile(r"[\u0621-\u063A\u0641-\u064A\u066E-\u06D3\u06D5\u06EE-\u06FF]")
_OTHER_LETTER = re.compile(r"[^\W\d_\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
"""A letter of any script but Arabic (the Arabic blocks' marks and digits are neither)."""


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language `text` is written in ('ar', 'en', 'fr', ...)."""
    if _arabic_share(text[:GLANCE]) >= CLEARLY_ARABIC:  # nearly every article: decided in microseconds
        return "ar"
    sample = text[:SAMPLE]
    if _arabic_share(sample) >= ARABIC_SHARE:
        return "ar"
    if not any(ch.isalpha() for ch in sample):
        return DEFAULT
    code, _ = _identifier().classify(sample)
    return str(code)


def _arabic_share(sample: str) -> float:
    arabic = len(_ARABIC_LETTER.findall(sample))
    return arabic / (arabic + len(_OTHER_LETTER.findall(sample))) if arabic else 0.0


@cache
def _identifier() -> Any:
    # An identifier of our own, so nothing here changes py3langid's module-wide default one.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


RIGHT_TO_LEFT = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "ckb", "dv", "sd", "ug"})
"""Languages written right to left (ISO 639 codes)."""


def text_direction(lang: str) -> str:
    """Return 'rtl' or 'ltr': the direction a text in language `lang` ('ar', 'en-GB') is written in."""
    return "rtl" if lang.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"
