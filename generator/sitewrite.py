"""Write a built site into place: into a staging folder beside the output, then swapped in whole, or
moved in page by page when a rebuild changes few; never over files this tool did not write.

The runner's last step (generator.build): a failed write leaves the previous site byte for byte.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Protocol

from generator import buildcache, search
from generator.errors import BuildError
from generator.executor import Executor, Serial, Stream
from generator.memo import Memo

TMP_PREFIX = ".site-tmp-"
MANIFEST = ".timeline-site"
"""The file a build leaves in the site folder listing what it wrote: only such a folder is replaced,
and only files it lists are ever deleted from it."""
MANIFEST_HEADER = "# written by timeline build: the files of this site; do not edit\n"
OLD_PREFIX = ".site-old-"
MIN_PARALLEL_FILES = 400
"""Below this many files in the site, forking writer processes costs more than it saves."""
WRITE_CHUNK = 64
BACKGROUND_DELETE = 1000
"""A previous site of this many pages or more is deleted by a detached process after the swap
(unlinking 4,000 pages and their folders took 1.1 s here: more than a one-article rebuild)."""
IN_PLACE_SHARE = 0.5
"""A rebuild that renders at most this share of the site's files updates the site in place."""
STALE_STAGING_SECONDS = 3600
"""A staging folder without its builder's id in its name is removed once this old."""
BACKUP_DIR = ".replaced"
"""Where, in the staging folder, an in-place update keeps what it replaced until it is done."""


class Indexing(Protocol):
    """Search indexing under way in the background while the pages are written."""

    def wait(self) -> Sequence[str] | None:
        """Block until the index is in the site folder; raise BuildError if it failed.

        May return folders (relative to the site) to carry over whole from the previous site.
        """

    def stop(self) -> None:
        """Abandon the index (the build failed)."""


Indexer = Callable[[Path], Indexing]
"""Started with the staging folder before any page is written."""


@dataclass
class PageMemo:
    """Pages a build wrote, {path: (key, size)}: a rebuild keeps a page whose key is unchanged.

    A key is the digest of the page's own data (render.LazySite.key). The memo is stored under the
    salt (a digest of the code and configuration) and only read back under the same one, so a
    template, code or setting change renders every page again.
    """

    salt: str
    before: dict[str, tuple[str, int]] = field(default_factory=dict)
    after: dict[str, tuple[str, int]] = field(default_factory=dict)
    kept: int = 0

    @classmethod
    def load(cls, records: Memo, name: str, salt: str) -> PageMemo:
        """Return the memo kept as record `name` when it was written with this salt, else an empty one.

        (A record of the memo layer, not a shelf of pages: the pages themselves are the site's files.)
        """
        stored = records.record(name, salt, dict[str, tuple[str, int]])  # missing, foreign: render all
        return cls(salt) if stored is None else cls(salt, stored)

    def store(self, records: Memo, name: str) -> None:
        """Keep what this build wrote as record `name`; a memo that cannot be written is skipped."""
        records.remember(name, self.salt, self.after)


def check_paths(files: Mapping[str, bytes]) -> None:
    """Raise BuildError when an output path is unsafe or two outputs would land on the same file."""
    seen: dict[str, str] = {}
    for path, content in files.items():
        parts = path.split("/")
        if not path or path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts):
            raise BuildError(f"refusing to write outside the site: {path!r}")
        if not isinstance(content, bytes):
            raise BuildError(f"output {path!r} is {type(content).__name__}, not bytes")
        # Case-insensitive file systems (macOS, Windows) would write these two paths to one file.
        other = seen.setdefault(path.casefold(), path)
        if other != path:
            raise BuildError(f"two outputs would be written to the same file: {other!r} and {path!r}")
    folders = {"/".join(p.split("/")[:i]).casefold() for p in files for i in range(1, p.count("/") + 1)}
    for path in files:
        if path.casefold() in folders:
            raise BuildError(f"output {path!r} is both a file and a folder of other outputs")


