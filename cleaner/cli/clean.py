"""``article-cleaner clean``: clean files or stdin, print the body (or JSON).

Several files in text format are printed as ``head`` prints them: each after a
header ``==> NAME <==``, with a blank line between. Warnings (the removal guard
kept a document whole, ...) go to stderr unless ``--quiet``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import CleanerError
from . import options
from .sources import Kind, Source, check_encoding, display_name, read_source

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Cleaner

__all__ = ["add_parser", "run"]

_EXPLAIN_WIDTH = 100


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``clean`` to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "clean",
        help="clean text or HTML files (or stdin)",
        description="Clean text or HTML files, or stdin, and print the article body "
                    "(or a JSON record per file). Files may be gzip-compressed and in "
                    "any encoding. An input is taken for HTML by its name (.html, .htm) "
                    "or markup near its start (a doctype, <html, <body), and its main "
                    "text is extracted first; --text or --html decide instead.",
    )
    parser.add_argument("files", nargs="*", default=["-"], metavar="FILE",
                        help="files to clean; '-' or nothing reads stdin")
    parser.add_argument(
        "--format", choices=["text", "json"], default="text",
        help="'text' (default): the body, under a '==> FILE <==' header when there are "
             "several files; 'json': one JSON record per file with the body, metadata, "
             "removals and warnings",
    )
    options.add_rules_option(parser)
    parser.add_argument("--url", help="the document's URL (chooses site rule packs)")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--html", dest="kind", action="store_const", const="html",
                      help="the input is HTML: extract the main text with trafilatura first")
    kind.add_argument("--text", dest="kind", action="store_const", const="text",
                      help="the input is text, even if it looks like HTML")
    parser.add_argument(
        "--encoding", metavar="NAME",
        help="decode the input with this encoding (default: byte-order mark, UTF-8, "
             "a declared charset, then detection)",
    )
    options.add_config_options(parser)
    parser.add_argument("--explain", action="store_true",
                        help="after each body, list the metadata and each removed piece "
                             "with its rule id")
    options.add_quiet_option(parser, "no notes or warnings on stderr (errors still show)")
    return parser


def explain(doc: Document, out: TextIO) -> None:
    """The metadata found and every removal with its rule id."""
    meta = {key: value for key, value in doc.to_dict()["metadata"].items() if value}
    out.write("\n--- metadata\n")
    out.writelines(f"{key:>12}: {value}\n" for key, value in meta.items())
    out.write(f"--- removed ({len(doc.removed)})\n")
    for removal in doc.removed:
        text = " ⏎ ".join(line for line in removal.text.splitlines() if line.strip())
        if len(text) > _EXPLAIN_WIDTH:
            text = text[: _EXPLAIN_WIDTH - 3] + "..."
        out.write(f"[{removal.rule}] {removal.start}-{removal.end}: {text}\n")


def _clean(cleaner: Cleaner, source: Source, url: str | None) -> Document:
    if source.kind == "html":
        return cleaner.clean_html(source.text, url=url)
    return cleaner.clean(source.text, url=url)


def _read(name: str, kind: Kind | None, encoding: str | None) -> Source | int:
    """The source, or the exit status of a failure already reported."""
    label = display_name(name)
    try:
        return read_source(name, kind=kind, encoding=encoding)
    except OSError as exc:
        options.error(f"{label}: cannot read: {exc.strerror or exc}")
        return 2
    except UnicodeDecodeError as exc:
        options.error(
            f"{label}: not valid {exc.encoding}: byte 0x{exc.object[exc.start]:02x} at "
            f"{exc.start}; try another --encoding, or none to detect it"
        )
        return 2
    except CleanerError as exc:  # binary data
        options.error(f"{label}: {exc}")
        return 1


def run(args: argparse.Namespace) -> int:
    """Clean every file; 0 done, 1 a file could not be cleaned, 2 bad usage or unreadable."""
    try:
        encoding = check_encoding(args.encoding) if args.encoding else None
        cleaner = options.build_cleaner(args)
    except (options.UsageError, ValueError) as exc:
        options.error(f"error: {exc}", "clean")
        return 2
    status = 0
    headers = args.format == "text" and len(args.files) > 1
    shown = 0
    for name in args.files:
        source = _read(name, args.kind, encoding)
        if isinstance(source, int):
            status = max(status, source)
            continue
        label = display_name(name)
        if source.guessed and not args.quiet:
            options.error(f"{label}: read as HTML ({source.guessed}); --text to clean it as text")
        try:
            doc = _clean(cleaner, source, args.url)
        except CleanerError as exc:
            options.error(f"{label}: {exc}")
            status = max(status, 1)
            continue
        if not args.quiet:
            for warning in doc.warnings:
                options.error(f"{label}: warning: {warning}")
        out = sys.stdout
        if args.format == "json":
            record = {"file": name, "html": source.kind == "html", **doc.to_dict()}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        if headers:
            out.write(("\n" if shown else "") + f"==> {label} <==\n")
        out.write(doc.text + "\n")
        if args.explain:
            explain(doc, out)
        shown += 1
    return status
