"""What the commands share: program name, error output, rule and Config options.

``--rules``, ``--mode``, ``--regex-timeout``, ``--time-budget`` and ``--set
NAME=VALUE`` (any field of :class:`~cleaner.Config`) mean the same on ``clean``
and ``batch``; one function turns them into a :class:`~cleaner.Cleaner`.
"""

from __future__ import annotations

import argparse
import sys
import typing
from typing import TYPE_CHECKING, Any

from ..config import MODES, Config
from ..errors import ConfigError

if TYPE_CHECKING:
    from ..pipeline import Cleaner

__all__ = [
    "MODES",
    "PROG",
    "UsageError",
    "add_config_options",
    "add_quiet_option",
    "add_rules_option",
    "build_cleaner",
    "build_config",
    "error",
    "parse_setting",
]

PROG = "article-cleaner"
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


class UsageError(Exception):
    """Options that cannot work together or a value out of range: exit status 2."""


def error(message: str, command: str | None = None) -> None:
    """``article-cleaner[ COMMAND]: MESSAGE`` on stderr."""
    where = f"{PROG} {command}" if command else PROG
    sys.stderr.write(f"{where}: {message}\n")


def add_rules_option(parser: argparse.ArgumentParser) -> None:
    """``--rules SET``, repeatable."""
    parser.add_argument(
        "--rules", action="append", metavar="SET",
        help="rule set name or path to a .toml file or folder; repeat to combine "
             "(default: all shipped sets). 'default' stands for the shipped sets.",
    )


def add_quiet_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``-q/--quiet``."""
    parser.add_argument("-q", "--quiet", action="store_true", help=what)


def _settable() -> dict[str, Any]:
    """The type of every field of Config, by name."""
    return typing.get_type_hints(Config)


def add_config_options(parser: argparse.ArgumentParser, *, page_hint: str = "") -> None:
    """``--mode``, ``--regex-timeout``, ``--time-budget`` and ``--set NAME=VALUE``."""
    defaults = Config()
    parser.add_argument(
        "--mode", choices=MODES, default=None,
        help="'page' scores whole-page text (menus, teasers, footers)"
             f"{page_hint}; 'article' runs the rules only; 'auto' (default) decides per "
             "document. HTML is always cleaned as an article after extraction.",
    )
    parser.add_argument(
        "--regex-timeout", type=float, default=None, metavar="SECONDS",
        help="time one pattern may run on one block before the document fails "
             f"(default {defaults.regex_timeout:g})",
    )
    parser.add_argument(
        "--time-budget", type=float, default=None, metavar="SECONDS",
        help="time one document may take, HTML extraction included; a document past it "
             "fails (a batch reports it and goes on). Default: no limit",
    )
    names = ", ".join(_settable())
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", dest="settings",
        help="set any option of cleaner.Config, e.g. --set max_removed_share=0.95 or "
             f"--set fix_mojibake=off; repeat for several. Names: {names}",
    )


def parse_setting(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` as a Config field name and a value of that field's type.

    >>> parse_setting("max_removed_share=0.95")
    ('max_removed_share', 0.95)
    >>> parse_setting("fix_mojibake=off")
    ('fix_mojibake', False)
    >>> parse_setting("mode=pages")
    Traceback (most recent call last):
    ...
    cleaner.cli.options.UsageError: --set mode: 'pages' is not one of 'auto', 'article', 'page'
    """
    name, sep, raw = text.partition("=")
    name, raw = name.strip(), raw.strip()
    types = _settable()
    if not sep or not name:
        raise UsageError(f"--set takes NAME=VALUE, got {text!r}")
    if name not in types:
        raise UsageError(f"--set: no option {name!r}; options: {', '.join(types)}")
    kind = types[name]
    optional = [k for k in typing.get_args(kind) if k is not type(None)]
    if len(optional) == 1 and type(None) in typing.get_args(kind):  # e.g. float | None
        if raw.lower() in ("none", "off", ""):
            return name, None
        kind = optional[0]
    choices = typing.get_args(kind) if typing.get_origin(kind) is typing.Literal else None
    try:
        if choices:
            if raw not in choices:
                raise ValueError(f"{raw!r} is not one of {', '.join(map(repr, choices))}")
            return name, raw
        if kind is bool:
            if raw.lower() not in _TRUE + _FALSE:
                raise ValueError(f"{raw!r} is not on/off, true/false, yes/no or 1/0")
            return name, raw.lower() in _TRUE
        return name, kind(raw)
    except ValueError as exc:
        message = str(exc) if choices or kind is bool else f"{raw!r} is not a {kind.__name__}"
        raise UsageError(f"--set {name}: {message}") from None


def build_config(args: argparse.Namespace) -> Config:
    """The Config the options ask for (``--set`` first, then ``--mode``,
    ``--regex-timeout``, ``--time-budget``);
    :class:`UsageError` when a value is out of range."""
    values: dict[str, Any] = dict(parse_setting(text) for text in getattr(args, "settings", []))
    if getattr(args, "mode", None) is not None:
        values["mode"] = args.mode
    if getattr(args, "regex_timeout", None) is not None:
        values["regex_timeout"] = args.regex_timeout
    if getattr(args, "time_budget", None) is not None:
        values["time_budget"] = args.time_budget
    try:
        return Config(**values)
    except ConfigError as exc:  # Config checks every value when built
        raise UsageError(str(exc)) from None


def build_cleaner(args: argparse.Namespace) -> Cleaner:
    """The Cleaner of ``--rules`` and the Config options (RuleError for a bad rule file)."""
    from ..pipeline import Cleaner

    return Cleaner(rules=args.rules or None, config=build_config(args))
