"""What a batch did, counted as it goes, and the closing report."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from .records import Outcome

__all__ = ["Summary"]


@dataclass(slots=True)
class Summary:
    """Counts over a batch, for the progress line and the closing report."""

    documents: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    """Failed records by kind of failure."""
    with_warnings: int = 0
    guard: int = 0
    duplicates: int = 0
    text_records: int = 0
    text_chars_in: int = 0
    text_chars_removed: int = 0
    html_records: int = 0
    html_chars_in: int = 0
    html_chars_out: int = 0
    started: float = field(default_factory=time.monotonic)
    resumed: int = 0
    """Records already in the output from an earlier batch, not cleaned again."""
    resumed_errors: int = 0
    """Of those, the error records."""

    @property
    def failed(self) -> int:
        """Records that could not be cleaned."""
        return sum(self.errors.values())

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        record = outcome.record
        self.documents += 1
        if record["error"] is not None:
            self.errors[outcome.error_kind or "error"] += 1
            return
        warnings = record["warnings"]
        if warnings:
            from ..assemble import GUARD_WARNING  # the pipeline has it loaded by now

            self.with_warnings += 1
            if any(warning.startswith(GUARD_WARNING + ":") for warning in warnings):
                self.guard += 1
        if record.get("duplicate_of") is not None:
            self.duplicates += 1
        if outcome.html:
            self.html_records += 1
            self.html_chars_in += outcome.chars_in
            self.html_chars_out += outcome.chars_out
        else:
            self.text_records += 1
            self.text_chars_in += outcome.chars_in
            self.text_chars_removed += outcome.chars_removed

    def report(
        self,
        bytes_in: int,
        *,
        dedupe: bool,
        interrupted: bool = False,
        skipped: Counter[str] | None = None,
    ) -> str:
        """The closing report, a few aligned lines.

        >>> print(Summary(documents=2, errors=Counter({"invalid JSON": 2})).report(
        ...     0, dedupe=False).splitlines()[4])
          errors         2 (2 invalid JSON)
        """
        seconds = max(time.monotonic() - self.started, 1e-9)
        lines = [
            "article-cleaner batch" + (": interrupted" if interrupted else ""),
            f"  documents      {self.documents:,}",
            f"  input          {bytes_in / 1e6:,.1f} MB",
        ]
        if self.text_records:
            share = self.text_chars_removed / self.text_chars_in if self.text_chars_in else 0.0
            lines.append(
                f"  removed        {share:.1%} of characters ({_count(self.text_records, 'text record')})"
            )
        if self.html_records:
            share = self.html_chars_out / self.html_chars_in if self.html_chars_in else 0.0
            lines.append(
                f"  html pages     {self.html_records:,}: the body is {share:.1%} "
                "of the page's characters"
            )
        lines.append(f"  with warnings  {self.with_warnings:,} (removal guard fired: {self.guard:,})")
        lines.append(f"  errors         {self.failed:,}{_breakdown(self.errors)}")
        if self.resumed:
            lines.append(
                f"  already done   {_count(self.resumed, 'record')} in the output from before, "
                f"not cleaned again ({self.resumed_errors:,} errors)"
            )
        if skipped:
            lines.append(
                f"  skipped        {_count(sum(skipped.values()), 'WARC record')}{_breakdown(skipped)}"
            )
        if dedupe:
            lines.append(f"  duplicates     {self.duplicates:,}")
        lines.append(
            f"  speed          {self.documents / seconds:,.1f} docs/s, "
            f"{bytes_in / 1e6 / seconds:,.2f} MB/s ({seconds:,.1f} s)"
        )
        return "\n".join(lines) + "\n"


def _breakdown(counts: Counter[str]) -> str:
    """`` (n kind, n kind)``, most frequent first; empty when there is nothing.

    >>> _breakdown(Counter({"missing field": 1, "invalid JSON": 3}))
    ' (3 invalid JSON, 1 missing field)'
    """
    if not counts:
        return ""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return " (" + ", ".join(f"{count:,} {kind}" for kind, count in ordered) + ")"


def _count(number: int, noun: str) -> str:
    """``1 text record``, ``2 text records``.

    >>> _count(1, "text record"), _count(1200, "text record")
    ('1 text record', '1,200 text records')
    """
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
