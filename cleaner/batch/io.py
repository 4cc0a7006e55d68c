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

:func:`open_output` writes gzip as a series of members, each closed once it
holds :data:`MEMBER_BYTES` of records and a flush comes, so a batch killed
midway loses at most the last member's tail. :func:`read_done` reads what an
earlier batch wrote, for ``--resume``: it drops a damaged end (a cut line, a
cut gzip member) and says which records are already there.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import stat
import sys
import tempfile
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Literal, Protocol

if TYPE_CHECKING:
    from typing_extensions import Self

from .records import CrawlRecord

__all__ = [
    "MEMBER_BYTES",
    "Done",
    "Input",
    "InputFormatError",
    "ResumeError",
    "id_key",
    "open_input",
    "open_output",
    "read_done",
    "warc_records",
]

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


def open_output(path: str | None, *, append: bool = False) -> BinaryIO:
    """A binary stream to ``path`` ('-' or None: stdout), gzip when it ends in ``.gz``;
    with ``append`` the file's records are kept and the new ones follow them (for
    gzip in new members: gzip readers read consecutive members as one stream)."""
    if path in (None, "-"):
        return sys.stdout.buffer
    raw = open(path, "ab" if append else "wb")  # noqa: SIM115 - the caller closes it
    if path.endswith(".gz"):
        return GzipMembers(raw)  # type: ignore[return-value]
    return raw


MEMBER_BYTES = 1 << 20
"""Uncompressed bytes after which a flush ends the gzip member being written."""


class GzipMembers:
    """Write gzip to a binary file as consecutive members.

    :meth:`flush` ends the member once it holds ``member_bytes``, and sync-flushes
    it otherwise, so readers of a growing file see whole records and a killed
    writer leaves every member but the last complete.
    """

    def __init__(self, raw: BinaryIO, member_bytes: int = MEMBER_BYTES) -> None:
        self.raw = raw
        self.member_bytes = member_bytes
        self.member: gzip.GzipFile | None = None
        self.size = 0

    def write(self, data: bytes) -> int:
        if self.member is None:
            self.member = gzip.GzipFile(fileobj=self.raw, mode="wb")
        self.size += len(data)
        return self.member.write(data)

    def flush(self) -> None:
        if self.member is not None:
            if self.size >= self.member_bytes:
                self._end_member()
            else:
                self.member.flush()
        self.raw.flush()

    def _end_member(self) -> None:
        if self.member is not None:
            self.member.close()  # writes the trailer; the file stays open
        self.member, self.size = None, 0

    def close(self) -> None:
        try:
            self._end_member()
        finally:
            self.raw.close()


# Resuming ------------------------------------------------------------------------


class ResumeError(ValueError):
    """An existing output that a batch cannot resume; the message says why."""


def id_key(value: Any) -> int:
    """A 64-bit key of a record id (any JSON value), the same for equal ids.

    >>> id_key("a") == id_key("a") != id_key(1)
    True
    """
    canonical = json.dumps(value, sort_keys=True).encode("ascii")
    return int.from_bytes(hashlib.blake2b(canonical, digest_size=8).digest(), "big")


@dataclass(eq=False)
class Done:
    """The records an earlier batch wrote to an output, in order."""

    keys: array[int] = field(default_factory=lambda: array("Q"))
    """:func:`id_key` of each record's ``id``."""
    errors: int = 0
    """Records with ``error`` set."""
    deduped: bool | None = None
    """Whether the records carry ``duplicate_of``; ``None`` when there are none."""
    fingerprints: list[tuple[int, Any]] = field(default_factory=list)
    """``(fingerprint, id)`` of each record with text, when asked for."""
    dropped: int = 0
    """Bytes at the end of the file cut off or, for gzip, written again: 0 when
    the file ended with a complete record."""

    def __len__(self) -> int:
        return len(self.keys)


_CHUNK = 1 << 20
_RECORD_KEYS = frozenset({"id", "text", "error"})


