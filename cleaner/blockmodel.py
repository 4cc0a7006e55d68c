"""The block model: a logistic model that has the last word on whole-page text.

:func:`cleaner.scoring.classify` settles blocks by hand-set thresholds and the
classes of their neighbours (jusText's method). On plain text of whole pages
that leaves two kinds of error: short story lines (list items, subheadings,
short paragraphs) dropped among menus, and prose-like chrome (teasers, bios,
sign-up prompts) kept. The block model weighs more evidence at once:

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

Every feature name is in :data:`FEATURES`, with what it measures.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import mul
from typing import Any

from .scoring import BlockFeatures

# --------------------------------------------------------------------------
# Features

# Blocks that read as story prose, for the context features: a sentence of 8+
# words with some stopwords, or any block over 200 characters.
_PROSE_WORDS = 8
_PROSE_STOPWORDS = 0.2
_PROSE_CHARS = 200

# Applied to lower-cased text that holds ":", "©" or "(c)": case-blind
# matching on every line is several times slower.
_CREDIT = re.compile(
    r"\b(?:foto|fotos|photo|photos|bild|bilder|image|credit|fuente|źródło|zdjęcie|crédit"
    r"|quelle)\s*:|©|\(c\)"
)
_DIGITS = re.compile(r"\d")
_LINK = re.compile(r"https?://|www\.|@\w|#\w")
_BULLETS = frozenset("•-*·–—►▶>")

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
_CHUNK = 4096  # blocks whose own features are computed at once
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


def columns(
    texts: Sequence[str],
    feats: Sequence[BlockFeatures],
    *,
    has_stoplist: bool,
    removed: Sequence[bool],
    cut: Sequence[bool],
    verdicts: Sequence[bool],
) -> dict[str, Sequence[float]]:
    """Every feature of :data:`FEATURES` for every block, as one column per feature.

    ``feats`` are the blocks' :func:`cleaner.scoring.features`; ``removed[i]`` says
    a rule removed block i (not as part of a cut), ``cut[i]`` that a cut marker's
    tail or head holds it, ``verdicts[i]`` that :func:`cleaner.scoring.classify`
    keeps it.
    """
    n = len(texts)
    # Columns are arrays of doubles (8 bytes a value, not a float object each),
    # filled a chunk of blocks at a time: a page of 100,000 lines stays in
    # memory as about 1 KB a block.
    own_columns = [array("d") for _ in _OWN]
    for start in range(0, n, _CHUNK):
        end = min(start + _CHUNK, n)
        rows = [
            _own(texts[i], feats[i], has_stoplist, removed[i], cut[i], verdicts[i])
            for i in range(start, end)
        ]
        for column, values in zip(own_columns, zip(*rows)):
            column.extend(values)
    col: dict[str, Sequence[float]] = dict(zip(_OWN, own_columns))
    for name in _NEIGHBOUR_FEATURES:
        values = col[name]
        for k in (1, 2, 3):
            col[f"prev{k}_{name}"] = _shift(values, k)
            col[f"next{k}_{name}"] = _shift(values, -k)
    kept_chars = [0.0 if r else float(f.chars) for f, r in zip(feats, removed)]
    prose = [
        0.0 if r else float(
            (s and sw >= _PROSE_STOPWORDS) or f.chars > _PROSE_CHARS
        )
        for f, r, s, sw in zip(feats, removed, col["sentence"], col["stopwords"])
    ]
    prose_sums = list(accumulate(prose, initial=0.0))
    char_sums = list(accumulate(kept_chars, initial=0.0))
    for w in _WINDOWS:
        col[f"prose_share_{w}"] = _window_mean(prose_sums, w)
        col[f"log_chars_within_{w}"] = array("d", map(math.log1p, _window_sum(char_sums, w)))
    verdict_sums = list(accumulate(col["verdict"], initial=0.0))
    for w in _VERDICT_WINDOWS:
        col[f"verdict_share_{w}"] = _window_mean(verdict_sums, w)
    last = max(n - 1, 1)
    col["position"] = array("d", [i / last for i in range(n)])
    total_chars = char_sums[-1] + 1
    col["chars_before"] = array("d", [char_sums[i] / total_chars for i in range(n)])
    total_prose = prose_sums[-1] + 1
    col["prose_before"] = array("d", [prose_sums[i] / total_prose for i in range(n)])
    col["log_prose_distance"] = array("d", map(math.log1p, _distances(prose)))
    col["log_blocks"] = array("d", [math.log1p(n)]) * n
    kept = [i for i, v in enumerate(verdicts) if v]
    first, end = (kept[0], kept[-1]) if kept else (n, -1)
    col["inside"] = array("d", [float(first <= i <= end) for i in range(n)])
    col["log_prose_run"] = array("d", map(math.log1p, _runs(prose)))
    return col


def context_columns(p: Sequence[float], removed: Sequence[float]) -> dict[str, list[float]]:
    """The :data:`CONTEXT_FEATURES` of every block from the first pass's probabilities."""
    n = len(p)
    q = [0.0 if r else v for v, r in zip(p, removed)]
    col: dict[str, list[float]] = {"p": list(p)}
    for k in (1, 2, 3):
        col[f"prev{k}_p"] = _shift(q, k)
        col[f"next{k}_p"] = _shift(q, -k)
    sums = list(accumulate(q, initial=0.0))
    for w in _P_WINDOWS:
        col[f"p_share_{w}"] = _window_mean(sums, w)
    kept = [i for i, v in enumerate(q) if v >= 0.5]
    first, end = (kept[0], kept[-1]) if kept else (n, -1)
    col["p_inside"] = [float(first <= i <= end) for i in range(n)]
    return col


