"""Time whole-site builds on synthetic archives of 1,000 and 10,000 articles, side by side with Pelican.

The corpora are made from the seed folder: every seed text is copied many times under distinct
names, its years shifted so that catalogue dates spread over eight years, one sentence dropped
at random and one dated sentence of its own added. Pelican builds the same texts as Markdown
articles (default theme, content cache on) in the same run.

Figures per size and generator: cold build (no output, no cache), rebuild with nothing changed,
rebuild after one article changed, and peak resident memory of the largest build process.
Targets: cold 1,000 no slower than Pelican; one-article rebuild under 1/4 of cold; 10,000 cold
under 60 s with peak memory under 1 GB.

    python benchmarks/build.py [--sizes 1000,10000] [--peer-sizes ...] [--rebuild-sizes 1000] [--jobs 0]
                               [--repeat 3]

With --repeat N every build is run N times (afresh for cold builds, a different article edited for
one-article rebuilds) and the fastest is reported, for both generators. Nothing is deleted between
measurements, and the disk is synced before each (see set_aside).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WORK = ROOT / "benchmarks" / "out"
YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-3]\d)(?!\d)")
ADDED_MONTHS = ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيو",
                "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
                "كانون الأول/ديسمبر")  # fmt: skip
ADDED_PLACES = ("جنيف", "فيينا", "الدوحة", "عمّان", "بيروت", "القاهرة", "الرياض", "موسكو", "أستانا", "لوزان")
TRASH = WORK / ".trash"
"""Earlier outputs are moved here and deleted only after the last measurement (see set_aside)."""
LOADAVG = Path("/proc/loadavg")
MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
    "seconds = time.perf_counter() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(json.dumps({'seconds': seconds, 'peak_kb': peak, 'code': done.returncode,"
    " 'stderr': done.stderr[-3000:]}))\n"
)
"""Run a command in a fresh process so RUSAGE_CHILDREN holds that build's peak and nothing else's."""


@dataclass(frozen=True)
class Seed:
    """A seed text and what its catalogue says about it."""

    name: str
    text: str
    meta: dict[str, object]


@dataclass(frozen=True)
class Run:
    """One measured build."""

    seconds: float
    peak_mb: float


def read_seeds(folder: Path) -> list[Seed]:
    """Return every .txt article of the folder with its catalogue entry."""
    catalogue_file = folder / "sources.yaml"
    catalogue = yaml.safe_load(catalogue_file.read_text(encoding="utf-8")) if catalogue_file.exists() else {}
    return [
        Seed(path.name, path.read_text(encoding="utf-8"), dict(catalogue.get(path.name) or {}))
        for path in sorted(folder.glob("*.txt"))
    ]


def _shift_year(day: date, years: int) -> date:
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)


def make_article(seed: Seed, number: int) -> tuple[str, str, dict[str, object]]:
    """Return the file name, text and catalogue entry of synthetic article `number`, made from a seed."""
    rng = random.Random(number)
    shift = number % 8 - 3
    text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), seed.text)
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if i > 2 and len(line) > 40]
    if body and rng.random() < 0.5:
        del lines[rng.choice(body)]
    year = 2012 + rng.randrange(8)
    lines.append(
        f"وفي {rng.randint(1, 28)} {rng.choice(ADDED_MONTHS)} {year} عقد الاجتماع رقم {number} "
        f"في {rng.choice(ADDED_PLACES)} بحضور ممثلين عن الأطراف كافة."
    )
    meta: dict[str, object] = {k: v for k, v in seed.meta.items() if k in ("outlet", "url", "title")}
    published = seed.meta.get("published")
    if isinstance(published, date):
        meta["published"] = _shift_year(published, shift)
    if isinstance(meta.get("title"), str):
        meta["title"] = f"{meta['title']} ({number})"
    stem = Path(seed.name).stem.split("_")[0]
    return f"a{number:05d}_{stem}.txt", "\n".join(lines) + "\n", meta


def set_aside(folder: Path) -> None:
    """Move a folder out of the way, to be deleted after the last measurement (empty_trash).

    On a file system like this machine's (ext4 without a journal), creating a file within minutes of
    deleting thousands is several times slower in the kernel: the inode allocator skips over every
    recently freed inode (`recently_deleted`, up to 330 s). Deleting the last run's output right
    before a cold build would time that clean-up, not the build, and the more files a generator
    writes the more it would pay; so nothing is deleted between measurements, for either generator.
    """
    if folder.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        folder.rename(TRASH / f"{len(list(TRASH.iterdir()))}-{folder.name}")


def empty_trash() -> None:
    """Delete what set_aside moved away (after the measurements: see set_aside)."""
    shutil.rmtree(TRASH, ignore_errors=True)


def write_corpus(seeds: list[Seed], size: int, folder: Path, pelican_content: Path) -> None:
    """Write `size` articles and their catalogue, and the same texts as Markdown for Pelican."""
    set_aside(folder)
    set_aside(pelican_content)
    folder.mkdir(parents=True)
    pelican_content.mkdir(parents=True)
    catalogue: dict[str, dict[str, object]] = {}
    for number in range(size):
        name, text, meta = make_article(seeds[number % len(seeds)], number)
        (folder / name).write_text(text, encoding="utf-8")
        catalogue[name] = meta
        (pelican_content / (Path(name).stem + ".md")).write_text(markdown_article(name, text, meta), "utf-8")
    dumped = yaml.dump(catalogue, Dumper=_PlainDumper, allow_unicode=True, sort_keys=True)
    (folder / "sources.yaml").write_text(dumped, encoding="utf-8")


class _PlainDumper(yaml.SafeDumper):
    """Write shared outlet mappings out in full rather than as YAML anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def markdown_article(name: str, text: str, meta: dict[str, object]) -> str:
    """Return a Pelican Markdown article with the same text and metadata."""
    title = meta.get("title") or text.strip().split("\n")[0][:80]
    published = meta.get("published") or date(2016, 1, 1)
    outlet = meta.get("outlet")
    category = outlet.get("en") if isinstance(outlet, dict) and outlet.get("en") else "news"
    paragraphs = "\n\n".join(line for line in text.split("\n") if line.strip())
    return (
        f"Title: {title}\nDate: {published}\nSlug: {Path(name).stem}\nCategory: {category}\nLang: ar\n\n"
        f"{paragraphs}\n"
    )


