"""UI text per language from the locale catalogues (generator/locales/*.yaml), with digits and plurals.

A Locale is passed explicitly to everything that writes text for a reader; nothing here touches
process-global locale state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator import yamldata
from generator.errors import TimelineError
from generator.urls import LANGS

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DIGIT_STYLES = ("western", "arabic-indic")


@lru_cache(maxsize=8)
def read_catalogue(lang: str) -> Mapping[str, Any]:
    """Read one language's catalogue from generator/locales/<lang>.yaml."""
    path = LOCALES_DIR / f"{lang}.yaml"
    try:
        data = yamldata.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TimelineError("no locale catalogue for this language", path=str(path)) from exc
    except yaml.YAMLError as exc:
        raise TimelineError(f"invalid YAML: {exc}", path=str(path)) from exc
    if not isinstance(data, dict) or data.get("lang") != lang:
        raise TimelineError(f"expected a mapping with 'lang: {lang}'", path=str(path))
    return data


def plural_category(lang: str, n: int) -> str:
    """Return the CLDR plural category of n in this language."""
    if lang == "ar":
        if n == 0:
            return "zero"
        if n == 1:
            return "one"
        if n == 2:
            return "two"
        if 3 <= n % 100 <= 10:
            return "few"
        if 11 <= n % 100 <= 99:
            return "many"
        return "other"
    if n == 0:
        return "zero"
    return "one" if n == 1 else "other"


@dataclass(frozen=True)
class Locale:
    """One language's texts, its direction, and how it writes digits."""

    lang: str
    digits: str = "western"

    @cached_property
    def data(self) -> Mapping[str, Any]:
        """The whole catalogue."""
        return read_catalogue(self.lang)

    @property
    def dir(self) -> str:
        """Text direction: 'rtl' or 'ltr'."""
        return str(self.data["dir"])

    @property
    def name(self) -> str:
        """The language's name in itself."""
        return str(self.data["name"])

    def num(self, value: int | str) -> str:
        """Write a number (or any string's digits) the way this page writes digits."""
        text = str(value)
        if self.lang == "ar" and self.digits == "arabic-indic":
            return text.translate(ARABIC_INDIC)
        return text

    @cached_property
    def _plain(self) -> dict[str, str]:
        """UI texts already asked for without values: a page asks for the same ones many times."""
        return {}

    def t(self, key: str, **values: Any) -> str:
        """Return the UI text for key, with {placeholders} filled (numbers in this page's digits)."""
        if not values and key in self._plain:
            return self._plain[key]
        template = self.data["ui"].get(key)
        if template is None:
            raise TimelineError(f"missing UI text '{key}'", path=str(LOCALES_DIR / f"{self.lang}.yaml"))
        text = self._fill(str(template), values)
        if not values:
            self._plain[key] = text
        return text

    def plural(self, key: str, n: int) -> str:
        """Return '3 sources' / '3 مصادر': the counted noun in the right plural form."""
        forms = self.data["plural"][key]
        form = forms.get(plural_category(self.lang, n)) or forms["other"]
        return self._fill(str(form), {"n": n})

    def warning(self, code: str) -> str:
        """Spell out a warning code in words."""
        text = self.data["warnings"].get(code)
        if text is None:
            return self._fill(str(self.data["warnings"]["unknown"]), {"code": code})
        return str(text)

    def _fill(self, template: str, values: Mapping[str, Any]) -> str:
        filled = {k: self.num(v) if isinstance(v, int) else v for k, v in values.items()}
        return template.format(**filled)


def locales(digits: str = "western") -> dict[str, Locale]:
    """Return a Locale for every site language, keyed by language code."""
    return {lang: Locale(lang, digits) for lang in LANGS}
