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
from functools import lru_cache
from typing import Any, Iterable

import regex

from .errors import InputError

_DECLARED = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", regex.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"), (codecs.BOM_UTF32_LE, "utf-32"))

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
    """Bytes to str: byte-order mark, then the declared charset, then detection."""
    if isinstance(data, str):
        return data
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"HTML must be str or bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
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
    if m:
        declared = m.group(1).decode("ascii").lower()
        if declared in ("windows-1252", "cp1252", "iso-8859-1", "latin-1", "latin1", "us-ascii"):
            import ftfy.bad_codecs  # noqa: F401  registers sloppy-windows-1252

            declared = "sloppy-windows-1252"
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot tell the encoding of the input")
    return str(best)


# A selected element holding three paragraphs of prose is not a widget but a
# wrapper around the story (themes put classes such as "share" on the article's
# container): pruning leaves it alone, and extraction decides.
_NOT_A_WRAPPER = "[count(.//p[string-length(normalize-space(.)) >= 200]) < 3]"


@lru_cache(maxsize=512)
def css_to_xpath(selector: str) -> str:
    """One CSS selector as XPath (for trafilatura's ``prune_xpath``)."""
    from cssselect import GenericTranslator

    return GenericTranslator().css_to_xpath(selector, prefix="descendant-or-self::")


@lru_cache(maxsize=512)
def prune_xpath(selector: str) -> str:
    """XPath of the elements a selector prunes: those that do not wrap the story.

    >>> prune_xpath(".share").endswith(">= 200]) < 3]")
    True
    """
    return f"({css_to_xpath(selector)}){_NOT_A_WRAPPER}"


def selector_matches(selector: str, fragment: str) -> bool:
    """Whether ``selector`` selects an element of an HTML fragment (rule examples)."""
    import lxml.html

    tree = lxml.html.fromstring(f"<div>{fragment}</div>")
    return bool(tree.xpath(css_to_xpath(selector)))


def extract(html: str, url: str | None, selectors: Iterable[str]) -> tuple[str, dict[str, Any]]:
    """The main text (paragraphs on their own lines) and the page's metadata."""
    import trafilatura

    prune = [prune_xpath(s) for s in selectors] or None
    result = trafilatura.bare_extraction(html, url=url, prune_xpath=prune, **EXTRACT_OPTIONS)
    if result is None:
        return "", {}
    get = result.get if isinstance(result, dict) else lambda k: getattr(result, k, None)
    meta: dict[str, Any] = {
        "title": get("title"),
        "date": get("date"),
        "publisher": get("sitename"),
        "description": get("description"),
        "url": get("url") or url,
    }
    author = get("author")
    if author:
        meta["authors"] = [a.strip() for a in regex.split(r"\s*[;,]\s*|\s+and\s+", author) if a.strip()]
    tags: list[str] = []
    for key in ("categories", "tags"):
        value = get(key)
        if isinstance(value, str):
            value = regex.split(r"\s*[,;]\s*", value)
        tags += [t for t in value or [] if t and t not in tags]
    if tags:
        meta["tags"] = tags
    # NFC as trafilatura's extract() gives it: decomposed umlauts and vowel signs
    # would not match the same words written composed.
    text = unicodedata.normalize("NFC", get("text") or "")
    return text, {k: v for k, v in meta.items() if v}
