"""Clean many documents: JSONL in, JSONL out, one output record per input record.

``article-cleaner batch pages.jsonl.gz -o clean.jsonl.gz --jobs 2 --dedupe``

Every output record has ``id``, ``text``, ``metadata``, ``removed``, ``warnings``
and ``error`` (``null``, or why the record could not be cleaned, in which case
``text`` and ``metadata`` are ``null``); with ``--dedupe`` also ``duplicate_of``
(``null``, or the id of an earlier record whose body is a near-copy). Records come
out in input order whatever ``--jobs`` is. A bad line never stops the batch.

Library users get the same records from :func:`iter_clean`.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from .assemble import GUARD_WARNING
from .errors import CleanerError
from .fingerprint import NearDuplicateIndex, simhash64

if TYPE_CHECKING:
    from .pipeline import Cleaner

__all__ = ["Fields", "add_batch_parser", "iter_clean", "run_batch"]

DEFAULT_CHUNKSIZE = 32
"""Records sent to a worker process at a time."""
_IN_FLIGHT_PER_JOB = 4
"""Chunks waiting or being cleaned per worker: bounds memory whatever the input size."""
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class Fields:
    """Which fields of an input record hold the text, the HTML, the URL and the id."""

    text: str = "text"
    html: str | None = None
    url: str | None = "url"
    id: str | None = "id"


@dataclass(slots=True)
class Outcome:
    """One cleaned (or failed) record and what the summary needs to know about it."""

    record: dict[str, Any]
    chars_in: int = 0
    chars_removed: int = 0
    from_html: bool = False
    fingerprint: int | None = None


class RecordError(ValueError):
    """A record that cannot be cleaned as given (bad JSON, missing or mistyped field)."""


# Cleaning one record -----------------------------------------------------------


def _parse(item: Any) -> Any:
    """A record from a raw JSONL line (bytes or str), or the item itself."""
    if isinstance(item, (bytes, bytearray)):
        try:
            item = item.decode("utf-8").lstrip("\N{ZERO WIDTH NO-BREAK SPACE}")  # BOM
        except UnicodeDecodeError as exc:
            raise RecordError(f"line is not UTF-8: {exc.reason} at byte {exc.start}") from None
    if isinstance(item, str):
        try:
            return json.loads(item)
        except json.JSONDecodeError as exc:
            raise RecordError(f"invalid JSON: {exc}") from None
    return item


def _string_field(record: dict[str, Any], name: str | None, *, optional: bool) -> str | None:
    """The string in ``record[name]``; ``None`` when absent or null and ``optional``."""
    value = record.get(name) if name else None
    if value is None:
        if optional:
            return None
        raise RecordError(f"missing field {name!r}")
    if not isinstance(value, str):
        raise RecordError(f"field {name!r} must be a string, not {type(value).__name__}")
    return value


def _record_id(record: Any, fields: Fields, number: int) -> Any:
    """The record's id field when it has one, else its 1-based number."""
    if fields.id and isinstance(record, dict):
        value = record.get(fields.id)
        if value is not None:
            return value
    return number


def error_record(record_id: Any, message: str) -> dict[str, Any]:
    """The output record of a record that could not be cleaned."""
    return {
        "id": record_id,
        "text": None,
        "metadata": None,
        "removed": [],
        "warnings": [],
        "error": message,
    }


def clean_record(cleaner: Cleaner, fields: Fields, number: int, item: Any) -> Outcome:
    """Clean one record (a dict, or a raw JSONL line); failures become error records."""
    record_id: Any = number
    try:
        record = _parse(item)
        record_id = _record_id(record, fields, number)
        if not isinstance(record, dict):
            raise RecordError(f"record must be a JSON object, not {type(record).__name__}")
        url = _string_field(record, fields.url, optional=True)
        html = _string_field(record, fields.html, optional=True) if fields.html else None
        if html is not None:
            source, doc = html, cleaner.clean_html(html, url=url)
        else:
            source = _string_field(record, fields.text, optional=False) or ""
            doc = cleaner.clean(source, url=url)
    except RecordError as exc:
        return Outcome(error_record(record_id, str(exc)))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        return Outcome(error_record(record_id, f"{type(exc).__name__}: {exc}"))
    out = {"id": record_id, **doc.to_dict(), "error": None}
    fingerprint = doc.metadata.fingerprint
    return Outcome(
        out,
        chars_in=len(source),
        chars_removed=sum(len(removal.text) for removal in doc.removed),
        from_html=html is not None,
        fingerprint=int(fingerprint, 16) if fingerprint else simhash64(doc.text),
    )


