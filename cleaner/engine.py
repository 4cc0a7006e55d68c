"""Apply rules to blocks: detection here, removal recorded on the blocks.

Patterns run in the core (``cleaner._core``, compiled by ``cleaner.rules.compile``).
Chrome rules (``drop``, ``cut-*``) and replace rules are one call per document
each, with the blocks' texts in and, per block, the rule that removed it (or
its new text) out. Metadata rules (``extract``, ``title``) read the head and
tail in file order, until nothing changes: one call per run, the loop in the
core, which asks the metadata gathered here (:class:`MetadataBuilder`) only
when a rule's pattern matched a block.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import _core
from .blocks import Block
from .metadata import MetadataBuilder, NewsSettings


def _live(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.rule is None]


def meta_state(
    blocks: list[Block], table: _core.MetaTable, skip: Iterable[int] = ()
) -> _core.MetaState:
    """What the metadata rules keep between their runs on one document: the
    blocks that hold each rule's literals (found once, on ``blocks``) and the
    rules that fired; the rules at ``skip`` do not run."""
    return table.start([b.text for b in blocks], list(skip))


def run_metadata(
    blocks: list[Block],
    table: _core.MetaTable,
    meta: MetadataBuilder,
    news: NewsSettings,
    *,
    min_words: int,
    state: _core.MetaState | None = None,
    skip: Iterable[int] = (),
    tail_only: bool = False,
    opened: bool = False,
) -> bool:
    """Extract metadata from the head and tail; each rule fires at most once.
    Returns whether any rule fired.

    ``table`` holds the metadata rules (``extract``, ``title``) with their
    patterns and windows. The loop runs in the core, one call: positions count
    the blocks still in the body, so the rules are applied until nothing
    changes (at most three passes): a byline found by a later file's rule lets
    an earlier dateline rule see the first paragraph. The core asks ``meta``
    only about blocks a rule's pattern matched (and about the title rule's
    headline); whether a field was taken decides whether the rule fires.
    ``state`` (:func:`meta_state` of ``blocks``) is kept by a caller that runs
    the rules again after other stages removed blocks: a rule still fires at
    most once in all. ``skip``: rules not to run (when no ``state`` is given).
    ``tail_only``: only the rules of the tail window run. ``opened``: every
    window holds every block.
    """
    if state is None:
        state = meta_state(blocks, table, skip)
    at = [i for i, b in enumerate(blocks) if b.rule is None]

    def take(rule: int, block: int, groups: dict[str, str | None] | None) -> bool:
        if groups is None:  # the title rule's headline
            meta.set("title", blocks[block].text)
            return True
        return meta.add(groups, news)

    fires = table.run(
        state, [blocks[i].text for i in at], at, min_words, take,
        lambda: meta.values.get("title") or None, tail_only, opened,
    )
    if not fires:
        return False
    ids = table.ids
    for rule, removed in fires:
        for i, cut in removed:
            blocks[i].rule = ids[rule]
            if cut is not None:
                blocks[i].cut = cut
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
    live = _live(blocks)
    verdicts = chrome.run_turns([b.text for b in live], min_words, cuts, _CHROME_RUNS)
    ids = None
    for block, verdict in zip(live, verdicts):
        if verdict is not None:
            ids = ids or chrome.ids
            block.rule = ids[verdict[0]]
            block.cut = verdict[1]
    return ids is not None


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