def check_output(output: Path, keep: Sequence[Path] = ()) -> None:
    """Raise BuildError unless `output` is safe to replace: holds neither cwd nor `keep`, and is ours."""
    target = output.resolve()
    cwd = Path.cwd().resolve()
    if target == Path(target.anchor) or target == Path.home().resolve() or cwd.is_relative_to(target):
        raise BuildError(
            "refusing to replace this folder with the site", path=str(output), hint="choose another --output"
        )
    for path in keep:
        if path.resolve().is_relative_to(target):
            raise BuildError(
                f"the output folder holds {path}, which the build would delete",
                path=str(output),
                hint="choose an --output outside the source folder's path",
            )
    if output.is_dir() and os.path.ismount(output):
        raise BuildError(
            "the output is a mount point: the site is built beside its folder and swapped in, which a "
            "mount point cannot be",
            path=str(output),
            hint=f"build into a folder inside it, e.g. --output {output / 'site'}",
        )
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildError(
            "the output exists and is not a folder", path=str(output), hint="choose another --output"
        )
    manifest = output / MANIFEST
    built = (manifest.is_file() and not manifest.is_symlink()) or _earlier_site(output)
    if output.is_dir() and not built and any(output.iterdir()):
        raise BuildError(
            f"the output folder is not empty and was not written by this tool (it has no {MANIFEST})",
            path=str(output),
            hint="choose another --output, or empty the folder (an older version's site: delete it once)",
        )


LEGACY_MARKS = (".nojekyll", "index.html", "sitemap.xml", "ar/index.html", "en/index.html", "static/site.css")
"""Files every site of this tool has held: a folder with all of them and no manifest is one an earlier
version built (before manifests); its first build here treats every file in it as the tool's."""


def _earlier_site(output: Path) -> bool:
    if (output / MANIFEST).exists() or not all((output / mark).is_file() for mark in LEGACY_MARKS):
        return False
    try:
        with (output / "sitemap.xml").open("rb") as handle:
            return handle.read(len(XML_START)) == XML_START
    except OSError:
        return False


XML_START = b"<?xml version='1.0' encoding='utf-8'?>\n<urlset"


def read_manifest(output: Path) -> set[str]:
    """Return the files the build that wrote `output` lists in its manifest (none when there is none)."""
    if _earlier_site(output):
        return set(_listing(output))
    try:
        text = (output / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in text.splitlines() if line and not line.startswith("#")}