# Running over many records -----------------------------------------------------

_worker_state: tuple[Cleaner, Fields] | None = None


def _init_worker(cleaner: Cleaner, fields: Fields) -> None:
    """Keep the Cleaner in the worker process; Ctrl-C is the parent's to handle."""
    global _worker_state
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_state = (cleaner, fields)


def _clean_chunk(chunk: list[tuple[int, Any]]) -> list[Outcome]:
    """Clean a chunk of numbered records in a worker process."""
    assert _worker_state is not None
    cleaner, fields = _worker_state
    return [clean_record(cleaner, fields, number, item) for number, item in chunk]


def _chunks(items: Iterable[tuple[int, Any]], size: int) -> Iterator[list[tuple[int, Any]]]:
    """Consecutive lists of at most ``size`` items."""
    chunk: list[tuple[int, Any]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _outcomes(
    items: Iterable[tuple[int, Any]],
    cleaner: Cleaner,
    fields: Fields,
    jobs: int,
    chunksize: int,
) -> Iterator[list[Outcome]]:
    """Chunks of outcomes in input order, cleaned in ``jobs`` processes.

    At most ``jobs * 4`` chunks are in flight, so memory does not grow with the input.
    """
    if jobs <= 1:
        for chunk in _chunks(items, chunksize):
            yield [clean_record(cleaner, fields, number, item) for number, item in chunk]
        return
    executor = ProcessPoolExecutor(
        jobs, initializer=_init_worker, initargs=(cleaner, fields), mp_context=_share_model(cleaner)
    )
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        for chunk in _chunks(items, chunksize):
            pending.append(executor.submit(_clean_chunk, chunk))
            if len(pending) >= jobs * _IN_FLIGHT_PER_JOB:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        executor.shutdown(wait=not pending, cancel_futures=True)


def _share_model(cleaner: Cleaner) -> Any:
    """Where processes are forked, load the language model (about 75 MB of arrays)
    once in this process so that the workers share its pages instead of each
    loading a copy; ``gc.freeze`` keeps the collector from touching them."""
    import gc
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None  # spawn only (Windows, macOS default): each worker loads its own
    config = getattr(cleaner, "config", None)  # any object with .clean() may be given
    if getattr(config, "detect_language", False):
        from .language import load_model

        load_model()
    gc.freeze()
    return multiprocessing.get_context("fork")


def _mark_duplicates(chunks: Iterator[list[Outcome]], bits: int) -> Iterator[list[Outcome]]:
    """Add ``duplicate_of`` to every record: the id of its earliest near-copy, or None."""
    index = NearDuplicateIndex(bits)
    try:
        for chunk in chunks:
            for outcome in chunk:
                record = outcome.record
                earlier = None
                if record["error"] is None and outcome.fingerprint and record["text"]:
                    earlier = index.add_or_find(outcome.fingerprint, record["id"])
                record["duplicate_of"] = earlier
            yield chunk
    finally:
        chunks.close()  # type: ignore[attr-defined]


def _run(
    items: Iterable[tuple[int, Any]],
    cleaner: Cleaner,
    fields: Fields,
    *,
    jobs: int,
    dedupe: bool,
    dedupe_bits: int,
    chunksize: int,
) -> Iterator[list[Outcome]]:
    """Chunks of outcomes, in order, duplicates marked when asked."""
    chunks = _outcomes(items, cleaner, fields, jobs, chunksize)
    return _mark_duplicates(chunks, dedupe_bits) if dedupe else chunks


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
    """Clean ``records`` (dicts, or raw JSON lines) and yield one output record each, in order.

    A record that cannot be cleaned gives a record with ``error`` set and ``text``
    ``None``; the others go on. The id of a record is its ``id_field`` value, else
    its 1-based position. With ``jobs > 1`` records are cleaned in that many
    processes, the Cleaner sent once to each; the input is read lazily, a few
    chunks ahead. With ``dedupe`` every record gets ``duplicate_of``.

    >>> from cleaner import Cleaner                                # doctest: +SKIP
    >>> for out in iter_clean([{"id": 7, "text": page}], Cleaner()):  # doctest: +SKIP
    ...     print(out["id"], out["text"][:60])
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    fields = Fields(text=text_field, html=html_field, url=url_field, id=id_field)
    numbered = enumerate(records, start=1)
    for chunk in _run(
        numbered,
        cleaner,
        fields,
        jobs=jobs,
        dedupe=dedupe,
        dedupe_bits=dedupe_bits,
        chunksize=chunksize,
    ):
        for outcome in chunk:
            yield outcome.record


# Files -------------------------------------------------------------------------


class _CountingLines:
    """The non-blank lines of a binary stream, numbered from 1, counting bytes read."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.bytes_read = 0

    def __iter__(self) -> Iterator[tuple[int, bytes]]:
        for number, line in enumerate(self.stream, start=1):
            self.bytes_read += len(line)
            if line.strip():
                yield number, line


def open_input(path: str | None) -> BinaryIO:
    """A binary stream of the JSONL at ``path`` ('-' or None: stdin), gzip or not.

    Gzip is recognised by its magic bytes, so ``.gz`` files and piped gzip both work.
    """
    raw: Any = sys.stdin.buffer if path in (None, "-") else open(path, "rb")  # noqa: SIM115
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)
    if raw.peek(2)[:2] == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw  # type: ignore[no-any-return]


