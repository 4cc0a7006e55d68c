"""Settings and stoplists of block scoring for whole-page text (menus, teasers,
footers left as plain lines).

Two questions are answered by page scoring (:mod:`cleaner.page`, computed in the
compiled core):

- is the text a whole page (navigation, teaser lists, link dumps and footers
  around the story) rather than an extracted article?
- which lines of such a page are story (kept) and which are chrome?

The classifier follows jusText, adapted to lines of plain text: each block gets a
first class from its length, its stopword density and its ending (``good``,
``neargood``, ``short`` or ``bad``); boilerplate shapes (pipe-separated menus,
"Read more", "3 hours ago", date lines, copyright lines, Title Case menu items,
lines seen twice in the page) make a block ``bad``; then the classes of the
neighbours settle the ``short`` and ``neargood`` blocks, so that a subheading
between two story paragraphs stays and a run of short lines between menus goes.
The block model (:mod:`cleaner.blockmodel`) has the last word.

Thresholds live in :class:`ScoringSettings`, read from the ``[scoring]`` tables
of rule files (``rules/scoring.toml`` holds the defaults) and checked when the
``Cleaner`` is built; stoplists are jusText's (:func:`stoplist`).
"""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

SCORING_RULE = "score.boilerplate"
"""The rule id of blocks removed by page scoring."""

# --------------------------------------------------------------------------
# Settings


@dataclass(frozen=True)
class ScoringSettings:
    """Thresholds and weights of the block classifier and of the page detector.

    Lengths are in characters, shares and densities between 0 and 1.
    """

    # First classes (jusText's four thresholds, for lines of plain text).
    length_low: int = 70
    """Blocks shorter than this are ``short``: their class comes from their neighbours."""
    length_high: int = 200
    """A block this long with stopword density >= ``stopwords_high`` is ``good``."""
    stopwords_low: float = 0.30
    """Below this stopword density a block that is not short is ``bad``."""
    stopwords_high: float = 0.32
    """At or above this density a long block is ``good``; between low and high, ``neargood``."""
    sentence_min_words: int = 8
    """A block of at least this many words that ends like a sentence and reaches
    ``stopwords_low`` is ``good`` even below ``length_high``."""
    short_sentence_words: int = 5
    """A short block of at least this many words that ends like a sentence and
    reaches ``stopwords_low`` is ``neargood``: one good neighbour keeps it."""
    # Boilerplate shapes.
    shape_max_words: int = 12
    """Menu, teaser, date, "Read more" and copyright shapes make a block ``bad`` only
    when it has at most this many words (a long paragraph may quote such words)."""
    chrome_min_hits: int = 3
    """A block with this many words of site chrome (cookies, newsletter, sign-up,
    comment form, share buttons, affiliate notes) is ``bad`` ..."""
    chrome_max_words: int = 30
    """... when it has at most this many words."""
    title_case_share: float = 0.8
    """Share of capitalised words from which a short line without a final mark is a
    Title Case menu item (``bad``)."""
    title_case_min_words: int = 2
    """Title Case applies to lines of at least this many words."""
    repeat_max_words: int = 20
    """A line seen twice or more in the page with at most this many words is ``bad``
    (teaser headlines repeated in lists, menus shown at top and bottom)."""
    # Context.
    max_short_run: int = 8
    """A run of more than this many ``short`` blocks is never turned ``good`` by its
    neighbours (a menu or link list inside the story area)."""
    cluster_gap: int = 3
    """Good blocks separated by at most this many other blocks form one cluster ..."""
    cluster_min_share: float = 0.15
    """... and a cluster with less than this share of the largest cluster's characters
    is dropped (a bio, an advert or a disclaimer far from the story)."""
    # Page detection.
    page_min_blocks: int = 10
    """Texts with fewer blocks are never taken for a whole page."""
    page_shape_share: float = 0.1
    """A page needs at least this share of blocks with a boilerplate shape (menu,
    "Read more", date, share, copyright, Title Case, chrome words); lists and
    tables inside an article have none."""
    page_short_words: int = 4
    """Lines with at most this many words and no final mark count as menu-like."""
    page_min_menu_lines: int = 20
    """A page has at least this many menu-like lines (an article's list or table
    of contents rarely does). Then any of the three tests below makes it a page."""
    page_short_share: float = 0.8
    """A text whose share of menu-like lines reaches this is a page."""
    page_menu_run: int = 5
    """A run of this many menu-like lines in a row is a menu ..."""
    page_menu_runs: int = 2
    """... and this many such runs make the text a page."""
    page_repeat_share: float = 0.3
    """A text whose share of repeated short lines reaches this is a page."""
    page_model_min_menu_lines: int = 10
    """With a page model (cleaner.blockmodel), texts with fewer menu-like lines
    are not pages and the model is not asked: this spares extracted articles
    the cost of the block model."""
    auto_keep_words: int = 20
    """In ``mode="auto"``, a block of at least this many words that ends like a
    sentence is never removed by scoring: when a text is only taken for a page,
    prose is given the benefit of the doubt (``mode="page"`` has no such limit)."""
    auto_page_probability: float = 1.0
    """In ``mode="auto"``, a text whose page-model probability exceeds this is
    scored as in ``mode="page"``, not only trimmed around the story: the page
    model is sure it is a whole page (1 never: the sigmoid stays below it)."""
    # Sequence decoding (core/src/scoring/sequence.rs).
    sequence_leave: float = 0.0
    """Probability that the block after a story block is boilerplate. With
    ``sequence_enter``, the story is decoded as runs of blocks (Viterbi over the
    block model's probabilities) instead of block by block; 0 turns it off."""
    sequence_enter: float = 0.0
    """Probability that the block after a boilerplate block is story (0: off)."""
    sequence_keep: float = 1.0
    """With decoding, a block whose probability (less a comment thread's weight)
    reaches this is story whatever the path: a strong block away from the main
    run, such as a second post of a forum page (1: none is)."""
    sequence_keep_reach: int = 0
    """... when it lies at most this many blocks above a story block, the blocks
    it brings in counting as story: the paragraphs of a listicle between their
    headings and "Book now" lines, above its closing run (0: anywhere, above or
    below). Below a story block, such a block joins when it is prose (a sentence
    reaching ``stopwords_high``) and no block the rules removed lies between."""
    sequence_fill: float = 1.0
    """With decoding, between two story blocks that are strong prose (see
    ``sequence_keep``) at most ``sequence_fill_reach`` open blocks apart, a block
    whose probability reaches this is story: a listicle's facts and pros and
    cons, the rows of a table between its items' paragraphs (1: none is). A gap
    holding a comment thread's block or a line the rules removed (save an
    ``inline`` rule's) stays as it is."""
    sequence_fill_reach: int = 0
    """... (0: no gap is filled)."""
    thread_story: float = 0.5
    """Probability that a block of a comment thread (from a marker such as
    "12 comments", "Reply" or "Jane May 3, 2012 at 4:15 pm" after the story on)
    is story, other evidence equal; 0.5 makes the markers say nothing."""
    duplicate_min_words: int = 0
    """In a text scored as a page (not one ``mode="auto"`` only trims), a block of
    at least this many words that the body already holds higher up is removed:
    whole-page text may carry the story twice (a print or mobile copy, a summary
    repeated in a slider), the body once (0: none is)."""

    @classmethod
    def from_tables(
        cls, tables: list[tuple[str, dict]], language: str | None = None
    ) -> ScoringSettings:
        """Build settings from the ``[scoring]`` tables of rule files, in load order.

        Later tables win. Each item is (source file name, the parsed ``scoring``
        table). A table may hold per-language overrides under ``languages.<code>``
        (``[scoring.languages.de]``); those of ``language`` apply after the plain
        keys of the same table. Unknown keys or wrong types raise RuleError.

        >>> ScoringSettings.from_tables([("a.toml", {"length_low": 50})]).length_low
        50
        """
        values: dict[str, Any] = {}
        for source, table in tables:
            _check_mapping(source, "scoring", table)
            # "model" and "page_model" hold weights of cleaner.blockmodel
            plain = {
                k: v for k, v in table.items() if k not in ("languages", "model", "page_model")
            }
            values.update(_checked(source, "scoring", plain))
            overrides = table.get("languages", {})
            _check_mapping(source, "scoring.languages", overrides)
            for code, override in overrides.items():
                where = f"scoring.languages.{code}"
                _check_mapping(source, where, override)
                checked = _checked(source, where, override)
                if language is not None and code == language:
                    values.update(checked)
        return cls(**values)


