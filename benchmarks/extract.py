"""Measure the date engine's speed against dateparser.search_dates on the same Arabic text.

Prints, side by side:
  1. throughput (MB/s) of find_mentions on the five seeds repeated to a few MB, at two sizes (the
     ratio of times shows the cost is linear in the text);
  2. dateparser.search_dates(text, languages=['ar']) on a smaller slice (it is too slow for the
     whole text; its time is scaled by size, as said in the output) and the engine on the same slice;
  3. whole processes: `python -c` importing and extracting a file, for each library, on the slice
     and on a larger file (start-up dominates small files; dateparser runs once on the large one).

    .venv/bin/python benchmarks/extract.py [--mb 4] [--slice-kb 40] [--process-kb 1000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.temporal import find_mentions  # noqa: E402

DCT = date(2016, 10, 3)


def seed_text() -> str:
    """Return the five seed articles joined, as one text."""
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def megabytes(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def best_of(runs: int, action: object) -> float:
    """Return the fastest of a few timed runs of a no-argument callable (seconds)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def whole_process(code: str, text_file: Path, runs: int = 3) -> float:
    """Return the median wall time of a fresh interpreter running code on the text file."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code, str(text_file)], check=True, cwd=ROOT, capture_output=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    """Run the three measurements and print figures and ratios."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=4.0, help="size of the large text in MB (default 4)")
    parser.add_argument("--slice-kb", type=int, default=40, help="size of the dateparser slice in KB")
    parser.add_argument(
        "--process-kb", type=int, default=1000, help="size of the large whole-process file in KB"
    )
    args = parser.parse_args(argv)

    from dateparser.search import search_dates

    seeds = seed_text()
    big = (seeds + "\n\n") * max(1, round(args.mb * 1e6 / len(seeds.encode("utf-8"))))
    quarter = big[: len(big) // 4]
    piece = seeds
    while len(piece.encode("utf-8")) < args.slice_kb * 1000:
        piece += "\n\n" + seeds
    piece = piece.encode("utf-8")[: args.slice_kb * 1000].decode("utf-8", "ignore")

    find_mentions(seeds, DCT)  # compile the patterns once, as a build does
    search_dates(seeds[:200], languages=["ar"])  # and let dateparser load its Arabic data

    t_big = best_of(2, lambda: find_mentions(big, DCT))
    t_quarter = best_of(2, lambda: find_mentions(quarter, DCT))
    count = len(find_mentions(big, DCT))
    print("1. Engine throughput (seeds repeated)")
    print(f"   {megabytes(quarter):6.2f} MB  {t_quarter:7.3f} s  {megabytes(quarter) / t_quarter:6.2f} MB/s")
    print(
        f"   {megabytes(big):6.2f} MB  {t_big:7.3f} s  {megabytes(big) / t_big:6.2f} MB/s  ({count} mentions)"
    )
    print(f"   4x the text took {t_big / t_quarter:.2f}x the time (linear is 4)")

    t_dp = best_of(1, lambda: search_dates(piece, languages=["ar"]))
    t_ours = best_of(3, lambda: find_mentions(piece, DCT))
    mb = megabytes(piece)
    print(f"\n2. Same {mb * 1000:.0f} KB slice, in-process (dateparser timed on the slice only)")
    print(f"   {'engine':<34}{t_ours:8.3f} s  {mb / t_ours:7.2f} MB/s")
    print(f"   {'dateparser.search_dates ar':<34}{t_dp:8.3f} s  {mb / t_dp:7.2f} MB/s")
    print(
        f"   dateparser scaled to {megabytes(big):.2f} MB: ~{t_dp * megabytes(big) / mb:.0f} s"
        f" (engine {t_big:.1f} s)"
    )
    print(
        f"   ratio on the slice: engine {t_dp / t_ours:.0f}x faster; on throughput "
        f"{(megabytes(big) / t_big) / (mb / t_dp):.0f}x"
    )

    ours = (
        "import sys; from datetime import date; from pathlib import Path;"
        "from generator.temporal import find_mentions;"
        "find_mentions(Path(sys.argv[1]).read_text(encoding='utf-8'), date(2016, 10, 3))"
    )
    theirs = (
        "import sys; from pathlib import Path; from dateparser.search import search_dates;"
        "search_dates(Path(sys.argv[1]).read_text(encoding='utf-8'), languages=['ar'])"
    )
    folder = ROOT / ".cache"
    folder.mkdir(parents=True, exist_ok=True)
    print("\n3. Whole process (python -c: interpreter start, import, read and extract one file)")
    for label, text, runs in (("slice", piece, 3), ("large", big[: args.process_kb * 1000], 1)):
        path = folder / f"benchmark_{label}.txt"
        path.write_text(text, encoding="utf-8")
        p_ours = whole_process(ours, path, 3)
        p_theirs = whole_process(theirs, path, runs)
        kb = megabytes(text) * 1000
        print(
            f"   {kb:7.0f} KB  engine {p_ours:7.3f} s   dateparser {p_theirs:7.3f} s   "
            f"engine {p_theirs / p_ours:5.1f}x faster"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