def write_site(
    files: Mapping[str, bytes],
    output: Path,
    *,
    index: Indexer | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep: Sequence[Path] = (),
    executor: Executor | None = None,
    memo: PageMemo | None = None,
    listing: Callable[[], dict[str, tuple[int, int]]] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> buildcache.SiteState:
    """Write the files into a temporary folder (indexed meanwhile), then put them in place in `output`.

    Return what buildcache.site_state(output) now reads: (path, size, mtime) of every file.

    With a memo, a page whose key the previous build wrote is kept from the previous site instead of
    rendered. When most pages are kept, only the rest is written and moved into `output` one rename
    each (_update); otherwise the kept pages are hard-linked into the temporary folder and it replaces
    `output` whole (_swap). Any failure removes the temporary folder and leaves the previous `output`
    byte-for-byte as it was; an `output` that holds the working directory or any path in `keep` is refused.
    An update reads what `output` holds (_listing) from `listing`, when given (one made meanwhile).
    `meanwhile` is called while the writer processes render (this one would only wait for them).
    """
    paths = sorted(files)  # a lazy site renders a file when read: check paths now, read each once below
    check_paths(dict.fromkeys(paths, b""))
    check_output(output, keep)
    output = output.absolute()
    written = {*paths, ".nojekyll", MANIFEST}
    ours = read_manifest(output) if output.is_dir() else set()
    current = (listing() if listing is not None else _listing(output)) if ours else {}
    foreign = {path for path in current if path not in ours}
    clash = sorted(foreign & written)
    if clash:
        raise BuildError(
            f"the site would replace {clash[0]}, which this tool did not write"
            + (f" (and {len(clash) - 1} more)" if len(clash) > 1 else ""),
            path=str(output),
            hint="move it out of the output folder, or choose another --output",
        )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        _clear_leftovers(output.parent)
        staging = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir=output.parent))
    except OSError as exc:
        raise BuildError(
            f"cannot make the staging folder beside the output: {exc.strerror or exc}",
            path=str(output.parent),
            hint="the output's parent folder must be writable (the site is built beside it, then swapped in)",
        ) from exc
    tasks, keys = _plan(files, paths, memo)
    rendered = sum(1 for _, size in tasks if size < 0)
    # Files this tool did not write stay: the site is updated around them, never replaced whole.
    in_place = output.is_dir() and (rendered <= IN_PLACE_SHARE * len(tasks) or bool(foreign))
    indexing: Indexing | None = None
    try:
        os.chmod(staging, 0o755)
        # A large site's pages that show all of it (timelines, feeds, exports) are slow to render even
        # when they are all a rebuild has to write: the site's size decides, not the count to write.
        parallel = len(paths) >= MIN_PARALLEL_FILES and len(tasks) > 1
        if index is not None:
            indexing = index(staging)  # runs while the writers render
        with _Writers(files, staging, output, (executor if parallel else None) or Serial()) as writers:
            landed: Iterable[tuple[str, int, bool]]
            if in_place:
                # Kept pages stay where they are: the workers only render; the listing, read while
                # they do, tells whether each kept page is still the size the previous build wrote.
                landed = writers.write([task for task in tasks if task[1] < 0], progress)
                before = current
                held = [(path, size, _size(before, path) == size) for path, size in tasks if size >= 0]
                stale = [(path, -1) for path, _, still in held if not still]
                again = writers.write(stale, progress) if stale else ()
                landed = chain(landed, (page for page in held if page[2]), again)
            else:
                landed, before = writers.write(tasks, progress), {}
            if meanwhile is not None:
                meanwhile()
            for path, size, kept in landed:
                if memo is not None and path in keys:
                    memo.after[path] = (keys[path], size)
                    memo.kept += kept
        if ".nojekyll" not in paths:
            (staging / ".nojekyll").write_bytes(b"")  # GitHub Pages: serve files as they are
        carried: Sequence[str] = ()
        if indexing is not None:
            carried = indexing.wait() or ()
            indexing = None
        written |= {f"{search.BUNDLE_DIR}/{path}" for path in _listing(staging / search.BUNDLE_DIR)}
        for folder in carried:
            written |= {path for path in current if path.startswith(folder + "/")}
        (staging / MANIFEST).write_text(MANIFEST_HEADER + "".join(p + "\n" for p in sorted(written)), "utf-8")
        if in_place:
            return _update(staging, output, before, written, carried, ours)
        _swap(staging, output, carried, len(paths))
    except BaseException:
        if indexing is not None:
            indexing.stop()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return buildcache.site_state(output) or ()


