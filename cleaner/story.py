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

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import regex

from . import _core, engine
from .blocks import Block
from .dates import (
    MONTH_NAMES,
    MONTH_PATTERN,
    WEEKDAY_NAMES,
    date_from_url,
    parse_date,
    without_dates,
)
from .metadata import MetadataBuilder, NewsSettings, looks_like_title, normalise_key
from .ruleset import Rule
from .scoring import SCORING_RULE

TITLE_RULE = "story.title"
"""The rule id of a headline read above the story (it leaves the body)."""
DATE_RULE = "story.date"
"""The rule id of a date line read beside the headline."""
AUTHOR_RULE = "story.author"
"""The rule id of an author's name read beside the date line."""

ABOVE = 20
"""Blocks above the story's first paragraph where its headline, byline and date are looked for."""
BELOW = 3
"""Blocks of the story's start (from its first paragraph) where a byline or date may stand."""
PROSE_WORDS = 12
"""Words of the first block taken for a story paragraph."""
RUN = 10
"""Blocks over which the body's density is weighed to find the story's start."""
STORY_WORDS = 120
"""Words in the body over ``RUN`` blocks that make a story's start (or half the
most any run holds, when no run holds as many)."""
DATE_LINE_WORDS = 16
"""Words a line that gives the date may have."""

# "Headline - Site", "Headline | Site", "Headline :: Site", "Headline « Site".
_SITE_SEPARATOR = regex.compile(r"\s+(?:[-–—|·•»«:]{1,2})\s+|\s*[｜]\s*")
_BREADCRUMB = regex.compile(r"\s[>»›/]\s")
_DATE_OR_NUMBERS = regex.compile(r"\d{1,2}[:.]\d{2}|\b\d{4}\b.*\b\d{1,2}\b|\b\d{1,2}\b.*\b\d{4}\b")
_DIGIT = regex.compile(r"\d")


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
    enough = min(max(mass.values()) / 2, STORY_WORDS)
    return next(i for i in prose if mass[i] >= enough)


