"""Build the site's search index with Pagefind's bundled binary (offline, both languages).

A build does not make Pagefind crawl the finished site: it hands it one small search document per
searchable page (title and plain text, at the page's own path), and Pagefind indexes those in the
background while the pages themselves are rendered and written.

Pagefind's memory grows with the text it indexes (about 70 bytes per character of Arabic), so the
documents are cut into shards of at most SHARD_MAX characters, indexed (PARALLEL_RUNS at a time)
into `pagefind/s-<digest>/`, and listed in `pagefind/shards.json`; the search page merges them in
the browser. Documents are ordered by date and cut where a page's hash says so, so one changed article
changes one or two shards: a shard whose digest the previous site already holds is reused, not rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import html
import importlib.metadata
import json
import multiprocessing
import multiprocessing.process
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from generator.errors import BuildError

BUNDLE_DIR = "pagefind"
SHARDS_FILE = "shards.json"
TIMEOUT = 600
"""Seconds one Pagefind run may take before the build gives up on it."""
SHARD_MIN = 2_000_000
SHARD_MAX = 4_000_000
"""Characters per shard (text, plus DOCUMENT_WEIGHT per document): a shard is cut at a page boundary
chosen by hash once past SHARD_MIN, and always before SHARD_MAX (one Pagefind run peaks near 300 MB)."""
ENTRY_SHARDS = (SHARD_MIN // 2, SHARD_MAX // 2)
"""Shard sizes for entry pages: an edit changes one article but can move several entries years apart
(a new one, a headline another sentence now wins), so each entry shard it re-indexes costs half."""
DOCUMENT_WEIGHT = 320
"""Characters one document weighs besides its text: Pagefind spends about 0.24 ms per document and
0.75 µs per Arabic character, so many small documents (entry pages) fill a shard as their time does."""
SHARDS_AT_LEAST = 8
SHARD_FLOOR = 250_000
"""A stream's documents make at least SHARDS_AT_LEAST shards while their smallest size stays at or
above SHARD_FLOOR: sizes are halved (from the given ones, so that a site's cuts stay where they are
until its text doubles or halves) for a small site, whose rebuild after one edit then re-indexes an
eighth of its text, not most of it."""
CUT_ONE_IN = 16
"""Past SHARD_MIN, a page whose hash is divisible by this ends the shard (so cuts survive insertions)."""
PARALLEL_RUNS = 2
"""Pagefind processes at once: a rebuild re-indexes the article's shard and its entries' shard together."""
FORMAT = 1
MEMORY_DIR = "/dev/shm"
INPUT_PREFIX = "timeline-search-"


@dataclass(frozen=True)
class SearchDocument:
    """What search finds on one page: its output path, language, title and text paragraphs."""

    path: str
    lang: str
    title: str
    paragraphs: tuple[str, ...]
    order: str = ""
    """Sort key (the page's date) that keeps related pages in the same shard."""

    @property
    def page(self) -> str:
        """Return the page's path without its language, shared by its Arabic and English documents."""
        return self.path.partition("/")[2]

    def html(self) -> str:
        """Return the document as the smallest page Pagefind indexes in full."""
        title = html.escape(self.title)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs if p)
        return (
            f'<!DOCTYPE html><html lang="{html.escape(self.lang)}"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><main data-pagefind-body><h1>{title}</h1>"
            f"{body}</main></body></html>"
        )


