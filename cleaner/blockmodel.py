"""The block model: a logistic model that has the last word on whole-page text.

The jusText classes of the scoring stage settle blocks by hand-set thresholds
and the classes of their neighbours. On plain text of whole pages that leaves
two kinds of error: short story lines (list items, subheadings, short
paragraphs) dropped among menus, and prose-like chrome (teasers, bios, sign-up
prompts) kept. The block model weighs more evidence at once:

- the block's own shape: length, words, stopwords, final mark, capitals,
  digits, chrome words, credit and link marks, repetition in the page;
- its neighbours' shapes, up to three blocks away on each side;
- where it stands: the share of prose around it (3, 10 and 30 blocks away),
  its distance to the nearest prose block, the prose before it;
- what the rules and the jusText classes said about it and its neighbours,
  and whether a cut marker (``cut-to-end``/``cut-from-start``) removed it.

Each block gets ``p = 1 / (1 + exp(-(bias + sum(weight * feature))))`` and is
kept when ``p >= threshold``. The weights are data, in the ``[scoring.model]``
table of a rule file (``rules/scoring.toml`` ships them); a feature without a
weight counts zero. They were fitted with ``python -m bench.scoring_train`` on
one half of the evaluation pages and checked on the other; its docstring says
how to refit them for other text.

This module names every feature (:data:`FEATURES`, with what it measures) and
loads and checks the models; the compiled core computes the features and the
probabilities (:class:`cleaner.page.PageScorer` runs them on a page).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import _core

# --------------------------------------------------------------------------
# Features: their names and meanings. The compiled core computes them, in this
# order (cleaner._core.FEATURES, CONTEXT_FEATURES and PAGE_FEATURES).

_SHAPES = ("menu", "more", "ago", "date", "legal", "social", "title_case", "chrome")
# Hinges: max(0, log(1 + x) - log(1 + h)) for each h, so that a linear model can
# bend its response to length and to stopword density.
_CHAR_HINGES = (20, 33, 55, 90, 150, 245, 400)
_WORD_HINGES = (2, 4, 6, 11, 19)
_STOPWORD_HINGES = (10, 20, 30, 40)  # percent
_NEIGHBOUR_FEATURES = (
    "log_chars", "log_words", "stopwords", "terminal", "repeated", "removed", "sentence",
    "menu_like",
)  # fmt: skip
_WINDOWS = (3, 10, 30)
_VERDICT_WINDOWS = (2, 5, 15)

_OWN: dict[str, str] = {
    "log_chars": "log(1 + characters)",
    "log_words": "log(1 + words)",
    "stopwords": "share of the words in the language's stoplist (0 without a stoplist)",
    "has_stoplist": "1 when the text's language has a stoplist",
    "terminal": "1 when the block ends like a sentence",
    "repeated": "1 when the same block appears elsewhere in the page",
    "log_count": "log(times the block appears in the page)",
    "capitals": "share of words that start with a capital",
    "digits": "share of characters that are digits",
    "commas": "commas per word",
    "colon_end": "1 when the block ends with a colon",
    "sentence": "1 for 8+ words ending like a sentence",
    "menu_like": "1 for at most 4 words without a final mark",
    **{f"shape_{s}": f"1 when the block has the {s!r} boilerplate shape" for s in _SHAPES},
    "log_chrome": "log(1 + words of site chrome)",
    "chrome_share": "words of site chrome per word",
    "credit": "1 for a photo credit or copyright mark (Foto:, ©, ...)",
    "ellipsis": "1 when the block ends with an ellipsis (a cut-off teaser)",
    "question": "1 when the block ends with a question mark",
    "link": "1 for a URL, an @handle or a #hashtag",
    "bullet": "1 when the block starts with a bullet or a dash",
    "digit_start": "1 when the block starts with a digit",
    "upper_words": "share of words in capitals (two letters or more)",
    "log_sentences": "log(1 + sentence breaks inside the block)",
    **{f"chars_over_{h}": f"max(0, log_chars - log(1 + {h}))" for h in _CHAR_HINGES},
    **{f"words_over_{h}": f"max(0, log_words - log(1 + {h}))" for h in _WORD_HINGES},
    **{f"stopwords_over_{h}": f"max(0, stopwords - {h / 100})" for h in _STOPWORD_HINGES},
    "removed": "1 when a rule removed the block (cut markers' tails excepted)",
    "cut": "1 when a cut marker's tail (or head) holds the block",
    "verdict": "1 when the jusText classes keep the block",
}
_CONTEXT: dict[str, str] = {
    **{
        f"{side}{k}_{name}": f"{name} of the block {k} {'before' if side == 'prev' else 'after'}"
        for k in (1, 2, 3)
        for side in ("prev", "next")
        for name in _NEIGHBOUR_FEATURES
    },
    **{f"prose_share_{w}": f"share of prose blocks within {w} blocks" for w in _WINDOWS},
    **{f"log_chars_within_{w}": f"log(1 + characters kept by the rules within {w} blocks)"
       for w in _WINDOWS},
    **{f"verdict_share_{w}": f"share of blocks the jusText classes keep within {w} blocks"
       for w in _VERDICT_WINDOWS},
    "position": "index of the block / (blocks - 1)",
    "chars_before": "share of the page's characters (kept by the rules) before the block",
    "prose_before": "share of the page's prose blocks before the block",
    "log_prose_distance": "log(1 + blocks to the nearest prose block)",
    "log_blocks": "log(1 + blocks in the page)",
    "inside": "1 between the first and the last block the jusText classes keep",
    "log_prose_run": "log(1 + length of the run of prose blocks holding the block)",
}  # fmt: skip

FEATURES: dict[str, str] = {**_OWN, **_CONTEXT}
"""Every feature the model can weigh: name -> what it measures."""

_P_WINDOWS = (3, 10, 30)
CONTEXT_FEATURES: dict[str, str] = {
    "p": "the block's probability from the first pass",
    **{
        f"{side}{k}_p": f"first-pass probability of the block {k} "
        f"{'before' if side == 'prev' else 'after'} (0 when a rule removed it)"
        for k in (1, 2, 3)
        for side in ("prev", "next")
    },
    **{f"p_share_{w}": f"mean first-pass probability within {w} blocks" for w in _P_WINDOWS},
    "p_inside": "1 between the first and the last block the first pass keeps",
}
"""Features of the second (context) pass, on top of :data:`FEATURES`: the first
pass's probabilities of the block and of its neighbours."""


