"""Work in a forked process: the value comes back, and a failure there is work done here instead."""

from __future__ import annotations

import os
import signal
import time

import pytest

from generator import forking
from generator.forking import Forked, Standby

pytestmark = pytest.mark.skipif(not forking.can_fork(), reason="forks only on Linux")


def test_the_value_comes_back_from_the_child() -> None:
    here = os.getpid()
    forked = Forked(lambda: (os.getpid(), [1, "٢", {"three": 3.0}]))
    assert forked.pid
    pid, value = forked.result()
    assert pid == forked.pid != here
    assert value == [1, "٢", {"three": 3.0}]


def test_a_child_that_fails_or_dies_leaves_the_work_to_this_process() -> None:
    here = os.getpid()

    def fails_elsewhere() -> int:
        if os.getpid() != here:
            raise RuntimeError("only in the child")
        return 7

    def dies_elsewhere() -> int:
        if os.getpid() != here:
            os._exit(9)
        return 8

    assert Forked(fails_elsewhere).result() == 7
    assert Forked(dies_elsewhere).result() == 8


def test_without_forking_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    forked = Forked(os.getpid)
    assert not forked.pid
    assert forked.result() == os.getpid()


def test_a_standby_prepares_before_its_input_comes_and_stops_when_not_needed() -> None:
    here = os.getpid()
    standby = Standby(os.getpid, lambda prepared, x: (prepared, os.getpid(), x * 2))
    child = standby.pid
    assert child and child != here
    assert standby.run(21) == (child, child, 42)  # prepared and ran in the child
    idle = Standby(lambda: time.sleep(60), lambda _, x: x)
    waiting = idle.pid
    started = time.monotonic()
    idle.cancel()
    assert time.monotonic() - started < 10, "stopped at once, not after its preparation"
    with pytest.raises(ChildProcessError):
        os.waitpid(waiting, 0)  # reaped already
    idle.cancel()  # twice is harmless


def test_a_standby_that_dies_leaves_the_work_to_this_process() -> None:
    here = os.getpid()

    def prepare() -> int:
        if os.getpid() != here:
            os._exit(3)
        return 5

    assert Standby(prepare, lambda prepared, x: prepared + x).run(1) == 6


def test_a_child_forked_later_does_not_keep_an_earlier_one_waiting() -> None:
    # The second child would hold a copy of the first one's input pipe, and the first would wait for
    # its end forever, had the second not closed what it inherited.
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("a child waited for input that had ended"))
    signal.alarm(20)
    try:
        first = Forked(lambda: "first")
        second = Forked(lambda: "second")
        assert first.result() == "first"
        assert second.result() == "second"
        assert first.result() == "first"  # read once, kept
    finally:
        signal.alarm(0)


def test_a_nice_child_gives_way_to_the_others() -> None:
    assert Forked(lambda: os.nice(0), nice=5).result() == os.nice(0) + 5
