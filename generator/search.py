"""Build the site's search index in the background while the pages are rendered (both languages).

A build hands the index one small search document per searchable page (title, the line a result
shows, and the page's own-language text), as soon as they are known: article pages right after
extraction, entry pages after merging. generator.searchindex writes the index itself; this module
cuts the documents into shards, indexes them beside the build (where the runner's `start` says: a
process of their own, or a thread), and reuses what it can.

Documents are ordered by date and cut where a page's hash says so, so one changed article changes one
or two shards: a shard is named by a digest of its documents' keys, and one the previous site already
holds is carried over, not rebuilt. A stream may hand planned documents (place, size and key known, the
text made on demand): then only the documents of the shards to write are made.
`searchindex/shards.json` lists the shards with the rules that fold a query as the index was folded;
static/search.js searches them all.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from generator import searchindex
from generator.errors import BuildError

BUNDLE_DIR = "searchindex"
SHARDS_FILE = "shards.json"
SHARD_MIN = 2_000_000
SHARD_MAX = 4_000_000
"""Characters per shard (text, plus DOCUMENT_WEIGHT per document): a shard is cut at a page boundary
chosen by hash once past SHARD_MIN, and always before SHARD_MAX."""
ENTRY_SHARDS = (SHARD_MIN // 2, SHARD_MAX // 2)
"""Shard sizes for entry pages: an edit changes one article but can move several entries years apart
(a new one, a headline another sentence now wins), so each entry shard it re-indexes costs half."""
DOCUMENT_WEIGHT = 200
"""Characters one document weighs besides its text (its record and postings), so that many small
documents (entry pages) fill a shard as their index size does."""
SHARDS_AT_LEAST = 8
SHARD_FLOOR = 250_000
"""A stream's documents make at least SHARDS_AT_LEAST shards while their smallest size stays at or
above SHARD_FLOOR: sizes are halved (from the given ones, so that a site's cuts stay where they are
until its text doubles or halves) for a small site, whose rebuild after one edit then re-indexes an
eighth of its text, not most of it."""
CUT_ONE_IN = 16
"""Past SHARD_MIN, a page whose hash is divisible by this ends the shard (so cuts survive insertions)."""
MARKER = "shard.json"
"""Written last into a finished shard: a shard folder without it is not reused."""


@dataclass(frozen=True)
class SearchDocument:
    """What search finds on one page: its output path, language, title, and text paragraphs."""

    path: str
    lang: str
    title: str
    paragraphs: tuple[str, ...]
    """The page's own text: a result shows the passage that matched, read from the page itself."""
    order: str = ""
    """Sort key (the page's date) that keeps related pages in the same shard."""
    summary: tuple[str, ...] = ()
    """Short facts searched too and shown under the title (outlet, date), joined by a middle dot."""

    @property
    def page(self) -> str:
        """Return the page's path without its language, shared by its Arabic and English documents."""
        return self.path.partition("/")[2]

    @property
    def size(self) -> int:
        """Return the characters the document holds."""
        return len(self.title) + sum(map(len, self.summary)) + sum(map(len, self.paragraphs))

    @property
    def key(self) -> str:
        """Return a digest of everything the document holds."""
        fields = (self.path, self.lang, self.title, self.summary, self.paragraphs)
        return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()

    def document(self) -> SearchDocument:
        """Return the document itself (see PlannedDocument)."""
        return self


@dataclass(frozen=True)
class PlannedDocument:
    """A search document known by its place, size and a digest of what it will hold, made only when
    its shard is written: a rebuild makes the documents of the shards that changed, not all of them."""

    path: str
    lang: str
    order: str
    size: int
    """About the characters the document will hold (its shard's size is planned with it)."""
    key: str
    """A digest of everything the document depends on, code and settings included."""
    make: Callable[[], SearchDocument]

    @property
    def page(self) -> str:
        """Return the page's path without its language, shared by its Arabic and English documents."""
        return self.path.partition("/")[2]

    def document(self) -> SearchDocument:
        """Return the document, made now."""
        return self.make()


Indexable = SearchDocument | PlannedDocument
"""What a stream of the index is made of: documents, or documents to be made."""


def plan_shards(
    documents: Iterable[Indexable], sizes: tuple[int, int] | None = None
) -> list[list[Indexable]]:
    """Return the documents cut into shards by date order, each past sizes[0] characters (but the last)
    only where a page's hash says so, and under sizes[1] (SHARD_MIN and SHARD_MAX by default; both
    halved for a small stream, see SHARDS_AT_LEAST)."""
    smallest, largest = sizes or (SHARD_MIN, SHARD_MAX)
    pages: dict[str, list[Indexable]] = {}
    for document in sorted(documents, key=lambda d: (d.order, d.page, d.lang)):
        pages.setdefault(document.page, []).append(document)
    weights = {page: sum(DOCUMENT_WEIGHT + d.size for d in group) for page, group in pages.items()}
    total = sum(weights.values())
    while total < SHARDS_AT_LEAST * smallest and smallest // 2 >= SHARD_FLOOR:
        smallest, largest = smallest // 2, largest // 2
    shards: list[list[Indexable]] = [[]]
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