def context_columns(p: Sequence[float], removed: Sequence[float]) -> dict[str, list[float]]:
    """The :data:`CONTEXT_FEATURES` of every block from the first pass's
    probabilities ``p`` and the blocks' ``removed`` column (a removed block counts
    0 for its neighbours)."""
    return _core.context_columns(list(p), list(removed))


# --------------------------------------------------------------------------
# Whole page or extracted article?

PAGE_FEATURES: dict[str, str] = {
    "log_blocks": "log(1 + blocks)",
    "menu_share": "share of menu-like lines (few words, no final mark, or bar-separated)",
    "log_menu_lines": "log(1 + menu-like lines)",
    "shape_share": "share of blocks with a boilerplate shape",
    "repeated_share": "share of blocks that appear more than once",
    "removed_share": "share of the characters the rules removed (cut tails included)",
    "mean_log_chars": "mean of log(1 + characters) over the blocks",
    "log_menu_runs": "log(1 + runs of page_menu_run menu-like lines in a row)",
    "terminal_share": "share of blocks that end like a sentence",
    "mean_p": "mean story probability the block model gives the blocks",
    "drop_share": "share of the characters, left by the rules, the block model would drop",
    "head_menu_share": "share of menu-like lines among the first 15 blocks (navigation first)",
    "tail_menu_share": "share of menu-like lines among the last 15 blocks (a footer last)",
    "first_sentence_at": "index of the first block of 8+ words ending like a sentence / blocks"
    " (1 without one)",
    "tail_legal": "1 when one of the last 15 blocks has the 'legal' shape (copyright, cookies)",
    "title_line": "1 when the first block holds, at its start or end, a headline of the 200"
    " blocks below it (a page's <title>, 'Headline - Site', above its heading)",
}
"""Features of a whole text for the page model, which tells whole-page text from
an extractor's output in ``mode="auto"``."""


# --------------------------------------------------------------------------
# The model


# Keys of a [scoring.model] table, of its context pass, of a [scoring.page_model].
_MODEL_KEYS = frozenset({"bias", "weights", "threshold", "context"})
_CONTEXT_KEYS = frozenset({"bias", "weights"})
_PAGE_MODEL_KEYS = frozenset({"bias", "weights", "threshold"})