def open_output(path: str | None) -> BinaryIO:
    """A binary stream to ``path`` ('-' or None: stdout), gzip when it ends in ``.gz``."""
    if path in (None, "-"):
        return sys.stdout.buffer
    if path.endswith(".gz"):
        return gzip.open(path, "wb")  # type: ignore[return-value]
    return open(path, "wb")


def dumps_line(record: dict[str, Any]) -> bytes:
    """One JSONL line, UTF-8; lone surrogates from the input are kept as escapes."""
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record) + "\n").encode("ascii")


# Summary and progress ----------------------------------------------------------


@dataclass(slots=True)
class Summary:
    """Counts over a batch, for the closing report."""

    documents: int = 0
    errors: int = 0
    with_warnings: int = 0
    guard: int = 0
    duplicates: int = 0
    text_chars_in: int = 0
    text_chars_removed: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        record = outcome.record
        self.documents += 1
        if record["error"] is not None:
            self.errors += 1
            return
        warnings = record["warnings"]
        if warnings:
            self.with_warnings += 1
            if any(warning.startswith(GUARD_WARNING + ":") for warning in warnings):
                self.guard += 1
        if record.get("duplicate_of") is not None:
            self.duplicates += 1
        if not outcome.from_html:
            self.text_chars_in += outcome.chars_in
            self.text_chars_removed += outcome.chars_removed

    def report(self, bytes_in: int, *, dedupe: bool, interrupted: bool = False) -> str:
        """The closing report, a few aligned lines."""
        seconds = max(time.monotonic() - self.started, 1e-9)
        removed = self.text_chars_removed / self.text_chars_in if self.text_chars_in else 0.0
        lines = [
            "article-cleaner batch" + (": interrupted" if interrupted else ""),
            f"  documents      {self.documents:,}",
            f"  input          {bytes_in / 1e6:,.1f} MB",
            f"  removed        {removed:.1%} of characters (text records)",
            f"  with warnings  {self.with_warnings:,} (removal guard fired: {self.guard:,})",
            f"  errors         {self.errors:,}",
        ]
        if dedupe:
            lines.append(f"  duplicates     {self.duplicates:,}")
        lines.append(
            f"  speed          {self.documents / seconds:,.1f} docs/s, "
            f"{bytes_in / 1e6 / seconds:,.2f} MB/s ({seconds:,.1f} s)"
        )
        return "\n".join(lines) + "\n"


