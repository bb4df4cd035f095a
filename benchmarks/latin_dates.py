"""Print the English and French date reader's precision and recall on tests/corpus/latin/sentences.yaml.

    .venv/bin/python benchmarks/latin_dates.py [--misses]

A found mention is right when both its words and its value are those the corpus gives; precision is
right / found, recall right / expected, per language and in all. --misses lists what was wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus.latin._score import score_corpus  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "latin" / "sentences.yaml"


def main() -> int:
    """Score the corpus and print one line per language and one for all."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--misses", action="store_true", help="list wrong and missed mentions")
    args = parser.parse_args()
    scores = score_corpus(CORPUS)
    for name, score in scores.items():
        print(
            f"{name:>3}: precision {score.precision:.3f} ({score.right}/{score.found} found right), "
            f"recall {score.recall:.3f} ({score.right}/{score.expected} expected), "
            f"{score.sentences} sentences"
        )
        if args.misses:
            for line in score.misses:
                print(f"     {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
