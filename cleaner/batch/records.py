"""Records in and out: which field holds the document, and one record cleaned.

An input record is a JSON object (a raw JSONL line, or a dict already parsed)
or a :class:`CrawlRecord` read from a WARC or WET file. Every input record gives
one output record: ``id``, ``text``, ``metadata``, ``removed``, ``warnings`` and
``error`` (``None``, or why the record could not be cleaned, in which case
``text`` and ``metadata`` are ``None``).

Field choice: the HTML field (when one is named and present) is cleaned as
HTML, else the text field as text. When the caller named neither field, a
record without ``text`` but with ``html`` is cleaned as HTML, so a file of
``{"url", "html"}`` records needs no option.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Cleaner

__all__ = [
    "CrawlRecord",
    "Fields",
    "Outcome",
    "RecordError",
    "as_line",
    "clean_record",
    "dumps_line",
    "error_record",
    "identify",
    "with_duplicate_of",
]

DEFAULT_TEXT_FIELD = "text"
DEFAULT_HTML_FIELD = "html"
_SHOWN_FIELDS = 8
"""Field names an error message lists at most."""


@dataclass(frozen=True, slots=True)
class Fields:
    """Which fields of an input record hold the text, the HTML, the URL and the id.

    ``html=None`` means no HTML field was named: a record with no text field
    but an ``html`` one is then cleaned as HTML.
    """

    text: str = DEFAULT_TEXT_FIELD
    html: str | None = None
    url: str | None = "url"
    id: str | None = "id"

    @property
    def chosen_by_default(self) -> bool:
        """Neither the text nor the HTML field was named."""
        return self.text == DEFAULT_TEXT_FIELD and self.html is None


@dataclass(frozen=True, slots=True)
class CrawlRecord:
    """A document read from a WARC file (an HTML response) or a WET file (a text
    conversion): its record id, target URL and payload bytes."""

    id: str | None
    url: str | None
    payload: bytes
    html: bool
    charset: str | None = None
    """The charset the HTTP headers declare, if any (HTML only)."""


@dataclass(frozen=True, slots=True)
class Body:
    """What one record asks to clean: text, or HTML (``str`` or undecoded bytes)."""

    content: str | bytes
    html: bool


@dataclass(slots=True)
class Outcome:
    """One cleaned (or failed) record and what the summary needs to know about it."""

    record: dict[str, Any]
    chars_in: int = 0
    """Characters of the text, or of the HTML, that was cleaned."""
    chars_removed: int = 0
    chars_out: int = 0
    html: bool = False
    fingerprint: int | None = None
    error_kind: str | None = None
    """A short name of what went wrong (``"invalid JSON"``, ``"RuleTimeoutError"``)."""
    line: bytes | None = None
    """The record as its JSONL line (:func:`dumps_line`), when it was written where
    it was cleaned (:func:`as_line`); ``record`` then keeps only ``id``,
    ``error`` and ``warnings``."""


def as_line(outcome: Outcome) -> Outcome:
    """``outcome`` with its record written as a JSONL line, and the record cut
    down to what a summary and the duplicate marking read: a worker process
    sends the parent one string instead of a record to unpickle and encode.

    >>> out = as_line(Outcome({"id": 1, "text": "A b.", "warnings": [], "error": None}))
    >>> out.line, out.record
    (b'{"id": 1, "text": "A b.", "warnings": [], "error": null}\\n', {'id': 1, 'error': None, 'warnings': []})
    """
    record = outcome.record
    outcome.line = dumps_line(record)
    outcome.record = {"id": record["id"], "error": record["error"], "warnings": record["warnings"]}
    return outcome


def with_duplicate_of(line: bytes, earlier: Any) -> bytes:
    """A record's JSONL line with ``duplicate_of`` added as its last field, as
    :func:`dumps_line` writes a record that has it.

    >>> with_duplicate_of(b'{"id": 2, "error": null}\\n', 1)
    b'{"id": 2, "error": null, "duplicate_of": 1}\\n'
    """
    try:
        value: bytes | None = json.dumps(earlier, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        value = None
    if value is None or b"\\ud" in line:  # a line escaped whole, for lone surrogates: rare
        record = json.loads(line)
        record["duplicate_of"] = earlier
        return dumps_line(record)
    return line[:-2] + b', "duplicate_of": ' + value + b"}\n"


class RecordError(ValueError):
    """A record that cannot be cleaned as given (bad JSON, a missing or mistyped field).

    ``kind`` names the problem in a few words, for counting in a summary.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


# Record in ---------------------------------------------------------------------


def parse(item: Any) -> Any:
    """A record from a raw JSONL line (bytes or str), or the item itself.

    >>> parse(b'{"text": "a"}')
    {'text': 'a'}
    >>> try:
    ...     parse(b'{"text": "a"')
    ... except RecordError as exc:
    ...     print(exc.kind)
    invalid JSON
    """
    if isinstance(item, (bytes, bytearray)):
        try:
            item = item.decode("utf-8").lstrip("\N{ZERO WIDTH NO-BREAK SPACE}")  # BOM
        except UnicodeDecodeError as exc:
            raise RecordError(
                "not UTF-8", f"line is not UTF-8: {exc.reason} at byte {exc.start}"
            ) from None
    if isinstance(item, str):
        try:
            return json.loads(item)
        except json.JSONDecodeError as exc:
            raise RecordError("invalid JSON", f"invalid JSON: {exc}") from None
    return item


def _string(record: dict[str, Any], name: str | None) -> str | None:
    """The string in ``record[name]``; ``None`` when the field is absent or null."""
    value = record.get(name) if name else None
    if value is not None and not isinstance(value, str):
        raise RecordError(
            "wrong field type", f"field {name!r} must be a string, not {type(value).__name__}"
        )
    return value


