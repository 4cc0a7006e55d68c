"""Metadata around the story, for text scored as a whole page.

On a whole page the text's first lines are the site's menu, so the head
metadata rules, which read the first blocks of a text, find nothing there.
The headline, byline and date stand just above the story (or in its first
lines): once page scoring has found the story, this stage reads them there.

- The title: the headline-like block closest above the story's first
  paragraph, preferring a block the page repeats (title and ``<h1>``, a
  headline shown twice) or that the page's title line starts with ("Headline -
  Site", "Headline | Site"); a section label or a date line is no headline.
  The page's title line then gives the publisher (the part after the
  separator).
- Byline, date and dateline: the head metadata rules (rule files' ``where =
  "head"`` extract rules) run over the blocks around the story's start, as if
  they were the head of the text.

What is found there wins over what the text's head gave (menu lines); the
blocks that gave it leave the body, as the head rules' blocks do in an
article. A date written in numbers ("10/12/2023") is read day first unless
the page's other dates in numbers show the month first ("12/19/2025").

The reading runs in the compiled core (``core/src/story/``), one call a page;
the fields it finds are normalised here, by :class:`MetadataBuilder`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from . import _core
from .blocks import Block
from .dates import date_from_url
from .metadata import MetadataBuilder, NewsSettings
from .rules import Rule

TITLE_RULE = "story.title"
"""The rule id of a headline read above the story (it leaves the body)."""
DATE_RULE = "story.date"
"""The rule id of a date line read beside the headline."""
AUTHOR_RULE = "story.author"
"""The rule id of an author's name read beside the date line."""


def read(
    blocks: list[Block],
    rules: Sequence[Rule],
    table: _core.MetaTable,
    meta: MetadataBuilder,
    news: NewsSettings,
    *,
    min_words: int,
    url: str | None = None,
) -> None:
    """Read the title, byline, date and dateline around the story's start (the
    page's address ``url`` only says whether it gives a date)."""
    # Keyed by what the sets are made of: a Rule hashes all its fields, and a
    # page's 30 metadata rules hashed cost a tenth of a millisecond.
    read_before, wide, first = _head_rule_sets(
        tuple((r.id, r.where, r.action, r.within) for r in rules)
    )
    found = MetadataBuilder()
    changes, people = _core.read_story(
        table, [b.text for b in blocks], [b.rule for b in blocks], read_before, wide, first,
        min_words, date_from_url(url) is not None, found, news,
    )
    for i, rule, cut in changes:
        blocks[i].rule = rule
        if cut is not None:
            blocks[i].cut = cut
    date = found.values.get("date")
    if date:
        given = [blocks[i].text for i, rule, _ in changes if rule is not None]
        found.values["date"] = _in_page_order(date, given, [b.text for b in blocks])
    for name in ("title", "date", "dateline", "agency"):
        if found.values.get(name):
            meta.values[name] = found.values[name]
    if found.values.get("publisher"):
        meta.set("publisher", found.values["publisher"])
    if people:
        meta.authors[:] = people


_NUMERIC_DATE = regex.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d)(?!\d)")
"""A date in numbers, day and month in either order ("12/01/2025")."""


def _in_page_order(date: str, lines: list[str], page: list[str]) -> str:
    """``date`` (``YYYY-MM-DD``) with its day and month swapped when one of
    ``lines`` (the blocks that gave the story's metadata) writes it in numbers
    day first, though the texts of the ``page`` write their dates in numbers
    month first: some with a second number over 12 ("12/19/2025"), none with a
    first one over 12.

    >>> page = ["Comments: 12/19/2025, 12/20/2025", "10/12/2023 7:38 PM"]
    >>> _in_page_order("2023-12-10", ["10/12/2023 7:38 PM"], page)
    '2023-10-12'
    >>> _in_page_order("2023-12-10", ["10/12/2023 7:38 PM"], page[1:])
    '2023-12-10'
    """
    year, month, day = date[:4], int(date[5:7]), int(date[8:10])
    if not (month <= 12 and day <= 12 and month != day):
        return date
    if not any(
        (int(m[1]), int(m[3]), m[4]) == (day, month, year)
        for line in lines
        for m in _NUMERIC_DATE.finditer(line)
    ):
        return date
    first = second = False
    for text in page:
        if "/" in text or "." in text or "-" in text:
            for m in _NUMERIC_DATE.finditer(text):
                first |= int(m[1]) > 12
                second |= int(m[3]) > 12 and int(m[1]) <= 12
    if second and not first:
        return f"{year}-{day:02d}-{month:02d}{date[10:]}"
    return date


def prepare() -> None:
    """Build the stage's patterns now (a process builds them once, on first use
    otherwise): :meth:`Cleaner.prepare` calls it."""
    _core.prepare_story()


@lru_cache(maxsize=16)
def _head_rule_sets(
    rules: tuple[tuple[str, str, str, int | None], ...],
) -> tuple[list[str], list[int], list[int]]:
    """The ids of the head extract rules (blocks they took from the text's head
    are read again: their fields would be lost when what is found around the
    story replaces what the head gave), and the rules (indices into ``rules``,
    the table's order) that each run of the head rules around the story skips:
    the first runs the head extract rules of the first blocks (their windows
    opened to the whole of what they read), the second those of the first
    block (datelines opening the story). ``rules``: each rule's id, ``where``,
    action and ``within``."""
    read_before = sorted({rid for rid, where, action, _ in rules
                          if where == "head" and action == "extract"})
    wide: list[int] = []
    first: list[int] = []
    for k, (_, where, action, within) in enumerate(rules):
        head = where == "head" and action == "extract"
        many = head and (within or 0) > 1
        if not many:
            wide.append(k)
        if not head or many:
            first.append(k)
    return read_before, wide, first
