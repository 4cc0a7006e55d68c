"""Reading the inputs of ``article-cleaner clean``: files or stdin, gzip or not,
in any encoding, text or HTML.

Bytes are decoded as HTML input is (:func:`cleaner.html.decode`: byte-order mark,
UTF-8, a declared charset, then detection), unless an encoding is forced. An
input is taken for HTML by its name (``.html``, ``.htm``, ``.xhtml``, before any
``.gz``) or by markup near its start (a doctype, ``<html`` or ``<body``).
"""

from __future__ import annotations

import codecs
import gzip
import re
import sys
import zlib
from dataclasses import dataclass
from typing import Literal

__all__ = ["Source", "check_encoding", "display_name", "looks_like_html", "read_source"]

Kind = Literal["text", "html"]

_GZIP_MAGIC = b"\x1f\x8b"
_HTML_NAMES = (".html", ".htm", ".xhtml")
_MARKUP = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]", re.IGNORECASE)
MARKUP_WINDOW = 1024
"""Characters at the start of an input searched for markup."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input, decoded, and whether it is cleaned as text or HTML."""

    name: str
    """As given on the command line (``-`` for stdin)."""
    text: str
    kind: Kind
    guessed: str | None = None
    """Why the input was taken for HTML without ``--html``, else ``None``."""


def display_name(name: str) -> str:
    """The name shown in headers and messages (``head``'s word for stdin)."""
    return "standard input" if name == "-" else name


def check_encoding(name: str) -> str:
    """The canonical name of an encoding, or ValueError naming the unknown one.

    >>> check_encoding("Latin-1")
    'iso8859-1'
    """
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r} (e.g. utf-8, cp1252, latin-1, shift_jis)") from None


def looks_like_html(name: str, text: str) -> str | None:
    """Why ``text`` is HTML: its name or the markup at its start; ``None`` if neither.

    >>> looks_like_html("story.htm.gz", "")
    'its name'
    >>> looks_like_html("-", "\\n<!DOCTYPE html><p>Hi")
    'markup near its start'
    >>> looks_like_html("notes.txt", "Use the <b> tag for bold.") is None
    True
    """
    stored = name.lower().removesuffix(".gz")
    if stored.endswith(_HTML_NAMES):
        return "its name"
    if _MARKUP.search(text, 0, MARKUP_WINDOW):
        return "markup near its start"
    return None


def _read_bytes(name: str) -> bytes:
    """The bytes of a file or of stdin, through gzip when they are gzip."""
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(name, "rb") as fh:
            data = fh.read()
    if data[:2] == _GZIP_MAGIC:
        data = gzip.decompress(data)
    return data


def decode(data: bytes, encoding: str | None) -> str:
    """Bytes to text: the forced ``encoding``, else as HTML input is decoded.

    A forced encoding that does not fit raises UnicodeDecodeError; binary data
    raises :class:`~cleaner.errors.InputError`.
    """
    if encoding:
        return data.decode(encoding)
    from ..html import decode as decode_page

    return decode_page(data)


def read_source(name: str, *, kind: Kind | None, encoding: str | None) -> Source:
    """Read, decode and classify one input. ``kind`` forces text or HTML.

    Raises OSError (unreadable, or bad gzip), UnicodeDecodeError (a forced encoding
    that does not fit) and :class:`~cleaner.errors.InputError` (binary data).
    """
    try:
        data = _read_bytes(name)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:  # a truncated or corrupt .gz
        raise OSError(f"bad gzip data: {exc}") from None
    text = decode(data, encoding)
    if kind is not None:
        return Source(name, text, kind)
    why = looks_like_html(name, text)
    return Source(name, text, "html" if why else "text", why)
