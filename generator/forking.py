"""Run work in a forked child process: it inherits what the build holds, so nothing is copied to it.

Only the result crosses back, pickled through a pipe. Forking is used only where it is safe (Linux,
and no other thread in this process: can_fork); elsewhere, and whenever a child fails, the work is
done here instead, so the outcome never depends on how it was run.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Return True where forking is safe here: Linux, and this process runs no other thread.

    A thread may hold a lock at the moment of the fork that the child then waits on forever
    (`timeline serve` builds in a thread while its server runs); such builds stay in one process.
    """
    linux = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    return linux and threading.active_count() == 1


class Forked(Generic[T]):
    """`task()` started in a forked child (when can_fork), its value read back by result()."""

    def __init__(self, task: Callable[[], T]) -> None:
        self.task = task
        self.pid = 0
        self.pipe = -1
        if not can_fork():
            return
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: write the pickled value, then leave without running any cleanup
            status = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    pickle.dump(task(), out, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self.pid, self.pipe = pid, read

    def result(self) -> T:
        """Return the task's value: the child's, or (no child, or it failed) computed here."""
        if not self.pid:
            return self.task()
        with os.fdopen(self.pipe, "rb") as handle:
            data = handle.read()  # before waiting: a full pipe would keep the child from ending
        _, status = os.waitpid(self.pid, 0)
        if status == 0:
            try:
                value: T = pickle.loads(data)
                return value
            except Exception:  # a garbled result is only a reason to compute it here
                pass
        return self.task()
