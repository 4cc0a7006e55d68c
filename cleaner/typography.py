"""Typography: mojibake, odd spaces, doubled spaces, low-9 quotes.

Each fix runs only where a cheap test over the whole text says it can change
something, so clean text pays one scan per fix and never calls ftfy.

ftfy decides what is mojibake, but only sees lines that hold one of its
signatures: a character that a UTF-8 lead byte becomes in Windows-1252,
Latin-1 or Windows-1251, followed by one a continuation byte becomes ("Ã©",
"â€™", "Ð¿", "Ñ€"); HTML entities; C1 control characters; U+FFFD. Text
mis-decoded through other code pages (MacRoman, Windows-1253) is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ftfy
import regex

from .config import Config
from .errors import RuleError

# ftfy settings: mojibake, entities and control characters only. Quotes stay
# curly (they carry meaning), full-width characters stay (CJK text uses them).
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_line_breaks=False,
    explain=False,
)
_NEEDS_FTFY = regex.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});|[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _mojibake_signature() -> regex.Pattern[str]:
    """Pairs of characters that UTF-8 text mis-decoded as cp1252/latin-1/cp1251 shows."""
    leads = bytes(range(0xC2, 0xF5))
    continuations = bytes(range(0x80, 0xC0))
    pairs = []
    for codec in ("cp1252", "latin-1", "cp1251"):
        lead = leads.decode(codec, errors="ignore")
        cont = continuations.decode(codec, errors="ignore")
        pairs.append(f"[{regex.escape(lead)}][{regex.escape(cont)}]")
    pairs.append("[ÃÂ] ")  # a no-break space (0xA0) that became a plain space
    return regex.compile("|".join(pairs))


_MOJIBAKE = _mojibake_signature()
_MULTISPACE = regex.compile(r" {2,}")
# Line breaks that entities decode to (&#10;, &#x2028;): a block is one line.
_BREAKS = regex.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# „...” and „...“ pairs on one line, opening quote not followed by a space.
_LOW9_PAIR = regex.compile(r"„(?=\S)([^„“”\n]{0,600}?)[”“]")

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
    """The typography stage, configured once and applied to many texts."""

    def __init__(self, config: Config, settings: TypographySettings) -> None:
        self.config = config
        self.settings = settings
        table: dict[int, int | None] = {}
        if config.fix_spaces:
            table.update({ord(c): " " for c in settings.spaces + "\t"})
            table.update({ord(c): None for c in settings.removed})
        self._table = table
        odd = "".join(regex.escape(chr(c)) for c in table)
        self._odd = regex.compile(f"[{odd}]") if odd else None

    def plan(self, text: str, language: str | None) -> tuple[bool, bool, bool, bool]:
        """Which fixes can change anything in ``text``: one scan of it per fix."""
        ascii_only = text.isascii()
        cfg = self.config
        mojibake = cfg.fix_mojibake and (
            _NEEDS_FTFY.search(text) is not None
            or (not ascii_only and _MOJIBAKE.search(text) is not None)
        )
        odd = self._odd is not None and (
            "\t" in text if ascii_only else self._odd.search(text) is not None
        )
        spaces = cfg.collapse_spaces
        quotes = (
            cfg.fix_low9_quotes
            and not ascii_only
            and language not in self.settings.low9_languages
            and language is not None
            and "„" in text
        )
        return mojibake, odd, spaces, quotes

    def fix(self, line: str, plan: tuple[bool, bool, bool, bool]) -> str:
        """Fix one line (no line breaks inside) as ``plan`` says."""
        mojibake, odd, spaces, quotes = plan
        if mojibake and (_NEEDS_FTFY.search(line) or _MOJIBAKE.search(line)):
            line = _BREAKS.sub(" ", ftfy.fix_text(line, _FTFY))
            # Entities decode to odd spaces (&nbsp;) the plan of the raw text did not see.
            odd = odd or (self._odd is not None and self._odd.search(line) is not None)
        if odd:
            line = line.translate(self._table)
        if spaces and "  " in line:
            line = _MULTISPACE.sub(" ", line)
        if quotes and "„" in line:
            line = _LOW9_PAIR.sub(r"“\1”", line)
        return line.strip()
