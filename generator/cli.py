"""Command line: `timeline build`, `serve`, `extract`, `add` and `headlines` (also `python -m generator`)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from generator.config import MAX_JOBS, Config, find_config_file, load_config
from generator.errors import TimelineError
from generator.plaintext import terminal_safe
from generator.problems import print_problems

if TYPE_CHECKING:
    from generator.executor import Executor
    from generator.extract import Extraction, Item

EXIT_PROBLEMS = 1
"""--strict found problems, or `extract` could not read a file."""
EXIT_ERROR = 2
"""Bad usage or an error that stopped the command; the message says what to do."""

DESCRIPTION = """\
Build a bilingual (Arabic/English) timeline website from a folder of Arabic news articles.
Every date in the texts is found, resolved against the article's publication date, and traced
back to its sentence; reports of the same event by several outlets become one timeline entry."""

EPILOG = """\
examples:
  timeline build                              build seeds/ into site/
  timeline build --source articles --output public --base-url /my-repo/
  timeline build --strict                     fail (exit 1) on any problem in the input
  timeline serve                              preview at http://127.0.0.1:8000/, rebuilt on every edit
  timeline extract article.txt --dct 2016-10-04 --format text
  timeline extract articles/*.txt > mentions.jsonl
  timeline extract archive --executor dask --scheduler tcp://10.0.0.5:8786 > mentions.jsonl
  timeline add https://example.org/news/story.html --source articles
  timeline add --from links.txt --source articles
  timeline headlines --missing en --output headlines.yaml

Articles are .txt, .md or saved .html files (subfolders too); sources.yaml beside them says who published each
one and when. Settings may live in timeline.toml. See README.md for the formats.

exit status: 0 done, 1 problems with --strict (or unreadable files for extract), 2 error."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value) if len(value) == 10 else date.fromisoformat("invalid")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if not 0 <= jobs <= MAX_JOBS:
        raise argparse.ArgumentTypeError(
            f"{value!r}: give a whole number from 0 to {MAX_JOBS}, 0 for one per CPU core"
        )
    return jobs


def make_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every subcommand."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(prog="timeline", description=DESCRIPTION, epilog=EPILOG, formatter_class=formatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    build = commands.add_parser(
        "build",
        help="build the site into the output folder",
        description="Read the articles, find their dates, and write the site (swapped in when complete).",
        formatter_class=formatter,
    )
    _site_options(build)
    build.add_argument(
        "--base-url", metavar="PATH", help="path the site is served under, e.g. /repo/ (default /)"
    )
    build.add_argument(
        "--strict", action="store_true", default=None, help="treat any input problem as an error"
    )
    build.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes to extract, merge and write with (default 0 = one per CPU core; 1 = this one)",
    )

    serve = commands.add_parser(
        "serve",
        help="preview the site locally, rebuilding on every change",
        description="Build the site, serve it, and rebuild and reload the browser when an article changes.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    _site_options(serve)

    extract = commands.add_parser(
        "extract",
        help="print the date mentions found in article files",
        description=(
            "Print each file's document date and date mentions: one JSON object per file per line "
            "(--format json), or a readable listing (--format text)."
        ),
        epilog=(
            "The document date is --dct if given, else the file's front matter or the sources.yaml\n"
            "beside it, else what the text itself says. dct_source tells which:\n"
            "cli, front-matter, catalogue, inferred or none.\n\n"
            "--executor dask --scheduler tcp://HOST:8786 extracts on a Dask cluster (pip install '.[dask]';\n"
            "the workers need this package installed): the output is the same. See docs/scale.md."
        ),
        formatter_class=formatter,
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="article files or folders")
    extract.add_argument("--dct", type=_day, metavar="YYYY-MM-DD", help="document date to resolve against")
    extract.add_argument(
        "--format", choices=("json", "text"), default="json", help="output format (default json)"
    )
    extract.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where to extract: here (local, the default) or on a Dask cluster (needs --scheduler)",
    )
    extract.add_argument(
        "--scheduler", metavar="ADDRESS", help="the Dask scheduler's address, e.g. tcp://10.0.0.5:8786"
    )
    extract.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="local processes to extract with (default 0 = one per CPU core; 1 = this one)",
    )

    add = commands.add_parser(
        "add",
        help="add articles to the source folder from links or saved web pages",
        description=(
            "Fetch each link (or read each saved .html page), take its article text, title, outlet and "
            "publication date, and write it into the source folder: as .md with front matter, or as .txt "
            "with a sources.yaml entry when the folder keeps its articles that way. Existing files are "
            "never overwritten."
        ),
    )
    add.add_argument("items", nargs="*", metavar="URL|FILE", help="links (http/https) or saved .html pages")
    add.add_argument("--source", type=Path, metavar="DIR", help="folder to add to (default seeds)")
    add.add_argument("--from", dest="from_list", type=Path, metavar="LIST", help="file of links, one a line")
    add.add_argument(
        "--timeout", type=float, default=20.0, metavar="SECONDS", help="wait per link (default 20)"
    )

    headlines = commands.add_parser(
        "headlines",
        help="write the editorial.yaml stub of headlines an editor fills in",
        description=(
            "Print (or write to --output) editorial.yaml entries for every timeline entry, or with --missing "
            "for those without a headline in that language: event entries first, then background ones, "
            "each in date order, with its date and other headline as comments and an empty field to fill."
        ),
    )
    headlines.add_argument("--source", type=Path, metavar="DIR", help="folder of articles (default seeds)")
    headlines.add_argument(
        "--missing", choices=("en", "ar"), help="only entries without a headline in this language"
    )
    headlines.add_argument("--output", type=Path, metavar="FILE", help="file to write (default: print)")
    headlines.add_argument("--force", action="store_true", help="replace --output FILE if it exists")
    headlines.add_argument(
        "--config", type=Path, metavar="FILE", help="settings file (default ./timeline.toml)"
    )
    return parser


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", type=Path, metavar="DIR", help="folder of articles (default seeds)")
    parser.add_argument(
        "--output", type=Path, metavar="DIR", help="folder to write the site to (default site)"
    )
    parser.add_argument("--config", type=Path, metavar="FILE", help="settings file (default ./timeline.toml)")
    parser.add_argument(
        "--cache", type=Path, metavar="DIR", help="cache folder (default .cache/timeline beside the output)"
    )
    parser.add_argument(
        "--follow-symlinks",
        action="store_true",
        default=None,
        help="read symbolic links in the source folder that lead to files inside it (default: skip them)",
    )
    parser.add_argument(
        "--site-url",
        metavar="URL",
        help="absolute origin the site is published at, e.g. https://owner.github.io (sitemap, feeds)",
    )


def run() -> NoReturn:
    """Run the command line as a program, and end the process without freeing what a build made.

    Freeing a large build's objects one by one takes a fifth of a second at 10,000 articles, to
    return memory the operating system reclaims at once anyway (mypy ends the same way). Measured at
    1,000 articles: ending normally, a one-article rebuild took 1.99 s against 1.81 s.
    """
    leftover: list[object] = []
    status = main(leftover=leftover)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv: Sequence[str] | None = None, *, leftover: list[object] | None = None) -> int:
    """Run the command line and return the exit status.

    `leftover` receives what a build made instead of it being freed (see run).
    """
    args = make_parser().parse_args(argv)
    try:
        if args.command == "build":
            return run_build(args, leftover)
        if args.command == "serve":
            return run_serve(args)
        if args.command == "add":
            return run_add(args)
        if args.command == "headlines":
            return run_headlines(args)
        return run_extract(args)
    except KeyboardInterrupt:
        print("timeline: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        return report_error(exc)


def report_error(exc: Exception) -> int:
    """Print an error as one message (a traceback only with TIMELINE_TRACEBACK set); return 2."""
    if isinstance(exc, TimelineError):
        print(f"timeline: error: {terminal_safe(str(exc))}", file=sys.stderr)
    elif isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        print(terminal_safe(f"timeline: error: {where}{exc.strerror or exc}"), file=sys.stderr)
    else:
        if os.environ.get("TIMELINE_TRACEBACK"):
            raise exc
        print(
            f"timeline: internal error: {type(exc).__name__}: {exc} "
            "(please report it; set TIMELINE_TRACEBACK=1 to see where it happened)",
            file=sys.stderr,
        )
    return EXIT_ERROR


def config_from_args(args: argparse.Namespace) -> Config:
    """Return the Config: timeline.toml (if any), overridden by the flags given."""
    overrides = {
        "source": getattr(args, "source", None),
        "output": getattr(args, "output", None),
        "base_url": getattr(args, "base_url", None),
        "site_url": getattr(args, "site_url", None),
        "strict": getattr(args, "strict", None),
        "jobs": getattr(args, "jobs", None),
        "cache": getattr(args, "cache", None),
        "follow_symlinks": getattr(args, "follow_symlinks", None),
    }
    return load_config(find_config_file(args.config, args.source), overrides)


SITE_URL_NOTE = (
    "timeline: note: no --site-url (or site_url in timeline.toml): the feeds, the calendar, TimelineJS"
    " and the CSV link to the site by paths only, which feed readers and calendars cannot follow"
)


def run_build(args: argparse.Namespace, leftover: list[object] | None = None) -> int:
    """Build the site and print what was built; problems go to stderr."""
    from generator.build import build_site

    config = config_from_args(args)
    meter = _Meter(sys.stderr) if sys.stderr.isatty() else None
    try:
        report = build_site(config, progress=meter.update if meter else None, keep=leftover)
    except Exception as exc:
        if meter:
            meter.clear()
        status = report_error(exc)
        if config.output.is_dir():
            print(f"timeline: the site in {config.output}/ is unchanged", file=sys.stderr)
        return status
    if meter:
        meter.clear()
    print_problems(report.problems, sys.stderr)
    print(report.summary(), flush=True)
    if not config.site_url and report.written:
        print(SITE_URL_NOTE, file=sys.stderr)
    if not report.written:
        return EXIT_PROBLEMS
    return 0


class _Meter:
    """A single self-overwriting progress line for terminals."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.width = 0

    def update(self, stage: str, done: int, total: int) -> None:
        label = {"extract": "articles extracted", "write": "files written"}.get(stage, stage)
        line = f"{label}: {done}/{total}"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def clear(self) -> None:
        self.stream.write("\r" + " " * self.width + "\r")
        self.stream.flush()


def run_serve(args: argparse.Namespace) -> int:
    """Preview the site with live reload (generator.serve)."""
    try:
        from generator.serve import serve
    except ModuleNotFoundError as exc:
        raise TimelineError(f"the preview server is not available ({exc})") from exc
    serve(config_from_args(args), host=args.host, port=args.port, config_file=args.config)
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Add each link or saved page to the source folder; print what was found, and each failure."""
    from generator.collect import add_articles, read_list, write_progress

    items = list(args.items)
    if args.from_list is not None:
        items += read_list(args.from_list)
    if not items:
        raise TimelineError("nothing to add", hint="give links or saved .html pages, or --from LIST")
    source = args.source if args.source is not None else load_config(find_config_file(None, None)).source
    added, errors = add_articles(items, source, timeout=args.timeout, progress=write_progress(sys.stderr))
    for article in added:
        print(article.describe(), flush=True)
    for error in errors:
        print(f"timeline: {error}", file=sys.stderr)
    print(f"{len(added)} added to {source}/, {len(errors)} not added", flush=True)
    return EXIT_PROBLEMS if errors else 0


def run_headlines(args: argparse.Namespace) -> int:
    """Print or write the editorial.yaml stub of headlines to fill in; problems go to stderr."""
    from generator.build import EDITORIAL, read_entries
    from generator.editorial import UNREADABLE
    from generator.headline_stub import entries_missing, render_headline_stub

    config = load_config(find_config_file(args.config, args.source), {"source": args.source})
    if args.output is not None and args.output.exists() and not args.force:
        raise TimelineError(
            "exists and was not replaced", path=str(args.output), hint="add --force to replace it"
        )
    entries, problems = read_entries(config)
    about_editorial = [p for p in problems if p.path.endswith(EDITORIAL)]
    unreadable = next((p for p in about_editorial if p.code == UNREADABLE), None)
    if unreadable is not None:  # without it, which headlines the editor wrote is unknown
        reason = unreadable.message.split("; no override")[0]
        raise TimelineError(reason, unreadable.path, unreadable.line, hint="fix it and run the command again")
    print_problems(about_editorial, sys.stderr)
    others = len(problems) - len(about_editorial)
    if others:
        many = "problems" if others > 1 else "problem"
        print(f"timeline: {others} {many} in the articles; `timeline build` lists them", file=sys.stderr)
    stub = render_headline_stub(entries, args.missing)
    count = len(entries_missing(entries, args.missing))
    if args.output is None:
        sys.stdout.buffer.write(stub.encode("utf-8"))
        sys.stdout.flush()
        return 0
    with open(args.output, "w" if args.force else "x", encoding="utf-8") as out:  # "x": never replaces
        out.write(stub)
    what = {"en": " without an English headline", "ar": " without an Arabic headline"}.get(args.missing, "")
    print(f"{count} entr{'y' if count == 1 else 'ies'}{what} written to {args.output}", flush=True)
    return 0


EXTRACT_BATCH = 1000
"""Files `extract` reads and hands to the executor at a time: an archive's output streams, and memory
holds one batch."""


def run_extract(args: argparse.Namespace) -> int:
    """Print the document date and date mentions of each file given, one line (json) or block (text) each.

    Files are read here and extracted by the executor (here, forked processes or a Dask cluster), a
    batch at a time; the output is the same whichever extracts.
    """
    from generator.extract import extract_item, extract_text
    from generator.ingest import find_files

    if (args.executor == "dask") != (args.scheduler is not None):
        needs = "--executor dask needs --scheduler ADDRESS"
        wrong = needs if args.scheduler is None else "--scheduler needs --executor dask"
        raise TimelineError(wrong, hint="e.g. --executor dask --scheduler tcp://10.0.0.5:8786")
    settings = load_config(find_config_file(None, None))
    out = sys.stdout.buffer
    status = 0
    paths = _expand(args.paths, find_files)
    with contextlib.ExitStack() as stack:
        runner = _extract_executor(args, settings.jobs, stack)
        for at in range(0, len(paths), EXTRACT_BATCH):
            batch = paths[at : at + EXTRACT_BATCH]
            read = [(path, _extract_input(path, args.dct, settings)) for path in batch]
            if any(found is None for _, found in read):
                status = EXIT_PROBLEMS
            inputs = [(path, *found) for path, found in read if found is not None]
            outcomes = runner.map(extract_item, [item for _, _, item in inputs], least=1)
            for (path, source, item), result in zip(inputs, outcomes, strict=True):
                if isinstance(result, str):  # the engine failed: fail as when it ran here
                    result = extract_text(*item)
                record = _extract_record(path, source, result, approximate=args.format == "text")
                if args.format == "json":
                    out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
                else:
                    out.write(_as_text(record).encode("utf-8"))
                out.flush()
    return status


def _extract_input(path: Path, dct: date | None, settings: Config) -> tuple[str, Item] | None:
    """Return where a file's document date comes from and what extracting it takes; None (its problems
    printed) when it cannot be read."""
    from generator.ingest import CATALOGUE, read_article, read_catalogue

    folder, name = path.parent, path.name
    meta = None
    about_entry = []
    if (folder / CATALOGUE).is_file():
        entries, found = read_catalogue(folder, CATALOGUE, {name})
        meta = entries.get(name)
        about_entry = [p for p in found if p.message.startswith(f"entry '{name}': ")]
    article, problems = read_article(folder, name, meta)
    print_problems(about_entry + problems, sys.stderr)
    if article is None:
        return None
    source = "cli" if dct is not None else article.published_source
    given = dct if dct is not None else article.published
    return source, (article.text, given, settings.week_start, settings.not_dates, article.lang, None)


def _extract_record(path: Path, source: str, result: Extraction, approximate: bool) -> dict[str, Any]:
    """Return the JSON object `extract` prints for one file."""
    from generator.extract import mention_to_dict

    record: dict[str, Any] = {"path": str(path), "dct": None, "dct_source": "none"}
    if result.dct is not None:
        record["dct"] = result.dct.isoformat()
        record["dct_source"] = "inferred" if result.inferred else source
    if result.inferred:
        record["dct_evidence"] = result.evidence
    record["mentions"] = [mention_to_dict(m, approximate=approximate) for m in result.mentions]
    return record


def _extract_executor(args: argparse.Namespace, jobs: int, stack: contextlib.ExitStack) -> Executor:
    """Return the executor `extract` was asked for: local (choose(--jobs)) or on the Dask scheduler."""
    if args.executor == "local":
        from generator.executor import choose

        return choose(args.jobs if args.jobs is not None else jobs)
    try:
        from generator.dask_executor import DaskExecutor
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("dask", "distributed"):
            raise
        raise TimelineError(
            f"--executor dask needs Dask, which is not installed ({exc})", hint="pip install '.[dask]'"
        ) from exc
    return stack.enter_context(DaskExecutor(args.scheduler))


def _expand(paths: Sequence[Path], find_files: Any) -> list[Path]:
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            articles, _, _ = find_files(path)
            expanded.extend(path / rel for rel in articles)
        else:
            expanded.append(path)
    return expanded


def _as_text(record: dict[str, Any]) -> str:
    dct = record["dct"] or "unknown"
    lines = [f"{record['path']}  (document date {dct}, from {record['dct_source']})"]
    if "dct_evidence" in record:
        lines.append(f"  evidence: {record['dct_evidence']}")
    for m in record["mentions"]:
        value = m["value"] or "unresolved"
        if m["value"] and m["first"] != m["last"]:
            value += f" = {m['first']}..{m['last']}" + (" approximately" if m["approximate"] else "")
        warn = f"  [{', '.join(m['warnings'])}]" if m["warnings"] else ""
        lines.append(
            f"  {m['start']:>6}-{m['end']:<6} {m['text']}  ->  {value} ({m['kind']}, {m['grain']}){warn}"
        )
    if not record["mentions"]:
        lines.append("  no date mentions")
    return "\n".join(lines) + "\n\n"
