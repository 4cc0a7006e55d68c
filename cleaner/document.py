"""Results of cleaning: plain, frozen data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Removal:
    """One piece of the input that is not in the body, and the rule that removed it.

    ``start``/``end`` are offsets into the input as given (``input[start:end] == text``).
    """

    rule: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the text says about itself. Empty fields are ``None`` or ``[]``."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # ISO 8601, only when the text gives the year
    dateline: str | None = None  # the place opening the story, e.g. "TOKYO"
    agency: str | None = None  # wire agency, e.g. "Reuters"
    publisher: str | None = None
    tags: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # e.g. "Editing by Daniel Wallis"
    url: str | None = None
    language: str | None = None  # ISO 639-1
    description: str | None = None
    fingerprint: str | None = None  # 64-bit SimHash of the body, 16 hex digits


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document: the body, its metadata, and every removal."""

    text: str
    metadata: Metadata
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``json.dumps(doc.to_dict())`` works)."""
        return {
            "text": self.text,
            "metadata": asdict(self.metadata),
            "removed": [asdict(r) for r in self.removed],
            "warnings": list(self.warnings),
        }