class _Writers:
    """Write files into the staging folder, by the executor's workers (each inherits the lazy site as
    it is and renders its share of the paths without copying the timeline), or here.

    Each task is a path and the size of the previous site's file when the memo says it is unchanged
    (then it is kept: hard-linked from there), else -1 (then it is rendered).
    """

    def __init__(self, files: Mapping[str, bytes], staging: Path, previous: Path, executor: Executor) -> None:
        self.site = (files, staging, previous)
        self.executor = executor
        self.streams: list[Stream[list[tuple[str, int, bool]]]] = []

    def __enter__(self) -> _Writers:
        return self

    def __exit__(self, *exc: object) -> None:
        for stream in self.streams:
            stream.close()

    def write(
        self, tasks: Sequence[Task], progress: Callable[[int, int], None] | None
    ) -> Iterator[tuple[str, int, bool]]:
        """Start writing every task (in the workers); return an iterator of (path, size, kept) that
        reports (done, total) as files land."""
        # Files with no key of their own show the whole site (timelines, feeds, exports) and are the
        # slowest: they go first, so no worker is left with one after the rest finish. The pages of
        # one group (a language's listings, which show the same entry cards) go to one worker together,
        # as each worker renders a card once; every other such file is a task of its own. A page's two
        # languages go together, as they share its article text's markup (rendered once for both).
        files = self.site[0]
        key_of: Callable[[str], str | None] = getattr(files, "key", lambda path: "")  # no keys: all own
        group_of: Callable[[str], str | None] = getattr(files, "group", lambda path: None)
        groups: dict[str, list[Task]] = {}
        chunks: list[list[Task]] = []
        own: list[Task] = []
        for task in tasks:
            group = group_of(task[0])
            if group is not None:
                groups.setdefault(group, []).append(task)
            elif key_of(task[0]) is None:
                chunks.append([task])
            else:
                own.append(task)
        own.sort(key=lambda task: (task[0].partition("/")[2], task[0]))
        chunks = list(groups.values()) + chunks
        chunks += [own[i : i + WRITE_CHUNK] for i in range(0, len(own), WRITE_CHUNK)]
        results = self.executor.stream(partial(_write_tasks, *self.site), chunks)
        self.streams.append(results)
        return _landed(results, len(tasks), progress)


def _landed(
    results: Iterable[list[tuple[str, int, bool]]], total: int, progress: Callable[[int, int], None] | None
) -> Iterator[tuple[str, int, bool]]:
    done = 0
    for written in results:
        yield from written
        done += len(written)
        if progress:
            progress(done, total)


Task = tuple[str, int]
"""A path to write, and the size of the previous site's file to keep instead (-1: render it)."""


def _write_tasks(
    files: Mapping[str, bytes], staging: Path, previous: Path, tasks: Sequence[Task]
) -> list[tuple[str, int, bool]]:
    """Write each task's file into staging, or keep the previous site's (hard-linked there)."""
    written = []
    root, before = f"{staging}{os.sep}", f"{previous}{os.sep}"  # plain strings: thousands of files
    for path, size in tasks:
        target = root + path
        if size >= 0 and _kept(before + path, target, size):
            written.append((path, size, True))
            continue
        content = files[path]
        if not isinstance(content, bytes):
            raise BuildError(f"output {path!r} is {type(content).__name__}, not bytes")
        _make_folder(os.path.dirname(target))
        with open(target, "wb") as out:
            out.write(content)
        written.append((path, len(content), False))
    save = getattr(files, "save_fragments", None)
    if save is not None:
        save()  # the pieces of whole-site pages this process rendered, for the next build
    return written


def _plan(
    files: Mapping[str, bytes], paths: Sequence[str], memo: PageMemo | None
) -> tuple[list[Task], dict[str, str]]:
    """Return a task per path (kept when the memo holds its key) and the key of each keyed page."""
    key_of: Callable[[str], str | None] | None = getattr(files, "key", None)
    if memo is None or key_of is None:
        return [(path, -1) for path in paths], {}
    tasks: list[Task] = []
    keys: dict[str, str] = {}
    for path in paths:
        key = key_of(path)
        if key is None:
            tasks.append((path, -1))
            continue
        keys[path] = key
        before = memo.before.get(path)
        tasks.append((path, before[1] if before is not None and before[0] == key else -1))
    return tasks, keys


def _kept(old: str, new: str, size: int) -> bool:
    """Return whether the previous build's file is still the size that build wrote (hard-linked to new)."""
    try:
        found = os.lstat(old)
        if not stat.S_ISREG(found.st_mode) or found.st_size != size:
            return False
        try:
            os.link(old, new)
        except FileNotFoundError:
            _make_folder(os.path.dirname(new))
            os.link(old, new)
    except OSError:
        return False
    return True