@dataclass(frozen=True)
class BlockModel:
    """Bias, weights and threshold of the logistic block model.

    ``context`` is the optional second pass: a model over the same features plus
    :data:`CONTEXT_FEATURES`, the first pass's probabilities around each block
    (jusText settles short blocks by their neighbours' classes; this pass
    learns how much the neighbours' verdicts should count).
    """

    bias: float = 0.0
    weights: Mapping[str, float] = field(default_factory=dict)
    threshold: float = 0.5
    """A block is kept when its (final) probability reaches this."""
    context: BlockModel | None = None

    @classmethod
    def from_tables(cls, tables: Sequence[tuple[str, Mapping[str, Any]]]) -> BlockModel | None:
        """The model of the ``[scoring.model]`` tables of rule files, in load order.

        Each table replaces the model of the tables before it (weights are not
        merged: a model is fitted as a whole). An empty list gives None.

        >>> BlockModel.from_tables([("a.toml", {"bias": -1.0, "weights": {"terminal": 2.0}})])
        BlockModel(bias=-1.0, weights={'terminal': 2.0}, threshold=0.5, context=None)
        """
        return cls._last(tables, "scoring.model", FEATURES, _MODEL_KEYS)

    @classmethod
    def page_from_tables(
        cls, tables: Sequence[tuple[str, Mapping[str, Any]]]
    ) -> BlockModel | None:
        """The page model of the ``[scoring.page_model]`` tables (weights over
        :data:`PAGE_FEATURES`), the last one winning; None without one."""
        return cls._last(tables, "scoring.page_model", PAGE_FEATURES, _PAGE_MODEL_KEYS)

    @classmethod
    def _last(
        cls, tables: Sequence[tuple[str, Mapping[str, Any]]], where: str,
        known: Mapping[str, str], keys: frozenset[str],
    ) -> BlockModel | None:
        """The model of the last table (each is checked)."""
        model = None
        for source, table in tables:
            model = cls._from_table(source, table, where, known, keys)
        return model

    @classmethod
    def _from_table(
        cls, source: str, table: Mapping[str, Any], where: str, known: Mapping[str, str],
        keys: frozenset[str],
    ) -> BlockModel:
        from .errors import RuleError

        if not isinstance(table, Mapping):
            raise RuleError(source, f"{where}: expected a table, got {type(table).__name__}")
        unknown = set(table) - keys
        if unknown:
            raise RuleError(source, f"{where}: unknown key {min(unknown)!r}")
        weights = table.get("weights", {})
        if not isinstance(weights, Mapping):
            raise RuleError(source, f"{where}.weights: expected a table")
        for name, value in [("bias", table.get("bias", 0.0)),
                            ("threshold", table.get("threshold", 0.5)),
                            *((f"weights.{k}", v) for k, v in weights.items())]:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise RuleError(
                    source, f"{where}.{name} must be a number, got {type(value).__name__}"
                )
            if not math.isfinite(value):
                raise RuleError(source, f"{where}.{name} must be finite, got {value!r}")
        for name in weights:
            if name not in known:
                raise RuleError(source, f"{where}.weights: unknown feature {name!r}")
        threshold = float(table.get("threshold", 0.5))
        if not 0 <= threshold <= 1:
            raise RuleError(source, f"{where}.threshold out of range: {threshold!r}")
        context = None
        if "context" in table:
            context = cls._from_table(
                source, table["context"], f"{where}.context", {**FEATURES, **CONTEXT_FEATURES},
                _CONTEXT_KEYS,
            )
        return cls(
            float(table.get("bias", 0.0)),
            {k: float(v) for k, v in weights.items()},
            threshold,
            context,
        )

    def to_core(self) -> dict[str, Any]:
        """The model as plain data for the compiled core: bias, weights (in the
        rule file's order: the sum runs in that order), threshold and context."""
        return {
            "bias": self.bias,
            "weights": dict(self.weights),
            "threshold": self.threshold,
            "context": None if self.context is None else self.context.to_core(),
        }

    def probabilities(self, cols: Mapping[str, Sequence[float]]) -> list[float]:
        """Probability that each block is story, from the page's feature columns
        (every feature of :data:`FEATURES`, as :meth:`cleaner.page.PageScorer.columns`
        gives them); the context pass, if any, runs on the first pass's."""
        return _core.block_probabilities(self.to_core(), cols)

    def page_probability(self, features: Mapping[str, float]) -> float:
        """For a page model: the probability that a text with these
        :data:`PAGE_FEATURES` (as :meth:`cleaner.page.PageScorer.page_features`
        gives them) is a whole page."""
        return _core.page_probability(self.to_core(), features)
