"""The Dask executor on a LocalCluster bound to 127.0.0.1: results in order, and `timeline extract
--executor dask` printing what `--executor local` prints."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from generator.cli import EXIT_ERROR, main

if os.environ.get("CI") == "true":
    import distributed  # CI installs the dask extra (make test): missing, this module fails
else:
    distributed = pytest.importorskip("distributed")

from generator.dask_executor import DaskExecutor  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """Return the address of a two-worker cluster of processes listening on 127.0.0.1 only (its
    scheduler's web server too, which dashboard_address=None would put on port 8787)."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        yield cluster.scheduler_address
    # distributed keeps one idle thread for the life of the process (utils._offload_executor). Ended
    # here: the tests after these fork, and only a process without other threads forks (can_fork).
    offload = getattr(distributed.utils, "_offload_executor", None)
    if offload is not None:
        offload.shutdown(wait=True)
    deadline = time.monotonic() + 10
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    assert not left, f"Dask left threads behind, so later tests cannot fork: {left}"


def square_with_pid(x: int) -> tuple[int, int]:
    time.sleep(0.01 * (x % 3))  # finish out of order
    return x * x, os.getpid()


def test_map_keeps_order_reports_progress_and_runs_on_the_workers(scheduler: str) -> None:
    seen: list[int] = []
    with DaskExecutor(scheduler) as executor:
        assert executor.workers == 2
        made = executor.map(square_with_pid, list(range(20)), seen.append)
    assert [value for value, _ in made] == [x * x for x in range(20)]
    assert os.getpid() not in {pid for _, pid in made}
    assert seen == list(range(1, 21))


def test_equal_items_each_get_their_result_and_few_items_stay_here(scheduler: str) -> None:
    with DaskExecutor(scheduler) as executor:
        seen: list[int] = []
        made = executor.map(square_with_pid, [2, 2, 3, 2], seen.append)
        assert [value for value, _ in made] == [4, 4, 9, 4] and seen == [1, 2, 3, 4]
        assert executor.map(square_with_pid, [5], least=2) == [(25, os.getpid())]


def test_stream_yields_every_result_and_background_joins(scheduler: str) -> None:
    with DaskExecutor(scheduler) as executor:
        stream = executor.stream(square_with_pid, [1, 2, 3])
        assert sorted(value for value, _ in stream) == [1, 4, 9]
        stream.close()
        executor.background(partial(time.sleep, 0)).join()
        started = time.monotonic()
        executor.background(partial(time.sleep, 1.0)).stop()  # cancelled: not waited for
        assert time.monotonic() - started < 1.0


def extract(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, str]:
    status = main(["extract", *args])
    captured = capsysbinary.readouterr()
    return status, captured.out, captured.err.decode("utf-8")


def test_extract_on_the_cluster_prints_what_local_extraction_prints(
    scheduler: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    # Local extraction as a user runs it: its own process, forking a worker per core.
    local = subprocess.run(
        [sys.executable, "-m", "generator", "extract", str(SEEDS)],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    ).stdout
    status, serial, _ = extract(capsysbinary, str(SEEDS), "--executor", "local", "--jobs", "1")
    assert status == 0 and serial == local
    status, on_dask, _ = extract(capsysbinary, str(SEEDS), "--executor", "dask", "--scheduler", scheduler)
    assert status == 0
    assert on_dask == local
    assert len(on_dask.splitlines()) == 5


def test_dask_without_a_scheduler_is_a_usage_error(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, err = extract(capsysbinary, str(SEEDS), "--executor", "dask")
    assert status == EXIT_ERROR and out == b""
    assert "--executor dask needs --scheduler ADDRESS" in err
    status, _, err = extract(capsysbinary, str(SEEDS), "--scheduler", "tcp://127.0.0.1:8786")
    assert status == EXIT_ERROR and "--scheduler needs --executor dask" in err


def test_without_dask_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.delitem(sys.modules, "generator.dask_executor")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    status, out, err = extract(capsysbinary, str(SEEDS), "--executor", "dask", "--scheduler", "tcp://x:1")
    assert status == EXIT_ERROR and out == b""
    assert "needs Dask, which is not installed" in err and "pip install '.[dask]'" in err


def test_a_file_the_engine_fails_on_stops_extract_as_before(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from generator import extract as stage

    real = stage.extract_text
    third = sorted(SEEDS.glob("*.txt"))[2].read_text(encoding="utf-8")

    def choking(text: str, *args: object, **kwargs: object) -> object:
        if text.strip() == third.strip():
            raise RuntimeError("choked")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stage, "extract_text", choking)
    status, out, err = extract(capsysbinary, str(SEEDS), "--jobs", "1")
    assert status == EXIT_ERROR and len(out.splitlines()) == 2  # the files before it, then the error
    assert "internal error: RuntimeError: choked" in err
