"""Blocks: the text's non-empty lines, with their offsets in the input.

The compiled core splits the text (``cleaner._core``, module ``text::blocks``);
the pipeline gets its blocks, already fixed, from the typography stage.
"""

from __future__ import annotations

from . import _core


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
    Offsets are indices of the str (code points). A lone surrogate raises
    :class:`~cleaner.errors.InputError`.

    >>> split("a b\\n\\n  c \\r\\nd")
    [(0, 3), (7, 8), (11, 12)]
    """
    return _core.split(text)
