"""The executor on a Dask cluster (the `dask` extra): `timeline extract --executor dask --scheduler ADDRESS`.

The same seam as generator.executor: a stage maps a pure, picklable function over its items; here
the items go to the cluster's workers and the results come back in order. Only this module imports
dask, so the base install never needs it. The workers must have this package installed, same version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from distributed import Client, Future, as_completed

from generator.errors import TimelineError
from generator.executor import Background, Done, Executor, Pending, Serial, Stream

T = TypeVar("T")
R = TypeVar("R")


class DaskExecutor:
    """Runs functions on the workers of a Dask cluster, reached by its scheduler's address or a Client.

    Tasks are keyed by their function and item (Dask's default), so equal items are computed once
    and each position still gets its result: extraction is deterministic, so nothing is lost.
    """

    def __init__(self, scheduler: str | Client) -> None:
        if isinstance(scheduler, Client):
            self.client, self.owned = scheduler, False
        else:
            try:
                self.client = Client(scheduler, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise TimelineError(
                    f"cannot reach the Dask scheduler at {scheduler!r} ({exc})",
                    hint="give the address `dask scheduler` prints, e.g. tcp://10.0.0.5:8786",
                ) from exc
            self.owned = True
        self.workers = max(1, len(self.client.nthreads()))

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], done: Done | None = None, least: int = 2
    ) -> list[R]:
        """Return [fn(item) for item in items] computed on the cluster (here with fewer than `least`
        items), calling done(count) as results come in."""
        if len(items) < least:
            return Serial().map(fn, items, done)
        futures = self.client.map(fn, items)
        try:
            if done is not None:
                for count, _ in enumerate(as_completed(futures, loop=self.client.loop), 1):
                    done(count)
            results: list[R] = self.client.gather(futures)
        except BaseException:
            self.client.cancel(futures)
            raise
        return results

    def stream(self, fn: Callable[[T], R], items: Sequence[T]) -> Stream[R]:
        """Start fn over the items on the cluster; iterate for the results as they complete."""
        return _Completed(self.client, self.client.map(fn, items))

    def background(self, fn: Callable[[], None]) -> Background:
        """Start fn() on a worker now (fn must pickle); join() waits for it, stop() cancels it."""
        return _Submitted(self.client.submit(fn, pure=False))

    def submit(self, fn: Callable[[], R], nice: int = 0) -> Pending[R]:
        """Start fn() on a worker now (fn must pickle); result() waits for its value."""
        return _Future(self.client.submit(fn, pure=False))

    def beside(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """Return [fn(item) for item in items], computed on the cluster."""
        return self.map(fn, items)

    def warmed(self, prepare: Callable[[], object], limit: int) -> Executor:
        """Return this executor: the cluster's workers stay warm by themselves."""
        return self

    def cancel(self) -> None:
        """Nothing runs beside the build here."""

    def close(self) -> None:
        """Disconnect from the scheduler when this executor opened the connection (the cluster stays)."""
        if self.owned:
            self.client.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class _Completed:
    def __init__(self, client: Client, futures: list[Future]) -> None:
        self.client = client
        self.futures = futures

    def __iter__(self) -> Iterator[Any]:
        for future in as_completed(self.futures, loop=self.client.loop):
            yield future.result()

    def close(self) -> None:
        self.client.cancel(self.futures)


class _Submitted:
    def __init__(self, future: Future) -> None:
        self.future = future

    def join(self) -> None:
        self.future.result()

    def stop(self) -> None:
        self.future.cancel()


class _Future:
    def __init__(self, future: Future) -> None:
        self.future = future

    def result(self) -> Any:
        return self.future.result()

    def cancel(self) -> None:
        self.future.cancel()
