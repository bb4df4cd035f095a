"""Run work in a forked child process: it inherits what the build holds, so nothing is copied to it.

Only inputs given after the fork and the result cross over, pickled through pipes. Forking is used
only where it is safe (Linux, and no other thread in this process: can_fork); elsewhere, and
whenever a child fails, the work is done here instead, so the outcome never depends on how it ran.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

P = TypeVar("P")
A = TypeVar("A")
T = TypeVar("T")

_PARENT_ENDS: set[int] = set()
"""This process's ends of the pipes to its children. A child reads its input to the end of the file,
which never comes while a copy of the writing end is open elsewhere: a process forked later (another
child, a writer, the search index) closes its copies at once."""


def _close_parent_ends() -> None:
    for fd in _PARENT_ENDS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _PARENT_ENDS.clear()


os.register_at_fork(after_in_child=_close_parent_ends)


def can_fork() -> bool:
    """Return True where forking is safe here: Linux, and this process runs no other thread.

    A thread may hold a lock at the moment of the fork that the child then waits on forever
    (`timeline serve` builds in a thread while its server runs); such builds stay in one process.
    """
    linux = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    return linux and threading.active_count() == 1


class Standby(Generic[P, A, T]):
    """A forked child that runs prepare() at once, then task(prepared, x) for the x run(x) sends it.

    What takes long to prepare (compiling the date engine's patterns) is done while this process
    goes on until the input is known. Without a child, or when it fails, run() does it all here.
    """

    def __init__(
        self, prepare: Callable[[], P], task: Callable[[P, A], T], *, nice: int = 0, fork: bool = True
    ) -> None:
        self.prepare, self.task = prepare, task
        self.pid = 0
        self.given = self.taken = -1  # the input pipe's writing end, the output pipe's reading end
        if not (fork and can_fork()):  # (fork=False: all done here, by run())
            return
        pipes = os.pipe(), os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (*pipes[0], *pipes[1]):
                os.close(fd)
            return
        if pid == 0:
            _serve(prepare, task, pipes[0][0], pipes[1][1], (pipes[0][1], pipes[1][0]), nice)
        os.close(pipes[0][0])
        os.close(pipes[1][1])
        self.pid, self.given, self.taken = pid, pipes[0][1], pipes[1][0]
        _PARENT_ENDS.update((self.given, self.taken))

    def run(self, x: A) -> T:
        """Return task(x): the child's value, or (no child, or it failed) computed here."""
        if not self.pid:
            return self.task(self.prepare(), x)
        pid, self.pid = self.pid, 0
        _PARENT_ENDS.difference_update((self.given, self.taken))
        with contextlib.suppress(OSError), os.fdopen(self.given, "wb") as out:  # (OSError: the child is gone)
            pickle.dump(x, out, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(self.taken, "rb") as handle:
            data = handle.read()  # before waiting: a full pipe would keep the child from ending
        _, status = os.waitpid(pid, 0)
        if status == 0 and data:
            try:
                value: T = pickle.loads(data)
                return value
            except Exception:  # a garbled result is only a reason to compute it here
                pass
        return self.task(self.prepare(), x)

    def cancel(self) -> None:
        """Stop the child if run() was not called (its work is not needed)."""
        if self.pid:
            pid, self.pid = self.pid, 0
            _PARENT_ENDS.difference_update((self.given, self.taken))
            for fd in (self.given, self.taken):
                os.close(fd)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


class Forked(Generic[T]):
    """task() started in a forked child at once (when can_fork), its value read back by result().

    With `nice` (1 to 19), the child yields the processor to the build's other processes: for work
    wanted only later, done while a core would idle.
    """

    def __init__(self, task: Callable[[], T], *, nice: int = 0, fork: bool = True) -> None:
        self._standby: Standby[T, None, T] = Standby(task, lambda value, _: value, nice=nice, fork=fork)
        self.pid = self._standby.pid
        self._value: tuple[T] | None = None

    def result(self) -> T:
        """Return the task's value: the child's, or (no child, or it failed) computed here; once."""
        if self._value is None:
            self._value = (self._standby.run(None),)
        return self._value[0]

    def cancel(self) -> None:
        """Stop the child if result() was not called (its value is not needed)."""
        self._standby.cancel()


def _serve(
    prepare: Callable[[], P],
    task: Callable[[P, A], T],
    given: int,
    taken: int,
    others: tuple[int, int],
    nice: int,
) -> None:
    """In the child: prepare, read the input, write task(input) pickled; leave without any cleanup."""
    status = 1
    try:
        for fd in others:
            os.close(fd)
        if nice:
            os.nice(nice)
        prepared = prepare()
        with os.fdopen(given, "rb") as handle:
            data = handle.read()
        if data:  # (none: cancelled)
            value = task(prepared, pickle.loads(data))
            with os.fdopen(taken, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)
