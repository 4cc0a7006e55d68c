"""Batch input and output: JSONL (plain or gzip), WARC and WET files, stdin and stdout.

:func:`open_input` reads the start of the input to tell its format: a name
ending in ``.warc``, ``.wet`` (before any ``.gz``) or content starting with
``WARC/`` (gzip or not) is read as WARC; anything else as JSONL, gzip
recognised by its magic bytes so piped gzip works too. It counts the bytes it
reads, so a progress line can say how far into the file a batch is.

WARC and WET files are read with FastWARC (extra ``article-cleaner[warc]``):
each ``conversion`` record (the text of a WET file) and each HTTP ``response``
whose payload is HTML (2xx status; ``text/html`` or ``application/xhtml+xml``, or
no type and markup at the start) becomes a :class:`~cleaner.batch.records.CrawlRecord`;
other responses (images, redirects, PDFs) are skipped and counted.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Literal, Protocol

if TYPE_CHECKING:
    from typing_extensions import Self

from .records import CrawlRecord

__all__ = ["Input", "InputFormatError", "open_input", "open_output", "warc_records"]

Format = Literal["jsonl", "warc"]

WARC_EXTRA = "pip install 'article-cleaner[warc]'"
_GZIP_MAGIC = b"\x1f\x8b"
_OTHER_COMPRESSION = (
    (b"(\xb5/\xfd", "zstd", "zstd -dc"),
    (b"\xfd7zXZ\x00", "xz", "xz -dc"),
    (b"BZh", "bzip2", "bzip2 -dc"),
    (b"\x04\x22\x4d\x18", "lz4", "lz4 -dc"),
)
_COMPRESSED_SUFFIXES = (".gz", ".zst", ".lz4")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PEEK = 4096


class InputFormatError(ValueError):
    """The input is in a form the batch cannot read; the message says what to do."""


class _Readable(Protocol):
    def readinto(self, buffer: Any, /) -> int | None: ...


class CountingReader(io.RawIOBase):
    """A binary stream passing on another one's bytes and counting them.

    ``tell()`` gives the count, so readers that ask for the position of a pipe
    (FastWARC does, once) get one.
    """

    def __init__(self, inner: _Readable) -> None:
        super().__init__()
        self.inner = inner
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        read1 = getattr(self.inner, "readinto1", None)  # no waiting for a full buffer
        count = read1(buffer) if read1 is not None else self.inner.readinto(buffer)
        self.position += count or 0
        return count or 0

    def tell(self) -> int:
        return self.position


@dataclass(eq=False)
class Input:
    """An opened batch input: where it comes from, its format, how far it is read."""

    name: str
    format: Format
    stream: io.BufferedReader[CountingReader]
    """The bytes as stored (gzip still compressed), counted as they are read."""
    counter: CountingReader
    size: int | None
    """The size of the file in bytes; ``None`` for a pipe."""
    owned: IO[bytes] | None = None
    """The file opened here, closed by :meth:`close` (not stdin)."""
    skipped: Counter[str] = field(default_factory=Counter)
    """WARC records passed over, by reason (``"not HTML"``, ``"HTTP status 404"``)."""

    @property
    def position(self) -> int:
        """Bytes of the stored input read so far."""
        return self.counter.position

    def items(self) -> Iterator[tuple[int, Any]]:
        """``(number, item)`` for each record: a raw JSONL line (numbered by line;
        blank lines are not records) or a :class:`CrawlRecord` (numbered from 1)."""
        if self.format == "warc":
            return enumerate(warc_records(self.stream, self.skipped), start=1)
        return _jsonl_lines(self.stream)

    def close(self) -> None:
        if self.owned is not None:
            self.owned.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _jsonl_lines(stream: io.BufferedReader[CountingReader]) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a JSONL stream, gzip or not, numbered from 1."""
    lines: Iterable[bytes] = stream
    if stream.peek(2)[:2] == _GZIP_MAGIC:
        lines = gzip.GzipFile(fileobj=stream, mode="rb")
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


def _file_size(raw: Any) -> int | None:
    """The size of a regular file (stdin redirected from a file too); ``None`` for a pipe."""
    try:
        info = os.fstat(raw.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _stored_name(name: str) -> str:
    """The name without its compression suffix: ``a.warc.gz`` -> ``a.warc``."""
    lowered = name.lower()
    for suffix in _COMPRESSED_SUFFIXES:
        if lowered.endswith(suffix):
            return lowered[: -len(suffix)]
    return lowered


def _decompressed_head(head: bytes) -> bytes:
    """The first bytes of the content, through gzip when it is gzip."""
    if head[:2] != _GZIP_MAGIC:
        return head
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 64)
    except zlib.error:
        return b""