class _Progress:
    """A one-line progress display on a terminal, redrawn at most a few times a second."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.last = 0.0

    def update(self, summary: Summary, bytes_in: int) -> None:
        """Redraw the line if enough time has passed."""
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.25:
            return
        self.last = now
        rate = summary.documents / max(now - summary.started, 1e-9)
        self.stream.write(
            f"\r{summary.documents:,} docs  {bytes_in / 1e6:,.1f} MB  "
            f"{summary.errors:,} errors  {rate:,.0f} docs/s "
        )
        self.stream.flush()

    def close(self) -> None:
        """Clear the line."""
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


class _Interrupts:
    """Ctrl-C handling that never cuts a line in half.

    While :meth:`deferred` is active a SIGINT is only noted, and raised as
    KeyboardInterrupt when the block ends; elsewhere it is raised at once.
    """

    def __init__(self) -> None:
        self.deferring = False
        self.pending = False
        self.previous: Any = None

    def _handle(self, signum: int, frame: Any) -> None:
        if self.deferring:
            self.pending = True
        else:
            raise KeyboardInterrupt

    def __enter__(self) -> None:
        try:
            self.previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread: signals are not ours to handle
            self.previous = None

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold Ctrl-C until the block is done."""
        self.deferring = True
        try:
            yield
        finally:
            self.deferring = False
        if self.pending:
            raise KeyboardInterrupt


# Command line ------------------------------------------------------------------


def add_batch_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``batch`` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "batch",
        help="clean a JSONL file of documents",
        description=(
            "Clean every record of a JSONL file (plain or gzip; '-' or nothing: stdin) "
            "and write one JSON record per input record, in order, to OUTPUT "
            "(plain, or gzip if it ends in .gz; default stdout). A record that cannot "
            "be cleaned gets 'error' set and the batch goes on. A summary goes to stderr."
        ),
    )
    parser.add_argument("input", nargs="?", default="-", metavar="INPUT", help="JSONL file")
    parser.add_argument("-o", "--output", default="-", metavar="OUTPUT", help="JSONL file")
    parser.add_argument("--text-field", default="text", help="field holding the text")
    parser.add_argument(
        "--html-field", default=None, help="field holding HTML; cleaned as HTML where present"
    )
    parser.add_argument("--url-field", default="url", help="field holding the URL")
    parser.add_argument(
        "--id-field", default="id", help="field holding the id (default: the line number)"
    )
    parser.add_argument(
        "--rules",
        action="append",
        metavar="RULES",
        help="rule set name or path of a rule file; repeat for several",
    )
    add_timeout_option(parser)
    parser.add_argument("--jobs", "-j", type=int, default=1, help="processes (default 1)")
    parser.add_argument(
        "--dedupe",
        action="store_true",
        help="add 'duplicate_of': the id of an earlier record whose body is a near-copy",
    )
    parser.add_argument(
        "--dedupe-bits",
        type=int,
        default=3,
        metavar="K",
        help="fingerprints within K bits are near-copies (default 3)",
    )
    parser.add_argument("--chunksize", type=int, default=DEFAULT_CHUNKSIZE, help=argparse.SUPPRESS)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")
    return parser


def add_timeout_option(parser: argparse.ArgumentParser) -> None:
    """``--regex-timeout SECONDS``: ``Config.regex_timeout`` from the command line."""
    parser.add_argument(
        "--regex-timeout", type=float, default=None, metavar="SECONDS",
        help="time one pattern may run on one block before the document fails (default 2)",
    )


