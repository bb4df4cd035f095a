"""Score the date engine against the hand-marked seed gold and print precision and recall per file.

Each seed runs through generator.temporal.find_mentions with its catalogue DCT. A found mention
matches a gold one when their spans overlap and value and grain are equal (both null for a
duration). The engine's target is precision and recall of at least 0.95 overall.

    .venv/bin/python benchmarks/seeds_eval.py [--quiet]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus._load import score_seeds, total  # noqa: E402

from generator.temporal import find_mentions  # noqa: E402


def main(argv: list[str]) -> int:
    """Print the per-file and overall scores, with misses and spurious mentions unless --quiet."""
    scores = score_seeds(find_mentions)
    print(f"{'file':28} {'gold':>5} {'found':>6} {'match':>6} {'P':>6} {'R':>6}")
    for name, s in {**scores, "overall": total(scores)}.items():
        print(f"{name:28} {s.gold:5} {s.found:6} {s.matched:6} {s.precision:6.3f} {s.recall:6.3f}")
    if "--quiet" not in argv:
        for name, s in scores.items():
            for miss in s.misses:
                print(f"MISS     {name}  {miss}")
            for extra in s.spurious:
                print(f"SPURIOUS {name}  {extra}")
    overall = total(scores)
    return 0 if overall.precision >= 0.95 and overall.recall >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
