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
article.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import lru_cache

import regex

from . import _core, engine
from .blocks import Block
from .dates import parse_date
from .metadata import MetadataBuilder, NewsSettings, looks_like_title, normalise_key
from .ruleset import Rule
from .scoring import SCORING_RULE

TITLE_RULE = "story.title"
"""The rule id of a headline read above the story (it leaves the body)."""
DATE_RULE = "story.date"
"""The rule id of a date line read beside the headline."""
AUTHOR_RULE = "story.author"
"""The rule id of an author's name read beside the date line."""

ABOVE = 10
"""Blocks above the story's first paragraph where its headline, byline and date are looked for."""
BELOW = 3
"""Blocks of the story's start (from its first paragraph) where a byline or date may stand."""
PROSE_WORDS = 12
"""Words of the first block taken for a story paragraph."""
RUN = 10
"""Blocks over which the body's density is weighed to find the story's start."""
DATE_LINE_WORDS = 16
"""Words a line that gives the date may have."""

# "Headline - Site", "Headline | Site", "Headline :: Site", "Headline « Site".
_SITE_SEPARATOR = regex.compile(r"\s+(?:[-–—|·•»«:]{1,2})\s+")
_DATE_OR_NUMBERS = regex.compile(r"\d{1,2}[:.]\d{2}|\b\d{4}\b.*\b\d{1,2}\b|\b\d{1,2}\b.*\b\d{4}\b")


def story_start(blocks: Sequence[Block]) -> int | None:
    """The index of the story's first paragraph: the first block in the body, of
    ``PROSE_WORDS`` words or more, where the body is dense (the words in the body
    over its next ``RUN`` blocks at least half the most any such run holds), so
    that a promotion line kept above the menu is not taken for it; None when
    the body is empty."""
    kept = [i for i, b in enumerate(blocks) if b.rule is None]
    if not kept:
        return None
    words = [len(b.text.split()) if b.rule is None else 0 for b in blocks]
    prose = [i for i in kept if words[i] >= PROSE_WORDS]
    if not prose:
        return kept[0]
    mass = {i: sum(words[i : i + RUN]) for i in prose}
    most = max(mass.values())
    return next(i for i in prose if mass[i] * 2 >= most)


def _open(b: Block) -> bool:
    """Whether the block is in the body or only scoring took it out."""
    return b.rule is None or b.rule == SCORING_RULE


def read(
    blocks: list[Block],
    rules: Sequence[Rule],
    table: _core.MetaTable,
    meta: MetadataBuilder,
    news: NewsSettings,
    *,
    min_words: int,
) -> None:
    """Read the title, byline, date and dateline around the story's start."""
    s = story_start(blocks)
    if s is None:
        return
    lo, hi = max(0, s - ABOVE), min(len(blocks), s + BELOW)
    found = MetadataBuilder()
    head, site = _title_line(blocks)
    title_at = _headline(blocks, lo, s, head)
    if title_at is not None:
        title = blocks[title_at]
        found.set("title", title.text)
        key = normalise_key(title.text)
        for b in blocks[lo:s]:
            if _open(b) and normalise_key(b.text) == key:
                b.rule = TITLE_RULE
    elif head:
        found.set("title", head)
    if site and normalise_key(found.values.get("title") or "") == normalise_key(head or ""):
        found.set("publisher", site)
    window = [b for b in blocks[lo:hi] if _open(b)]
    lead = [blocks[s]] if blocks[s].rule is None else []
    _head_rules(window, lead, rules, table, found, news, min_words)
    first = title_at if title_at is not None else lo
    if not found.values.get("date"):
        _date_line(blocks, first, s, found)
    if not found.authors:
        _name_line(blocks, first, s, found)
    for name in ("title", "date", "dateline", "agency"):
        if found.values.get(name):
            meta.values[name] = found.values[name]
    if found.values.get("publisher"):
        meta.set("publisher", found.values["publisher"])
    if found.authors:
        meta.authors[:] = found.authors


_WORD = regex.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _headline(blocks: Sequence[Block], lo: int, s: int, head: str | None) -> int | None:
    """The index of the headline above the story's first paragraph ``blocks[s]``,
    if a block reads so better than the page's title line ``head`` would serve."""
    head_words = _words(head) if head else set()
    keys = [normalise_key(b.text) for b in blocks[lo : s + 1]]
    best, best_score = None, TITLE_LINE_SCORE if head else 0.0
    for i in range(lo, s + 1):
        b = blocks[i]
        if i == s and len(b.text.split()) >= PROSE_WORDS:
            continue
        if i == 0 or not _open(b):
            continue
        n = len(b.text.split())
        if n < 2 or not looks_like_title(b.text) or _DATE_OR_NUMBERS.search(b.text):
            continue
        mine = _words(b.text)
        score = min(n, 12) / 12 - 0.2 * (s - i)
        if head_words:
            score += 3 * len(mine & head_words) / len(mine | head_words)
        if keys.count(keys[i - lo]) > 1:
            score += 1
        if any(parse_date(x.text) for x in blocks[i + 1 : min(i + 4, s)]):
            score += 1
        if score > best_score:
            best, best_score = i, score
    return best


