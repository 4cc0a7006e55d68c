"""``article-cleaner batch``: JSONL, WARC or WET in, JSONL out, a summary on stderr.

Exit status: 0 when every record was cleaned (or no more failed than
``--max-errors``), 1 when more failed or the batch broke off (a write failed,
a worker died), 2 for bad usage or an input that cannot be opened, 130 on Ctrl-C.
Ctrl-C never leaves half a line: the output ends with the last complete record.

``--resume`` continues a batch that stopped (killed, crashed, Ctrl-C): records
come out in input order, one per input record, so the N records already in
the output are those of the first N input records. Those are skipped, each
checked to have the id its output record has, and the rest appended.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from ..batch.io import (
    Done,
    Input,
    InputFormatError,
    ResumeError,
    id_key,
    open_input,
    open_output,
    read_done,
)
from ..batch.pool import DEFAULT_CHUNKSIZE
from ..batch.records import Fields, identify
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
    parser.add_argument(
        "--resume", action="store_true",
        help="continue a batch that stopped: keep the records already in OUTPUT, skip "
             "as many input records (each checked to have the id of its output record), "
             "clean the rest and append them. A cut last line, or a cut or corrupt last "
             "gzip member, is dropped first (its complete lines are kept). Records that "
             "failed stay as they are, not retried. Give the same INPUT and options as "
             "before (--dedupe too: it is checked). Needs -o; when OUTPUT does not "
             "exist yet the batch starts from the beginning",
    )
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
            done = _read_done(args)
        except options.UsageError as exc:
            return _usage_error(str(exc))
        fields = Fields(text=args.text_field, html=args.html_field, url=args.url_field,
                        id=args.id_field)
        items = source.items()
        start = 0
        if done is not None and len(done):
            try:
                _skip_done(items, done, fields, source, args.output)
            except options.UsageError as exc:
                return _usage_error(str(exc))
            except (OSError, EOFError, zlib.error) as exc:
                options.error(f"error: cannot read {source.name}: {exc}", "batch")
                return 1
            start = source.position
        try:
            sink = open_output(args.output, append=done is not None)
        except OSError as exc:
            return _usage_error(f"cannot write {args.output}: {exc.strerror or exc}")
        return _write_all(args, cleaner, source, sink, items=items, done=done, start=start)


run = run_batch


def _read_done(args: argparse.Namespace) -> Done | None:
    """With ``--resume``, the records already in the output (a damaged end cut off);
    ``None`` without it, or when the output does not exist yet."""
    if not args.resume:
        return None
    if args.output in (None, "-"):
        raise options.UsageError("--resume needs -o OUTPUT: the file to continue")
    if not os.path.exists(args.output):
        return None
    try:
        done = read_done(args.output, fingerprints=args.dedupe)
    except ResumeError as exc:
        raise options.UsageError(str(exc)) from None
    except (OSError, EOFError) as exc:
        raise options.UsageError(
            f"cannot resume {args.output}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    if done.deduped is not None and done.deduped != args.dedupe:
        given = "with" if done.deduped else "without"
        raise options.UsageError(
            f"{args.output} was written {given} --dedupe; resume {given} it too"
        )
    if done.dropped and not args.quiet:
        sys.stderr.write(
            f"article-cleaner batch: the end of {args.output} was cut short; "
            f"kept its {len(done):,} complete records\n"
        )
    return done


def _skip_done(
    items: Iterator[tuple[int, Any]], done: Done, fields: Fields, source: Input, output: str
) -> None:
    """Read past the input records whose output records are in ``done``, checking ids."""
    count = 0
    for number, item in items:
        rid = identify(fields, number, item)
        if id_key(rid) != done.keys[count]:
            raise options.UsageError(
                f"record {count + 1:,} of {output} is not that of input record {count + 1:,} "
                f"(id {rid!r}): is {source.name} the input it was written from, with the "
                "same field options?"
            )
        count += 1
        if count == len(done):
            return
    raise options.UsageError(
        f"{output} holds {len(done):,} records but {source.name} only {count:,}: "
        "it was not written from this input"
    )


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


def _write_all(
    args: argparse.Namespace,
    cleaner: Cleaner,
    source: Input,
    sink: IO[bytes],
    *,
    items: Iterator[tuple[int, Any]] | None = None,
    done: Done | None = None,
    start: int = 0,
) -> int:
    """Clean every record of ``items`` (default: all of ``source``) into ``sink``;
    complete lines only, even on Ctrl-C. ``done``: the records already in the
    output when resuming; ``start``: the input bytes read past to skip them."""
    fields = Fields(text=args.text_field, html=args.html_field, url=args.url_field,
                    id=args.id_field)
    summary = Summary()
    if done is not None:
        summary.resumed, summary.resumed_errors = len(done), done.errors
    total = None if source.size is None else max(source.size - start, 0)
    progress = Progress(sys.stderr, total, enabled=False if args.quiet else None)
    positions: deque[int] = deque()  # where in the input each record in flight ends
    records = source.items() if items is None else items

    def numbered() -> Iterator[tuple[int, Any]]:
        try:
            for number, item in records:
                positions.append(source.position - start)
                yield number, item
        except (OSError, EOFError, zlib.error) as exc:  # a corrupt file or gzip stream
            raise _ReadError(f"cannot read {source.name}: {exc}") from exc

    interrupted = False
    status = 0
    outcomes = iter_outcomes(
        numbered(), cleaner, fields, jobs=args.jobs, chunksize=args.chunksize,
        dedupe=args.dedupe, dedupe_bits=args.dedupe_bits, idle=progress.tick,
        seen=done.fingerprints if done is not None else (),
        lines=True,  # written by the workers: the parent only writes them out
    )
    interrupts = _Interrupts()
    flushed = time.monotonic()
    progress.tick()
    try:
        with interrupts:
            for outcome in outcomes:
                with interrupts.deferred():
                    assert outcome.line is not None
                    sink.write(outcome.line)
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
        sys.stderr.write(summary.report(source.position - start, dedupe=args.dedupe,
                                        interrupted=interrupted, skipped=source.skipped))
    # The status is that of the whole output, earlier records included.
    failed = summary.failed + summary.resumed_errors
    if status == 0 and failed > args.max_errors:
        options.error(
            f"{failed:,} of {summary.documents + summary.resumed:,} records could not be "
            f"cleaned (see their 'error' field); --max-errors {failed} to accept that",
            "batch",
        )
        status = 1
    return status
