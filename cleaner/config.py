"""One configuration object for a :class:`~cleaner.Cleaner`, with typed defaults."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Literal, get_args

from .errors import ConfigError

Mode = Literal["auto", "article", "page"]
MODES: tuple[Mode, ...] = get_args(Mode)
"""Every mode, in one place: ``Config.mode``, ``clean(mode=...)`` and the CLI take these."""


@dataclass(frozen=True, slots=True)
class Config:
    """How a Cleaner treats text. Every fix can be switched off.

    The defaults are what a news pipeline wants; each says why it is on or off.
    """

    # Typography.
    fix_mojibake: bool = True
    """Run ftfy on lines that show mojibake, HTML entities or control characters.
    On: mis-decoded UTF-8 ("donâ€™t") is the commonest defect of scraped text."""
    fix_spaces: bool = True
    """Non-breaking and other odd spaces become plain spaces; zero-width spaces,
    BOMs and soft hyphens go. On: they break tokenisers and exact matching."""
    collapse_spaces: bool = True
    """Runs of spaces become one. On: doubled spaces carry no meaning in prose."""
    fix_low9_quotes: bool = True
    """„low-9 opening quotes closed by ” or “ become “ in languages that do not use
    them (English, French, ...). On: such quotes are artefacts of translation."""

    # Metadata and rules.
    extract_metadata: bool = True
    """Read title, byline, dates, dateline and credits into metadata and out of the body."""
    detect_language: bool = True
    """Identify the language (py3langid) to pick quote style, date words and rules."""
    mode: Mode = "auto"
    """"article": rules only. "page": also score blocks of whole-page text
    (menus, teasers, footers). "auto": decide per document."""

    # Safety.
    regex_timeout: float = 2.0
    """Seconds one pattern may run on one block before the document fails."""
    time_budget: float | None = None
    """Seconds one document may take, HTML extraction included, or None for no
    limit. A document past it fails with :class:`~cleaner.errors.DocumentTimeoutError`
    and a batch goes on. Checked between stages; in the main thread (and in the
    batch's workers) an interval timer also interrupts a long extraction, unless
    the program already runs one (``signal.setitimer``)."""
    cut_min_words: int = 12
    """A cut-to-the-end (or from-the-start) rule fires only when at least this many
    words of body stay on the other side of the marker."""
    max_removed_share: float = 0.9
    """When rules and scoring would remove more than this share of a non-trivial
    body's characters, the body is kept as it was and a warning says why."""
    page_max_removed_share: float = 0.98
    """The same limit for text scored as a whole page, where the story is often a
    small part of the text: 0.9 kept 15 of 990 evaluation pages whole, 0.98 kept
    the 4 where scoring found no story at all."""
    guard_min_chars: int = 400
    """Bodies shorter than this are trivial: the guard does not apply to them."""

    def __post_init__(self) -> None:
        """Check every setting when the Config is built, not on the first document."""
        for f in fields(self):
            value = getattr(self, f.name)
            kind = {"bool": bool, "int": int, "float": float, "float | None": float}.get(str(f.type))
            if value is None and str(f.type).endswith("| None"):
                continue
            if kind is bool and not isinstance(value, bool):
                raise ConfigError(f"Config.{f.name} takes True or False, not {value!r}")
            if kind in (int, float) and (
                isinstance(value, bool) or not isinstance(value, (int, float))
                or (kind is int and not isinstance(value, int))
            ):
                raise ConfigError(f"Config.{f.name} takes {kind.__name__}, not {value!r}")
            if kind is float and not math.isfinite(value):
                raise ConfigError(f"Config.{f.name} must be finite, not {value!r}")
        if self.mode not in MODES:
            raise ConfigError(
                f"Config.mode takes one of {', '.join(map(repr, MODES))}, not {self.mode!r}"
            )
        for name in ("regex_timeout", "time_budget"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ConfigError(f"Config.{name} must be positive, not {value!r}")
        for name in ("cut_min_words", "guard_min_chars"):
            if getattr(self, name) < 0:
                raise ConfigError(f"Config.{name} must be 0 or more, not {getattr(self, name)!r}")
        for name in ("max_removed_share", "page_max_removed_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ConfigError(
                    f"Config.{name} is a share between 0 and 1, not {getattr(self, name)!r}"
                )
