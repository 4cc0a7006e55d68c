"""``article-cleaner batch``: JSONL, WARC or WET in, JSONL out, a summary on stderr.

Exit status: 0 when every record was cleaned (or no more failed than
``--max-errors``), 1 when more failed or the batch broke off (a write failed,
a worker died), 2 for bad usage or an input that cannot be opened, 130 on Ctrl-C.
Ctrl-C never leaves half a line: the output ends with the last complete record.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from ..batch.io import Input, InputFormatError, open_input, open_output
from ..batch.pool import DEFAULT_CHUNKSIZE
from ..batch.records import Fields, dumps_line
from ..batch.run import iter_outcomes
from ..batch.summary import Summary
from ..errors import CleanerError
from . import options
from .progress import Progress

if TYPE_CHECKING:
    from ..pipeline import Cleaner

__all__ = ["add_batch_parser", "add_parser", "run", "run_batch"]

FLUSH_EVERY = 1.0
"""Seconds between two flushes of the output, so readers of a growing file see records."""
_FIELD_DEFAULTS = {"text_field": "text", "html_field": None, "url_field": "url", "id_field": "id"}


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``batch`` to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "batch",
        help="clean a JSONL, WARC or WET file of documents",
        description=(
            "Clean every record of INPUT and write one JSON record per document, in order, "
            "to OUTPUT (plain, or gzip if it ends in .gz; default stdout). INPUT is JSONL "
            "(plain or gzip; '-' or nothing: stdin), or a WARC or WET file (by its name or "
            "content; needs the extra article-cleaner[warc]): WET conversion records are "
            "cleaned as text, WARC HTML responses as HTML. A record that cannot be cleaned "
            "gets 'error' set and the batch goes on, but the exit status is 1 unless "
            "--max-errors allows that many. A summary goes to stderr."
        ),
    )
    parser.add_argument("input", nargs="?", default="-", metavar="INPUT",
                        help="JSONL, WARC or WET file")
    parser.add_argument("-o", "--output", default="-", metavar="OUTPUT", help="JSONL file")
    fields = parser.add_argument_group(
        "JSONL fields",
        "By default a record's 'text' is cleaned as text, or its 'html' as HTML when it "
        "has no 'text'.",
    )
    fields.add_argument("--text-field", default="text", metavar="NAME",
                        help="field holding the text (default 'text')")
    fields.add_argument("--html-field", default=None, metavar="NAME",
                        help="field holding HTML; cleaned as HTML where present, the text "
                             "field where not")
    fields.add_argument("--url-field", default="url", metavar="NAME",
                        help="field holding the URL (default 'url')")
    fields.add_argument("--id-field", default="id", metavar="NAME",
                        help="field holding the id (default 'id', else the line number)")
    options.add_rules_option(parser)
    options.add_config_options(parser, page_hint=", what WET files hold")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                        help="processes (default 1)")
    parser.add_argument(
        "--max-errors", type=int, default=0, metavar="N",
        help="exit 0 even when up to N records could not be cleaned (default 0)",
    )
    parser.add_argument(
        "--dedupe", action="store_true",
        help="add 'duplicate_of': the id of an earlier record whose body is a near-copy",
    )
    parser.add_argument(
        "--dedupe-bits", type=int, default=3, metavar="K",
        help="fingerprints within K bits are near-copies (default 3)",
    )
    parser.add_argument("--chunksize", type=int, default=DEFAULT_CHUNKSIZE, help=argparse.SUPPRESS)
    options.add_quiet_option(parser, "no progress line and no summary (errors still show)")
    return parser


add_batch_parser = add_parser


def _usage_error(message: str) -> int:
    """Print a usage error and give exit status 2."""
    options.error(f"error: {message}", "batch")
    return 2


def _check_numbers(args: argparse.Namespace) -> None:
    """Raise UsageError for numeric options out of range."""
    if args.jobs < 1:
        raise options.UsageError(f"--jobs must be at least 1, got {args.jobs}")
    if args.max_errors < 0:
        raise options.UsageError(f"--max-errors must not be negative, got {args.max_errors}")
    if not 0 <= args.dedupe_bits < 64:
        raise options.UsageError(f"--dedupe-bits must be between 0 and 63, got {args.dedupe_bits}")
    if args.chunksize < 1:
        raise options.UsageError("--chunksize must be at least 1")


def _check_fields(args: argparse.Namespace, source: Input) -> None:
    """Field options mean nothing for WARC input: say so rather than ignore them."""
    given = [f"--{name.replace('_', '-')}" for name, default in _FIELD_DEFAULTS.items()
             if getattr(args, name) != default]
    if source.format == "warc" and given:
        raise options.UsageError(
            f"{' and '.join(given)} apply to JSONL input; {source.name} is read as WARC"
        )


def run_batch(args: argparse.Namespace) -> int:
    """Run ``article-cleaner batch`` with parsed arguments; the exit status."""
    try:
        _check_numbers(args)
        cleaner = options.build_cleaner(args)
    except (options.UsageError, CleanerError, OSError) as exc:
        return _usage_error(str(exc))
    try:
        source = open_input(args.input)
    except OSError as exc:
        return _usage_error(f"cannot read {args.input}: {exc.strerror or exc}")
    except (InputFormatError, ImportError) as exc:
        return _usage_error(str(exc))
    with source:
        try:
            _check_fields(args, source)
        except options.UsageError as exc:
            return _usage_error(str(exc))
        try:
            sink = open_output(args.output)
        except OSError as exc:
            return _usage_error(f"cannot write {args.output}: {exc.strerror or exc}")
        return _write_all(args, cleaner, source, sink)


run = run_batch


class _ReadError(Exception):
    """The input broke off in the middle (a corrupt gzip stream or WARC record)."""


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


def _write_all(args: argparse.Namespace, cleaner: Cleaner, source: Input, sink: IO[bytes]) -> int:
    """Clean every record of ``source`` into ``sink``; complete lines only, even on Ctrl-C."""
    fields = Fields(text=args.text_field, html=args.html_field, url=args.url_field,
                    id=args.id_field)
    summary = Summary()
    progress = Progress(sys.stderr, source.size, enabled=False if args.quiet else None)
    positions: deque[int] = deque()  # where in the input each record in flight ends

    def numbered() -> Iterator[tuple[int, Any]]:
        try:
            for number, item in source.items():
                positions.append(source.position)
                yield number, item
        except (OSError, EOFError, zlib.error) as exc:  # a corrupt file or gzip stream
            raise _ReadError(f"cannot read {source.name}: {exc}") from exc

    interrupted = False
    status = 0
    outcomes = iter_outcomes(
        numbered(), cleaner, fields, jobs=args.jobs, chunksize=args.chunksize,
        dedupe=args.dedupe, dedupe_bits=args.dedupe_bits, idle=progress.tick,
    )
    interrupts = _Interrupts()
    flushed = time.monotonic()
    progress.tick()
    try:
        with interrupts:
            for outcome in outcomes:
                with interrupts.deferred():
                    sink.write(dumps_line(outcome.record))
                summary.add(outcome)
                progress.update(summary.documents, summary.failed, positions.popleft())
                if time.monotonic() - flushed >= FLUSH_EVERY:
                    with interrupts.deferred():
                        sink.flush()
                    flushed = time.monotonic()
    except KeyboardInterrupt:
        interrupted, status = True, 130
    except (_ReadError, OSError, BrokenProcessPool) as exc:  # bad input, full disk, lost worker
        progress.close()
        options.error(f"error: {exc}", "batch")
        status = 1
    finally:
        with interrupts.deferred():
            outcomes.close()
            if sink is not sys.stdout.buffer:
                sink.close()
            else:
                sink.flush()
    progress.close()
    if not args.quiet:
        sys.stderr.write(summary.report(source.position, dedupe=args.dedupe,
                                        interrupted=interrupted, skipped=source.skipped))
    if status == 0 and summary.failed > args.max_errors:
        options.error(
            f"{summary.failed:,} of {summary.documents:,} records could not be cleaned "
            f"(see their 'error' field); --max-errors {summary.failed} to accept that",
            "batch",
        )
        status = 1
    return status
