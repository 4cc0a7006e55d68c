"""Typography: mojibake, odd spaces, doubled spaces, low-9 quotes.

The compiled core (``cleaner._core.TextStage``) splits a text into blocks,
reads its language and fixes each block in one call; each fix runs only where
a cheap test over the text says it can change something, so clean text pays
one scan per fix and never calls ftfy.

ftfy stays here, in Python: it decides what is mojibake, but only sees the
lines the core flags, those that hold one of its signatures: a character that
a UTF-8 lead byte becomes in Windows-1252, Latin-1 or Windows-1251, followed
by one a continuation byte becomes ("Ã©", "â€™", "Ð¿", "Ñ€"); HTML entities;
C0/C1 control characters; U+FFFD. The core then finishes those lines with the
other fixes, in the same order (ftfy, odd spaces, collapsed spaces, quotes,
strip). Text mis-decoded through other code pages (MacRoman, Windows-1253) is
left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from . import _core
from .blocks import Block
from .config import Config
from .errors import RuleError


@cache
def fix_text() -> Callable[[str], str]:
    """ftfy's ``fix_text`` with this stage's settings: mojibake, entities and
    control characters only. Quotes stay curly (they carry meaning),
    full-width characters stay (CJK text uses them). ftfy is imported on the
    first line that needs it (its import costs a third of ``Cleaner()``);
    :meth:`Cleaner.prepare` imports it before workers fork."""
    import ftfy

    config = ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_character_width=False,
        fix_line_breaks=False,
        explain=False,
    )
    return partial(ftfy.fix_text, config=config)


_SETTINGS_KEYS = {"low9_languages", "spaces", "removed"}


@dataclass(frozen=True, slots=True)
class TypographySettings:
    """Data of the typography stage, from the ``[typography]`` table of rule files."""

    low9_languages: frozenset[str] = frozenset()
    """Languages that write „ as an opening quote; elsewhere „…” becomes “…”."""
    spaces: str = "\u00a0"
    """Characters that become a plain space."""
    removed: str = ""
    """Characters that are deleted (zero-width spaces, soft hyphens, BOMs)."""

    @classmethod
    def from_tables(cls, tables: list[tuple[str, dict[str, Any]]]) -> TypographySettings:
        values: dict[str, Any] = {}
        for source, table in tables:
            for key, value in table.items():
                if key not in _SETTINGS_KEYS:
                    raise RuleError(source, f"typography: unknown key {key!r}")
                if key == "low9_languages":
                    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                        raise RuleError(source, "typography: low9_languages must be a list of strings")
                    values[key] = frozenset(value)
                else:
                    if not isinstance(value, str):
                        raise RuleError(source, f"typography: {key} must be a string")
                    values[key] = value
        return cls(**values)


class Typography:
    """The text stage, configured once and applied to many texts: blocks, their
    language and their typography."""

    def __init__(self, config: Config, settings: TypographySettings) -> None:
        self.config = config
        self.settings = settings
        self._core = _core.TextStage(
            spaces=settings.spaces,
            removed=settings.removed,
            low9_languages=sorted(settings.low9_languages),
            fix_mojibake=config.fix_mojibake,
            fix_spaces=config.fix_spaces,
            collapse_spaces=config.collapse_spaces,
            fix_low9_quotes=config.fix_low9_quotes,
            detect_language=config.detect_language,
        )

    def blocks(self, text: str) -> tuple[list[Block], str | None]:
        """The fixed blocks of ``text`` and its language (``None`` if unsure, or
        when the config does not ask for it). Raises :class:`InputError` for a str
        that is not Unicode text (a lone surrogate)."""
        return self._blocks(*self._core.prepare(text))

    def blocks_in(self, text: str, language: str | None) -> list[Block]:
        """The fixed blocks of ``text`` written in ``language`` (not detected)."""
        return self._blocks(*self._core.prepare_in(text, language))[0]

    def _blocks(
        self, rows: list[tuple[int, int, str]], redo: list[int], language: str | None, plan: int
    ) -> tuple[list[Block], str | None]:
        for i in redo:
            start, end, line = rows[i]
            rows[i] = (start, end, self._core.finish(fix_text()(line), plan))
        return [Block(start, end, line) for start, end, line in rows if line], language
