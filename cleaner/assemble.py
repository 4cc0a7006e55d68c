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


def _removals(text: str, blocks: Sequence[Block]) -> list[Removal]:
    """One removal per run of neighbouring blocks removed by the same rule."""
    out: list[Removal] = []
    run: list[Block] = []
    for block in blocks:
        if run and (block.rule != run[0].rule):
            out.append(Removal(run[0].rule or "", text[run[0].start : run[-1].end],
                               run[0].start, run[-1].end))
            run = []
        if block.rule is not None:
            run.append(block)
    if run:
        out.append(Removal(run[0].rule or "", text[run[0].start : run[-1].end],
                           run[0].start, run[-1].end))
    return out


def _inline(text: str, block: Block, rule: str, cut: str) -> Removal:
    """Where an inline cut lies in the input (the block's span if typography moved it)."""
    at = text.find(cut, block.start, block.end)
    if at < 0:
        return Removal(rule, text[block.start : block.end], block.start, block.end)
    return Removal(rule, cut, at, at + len(cut))


def _guard(blocks: Sequence[Block], config: Config, page: bool) -> str | None:
    total = sum(len(b.text) for b in blocks)
    if total < config.guard_min_chars:
        return None
    kept = sum(len(b.text) for b in blocks if b.rule is None)
    share = 1 - kept / total
    if page:
        # Text scored as a page: scoring may remove most of it, and may bring back
        # lines a cut marker removed. What the rules removed, cuts included, is
        # held to the same limit, so that a rule file that eats the story is
        # caught even when scoring keeps some of what it cut.
        limit = config.page_max_removed_share
        ruled = sum(
            len(b.text) for b in blocks if b.cut or b.rule not in (None, SCORING_RULE)
        )
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
    body = "\n\n".join(b.text for b in blocks if b.rule is None)
    removed = _removals(text, blocks) + [_inline(text, b, rule, cut) for b, rule, cut in cuts]
    removed.sort(key=lambda r: (r.start, r.end))
    metadata = Metadata(
        **meta.values,
        authors=meta.authors,
        tags=meta.tags,
        credits=meta.credits,
        fingerprint=_fingerprint(body),
    )
    return Document(body, metadata, removed, warnings)