_LOG_CHAR_HINGES = tuple(math.log1p(h) for h in _CHAR_HINGES)
_LOG_WORD_HINGES = tuple(math.log1p(h) for h in _WORD_HINGES)
_STOPWORD_SHARES = tuple(h / 100 for h in _STOPWORD_HINGES)


def _own(
    text: str, f: BlockFeatures, has_stoplist: bool, removed: bool, cut: bool, verdict: bool
) -> tuple[float, ...]:
    """The block's own features, in the order of ``_OWN``."""
    words = text.split()
    nw = len(words) or 1
    log_chars = math.log1p(f.chars)
    log_words = math.log1p(f.words)
    stopwords = f.stopword_density if has_stoplist else 0.0
    shape = f.shape
    return (
        log_chars,
        log_words,
        stopwords,
        float(has_stoplist),
        float(f.terminal),
        float(f.repeated),
        math.log(f.count),
        sum([w[0].isupper() for w in words]) / nw,
        len(_DIGITS.findall(text)) / (f.chars or 1),
        text.count(",") / nw,
        float(text[-1:] == ":"),
        float(f.words >= _PROSE_WORDS and f.terminal),
        float(f.words <= 4 and not f.terminal),
        *[float(shape == s) for s in _SHAPES],
        math.log1p(f.chrome),
        f.chrome / nw,
        float(_credit(text)),
        float(text.endswith(("\u2026", "..."))),
        float(text[-1:] == "?"),
        float(_LINK.search(text) is not None),
        float(text[:1] in _BULLETS),
        float(text[:1].isdigit()),
        sum([len(w) > 1 and w.isupper() for w in words]) / nw,
        math.log1p(text.count(". ") + text.count("! ") + text.count("? ")),
        *[log_chars - h if log_chars > h else 0.0 for h in _LOG_CHAR_HINGES],
        *[log_words - h if log_words > h else 0.0 for h in _LOG_WORD_HINGES],
        *[stopwords - h if stopwords > h else 0.0 for h in _STOPWORD_SHARES],
        float(removed),
        float(cut),
        float(verdict),
    )


def _credit(text: str) -> bool:
    """A photo credit or copyright mark: "Foto: dpa", "© 2024", "(c) AP"."""
    if ":" not in text and "©" not in text and "(" not in text:
        return False
    return _CREDIT.search(text.lower()) is not None


def _shift(values: Sequence[float], k: int) -> array:
    """The value k blocks before (k > 0) or after (k < 0) each block; 0 past the edges."""
    n = len(values)
    values = values if isinstance(values, array) else array("d", values)
    if abs(k) >= n:
        return array("d", bytes(8 * n))
    if k > 0:
        return array("d", bytes(8 * k)) + values[:-k]
    return values[-k:] + array("d", bytes(8 * -k))