def _make_folder(folder: str) -> None:
    """Create a folder in staging (each page has one of its own), and its parents when they are missing."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def _swap(staging: Path, output: Path, carried: Sequence[str] = (), files: int = 0) -> None:
    """Put staging in output's place with two renames, then remove the previous site.

    The `carried` folders (search shards the new site keeps as they are) are first moved over from
    the previous site, which is about to go. The previous site of a large build (BACKGROUND_DELETE
    files or more) is removed by a detached process: the new site is in place already, and unlinking
    tens of thousands of files takes seconds.
    """
    old: Path | None = None
    moved: list[str] = []
    try:
        for folder in carried:
            (staging / folder).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.rename(output / folder, staging / folder)
            except FileNotFoundError as exc:
                raise BuildError(f"{folder} went missing from {output} during the build") from exc
            moved.append(folder)
        if output.exists():
            aside = output.parent / (OLD_PREFIX + staging.name.removeprefix(TMP_PREFIX))
            os.rename(output, aside)
            old = aside  # (only once it is there: a failed rename has nothing to put back)
        os.rename(staging, output)
    except BaseException:
        if old is not None:
            os.rename(old, output)
        for folder in reversed(moved):
            os.rename(staging / folder, output / folder)
        raise
    if old is not None:
        _discard(old, background=files >= BACKGROUND_DELETE)


def _size(listing: Mapping[str, tuple[int, int]], path: str) -> int:
    """Return a file's size in a _listing, or -1 when it has none."""
    return listing.get(path, (-1, 0))[0]


def _listing(site: Path) -> dict[str, tuple[int, int]]:
    """Return {path: (size, mtime)} of every file in a site folder (buildcache.site_state as a dict)."""
    return site_listing(buildcache.site_state(site))


def site_listing(state: buildcache.SiteState | None) -> dict[str, tuple[int, int]]:
    """Return a site's state (buildcache.site_state) as {path: (size, mtime)}."""
    return {path: (size, mtime) for path, size, mtime in state or ()}


def _update(
    staging: Path,
    output: Path,
    state: dict[str, tuple[int, int]],
    paths: set[str],
    carried: Sequence[str],
    ours: set[str] | None = None,
) -> buildcache.SiteState:
    """Move what staging holds into the built site `output`, then delete what the new site leaves out.

    Each staged file replaces its namesake with one rename (readers see the old file or the new one);
    a staged folder `output` lacks (a new page, a new search shard) moves over whole. `state` lists
    the files of `output` (_listing), `paths` the site's files and `carried` its folders kept whole:
    any other file of `output` the previous build wrote (`ours`, its manifest) is deleted, and no other.
    Should a rename fail, the ones done are undone and the site
    is as it was. Return the site's state.
    """
    backup = staging / BACKUP_DIR
    done: list[tuple[str, bool]] = []  # (path, whether backup/path holds what it replaced)
    try:
        for path, is_folder in _staged(staging, output):
            target = output / path
            saved = os.path.lexists(target)
            if saved:
                _set_aside(target, backup / path, is_folder)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
            done.append((path, saved))
            os.replace(staging / path, target)
    except BaseException:
        for path, saved in reversed(done):
            if not os.path.lexists(staging / path):  # it was moved in: move it back out
                os.replace(output / path, staging / path)
            if saved:
                os.replace(backup / path, output / path)
        raise
    fresh: dict[str, tuple[int, int]] = {}
    for path, _ in done:
        fresh.update(_files(output, path))
    kept = tuple(folder + "/" for folder in carried)
    gone = {
        path
        for path in state
        if path not in paths
        and path not in fresh
        and not path.startswith(kept)
        and (ours is None or path in ours)
    }
    for path in sorted(gone):
        with contextlib.suppress(OSError):
            os.unlink(output / path)
    _remove_empty_folders(output, gone)
    # What is left in staging is the replaced files' previous versions: deleting the last link of a
    # large site's exports (140 MB at 10,000 articles) frees their blocks, which a detached process does.
    old = output.parent / (OLD_PREFIX + staging.name.removeprefix(TMP_PREFIX))
    try:
        os.rename(staging, old)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
    else:
        _discard(old, background=len(paths) >= BACKGROUND_DELETE)
    state = {path: found for path, found in state.items() if path not in gone}
    state.update(fresh)
    return tuple(sorted((path, *found) for path, found in state.items()))