def cleaner_options(args: argparse.Namespace) -> dict[str, Any]:
    """Cleaner keyword options given on the command line."""
    timeout = getattr(args, "regex_timeout", None)
    return {} if timeout is None else {"regex_timeout": timeout}


def _usage_error(message: str) -> int:
    """Print a usage error and give exit status 2."""
    sys.stderr.write(f"article-cleaner batch: error: {message}\n")
    return 2


def _check_numbers(args: argparse.Namespace) -> str | None:
    """What is wrong with the numeric options, if anything."""
    if args.jobs < 1:
        return f"--jobs must be at least 1, got {args.jobs}"
    if not 0 <= args.dedupe_bits < 64:
        return f"--dedupe-bits must be between 0 and 63, got {args.dedupe_bits}"
    if getattr(args, "chunksize", DEFAULT_CHUNKSIZE) < 1:
        return "--chunksize must be at least 1"
    if getattr(args, "regex_timeout", None) is not None and not args.regex_timeout > 0:
        return f"--regex-timeout must be more than 0, got {args.regex_timeout}"
    return None


def run_batch(args: argparse.Namespace) -> int:
    """Run ``article-cleaner batch``; 0 when the batch completed, 2 on usage errors."""
    problem = _check_numbers(args)
    if problem:
        return _usage_error(problem)
    from .pipeline import Cleaner

    try:
        cleaner = Cleaner(rules=args.rules or None, **cleaner_options(args))
    except (CleanerError, OSError) as exc:
        return _usage_error(str(exc))
    try:
        source = open_input(args.input)
    except OSError as exc:
        return _usage_error(f"cannot read {args.input}: {exc.strerror or exc}")
    try:
        sink = open_output(args.output)
    except OSError as exc:
        source.close()
        return _usage_error(f"cannot write {args.output}: {exc.strerror or exc}")
    with source:
        return _write_all(args, cleaner, source, sink)


def _write_all(
    args: argparse.Namespace, cleaner: Cleaner, source: IO[bytes], sink: IO[bytes]
) -> int:
    """Clean every line of ``source`` into ``sink``; complete lines only, even on Ctrl-C."""
    fields = Fields(
        text=args.text_field, html=args.html_field, url=args.url_field, id=args.id_field
    )
    lines = _CountingLines(source)
    summary = Summary()
    progress = _Progress(sys.stderr) if not args.quiet else None
    interrupted = False
    status = 0
    chunks = _run(
        lines,
        cleaner,
        fields,
        jobs=args.jobs,
        dedupe=args.dedupe,
        dedupe_bits=args.dedupe_bits,
        chunksize=getattr(args, "chunksize", DEFAULT_CHUNKSIZE),
    )
    interrupts = _Interrupts()
    try:
        with interrupts:
            for chunk in chunks:
                with interrupts.deferred():
                    sink.write(b"".join(dumps_line(outcome.record) for outcome in chunk))
                    sink.flush()
                for outcome in chunk:
                    summary.add(outcome)
                if progress:
                    progress.update(summary, lines.bytes_read)
    except KeyboardInterrupt:
        interrupted, status = True, 130
    except (OSError, BrokenProcessPool) as exc:  # unreadable input, full disk, lost worker
        sys.stderr.write(f"article-cleaner batch: error: {exc}\n")
        status = 1
    finally:
        with interrupts.deferred():
            chunks.close()
            if sink is not sys.stdout.buffer:
                sink.close()
    if progress:
        progress.close()
        sys.stderr.write(
            summary.report(lines.bytes_read, dedupe=args.dedupe, interrupted=interrupted)
        )
    return status


def main(argv: list[str] | None = None) -> int:
    """``python -m cleaner.batch``: the batch subcommand on its own."""
    parser = argparse.ArgumentParser(prog="article-cleaner")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_batch_parser(subparsers)
    return run_batch(parser.parse_args(["batch", *(sys.argv[1:] if argv is None else argv)]))


if __name__ == "__main__":
    sys.exit(main())
