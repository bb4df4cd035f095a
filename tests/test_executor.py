"""The executor: results in order, here or in forked workers, and the work done here when they fail."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from generator import executor
from generator.executor import Forking, Serial, can_fork, choose

needs_fork = pytest.mark.skipif(not can_fork(), reason="forking is unsafe in this process")


def square_with_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_jobs_choose_the_executor() -> None:
    assert isinstance(choose(1), Serial) and not isinstance(choose(1), Forking)
    assert isinstance(choose(2), Forking) and choose(2).workers == 2
    assert choose(0).workers == (os.cpu_count() or 1)


def test_serial_maps_in_order_here_and_reports_progress() -> None:
    seen: list[int] = []
    assert Serial().map(square_with_pid, [1, 2, 3], seen.append) == [
        (1, os.getpid()),
        (4, os.getpid()),
        (9, os.getpid()),
    ]
    assert seen == [1, 2, 3]


@needs_fork
def test_forking_maps_in_order_in_workers_that_inherit_what_is_not_picklable() -> None:
    local = {"offset": 10}  # a closure: never pickled, the workers inherit it
    seen: list[int] = []
    made = Forking(2).map(lambda x: (x + local["offset"], os.getpid()), list(range(40)), seen.append)
    assert [value for value, _ in made] == [x + 10 for x in range(40)]
    assert os.getpid() not in {pid for _, pid in made}
    assert seen[-1] == 40 and seen == sorted(seen)


def test_fewer_items_than_least_are_done_here() -> None:
    made = Forking(2).map(square_with_pid, [1, 2, 3], least=4)
    assert {pid for _, pid in made} == {os.getpid()}


def test_a_dying_pool_leaves_the_rest_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures.process import BrokenProcessPool

    class DyingPool:
        def __init__(self, *_args: object, **_kwargs: object) -> None:
            pass

        def __enter__(self) -> DyingPool:
            return self

        def __exit__(self, *_exc: object) -> None:
            return None

        def map(self, *_args: object, **_kwargs: object) -> Any:
            yield (1, -1)  # one result came back before a worker was killed
            raise BrokenProcessPool("worker killed")

    monkeypatch.setattr(executor, "ProcessPoolExecutor", DyingPool)
    made = Forking(2).map(square_with_pid, [1, 2, 3, 4])
    assert made[0] == (1, -1) and made[1:] == [(4, os.getpid()), (9, os.getpid()), (16, os.getpid())]


def test_from_a_thread_nothing_is_forked() -> None:
    found: list[Any] = []

    def run() -> None:
        assert not can_fork()
        found.extend(Forking(2).map(square_with_pid, [1, 2, 3, 4]))
        found.append(sorted(Forking(2).stream(lambda x: x * 2, [1, 2, 3])))

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert [value for value, _ in found[:4]] == [1, 4, 9, 16]  # (in a spawned pool: a module function)
    assert found[4] == [2, 4, 6]


@needs_fork
def test_a_stream_yields_every_result_and_close_stops_the_workers() -> None:
    stream = Forking(2).stream(lambda x: (x, os.getpid()), list(range(20)))
    made = list(stream)
    stream.close()
    assert sorted(x for x, _ in made) == list(range(20)) and os.getpid() not in {p for _, p in made}
    slow = Forking(2).stream(lambda x: time.sleep(30), [1, 2])
    started = time.monotonic()
    slow.close()
    assert time.monotonic() - started < 10


def test_serial_background_work_runs_only_when_joined(tmp_path: Path) -> None:
    mark = tmp_path / "ran"
    work = Serial().background(lambda: mark.write_text("yes"))
    assert not mark.exists()
    work.join()
    assert mark.read_text() == "yes"
    dropped = Serial().background(lambda: (tmp_path / "never").write_text("no"))
    dropped.stop()
    dropped.join()
    assert not (tmp_path / "never").exists()


@needs_fork
def test_forking_background_work_runs_in_another_process_and_can_be_stopped(tmp_path: Path) -> None:
    mark = tmp_path / "pid"
    work = Forking(2).background(lambda: mark.write_text(str(os.getpid())))
    work.join()
    assert int(mark.read_text()) != os.getpid()
    endless = Forking(2).background(lambda: time.sleep(60))
    started = time.monotonic()
    endless.stop()
    assert time.monotonic() - started < 10


@needs_fork
def test_a_submitted_value_comes_back_from_a_child_or_is_computed_here_when_the_child_fails() -> None:
    big = list(range(100_000))  # inherited, not sent
    pending = Forking(2).submit(lambda: (sum(big), os.getpid()))
    total, pid = pending.result()
    assert total == sum(big) and pid != os.getpid()
    parent = os.getpid()

    def dies_in_a_child() -> int:
        if os.getpid() != parent:
            os._exit(3)
        return 7

    assert Forking(2).submit(dies_in_a_child).result() == 7
    slow = Forking(2).submit(lambda: time.sleep(60))
    started = time.monotonic()
    slow.cancel()
    assert time.monotonic() - started < 10


def test_beside_computes_the_first_share_here_and_keeps_the_order() -> None:
    for runner in (Serial(), Forking(2)):
        made = runner.beside(square_with_pid, [2, 3, 4])
        assert [value for value, _ in made] == [4, 9, 16] and made[0][1] == os.getpid()
    later = Serial().submit(lambda: os.getpid())
    assert later.result() == os.getpid()


@needs_fork
def test_a_warmed_worker_prepares_at_once_and_maps_a_few_items_later(tmp_path: Path) -> None:
    mark = tmp_path / "prepared"
    warm = Forking(2).warmed(lambda: mark.write_text(str(os.getpid())), limit=3)
    deadline = time.monotonic() + 10
    while not mark.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    worker = int(mark.read_text())
    assert worker != os.getpid(), "prepared before any input came"
    assert warm.map(square_with_pid, [1, 2, 3]) == [(1, worker), (4, worker), (9, worker)]
    more = Forking(2).warmed(lambda: None, limit=3)
    made = more.map(square_with_pid, list(range(10)))  # past the limit: the executor's own workers
    assert [value for value, _ in made] == [x * x for x in range(10)]
    unused = Forking(2).warmed(lambda: time.sleep(60), limit=3)
    started = time.monotonic()
    unused.cancel()
    assert time.monotonic() - started < 10
    assert Serial().warmed(lambda: None, limit=3).map(square_with_pid, [2]) == [(4, os.getpid())]