def detect_format(name: str, head: bytes) -> Format:
    """``"warc"`` for a WARC or WET file by its name or its first bytes, else ``"jsonl"``.

    >>> detect_format("CC-MAIN-1.warc.wet.gz", b"")
    'warc'
    >>> detect_format("-", b"WARC/1.0\\r\\nWARC-Type: conversion")
    'warc'
    >>> detect_format("pages.jsonl.gz", b"\\x1f\\x8b")
    'jsonl'
    """
    stored = _stored_name(name)
    if stored.endswith((".warc", ".wet", ".arc")):
        return "warc"
    if stored.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    return "warc" if _decompressed_head(head).startswith(b"WARC/") else "jsonl"


def _check_compression(name: str, head: bytes, form: Format) -> None:
    """JSONL is read plain or gzip; say how to decompress anything else."""
    if form == "warc":
        return  # FastWARC reads gzip, zstd and lz4 itself
    for magic, what, command in _OTHER_COMPRESSION:
        if head.startswith(magic):
            if name == "-":
                raise InputFormatError(
                    f"standard input is {what}-compressed; JSONL is read plain or gzip: "
                    f"pipe it through '{command}' first"
                )
            raise InputFormatError(
                f"{name} is {what}-compressed; JSONL is read plain or gzip: "
                f"{command} {name} | article-cleaner batch -"
            )


def open_input(path: str | None) -> Input:
    """Open a batch input (``'-'`` or ``None``: stdin) and tell its format.

    Raises :class:`OSError` when it cannot be read, :class:`InputFormatError` when it
    is compressed in a way JSONL is not read, and :class:`ImportError` naming the
    extra to install when it is WARC and FastWARC is missing.
    """
    name = "-" if path in (None, "-") else str(path)
    owned: IO[bytes] | None = None
    if name == "-":
        raw: Any = sys.stdin.buffer
    else:
        raw = owned = open(name, "rb")  # noqa: SIM115 - closed by Input.close
    try:
        counter = CountingReader(raw)
        stream = io.BufferedReader(counter, buffer_size=1 << 16)
        head = stream.peek(_PEEK)[:_PEEK]
        form = detect_format(name, head)
        _check_compression(name, head, form)
        if form == "warc":
            _fastwarc()
    except BaseException:
        if owned is not None:
            owned.close()
        raise
    return Input(name, form, stream, counter, _file_size(raw), owned)


def open_output(path: str | None) -> BinaryIO:
    """A binary stream to ``path`` ('-' or None: stdout), gzip when it ends in ``.gz``."""
    if path in (None, "-"):
        return sys.stdout.buffer
    if path.endswith(".gz"):
        return gzip.open(path, "wb")  # type: ignore[return-value]
    return open(path, "wb")


# WARC and WET ------------------------------------------------------------------


def _fastwarc() -> Any:
    """The FastWARC module, or an ImportError that names the extra to install."""
    try:
        import fastwarc.warc
    except ImportError as exc:
        raise ImportError(f"reading WARC and WET files needs FastWARC: {WARC_EXTRA}") from exc
    return fastwarc.warc


def _looks_like_markup(payload: bytes) -> bool:
    head = payload[:1024].lstrip().lower()
    return head.startswith(b"<") and (b"<html" in head or b"<!doctype" in head or b"<body" in head)


def warc_records(stream: IO[bytes], skipped: Counter[str] | None = None) -> Iterator[CrawlRecord]:
    """The documents of a WARC or WET stream: conversion records' text, HTML responses.

    ``skipped`` counts, by reason, the responses that are not HTML pages.
    """
    warc = _fastwarc()
    kinds = warc.WarcRecordType.conversion | warc.WarcRecordType.response
    skipped = Counter() if skipped is None else skipped
    for record in warc.ArchiveIterator(stream, record_types=kinds, auto_decode="all"):
        url = record.headers.get("WARC-Target-URI")
        record_id = record.record_id
        if record.record_type == warc.WarcRecordType.conversion:
            yield CrawlRecord(record_id, url, record.reader.read(), html=False)
            continue
        if not record.is_http:
            skipped["not HTTP"] += 1
            continue
        status = record.http_headers.status_code
        if status is not None and not 200 <= status < 300:
            skipped[f"HTTP status {status}"] += 1
            continue
        content_type = (record.http_content_type or "").split(";")[0].strip().lower()
        if content_type and content_type not in _HTML_TYPES:
            skipped["not HTML"] += 1
            continue
        payload = record.reader.read()
        if not content_type and not _looks_like_markup(payload):
            skipped["not HTML"] += 1
            continue
        yield CrawlRecord(record_id, url, payload, html=True, charset=record.http_charset)