def running_elsewhere() -> int | None:
    """Return how many other processes are running or runnable right now (None where unknown).

    Read just before a build starts: the load average would count the build's own processes.
    """
    try:
        running = int(LOADAVG.read_text(encoding="ascii").split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None
    return max(0, running - 1)  # this process, reading the file


def measure(label: str, command: list[str], cwd: Path) -> Run:
    """Run a build in a fresh process; return its wall time and peak memory, or fail with its stderr."""
    others = running_elsewhere()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    print(f"    {label}: {result['seconds']:.2f} s, peak {result['peak_kb'] / 1024:.0f} MB", flush=True)
    if others:
        print(f"    ({others} other processes were running as this run began: not clean)", flush=True)
    if result["code"] != 0:
        raise SystemExit(f"build failed ({' '.join(command)}):\n{result['stderr']}")
    return Run(result["seconds"], result["peak_kb"] / 1024)


def measure_best(
    label: str, command: list[str], cwd: Path, repeat: int, prepare: Callable[[int], None]
) -> Run:
    """Prepare and measure a build `repeat` times; return the best wall time and the highest peak.

    The machine's noise only ever adds time (other work, disk writeback), so the fastest of several
    runs is the truest figure, as timeit takes the minimum; every run is printed.
    """
    runs = []
    for n in range(repeat):
        prepare(n)
        os.sync()  # the previous run's writeback is not timed in this one
        runs.append(measure(label + (f" (run {n + 1} of {repeat})" if repeat > 1 else ""), command, cwd))
    return Run(min(r.seconds for r in runs), max(r.peak_mb for r in runs))


def settle(folder: Path, timeout: float = 120.0) -> None:
    """Wait until the previous sites a build deletes in the background are gone (untimed)."""
    deadline = time.monotonic() + timeout
    while any(folder.glob(".site-old-*")) and time.monotonic() < deadline:
        time.sleep(0.2)


def touch_one(folder: Path, suffix: str, n: int = 0) -> None:
    """Change one article's text (one near the middle), as an editor fixing a sentence would."""
    files = sorted(folder.glob(f"*{suffix}"))
    target = files[(len(files) // 2 + n) % len(files)]
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\n\nوأضاف المتحدث أن المحادثات ستستأنف الأسبوع المقبل.\n")


def bench_ours(corpus: Path, work: Path, jobs: int, rebuilds: bool = True, repeat: int = 1) -> dict[str, Run]:
    """Cold, then (with rebuilds) no-change and one-article builds of this generator."""
    output = work / "site"
    command = [sys.executable, "-m", "generator", "build", "--source", str(corpus), "--output", str(output)]
    command += ["--base-url", "/", "--jobs", str(jobs)]

    def fresh(_: int) -> None:  # no site, no cache
        settle(work)
        set_aside(work)
        work.mkdir(parents=True)

    def edited(n: int) -> None:
        settle(work)
        touch_one(corpus, ".txt", n)

    runs = {"cold": measure_best("ours cold", command, ROOT, repeat, fresh)}
    if rebuilds:
        runs["no change"] = measure_best("ours no change", command, ROOT, repeat, lambda _: settle(work))
        runs["one article"] = measure_best("ours one article", command, ROOT, repeat, edited)
    settle(work)
    pages = len(list((output / "ar" / "articles").glob("*/index.html")))
    print(f"    ours: {pages} Arabic article pages", flush=True)
    return runs


PELICAN_CONF = """\
SITENAME = "Timeline"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "ar"
DEFAULT_PAGINATION = False
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
"""


def bench_pelican(content: Path, work: Path, rebuilds: bool = True, repeat: int = 1) -> dict[str, Run]:
    """Cold, then (with rebuilds) no-change and one-article builds of Pelican on the same texts."""
    conf = work / "pelicanconf.py"
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-o",
        str(work / "output"),
        "-s",
        str(conf),
        "-q",
    ]

    def fresh(_: int) -> None:  # no output, no cache
        set_aside(work)
        work.mkdir(parents=True)
        conf.write_text(PELICAN_CONF.format(cache=str(work / "cache")), encoding="utf-8")

    def nothing(_: int) -> None:
        pass

    runs = {"cold": measure_best("Pelican cold", command, work, repeat, fresh)}
    if rebuilds:
        runs["no change"] = measure_best("Pelican no change", command, work, repeat, nothing)
        edited = partial(touch_one, content, ".md")
        runs["one article"] = measure_best("Pelican one article", command, work, repeat, edited)
    pages = len(list((work / "output").glob("*.html")))
    print(f"    pelican: {pages} HTML files at the output root", flush=True)
    return runs


def pelican_available() -> bool:
    """Tell whether Pelican can be imported by this interpreter."""
    probe = subprocess.run([sys.executable, "-c", "import pelican, markdown"], capture_output=True)
    return probe.returncode == 0


def print_table(size: int, ours: dict[str, Run], peer: dict[str, Run] | None) -> None:
    """Print one size's figures side by side, with ratios."""
    print(f"\n{size:,} articles")
    heads = ("ours s", "Pelican s", "ours/Pelican", "ours MB", "Pelican MB")
    print(f"  {'build':<12} " + " ".join(f"{h:>{w}}" for h, w in zip(heads, (9, 10, 13, 9, 11), strict=True)))
    for kind, run in ours.items():
        other = peer.get(kind) if peer else None
        ratio = f"{run.seconds / other.seconds:13.2f}" if other else f"{'-':>13}"
        peer_s = f"{other.seconds:10.2f}" if other else f"{'-':>10}"
        peer_mb = f"{other.peak_mb:11.0f}" if other else f"{'-':>11}"
        print(f"  {kind:<12} {run.seconds:9.2f} {peer_s} {ratio} {run.peak_mb:9.0f} {peer_mb}")
    if "one article" not in ours:
        return
    cold, one = ours["cold"].seconds, ours["one article"].seconds
    print(f"  one-article rebuild / cold: ours {one / cold:.2f} (target < 0.25)", end="")
    if peer and "one article" in peer:
        print(f", Pelican {peer['one article'].seconds / peer['cold'].seconds:.2f}")
    else:
        print()


def main(argv: list[str] | None = None) -> int:
    """Generate the corpora, run both generators and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes (default 1000,10000)")
    parser.add_argument("--peer-sizes", default=None, help="sizes Pelican also builds (default: all)")
    parser.add_argument(
        "--rebuild-sizes", default=None, help="sizes also timed for rebuilds (default: all; others cold only)"
    )
    parser.add_argument(
        "--jobs", type=int, default=0, help="extraction processes for our build (0 = per core)"
    )
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder the corpora are made from")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each build; the fastest is reported (default 1)"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    peer_sizes = sizes if args.peer_sizes is None else [int(s) for s in args.peer_sizes.split(",") if s]
    rebuild_sizes = (
        sizes if args.rebuild_sizes is None else [int(s) for s in args.rebuild_sizes.split(",") if s]
    )
    # An installed package is compiled to bytecode when pip installs it (Pelican's is); this checkout
    # is compiled here, so no run compiles our sources anew where PYTHONDONTWRITEBYTECODE is set.
    compileall.compile_dir(ROOT / "generator", quiet=1)
    seeds = read_seeds(args.seeds)
    if not seeds:
        raise SystemExit(f"{args.seeds}: no .txt articles to make corpora from")
    peer_ok = pelican_available()
    if not peer_ok:
        print("Pelican is not installed, so only our figures are shown. To compare, run:\n"
              f"  {Path(sys.executable).parent / 'pip'} install pelican markdown")  # fmt: skip
    try:
        results = run_sizes(sizes, peer_sizes, rebuild_sizes, seeds, peer_ok, args.jobs, args.repeat)
    finally:
        empty_trash()
    for size, ours, _ in results:
        if size >= 10000:
            cold = ours["cold"]
            verdict = "met" if cold.seconds < 60 and cold.peak_mb < 1024 else "MISSED"
            figures = f"{cold.seconds:.1f} s, {cold.peak_mb:.0f} MB"
            print(f"\n{size:,} cold: {figures} (target < 60 s, < 1 GB): {verdict}")
    return 0


def run_sizes(
    sizes: list[int],
    peer_sizes: list[int],
    rebuild_sizes: list[int],
    seeds: list[Seed],
    peer_ok: bool,
    jobs: int,
    repeat: int,
) -> list[tuple[int, dict[str, Run], dict[str, Run] | None]]:
    """Write each size's corpus, build it with both generators, and print its table."""
    results: list[tuple[int, dict[str, Run], dict[str, Run] | None]] = []
    for size in sizes:
        print(f"{size:,} articles: writing the corpus", flush=True)
        corpus, content = WORK / f"corpus-{size}", WORK / f"pelican-content-{size}"
        write_corpus(seeds, size, corpus, content)
        rebuilds = size in rebuild_sizes
        ours = bench_ours(corpus, WORK / f"ours-{size}", jobs, rebuilds, repeat)
        peer = None
        if peer_ok and size in peer_sizes:
            peer = bench_pelican(content, WORK / f"pelican-{size}", rebuilds, repeat)
        results.append((size, ours, peer))
        print_table(size, ours, peer)
    return results


if __name__ == "__main__":
    sys.exit(main())
