"""HTML input: decode, prune with CSS-selector rules, extract with trafilatura.

Metadata from the page and from the text are merged. The page wins for title,
authors, date, publisher, tags, description and URL: trafilatura reads them
from structured fields (meta tags, JSON-LD) written for machines, while the
text rules guess them from prose. The text wins for dateline, agency and
credits, which pages rarely mark up.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import regex

from .dates import writes_date
from .errors import InputError, InputTypeError
from .metadata import split_list, without_site_names

_DECLARED = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", regex.I)
# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# File signatures of what is sent by mistake instead of a page.
_SIGNATURES = ((b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
               (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
               (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF document"),
               (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
               (b"\xfd7zXZ\x00", "xz-compressed data (decompress it first)"),
               (b"(\xb5/\xfd", "zstd-compressed data (decompress it first)"))
# A UTF-8 character of two to four bytes (no overlong forms, no surrogates).
_UTF8_CHAR = (rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
              rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}"
              rb"|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_UTF8_OR_BYTE = regex.compile(rb"[\x00-\x7f]+|(?:" + _UTF8_CHAR + rb")+|[\x80-\xff]")
_UTF8_CHARS = regex.compile(_UTF8_CHAR)
_WESTERN = {"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso-8859-1", "ascii"}

# trafilatura options, chosen by measurement on the evaluation pages (see README):
# comments are not the article; tables often are; formatting and links add markup.
EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_links": False,
    "include_images": False,
    "with_metadata": True,
    "deduplicate": False,
}


def decode(data: str | bytes) -> str:
    """Bytes to str: byte-order mark, UTF-8, the declared charset, then detection.

    Binary data (a known file signature, NUL or many control bytes) is an
    :class:`~cleaner.errors.InputError`.
    """
    if isinstance(data, str):
        return data
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputTypeError(f"HTML must be str or bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"input is binary data ({what}), not HTML or text")
    head = data[:4096]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) * 0.05 + 2:
        raise InputError("input looks binary (NUL or control bytes), not HTML or text")
    # Valid UTF-8 is UTF-8 whatever the page declares: declarations lie more
    # often than non-UTF-8 text happens to decode as UTF-8.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _DECLARED.search(data[:8192])
    declared = m.group(1).decode("ascii").lower() if m else None
    if declared in (None, "utf-8", "utf8") and _mostly_utf8(data):
        return _utf8_with_cp1252(data)
    if declared:
        if declared in ("windows-1252", "cp1252", "iso-8859-1", "latin-1", "latin1", "us-ascii"):
            import ftfy.bad_codecs  # noqa: F401  registers sloppy-windows-1252

            declared = "sloppy-windows-1252"
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            pass
    return _detect(data)


def _mostly_utf8(data: bytes) -> bool:
    """More valid UTF-8 characters than stray non-ASCII bytes: UTF-8 with a few bytes
    of another encoding pasted in (a CMS mixing sources)."""
    utf8 = sum(len(m) for m in _UTF8_CHARS.findall(data))
    stray = sum(b >= 0x80 for b in data) - utf8
    return utf8 > stray


def _utf8_with_cp1252(data: bytes) -> str:
    """UTF-8, each stray byte read as Windows-1252 (the commonest other encoding)."""
    import ftfy.bad_codecs  # noqa: F401  registers sloppy-windows-1252

    return "".join(
        part.decode("utf-8") if part[0] < 0x80 or len(part) > 1 else part.decode("sloppy-windows-1252")
        for part in _UTF8_OR_BYTE.findall(data)
    )


def _detect(data: bytes) -> str:
    """Detection by charset_normalizer; Windows-1252 among equals, as browsers default to it.

    Single-byte Western encodings often decode the same bytes equally well: the
    detector's first pick among them (cp1257, cp1250) then turns "déjà" into "déją".
    """
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        raise InputError("cannot tell the encoding of the input")
    best = results[0]
    for result in results:
        if (result.encoding in _WESTERN and result.chaos <= best.chaos + 0.02
                and result.coherence >= best.coherence - 0.02):
            return str(result)
    return str(best)


# A selected element holding three paragraphs of prose is not a widget but a
# wrapper around the story (themes put classes such as "share" on the article's
# container): pruning leaves it alone, and extraction decides.
_WRAPS_STORY = "count(.//p[string-length(normalize-space(.)) >= 200]) >= 3"


@lru_cache(maxsize=512)
def css_to_xpath(selector: str) -> str:
    """One CSS selector as XPath (for trafilatura's ``prune_xpath``)."""
    from cssselect import GenericTranslator

    return GenericTranslator().css_to_xpath(selector, prefix="descendant-or-self::")


def selector_matches(selector: str, fragment: str) -> bool:
    """Whether ``selector`` selects an element of an HTML fragment (rule examples)."""
    import lxml.html

    tree = lxml.html.fromstring(f"<div>{fragment}</div>")
    return bool(tree.xpath(css_to_xpath(selector)))


class Pruner:
    """Finds the elements that CSS selectors select, in one pass over a tree.

    Selectors that name one class (``.share``) or one id (``#comments``) are
    set lookups during a single walk of the tree; any other selector is
    XPath (cssselect), all of them in one expression. Evaluating each
    selector as its own XPath cost more than extraction itself.

    trafilatura takes what to prune as XPath, and prunes after it has read
    the page's metadata (so a removed tag list still gives the tags). The
    pruner is handed to it as one XPath call of an extension function,
    ``article-cleaner-selected('<key>')``, registered in lxml's default
    function namespace under that name.
    """

    def __init__(self, selectors: Iterable[str]) -> None:
        from cssselect import parse
        from cssselect.parser import Class, Element, Hash
        from lxml.etree import XPath

        self.classes: set[str] = set()
        self.ids: set[str] = set()
        complex_: list[str] = []
        for selector in selectors:
            for parsed in parse(selector):
                tree = parsed.parsed_tree
                base = getattr(tree, "selector", None)
                simple = (
                    parsed.pseudo_element is None
                    and isinstance(base, Element)
                    and base.element in (None, "*")
                    and base.namespace is None
                )
                if simple and isinstance(tree, Class):
                    self.classes.add(tree.class_name)
                elif simple and isinstance(tree, Hash):
                    self.ids.add(tree.id)
                else:
                    complex_.append(css_to_xpath(parsed.canonical()))
        self._xpath = XPath(" | ".join(complex_)) if complex_ else None
        self._wraps_story = XPath(_WRAPS_STORY)

    def select(self, tree: Any) -> list[Any]:
        """The selected elements of ``tree`` that do not wrap the story, in
        document order (XPath matches last)."""
        doomed = []
        classes, ids = self.classes, self.ids
        if classes or ids:
            for element in tree.iter():
                get = getattr(element, "get", None)
                if get is None:
                    continue
                names = get("class")
                if (names and classes and not classes.isdisjoint(names.split())) or (
                    ids and get("id") in ids
                ):
                    doomed.append(element)
        if self._xpath is not None:
            doomed += self._xpath(tree)
        return [element for element in doomed if not self._wraps_story(element)]


_PRUNERS: dict[str, Pruner] = {}
_XPATH_FUNCTION = "article-cleaner-selected"


def _selected(context: Any, key: str) -> list[Any]:
    return _PRUNERS[key].select(context.context_node)


@lru_cache(maxsize=64)
def prune_xpath(selectors: tuple[str, ...]) -> str:
    """The XPath that hands ``selectors`` to trafilatura's pruning (see Pruner)."""
    from lxml.etree import FunctionNamespace

    FunctionNamespace(None)[_XPATH_FUNCTION] = _selected
    key = str(len(_PRUNERS))
    _PRUNERS[key] = Pruner(selectors)
    return f"{_XPATH_FUNCTION}('{key}')"


def extract(html: str, url: str | None, selectors: Iterable[str]) -> tuple[str, dict[str, Any]]:
    """The main text (paragraphs on their own lines) and the page's metadata."""
    import trafilatura

    selectors = tuple(selectors)
    prune = [prune_xpath(selectors)] if selectors else None
    result = trafilatura.bare_extraction(html, url=url, prune_xpath=prune, **EXTRACT_OPTIONS)
    if result is None or not _text_of(result):
        flat = flatten(html)
        if flat != html:  # nested past the parser's depth limit: try the page unwrapped
            result = trafilatura.bare_extraction(flat, url=url, prune_xpath=prune, **EXTRACT_OPTIONS)
    if result is None:
        return "", {}
    get = result.get if isinstance(result, dict) else lambda k: getattr(result, k, None)
    meta: dict[str, Any] = {
        "title": get("title"),
        "date": publication_date(get("date"), html, url),
        "publisher": get("sitename"),
        "description": get("description"),
        "url": get("url") or url,
    }
    author = get("author")
    if author:
        # Sites put their own name among the authors ("Rob Picheta; CNN").
        names = split_list(regex.split(r"\s+and\s+", author))
        meta["authors"] = without_site_names(names, meta["publisher"], meta["url"])
    tags = split_list([*_as_list(get("categories")), *_as_list(get("tags"))])
    if tags:
        meta["tags"] = tags
    # NFC as trafilatura's extract() gives it: decomposed umlauts and vowel signs
    # would not match the same words written composed.
    text = unicodedata.normalize("NFC", get("text") or "")
    return text, {k: v for k, v in meta.items() if v}


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value or [] if isinstance(v, str)]


