"""Rules compiled for the core (``cleaner._core``): once per rule set, tables per
rule combination.

Chrome, replace and extract rules' patterns run in the core. Written in the
``regex`` module's syntax, they are translated for Rust's ``regex`` crate
(linear time) or, for the few constructs that need backtracking (lookaround,
backreferences, atomic groups, possessive repeats the translation cannot
prove harmless), ``fancy-regex`` under a backtracking limit. A pattern that
neither runs is a :class:`~cleaner.errors.RuleError` naming file, rule and
construct.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from .. import _core
from ..errors import RuleError
from .model import METADATA_ACTIONS, Rule

CHROME_ACTIONS = ("drop", "cut-to-end", "cut-from-start")
CORE_ACTIONS = (*CHROME_ACTIONS, "replace", "extract")
"""Actions whose rules have a pattern the core runs (whole-block phrases aside)."""

BACKTRACKS_PER_SECOND = 20_000_000
"""Backtracking steps that stand for a second: ``Config.regex_timeout`` becomes a
limit on ``fancy-regex``'s steps, so the engines need no clock (linear-time
patterns need no limit at all). Measured: 39-50 million steps a second on one
core for a catastrophic pattern; half that leaves room for patterns whose steps
cost more, so a pattern stops in about half its time limit or less."""


class PatternInfo(NamedTuple):
    """How the core runs a rule's pattern."""

    engine: str
    """``"regex"`` (linear time) or ``"fancy-regex"`` (backtracking, under a limit)."""
    groups: tuple[str, ...]
    """The pattern's group names."""


def backtrack_limit(timeout: float | None) -> int:
    """The backtracking limit that stands for a time limit of ``timeout`` seconds."""
    if timeout is None:
        return 2**63 - 1
    return max(10_000, int(timeout * BACKTRACKS_PER_SECOND))


def check_pattern(rule: Rule) -> PatternInfo | None:
    """How the core will run a rule's pattern (``None`` for rules without one, and
    whole-block chrome phrases, which are a table lookup); :class:`RuleError`
    naming the construct when no engine here runs it."""
    if rule.action not in CORE_ACTIONS or (rule.pattern is None and rule.match == "block"
                                           and rule.action in CHROME_ACTIONS):
        return None
    try:
        found = _core.translate(rule.regex_source, rule.case_sensitive, rule.match,
                                rule.action not in CHROME_ACTIONS)
    except ValueError as exc:  # "bad pattern: ..." or "pattern not supported: ..."
        raise RuleError(rule.source, _in_users_pattern(str(exc), rule), rule.id) from None
    return PatternInfo(found["engine"], tuple(found["groups"]))


_AT = re.compile(r"\(at character (\d+)\)")


def _in_users_pattern(message: str, rule: Rule) -> str:
    """A translation error's position counted in the pattern as the user wrote it,
    not in ``rule.regex_source`` (which wraps it in edges for block rules)."""
    source, pattern = rule.regex_source, rule.pattern
    found = _AT.search(message)
    if found is None or pattern is None:
        return message
    shift = source.find(pattern)
    if shift < 0:
        return message
    at = int(found.group(1)) - shift
    if 0 <= at <= len(pattern):
        return _AT.sub(f"(at character {at})", message)
    return _AT.sub("(at the end of the pattern)", message)


class CompiledRules(NamedTuple):
    """The rules of one combination (language, site), compiled."""

    metadata: list[Rule]
    """The metadata rules (``extract``, ``title``), in load order."""
    metadata_table: _core.MetaTable
    """Their patterns and literals, in the same order."""
    chrome: _core.ChromeTable
    replace: _core.ReplaceTable


class RuleBook:
    """Every rule of a rule set compiled once; :meth:`tables` picks a combination.

    ``like``, a book of the same rules under another time limit, lends its
    linear-time patterns: only the backtracking ones are compiled again.
    """

    def __init__(
        self, rules: Sequence[Rule], timeout: float | None, like: RuleBook | None = None
    ) -> None:
        self.rules = tuple(rules)
        self.timeout = timeout
        self.core: _core.RuleBook = _core.RuleBook(
            self.rules,
            0.0 if timeout is None else timeout,
            backtrack_limit(timeout),
            None if like is None else like.core,
        )

    def tables(self, active: Sequence[int]) -> CompiledRules:
        """The tables of the rules at ``active`` (indices into the rule set)."""
        return CompiledRules(
            [self.rules[i] for i in active if self.rules[i].action in METADATA_ACTIONS],
            self.core.metadata(list(active)),
            self.core.chrome(list(active)),
            self.core.replace(list(active)),
        )

    def check(self, indices: Sequence[int] | None = None) -> None:
        """Builds the programs of the patterns at ``indices`` (default: all) now;
        :class:`RuleError` for the first one its engine refuses. Documents build
        the programs they need on first use, so a ``Cleaner`` starts without
        paying for the rest."""
        active = list(range(len(self.rules)) if indices is None else indices)
        self.core.metadata(active).compile()
        self.core.chrome(active).compile()

    def build(self) -> None:
        """Builds the program of every pattern now, on several threads. A pattern
        its engine refuses is left for the documents that use it to report, as
        without this. Worker processes forked after it share the programs."""
        self.core.build_programs()

    def hits(self, index: int) -> Callable[[str], bool]:
        """A test of the chrome, replace or extract rule at ``index`` against a text,
        as the core runs it (prefilter and length bounds included, window aside)."""
        rule = self.rules[index]
        if rule.action == "replace":
            replace = self.core.replace([index])
            return lambda text: replace.matches(0, text) and rule.length_ok(text)
        if rule.action == "extract":
            extract = self.core.metadata([index])
            return lambda text: extract.matches(0, text) and rule.length_ok(text)
        chrome = self.core.chrome([index])
        return lambda text: chrome.matches(0, text)
