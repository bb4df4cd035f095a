"""Work in a forked process: the value comes back, and a failure there is work done here instead."""

from __future__ import annotations

import os

import pytest

from generator import forking
from generator.forking import Forked

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
