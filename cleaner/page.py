"""Page scoring: which blocks of a whole page (menus, teasers, footers around the
story) are story. The stage the pipeline runs after the rules.

The work happens in the compiled core (``cleaner._core.PageScorer``), in one call
per document: block features and jusText-like classes (thresholds in
:class:`cleaner.scoring.ScoringSettings`), the block model and the page model
(weights in :class:`cleaner.blockmodel.BlockModel`, data of the rule files).
This module builds a :class:`PageScorer` once per ``Cleaner`` and language, and
hands it each document's blocks.

In ``mode="page"`` every text is scored. With a block model, the story is
decoded as runs of blocks (Viterbi over the block model's probabilities, with
the transition probabilities ``sequence_leave`` and ``sequence_enter`` of the
settings) rather than block by block, and from the first comment-thread
marker after the story's start on ("12 comments", "Reply", "Jane May 3, 2012
at 4:15 pm"), blocks weigh less as story (``thread_story``).

In ``mode="auto"`` a text is scored only when it is taken for a whole page: by
the page model (when there is a block model and a page model) or by the
hand-set page test. When the page model's probability exceeds
``auto_page_probability`` the text is scored as in page mode; below it,
scoring only trims around the story with the block-by-block verdicts, and
keeps sentences of ``auto_keep_words`` words or more. With a block model,
blocks that a cut marker removed are scored too, the cut counting as
evidence: in whole-page text a "Comments" or "Related" line may be a menu
item above the story.

A block of ``duplicate_min_words`` words or more that the body already holds
higher up is removed: whole-page text may carry the story twice (a print or
mobile copy), the body once.

Below the decoded story, strong prose joins it (a listicle's later items) up
to the first line a rule removed, save a line removed by an ``inline`` rule
(a photo credit, a "Read more" insert between a story's paragraphs).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from . import _core
from .blockmodel import BlockModel
from .blocks import Block
from .scoring import ScoringSettings, stoplist


class Decision(IntEnum):
    """What page scoring does to one block."""

    UNCHANGED = 0
    """Nothing: it stays as the rules left it."""
    REMOVED = 1
    """Scoring removes it (rule ``score.boilerplate``)."""
    RESTORED = 2
    """A cut marker removed it and scoring brings it back into the body."""


@dataclass(frozen=True, slots=True)
class PageVerdict:
    """Page scoring's verdict on one text."""

    page: bool
    """The text was scored as a whole page."""
    decisions: bytes
    """The :class:`Decision` of each block, one byte a block (empty when the text
    was not scored as a page)."""


_NO_PAGE = PageVerdict(False, b"")


class PageScorer:
    """The page-scoring stage of one language: settings, stoplist and models,
    compiled once into the core.

    >>> scorer = PageScorer(ScoringSettings(), stoplist("en"))
    >>> blocks = [Block(0, 0, t) for t in ("Home | News | Sport | Weather", "Read more")]
    >>> scorer.score(blocks, "page")
    PageVerdict(page=True, decisions=b'\\x01\\x01')
    """

    __slots__ = ("_core", "block_model", "inline", "page_model", "settings")

    def __init__(
        self,
        settings: ScoringSettings,
        stopwords: frozenset[str],
        block_model: BlockModel | None = None,
        page_model: BlockModel | None = None,
        inline: frozenset[str] = frozenset(),
    ) -> None:
        self.settings = settings
        self.block_model = block_model
        self.page_model = page_model
        self.inline = inline
        """Ids of the rules that remove lines from within a story (``inline``)."""
        self._core = _core.PageScorer(
            dataclasses.asdict(settings),
            stopwords,
            None if block_model is None else block_model.to_core(),
            None if page_model is None else page_model.to_core(),
        )

    @classmethod
    def for_language(
        cls,
        tables: list[tuple[str, dict]],
        language: str | None,
        block_model: BlockModel | None,
        page_model: BlockModel | None,
        inline: frozenset[str] = frozenset(),
    ) -> PageScorer:
        """The scorer of ``language``: settings of the ``[scoring]`` tables with
        that language's overrides, and its jusText stoplist; ``inline``: ids of
        the rules that remove lines from within a story."""
        settings = ScoringSettings.from_tables(tables, language)
        return cls(settings, stoplist(language), block_model, page_model, inline)

    def score(self, blocks: Sequence[Block], mode: str) -> PageVerdict:
        """Whether the text of ``blocks`` is scored as a whole page in ``mode``
        ("auto" or "page"; "article" never is), and what scoring does to each
        block. ``block.rule`` says whether a rule removed it (and which: see
        ``inline``), ``block.cut`` whether a cut marker did; the blocks are not
        changed."""
        if mode == "article":
            return _NO_PAGE
        inline = [b.rule in self.inline for b in blocks] if self.inline else None
        page, decisions = self._core.score(*_flags(blocks), mode, inline)
        return PageVerdict(page, decisions)

    def columns(self, blocks: Sequence[Block]) -> dict[str, list[float]]:
        """The block model's features of every block
        (:data:`cleaner.blockmodel.FEATURES`), as scoring computes them."""
        return self._core.columns(*_flags(blocks))

    def probabilities(self, blocks: Sequence[Block]) -> list[float] | None:
        """The block model's story probability of each block; None without one."""
        return self._core.probabilities(*_flags(blocks))

    def page_features(self, blocks: Sequence[Block]) -> dict[str, float] | None:
        """The page model's features of the text
        (:data:`cleaner.blockmodel.PAGE_FEATURES`); None without a block model."""
        return self._core.page_features(*_flags(blocks))

    def __repr__(self) -> str:
        models = [n for n, m in (("block", self.block_model), ("page", self.page_model)) if m]
        return f"PageScorer(models={models!r})"


def _flags(blocks: Sequence[Block]) -> tuple[list[str], list[bool], list[bool]]:
    """Texts, "a rule removed it" and "a cut marker removed it" of each block."""
    return (
        [b.text for b in blocks],
        [b.rule is not None for b in blocks],
        [b.cut for b in blocks],
    )

