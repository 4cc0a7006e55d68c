"""Assembly: join what is kept, record what is not, guard against eating the story."""

from __future__ import annotations

from collections.abc import Sequence

from . import _core
from .blocks import Block
from .config import Config
from .document import Document, Metadata, Removal
from .metadata import MetadataBuilder
from .scoring import SCORING_RULE

GUARD_WARNING = "guard"


def _inline(text: str, block: Block, rule: str, cut: str) -> Removal:
    """Where an inline cut lies in the input (the block's span if typography moved it)."""
    at = text.find(cut, block.start, block.end)
    if at < 0:
        return Removal(rule, text[block.start : block.end], block.start, block.end)
    return Removal(rule, cut, at, at + len(cut))


def _guard(blocks: Sequence[Block], config: Config, page: bool) -> str | None:
    total = kept = ruled = 0
    for b in blocks:
        n = len(b.text)
        total += n
        if b.rule is None:
            kept += n
        # what the rules removed, cuts included (scoring's removals aside)
        if b.cut or (b.rule is not None and b.rule != SCORING_RULE):
            ruled += n
    if total < config.guard_min_chars:
        return None
    share = 1 - kept / total
    if page:
        # Text scored as a page: scoring may remove most of it, and may bring back
        # lines a cut marker removed. What the rules removed, cuts included, is
        # held to the same limit, so that a rule file that eats the story is
        # caught even when scoring keeps some of what it cut.
        limit = config.page_max_removed_share
        share = max(share, ruled / total)
    else:
        limit = config.max_removed_share
    if kept and share <= limit:
        return None
    rules = sorted({b.rule for b in blocks if b.rule})
    for block in blocks:
        block.rule = None
    return (
        f"{GUARD_WARNING}: the rules would remove {share:.0%} of the body "
        f"({', '.join(rules)}); the text is kept whole"
    )


def _body(text: str, blocks: Sequence[Block]) -> tuple[str, list[Removal]]:
    """The kept blocks joined, and one removal per run of neighbouring blocks
    removed by the same rule."""
    kept: list[str] = []
    removed: list[Removal] = []
    rule: str | None = None  # of the run of removed blocks being read
    start = end = 0  # of that run
    for block in blocks:
        if rule is not None and block.rule != rule:
            removed.append(Removal(rule, text[start:end], start, end))
            rule = None
        if block.rule is None:
            kept.append(block.text)
        else:
            if rule is None:
                rule, start = block.rule, block.start
            end = block.end
    if rule is not None:
        removed.append(Removal(rule, text[start:end], start, end))
    return "\n\n".join(kept), removed


def _fingerprint(body: str) -> str | None:
    """The body's SimHash (:func:`cleaner.fingerprint.simhash64`) as 16 hex digits."""
    return format(_core.simhash64(body), "016x") if body else None


def assemble(
    text: str,
    blocks: list[Block],
    cuts: list[tuple[Block, str, str]],
    meta: MetadataBuilder,
    config: Config,
    *,
    page: bool = False,
) -> Document:
    """The document: body, metadata, removals and warnings. ``page`` says the text
    was scored as a whole page (the guard then allows larger removals)."""
    warnings: list[str] = []
    guard = _guard(blocks, config, page)
    if guard:
        warnings.append(guard)
        cuts = []
    body, removed = _body(text, blocks)
    if cuts:
        removed += [_inline(text, b, rule, cut) for b, rule, cut in cuts]
        removed.sort(key=lambda r: (r.start, r.end))
    metadata = Metadata(
        **meta.values,
        authors=meta.authors,
        tags=meta.tags,
        credits=meta.credits,
        fingerprint=_fingerprint(body),
    )
    return Document(body, metadata, removed, warnings)
