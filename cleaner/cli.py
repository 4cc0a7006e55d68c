"""The command line: ``article-cleaner clean|rules|batch``.

Exit codes: 0 done; 1 some input could not be cleaned or a rule example failed;
2 bad usage, unreadable input or an invalid rule file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__
from .document import Document
from .errors import CleanerError, RuleError


def _add_rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules", action="append", metavar="SET",
        help="rule set name or path to a .toml file or folder; repeat to combine "
             "(default: all shipped sets). 'default' stands for the shipped sets.",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="article-cleaner",
        description="Strip boilerplate from scraped news and web text: the article body, "
                    "its metadata and a record of every removal.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    clean = sub.add_parser("clean", help="clean text or HTML files (or stdin)")
    clean.add_argument("files", nargs="*", default=["-"], metavar="FILE",
                       help="files to clean; '-' or nothing reads stdin")
    clean.add_argument("--format", choices=["text", "json"], default="text")
    _add_rules_option(clean)
    clean.add_argument("--url", help="the document's URL (chooses site rule packs)")
    clean.add_argument("--html", action="store_true",
                       help="the input is HTML: extract the main text with trafilatura first")
    clean.add_argument("--mode", choices=["auto", "article", "page"], default=None,
                       help="'page' for whole-page text (menus, teasers); default auto")
    clean.add_argument("--explain", action="store_true",
                       help="after the body, list each removed piece with its rule id")
    clean.add_argument("--regex-timeout", type=float, default=None, metavar="SECONDS",
                       help="time one pattern may run on one block before the document "
                            "fails (default 2)")

    rules = sub.add_parser("rules", help="list or test rule sets")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True)
    listing = rules_sub.add_parser("list", help="list the rules of the given sets")
    _add_rules_option(listing)
    test = rules_sub.add_parser("test", help="run the examples of every rule in FILES")
    test.add_argument("files", nargs="*", metavar="FILE",
                      help="rule files or folders (default: all shipped sets)")

    try:
        from .batch import add_batch_parser
    except ImportError:  # pragma: no cover - batch support is optional
        pass
    else:
        add_batch_parser(sub)
    return parser


def _read(name: str, binary: bool) -> str | bytes:
    if name == "-":
        return sys.stdin.buffer.read() if binary else sys.stdin.read()
    with open(name, "rb" if binary else "r", **({} if binary else {"encoding": "utf-8"})) as fh:
        return fh.read()


def _explain(doc: Document, out: TextIO) -> None:
    meta = {k: v for k, v in doc.to_dict()["metadata"].items() if v}
    out.write("\n--- metadata\n")
    out.writelines(f"{key:>12}: {value}\n" for key, value in meta.items())
    out.write(f"--- removed ({len(doc.removed)})\n")
    for r in doc.removed:
        text = " ⏎ ".join(line for line in r.text.splitlines() if line.strip())
        if len(text) > 100:
            text = text[:97] + "..."
        out.write(f"[{r.rule}] {r.start}-{r.end}: {text}\n")
    out.writelines(f"warning: {warning}\n" for warning in doc.warnings)


def _run_clean(args: argparse.Namespace) -> int:
    from .pipeline import Cleaner

    if args.regex_timeout is not None and not args.regex_timeout > 0:
        print(f"article-cleaner: --regex-timeout must be more than 0, got {args.regex_timeout}",
              file=sys.stderr)
        return 2
    options = {} if args.regex_timeout is None else {"regex_timeout": args.regex_timeout}
    cleaner = Cleaner(rules=args.rules, **options)
    status = 0
    for name in args.files:
        try:
            data = _read(name, binary=args.html)
            if args.html:
                doc = cleaner.clean_html(data, url=args.url)
            else:
                doc = cleaner.clean(data, url=args.url, mode=args.mode)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"article-cleaner: {name}: cannot read: {exc}", file=sys.stderr)
            status = max(status, 2)
            continue
        except CleanerError as exc:
            print(f"article-cleaner: {name}: {exc}", file=sys.stderr)
            status = max(status, 1)
            continue
        if args.format == "json":
            record = {"file": name, **doc.to_dict()}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(doc.text + "\n")
            if args.explain:
                _explain(doc, sys.stdout)
    return status


def _run_rules(args: argparse.Namespace) -> int:
    from . import ruleset

    if args.rules_command == "list":
        rs = ruleset.load(args.rules, check_examples=False)
        for rule in rs.rules:
            scope = rule.where if rule.where == "anywhere" else f"{rule.where}:{rule.within}"
            extra = f" sites={','.join(rule.sites)}" if rule.sites else ""
            print(f"{rule.id:<28} {rule.action:<14} {scope:<10} {rule.description}{extra}")
        print(f"{len(rs.rules)} rules from {len(rs.sources)} files", file=sys.stderr)
        return 0
    rs = ruleset.load(args.files or None, check_examples=False)
    failures = 0
    examples = 0
    for rule in rs.rules:
        examples += len(rule.examples_match) + len(rule.examples_no_match)
        try:
            ruleset.check_rule_examples(rule)
        except RuleError as exc:
            failures += 1
            print(f"FAIL {exc}")
    print(f"{len(rs.rules)} rules, {examples} examples: "
          f"{len(rs.rules) - failures} passed, {failures} failed")
    return 1 if failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "clean":
            return _run_clean(args)
        if args.command == "rules":
            return _run_rules(args)
        from .batch import run_batch

        return run_batch(args)
    except RuleError as exc:
        print(f"article-cleaner: invalid rules: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
