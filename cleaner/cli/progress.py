"""The progress line of ``article-cleaner batch`` on a terminal.

``1,234 docs  12.3 of 100.0 MB (12%)  2 errors  456 docs/s  1.10 MB/s  ETA 1:23``

It is drawn when the batch starts and then at most four times a second, after
a document is done or while the workers are busy. The share, rate and ETA count
the bytes of the input (as stored, so gzip too) up to the last record cleaned;
a pipe has no size, so there the line has no share and no ETA.
"""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress", "eta"]

REDRAW_EVERY = 0.25
"""Seconds between two redraws at most."""


def eta(seconds: float) -> str:
    """``h:mm:ss`` or ``m:ss``.

    >>> eta(83), eta(3725)
    ('1:23', '1:02:05')
    """
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """A one-line progress display, redrawn in place; silent when not on a terminal."""

    def __init__(self, stream: TextIO, total_bytes: int | None, *, enabled: bool | None = None):
        self.stream = stream
        self.total = total_bytes
        self.enabled = stream.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self.last = float("-inf")
        self.documents = 0
        self.errors = 0
        self.done_bytes = 0

    def update(self, documents: int, errors: int, done_bytes: int) -> None:
        """Take new counts; redraw when the last redraw is old enough."""
        self.documents, self.errors, self.done_bytes = documents, errors, done_bytes
        self.tick()

    def tick(self) -> None:
        """Redraw with the counts known, if the last redraw is old enough."""
        now = time.monotonic()
        if self.enabled and now - self.last >= REDRAW_EVERY:
            self.last = now
            self.stream.write("\r" + self.line(now) + "\033[K")
            self.stream.flush()

    def line(self, now: float) -> str:
        """The text of the progress line at time ``now``.

        >>> import io
        >>> p = Progress(io.StringIO(), 4_000_000, enabled=True)
        >>> p.documents, p.done_bytes = 100, 1_000_000
        >>> p.line(p.started + 2.0)
        '100 docs  1.0 of 4.0 MB (25%)  0 errors  50 docs/s  0.50 MB/s  ETA 0:06'
        """
        seconds = max(now - self.started, 1e-9)
        megabytes = self.done_bytes / 1e6
        size = f"{megabytes:,.1f} MB"
        if self.total:
            share = min(self.done_bytes / self.total, 1.0)
            size = f"{megabytes:,.1f} of {self.total / 1e6:,.1f} MB ({share:.0%})"
        parts = [f"{self.documents:,} docs", size, f"{self.errors:,} errors"]
        if self.documents:
            parts.append(f"{self.documents / seconds:,.0f} docs/s")
        if self.done_bytes:
            rate = self.done_bytes / seconds
            parts.append(f"{rate / 1e6:,.2f} MB/s")
            if self.total:
                parts.append("ETA " + eta(max(self.total - self.done_bytes, 0) / rate))
        return "  ".join(parts)

    def close(self) -> None:
        """Clear the line."""
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()