class _Reader:
    """Takes the complete lines of an output, checks them, counts them into a Done."""

    def __init__(self, name: str, fingerprints: bool) -> None:
        self.name = name
        self.done = Done()
        self.fingerprints = fingerprints
        self.line = 0

    def lines(self, data: bytes, sink: IO[bytes] | None = None) -> bytes:
        """Take the complete lines of ``data``; the cut line at its end is returned."""
        *complete, rest = data.split(b"\n")
        for line in complete:
            self.take(line)
            if sink is not None:
                sink.write(line + b"\n")
        return rest

    def take(self, line: bytes) -> None:
        self.line += 1
        if not line.strip():
            return
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if not isinstance(record, dict) or not _RECORD_KEYS <= record.keys():
            raise ResumeError(
                f"line {self.line:,} of {self.name} is not a record written by "
                "article-cleaner batch; cannot resume into it"
            )
        done = self.done
        deduped = "duplicate_of" in record
        if done.deduped is None:
            done.deduped = deduped
        elif done.deduped != deduped:
            raise ResumeError(
                f"{self.name} mixes records with and without 'duplicate_of' "
                f"(line {self.line:,}); cannot resume into it"
            )
        done.keys.append(id_key(record["id"]))
        if record["error"] is not None:
            done.errors += 1
        elif self.fingerprints and record["text"]:
            fingerprint = _fingerprint(record)
            if fingerprint:
                done.fingerprints.append((fingerprint, record["id"]))


def _fingerprint(record: dict[str, Any]) -> int:
    """The fingerprint ``--dedupe`` used for a record: its metadata's, else the text's."""
    metadata = record.get("metadata")
    written = metadata.get("fingerprint") if isinstance(metadata, dict) else None
    if isinstance(written, str) and written:
        return int(written, 16)
    from ..fingerprint import simhash64

    return simhash64(record["text"])


def read_done(path: str, *, fingerprints: bool = False) -> Done:
    """The records already in the output ``path``, after cutting off a damaged end.

    Plain JSONL is cut after its last complete line. Gzip is read member by
    member: complete members stay as they are; from the first member that is
    cut short or corrupt on, the complete lines are written again as a new
    member and the rest is cut off. Every complete line must be an output
    record (else :class:`ResumeError`). ``fingerprints``: collect what
    ``--dedupe`` needs to find near-copies of the records already written.
    """
    reader = _Reader(path, fingerprints)
    with open(path, "r+b") as file:
        head = file.read(2)
        file.seek(0)
        if path.endswith(".gz") or head == _GZIP_MAGIC:
            _read_gzip(file, reader)
        else:
            _read_plain(file, reader)
    return reader.done


def _read_plain(file: BinaryIO, reader: _Reader) -> None:
    kept = 0
    for line in file:
        if not line.endswith(b"\n"):
            break
        reader.take(line[:-1])
        kept += len(line)
    size = file.seek(0, os.SEEK_END)
    if size > kept:
        file.truncate(kept)
        reader.done.dropped = size - kept


def _read_gzip(file: BinaryIO, reader: _Reader) -> None:
    kept = 0  # where the last complete member ending with a complete line ends
    position = 0  # file offset of the start of ``data``
    rest = b""
    decompressor = zlib.decompressobj(wbits=31)
    with tempfile.SpooledTemporaryFile(max_size=64 << 20) as since_kept:
        damaged = False
        while not damaged:
            data = file.read(_CHUNK)
            if not data:
                break
            while data:
                try:
                    out = decompressor.decompress(data)
                except zlib.error:
                    damaged = True
                    break
                rest = reader.lines(rest + out, since_kept)
                if not decompressor.eof:
                    position += len(data)
                    break
                used = len(data) - len(decompressor.unused_data)
                position += used
                data = decompressor.unused_data
                decompressor = zlib.decompressobj(wbits=31)
                if not rest:
                    kept = position
                    since_kept.seek(0)
                    since_kept.truncate()
        size = file.seek(0, os.SEEK_END)
        if size == kept:
            return
        # A damaged end: keep its complete lines in a new member, cut the rest.
        file.truncate(kept)
        file.seek(kept)
        since_kept.seek(0)
        if since_kept.read(1):
            since_kept.seek(0)
            with gzip.GzipFile(fileobj=file, mode="wb") as member:
                while block := since_kept.read(_CHUNK):
                    member.write(block)
        file.flush()
        os.fsync(file.fileno())
        reader.done.dropped = size - kept


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
