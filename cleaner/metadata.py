"""Metadata fields: what extract rules capture, normalised into the record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import regex

from . import _core
from .dates import parse_date
from .errors import RuleError

_AUTHOR_SPLIT = regex.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\bi\b|\be\b|\boraz\b)\s*")
_LIST_SPLIT = regex.compile(r"\s*[,;|•·]\s*")
_WORDS = regex.compile(r"[\p{L}\p{N}]+")
# Words that name a site's kind or address rather than the site: "Heise Online",
# "CNN Staff", "FAZ.NET", "The Verge", "BBC News".
_SITE_WORDS = frozenset((
    "the", "online", "news", "newsroom", "staff", "team", "desk", "digital", "media",
    "editors", "editorial", "redaktion", "www", "com", "net", "org", "info", "co", "uk", "de",
    "at", "ch", "fr", "it", "es", "pt", "pl", "nl", "ca", "au", "eu", "io",
))
# Second-level labels under which sites register their names (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = frozenset(("co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gv"))
_NEWS_KEYS = {"agencies"}


def looks_like_title(text: str, max_words: int = 30) -> bool:
    """Whether a line reads as a headline: 2 to ``max_words`` words, at most 300
    characters, one sentence, no closing full stop (of Latin, Indic or CJK
    scripts) or clause mark, not an item of a list ("- ", "• "), a first letter
    (after quotes) that is not lower case. The title rule's test, in the core.

    >>> looks_like_title("Blinken is set to embark on a rare trip to China")
    True
    >>> looks_like_title("He said so. Then he left.")
    False
    >>> looks_like_title("- 1 large chicken, cut in pieces")  # an item of a list
    False
    """
    return _core.looks_like_title(text, max_words)


def normalise_key(text: str) -> str:
    """Casefolded letters and digits only: how repeats of a title are compared
    (Python's ``str.casefold`` and ``str.isalnum``, in the core).

    >>> normalise_key("Straße: A 1-2!")
    'strassea12'
    """
    return _core.normalise_key(text)


def split_list(values: Iterable[str] | str | None) -> list[str]:
    """Items of a list field (tags, categories): each value split at commas,
    semicolons and bars, stripped, repeats dropped (case-blind), order kept.

    Pages give tags as one joined string, or as a list whose items are joined
    strings, and often twice (meta tags and JSON-LD).

    >>> split_list(["Education", "Higher education,Academics ", "education"])
    ['Education', 'Higher education', 'Academics']
    """
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        for item in _LIST_SPLIT.split(value or ""):
            item = " ".join(item.split())
            key = item.casefold()
            if item and key not in seen:
                seen.add(key)
                out.append(item)
    return out


def domain_stem(url: str | None) -> str | None:
    """The name a site registered: ``https://edition.cnn.com/x`` -> ``cnn``,
    ``bbc.co.uk`` -> ``bbc``, ``www.t-online.de`` -> ``tonline`` (as :func:`normalise_key`).

    >>> domain_stem("https://www.heise.de/newsticker/"), domain_stem("news.bbc.co.uk")
    ('heise', 'bbc')
    """
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) < 2 or labels[-1].isdigit():  # no domain, or an IP address
        return None
    stem = labels[-2]
    if stem in _SECOND_LEVEL and len(labels) > 2:
        stem = labels[-3]
    return normalise_key(stem) or None


def _site_keys(name: str) -> tuple[str, str, bool]:
    """Key of ``name``, key without site words, and whether it had site words."""
    words = [w.casefold() for w in _WORDS.findall(name)]
    core = [w for w in words if w not in _SITE_WORDS]
    return normalise_key(name), "".join(core), len(core) < len(words)


def names_site(name: str, publisher: str | None = None, url: str | None = None) -> bool:
    """Whether a name given as an author is the site itself: the publisher
    (compared case- and punctuation-blind, site words such as "Online" or "News"
    aside) or the name of the site's domain.

    A person's name that spells a domain (a blog at paulgraham.com by Paul
    Graham) is kept: the domain counts only for one word, or for a name with a
    site word ("Heise Online" at heise.de).

    >>> names_site("CNN", "CNN"), names_site("Heise Online", "Technology Review", "https://heise.de/")
    (True, True)
    >>> names_site("Paul Graham", None, "http://paulgraham.com/"), names_site("Jane Doe", "CNN")
    (False, False)
    """
    key, core, had_site_words = _site_keys(name)
    if not key:
        return False
    if publisher:
        pkey, pcore, _ = _site_keys(publisher)
        if key == pkey or (core and core == pcore):
            return True
    stem = domain_stem(url)
    if stem and stem in (key, core):
        return had_site_words or len(_WORDS.findall(name)) == 1
    return False


def without_site_names(names: Iterable[str], publisher: str | None, url: str | None) -> list[str]:
    """``names`` without those that name the site (:func:`names_site`), when a
    person remains: "Rob Picheta; CNN" gives Rob Picheta. A site named alone
    stays, as it is the author the page gives: the company of a company blog,
    the person of a personal site named after her ("Rick Steves" at ricksteves.com).

    >>> without_site_names(["Rob Picheta", "CNN"], "CNN", None)
    ['Rob Picheta']
    >>> without_site_names(["Rick Steves"], "Rick Steves", "https://www.ricksteves.com/")
    ['Rick Steves']
    """
    names = list(names)
    people = [n for n in names if not names_site(n, publisher, url)]
    return people or names


@dataclass(frozen=True, slots=True)
class NewsSettings:
    """Data of the metadata stage, from the ``[news]`` table of rule files."""

    agencies: tuple[str, ...] = ()
    """Wire agencies, as they are written; an extracted agency is one of them when it can be."""

    @classmethod
    def from_tables(cls, tables: list[tuple[str, dict[str, Any]]]) -> NewsSettings:
        agencies: list[str] = []
        for source, table in tables:
            for key, value in table.items():
                if key not in _NEWS_KEYS:
                    raise RuleError(source, f"news: unknown key {key!r}")
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise RuleError(source, f"news: {key} must be a list of strings")
                agencies += value
        return cls(tuple(agencies))

    def agency(self, text: str) -> str | None:
        """The known agency named in ``text`` ("UrduPoint News / Sputnik" -> "Sputnik")."""
        lowered = text.casefold()
        for name in self.agencies:
            if regex.search(rf"(?<!\w){regex.escape(name.casefold())}(?!\w)", lowered):
                return name
        return None


@dataclass(slots=True)
class MetadataBuilder:
    """Fields gathered while a document is cleaned; the first value of a field wins."""

    values: dict[str, Any] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)

    def set(self, name: str, value: str | None) -> None:
        if value and not self.values.get(name):
            self.values[name] = value

    def add(self, groups: dict[str, str | None], news: NewsSettings) -> bool:
        """Take the named groups of an extract match; return whether any field was set."""
        found = False
        for name, raw in groups.items():
            value = (raw or "").strip(" \t-–—|:,")
            if not value:
                continue
            if name == "author":
                names = [a for a in _AUTHOR_SPLIT.split(value) if a]
                names = without_site_names([*self.authors, *names], self.values.get("publisher"),
                                           self.values.get("url"))
                self.authors[:] = split_list(names)
            elif name == "tags":
                self.tags = split_list([*self.tags, value])
            elif name == "credits":
                # a credit's closing full stop is the line's, not the name's
                items = (c.strip().removesuffix(".").strip() for c in value.split(";"))
                self.credits += [c for c in items if c and c not in self.credits]
            elif name == "date":
                date = parse_date(value)
                if date is None:
                    continue
                self.set("date", date)
            elif name == "agency":
                known = news.agency(value)
                if known is None and len(value.split()) > 3:
                    continue
                self.set("agency", known or value)
            else:
                self.set(name, value)
            found = True
        return found