def shard_name(documents: Sequence[Indexable]) -> str:
    """Return a shard's folder name: a digest of its documents' keys and of the index's format and rules."""
    digest = hashlib.sha256(f"{searchindex.FORMAT}:{json.dumps(searchindex.folding_rules())}".encode())
    for document in documents:
        digest.update(f"{document.path}\0{document.key}\0".encode())
    return "s-" + digest.hexdigest()[:16]


class Worker(Protocol):
    """Indexing one stream beside the build."""

    def join(self) -> None:
        """Wait for it to end."""

    def stop(self) -> None:
        """End it now: its work is not wanted."""


Start = Callable[[Callable[[], None]], Worker]
"""Starts work beside the build (generator.executor's background): the runner chooses how."""


class RunningIndex:
    """The search index of streams of documents, written in the background shard after shard.

    A stream may start as soon as its documents are known: article pages right after extraction,
    entry pages after merging. Each stream runs where `start` puts it (by default a thread).
    `into(site)` names the folder the shards go to; wait() moves them there and lists them in
    `searchindex/shards.json`.
    """

    def __init__(
        self, previous: Path | None = None, work: Path | None = None, start: Start | None = None
    ) -> None:
        self.previous = previous
        if work is not None:
            work.mkdir(parents=True, exist_ok=True)
        self.scratch = Path(tempfile.mkdtemp(prefix=".search-tmp-", dir=work))
        self.site: Path | None = None
        self.carry = False
        self.reused = 0
        self._start = start or _in_thread
        self._stopped = threading.Event()
        self._workers: list[Worker] = []

    def add(self, documents: Iterable[Indexable], sizes: tuple[int, int] | None = None) -> RunningIndex:
        """Start indexing another stream of documents in the background (plan_shards cuts it); return self."""
        number = len(self._workers)
        task = partial(_stream, documents, sizes, self.scratch, number, self.previous, self._stopped)
        self._workers.append(self._start(task))
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
            listing = {
                "format": searchindex.FORMAT,
                "bundles": [name + "/" for name in listed],
                "rules": searchindex.folding_rules(),
            }
            text = json.dumps(listing, ensure_ascii=False, separators=(",", ":"))
            (bundle / SHARDS_FILE).write_text(text, encoding="utf-8")
        except (OSError, ValueError, KeyError) as exc:
            raise BuildError(f"the search index is incomplete: {exc}") from exc
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
        return carried

    def stop(self) -> None:
        """Stop indexing and remove the scratch folder (the build failed or did not need the index)."""
        self._stopped.set()
        for worker in self._workers:
            worker.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)


def _stream(
    documents: Iterable[Indexable],
    sizes: tuple[int, int] | None,
    scratch: Path,
    number: int,
    previous: Path | None,
    stopped: threading.Event,
) -> None:
    """Index one stream of documents into scratch/out/<shard>/ and record the shard names."""
    try:
        names, reused = [], []
        for shard in plan_shards(documents, sizes):
            if stopped.is_set():
                return
            name = shard_name(shard)
            names.append(name)
            if previous is not None and (previous / BUNDLE_DIR / name / MARKER).is_file():
                reused.append(name)  # wait() carries it over: a shard's name is a digest of its documents
                continue
            folder = scratch / "out" / name
            searchindex.write_shard(folder, [document.document() for document in shard])
            (folder / MARKER).write_text(json.dumps({"documents": len(shard)}), encoding="utf-8")
        record = json.dumps({"names": names, "reused": reused})
        (scratch / f"done-{number}.json").write_text(record, encoding="utf-8")
    except Exception as exc:  # wait() reports it in the build
        (scratch / f"error-{number}.txt").write_text(str(exc) or type(exc).__name__, encoding="utf-8")


class _Thread:
    def __init__(self, task: Callable[[], None]) -> None:
        self.thread = threading.Thread(target=task, daemon=True)
        self.thread.start()

    def join(self) -> None:
        self.thread.join()

    def stop(self) -> None:
        self.thread.join()  # (it sees the stop event at its next shard and ends)


def _in_thread(task: Callable[[], None]) -> Worker:
    return _Thread(task)


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
    documents: Iterable[Indexable],
    site: Path | None = None,
    previous: Path | None = None,
    work: Path | None = None,
    start: Start | None = None,
) -> RunningIndex:
    """Start indexing `documents` (reusing shards of the `previous` site); wait() moves them into `site`."""
    running = RunningIndex(previous, work, start).add(documents)
    return running.into(site) if site is not None else running


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
