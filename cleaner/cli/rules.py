"""``article-cleaner rules list|test``: the rules of the given sets, and their examples run."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING, Any

from ..errors import RuleError
from . import options

if TYPE_CHECKING:
    from ..rules import Rule

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``rules`` and its subcommands to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "rules", help="list or test rule sets",
        description="List the rules of rule sets, or run the examples of every rule.",
    )
    sub = parser.add_subparsers(dest="rules_command", metavar="{list,test}")
    listing = sub.add_parser("list", help="list the rules of the given sets",
                             description="One line per rule: id, action, where, description.")
    options.add_rules_option(listing)
    test = sub.add_parser(
        "test", help="run the examples of every rule in FILES",
        description="Run every rule's examples (examples.match must match, "
                    "examples.no_match must not); exit 1 when one fails.",
    )
    test.add_argument("files", nargs="*", metavar="FILE",
                      help="rule files or folders (default: all shipped sets)")
    parser.set_defaults(rules_parser=parser)
    return parser


def _list(args: argparse.Namespace) -> int:
    from ..rules import load

    loaded = load(args.rules, check_examples=False)
    for rule in loaded.rules:
        scope = rule.where if rule.where == "anywhere" else f"{rule.where}:{rule.within}"
        extra = f" sites={','.join(rule.sites)}" if rule.sites else ""
        print(f"{rule.id:<28} {rule.action:<14} {scope:<10} {rule.description}{extra}")
    print(f"{len(loaded.rules)} rules from {len(loaded.sources)} files", file=sys.stderr)
    return 0


def _failures(rule: Rule) -> list[str]:
    """Why each failing example of ``rule`` fails (one message per example)."""
    from ..rules import check_rule_examples

    try:
        check_rule_examples(rule)
    except RuleError as exc:
        whole = str(exc)
    else:
        return []
    found = []  # check each example alone, to report every failing one
    alone = [dataclasses.replace(rule, examples_match=(text,), examples_no_match=())
             for text in rule.examples_match]
    alone += [dataclasses.replace(rule, examples_match=(), examples_no_match=(text,))
              for text in rule.examples_no_match]
    for single in alone:
        try:
            check_rule_examples(single)
        except RuleError as exc:
            found.append(str(exc))
    return found or [whole]


def _test(args: argparse.Namespace) -> int:
    from ..errors import RuleError
    from ..pipeline import Cleaner
    from ..rules import EXAMPLE_TIMEOUT, load

    loaded = load(args.files or None, check_examples=False)
    try:  # settings tables ([scoring], [typography], [news], models): as a Cleaner checks them
        Cleaner.check_settings(loaded)
        loaded.compiled(EXAMPLE_TIMEOUT).check()  # every pattern's program
    except RuleError as exc:
        print(f"FAIL {exc}")
        return 1
    examples = failed = failed_rules = 0
    for rule in loaded.rules:
        examples += len(rule.examples_match) + len(rule.examples_no_match)
        problems = _failures(rule)
        for problem in problems:
            print(f"FAIL {problem}")
        failed += len(problems)
        failed_rules += bool(problems)
    where = f" (in {failed_rules} rule{'s' if failed_rules > 1 else ''})" if failed else ""
    print(f"{len(loaded.rules)} rules, {examples} examples: "
          f"{examples - failed} examples passed, {failed} failed{where}")
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    """``rules list`` or ``rules test``; ``rules`` alone prints its help."""
    if args.rules_command == "list":
        return _list(args)
    if args.rules_command == "test":
        return _test(args)
    args.rules_parser.print_help()
    return 0