def find_pagefind() -> Path:
    """Return the Pagefind binary shipped with the `pagefind` Python package."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise BuildError(
            "the 'pagefind' package is not installed", hint="pip install 'pagefind[extended]'"
        ) from exc
    executable = get_executable()
    if executable is None or not executable.is_file():
        raise BuildError("Pagefind's binary was not found", hint="pip install 'pagefind[extended]'")
    return executable


def plan_shards(
    documents: Iterable[SearchDocument], sizes: tuple[int, int] | None = None
) -> list[list[SearchDocument]]:
    """Return the documents cut into shards by date order, each past sizes[0] characters (but the last)
    only where a page's hash says so, and under sizes[1] (SHARD_MIN and SHARD_MAX by default; both
    halved for a small stream, see SHARDS_AT_LEAST)."""
    smallest, largest = sizes or (SHARD_MIN, SHARD_MAX)
    pages: dict[str, list[SearchDocument]] = {}
    for document in sorted(documents, key=lambda d: (d.order, d.page, d.lang)):
        pages.setdefault(document.page, []).append(document)
    weights = {
        page: sum(DOCUMENT_WEIGHT + len(d.title) + sum(len(p) for p in d.paragraphs) for d in group)
        for page, group in pages.items()
    }
    total = sum(weights.values())
    while total < SHARDS_AT_LEAST * smallest and smallest // 2 >= SHARD_FLOOR:
        smallest, largest = smallest // 2, largest // 2
    shards: list[list[SearchDocument]] = [[]]
    size = 0
    for page, group in pages.items():
        weight = weights[page]
        if shards[-1] and size + weight > largest:
            shards.append([])
            size = 0
        shards[-1].extend(group)
        size += weight
        cut = int(hashlib.sha1(page.encode("utf-8")).hexdigest()[:8], 16) % CUT_ONE_IN == 0
        if size >= smallest and cut:
            shards.append([])
            size = 0
    return [shard for shard in shards if shard]


def shard_name(documents: Sequence[SearchDocument]) -> str:
    """Return a shard's folder name: a digest of its documents and of the Pagefind version."""
    digest = hashlib.sha256(f"{FORMAT}:{_pagefind_version()}".encode())
    for document in documents:
        digest.update(document.path.encode("utf-8") + b"\0" + document.html().encode("utf-8") + b"\0")
    return "s-" + digest.hexdigest()[:16]


