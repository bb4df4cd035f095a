"""The date corpus as tests: every phrasing in tests/corpus/*.yaml, and the seed gold as a whole."""

from __future__ import annotations

import pytest
from corpus import _load

from generator.temporal import find_mentions

FILES = _load.read_corpus()
CASES = list(_load.iter_cases(FILES))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus(case: _load.Case) -> None:
    """Each text yields exactly the mentions its expectation names (none for a negative)."""
    failure = _load.check(case, find_mentions(case.text, case.dct))
    assert failure is None, failure


def test_corpus_files_are_well_formed() -> None:
    """Every corpus file parses, every case has texts and a valid expectation, every date is ISO."""
    problems = [p for f in FILES for p in f.problems]
    assert FILES and not problems, "\n".join(problems)
    assert sum(len(f.cases) for f in FILES) >= 260
    assert sum(len(f.negatives) for f in FILES) >= 45


def test_seed_gold_is_located() -> None:
    """Every gold mention is found verbatim in its seed, with a valid value and the catalogue DCT."""
    _, gold, problems = _load.read_gold()
    assert gold and not problems, "\n".join(problems)


def test_seeds_precision_and_recall() -> None:
    """On the seed gold the engine reaches precision and recall of at least 0.95."""
    scores = _load.score_seeds(find_mentions)
    overall = _load.total(scores)
    report = "\n".join(
        f"{name}: missed {s.misses}\n  spurious {s.spurious}"
        for name, s in scores.items()
        if s.misses or s.spurious
    )
    assert overall.precision >= 0.95 and overall.recall >= 0.95, (
        f"P={overall.precision:.3f} R={overall.recall:.3f} "
        f"(gold {overall.gold}, found {overall.found}, matched {overall.matched})\n{report}"
    )
