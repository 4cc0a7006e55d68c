"""The full-body and metadata sets: loading, the held-out split and scoring.

Four sets live beside the repository in ``../shared/datasets/`` (never copied
into it), each as ``pages/<id>.html.gz`` plus ``truth.jsonl``: ``wcxb-dev``
(body, title, authors, date, page ``type``), ``dragnet`` (body; ``text_alt``
is body plus comments), ``readability`` (body and metadata) and
``postlight`` (metadata only).

Split
    Every page belongs to ``dev`` or ``test`` by the parity of the BLAKE2b
    hash (8 bytes) of ``"<set>/<id>"``: about half each, the same on every
    machine and run, and independent of file order. Fit anything on ``dev``
    and report on ``test``; :func:`split_of` is the one definition.

Body
    Only pages whose truth text has words are scored. Words are the ``\\w+``
    tokens of a text, lower-cased (:func:`words`). The word bag of a text is
    the multiset of its words; precision is the bag intersection over the
    output's bag, recall the intersection over the truth's bag, F1 their
    harmonic mean. Shingles are the runs of 4 consecutive ``\\w+`` tokens,
    case kept, counted as a multiset; a text of 1 to 3 tokens is one shingle
    of all of them (the article-extraction benchmark's shingles). Shingle F1
    is computed the same way on the shingle multisets. Every figure is
    computed per page and averaged over pages. An output without words scores
    0 for precision, recall and F1 on that page (the article-extraction
    benchmark leaves such pages out of its precision mean instead).

Title
    Right when the predicted and the true title are equal after lower-casing
    and keeping the word characters (``\\w``) only, and neither is empty
    (:func:`title_key`).

Authors
    The name tokens of a list of names are the ``\\w+`` tokens of every name,
    lower-cased, except tokens of fewer than 2 characters, tokens of digits
    only and the words of :data:`AUTHOR_NOISE` (byline words and name
    particles, which name nobody on their own). The prediction is right when
    its name tokens and the truth's share at least one token
    (:func:`authors_match`); a prediction without name tokens is wrong.

Date
    Right when the ISO day (``YYYY-MM-DD`` at the start of the value, a valid
    calendar day) of the prediction equals that of the truth
    (:func:`date_match`). A prediction without a full day (none, or a year or
    month only) is wrong. ``tolerance_days=1`` accepts a day either side: the
    postlight truth is in UTC, so its day can differ by one from the day the
    page shows.

Metadata fields are counted only on pages where the truth has them: a title
with word characters, an author list with a name token, a date with a valid
ISO day (:meth:`Page.has`).

>>> bag_scores("The cat sat.", "the cat sat on the mat").precision
1.0
>>> title_key("Breaking: Houston hires Major Applewhite!")
'breakinghoustonhiresmajorapplewhite'
>>> authors_match(["By JOSH HASKELL"], ["Josh Haskell", "David Caplan"])
True
>>> date_match("2016-12-09", "2016-12-09T09:13:00.000Z")
True
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bench._evaldata import REPO_ROOT, DataMissing

DEFAULT_ROOT = REPO_ROOT.parent / "shared" / "datasets"
SETS: tuple[str, ...] = ("wcxb-dev", "dragnet", "readability", "postlight")

Split = Literal["dev", "test"]
SPLITS: tuple[str, ...] = ("dev", "test", "all")

SHINGLE_SIZE = 4


# --------------------------------------------------------------------------
# Split


def split_of(dataset: str, page_id: str) -> Split:
    """``"dev"`` or ``"test"``: the parity of the BLAKE2b hash of ``"<set>/<id>"``.

    >>> split_of("dragnet", "100") == split_of("dragnet", "100")
    True
    """
    digest = hashlib.blake2b(f"{dataset}/{page_id}".encode(), digest_size=8).digest()
    return "dev" if int.from_bytes(digest, "big") % 2 == 0 else "test"


# --------------------------------------------------------------------------
# Loading


@dataclass(frozen=True)
class Page:
    """One page of a set and its truth."""

    dataset: str
    id: str
    url: str | None
    text: str  # the body; "" where only metadata is annotated
    text_alt: str | None  # dragnet: body plus comments
    title: str | None
    authors: tuple[str, ...]
    date: str | None  # as given (an ISO day or timestamp)
    type: str | None  # wcxb-dev's page type

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.id}"

    @property
    def split(self) -> Split:
        return split_of(self.dataset, self.id)

    @property
    def has_body(self) -> bool:
        return bool(words(self.text))

    def has(self, field: str) -> bool:
        """Whether the truth has metadata ``field`` (title, authors or date)."""
        if field == "title":
            return bool(title_key(self.title))
        if field == "authors":
            return bool(name_tokens(self.authors))
        if field == "date":
            return iso_day(self.date) is not None
        raise KeyError(field)


def parse_page(dataset: str, record: dict[str, Any]) -> Page:
    authors = record.get("authors") or ()
    return Page(
        dataset=dataset,
        id=str(record["id"]),
        url=record.get("url") or None,
        text=record.get("text") or "",
        text_alt=record.get("text_alt"),
        title=record.get("title") or None,
        authors=tuple(a for a in authors if a),
        date=record.get("date") or None,
        type=record.get("type") or None,
    )


def load_set(root: Path, dataset: str) -> list[Page]:
    """The pages of one set, in the order of its ``truth.jsonl``."""
    truth = root / dataset / "truth.jsonl"
    if not truth.is_file():
        raise DataMissing(f"no {dataset}/truth.jsonl in {root}")
    pages = []
    with truth.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                pages.append(parse_page(dataset, json.loads(line)))
    return pages


def select(pages: Iterable[Page], split: str) -> list[Page]:
    """The pages of ``split`` (``"dev"``, ``"test"`` or ``"all"``)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    return [p for p in pages if split == "all" or p.split == split]


