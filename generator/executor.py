"""Where a build's work runs: the one place that chooses between this process and forked workers.

A stage that can split its work takes `map` (a function like the built-in one, returning a list)
and knows nothing of processes; the runner (generator.build) passes the chosen executor's map.
`choose(jobs)` is the only place that decides: `--jobs 1`, a platform without fork, or a build run
from a thread (the preview server) all give the serial executor or a spawned pool, never a fork.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import multiprocessing.pool
import multiprocessing.process
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

Done = Callable[[int], None]
"""Called with how many items are done so far, as results come in."""


def can_fork() -> bool:
    """Return True where forking is safe here: Linux, and this process runs no other thread.

    A thread may hold a lock at the moment of the fork that the child then waits on forever
    (`timeline serve` builds in a thread while its server runs); such builds fork nothing.
    """
    linux = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    return linux and threading.active_count() == 1


class Background(Protocol):
    """Work started now whose outcome is wanted later (the search index while pages are written)."""

    def join(self) -> None:
        """Wait for the work to end (run it now, when it was deferred)."""

    def stop(self) -> None:
        """Abandon the work: it is not needed (the build failed)."""


class Executor(Protocol):
    """Runs a function over items, here or in other processes; the results come back in order."""

    workers: int

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], done: Done | None = None, least: int = 2
    ) -> list[R]:
        """Return [fn(item) for item in items], computed however this executor computes (here when
        there are fewer than `least` items: starting workers would cost more)."""

    def stream(self, fn: Callable[[T], R], items: Sequence[T]) -> Stream[R]:
        """Start fn over the items now; iterate for the results as they come, in any order."""

    def background(self, fn: Callable[[], None]) -> Background:
        """Start fn() now, beside the build; join() waits for it."""

    def submit(self, fn: Callable[[], R], nice: int = 0) -> Pending[R]:
        """Start fn() now, beside the build (at a lower priority with `nice`); result() waits for it."""

    def beside(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """Return [fn(item) for item in items]: the first here, each other one beside it at once (a few
        large shares of what this process holds: only their results cross)."""

    def warmed(self, prepare: Callable[[], object], limit: int) -> Executor:
        """Return an executor that has run prepare() beside this process for a map of up to `limit` items."""

    def cancel(self) -> None:
        """Stop what this executor started beside the build and no longer needs (a warmed worker)."""


class Pending(Protocol[R_co]):
    """A value being computed beside the build (Executor.submit)."""

    def result(self) -> R_co:
        """Wait for the value and return it."""

    def cancel(self) -> None:
        """Stop computing it: it is not wanted."""


class Stream(Protocol[R_co]):
    """Results that come in as they are made (Executor.stream)."""

    def __iter__(self) -> Iterator[R_co]:
        """Yield each result once it is made."""

    def close(self) -> None:
        """Stop making the rest."""


class Serial:
    """Everything in this process, in order: `--jobs 1`, and wherever no other process can be used."""

    workers = 1

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], done: Done | None = None, least: int = 2
    ) -> list[R]:
        """Return [fn(item) for item in items], calling done() after each."""
        results = []
        for item in items:
            results.append(fn(item))
            if done is not None:
                done(len(results))
        return results

    def stream(self, fn: Callable[[T], R], items: Sequence[T]) -> Stream[R]:
        """Return the results, each made when the one before has been taken."""
        return _Lazily(fn(item) for item in items)

    def background(self, fn: Callable[[], None]) -> Background:
        """Return work deferred until join(): nothing runs beside the build."""
        return _Deferred(fn)

    def submit(self, fn: Callable[[], R], nice: int = 0) -> Pending[R]:
        """Return a value computed here when result() first asks for it."""
        return _Later(fn)

    def beside(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """Return [fn(item) for item in items], one after the other."""
        return [fn(item) for item in items]

    def warmed(self, prepare: Callable[[], object], limit: int) -> Executor:
        """Return this executor: nothing is prepared beside the build."""
        return self

    def cancel(self) -> None:
        """Nothing to stop (a warmed executor stops its worker)."""


class Forking(Serial):
    """Worker processes forked for each map, which inherit the function and its items: only the
    items' positions and the results cross between processes. From a thread, where a fork may
    deadlock, a spawned pool pickles both instead; a function that cannot be pickled runs here."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], done: Done | None = None, least: int = 2
    ) -> list[R]:
        """Return [fn(item) for item in items], in up to `workers` processes; here when they fail."""
        workers = min(self.workers, len(items))
        if workers < 2 or len(items) < least:
            return super().map(fn, items, done)
        results: list[R] = []

        def collect(made: Iterable[R]) -> None:
            for result in made:
                results.append(result)
                if done is not None:
                    done(len(results))

        chunk = max(1, len(items) // (workers * 4))
        try:
            if can_fork():
                _TASK[:] = [fn, items]
                forked = multiprocessing.get_context("fork")
                with ProcessPoolExecutor(workers, mp_context=forked, initializer=gc.enable) as pool:
                    collect(pool.map(_run_task, range(len(items)), chunksize=chunk))
            elif _picklable(fn):
                with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                    collect(pool.map(fn, items, chunksize=chunk))
        except (BrokenProcessPool, OSError, NotImplementedError):
            pass  # a worker died (killed, out of memory) or there are no processes: the rest are done here
        finally:
            _TASK.clear()
        collect(fn(item) for item in items[len(results) :])
        return results

    def stream(self, fn: Callable[[T], R], items: Sequence[T]) -> Stream[R]:
        """Start fn over the items in forked workers (here, lazily, where forking is unsafe)."""
        if min(self.workers, len(items)) < 2 or not can_fork():
            return super().stream(fn, items)
        _TASK[:] = [fn, items]
        # Frozen, the build's heap is left out of the workers' collections, so they never touch (and
        # copy) the pages it sits on. Measured at 1,000 articles: without it a one-article rebuild took
        # 1.89 s against 1.81 s and a cold build 7.48 s against 6.00 s (fastest of 2, a noisy machine).
        frozen = gc.get_freeze_count() > 0
        gc.freeze()
        try:
            pool = multiprocessing.get_context("fork").Pool(min(self.workers, len(items)))
        finally:
            _TASK.clear()
            if not frozen:
                gc.unfreeze()
        return _Pooled(pool, pool.imap_unordered(_run_task, range(len(items))))

    def background(self, fn: Callable[[], None]) -> Background:
        """Start fn() in a forked process (a thread where forking is unsafe)."""
        if can_fork():
            process = multiprocessing.get_context("fork").Process(target=_collecting, args=(fn,), daemon=True)
            process.start()
            return _Started(process)
        thread = threading.Thread(target=fn, daemon=True)
        thread.start()
        return _Started(thread)

    def submit(self, fn: Callable[[], R], nice: int = 0) -> Pending[R]:
        """Start fn() in a forked child, which inherits what it reads (here, later, where unsafe)."""
        return _Forked(fn, nice) if can_fork() else _Later(fn)

    def beside(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """Return [fn(item) for item in items]: the first here while each other is in a forked child."""
        pending = [self.submit(partial(fn, item)) for item in items[1:]]
        return [fn(items[0]), *(p.result() for p in pending)] if items else []

    def warmed(self, prepare: Callable[[], object], limit: int) -> Executor:
        """Return an executor whose one worker, forked now, runs prepare() at once and then a map of up
        to `limit` items given later (more go to this executor): what is slow to start (the date
        engine's patterns) gets ready while this process goes on."""
        return _Warm(prepare, self, limit) if can_fork() else self


def choose(jobs: int) -> Executor:
    """Return the executor for `jobs` processes (0: one per core; 1: this process alone)."""
    workers = jobs or os.cpu_count() or 1
    return Forking(workers) if workers > 1 else Serial()


_TASK: list[Any] = []
"""The function and items of the map under way, which forked workers inherit (Forking.map)."""


def _run_task(position: int) -> Any:
    fn, items = _TASK
    return fn(items[position])


def _collecting(fn: Callable[[], None]) -> None:
    gc.enable()  # a forked child of a build that pauses the collector (build.build_site) needs it
    fn()


def _picklable(fn: Callable[..., Any]) -> bool:
    try:
        pickle.dumps(fn)
    except Exception:
        return False
    return True


class _Lazily(Generic[R]):
    def __init__(self, results: Iterator[R]) -> None:
        self.results = results

    def __iter__(self) -> Iterator[R]:
        return self.results

    def close(self) -> None:
        pass


class _Pooled(_Lazily[R]):
    def __init__(self, pool: multiprocessing.pool.Pool, results: Iterator[R]) -> None:
        super().__init__(results)
        self.pool = pool

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


class _Later(Generic[R]):
    def __init__(self, fn: Callable[[], R]) -> None:
        self.fn = fn
        self.value: tuple[R] | None = None

    def result(self) -> R:
        if self.value is None:
            self.value = (self.fn(),)
        return self.value[0]

    def cancel(self) -> None:
        pass


class _Forked(_Later[R]):
    """fn() in a forked child, its value pickled back through a pipe; computed here when the child
    fails (so the value never depends on where it was made)."""

    def __init__(self, fn: Callable[[], R], nice: int) -> None:
        super().__init__(fn)
        self.pid = 0
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, send, and leave without any cleanup
            status = 1
            try:
                os.close(read)
                if nice:
                    os.nice(nice)
                _send(write, fn())
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self.pid, self.read = pid, read

    def result(self) -> R:
        if self.value is None and self.pid:
            pid, self.pid = self.pid, 0
            with os.fdopen(self.read, "rb") as handle:
                data = handle.read()  # before waiting: a full pipe would keep the child from ending
            _, status = os.waitpid(pid, 0)
            if status == 0 and data:
                with contextlib.suppress(Exception):  # a garbled value is only a reason to compute it here
                    self.value = (pickle.loads(data),)
        return super().result()

    def cancel(self) -> None:
        if self.pid:
            pid, self.pid = self.pid, 0
            os.close(self.read)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _send(fd: int, value: object) -> None:
    """Write value, pickled, to the pipe end fd and close it (a forked child's result)."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


_PARENT_ENDS: set[int] = set()
"""This process's writing ends of the pipes to warm workers. A worker reads its input to the end, which
never comes while a copy of that end is open elsewhere: a process forked later closes its copies."""


def _close_parent_ends() -> None:
    for fd in _PARENT_ENDS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _PARENT_ENDS.clear()


os.register_at_fork(after_in_child=_close_parent_ends)


class _Warm(Serial):
    def __init__(self, prepare: Callable[[], object], rest: Executor, limit: int) -> None:
        self.rest, self.limit, self.workers = rest, limit, rest.workers
        self.pid = 0
        (given_r, given_w), (taken_r, taken_w) = os.pipe(), os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (given_r, given_w, taken_r, taken_w):
                os.close(fd)
            return
        if pid == 0:  # the worker: prepare, then map what comes, and leave without any cleanup
            status = 1
            try:
                os.close(given_w)
                os.close(taken_r)
                prepare()
                with os.fdopen(given_r, "rb") as handle:
                    data = handle.read()
                if data:  # (none: not needed)
                    fn, items = pickle.loads(data)
                    _send(taken_w, [fn(item) for item in items])
                status = 0
            finally:
                os._exit(status)
        os.close(given_r)
        os.close(taken_w)
        self.pid, self.given, self.taken = pid, given_w, taken_r
        _PARENT_ENDS.add(given_w)

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], done: Done | None = None, least: int = 2
    ) -> list[R]:
        if not self.pid or not items or len(items) > self.limit:
            self.cancel()
            return self.rest.map(fn, items, done, least)
        pid, self.pid = self.pid, 0
        _PARENT_ENDS.discard(self.given)
        with contextlib.suppress(OSError), os.fdopen(self.given, "wb") as out:  # (OSError: it died)
            out.write(pickle.dumps((fn, items), protocol=pickle.HIGHEST_PROTOCOL))
        with os.fdopen(self.taken, "rb") as handle:
            data = handle.read()
        _, status = os.waitpid(pid, 0)
        results: list[R] | None = None
        if status == 0 and data:
            with contextlib.suppress(Exception):  # a garbled result is only a reason to compute it here
                results = pickle.loads(data)
        if results is None or len(results) != len(items):
            return super().map(fn, items, done)
        if done is not None:
            done(len(results))
        return results

    def cancel(self) -> None:
        """Stop the worker: its map is not needed."""
        if self.pid:
            pid, self.pid = self.pid, 0
            _PARENT_ENDS.discard(self.given)
            for fd in (self.given, self.taken):
                os.close(fd)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


class _Deferred:
    def __init__(self, fn: Callable[[], None]) -> None:
        self.fn: Callable[[], None] | None = fn

    def join(self) -> None:
        fn, self.fn = self.fn, None
        if fn is not None:
            fn()

    def stop(self) -> None:
        self.fn = None


class _Started:
    def __init__(self, worker: multiprocessing.process.BaseProcess | threading.Thread) -> None:
        self.worker = worker

    def join(self) -> None:
        self.worker.join()

    def stop(self) -> None:
        worker = self.worker
        if isinstance(worker, threading.Thread):
            worker.join()  # (a thread cannot be killed: it checks its stop event and ends)
        elif worker.is_alive():
            worker.kill()
            worker.join()
