"""Clean many records on the worker pool: outcomes in input order, duplicates marked."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .pool import DEFAULT_CHUNKSIZE, ordered_map
from .records import Fields, Outcome, as_line, clean_record, with_duplicate_of

if TYPE_CHECKING:
    from ..pipeline import Cleaner

__all__ = ["iter_clean", "iter_outcomes", "preload"]


def preload(cleaner: Any) -> None:
    """Build what forked workers then share (:meth:`Cleaner.prepare
    <cleaner.pipeline.Cleaner.prepare>`). Any object with ``.clean()`` may be
    given; only a Cleaner is prepared."""
    from ..pipeline import Cleaner

    if isinstance(cleaner, Cleaner):
        cleaner.prepare()


def _clean_numbered(state: tuple[Cleaner, Fields, bool], numbered: tuple[int, Any]) -> Outcome:
    """The pool's task: one numbered record (written as its line, when asked)."""
    cleaner, fields, lines = state
    number, item = numbered
    outcome = clean_record(cleaner, fields, number, item)
    return as_line(outcome) if lines else outcome


def _mark_duplicates(
    outcomes: Generator[Outcome, None, None],
    bits: int,
    seen: Iterable[tuple[int, Any]] = (),
) -> Generator[Outcome, None, None]:
    """Add ``duplicate_of`` to every record: the id of its earliest near-copy, or None.

    ``seen``: ``(fingerprint, id)`` of the records before these, in order.
    """
    from ..fingerprint import NearDuplicateIndex

    index = NearDuplicateIndex(bits)
    for fingerprint, key in seen:
        index.add(fingerprint, key)
    try:
        for outcome in outcomes:
            record = outcome.record
            earlier = None
            if record["error"] is None and outcome.fingerprint and outcome.chars_out:
                earlier = index.add_or_find(outcome.fingerprint, record["id"])
            record["duplicate_of"] = earlier
            if outcome.line is not None:
                outcome.line = with_duplicate_of(outcome.line, earlier)
            yield outcome
    finally:
        outcomes.close()


def iter_outcomes(
    numbered: Iterable[tuple[int, Any]],
    cleaner: Cleaner,
    fields: Fields,
    *,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    dedupe: bool = False,
    dedupe_bits: int = 3,
    idle: Callable[[], object] | None = None,
    seen: Iterable[tuple[int, Any]] = (),
    lines: bool = False,
) -> Generator[Outcome, None, None]:
    """An :class:`~cleaner.batch.records.Outcome` per ``(number, item)``, in order.

    ``idle`` is called every half second while the pool waits for workers.
    ``seen``: with ``dedupe``, ``(fingerprint, id)`` of records cleaned before
    (by a batch being resumed), which later records may be near-copies of.
    ``lines``: each outcome comes with its record written as a JSONL line
    (``Outcome.line``), by the worker that cleaned it, and a record cut down
    to ``id``, ``error``, ``warnings`` (and ``duplicate_of``): the parent of
    the workers then only writes lines, which keeps it from becoming the
    bottleneck of a pool (it encoded and unpickled every record before, a
    sixth of the work of one record).
    """
    outcomes = ordered_map(
        _clean_numbered,
        numbered,
        (cleaner, fields, lines),
        jobs=jobs,
        chunksize=chunksize,
        preload=lambda: preload(cleaner),
        idle=idle,
    )
    return _mark_duplicates(outcomes, dedupe_bits, seen) if dedupe else outcomes


def iter_clean(
    records: Iterable[Any],
    cleaner: Cleaner,
    *,
    jobs: int = 1,
    text_field: str = "text",
    html_field: str | None = None,
    url_field: str | None = "url",
    id_field: str | None = "id",
    dedupe: bool = False,
    dedupe_bits: int = 3,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Iterator[dict[str, Any]]:
    """Clean ``records`` and yield one output record each, in order.

    Records are dicts, raw JSON lines or :class:`~cleaner.batch.records.CrawlRecord`.
    A record that cannot be cleaned gives a record with ``error`` set and ``text``
    ``None``; the others go on. The id of a record is its ``id_field`` value, else
    its 1-based position. The HTML field, when named and present, is cleaned as
    HTML, else the text field; with neither named, a record with only ``html``
    is cleaned as HTML. With ``jobs > 1`` records are cleaned in that many
    processes (:mod:`cleaner.batch.pool`), the input read lazily, a few chunks
    ahead. With ``dedupe`` every record gets ``duplicate_of``.

    >>> class Upper:                       # any object with clean() and clean_html()
    ...     def clean(self, text, url=None):
    ...         from cleaner import Document, Metadata
    ...         return Document(text.upper(), Metadata(url=url))
    >>> [out["text"] for out in iter_clean([{"text": "a"}, {"body": "b"}], Upper())]
    ['A', None]
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    fields = Fields(text=text_field, html=html_field, url=url_field, id=id_field)
    outcomes = iter_outcomes(
        enumerate(records, start=1),
        cleaner,
        fields,
        jobs=jobs,
        chunksize=chunksize,
        dedupe=dedupe,
        dedupe_bits=dedupe_bits,
    )
    for outcome in outcomes:
        yield outcome.record
