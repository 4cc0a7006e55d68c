"""The rule model: :class:`Rule` (one rule of a file) and :class:`RuleSet` (the
rules and stage settings of the files loaded together)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

ACTIONS = ("drop", "cut-to-end", "cut-from-start", "replace", "extract", "title", "remove-element")
MATCHES = ("block", "prefix", "contains")
WHERES = ("anywhere", "head", "tail")
FIELDS = ("title", "author", "date", "dateline", "agency", "publisher", "tags", "credits")
METADATA_ACTIONS = ("extract", "title")
SETTINGS_TABLES = ("typography", "news", "scoring")

# Punctuation, symbols and spaces that may surround a marker phrase on its line.
# regex.escape(text, special_only=True) as a table for str.translate (the
# same on every code point, in C): phrases are escaped for every rule set built.
# (Every character str.isspace() holds for is below U+3001.)
_ESCAPE = {ord(c): "\\" + c for c in map(chr, range(0x3001))
           if c in ' #$&()*+-.?[\\]^{|}~' or c.isspace()}
_EDGE = r"[\p{P}\p{S}\s]*"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: what it matches, where, and what it does.

    - ``action``: ``drop`` (the block), ``cut-to-end`` (this block and all after it),
      ``cut-from-start`` (all blocks up to and including this one), ``replace``
      (the matched text inside a block, by ``replacement``), ``extract`` (named
      groups of ``pattern`` into metadata fields; the block leaves the body unless
      ``keep``; ``then = "cut-to-end"`` also cuts what follows), ``title`` (the first
      block, when it reads as a title, becomes the title; its repeats within
      ``repeat_within`` blocks go), ``remove-element`` (HTML input only: elements
      matching the CSS ``selectors`` are removed before extraction; examples are
      HTML fragments).
    - ``phrases`` (literal, any of them) or ``pattern`` (``regex`` syntax).
    - ``match``: the whole ``block`` (surrounding punctuation allowed), a ``prefix``
      of it (ending at a word boundary) or anywhere it ``contains`` the text.
    - ``where``/``within``: ``head`` or ``tail`` limit the rule to the first or last
      ``within`` blocks still in the body; ``anywhere`` has no limit.
    - ``max_words``/``min_words``: bounds on the block's length in words.
    - ``languages``/``sites``: document languages and URL domains the rule holds for.
    - ``inline``: a drop rule that takes lines from within a story (photo credits,
      "Read more" inserts between its paragraphs): on whole pages, prose below the
      story still joins it past such a line (:mod:`cleaner.page`).
    """

    id: str
    action: str
    source: str
    description: str = ""
    phrases: tuple[str, ...] = ()
    pattern: str | None = None
    match: str = "block"
    case_sensitive: bool = False
    where: str = "anywhere"
    within: int | None = None
    max_words: int | None = None
    min_words: int | None = None
    languages: frozenset[str] = frozenset()
    sites: tuple[str, ...] = ()
    replacement: str = ""
    keep: bool = False
    inline: bool = False
    then: str | None = None
    repeat_within: int = 5
    selectors: tuple[str, ...] = ()
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()

    @property
    def regex_source(self) -> str:
        """The rule's pattern as ``regex`` source, without anchors."""
        if self.pattern is not None:
            if self.match == "block" and self.action in ("drop", "cut-to-end", "cut-from-start"):
                # A marker may carry punctuation around it: "Related Topics:", "» Leave a Reply".
                return f"{_EDGE}(?:{self.pattern}){_EDGE}"
            return self.pattern
        alts = "|".join(
            p.strip().translate(_ESCAPE).replace(r"\ ", r"\s+").replace(" ", r"\s+")
            for p in sorted(self.phrases, key=len, reverse=True)
        )
        if self.match == "block":
            return f"{_EDGE}(?:{alts}){_EDGE}(?:\\(\\d+\\))?{_EDGE}"
        if self.match == "prefix":
            return f"{_EDGE}(?:{alts})(?![\\p{{L}}\\p{{N}}])"
        return f"(?<![\\p{{L}}\\p{{N}}])(?:{alts})(?![\\p{{L}}\\p{{N}}])"

    @property
    def flags(self) -> int:
        return regex.V0 | (0 if self.case_sensitive else regex.IGNORECASE)

    def compile(self) -> regex.Pattern[str]:
        """The pattern compiled by the `regex` module: the reference the core's
        translation is tested against (cleaning runs the core's, not this)."""
        return regex.compile(self.regex_source, self.flags)

    def applies_to(self, language: str | None, domain: str | None) -> bool:
        """Whether the rule holds for a document of this language and domain."""
        if self.languages and language not in self.languages:
            return False
        if self.sites:
            return domain is not None and any(
                domain == s or domain.endswith("." + s) for s in self.sites
            )
        return True

    def length_ok(self, text: str) -> bool:
        if self.max_words is None and self.min_words is None:
            return True
        n = len(text.split())
        if self.max_words is not None and n > self.max_words:
            return False
        return self.min_words is None or n >= self.min_words


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Rules and stage settings from one or more files, in load order."""

    rules: tuple[Rule, ...] = ()
    settings: dict[str, tuple[tuple[str, dict[str, Any]], ...]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    books: dict[float | None, Any] = field(default_factory=dict, compare=False, repr=False)
    """The rules compiled for the core, by time limit (:meth:`compiled`); not pickled."""

    def settings_for(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        """The ``[table]`` settings of every file that has one, in load order."""
        return list(self.settings.get(table, ()))

    def compiled(self, timeout: float | None) -> Any:
        """The rules compiled for the core (a :class:`cleaner.rules.compile.RuleBook`) with
        this time limit: compiled once, the first time they are asked for."""
        from .compile import RuleBook

        book = self.books.get(timeout)
        if book is None:
            like = next(iter(self.books.values()), None)
            book = self.books[timeout] = RuleBook(self.rules, timeout, like=like)
        return book

    def __getstate__(self) -> tuple[Any, ...]:
        return self.rules, self.settings, self.sources

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(("rules", "settings", "sources"), state):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "books", {})