def _field_types() -> dict[str, type]:
    """Name -> type (int or float) of every settings field."""
    kinds = {"int": int, "float": float}
    return {f.name: kinds[str(f.type)] for f in dataclasses.fields(ScoringSettings)}


def _rule_error(source: str, problem: str) -> Exception:
    from .errors import RuleError

    return RuleError(source, problem)


def _check_mapping(source: str, where: str, value: object) -> None:
    if not isinstance(value, Mapping):
        raise _rule_error(source, f"{where}: expected a table, got {type(value).__name__}")


def _checked(source: str, where: str, table: Mapping[str, Any]) -> dict[str, Any]:
    """The table's values, validated against the settings fields."""
    types = _field_types()
    out: dict[str, Any] = {}
    for key, value in table.items():
        kind = types.get(key)
        if kind is None:
            raise _rule_error(source, f"{where}: unknown key {key!r}")
        ok = isinstance(value, int) if kind is int else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            raise _rule_error(
                source, f"{where}: {key} must be {kind.__name__}, got {type(value).__name__}"
            )
        if value < 0 or (kind is float and value > 1):
            raise _rule_error(source, f"{where}: {key} out of range: {value!r}")
        out[key] = kind(value)
    return out


# --------------------------------------------------------------------------
# Stoplists

# ISO 639-1 code -> jusText stoplist name.
_STOPLIST_NAMES = {
    "af": "Afrikaans", "an": "Aragonese", "ar": "Arabic", "az": "Azerbaijani",
    "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali", "br": "Breton", "bs": "Bosnian",
    "ca": "Catalan", "cs": "Czech", "cv": "Chuvash", "cy": "Welsh", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "fy": "West_Frisian", "ga": "Irish", "gl": "Galician", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "ht": "Haitian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "ig": "Igbo", "io": "Ido", "is": "Icelandic", "it": "Italian",
    "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh", "kn": "Kannada", "ko": "Korean",
    "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ms": "Malay",
    "mt": "Maltese", "nb": "Norwegian_Bokmal", "ne": "Nepali", "nl": "Dutch",
    "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "oc": "Occitan", "pl": "Polish",
    "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "su": "Sundanese", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tk": "Turkmen", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "wa": "Walloon", "yo": "Yoruba",
}  # fmt: skip


@lru_cache(maxsize=32)
def stoplist(language: str | None) -> frozenset[str]:
    """The jusText stoplist of an ISO 639-1 language code; empty when there is none."""
    name = _STOPLIST_NAMES.get((language or "").lower())
    if name is None:
        return frozenset()
    # Read from jusText's package data as ``justext.get_stoplist`` does, without
    # importing justext (40 ms of imports, urllib's among them, on the first page).
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the justext package (its stoplists) is not installed")
    path = Path(next(iter(spec.submodule_search_locations)), "stoplists", f"{name}.txt")
    return frozenset(w.lower() for w in path.read_text(encoding="utf-8").splitlines())
