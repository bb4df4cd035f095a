"""Read the English and French sentence corpus and score the date reader on it (precision, recall)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from generator.latin_dates import find_latin_mentions

CORPUS = Path(__file__).resolve().parent / "sentences.yaml"


@dataclass
class Score:
    """Counts for one language (or all): mentions found, found right, expected; and what went wrong."""

    found: int = 0
    right: int = 0
    expected: int = 0
    sentences: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def read_corpus(path: Path = CORPUS) -> dict[str, dict[str, object]]:
    """Return the corpus by language: its document date, cases and sentences with nothing (all as text)."""
    data: dict[str, dict[str, object]] = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return data


def found_in(text: str, dct: date, lang: str) -> dict[str, str | None]:
    """Return what the reader finds in one sentence: words -> value (None when unresolved)."""
    return {m.text: (m.time.value if m.time else None) for m in find_latin_mentions(text, dct, lang)}


def score_corpus(path: Path = CORPUS) -> dict[str, Score]:
    """Score the reader on every sentence: per language, and 'all'."""
    scores: dict[str, Score] = {}
    total = Score()
    for lang, section in read_corpus(path).items():
        score = scores.setdefault(lang, Score())
        dct = date.fromisoformat(str(section["dct"]))
        cases = [(c["text"], c.get("dates") or {}) for c in section.get("cases", [])]  # type: ignore[attr-defined]
        cases += [(text, {}) for text in section.get("nothing", [])]  # type: ignore[attr-defined]
        for text, expected in cases:
            found = found_in(text, dct, lang)
            right = {k for k, v in found.items() if expected.get(k) == v}
            score.sentences += 1
            score.found += len(found)
            score.right += len(right)
            score.expected += len(expected)
            for words, value in found.items():
                if words not in right:
                    score.misses.append(f"wrong: {words!r} -> {value} in {text!r}")
            for words, value in expected.items():
                if words not in right:
                    score.misses.append(f"missed: {words!r} ({value}) in {text!r}")
    for score in scores.values():
        for name in ("found", "right", "expected", "sentences"):
            setattr(total, name, getattr(total, name) + getattr(score, name))
    scores["all"] = total
    return scores
