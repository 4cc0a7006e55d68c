"""Literal prefilters: skip a pattern when text cannot hold any of its literals.

Most rules never match most documents, and a ``regex`` search costs a pass over
the text for every rule. A plain substring test (``str.__contains__``, C speed)
is far cheaper. For each pattern we find *factors*: literal strings, of which
every match must contain at least one. A pattern is run only on text that holds
one of its factors.

Factors are found from the pattern's syntax tree (the standard library's
parser, which reads the ``regex`` syntax the rules use once ``\\p{..}`` classes
are replaced by an equivalent for the purpose, ``\\w``). When the parser cannot
read a pattern, or a pattern has no literal that every match needs (``\\d+``),
it has no factors and always runs: the prefilter can make a rule cheaper, never
change what it matches. Factors and text are both compared case-folded, which
is a superset of what a case-sensitive or case-insensitive match needs.

``LiteralIndex`` holds the factors of many patterns and finds, in one pass over
a document, which patterns can match in which of its blocks.

Metadata rules use this module; chrome and replace rules run in the core,
whose prefilter (``core/src/rules/prefilter.rs``) works the same way.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections.abc import Sequence

import regex
from ahocorasick_rs import AhoCorasick

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

MIN_FACTOR = 3  # shorter words are in almost every text: not worth testing

Factors = tuple[str, ...]

# regex-only syntax, replaced by something the standard parser reads that
# consumes the same number of characters.
_PROPERTY = regex.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
_REGEX_ONLY = regex.compile(r"\(\?V[01]\)|\\[mM]")


def factors(pattern: str) -> Factors | None:
    """Case-folded literals, one of which every match of ``pattern`` contains.

    ``None`` when no such set is known: the pattern must always run.
    """
    tree = _parse(pattern)
    if tree is None:
        return None
    try:
        found = _sequence(tree)
    except RecursionError:  # pragma: no cover - absurdly nested pattern
        return None
    if not found or not all(_selective(f) for f in found):
        return None
    return tuple(sorted(found, key=len, reverse=True))


class LiteralIndex:
    """All factors of many patterns in one Aho-Corasick automaton.

    ``holders(texts)`` tells, for each text, which patterns can match in it,
    from one pass over the texts (ahocorasick-rs, in Rust) instead of one
    substring test per factor and text.
    """

    def __init__(self, factor_sets: Sequence[Factors | None]) -> None:
        self.size = len(factor_sets)
        self.always = [k for k, found in enumerate(factor_sets) if found is None]
        owners: dict[str, list[int]] = {}
        for k, found in enumerate(factor_sets):
            for factor in found or ():
                owners.setdefault(factor, []).append(k)
        self._owners = list(owners.values())
        self._automaton = AhoCorasick(list(owners)) if owners else None

    def holders(self, texts: Sequence[str]) -> list[list[int]]:
        """For each text, the indices of the patterns that can match in it, ascending."""
        if self._automaton is None or not texts:
            return [self.always] * len(texts)
        result: list[list[int]] = []
        chunk: list[str] = []
        size = 0
        for text in texts:  # about _CHUNK characters at a time: bounded memory
            chunk.append(text)
            size += len(text) + 1
            if size >= _CHUNK:
                result += self._holders(chunk)
                chunk, size = [], 0
        if chunk:
            result += self._holders(chunk)
        return result

    def _holders(self, texts: list[str]) -> list[list[int]]:
        parts = [t.casefold() for t in texts]
        starts = []
        offset = 0
        for part in parts:
            starts.append(offset)
            offset += len(part) + 1
        hits: dict[int, set[int]] = {}
        owners = self._owners
        for literal, start, _end in self._automaton.find_matches_as_indexes(
            "\n".join(parts), overlapping=True
        ):
            k = bisect_right(starts, start) - 1
            found = hits.get(k)
            if found is None:
                hits[k] = found = set()
            found.update(owners[literal])
        result = []
        for k in range(len(parts)):
            found = hits.get(k)
            if found is None:
                result.append(self.always)
            else:
                found.update(self.always)
                result.append(sorted(found))
        return result


_CHUNK = 1 << 18
"""Characters searched for literals at a time."""


def _selective(factor: str) -> bool:
    """Long enough to be rare: 3+ characters, or any length without letters or
    digits ("|", "©", "•" are rare in prose)."""
    return len(factor) >= MIN_FACTOR or not any(c.isalnum() for c in factor)


def _parse(pattern: str) -> list | None:
    """The syntax tree of a ``regex`` pattern as the standard parser reads it, with
    ``\\p{..}`` classes read as ``\\w``; ``None`` for syntax it does not read."""
    source = _REGEX_ONLY.sub("", _PROPERTY.sub(r"\\w", pattern))
    try:
        with warnings.catch_warnings():  # e.g. "possible nested set": regex syntax
            warnings.simplefilter("ignore")
            return list(_sre_parse.parse(source, 0))
    except (re.error, ValueError, TypeError, OverflowError, RecursionError):
        return None


def present(found: Factors | None, folded: str) -> bool:
    """Whether case-folded text can hold a match of a pattern with these factors."""
    if found is None:
        return True
    for factor in found:
        if factor in folded:
            return True
    return False


def _score(found: frozenset[str] | None) -> tuple[int, int, int]:
    """How selective a factor set is: all factors selective, then longest shortest."""
    if not found:
        return (-1, 0, 0)
    return (all(_selective(f) for f in found), min(len(f) for f in found), -len(found))


def _sequence(items: list) -> frozenset[str] | None:
    """The best factor set of a sequence: the most selective of its elements'."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def close_run() -> None:
        nonlocal best
        if run:
            candidate = frozenset(["".join(run)])
            if _score(candidate) > _score(best):
                best = candidate
            run.clear()

    for op, arg in items:
        char = _literal(op, arg)
        if char is not None:
            run.append(char)
            continue
        close_run()
        found = _element(op, arg)
        if found is not None and _score(found) > _score(best):
            best = found
    close_run()
    return best


def _literal(op, arg) -> str | None:
    """The case-folded character an element always matches, if it is one."""
    if op is _c.LITERAL:
        return chr(arg).casefold()
    if op is _c.IN and arg and all(o is _c.LITERAL for o, _ in arg):
        chars = {chr(a).casefold() for _, a in arg}
        if len(chars) == 1:
            return chars.pop()
    return None


def _element(op, arg) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:
            found = _sequence(list(alternative))
            if not found:
                return None  # an alternative without a literal: no factor set
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, item = arg
        return _sequence(list(item)) if low >= 1 else None
    if op is _c.IN and arg and all(o is _c.LITERAL for o, _ in arg):
        return frozenset(chr(a).casefold() for _, a in arg)  # one of these characters
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(arg))
    return None  # classes, anchors, lookarounds, backreferences: no literal