def _set_aside(target: Path, backup: Path, replaced_by_folder: bool) -> None:
    """Keep at backup what an update is about to replace: a second link to a file, so that the site
    never lacks it; anything else (a folder, a link, or where links fail) moved there."""
    backup.parent.mkdir(parents=True, exist_ok=True)
    if not replaced_by_folder and target.is_file() and not target.is_symlink():
        try:
            os.link(target, backup)
            return
        except OSError:
            pass
    os.rename(target, backup)


def _staged(staging: Path, output: Path, folder: str = "") -> Iterator[tuple[str, bool]]:
    """Yield (path, is a folder) for what _update moves: files, and whole the folders output lacks."""
    with os.scandir(staging / folder) as entries:
        found = sorted((entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries)
    for name, is_folder in found:
        path = folder + name
        if path == BACKUP_DIR:
            continue
        if not is_folder or not (output / path).is_dir() or (output / path).is_symlink():
            yield path, is_folder
        else:
            yield from _staged(staging, output, path + "/")


def _files(site: Path, path: str) -> dict[str, tuple[int, int]]:
    """Return {path: (size, mtime)} of the file at path in site, or of every file under that folder."""
    top = site / path
    if not top.is_dir() or top.is_symlink():
        found = top.lstat()
        return {path: (found.st_size, found.st_mtime_ns)}
    return {f"{path}/{inner}": found for inner, found in _listing(top).items()}


def _remove_empty_folders(site: Path, removed: Iterable[str]) -> None:
    """Remove the folders that deleted files leave empty (a removed article's page, an old shard)."""
    folders = {path.rsplit("/", depth)[0] for path in removed for depth in range(1, path.count("/") + 1)}
    for folder in sorted(folders, key=lambda f: -f.count("/")):  # the deepest first
        with contextlib.suppress(OSError):
            os.rmdir(site / folder)


_DELETE = (
    "import os, shutil, sys\n"
    "path = f'{sys.argv[1]}.{os.getpid()}'  # the name says which live process is deleting it\n"
    "try:\n    os.rename(sys.argv[1], path)\nexcept OSError:\n    path = sys.argv[1]\n"
    "shutil.rmtree(path, ignore_errors=True)\n"
)


def _discard(folder: Path, *, background: bool) -> None:
    """Delete a previous site: in a detached process when asked (falling back to here), else here."""
    if background:
        try:
            subprocess.Popen(
                [sys.executable, "-c", _DELETE, folder],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # outlives this build, and a Ctrl-C in the terminal
            )
            return
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


def _clear_leftovers(parent: Path) -> None:
    """Remove previous sites an earlier build set aside but did not get to delete (it was killed).

    One a detached process is still deleting (its id ends the name) is left to it: deleting it here
    too would only make this build wait for it.
    """
    for folder in parent.glob(OLD_PREFIX + "*"):
        deleter = folder.suffix[1:]
        if deleter.isdigit() and search.process_alive(int(deleter)):
            continue
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
    # Staging folders of builds that were killed (kill -9, a power cut): the builder's id starts the name.
    for folder in parent.glob(TMP_PREFIX + "*"):
        builder = folder.name.removeprefix(TMP_PREFIX).partition("-")[0]
        if builder.isdigit():
            if search.process_alive(int(builder)):
                continue  # a build under way (the preview server's, another terminal's)
        else:  # named before staging folders carried their builder's id: left an hour
            with contextlib.suppress(OSError):
                if time.time() - folder.lstat().st_mtime < STALE_STAGING_SECONDS:
                    continue
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
