"""The command line: ``article-cleaner clean|batch|rules`` (also ``python -m cleaner``).

One module per command (:mod:`~cleaner.cli.clean`, :mod:`~cleaner.cli.batch`,
:mod:`~cleaner.cli.rules`), the options they share in :mod:`~cleaner.cli.options`.

Exit codes: 0 done; 1 some input could not be cleaned (for ``batch``: more
records than ``--max-errors``) or a rule example failed; 2 bad usage,
unreadable input or an invalid rule file; 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import RuleError
from . import batch, clean, options, rules

__all__ = ["build_parser", "main"]

_COMMANDS = {"clean": clean.run, "batch": batch.run, "rules": rules.run}


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command."""
    parser = argparse.ArgumentParser(
        prog=options.PROG,
        description="Strip boilerplate from scraped news and web text: the article body, "
                    "its metadata and a record of every removal.",
        epilog="Run 'article-cleaner COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{clean,batch,rules}")
    clean.add_parser(sub)
    batch.add_parser(sub)
    rules.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return _COMMANDS[args.command](args)
    except RuleError as exc:
        options.error(f"invalid rules: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