def _headline_far_above(keys: Sequence[str], head: str | None, s: int) -> tuple[int, int] | None:
    """Where the page's headline stands (the first and last of the blocks that
    repeat the page's title line ``head``, a few blocks apart) when it is more than ``ABOVE`` blocks above the story's
    start ``s``: page scoring then left the story's first paragraphs out, and
    its byline and date are beside the headline, out of the window read around
    ``s``. None when the headline is near (or not found). ``keys``: the
    blocks' :func:`normalise_key`, up to ``s``."""
    key = normalise_key(head) if head else ""
    if len(key) < 12:  # "Home", "Blog": a menu line, not a headline
        return None
    at = [i for i in range(s - 1, 0, -1) if keys[i] == key]
    if not at or at[0] >= s - ABOVE:
        return None
    last = at[0]
    return min(i for i in at if i >= last - ABOVE // 2), last


def _open(b: Block) -> bool:
    """Whether the block is in the body or only scoring took it out."""
    return b.rule is None or b.rule == SCORING_RULE


def _story_end(blocks: Sequence[Block], s: int) -> int:
    """Where lines closing the story may stand up to (not included): ``AFTER_START``
    blocks under the last block in the body from ``s`` on; ``s`` when there is none."""
    for i in range(len(blocks) - 1, s - 1, -1):
        if blocks[i].rule is None:
            return min(len(blocks), i + AFTER_START)
    return s


def _folded(text: str) -> str:
    """``text`` as a case-blind pattern reads it, for a quick test of the words the
    pattern needs: casefolded, with "İ" (which a pattern's "i" matches, and which
    casefolds to "i" and a combining dot) as "i".

    >>> _folded("EDİTOR ſtaff")
    'editor staff'
    """
    return text.casefold().replace("\N{COMBINING DOT ABOVE}", "")


def _holds(text: str, words: Sequence[str]) -> bool:
    """Whether ``text`` holds one of ``words`` (written as :func:`_folded` writes
    them) where a case-blind pattern would find it: a quick test that rules out
    running the pattern."""
    folded = _folded(text)
    return any(w in folded for w in words)


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
    s = story_start(blocks)
    if s is None:
        return
    head, site = _title_line(blocks)
    lo, hi = max(0, s - ABOVE), min(len(blocks), s + BELOW)
    lead = [blocks[s]] if blocks[s].rule is None else []
    at = None
    start, top = s, lo  # the story's first paragraph and the window above it
    keys = [normalise_key(b.text) for b in blocks[: s + 1]]  # texts do not change here
    far = _headline_far_above(keys, head, s)
    if far is not None:  # read beside the headline, as if the story started ABOVE blocks below it
        at, last = far
        s = last + ABOVE
        lo, hi, lead = max(0, at - 3), s, []
    found = MetadataBuilder()
    # Bylines and date lines first: a byline reads as a headline too. Blocks the
    # head rules already took from the text's head are read again (their fields
    # would be lost when what is found here replaces what the head gave).
    read_before = {r.id for r in rules if r.where == "head" and r.action == "extract"}
    window = [b for i, b in enumerate(blocks[lo:hi], lo)
              if (_open(b) or b.rule in read_before) and not _by_menu_item(blocks, i)]
    _head_rules(window, lead, rules, table, found, news, min_words)
    title_at = _headline(blocks, lo, s, head, keys)
    if title_at is not None:
        found.set("title", blocks[title_at].text)
        for i in range(lo, s + 1):
            if keys[i] == keys[title_at] and _open(blocks[i]):
                blocks[i].rule = TITLE_RULE
    elif head:
        found.set("title", head)
    if site and normalise_key(found.values.get("title") or "") == normalise_key(head or ""):
        found.set("publisher", site)
    first = title_at if title_at is not None else lo
    if not found.values.get("date"):
        _date_line(blocks, lo, first, s, found)
    if not found.values.get("date") and head and not date_from_url(url):
        found.set("date", parse_date(blocks[0].text))  # "Headline - 21/12/2018 - Section - Site"
    if not found.authors:
        # A headline opening the story has its byline above it ("Jane Doe / June
        # 17, 2023 / Headline / story").
        above = max(lo, s - AFTER_START) if title_at == s else first
        _name_line(blocks, lo, above, s, found, nearest=first if at is not None else s,
                   headline=title_at)
    if not found.authors and far is not None:
        # Not beside the far headline: the byline may stand just above the
        # story ("By" / "Jane Doe" / "June 17, 2023" / first paragraph).
        _name_line(blocks, top, top, start, found)
    if not found.authors:
        _closing_byline(blocks, s, found)
    for name in ("title", "date", "dateline", "agency"):
        if found.values.get(name):
            meta.values[name] = found.values[name]
    if found.values.get("publisher"):
        meta.set("publisher", found.values["publisher"])
    people = [p for p in map(_without_role, found.authors) if p and _person(p)]
    if people:
        meta.authors[:] = people


_WORD = regex.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _headline(
    blocks: Sequence[Block], lo: int, s: int, head: str | None, keys: Sequence[str]
) -> int | None:
    """The index of the headline above the story's first paragraph ``blocks[s]``,
    if a block reads so better than the page's title line ``head`` would serve
    (``keys``: the blocks' :func:`normalise_key`, up to ``s``)."""
    head_words = _words(head) if head else set()
    head_key = normalise_key(head) if head else ""
    # How often each key stands in the window, and the window's keys each closed
    # by "\0" (which no key holds): a key and "\0" occur there once for each key
    # that ends with it.
    counts = Counter(keys[lo : s + 1])
    ends = "\0".join(keys[lo : s + 1]) + "\0"
    best, best_score = None, TITLE_LINE_SCORE if head else 0.0
    for i in range(lo, s + 1):
        b = blocks[i]
        if i == 0 or not _open(b):
            continue
        text = b.text
        n = len(text.split())
        # The story's first long block may be its headline, when it repeats the title line.
        long_ok = i < s or (head_key != "" and keys[i] == head_key)
        if not 2 <= n < PROSE_WORDS + long_ok * 30:
            continue
        if not text.lstrip("\"“‘'«(")[:1].isalnum():  # "| a table row |", "» a link"
            continue
        if _BREADCRUMB.search(text):  # "News > Local > Headline"
            continue
        mine = None
        if not _title_like(text):
            # Two sentences make a headline when the title line says most of them
            # ("West Ham hrozí gigantům, okouzlil i Linekera. Součka je snadné přehlédnout").
            if not head_words or text.rstrip()[-1:] in ".;:,":
                continue
            mine = _words(text)
            if len(mine & head_words) < HEAD_SHARE * len(mine | head_words):
                continue
        if _mostly_date(text):
            continue
        score = min(n, 12) / 12 - 0.1 * (s - i)
        if head_words:
            mine = _words(text) if mine is None else mine
            score += 3 * len(mine & head_words) / len(mine | head_words)
        key = keys[i]
        if counts[key] > 1 or ends.count(key + "\0") > counts[key]:
            score += 1  # the page repeats it (a headline shown twice, a breadcrumb's end)
        if any(parse_date(x.text) for x in blocks[i + 1 : min(i + 4, s)]):
            score += 1
        if score > best_score:
            best, best_score = i, score
    return best


HEAD_SHARE = 0.5
"""Share of their words a block and the title line have in common for the block to
be taken for a headline written as two sentences."""
TITLE_LINE_SCORE = 1.5
"""What the page's title line scores as the headline, against the blocks above the story."""


def _mostly_date(text: str) -> bool:
    """Whether a line is a date or time with little else ("Updated Dec 18, 2025 · 5 min read")."""
    if not _DIGIT.search(text) or not _DATE_OR_NUMBERS.search(text) and not parse_date(text):
        return False  # both need a digit
    rest = [w for w in _WORD.findall(text) if not w.isdigit() and w.casefold() not in _DATE_WORDS]
    return len(rest) < 4


_DATE_WORDS = frozenset({
    *MONTH_NAMES, "am", "pm", "est", "edt", "pst", "pdt", "gmt", "utc", "cet", "cest", "bst",
    "updated", "published", "posted", "last", "on", "at", "min", "mins", "minute", "minutes",
    "read", "uhr", "le", "um",
})


def _title_line(blocks: Sequence[Block]) -> tuple[str | None, str | None]:
    """The headline and the site's name as the text's first block gives them
    (whole-page text opens with the HTML ``<title>``: "Headline - Site",
    "Headline | Site"); ``(None, None)`` when it does not read as a title."""
    if not blocks:
        return None, None
    first = blocks[0].text.strip()
    # Two sentences make a title line when a site's name follows them
    # ("Ham wins. Now the cup? - Site").
    titled = (_SITE_SEPARATOR.search(first) is not None and 2 <= len(first.split()) <= 40
              and first[:1].isupper() and first[-1:] not in ".;:,")
    if not (titled or _title_like(first, 40)):
        return None, None
    parts = _SITE_SEPARATOR.split(first)
    if len(parts) >= 2 and 0 < _word_count(parts[-1]) <= 4 and _word_count(parts[0]) >= 2:
        cut = [m for m in _SITE_SEPARATOR.finditer(first)][-1]
        return first[: cut.start()].strip(), first[cut.end() :].strip()
    return first, None


_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_ABBREVIATION_OR_QUESTION = regex.compile(r"(?<=(?<!\w)\w{1,3}\.|[?!])(?=\s)")


def _word_count(text: str) -> int:
    """Words of a title's part, counting four characters of Chinese, Japanese or
    Korean as a word where no spaces part them.

    >>> _word_count("Coastal Times"), _word_count("気軽に新聞をスクラップ")
    (2, 3)
    """
    return len(text.split()) + len(_CJK.findall(text)) // 4


def _title_like(text: str, max_words: int = 30) -> bool:
    """Whether a line reads as a headline (:func:`looks_like_title`), where a
    question or an abbreviation may stand before a capital ("How Much Does It
    Cost? A Guide", "Degree vs. Certification", "The U.S. Economy").

    >>> _title_like("Degree vs. Certification: Which Is Best? A Guide for Students")
    True
    >>> _title_like("He said so. Then he left.")
    False
    """
    if "." in text or "?" in text or "!" in text:  # what the pattern needs
        text = _ABBREVIATION_OR_QUESTION.sub(":", text)
    return looks_like_title(text, max_words)


def _date_line(
    blocks: Sequence[Block], lo: int, first: int, s: int, found: MetadataBuilder
) -> None:
    """A date on a short line between the headline (or the window's top) and the
    story's start, nearest the headline; else on a line of the story's first
    few that is mostly a date, or a byline or "Published" line that gives one;
    else just above the headline, nearest it."""
    below = range(first, min(s + AFTER_START, len(blocks)))
    above = range(first - 1, lo - 1, -1)
    updated: tuple[int, str] | None = None  # a date the page says it updated to
    for i in (*below, *above):
        b = blocks[i]
        n = len(b.text.split())
        # "... Updated: April 07, 2020 03:49 pm IST" ends a byline of many words
        labelled = (_LABELLED_DATE.search(b.text)
                    if n <= DATE_LINE_WORDS or n <= DATE_LINE_WORDS + 8 and i >= first else None)
        if labelled and (_in_prose(b.text[: labelled.start()]) or b.text.rstrip()[-1:] in ".!?"):
            labelled = None  # "The guidance was updated on June 3, 2020." is a sentence
        if n > DATE_LINE_WORDS and not (labelled or n <= DATE_LINE_WORDS + 8
                                        and _BY_IN_LINE.match(b.text)):
            continue
        mostly = _mostly_date(b.text)
        if not (_open(b) or b.rule == AUTHOR_RULE or mostly):
            continue
        if (i > s or i < first) and not (
                mostly or labelled or _may_open_byline(b.text) and _BY_IN_LINE.search(b.text)
                or _PUBLISHED.match(b.text)):
            continue
        date = parse_date(b.text[labelled.start():] if labelled else b.text)
        if date and _UPDATED.search(b.text) and not _PUBLISHED_WORD.search(b.text):
            updated = updated or (i, date)  # the day it was published may stand beside it
        elif date:
            found.set("date", date)
            if len(b.text.split()) < PROSE_WORDS and _open(b):
                b.rule = DATE_RULE
            return
    if updated:
        i, date = updated
        found.set("date", date)
        if len(blocks[i].text.split()) < PROSE_WORDS and _open(blocks[i]):
            blocks[i].rule = DATE_RULE
        return
    # A "Published" or "Posted on" line further down the story or just under it
    # (left where it is).
    for i in range(s + AFTER_START, _story_end(blocks, s)):
        b = blocks[i]
        if (_open(b) and len(b.text.split()) <= DATE_LINE_WORDS
                and _PUBLISHED_LINE.match(b.text) and (date := parse_date(b.text))):
            found.set("date", date)
            return


AFTER_START = 6
"""Lines of the story's start where a date line may stand."""
# The words that label a page's dates, in the languages of the shipped packs.
_PUBLISHED_WORDS = r"published|posted|veröffentlicht|publié|publicado|pubblicato|opublikowano"
_UPDATED_WORDS = (r"updated|last\s+updated|modified|last\s+modified|aktualisiert|mis\s+à\s+jour|"
                  r"actualizado|atualizado|aggiornato|aktualizacja|bijgewerkt")
_UPDATED = regex.compile(rf"(?<!\w)(?i:{_UPDATED_WORDS})(?!\w)")
_PUBLISHED_WORD = regex.compile(rf"(?<!\w)(?i:{_PUBLISHED_WORDS})(?!\w)")
# A date after its label anywhere in a line: "Updated: April 07, 2020", "Posted on 17.06.2023".
_LABELLED_DATE = regex.compile(
    rf"(?<!\w)(?i:{_PUBLISHED_WORDS}|{_UPDATED_WORDS})"
    r"(?:\s+(?i:on|am|le|el|em|il|dnia))?\s*:?\s*(?=\d|(?i:" + MONTH_PATTERN + r")\b)"
)
# "Published August 13, 2025", "Story published on Oct 5, 2022.", "Page last modified ..."
_PUBLISHED_LINE = regex.compile(
    rf"(?:\w+\s+){{0,2}}(?i:{_PUBLISHED_WORDS}|{_UPDATED_WORDS})"
    r"\b(?!.*\b(?i:comments?|replies|reply)\b)"
)
_PUBLISHED = regex.compile(rf"(?i:{_PUBLISHED_WORDS}|{_UPDATED_WORDS}|page\s+last\s+modified)\b")


_NAME_WORDS = r"\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}"
# Names in a list end with "and" ("Jane Doe, John Roe and Ann Poe"); a name
# and what follows a comma alone may be a job or a company ("Jane Doe, Acme").
_NAMES = (rf"{_NAME_WORDS}(?:(?:\s*,\s*{_NAME_WORDS})*\s*,?\s*(?:\band\b|&)\s*{_NAME_WORDS})?")
# Who else a page credits with "by": not the author.
_NOT_AUTHOR_BY = (r"(?i:edited|reviewed|checked|verified|photos?|photographs?|photography|images?|"
                  r"illustrations?|illustrated|graphics?|videos?|produced|translated|designed|"
                  r"powered|sponsored|presented|supported|brought\s+to\s+you|followed|liked)")
# A name after "by" anywhere in a line ("SEO | by Jane Doe | 5 min read").
_BY_IN_LINE = regex.compile(
    rf"(?<!\w)(?<!{_NOT_AUTHOR_BY}[\s:-]*)"
    rf"(?:(?i:by|written\s+by|posted\s+by|author)|Von|VON|Par|PAR|Por|POR|Door|Przez):?"
    rf"\s+(?P<name>{_NAMES})"
)
# A byline in Chinese or Japanese: "著者：後藤大地", "作者: 张三", "投稿者 Jane Doe".
_CJK_BYLINE = regex.compile(
    r"(?:(?:著者|作者|筆者|记者|記者|投稿者|文)\s*[：:●]|投稿者)\s*"
    rf"(?P<name>[\p{{Han}}\p{{Hiragana}}\p{{Katakana}}ー・]{{2,10}}|{_NAME_WORDS})(?=$|[\s（(/／|])"
)


def _bylines(text: str) -> list[regex.Match[str]]:
    """The bylines a line may hold: each name after "by" (:data:`_BY_IN_LINE`, read
    with the dates left out), then a byline in Chinese or Japanese at its start.
    Each pattern runs only on a line that holds what it needs: a word that opens
    a byline (:func:`_may_open_byline`; leaving dates out adds no letters), or a
    character outside ASCII."""
    found: list[regex.Match[str]] = []
    if _may_open_byline(text):
        found += _BY_IN_LINE.finditer(without_dates(text))
    if not text.isascii() and (cjk := _CJK_BYLINE.match(text)):
        found.append(cjk)
    return found


def _may_open_byline(text: str) -> bool:
    """Whether a line holds a word that opens a byline for :data:`_BY_IN_LINE`
    (which it must hold for the pattern to match it): "by" or "author" in any
    case (a case-blind pattern matches only these letters, in either case), or
    "Von", "PAR" as the pattern writes them."""
    lower = text.lower()
    return "by" in lower or "author" in lower or _BY_WORDS.search(text) is not None


_BY_WORDS = regex.compile(r"Von|VON|Par|PAR|Por|POR|Door|Przez")


# A line that credits the next line's name with something else ("Edited by", "Reviewed by:").
_OTHER_CREDIT = regex.compile(rf"(?:.*\s)?{_NOT_AUTHOR_BY}\s+(?i:by):?")
# A name opening a date line ("Jane Doe June 17, 2023", "Jane Doe | 17.06.2023").
_DATE_LABEL = r"(?i:published|posted|updated|on)\b"
_NOT_MONTH = rf"(?!(?i:{MONTH_PATTERN})\.?\s+\d|{_DATE_LABEL})"
# "Jane Doe June 17, 2023", "Jane Doe on Dec. 13, 2025", "Jane Doe Published 10:19am 19 June 2023"
_NAME_BEFORE_DATE = regex.compile(
    rf"(?P<name>{_NOT_MONTH}\p{{Lu}}[\p{{L}}'’.-]+(?:\s+{_NOT_MONTH}\p{{Lu}}[\p{{L}}'’.-]+){{0,2}})"
    rf"\s*[|,•·–—/-]?\s*(?:{_DATE_LABEL}:?\s*)?(?=(?i:{MONTH_PATTERN})\b|\d)"
)
_NOT_NAMES = frozenset({
    "updated", "published", "posted", "last", "date", "dated", "on", "at", "veröffentlicht",
    "aktualisiert", "publié", "publicado", "actualizado", "pubblicato", "opublikowano", "am",
    "le", "el", "il", "the", "and", "by", "share", "shares", "comments", "reviewed", "edited",
})
# What a line under a name says a person does ("Trending Editor", "Staff Writer"):
# a job, not a name.
_ROLES = frozenset({
    "editor", "editors", "writer", "writers", "reporter", "reporters", "correspondent",
    "contributor", "columnist", "columnists", "journalist", "producer", "analyst", "author",
    "expert", "director", "manager", "officer", "founder", "cofounder", "co-founder", "ceo",
    "cto", "president", "engineer", "specialist", "strategist", "consultant", "attorney",
    "lawyer", "photographer", "blogger", "researcher", "scientist", "professor", "lead",
    "head", "marketer", "intern", "fellow", "redakteur", "redakteurin", "autorin",
    "korrespondent", "korrespondentin", "rédacteur", "rédactrice", "journaliste",
    "correspondant", "correspondante", "periodista", "redactor", "redactora", "corresponsal",
    "giornalista", "redattore", "redattrice", "jornalista", "repórter", "dziennikarz",
    "dziennikarka", "redaktor", "redaktorka",
})
_ROLE_WORDS = _ROLES | {
    "staff", "senior", "contributing", "chief", "managing", "associate", "assistant", "deputy",
    "executive", "special", "guest", "coo", "cfo", "cmo", "vp",
}


def _without_role(name: str) -> str:
    """A name without the job or the date's label that follows it ("Jane Doe Staff
    Writer", "Jane Doe Last" of "Jane Doe Last Updated: ..." -> "Jane Doe"); ""
    when all of it is a job ("Senior Analyst").

    >>> _without_role("Jane Doe Staff Writer"), _without_role("Senior Analyst")
    ('Jane Doe', '')
    """
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in _NOT_NAMES:
        words.pop()
    if words and words[-1].casefold() in _ROLES:
        while words and words[-1].casefold() in _ROLE_WORDS:
            words.pop()
    elif len(words) == 1 and words[0].casefold() in _ROLE_WORDS:
        return ""
    return " ".join(words)


# A role after the name on its line: "Jane Doe, Staff Writer", "Jane Doe | Guest Columnist".
_ROLE_AFTER = regex.compile(
    rf"\s*[,|–—·•/-]\s*[^,|–—·•/]*?(?<!\w)(?i:{'|'.join(sorted(_ROLES, key=len, reverse=True))})"
    rf"(?!\w).*$"
)
# What a line needs for _ROLE_AFTER to match it: a separator, and a job among its
# words (the job's name stands between non-word characters there, so it is a whole
# word of the line; "co-founder" holds the job "founder").
_ROLE_SEPARATOR = regex.compile(r"[,|–—·•/-]")


def _folded_words(text: str) -> set[str]:
    """The words of a line as a case-blind pattern reads them (:func:`_folded`).

    >>> sorted(_folded_words("Jane Doe, EDİTOR"))
    ['doe', 'editor', 'jane']
    """
    words = _words(text)
    if "\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}" in text:
        words = {w.replace("\N{COMBINING DOT ABOVE}", "") for w in words}
    return words


def _person(name: str) -> bool:
    """Whether a name found beside a date reads as a person's or a desk's name (a
    month's name may be a name: "Laura June Topolsky", "Juli Clover")."""
    return not any(w.casefold() in _NOT_NAMES or w.casefold() in WEEKDAY_NAMES
                   or w.casefold() in _ROLES
                   for w in _WORD.findall(name))


_NAME = regex.compile(rf"(?P<name>{_NAME_WORDS})")
# Degrees and titles after a name: "Jane Doe, Ph.D.", "Jane Doe, MD, FACP".
_CREDENTIALS = regex.compile(r"(?:,\s*\p{Lu}[\p{L}.]{0,5}){1,3}\.?$")


@lru_cache(maxsize=4096)
def _bare(text: str) -> str:
    """A line as a name may stand on it: no degrees, role or handle after the name
    ("Jane Doe, Ph.D.", "Jane Doe, Staff Writer", "Jane Doe CEO", "Jane Doe @janedoe")."""
    # Each pattern runs only where the characters it needs stand: most lines hold
    # no handle, no comma and no job's name.
    if "@" in text:
        text = _HANDLE.sub("", text)
    text = text.strip(" ,|–—-")
    if "," in text:
        text = _CREDENTIALS.sub("", text)
    if _ROLE_SEPARATOR.search(text) and not _ROLES.isdisjoint(_folded_words(text)):
        text = _ROLE_AFTER.sub("", text)
    text = text.strip(" ,|–—-")
    words = text.split()
    if len(words) >= 3 and words[-1].isupper() and words[-1].casefold() in _ROLES:
        words.pop()
    # A desk or site in capitals after a name in mixed case: "Jane Doe USA TODAY".
    caps = len(words)
    while caps > 0 and words[caps - 1].isupper() and words[caps - 1].isalpha() \
            and len(words[caps - 1]) > 1:
        caps -= 1
    if 2 <= caps < len(words) and not any(w.isupper() for w in words[:caps]):
        words = words[:caps]
    return " ".join(words)


# One or two names alone on a line: "Jane Doe", "Jane Doe and John Roe".
_ALONE = regex.compile(rf"(?P<name>{_NAME_WORDS}(?:\s*(?:&|\band\b)\s*{_NAME_WORDS})?)")
_HANDLE = regex.compile(r"[\s,|·•]*@\w+")
_SEGMENT = regex.compile(r"\s+[|/·•–—]\s+|\s*\|\s*")
# Words of a segment of a date line that name a section or a site, not a person.
_NOT_PERSON_WORDS = frozenset({
    "news", "media", "online", "blog", "magazine", "weekly", "daily", "times", "post", "read",
    "min", "mins", "minutes", "words", "comments", "views",
})


def _name_beside_date(text: str) -> regex.Match[str] | None:
    """A name standing alone between the separators of a date line, before or after
    the date ("Jane Doe / June 17, 2023", "June 17, 2023 · 5 min · Jane Doe",
    "Jane Doe / Desk / Updated: June 17, 2023"): the first such part of two or
    three capitalised words, not a section's or site's name."""
    for part in _SEGMENT.split(without_dates(text)):
        part = part.strip(" ,:")
        m = _NAME.fullmatch(part)
        if m and 2 <= len(part.split()) <= 3 and not any(
                w.casefold() in _NOT_PERSON_WORDS for w in part.split()):
            return m
    return None


def _name_line(
    blocks: Sequence[Block], lo: int, first: int, s: int, found: MetadataBuilder,
    nearest: int | None = None, headline: int | None = None,
) -> None:
    """An author's name around the story's start: after "by" on a short line
    first ("By Jane Doe | June 17, 2023", or "By" on its own above the name);
    else opening a date line or on a line of its own beside it, between the
    headline and the story ("Jane Doe" above "June 17, 2023"); else on a line of
    its own right under the ``headline``. Of names found alike, the one nearest
    ``nearest`` (the story's start by default) wins. Names that another credit
    goes with ("Edited by", "Photo by") are not the author's, nor are jobs
    ("Staff Writer")."""
    nearest = s if nearest is None else nearest
    names = []
    credited = -1  # the block under an "Edited by" line
    for i in range(lo, min(s + BELOW, len(blocks))):
        b = blocks[i]
        n = len(b.text.split())
        if not (_open(b) or b.rule == DATE_RULE) or n > BYLINE_WORDS + 8:
            continue
        if _OTHER_CREDIT.fullmatch(b.text.strip(" ,|–—-")):
            credited = i + 1
            continue
        if i == credited:
            continue
        text = _bare(b.text)
        between = first < i < s
        name, rank = None, 3
        # The first "by" that names someone ("Author Posted by Jane Doe on ...");
        # not after a word of a sentence ("driven by AI"); in a long line only
        # when it opens the line.
        by = next((m for m in _bylines(text)
                   if any(map(_person, _AUTHOR_SPLIT.split(m.group("name"))))
                   and not _in_prose(m.string[: m.start()])
                   and not (n > BYLINE_WORDS and m.start() > 0)), None)
        if by and _menu_by(blocks, i, by, between):
            by = None
        if by:
            name, rank = by.group("name"), 0
        elif n > BYLINE_WORDS:
            pass
        elif text.casefold() in ("by", "by:", "written by", "author", "author:") and i + 1 < len(blocks):
            alone = _NAME.fullmatch(_bare(blocks[i + 1].text))
            if alone:
                name, rank, i = alone.group("name"), 0, i + 1
        elif parse_date(text):  # "Jane Doe June 17, 2023", above or below the headline
            opening = _NAME_BEFORE_DATE.match(text) or _name_beside_date(text)
            if opening:
                name, rank = opening.group("name"), 1
        elif between and (alone := _ALONE.fullmatch(text)) and all(
                2 <= len(x.split()) <= 3 for x in _AUTHOR_SPLIT.split(text)):
            near = [blocks[j] for j in range(i - 2, i + 3) if first < j <= s and j != i]
            if any(x.rule == DATE_RULE or parse_date(x.text) for x in near):
                name, rank = alone.group("name"), 1
            elif (headline is not None and 0 < i - headline <= 2 and headline < s - 1
                  and not any(w.casefold() in _NOT_PERSON_WORDS for w in text.split())):
                name, rank = alone.group("name"), 2
        people = [n for n in _AUTHOR_SPLIT.split(name or "") if n and _person(n)]
        if people:
            names.append((rank, abs(i - nearest), i, people))
    if names:
        *_, i, people = min(names)
        found.authors.extend(people)
        if blocks[i].rule != DATE_RULE:
            blocks[i].rule = AUTHOR_RULE


# "This post was written by Jane Doe", "Written by: Jane Doe and John Roe" closing a story.
_WRITTEN_BY = regex.compile(
    r"(?:(?i:this|the)\s+(?i:post|article|story|piece|guide|blog\s+post)\s+(?i:was\s+)?)?"
    rf"(?:(?i:written|authored)\s+(?i:by)|(?i:geschrieben\s+von|écrit\s+par|escrito\s+por|"
    rf"scritto\s+da|napisane\s+przez)):?\s+(?P<name>{_NAMES})"
)
_WRITTEN_WORDS = ("written", "authored", "geschrieben", "écrit", "escrito", "scritto", "napisane")
"""The words :data:`_WRITTEN_BY` needs, one of them in a line that it matches
(as the line stands or as :func:`_bare` leaves it: it only takes words away)."""


def _closing_byline(blocks: Sequence[Block], s: int, found: MetadataBuilder) -> None:
    """An author named after the story: a short line that opens with "Written by"
    ("This post was written by Jane Doe, Head of Marketing") in the story or just
    under it; the first one wins, the line stays where it is."""
    for i in range(s, _story_end(blocks, s)):
        b = blocks[i]
        if not _open(b) or len(b.text.split()) > BYLINE_WORDS + 8 or not _holds(
                b.text, _WRITTEN_WORDS):
            continue
        m = _WRITTEN_BY.match(_bare(b.text))
        people = [n for n in _AUTHOR_SPLIT.split(m.group("name")) if n and _person(n)] if m else []
        if people:
            found.authors.extend(people)
            return


def _menu_by(blocks: Sequence[Block], i: int, by: regex.Match[str], between: bool) -> bool:
    """Whether a "By ..." line is an item of a menu ("Browse: By Role / By
    Industry"): beside another line that opens with "By", or a single word
    after "By" outside the zone between the headline and the story, on a line
    with no date."""
    if _by_menu_item(blocks, i):
        return True
    return (by.re is _BY_IN_LINE and len(by.group("name").split()) == 1 and not between
            and parse_date(blocks[i].text) is None)


_BY_START = regex.compile(r"(?i:by)\s+(?P<next>[\w'’.-]+)")


def _by_menu_item(blocks: Sequence[Block], i: int) -> bool:
    """Whether block ``i`` opens with "By" beside another block that does ("By Role",
    "By Industry"): a menu, not a byline."""
    mine = _BY_START.match(blocks[i].text)
    if not mine:
        return False
    for j in (i - 1, i + 1):
        other = _BY_START.match(blocks[j].text) if 0 <= j < len(blocks) else None
        if other and other.group("next").casefold() != mine.group("next").casefold():
            return True  # "By Jane Doe, Editor" above "By Jane Doe" is one byline twice
    return False


_BEFORE_BY = frozenset({
    "written", "posted", "reported", "text", "words", "story", "interview", "article",
    "published", "updated", "am", "pm", "a.m", "p.m",
})


def _in_prose(before: str) -> bool:
    """Whether "by" follows a word of a sentence ("driven by AI"), not a date,
    a separator or a byline's own word ("Posted by", "10:44 am PST by")."""
    words = before.split()
    last = words[-1].rstrip(".:") if words else ""
    return last.isalpha() and last.islower() and last not in _BEFORE_BY


_AUTHOR_SPLIT = regex.compile(r"\s*(?:,|&|\band\b)\s*")


BYLINE_WORDS = 12
"""Words a line that gives the author may have (8 more when it opens with "By", with the
date and who checked the facts: "By Jane Doe – Updated Sep 9, 2025 at 1:00 PM EST | ...")."""


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
    engine.run_metadata(window, table, meta, news, min_words=min_words, skip=wide, opened=True)
    engine.run_metadata(lead, table, meta, news, min_words=min_words, skip=first)
    for b, rule in saved:
        if b.rule is None:  # no rule fired on it: as scoring left it
            b.rule = rule


@lru_cache(maxsize=16)
def _head_rule_sets(rules: tuple[Rule, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The rules (indices into ``rules``, the table's order) that each run of
    :func:`_head_rules` skips: the first runs the head extract rules of the
    first blocks (their windows opened to the whole of what they read), the
    second those of the first block."""
    wide: list[int] = []
    first: list[int] = []
    for k, r in enumerate(rules):
        head = r.where == "head" and r.action == "extract"
        many = head and (r.within or 0) > 1
        if not many:
            wide.append(k)
        if not head or many:
            first.append(k)
    return tuple(wide), tuple(first)
