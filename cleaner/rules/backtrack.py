"""Patterns that can backtrack for very long: a warning when a rule file is loaded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

# ---------------------------------------------------------------- backtracking check
#
# A pattern like ``(a+)+$`` or ``(\w+\s?)+!`` tries every way of splitting a long
# run of text between the inner and the outer repetition before it gives up: on
# a long line without the terminator that takes longer than any time limit. The
# check below reads a pattern into a small tree and reports each group that is
# repeated (``*``, ``+``, ``{n,}``, ``{n,m}`` with m > 1) and has a branch with an
# unbounded item (``+``, ``*``, ``{n,}``) that no other required item of the branch
# separates: a required item separates when it matches none of the characters
# the unbounded one does (``(\s+\S+)*``, ``(?:\s*\|\s*\w{1,40})+``). The check is a
# warning, not a proof: it stays quiet where it is unsure, and the time limit
# (``Config.regex_timeout``) remains the guarantee.

_QUANTIFIER = regex.compile(r"\{(\d*)(?:(,)(\d*))?\}")


@dataclass(slots=True)
class _Item:
    kind: str  # "char" (one character), "zero" (zero-width), "ref", "group"
    start: int
    atom_end: int = 0
    end: int = 0
    branches: list[list[_Item]] | None = None  # groups only
    transparent: bool = True  # False for atomic groups and lookarounds
    low: int = 1
    high: int | None = 1  # None: unbounded
    possessive: bool = False

    @property
    def unbounded(self) -> bool:
        return self.high is None and not self.possessive

    @property
    def plain(self) -> bool:
        """A group that only groups: one branch, matched once, backtracked into."""
        return (self.kind == "group" and self.transparent and self.low == self.high == 1
                and len(self.branches or []) == 1)


class _PatternReader:
    """A small reader of ``regex`` pattern syntax, for :func:`nested_quantifiers`."""

    def __init__(self, pattern: str) -> None:
        self.s = pattern
        self.i = 0
        self.verbose = False

    def peek(self, n: int = 1) -> str:
        if self.verbose:  # (?x): white space and comments between tokens
            while self.i < len(self.s) and (self.s[self.i].isspace() or self.s[self.i] == "#"):
                if self.s[self.i] == "#":
                    self._skip_to("\n")
                else:
                    self.i += 1
        return self.s[self.i : self.i + n]

    def branches(self) -> list[list[_Item]]:
        out = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            out.append(self.sequence())
        return out

    def sequence(self) -> list[_Item]:
        items: list[_Item] = []
        while self.peek() and self.peek() not in "|)":
            item = self.atom()
            if item is not None:
                item.atom_end = self.i
                self.quantifier(item)
                item.end = self.i
                items.append(item)
        return items

    def _skip_to(self, closing: str) -> None:
        end = self.s.find(closing, self.i)
        self.i = len(self.s) if end < 0 else end + 1

    def atom(self) -> _Item | None:
        start, c = self.i, self.s[self.i]
        self.i += 1
        if c == "(":
            return self.group(start)
        if c == "[":
            self.char_class()
        elif c == "\\":
            return self.escape(start)
        elif c in "^$":
            return _Item("zero", start)
        return _Item("char", start)

    def group(self, start: int) -> _Item | None:
        item = _Item("group", start)
        if self.s[self.i : self.i + 1] == "?":
            self.i += 1
            head = self.s[self.i : self.i + 2]
            if head[:1] == "#":
                self._skip_to(")")
                return None
            if head[:1] in ("=", "!") or head in ("<=", "<!"):
                item.transparent = False  # lookaround
                self.i += 1 if head[:1] in ("=", "!") else 2
            elif head[:1] == ">":
                item.transparent = False  # atomic
                self.i += 1
            elif head[:1] in ("|", ":"):
                self.i += 1
            elif head == "P<" or head[:1] == "<":
                self._skip_to(">")
            elif head[:1] == "(":  # conditional: skip the condition
                self.i += 1
                self._skip_to(")")
            elif head[:1] in "P&R0123456789+-" and not regex.match(r"-?[a-zA-Z]+:", head):
                self._skip_to(")")  # named reference or recursion
                return _Item("ref", start)
            else:  # flags: (?i) for the rest, (?i:...) for a group
                found = regex.match(r"[-a-zA-Z0-9]*", self.s[self.i :])
                flags = found.group() if found else ""
                self.i += len(flags)
                if self.s[self.i : self.i + 1] == ")":
                    self.i += 1
                    self.verbose = self.verbose or "x" in flags.split("-")[0]
                    return None
                self.i += 1  # ':'
        item.branches = self.branches()
        self.i += 1  # ')'
        return item

    def char_class(self) -> None:
        if self.s[self.i : self.i + 1] == "^":
            self.i += 1
        if self.s[self.i : self.i + 1] == "]":
            self.i += 1
        while self.i < len(self.s):
            c = self.s[self.i]
            self.i += 1
            if c == "\\":
                self.i += 1
            elif c == "[" and self.s[self.i : self.i + 1] == ":":
                self._skip_to("]")
            elif c == "]":
                return

    def escape(self, start: int) -> _Item:
        c = self.s[self.i : self.i + 1]
        self.i += 1
        if c in ("p", "P", "N", "x") and self.s[self.i : self.i + 1] == "{":
            self._skip_to("}")
        elif c in ("x", "u", "U"):
            self.i += {"x": 2, "u": 4, "U": 8}[c]
        elif c == "g" and self.s[self.i : self.i + 1] == "<":
            self._skip_to(">")
            return _Item("ref", start)
        elif c.isdigit():
            return _Item("ref", start)
        elif c in ("b", "B", "A", "Z", "z", "G", "m", "M", "K"):
            return _Item("zero", start)
        return _Item("char", start)

    def quantifier(self, item: _Item) -> None:
        c = self.peek()
        if c in ("*", "+", "?"):
            self.i += 1
            item.low, item.high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        else:
            m = _QUANTIFIER.match(self.s, self.i) if c == "{" else None
            if m is None or not (m.group(1) or m.group(3)):
                return
            self.i = m.end()
            item.low = int(m.group(1) or 0)
            item.high = None if m.group(2) and not m.group(3) else int(m.group(3) or item.low)
        if self.s[self.i : self.i + 1] == "+":
            item.possessive = True
            self.i += 1
        elif self.s[self.i : self.i + 1] == "?":
            self.i += 1  # lazy: backtracks all the same


@lru_cache(maxsize=1)
def _sample() -> str:
    """Characters that stand for all of Unicode when comparing character sets."""
    spans = [(0x09, 0x0D), (0x20, 0x7E), (0x85, 0x85), (0xA0, 0x24F), (0x370, 0x4FF),
             (0x5D0, 0x5EA), (0x620, 0x64A), (0x2000, 0x206F), (0x20A0, 0x20BF),
             (0x2190, 0x21FF), (0x25A0, 0x25FF), (0x3000, 0x3003), (0x4E00, 0x4E20),
             (0xFF01, 0xFF20), (0x1F600, 0x1F610)]
    return "".join(chr(c) for a, b in spans for c in range(a, b + 1))


def _chars(pattern: str, item: _Item, flags: int) -> frozenset[str]:
    """The sample characters ``item`` may consume (all of them when unsure)."""
    if item.kind == "group":
        return frozenset().union(*(_chars(pattern, i, flags) for b in item.branches or [] for i in b))
    if item.kind == "zero":
        return frozenset()
    try:
        atom = regex.compile(pattern[item.start : item.atom_end], flags | regex.V0)
    except regex.error:
        return frozenset(_sample())
    return frozenset(atom.findall(_sample())) if item.kind == "char" else frozenset(_sample())


def _flat(branch: list[_Item]) -> list[_Item]:
    """The items of a branch, plain groups opened up."""
    return [j for i in branch for j in (_flat(i.branches[0]) if i.plain and i.branches else [i])]


def _unbounded(items: list[_Item]) -> list[_Item]:
    """Unbounded items in ``items`` and in the groups among them that backtrack."""
    out = []
    for item in items:
        if item.unbounded:
            out.append(item)
        elif item.transparent and item.branches:
            out += [j for b in item.branches for j in _unbounded(b)]
    return out


def _anchored(item: _Item) -> bool:
    """Whether ``item`` always consumes a piece of fixed size: ``,``, ``\\|``, ``(?:and|&)``."""
    if item.high is None or item.kind in ("zero", "ref"):
        return False
    return item.kind == "char" or all(
        any(i.low >= 1 and _anchored(i) for i in b) for b in item.branches or []
    )


def _ambiguous(pattern: str, branch: list[_Item], flags: int) -> bool:
    """Whether an unbounded item of the branch lacks a separator: a required item
    apart from it that is anchored or shares no character with it."""
    required = [i for i in _flat(branch) if i.low >= 1 and i.kind != "zero"]
    for loose in _unbounded(branch):
        own = _chars(pattern, loose, flags)
        if not any(
            other is not loose
            and (_anchored(other) or not own & _chars(pattern, other, flags))
            for other in required
        ):
            return True
    return False


def nested_quantifiers(pattern: str, flags: int = 0) -> list[str]:
    r"""The repeated groups of ``pattern`` that can backtrack catastrophically.

    ``flags`` are those the pattern is compiled with (``regex.IGNORECASE``).

    >>> nested_quantifiers(r"(a+)+$")
    ['(a+)+']
    >>> nested_quantifiers(r"x(?:\w*\s?)*y")
    ['(?:\\w*\\s?)*']
    >>> nested_quantifiers(r"(?:\s+\S+){0,6}")  # the white space separates the words
    []
    """
    reader = _PatternReader(pattern)
    try:
        tree = reader.branches()
    except (IndexError, KeyError, AttributeError):  # unreadable here: nothing to say
        return []
    found: list[str] = []

    def walk(items: list[_Item]) -> None:
        for item in items:
            if item.branches is None:
                continue
            repeated = (item.high is None or item.high > 1) and not item.possessive
            if repeated and item.transparent and any(
                _ambiguous(pattern, b, flags) for b in item.branches
            ):
                found.append(pattern[item.start : item.end])
            for branch in item.branches:
                walk(branch)

    for branch in tree:
        walk(branch)
    return found