def _missing(record: dict[str, Any], fields: Fields) -> RecordError:
    """The error of a record that has none of the fields that could hold its document."""
    wanted = [fields.text] + ([fields.html] if fields.html else [])
    if fields.chosen_by_default:
        wanted.append(DEFAULT_HTML_FIELD)
    names = " or ".join(repr(name) for name in wanted)
    found = [repr(str(key)) for key in record]
    if not found:
        has = "the record has no fields"
    else:
        more = ", ..." if len(found) > _SHOWN_FIELDS else ""
        has = f"the record has {', '.join(found[:_SHOWN_FIELDS])}{more}"
    return RecordError(
        "missing field",
        f"missing field {names} ({has}); name the field that holds the document "
        "with --text-field or --html-field",
    )


def choose(record: dict[str, Any], fields: Fields) -> Body:
    """The field to clean: the named HTML field, else the text field, else ``html``
    when no field was named.

    >>> choose({"html": "<p>x</p>"}, Fields())
    Body(content='<p>x</p>', html=True)
    >>> choose({"text": "a", "html": "<p>b</p>"}, Fields())
    Body(content='a', html=False)
    """
    if fields.html:
        html = _string(record, fields.html)
        if html is not None:
            return Body(html, html=True)
    text = _string(record, fields.text)
    if text is not None:
        return Body(text, html=False)
    if fields.chosen_by_default:
        html = _string(record, DEFAULT_HTML_FIELD)
        if html is not None:
            return Body(html, html=True)
    raise _missing(record, fields)


def record_id(record: Any, fields: Fields, number: int) -> Any:
    """The record's id field when it has one, else its 1-based number."""
    if fields.id and isinstance(record, dict):
        value = record.get(fields.id)
        if value is not None:
            return value
    return number


def _crawl_id(item: CrawlRecord, number: int) -> Any:
    return item.id or number


def identify(fields: Fields, number: int, item: Any) -> Any:
    """The ``id`` the output record of ``(number, item)`` gets, without cleaning it:
    what :func:`clean_record` would write, failures included.

    >>> identify(Fields(), 4, b'{"id": "a", "text": "x"}'), identify(Fields(), 5, b'{"text"')
    ('a', 5)
    """
    if isinstance(item, CrawlRecord):
        return _crawl_id(item, number)
    try:
        record = parse(item)
    except RecordError:
        return number
    return record_id(record, fields, number)


def _crawl_body(item: CrawlRecord) -> Body:
    """The payload of a WARC/WET record: WET text is UTF-8; HTML is decoded by
    the charset its HTTP headers declare when it is not UTF-8, else left to
    ``clean_html`` (byte-order mark, UTF-8, ``<meta charset>``, detection)."""
    if not item.html:
        return Body(item.payload.decode("utf-8", errors="replace"), html=False)
    if item.charset:
        try:
            item.payload.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return Body(item.payload.decode(item.charset, errors="replace"), html=True)
            except LookupError:  # a charset Python does not know
                pass
    return Body(item.payload, html=True)


# One record --------------------------------------------------------------------


def clean_record(cleaner: Cleaner, fields: Fields, number: int, item: Any) -> Outcome:
    """Clean one record (a dict, a raw JSONL line or a :class:`CrawlRecord`).

    Failures become error records: a bad record never raises.
    """
    rid: Any = number
    try:
        if isinstance(item, CrawlRecord):
            rid = _crawl_id(item, number)
            url, body = item.url, _crawl_body(item)
        else:
            record = parse(item)
            rid = record_id(record, fields, number)
            if not isinstance(record, dict):
                raise RecordError(
                    "not an object", f"record must be a JSON object, not {type(record).__name__}"
                )
            url = _string(record, fields.url)
            body = choose(record, fields)
        doc = _clean(cleaner, body, url)
    except RecordError as exc:
        return Outcome(error_record(rid, str(exc)), error_kind=exc.kind)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        kind = type(exc).__name__
        return Outcome(error_record(rid, f"{kind}: {exc}"), error_kind=kind)
    return _outcome(rid, body, doc)


def _clean(cleaner: Cleaner, body: Body, url: str | None) -> Document:
    if body.html:
        return cleaner.clean_html(body.content, url=url)
    assert isinstance(body.content, str)
    return cleaner.clean(body.content, url=url)


def _outcome(rid: Any, body: Body, doc: Document) -> Outcome:
    from ..fingerprint import simhash64

    fingerprint = doc.metadata.fingerprint
    return Outcome(
        {"id": rid, **doc.to_dict(), "error": None},
        chars_in=len(body.content),
        chars_removed=sum(len(removal.text) for removal in doc.removed),
        chars_out=len(doc.text),
        html=body.html,
        fingerprint=int(fingerprint, 16) if fingerprint else simhash64(doc.text),
    )


# Record out --------------------------------------------------------------------


def error_record(rid: Any, message: str) -> dict[str, Any]:
    """The output record of a record that could not be cleaned.

    >>> error_record(3, "invalid JSON")["text"] is None
    True
    """
    return {
        "id": rid,
        "text": None,
        "metadata": None,
        "removed": [],
        "warnings": [],
        "error": message,
    }


def dumps_line(record: dict[str, Any]) -> bytes:
    """One JSONL line, UTF-8; lone surrogates from the input are kept as escapes.

    >>> dumps_line({"text": "café"})
    b'{"text": "caf\\xc3\\xa9"}\\n'
    >>> dumps_line({"text": "\\udc80"})
    b'{"text": "\\\\udc80"}\\n'
    """
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record) + "\n").encode("ascii")
