"""Clean many documents: JSONL, WARC or WET in, JSONL out, one output record per document.

``article-cleaner batch pages.jsonl.gz -o clean.jsonl.gz --jobs 2 --dedupe``

Every output record has ``id``, ``text``, ``metadata``, ``removed``, ``warnings``
and ``error`` (``null``, or why the record could not be cleaned, in which case
``text`` and ``metadata`` are ``null``); with ``--dedupe`` also ``duplicate_of``
(``null``, or the id of an earlier record whose body is a near-copy). Records come
out in input order whatever ``--jobs`` is. A bad record never stops the batch.

- :mod:`cleaner.batch.records`: records in and out, which field to clean;
- :mod:`cleaner.batch.pool`: the worker pool;
- :mod:`cleaner.batch.io`: JSONL, gzip, WARC and WET files;
- :mod:`cleaner.batch.run`: :func:`iter_clean`, the same records for library users;
- :mod:`cleaner.batch.summary`: the counts of the closing report.

The command itself lives in :mod:`cleaner.cli.batch`.
"""

from __future__ import annotations

from typing import Any

from .records import CrawlRecord, Fields, Outcome, RecordError, clean_record, error_record
from .run import iter_clean, iter_outcomes

__all__ = [
    "CrawlRecord",
    "Fields",
    "Outcome",
    "RecordError",
    "add_batch_parser",
    "clean_record",
    "error_record",
    "iter_clean",
    "iter_outcomes",
    "run_batch",
]


def __getattr__(name: str) -> Any:
    """``add_batch_parser`` and ``run_batch``, from the command line's module."""
    if name in ("add_batch_parser", "run_batch"):
        from ..cli import batch as command

        return getattr(command, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