class RunningIndex:
    """Pagefind indexing streams of search documents in the background, shard after shard.

    A stream may start as soon as its documents are known: article pages right after extraction,
    entry pages after merging. On Linux each stream runs in a forked process (the build's own
    process stays free of threads, so its writer processes can fork safely); elsewhere in a thread.
    `into(site)` names the folder the bundles go to; wait() moves them there and lists them in
    `pagefind/shards.json`.
    """

    def __init__(self, previous: Path | None = None, work: Path | None = None) -> None:
        self.previous = previous
        if work is not None:
            work.mkdir(parents=True, exist_ok=True)
        self.scratch = Path(tempfile.mkdtemp(prefix=".search-tmp-", dir=work))
        self.inputs = _input_folder(self.scratch)
        self.site: Path | None = None
        self.carry = False
        self.reused = 0
        fork = can_fork()
        self._context = multiprocessing.get_context("fork") if fork else None
        self._slots = (self._context or multiprocessing).BoundedSemaphore(PARALLEL_RUNS)
        self._runs = _Runs()
        self._workers: list[multiprocessing.process.BaseProcess | threading.Thread] = []

    def add(self, documents: Iterable[SearchDocument], sizes: tuple[int, int] | None = None) -> RunningIndex:
        """Start indexing another stream of documents in the background (plan_shards cuts it); return self."""
        number = len(self._workers)
        args = (documents, sizes, self.scratch, self.inputs, number, self.previous, self._slots, self._runs)
        worker: multiprocessing.process.BaseProcess | threading.Thread
        if self._context is not None:
            worker = self._context.Process(target=_stream_process, args=args, daemon=True)
        else:
            worker = threading.Thread(target=_stream, args=args, daemon=True)
        worker.start()
        self._workers.append(worker)
        return self

    def into(self, site: Path, *, carry: bool = False) -> RunningIndex:
        """Name the site folder the finished index goes into (at wait()); return self.

        With carry, the shards reused from the previous site are left there for the caller to carry
        over (wait() names them); without, wait() hard-links them into the site.
        """
        self.site = site
        self.carry = carry
        return self

    def wait(self) -> list[str]:
        """Wait for every stream, move its new shards into the site and list all of them there.

        Return the folders (relative to the site) of the reused shards the caller is to carry over
        from the previous site, when into() asked to; raise BuildError on failure.
        """
        carried: list[str] = []
        try:
            for worker in self._workers:
                worker.join()
            if self.site is None:
                raise BuildError("the search index was given no site folder")
            bundle = self.site / BUNDLE_DIR
            bundle.mkdir(parents=True, exist_ok=True)
            listed: list[str] = []
            for number in range(len(self._workers)):
                error = self.scratch / f"error-{number}.txt"
                if error.exists():
                    raise BuildError(error.read_text(encoding="utf-8"))
                done = json.loads((self.scratch / f"done-{number}.json").read_text(encoding="utf-8"))
                self.reused += len(done["reused"])
                for name in done["names"]:
                    if name in listed:
                        continue
                    listed.append(name)
                    if name not in done["reused"]:
                        shutil.move(self.scratch / "out" / name, bundle / name)
                    elif self.carry:
                        carried.append(f"{BUNDLE_DIR}/{name}")
                    else:
                        old = (self.previous or self.site) / BUNDLE_DIR / name  # reused: previous is set
                        shutil.copytree(old, bundle / name, copy_function=_link_or_copy)
            listing = json.dumps({"bundles": [name + "/" for name in listed]}, separators=(",", ":"))
            (bundle / SHARDS_FILE).write_text(listing, encoding="utf-8")
        except (OSError, ValueError, KeyError) as exc:
            raise BuildError(f"the search index is incomplete: {exc}") from exc
        finally:
            shutil.rmtree(self.inputs, ignore_errors=True)
            shutil.rmtree(self.scratch, ignore_errors=True)
        return carried

    def stop(self) -> None:
        """Stop indexing and remove the scratch folder (the build failed or did not need the index)."""
        self._runs.stop()
        for worker in self._workers:
            if isinstance(worker, threading.Thread):
                worker.join()
            elif worker.pid is not None and worker.is_alive():
                try:
                    os.killpg(worker.pid, signal.SIGKILL)  # the stream and the Pagefind runs it started
                except OSError:
                    worker.kill()
                worker.join()
        shutil.rmtree(self.inputs, ignore_errors=True)
        shutil.rmtree(self.scratch, ignore_errors=True)