TITLE_LINE_SCORE = 1.5
"""What the page's title line scores as the headline, against the blocks above the story."""


def _title_line(blocks: Sequence[Block]) -> tuple[str | None, str | None]:
    """The headline and the site's name as the text's first block gives them
    (whole-page text opens with the HTML ``<title>``: "Headline - Site",
    "Headline | Site"); ``(None, None)`` when it does not read as a title."""
    if not blocks or not looks_like_title(blocks[0].text, 40):
        return None, None
    first = blocks[0].text.strip()
    parts = _SITE_SEPARATOR.split(first)
    if len(parts) >= 2 and 0 < len(parts[-1].split()) <= 4 and len(parts[0].split()) >= 2:
        cut = [m for m in _SITE_SEPARATOR.finditer(first)][-1]
        return first[: cut.start()].strip(), first[cut.end() :].strip()
    return first, None


def _date_line(blocks: Sequence[Block], first: int, s: int, found: MetadataBuilder) -> None:
    """A date on a short line between the headline (or the window's top) and the
    story's second paragraph, nearest the headline."""
    for b in blocks[first : s + 2]:
        if len(b.text.split()) <= DATE_LINE_WORDS and (b.rule is None or _open(b)):
            date = parse_date(b.text)
            if date:
                found.set("date", date)
                if b.rule != TITLE_RULE and len(b.text.split()) < PROSE_WORDS:
                    b.rule = DATE_RULE
                return


_NAME = regex.compile(
    r"(?:(?i:by|written\s+by|author:?)\s+)?(?P<name>\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})"
)


def _name_line(blocks: Sequence[Block], first: int, s: int, found: MetadataBuilder) -> None:
    """An author's name on a line of its own beside the date line, between the
    headline and the story ("Jane Doe" above "June 17, 2023"), or after "by"."""
    span = list(range(first + 1, s))
    for i in span:
        b = blocks[i]
        if not _open(b) and b.rule not in (DATE_RULE,):
            continue
        m = _NAME.fullmatch(b.text.strip())
        if m is None:
            continue
        beside = [blocks[j] for j in (i - 1, i + 1) if first < j <= s]
        by = b.text.strip()[:1].islower() or b.text.lower().startswith(("by ", "written", "author"))
        if by or any(x.rule == DATE_RULE or parse_date(x.text) for x in beside):
            found.authors.append(m.group("name"))
            b.rule = AUTHOR_RULE
            return


def _head_rules(
    window: list[Block],
    lead: list[Block],
    rules: Sequence[Rule],
    table: _core.MetaTable,
    meta: MetadataBuilder,
    news: NewsSettings,
    min_words: int,
) -> None:
    """Run the head extract rules around the story's start; blocks they fire on
    leave the body. Rules of the first blocks (bylines, date lines: ``within``
    more than 1) read every block of ``window``; rules of the first block
    (datelines opening the story) read ``lead``, the story's first paragraph."""
    saved = [(b, b.rule) for b in window]
    for b in window:
        if b.rule != TITLE_RULE:
            b.rule = None
    wide, first = _head_rule_sets(tuple(rules))
    engine.run_metadata(window, wide, table, meta, news, min_words=min_words,
                        fired={k for k, r in enumerate(wide) if r is None})
    engine.run_metadata(lead, first, table, meta, news, min_words=min_words,
                        fired={k for k, r in enumerate(first) if r is None})
    for b, rule in saved:
        if b.rule is None:  # no rule fired on it: as scoring left it
            b.rule = rule


@lru_cache(maxsize=16)
def _head_rule_sets(rules: tuple[Rule, ...]) -> tuple[list[Rule | None], list[Rule | None]]:
    """The head extract rules as :func:`_head_rules` runs them, in the places of
    ``rules`` (so the core's table of patterns still fits; None elsewhere): those
    of the first blocks with their window opened to the whole of what they read,
    and those of the first block."""
    wide: list[Rule | None] = []
    first: list[Rule | None] = []
    for r in rules:
        head = r.where == "head" and r.action == "extract"
        many = head and (r.within or 0) > 1
        wide.append(dataclasses.replace(r, within=None) if many else None)
        first.append(r if head and not many else None)
    return wide, first
