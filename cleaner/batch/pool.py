"""The worker pool: one function over many items in ``jobs`` processes, in input order.

This is the only pool of the package: ``article-cleaner batch``,
:func:`cleaner.batch.iter_clean` and :meth:`cleaner.Cleaner.clean_many` run on it.

- The *state* (a Cleaner, say) reaches each worker once, not with every item;
  the function gets it as its first argument: ``func(state, item)``.
- Items are read lazily and sent in chunks; at most ``jobs * 4`` chunks are in
  flight, so memory does not grow with the input, and results come back in
  input order as soon as the earliest chunk is done.
- Where processes can be forked (Linux) and the caller runs no other thread,
  the workers are forked after ``preload`` ran in the parent, so they share what
  it built (for a Cleaner: the rule patterns' programs, the rule tables, the
  scoring patterns, the language model) instead of each building a copy;
  ``gc.freeze`` keeps the collector from touching those pages. Elsewhere
  workers are spawned and get the state by pickling.
- Workers ignore Ctrl-C: the parent stops the pool and cancels what is left.
- An exception raised by ``func`` reaches the caller from the result it belongs to.

>>> list(ordered_map(pow, [1, 2, 3], 2))
[2, 4, 8]
"""

from __future__ import annotations

import gc
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from typing import Any, TypeVar

__all__ = ["DEFAULT_CHUNKSIZE", "IN_FLIGHT_PER_JOB", "chunked", "ordered_map"]

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

DEFAULT_CHUNKSIZE = 32
"""Items sent to a worker process at a time."""
IN_FLIGHT_PER_JOB = 4
"""Chunks waiting or being worked on per worker: bounds memory whatever the input size."""
IDLE_EVERY = 0.5
"""Seconds between two calls of ``idle`` while the pool waits for a result."""

_state: Any = None
"""The state, in a worker process."""


def _init_worker(state: Any) -> None:
    """Keep the state in the worker process; Ctrl-C is the parent's to handle."""
    global _state
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _state = state


def _run_chunk(func: Callable[[Any, T], R], chunk: list[T]) -> list[R]:
    """Apply ``func`` to a chunk of items in a worker process."""
    return [func(_state, item) for item in chunk]


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items.

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ordered_map(
    func: Callable[[S, T], R],
    items: Iterable[T],
    state: S,
    *,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    preload: Callable[[], object] | None = None,
    idle: Callable[[], object] | None = None,
) -> Generator[R, None, None]:
    """``func(state, item)`` for every item, in order, in ``jobs`` processes.

    ``jobs=1`` runs in this process, one item at a time. ``func`` must be a
    module-level function and ``state`` picklable where workers are spawned.
    ``preload`` runs in this process before workers are forked (see the module's
    notes); ``idle`` is called every half second while a result is awaited (to
    redraw a progress line, say). Closing the iterator early stops the workers.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, got {chunksize}")
    if jobs == 1:
        for item in items:
            yield func(state, item)
        return
    executor = _start(jobs, state, preload)
    pending: deque[Future[list[R]]] = deque()
    try:
        for chunk in chunked(items, chunksize):
            pending.append(executor.submit(_run_chunk, func, chunk))
            while pending and (pending[0].done() or len(pending) >= jobs * IN_FLIGHT_PER_JOB):
                yield from _result(pending.popleft(), idle)
        while pending:
            yield from _result(pending.popleft(), idle)
    finally:
        executor.shutdown(wait=not pending, cancel_futures=True)


def _start(jobs: int, state: Any, preload: Callable[[], object] | None) -> ProcessPoolExecutor:
    """A pool of ``jobs`` started workers: forked when it is safe, else spawned."""
    import multiprocessing

    fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if not fork:  # spawn: Windows, macOS, or a caller with threads (forking them is unsafe)
        return ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(state,),
        )
    if preload is not None:
        preload()
    executor = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_init_worker,
        initargs=(state,),
    )
    gc.freeze()  # the workers inherit these objects frozen: their pages stay shared
    try:
        executor.submit(int).result()  # with fork, the first task starts every worker
    finally:
        gc.unfreeze()  # in this process the collector goes on as before
    return executor


def _result(future: Future[list[R]], idle: Callable[[], object] | None) -> list[R]:
    """The result of ``future``, calling ``idle`` every half second until it is there."""
    if idle is not None:
        while not wait_for([future], timeout=IDLE_EVERY).done:
            idle()
    return future.result()
