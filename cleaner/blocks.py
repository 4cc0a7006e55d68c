"""Blocks: the text's non-empty lines, with their offsets in the input."""

from __future__ import annotations

import regex

# A run of text between line breaks, trimmed of surrounding white space.
_LINE = regex.compile(r"[^\s](?:[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*[^\s])?")


class Block:
    """One paragraph or line. ``start``/``end`` index the input; ``text`` is fixed."""

    __slots__ = ("cut", "end", "rule", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.rule: str | None = None  # id of the rule that removed it, if any
        self.cut = False  # removed with the blocks after (or before) a cut marker

    def __repr__(self) -> str:
        return f"Block({self.start}, {self.end}, {self.text!r}, rule={self.rule!r})"


def split(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of ``text``, stripped.

    Paragraphs separated by one newline or by blank lines come out the same.

    >>> split("a b\\n\\n  c \\r\\nd")
    [(0, 3), (7, 8), (11, 12)]
    """
    return [m.span() for m in _LINE.finditer(text)]