def _bounds(values: list, w: int) -> tuple[list, list]:
    """``values[min(i + w + 1, n)]`` and ``values[max(i - w, 0)]`` for every i < n,
    where ``values`` has n + 1 items (prefix sums or indices), by slicing."""
    n = len(values) - 1
    hi = values[w + 1 :]
    hi += [values[n]] * (n - len(hi))
    lo = [values[0]] * min(w, n) + values[: max(n - w, 0)]
    return hi, lo


def _window_sum(sums: list[float], w: int) -> list[float]:
    hi, lo = _bounds(sums, w)
    return [h - l for h, l in zip(hi, lo)]


def _window_mean(sums: list[float], w: int) -> array:
    hi, lo = _bounds(sums, w)
    top, bottom = _bounds(list(range(len(sums))), w)
    return array("d", [(h - l) / (t - b) for h, l, t, b in zip(hi, lo, top, bottom)])


_FAR = 50  # distance when the page has no prose block at all


def _distances(flags: Sequence[float]) -> list[int]:
    """Blocks from each block to the nearest flagged one (0 for a flagged block)."""
    n = len(flags)
    out = [_FAR] * n
    last = None
    for i in range(n):
        if flags[i]:
            last = i
        if last is not None:
            out[i] = i - last
    last = None
    for i in range(n - 1, -1, -1):
        if flags[i]:
            last = i
        if last is not None:
            out[i] = min(out[i], last - i)
    return out


def _runs(flags: Sequence[float]) -> list[int]:
    """Length of the run of flagged blocks holding each block (0 when not flagged)."""
    out = [0] * len(flags)
    i = 0
    n = len(flags)
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < n and flags[j]:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j
    return out


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
}
"""Features of a whole text for the page model, which tells whole-page text from
an extractor's output in ``mode="auto"``."""


def page_features(
    feats: Sequence[BlockFeatures],
    menu_like: Sequence[bool],
    menu_runs: int,
    ruled: Sequence[bool],
    probs: Sequence[float],
    threshold: float,
) -> dict[str, list[float]]:
    """The :data:`PAGE_FEATURES` of a text, each as a one-value column.

    ``menu_like`` flags menu-like lines, ``menu_runs`` counts their long runs,
    ``ruled[i]`` says a rule removed block i (cut or not), ``probs`` are the block
    model's probabilities and ``threshold`` its keep threshold.
    """
    n = len(feats) or 1
    chars = sum(f.chars for f in feats) or 1
    values = {
        "log_blocks": math.log1p(len(feats)),
        "menu_share": sum(menu_like) / n,
        "log_menu_lines": math.log1p(sum(menu_like)),
        "shape_share": sum(f.shape is not None for f in feats) / n,
        "repeated_share": sum(f.repeated for f in feats) / n,
        "removed_share": sum(f.chars for f, r in zip(feats, ruled) if r) / chars,
        "mean_log_chars": sum(math.log1p(f.chars) for f in feats) / n,
        "log_menu_runs": math.log1p(menu_runs),
        "terminal_share": sum(f.terminal for f in feats) / n,
        "mean_p": sum(probs) / n,
        "drop_share": sum(
            f.chars for f, r, p in zip(feats, ruled, probs) if not r and p < threshold
        ) / chars,
    }
    return {name: [value] for name, value in values.items()}


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

    def probabilities(self, cols: Mapping[str, Sequence[float]], n: int) -> list[float]:
        """Probability that each of ``n`` blocks is story, from their feature columns
        (:func:`columns`); the context pass, if any, runs on the first pass's."""
        p = self._linear(cols, n)
        if self.context is not None:
            p = self.context._linear({**cols, **context_columns(p, cols["removed"])}, n)
        return p

    def _linear(self, cols: Mapping[str, Sequence[float]], n: int) -> list[float]:
        used = [(name, w) for name, w in self.weights.items() if w]
        if not used:
            return [_sigmoid(self.bias)] * n
        ws = [w for _, w in used]
        bias = self.bias
        return [
            _sigmoid(bias + sum(map(mul, row, ws)))
            for row in zip(*[cols[name] for name, _ in used])
        ]


def _sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(v, 50.0), -50.0)))
