"""Generic block scoring for whole-page text (menus, teasers, footers left as plain lines).

Two questions are answered here:

- :func:`looks_like_page`: is the text a whole page (navigation, teaser lists, link
  dumps and footers around the story) rather than an extracted article?
- :func:`classify`: which lines of such a page are story (kept) and which are chrome?

The classifier follows jusText, adapted to lines of plain text: each block gets a
first class from its length, its stopword density and its ending (``good``,
``neargood``, ``short`` or ``bad``); boilerplate shapes (pipe-separated menus,
"Read more", "3 hours ago", date lines, copyright lines, Title Case menu items,
lines seen twice in the page) make a block ``bad``; then the classes of the
neighbours settle the ``short`` and ``neargood`` blocks, so that a subheading
between two story paragraphs stays and a run of short lines between menus goes.

Thresholds and weights live in :class:`ScoringSettings`, read from the
``[scoring]`` tables of rule files (``rules/scoring.toml`` holds the defaults).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
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
    import justext

    return frozenset(justext.get_stoplist(name))


# --------------------------------------------------------------------------
# Block shapes

_WORD = re.compile(r"\w+")
_TERMINAL = (".", "!", "?", ":", '"', "\u201d", "\u201c", "\u00bb", "\u00ab", "\u2026",
             "\u3002", "\uff01", "\uff1f", ")")  # fmt: skip
_DIGIT = re.compile(r"\d")

# Items separated by bars, bullets, guillemets or slashes: "Home | News | Sport".
_MENU_SEPARATORS = re.compile(r"(?:^|\s)[|\u00b7\u2022\u00bb\u203a/\u2013\u2014>](?:\s|$)")
# "Read more" and its kin as the whole line or its end.
_MORE = re.compile(
    r"(?:\b(?:read|see|view|show|load|learn|find out) (?:more|all|full)\b[^.!?]{0,30}"
    r"|\bcontinue reading\b|\bweiterlesen\b|\bmehr (?:lesen|erfahren|dazu|zum thema)\b"
    r"|\bzum artikel\b|\blire la suite\b|\ben savoir plus\b|\bleer m[aá]s\b"
    r"|\bczytaj (?:więcej|dalej)\b|\bleggi (?:tutto|di più)\b|\blees meer\b"
    r"|\bmore\b|\bmehr\b|\bplus\b)\W*$",
    re.IGNORECASE,
)
# Relative times of teaser lists: "3 hours ago", "vor 2 Stunden", "il y a 5 min".
_AGO = re.compile(
    r"\b\d+\s*(?:sec|min|minutes?|hours?|hrs?|h|days?|weeks?|months?|years?)\s+ago\b"
    r"|\bvor\s+\d+\s*(?:sek|min|minuten?|std|stunden?|tag(?:en)?|wochen?|monaten?|jahren?)\b"
    r"|\bil y a\s+\d+\s*(?:s|min|minutes?|h|heures?|jours?|semaines?|mois|ans?)\b"
    r"|\bhace\s+\d+\s*(?:min|minutos?|horas?|d[ií]as?)\b",
    re.IGNORECASE,
)
# A date with digits: 31.05.2012, 2012-05-31, 31/05/12, 31. Mai 2012, May 31, 2012.
_DATE = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\b\d{1,2}\.?\s+[^\W\d_]{3,10}\.?,?\s+\d{4}\b"
    r"|\b[^\W\d_]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b"
    r"|\b\d{1,2}:\d{2}\b"
)
# Copyright and legal lines.
_LEGAL = re.compile(
    r"\b(?:copyright|all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv[ée]s"
    r"|wszelkie prawa zastrze[żz]one|cookies?|newsletter|privacy policy|datenschutz)"
    r"|\u00a9|\(c\)\s*\d{4}",
    re.IGNORECASE,
)
# Words of site chrome: legal notes, sign-up forms, comment forms, ads, affiliate
# notes. Two or more in one block (up to ``chrome_max_words`` words) make it chrome.
_CHROME_WORDS = re.compile(
    r"\b(?:cookies?|newsletter|abonnieren|subscribe|subscription|sign[ -]?up|log[ -]?in"
    r"|anmelden|anmeldung|registrieren|register|privacy|datenschutz\w*|impressum|imprint"
    r"|haftung\w*|disclaimer|copyright|urheberrecht\w*|rights reserved|rechte vorbehalten"
    r"|affiliate|werbung|anzeige|advertisement|sponsored|gesponsert|e-?mail|postfach|inbox"
    r"|kommentare?|comments?|kommentieren|reply|antworten|leave a|hinterlassen"
    r"|verlinkungen|links?|website|webseiten?|browser|javascript|akzeptieren|accept"
    r"|teilen|share|folgen|follow|facebook|twitter|instagram|youtube|whatsapp|telegram"
    r"|pinterest|linkedin|rss|feed|klicken|click|tap|download|app)\b"
)  # applied to lower-cased text: case-blind matching is several times slower
# Counters of social and comment links: "Comments (3)", "12 Kommentare", "Share".
_SOCIAL = re.compile(
    r"^(?:share|teilen|tweet|twitter|facebook|linkedin|pinterest|whatsapp|e-?mail|print"
    r"|drucken|imprimer|partager|reply|antworten|r[ée]pondre|like|gef[äa]llt mir"
    r"|\d+\s+(?:comments?|kommentare?|commentaires?|replies|antworten|likes?|shares?)"
    r"|(?:comments?|kommentare?|commentaires?)\s*\(?\d*\)?)\W*$",
    re.IGNORECASE,
)


# One pass for the word-based shapes; the group that matched names the shape.
_SHAPES = re.compile(
    "|".join(
        f"(?P<{name}>{pattern.pattern})"
        for name, pattern in (("social", _SOCIAL), ("ago", _AGO), ("more", _MORE), ("legal", _LEGAL))
    )
)  # applied to lower-cased text: case-blind matching is several times slower


@dataclass(frozen=True, slots=True)
class BlockFeatures:
    """What the classifier knows about one block."""

    chars: int
    words: int
    stopword_density: float
    terminal: bool
    shape: str | None
    """Name of the boilerplate shape the block has ("menu", "more", "ago", "date",
    "legal", "social", "title_case"), or None."""
    repeated: bool
    chrome: int = 0
    """Words of site chrome in the block (cookies, newsletter, share, comment ...)."""
    count: int = 1
    """Times the same block appears in the page."""


def features(
    blocks: Sequence[str], language: str | None, settings: ScoringSettings
) -> list[BlockFeatures]:
    """Features of every block of a page."""
    stops = stoplist(language)
    counts = Counter(blocks)
    chrome = _chrome_hits(blocks)
    return [
        _features(text, stops, counts[text], chrome[i], settings)
        for i, text in enumerate(blocks)
    ]


def _chrome_hits(blocks: Sequence[str]) -> Counter[int]:
    """Index of block -> number of chrome words in it, from one pass over the page."""
    starts = list(accumulate((len(b) + 1 for b in blocks), initial=0))
    text = "\n".join(blocks).lower()
    return Counter(bisect_right(starts, m.start()) - 1 for m in _CHROME_WORDS.finditer(text))


def _features(
    text: str, stops: frozenset[str], count: int, chrome: int, settings: ScoringSettings
) -> BlockFeatures:
    lower = text.lower()
    tokens = _WORD.findall(lower)
    words = len(text.split())
    if stops and tokens:
        density = sum(map(stops.__contains__, tokens)) / len(tokens)
    else:
        density = settings.stopwords_high  # no stoplist: stopwords say nothing
    terminal = text.endswith(_TERMINAL)
    shape = None
    if words <= settings.shape_max_words:
        shape = _shape(text, lower, words, terminal, settings)
    if shape is None and chrome >= settings.chrome_min_hits and words <= settings.chrome_max_words:
        shape = "chrome"
    return BlockFeatures(len(text), words, density, terminal, shape, count > 1, chrome, count)


def _shape(
    text: str, lower: str, words: int, terminal: bool, settings: ScoringSettings
) -> str | None:
    """The boilerplate shape of a short block (``lower`` is its lower-cased text), if any."""
    if len(_MENU_SEPARATORS.findall(text)) >= 2:
        return "menu"
    match = _SHAPES.search(lower)
    if match:
        return match.lastgroup
    if not terminal and words <= 6 and _DIGIT.search(text) and _DATE.search(text):
        return "date"
    if not terminal and words >= settings.title_case_min_words:
        capitals = sum(1 for w in text.split() if w[0].isupper())
        if capitals >= settings.title_case_share * words:
            return "title_case"
    return None


# --------------------------------------------------------------------------
# Classification

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"


def first_class(f: BlockFeatures, settings: ScoringSettings) -> str:
    """The class of a block from its own features alone."""
    if f.shape is not None:
        return BAD
    if f.repeated and f.words <= settings.repeat_max_words:
        return BAD
    if f.chars < settings.length_low:
        if (
            f.terminal
            and f.words >= settings.short_sentence_words
            and f.stopword_density >= settings.stopwords_low
        ):
            return NEARGOOD
        return SHORT
    if f.stopword_density >= settings.stopwords_high and f.chars >= settings.length_high:
        return GOOD
    if (
        f.stopword_density >= settings.stopwords_low
        and f.terminal
        and f.words >= settings.sentence_min_words
    ):
        return GOOD
    if f.stopword_density >= settings.stopwords_low:
        return NEARGOOD
    return BAD


def classify(
    blocks: Sequence[str],
    language: str | None,
    settings: ScoringSettings,
    decided: Sequence[bool | None] | None = None,
    feats: Sequence[BlockFeatures] | None = None,
) -> list[bool]:
    """True = keep (story), False = boilerplate, for every block.

    ``decided[i]`` is True/False when a rule already decided block i: it is kept
    as decided and serves as evidence for its neighbours. ``feats`` are the
    blocks' ``features()`` when the caller has them already.

    >>> s = ScoringSettings()
    >>> classify(["Home | News | Sport | Weather", "Read more"], "en", s)
    [False, False]
    """
    if feats is None:
        feats = features(blocks, language, settings)
    classes = [first_class(f, settings) for f in feats]
    if decided is not None:
        for i, verdict in enumerate(decided):
            if verdict is not None:
                classes[i] = GOOD if verdict else BAD
    classes = _revise_short(classes, settings)
    classes = _revise_neargood(classes)
    out = [c == GOOD for c in classes]
    out = _main_clusters(out, [f.chars for f in feats], decided, settings)
    if decided is not None:
        out = [v if v is not None else k for k, v in zip(out, decided)]
    return out


def _neighbour(classes: Sequence[str], i: int, step: int, skip: frozenset[str]) -> str:
    """Class of the nearest block from i in direction ``step`` not in ``skip``; edges are bad."""
    i += step
    while 0 <= i < len(classes):
        if classes[i] not in skip:
            return classes[i]
        i += step
    return BAD


_SKIP_SHORT = frozenset({SHORT})
_SKIP_SHORT_NEAR = frozenset({SHORT, NEARGOOD})


def _revise_short(classes: list[str], settings: ScoringSettings) -> list[str]:
    """Settle short blocks by their neighbours, run by run (jusText's first pass)."""
    out = list(classes)
    i = 0
    n = len(classes)
    while i < n:
        if classes[i] != SHORT:
            i += 1
            continue
        j = i
        while j < n and classes[j] == SHORT:
            j += 1
        prev = _neighbour(classes, i, -1, _SKIP_SHORT_NEAR)
        nxt = _neighbour(classes, j - 1, 1, _SKIP_SHORT_NEAR)
        if prev == GOOD and nxt == GOOD:
            new = GOOD if j - i <= settings.max_short_run else BAD
        elif prev == BAD and nxt == BAD:
            new = BAD
        elif (prev == BAD and _neighbour(classes, i, -1, _SKIP_SHORT) == NEARGOOD) or (
            nxt == BAD and _neighbour(classes, j - 1, 1, _SKIP_SHORT) == NEARGOOD
        ):
            new = GOOD if j - i <= settings.max_short_run else BAD
        else:
            new = BAD
        out[i:j] = [new] * (j - i)
        i = j
    return out


def _revise_neargood(classes: list[str]) -> list[str]:
    """Near-good blocks become good unless boilerplate lies on both sides (second pass)."""
    out = list(classes)
    for i, c in enumerate(classes):
        if c != NEARGOOD:
            continue
        prev = _neighbour(classes, i, -1, _SKIP_SHORT_NEAR)
        nxt = _neighbour(classes, i, 1, _SKIP_SHORT_NEAR)
        out[i] = BAD if prev == BAD and nxt == BAD else GOOD
    return out


def _main_clusters(
    keep: list[bool],
    sizes: Sequence[int],
    decided: Sequence[bool | None] | None,
    settings: ScoringSettings,
) -> list[bool]:
    """Drop kept blocks of clusters much smaller than the largest (position in the page)."""
    clusters: list[list[int]] = []
    last = -(settings.cluster_gap + 2)
    for i, k in enumerate(keep):
        if not k:
            continue
        if i - last - 1 > settings.cluster_gap or not clusters:
            clusters.append([])
        clusters[-1].append(i)
        last = i
    if len(clusters) < 2:
        return keep
    weights = [sum(sizes[i] for i in c) for c in clusters]
    floor = settings.cluster_min_share * max(weights)
    out = list(keep)
    for cluster, weight in zip(clusters, weights):
        if weight < floor:
            for i in cluster:
                if decided is None or decided[i] is None:
                    out[i] = False
    return out


# --------------------------------------------------------------------------
# Page detection


def looks_like_page(
    blocks: Sequence[str],
    settings: ScoringSettings,
    feats: Sequence[BlockFeatures] | None = None,
    menu: Sequence[bool] | None = None,
) -> bool:
    """Whether ``blocks`` are a whole page (menus, teasers, footers) and not an article.

    ``feats`` are the blocks' ``features()`` and ``menu`` their ``menu_like()``
    flags when the caller has them already (only the shapes of ``feats`` count
    here).

    >>> looks_like_page(["A sentence of a story that goes on and on."] * 3, ScoringSettings())
    False
    """
    n = len(blocks)
    if n < settings.page_min_blocks:
        return False
    if feats is None:
        feats = features(blocks, None, settings)
    shaped = sum(1 for f in feats if f.shape is not None)
    if shaped < settings.page_shape_share * n:
        return False
    if menu is None:
        menu = [menu_like(b, settings) for b in blocks]
    if sum(menu) < settings.page_min_menu_lines:
        return False
    if sum(menu) >= settings.page_short_share * n:
        return True
    if long_runs(menu, settings.page_menu_run) >= settings.page_menu_runs:
        return True
    counts = Counter(blocks)
    repeated = sum(1 for b, m in zip(blocks, menu) if m and counts[b] > 1)
    return repeated >= settings.page_repeat_share * n


def menu_like(text: str, settings: ScoringSettings) -> bool:
    """A line that looks like a menu item or a link: few words, no final mark."""
    if len(_MENU_SEPARATORS.findall(text)) >= 2:
        return True
    return not text.endswith(_TERMINAL) and len(text.split()) <= settings.page_short_words


def long_runs(flags: Sequence[bool], length: int) -> int:
    """Number of runs of at least ``length`` consecutive True values."""
    runs = current = 0
    for flag in flags:
        current = current + 1 if flag else 0
        if current == length:
            runs += 1
    return runs
