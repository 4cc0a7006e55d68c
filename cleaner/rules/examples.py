"""A rule's examples, run as the pipeline runs the rule: the tests of a rule file."""

from __future__ import annotations

from typing import Any

from ..errors import RuleError
from .model import Rule

EXAMPLE_TIMEOUT = 1.0
"""Seconds a rule's pattern may run on one of its examples."""


def check_rule_examples(rule: Rule, book: Any = None, index: int | None = None) -> None:
    """Raise :class:`RuleError` when an example does not behave as stated.

    Rules with a pattern run in the core, compiled in ``book`` (a
    :class:`cleaner.rules.compile.RuleBook` holding the rule at ``index``), or alone.
    """
    from ..metadata import looks_like_title  # the title rule's test is code

    if rule.action == "title":
        def hits(text: str) -> bool:
            return looks_like_title(text, rule.max_words or 30)
    elif rule.action == "remove-element":
        from ..html import selector_matches

        def hits(text: str) -> bool:
            return any(selector_matches(s, text) for s in rule.selectors)
    else:  # chrome, replace and extract rules run in the core, as at run time
        if book is None or index is None:
            from .compile import RuleBook

            book, index = RuleBook([rule], EXAMPLE_TIMEOUT), 0
        hits = book.hits(index)

    for text in rule.examples_match:
        if not hits(text):
            raise RuleError(rule.source, f"example should match but does not: {text!r}", rule.id)
    for text in rule.examples_no_match:
        if hits(text):
            raise RuleError(rule.source, f"example should not match but does: {text!r}", rule.id)