class _Runs:
    """The Pagefind processes a stream started, so a stopped build can end them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stopped = False
        self.processes: list[subprocess.Popen[str]] = []

    def start(self, command: list[str]) -> subprocess.Popen[str]:
        with self.lock:
            if self.stopped:
                raise BuildError("the build stopped")
            process = _start(command)
            self.processes.append(process)
            return process

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            for process in self.processes:
                if process.poll() is None:
                    process.kill()


def can_fork() -> bool:
    """Return True where forking is safe here: Linux, and this process runs no other thread.

    A thread may hold a lock at the moment of the fork that the child then waits on forever
    (`timeline serve` builds in a thread while its server runs); such builds stay in one process.
    """
    linux = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    return linux and threading.active_count() == 1


def _stream_process(*args: Any) -> None:
    os.setpgrp()  # stop() ends this process and its Pagefind runs with one signal
    gc.enable()  # forked from a build that pauses it (build.build_site)
    _stream(*args)


def _stream(
    documents: Iterable[SearchDocument],
    sizes: tuple[int, int] | None,
    scratch: Path,
    inputs: Path,
    number: int,
    previous: Path | None,
    slots: Any,
    runs: _Runs,
) -> None:
    """Index one stream of documents into scratch/out/<shard>/ and record the shard names."""
    try:
        names, todo, reused = [], [], []
        for shard in plan_shards(documents, sizes):
            name = shard_name(shard)
            names.append(name)
            if previous is not None and (previous / BUNDLE_DIR / name / "pagefind-entry.json").is_file():
                reused.append(name)  # wait() carries it over: a shard's name is a digest of its documents
            else:
                todo.append((name, shard))
        with ThreadPoolExecutor(PARALLEL_RUNS) as pool:
            index = partial(_index, scratch, inputs, slots=slots, runs=runs)
            for done in [pool.submit(index, name, shard) for name, shard in todo]:
                done.result()
        record = json.dumps({"names": names, "reused": reused})
        (scratch / f"done-{number}.json").write_text(record, encoding="utf-8")
    except Exception as exc:  # wait() reports it in the build
        (scratch / f"error-{number}.txt").write_text(str(exc) or type(exc).__name__, encoding="utf-8")


def _index(
    scratch: Path, inputs: Path, name: str, shard: Sequence[SearchDocument], *, slots: Any, runs: _Runs
) -> None:
    folder = inputs / name
    for document in shard:
        target = folder / document.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document.html(), encoding="utf-8")
    output = scratch / "out" / name
    command = [str(find_pagefind()), "--site", str(folder), "--output-path", str(output), "--silent"]
    with slots:
        _finish(runs.start(command), output)
    shutil.rmtree(folder, ignore_errors=True)


def _input_folder(scratch: Path) -> Path:
    """Return the folder Pagefind reads the documents from: in memory (/dev/shm) where there is one.

    Pagefind reads one file per page: on a disk, creating and removing them cost more than indexing
    the text. Each shard's files are removed once it is indexed; a killed build's are removed by the
    next (its folder names the process that made it).
    """
    memory = Path(MEMORY_DIR)
    if memory.is_dir() and os.access(memory, os.W_OK | os.X_OK):
        _clear_inputs(memory)
        try:
            return Path(tempfile.mkdtemp(prefix=f"{INPUT_PREFIX}{os.getpid()}-", dir=memory))
        except OSError:
            pass
    return scratch / "in"


def _clear_inputs(memory: Path) -> None:
    """Remove input folders left in memory by builds whose process is gone."""
    for folder in memory.glob(INPUT_PREFIX + "*"):
        pid = folder.name.removeprefix(INPUT_PREFIX).partition("-")[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def process_alive(pid: int) -> bool:
    """Return True when a process with this id is running (ours or another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def start_index(
    documents: Iterable[SearchDocument],
    site: Path | None = None,
    previous: Path | None = None,
    work: Path | None = None,
) -> RunningIndex:
    """Start indexing `documents` (reusing shards of the `previous` site); wait() moves them into `site`."""
    running = RunningIndex(previous, work).add(documents)
    return running.into(site) if site is not None else running


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind")
    except Exception:  # an unknown version only means shards are not reused
        return "unknown"


def index_site(path: Path) -> None:
    """Index every page of an already built site folder into `path/pagefind/`, one index per language."""
    if not (path / "index.html").is_file():
        raise BuildError("no built site to index (index.html is missing)", path=str(path))
    command = [str(find_pagefind()), "--site", str(path), "--output-subdir", BUNDLE_DIR, "--silent"]
    _finish(_start(command), path / BUNDLE_DIR)


def _start(command: list[str]) -> subprocess.Popen[str]:
    try:
        return subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
        )
    except OSError as exc:
        raise BuildError(f"Pagefind could not run: {exc}") from exc


def _finish(process: subprocess.Popen[str], bundle: Path) -> None:
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        process.communicate()
        raise BuildError(f"Pagefind took longer than {TIMEOUT} s", path=str(bundle)) from exc
    if process.returncode != 0:
        detail = (err or out).strip().splitlines()
        raise BuildError(
            "Pagefind failed: " + (detail[-1] if detail else f"exit {process.returncode}"), path=str(bundle)
        )
    if not (bundle / "pagefind-ui.js").is_file():
        raise BuildError("Pagefind wrote no search bundle", path=str(bundle))
    _sort_entry_file(bundle / "pagefind-entry.json")


def _sort_entry_file(entry: Path) -> None:
    # Pagefind lists the languages in whatever order its threads finish; sort them so builds are identical.
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
