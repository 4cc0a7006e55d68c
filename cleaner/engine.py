"""Apply rules to blocks: detection here, removal recorded on the blocks.

Patterns run in the core (``cleaner._core``, compiled by ``cleaner.compile``).
Chrome rules (``drop``, ``cut-*``) and replace rules are one call per document
each, with the blocks' texts in and, per block, the rule that removed it (or
its new text) out. Metadata rules (``extract``, ``title``) read the head and
tail in file order, until nothing changes: the loop is here, beside the
metadata it gathers; the core finds the blocks that hold each extract rule's
literals (one pass per document) and matches a rule's pattern on a block.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import _core
from .blocks import Block
from .metadata import MetadataBuilder, NewsSettings, looks_like_title, normalise_key
from .ruleset import Rule


def _live(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.rule is None]


def _at_least(blocks: Sequence[Block], words: int) -> bool:
    """Whether the blocks hold ``words`` words or more (counted only that far)."""
    total = 0
    for b in blocks:
        if total >= words:
            return True
        total += len(b.text.split())
    return total >= words


def _cut_to_end(live: list[Block], i: int, rule_id: str, min_words: int) -> bool:
    """Cut from ``live[i]`` to the end, unless the marker stands in the story's first
    half (the core's rule for cut markers: fewer than ``min_words`` before it, or
    more story prose after it than before it)."""
    if not _core.may_cut_to_end([b.text for b in live], i, min_words):
        return False
    for b in live[i:]:
        b.rule = rule_id
        b.cut = b is not live[i]
    return True


def run_metadata(
    blocks: list[Block],
    rules: Sequence[Rule | None],
    table: _core.MetaTable,
    meta: MetadataBuilder,
    news: NewsSettings,
    *,
    min_words: int,
    fired: set[int] | None = None,
    candidates: list[list[Block] | None] | None = None,
    tail_only: bool = False,
) -> bool:
    """Extract metadata from the head and tail; each rule fires at most once.
    Returns whether any rule fired.

    ``rules`` are the metadata rules, ``table`` their patterns in the core
    (``None`` in the place of a rule not to run).
    Positions count the blocks still in the body, so the rules are applied
    until nothing changes: a byline found by a later file's rule lets an
    earlier dateline rule see the first paragraph. ``fired`` (the indices of
    the rules that fired, or cannot) and ``candidates`` (:func:`meta_candidates`)
    are kept by a caller that runs the rules again after other stages removed
    blocks: a rule still fires at most once in all. ``tail_only``: only the
    rules of the tail window run.
    """
    if candidates is None:
        candidates = meta_candidates(blocks, table)
    if fired is None:
        fired = set()
    fired |= {k for k, r in enumerate(rules)
              if r is None or (r.action != "title" and candidates[k] == [])}
    any_hit = False
    live = _live(blocks)
    position = {id(b): i for i, b in enumerate(live)}
    for _ in range(3):
        changed = False
        for k, rule in enumerate(rules):
            if rule is None or k in fired or (tail_only and rule.where != "tail"):
                continue
            n = len(live)
            window = range(n)
            if rule.where == "head":
                window = range(min(n, rule.within or n))
            elif rule.where == "tail":
                window = range(max(0, n - (rule.within or n)), n)
            if rule.action == "title":
                hit = any(_title(live, i, rule, meta, min_words) for i in window)
            else:
                found = candidates[k]
                spots: Sequence[int]
                if found is None:  # every block of the window, in order
                    spots = window
                else:  # the window's blocks among those with a literal, in order
                    spots = [i for i in map(position.get, map(id, found))
                             if i is not None and i in window]
                hit = any(
                    _extract(live, i, rule, table.groups(k, live[i].text), meta, news, min_words)
                    for i in spots
                )
            if hit:
                fired.add(k)
                changed = any_hit = True
                live = _live(blocks)
                position = {id(b): i for i, b in enumerate(live)}
        if not changed:
            break
    return any_hit


def meta_candidates(blocks: list[Block], table: _core.MetaTable) -> list[list[Block] | None]:
    """For each metadata rule, the blocks that hold one of its literals, in order
    (None: a rule without literals, any block may match it)."""
    return [
        None if found is None else [blocks[b] for b in found]
        for found in table.candidates([b.text for b in blocks])
    ]


def _title(live: list[Block], i: int, rule: Rule, meta: MetadataBuilder, min_words: int) -> bool:
    block = live[i]
    known = meta.values.get("title")
    if known:  # the page gave the title: drop it where the text repeats it
        if normalise_key(block.text) != normalise_key(known):
            return False
    elif not looks_like_title(block.text, rule.max_words or 30):
        return False
    if not _at_least(live[i + 1 :], min_words):
        return False
    meta.set("title", block.text)
    block.rule = rule.id
    key = normalise_key(block.text)
    for other in live[i + 1 : i + 1 + rule.repeat_within]:
        if normalise_key(other.text) == key:
            other.rule = rule.id
    return True


def _extract(
    live: list[Block],
    i: int,
    rule: Rule,
    groups: dict[str, str | None] | None,
    meta: MetadataBuilder,
    news: NewsSettings,
    min_words: int,
) -> bool:
    """Fire an extract rule on ``live[i]``, whose match gave ``groups`` (None: no match)."""
    block = live[i]
    if groups is None or not rule.length_ok(block.text):
        return False
    if rule.then == "cut-to-end" and not _at_least(live[:i], min_words):
        return False
    if not meta.add(groups, news):
        return False
    if not rule.keep:
        block.rule = rule.id
    if rule.then == "cut-to-end":
        _cut_to_end(live, i, rule.id, 0)
    return True


_CHROME_RUNS = 3


def run_chrome(
    blocks: list[Block], chrome: _core.ChromeTable, *, min_words: int, cuts: bool = True
) -> bool:
    """Decide each block still in the body with the first chrome rule that matches it
    (in the core: one call per document), until nothing changes.

    The core decides in one pass, with windows and cut weights counted on the
    blocks it was given. A removal changes them: a site tagline eight blocks
    above the end comes into a ``tail`` window once a later cut took the teasers
    below it, and a second cleaning would drop it. So, as for the metadata rules,
    positions count the blocks still in the body: the core runs again on those
    until it removes nothing, at most ``_CHROME_RUNS`` times (most documents need
    two runs; the bound keeps time linear when removals keep pulling blocks into
    a window, e.g. thousands of tail lines that a tail rule matches). The later
    runs drop lines; they make no new cuts (nor does any run with ``cuts``
    false: the cuts were weighed before). Returns whether any block was removed.
    """
    ids = None
    removed = False
    for run in range(_CHROME_RUNS):
        live = _live(blocks)
        verdicts = chrome.run([b.text for b in live], min_words)
        # Cuts are weighed once, on the whole text: weighed again on what is left,
        # the marker before a cut would find less story after it each time, and
        # a text with a marker in every part would lose half of itself a run.
        cutting = (set() if run == 0 and cuts
                   else {v[0] for v in verdicts if v is not None and v[1]})
        changed = False
        for block, verdict in zip(live, verdicts):
            if verdict is not None and verdict[0] not in cutting:
                ids = ids or chrome.ids
                block.rule = ids[verdict[0]]
                block.cut = verdict[1]
                changed = removed = True
        if not changed:
            break
    return removed

def run_replace(blocks: list[Block], replace: _core.ReplaceTable) -> list[tuple[Block, str, str]]:
    """Rewrite text inside kept blocks; return (block, rule id, removed text) for each cut
    (in the core: one call per document)."""
    if not len(replace):
        return []
    live = _live(blocks)
    texts, cuts, emptied = replace.run([b.text for b in live])
    ids = replace.ids
    for block, text, gone in zip(live, texts, emptied):
        if text is not None:
            block.text = text
        if gone is not None:
            block.rule = ids[gone]
    return [(live[b], ids[r], text) for b, r, text in cuts]