def publication_date(date: str | None, html: str, url: str | None) -> str | None:
    """The page's date as trafilatura found it, unless it is only a year.

    When a page holds no date of its own, htmldate's search of the page text
    falls back to the year of a copyright notice ("© 2024"), then to any year,
    and gives January 1st of it: neither is a publication date. A January 1st
    stands when the page's structured data give it (the search without the
    text fallbacks finds it) or when the page writes that day out.
    """
    if not date or not date.endswith("-01-01"):
        return date
    if writes_date(html, date):  # the page writes the day out: cheaper than htmldate
        return date
    from htmldate import find_date
    from trafilatura.settings import set_date_params

    try:
        strict = find_date(html, url=url, **set_date_params(extensive=False))
    except Exception:  # noqa: BLE001  htmldate on broken markup: no second opinion
        strict = None
    return date if strict == date else None


def _text_of(result: Any) -> str | None:
    return result.get("text") if isinstance(result, dict) else getattr(result, "text", None)


MAX_DEPTH = 200
"""Elements nested deeper than this are unwrapped when extraction found nothing:
libxml2 stops parsing at 256 levels (2048 with huge trees), and the text below is lost."""
_TAG = regex.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>",
                     regex.S | regex.I)
# Elements without content, or whose end tag may be left out: they do not nest deeper.
_FLAT = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body",
))


def flatten(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with the start and end tags of elements nested deeper than ``max_depth`` left out.

    >>> flatten("<div><div><div><p>x</p></div></div></div>", max_depth=1)
    '<div><p>x</p></div>'
    """
    out: list[str] = []
    depth = last = 0
    dropped: dict[str, int] = {}
    for m in _TAG.finditer(html):
        name = (m.group(3) or "").lower()
        if not name or name in _FLAT or m.group(4):
            continue
        if not m.group(2):  # start tag
            depth += 1
            if depth <= max_depth:
                continue
            dropped[name] = dropped.get(name, 0) + 1
        else:
            depth = max(depth - 1, 0)
            if not dropped.get(name):
                continue
            dropped[name] -= 1
        out.append(html[last : m.start()])
        last = m.end()
    if not out:
        return html
    out.append(html[last:])
    return "".join(out)
