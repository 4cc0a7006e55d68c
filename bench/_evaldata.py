"""Evaluation data of trafilatura: loading, decoding and scoring.

The scoring follows trafilatura's own evaluation: every ``with`` string found
in an output is a true positive and every one missing a false negative; every
``without`` string found is a false positive and every one absent a true
negative. Strings and outputs are compared with whitespace collapsed. A system
that returns nothing (``None``) for a page gets all its ``with`` strings as
false negatives and all its ``without`` strings as true negatives, as in
trafilatura's evaluation.
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Default place of the data: ``../shared/datasets/trafilatura-eval`` from the
# repository root.
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "datasets" / "trafilatura-eval"

_WS = re.compile(r"\s+")


def collapse_ws(text: str) -> str:
    """Whitespace runs (any Unicode space, newlines, tabs) become one space; ends trimmed."""
    return _WS.sub(" ", text).strip()


# --------------------------------------------------------------------------
# Counts and metrics


@dataclass
class Counts:
    """Confusion counts over evaluation strings."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn
        )

    def __iadd__(self, other: Counts) -> Counts:  # noqa: PYI034
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn
        return self

    @property
    def total(self) -> int:
        return self.tp + self.fn + self.fp + self.tn

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return _ratio(2 * p * r, p + r)

    @property
    def accuracy(self) -> float:
        return _ratio(self.tp + self.tn, self.total)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fn": self.fn,
            "fp": self.fp,
            "tn": self.tn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "accuracy": self.accuracy,
        }


def _ratio(num: float, den: float) -> float:
    """``num / den``, and 0.0 when the denominator is 0."""
    return num / den if den else 0.0


def score(output: str | None, with_: Sequence[str], without: Sequence[str]) -> Counts:
    """Counts for one output against the expected (``with_``) and unwanted strings."""
    if output is None:
        return Counts(fn=len(with_), tn=len(without))
    text = collapse_ws(output)
    found_with = sum(1 for s in with_ if collapse_ws(s) in text)
    found_without = sum(1 for s in without if collapse_ws(s) in text)
    return Counts(
        tp=found_with,
        fn=len(with_) - found_with,
        fp=found_without,
        tn=len(without) - found_without,
    )


# --------------------------------------------------------------------------
# C4-style line filter

# Marks a kept line must end with: the C4 set (. ! ? ") plus the typographic
# quotes, the ellipsis and the full-width CJK marks.
TERMINAL_MARKS: tuple[str, ...] = (
    ".", "!", "?", '"', "\u201d", "\u2019", "'", "\u00bb", "\u2026", "\u3002", "\uff01", "\uff1f",
)
C4_MIN_WORDS = 5


def c4_line_ok(line: str, min_words: int = C4_MIN_WORDS) -> bool:
    """A line C4 keeps: at least ``min_words`` words and a terminal mark at its end."""
    stripped = line.strip()
    return len(stripped.split()) >= min_words and stripped.endswith(TERMINAL_MARKS)


def c4_filter(text: str, min_words: int = C4_MIN_WORDS) -> str:
    """The lines of ``text`` that pass :func:`c4_line_ok`, stripped, joined by newlines.

    Only C4's line rule is applied (no page-level rules such as the
    three-sentence minimum or the bad-word list), so a page never vanishes as
    a whole.
    """
    return "\n".join(
        line.strip() for line in text.splitlines() if c4_line_ok(line, min_words)
    )


# --------------------------------------------------------------------------
# Decoding HTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)


def declared_charset(raw: bytes, scan: int = 4096) -> str | None:
    """The Python codec name of the charset the page declares (BOM, XML, meta), if known."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    head = raw[:scan]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # As browsers do (WHATWG encoding standard): a Latin-1 label means windows-1252.
    return "cp1252" if name in ("latin-1", "iso8859-1") else name


def decode_html(raw: bytes) -> str:
    """Decode by the declared charset, else UTF-8; undecodable bytes are replaced."""
    charset = declared_charset(raw) or "utf-8"
    # A page declaring a single-byte charset is often UTF-8 all the same: take
    # UTF-8 when it decodes cleanly.
    if charset not in ("utf-8", "utf-8-sig"):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return raw.decode(charset, errors="replace")


# --------------------------------------------------------------------------
# Loading


@dataclass(frozen=True)
class EvalItem:
    """One annotated page."""

    url: str
    file: str
    with_: tuple[str, ...]
    without: tuple[str, ...]

    @property
    def page_id(self) -> str:
        return Path(self.file).name.split(".")[0]


class DataMissing(Exception):
    """The evaluation data is not where it was looked for."""


def load_items(data_dir: Path) -> list[EvalItem]:
    """The annotated pages listed in ``evaldata.jsonl``, in file order."""
    index = data_dir / "evaldata.jsonl"
    if not index.is_file():
        raise DataMissing(f"no evaldata.jsonl in {data_dir}")
    items = []
    with index.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                items.append(parse_item(json.loads(line)))
    return items


def parse_item(record: dict[str, Any]) -> EvalItem:
    return EvalItem(
        url=record["url"],
        file=record["file"],
        with_=tuple(record.get("with") or ()),
        without=tuple(record.get("without") or ()),
    )


def read_page(data_dir: Path, item: EvalItem) -> bytes:
    """The raw bytes of a page (gunzipped when the file is ``.gz``)."""
    path = data_dir / item.file
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


# --------------------------------------------------------------------------
# Language groups


def group_languages(
    langs: Iterable[str], min_docs: int, keep: Iterable[str] = ("de", "en")
) -> dict[str, str]:
    """Map each language code to itself or to "other".

    A language keeps its own group when it has ``min_docs`` pages or more, or
    when it is in ``keep``; every other language falls into "other".
    """
    counts = Counter(langs)
    kept = set(keep)
    return {
        lang: (lang if n >= min_docs or lang in kept else "other") for lang, n in counts.items()
    }
