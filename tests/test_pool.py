"""The worker pool (cleaner.batch.pool) and Cleaner.clean_many, which runs on it."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import FIXTURES

from cleaner.batch import pool
from cleaner.batch.pool import ordered_map


def _scaled(factor: int, item: int) -> int:
    if item < 0:
        raise ValueError(f"negative item {item}")
    time.sleep(0.001 * (item % 3))  # finish out of order
    return factor * item


def _pid(state: object, item: int) -> int:
    return os.getpid()


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_in_input_order(jobs: int) -> None:
    assert list(ordered_map(_scaled, range(100), 3, jobs=jobs, chunksize=7)) == [
        3 * n for n in range(100)
    ]


def test_work_runs_in_other_processes() -> None:
    pids = set(ordered_map(_pid, range(40), None, jobs=2, chunksize=1))
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_reaches_the_caller_at_its_item(jobs: int) -> None:
    results = ordered_map(_scaled, [1, 2, -1, 4], 1, jobs=jobs, chunksize=1)
    assert next(results) == 1 and next(results) == 2
    with pytest.raises(ValueError, match="negative item -1"):
        next(results)


def test_input_is_read_lazily_and_memory_stays_bounded() -> None:
    drawn = 0

    def endless() -> Iterator[int]:
        nonlocal drawn
        while True:
            drawn += 1
            yield drawn

    results = ordered_map(_scaled, endless(), 1, jobs=2, chunksize=4)
    assert [next(results) for _ in range(10)] == list(range(1, 11))
    results.close()  # stops the workers
    assert drawn <= 10 + 2 * pool.IN_FLIGHT_PER_JOB * 4 + 4


def test_idle_is_called_while_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "IDLE_EVERY", 0.01)
    calls = []

    def tick() -> None:
        calls.append(time.monotonic())

    # Each item takes 0.2 s in a worker: the parent waits, and ticks meanwhile.
    assert list(ordered_map(_sleepy, [1, 2, 3, 4], 0.2, jobs=2, chunksize=1, idle=tick)) == [
        1, 2, 3, 4
    ]
    assert len(calls) >= 4


def _sleepy(seconds: float, item: int) -> int:
    time.sleep(seconds)
    return item


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        list(ordered_map(_scaled, [1], 1, jobs=0))
    with pytest.raises(ValueError, match="chunksize must be at least 1"):
        list(ordered_map(_scaled, [1], 1, jobs=2, chunksize=0))


def test_a_caller_with_threads_gets_spawned_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    contexts = []
    real = pool.ProcessPoolExecutor

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        contexts.append(kwargs["mp_context"].get_start_method())
        return real(*args, **kwargs)

    monkeypatch.setattr(pool, "ProcessPoolExecutor", spy)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert list(ordered_map(_scaled, [1, 2], 5, jobs=2)) == [5, 10]
    finally:
        stop.set()
        thread.join()
    assert contexts == ["spawn"]


def test_clean_many_gives_the_same_documents_with_two_processes(cleaner_default) -> None:
    texts = [(FIXTURES / "seeds" / f"00{i}.txt").read_text(encoding="utf-8") for i in range(5)]
    serial = [doc.text for doc in cleaner_default.clean_many(texts)]
    parallel = [doc.text for doc in cleaner_default.clean_many(texts * 2, jobs=2)]
    assert parallel == serial * 2
    assert serial[1].startswith("TOKYO, June 18 (Reuters)")


def test_prepare_builds_what_documents_would_and_changes_no_result() -> None:
    from cleaner import Cleaner

    texts = [(FIXTURES / "seeds" / f"00{i}.txt").read_text(encoding="utf-8") for i in range(5)]
    fresh = [Cleaner().clean(text).to_dict() for text in texts]
    prepared = Cleaner()
    prepared.prepare()
    book = prepared.ruleset.compiled(prepared.config.regex_timeout)
    built = book.core.memory()["programs"]
    assert built > 0
    assert [prepared.clean(text).to_dict() for text in texts] == fresh
    assert book.core.memory()["programs"] == built  # the documents built nothing more
    assert len(prepared._matchers) == len({
        tuple(i for i, r in enumerate(prepared.ruleset.rules) if r.applies_to(lang, None))
        for lang in [None, "de", "en", "es", "fr", "it", "pl", "pt"]
    })


def test_forked_workers_are_given_a_prepared_cleaner() -> None:
    import multiprocessing

    from cleaner import Cleaner

    texts = [(FIXTURES / "seeds" / f"00{i}.txt").read_text(encoding="utf-8") for i in range(3)]
    serial = [doc.text for doc in Cleaner().clean_many(texts)]
    cleaner = Cleaner()
    assert [doc.text for doc in cleaner.clean_many(texts, jobs=2)] == serial
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        # Prepared in this process, before the workers were forked: they share it.
        book = cleaner.ruleset.compiled(cleaner.config.regex_timeout)
        assert book.core.memory()["programs"] > 0
