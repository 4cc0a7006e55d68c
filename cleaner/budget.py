"""The time budget of one document (``Config.time_budget``).

Checked between stages: the core's stages run in time linear in the text, so
a check after each is enough for them. A long step in between (trafilatura's
extraction of a pathological page) is interrupted by an interval timer, where
one can be used without disturbing the program: in the main thread, when no
other timer runs and no handler of the program's own holds ``SIGALRM``. The
batch's workers and Spark's Python workers clean in their main thread.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import DocumentTimeoutError


class Deadline:
    """When the document's time is up, and the check that says so."""

    __slots__ = ("budget", "end", "start")

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.start = time.monotonic()
        self.end = self.start + budget

    def check(self, stage: str) -> None:
        """:class:`DocumentTimeoutError` when the budget is spent (``stage``: what just ran)."""
        now = time.monotonic()
        if now > self.end:
            raise self.error(stage, now)

    def error(self, stage: str, now: float | None = None) -> DocumentTimeoutError:
        spent = (time.monotonic() if now is None else now) - self.start
        return DocumentTimeoutError(
            f"the document took {spent:.2f} s, past its time budget of {self.budget:g} s "
            f"({stage})"
        )


def _timer_free() -> bool:
    """Whether an interval timer can be used here without disturbing the program."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    if signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        return False
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)


@contextmanager
def deadline(budget: float | None) -> Iterator[Deadline | None]:
    """The deadline of one document (``None`` without a budget), with the timer
    that interrupts a long step where one can be used."""
    if budget is None:
        yield None
        return
    found = Deadline(budget)
    if not _timer_free():
        yield found
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise found.error("interrupted")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        yield found
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