def page_path(root: Path, page: Page) -> Path:
    return root / page.dataset / "pages" / f"{page.id}.html.gz"


def read_html(root: Path, page: Page) -> bytes:
    """The raw bytes of a page, gunzipped."""
    return gzip.decompress(page_path(root, page).read_bytes())


# --------------------------------------------------------------------------
# Body


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one output on one page."""

    precision: float
    recall: float
    f1: float


def words(text: str | None) -> list[str]:
    """The lower-cased ``\\w+`` tokens of ``text``.

    >>> words("Don't STOP-me now!")
    ['don', 't', 'stop', 'me', 'now']
    """
    return _WORD.findall(text.lower()) if text else []


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of runs of ``size`` consecutive ``\\w+`` tokens, case kept.

    A text of fewer than ``size`` tokens (but some) is one shingle of all of them.

    >>> sorted(shingles("a b c d e", 4))
    [('a', 'b', 'c', 'd'), ('b', 'c', 'd', 'e')]
    >>> shingles("Hi there", 4)
    Counter({('Hi', 'there'): 1})
    """
    tokens = _WORD.findall(text) if text else []
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def multiset_scores(predicted: Counter[Any], truth: Counter[Any]) -> PRF:
    """Precision, recall and F1 of two multisets; an empty side scores 0 (both: 1)."""
    n_pred, n_truth = sum(predicted.values()), sum(truth.values())
    if not n_pred and not n_truth:
        return PRF(1.0, 1.0, 1.0)
    if not n_pred or not n_truth:
        return PRF(0.0, 0.0, 0.0)
    common = sum((predicted & truth).values())
    precision, recall = common / n_pred, common / n_truth
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return PRF(precision, recall, f1)


def bag_scores(predicted: str | None, truth: str | None) -> PRF:
    """Word-bag precision, recall and F1 of an output against the true body."""
    return multiset_scores(Counter(words(predicted)), Counter(words(truth)))


def shingle_scores(predicted: str | None, truth: str | None, size: int = SHINGLE_SIZE) -> PRF:
    """Shingle precision, recall and F1 of an output against the true body."""
    return multiset_scores(shingles(predicted, size), shingles(truth, size))


# --------------------------------------------------------------------------
# Metadata


def title_key(title: str | None) -> str:
    """The title lower-cased with only its word characters kept."""
    return "".join(_WORD.findall(title.lower())) if title else ""


def title_match(predicted: str | None, truth: str | None) -> bool:
    """Equal titles after :func:`title_key`; an empty title never matches."""
    key = title_key(predicted)
    return bool(key) and key == title_key(truth)


# Words of bylines and name particles: they name nobody on their own, so
# sharing one ("By Staff" and "BBC Staff", "de" in two Spanish names) is no match.
AUTHOR_NOISE = frozenset({
    "by", "and", "the", "with", "staff", "writer", "reporter", "editor", "contributor",
    "correspondent", "team", "news", "von", "van", "der", "den", "de", "del", "la", "le",
    "da", "di", "du", "dos", "das", "mr", "mrs", "ms", "dr",
})


def name_tokens(names: Iterable[str] | str | None) -> set[str]:
    """The tokens of ``names`` that can identify an author (see the module docstring).

    >>> sorted(name_tokens(["By Michelina C. de la Maza", "Staff 2"]))
    ['maza', 'michelina']
    """
    if not names:
        return set()
    if isinstance(names, str):
        names = [names]
    return {
        token
        for name in names if name
        for token in _WORD.findall(name.lower())
        if len(token) >= 2 and not token.isdigit() and token not in AUTHOR_NOISE
    }


def authors_match(predicted: Iterable[str] | str | None, truth: Iterable[str] | str | None) -> bool:
    """Whether a predicted and a true author list share a name token."""
    return bool(name_tokens(predicted) & name_tokens(truth))


_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?!\d)")


def iso_day(value: str | None) -> datetime.date | None:
    """The calendar day a value starting with ``YYYY-MM-DD`` gives, else ``None``.

    >>> iso_day("2021-11-01T10:52:50+0100")
    datetime.date(2021, 11, 1)
    >>> iso_day("2016-12") is None, iso_day("2016-02-30") is None
    (True, True)
    """
    match = _ISO_DAY.match(value) if value else None
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def date_match(predicted: str | None, truth: str | None, tolerance_days: int = 0) -> bool:
    """Whether the ISO days of both values are at most ``tolerance_days`` apart."""
    a, b = iso_day(predicted), iso_day(truth)
    return a is not None and b is not None and abs((a - b).days) <= tolerance_days


def split_authors(value: str | Sequence[str] | None) -> list[str]:
    """An author field as a list: trafilatura joins several names with ``"; "``."""
    if not value:
        return []
    if isinstance(value, str):
        return [name.strip() for name in value.split(";") if name.strip()]
    return [name for name in value if name]
