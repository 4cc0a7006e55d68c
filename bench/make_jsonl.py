"""Write a large JSONL of whole-page records for ``article-cleaner batch``.

The pages of trafilatura's evaluation set (``../shared/datasets/trafilatura-eval``)
are repeated until the output reaches ``--size``. In text mode each record holds
the page's whole-page plain text (html-text, as a WARC/WET tool would give it);
in html mode the page's HTML. Every record gets a unique id ``<round>-<page>``.

    python bench/make_jsonl.py /tmp/pages-1g.jsonl --size 1G
    python bench/make_jsonl.py /tmp/pages-html.jsonl.gz --size 200M --mode html

The output must lie outside the repository. Missing data: a message and exit 2.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "datasets" / "trafilatura-eval"
_UNITS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9}


class DataMissing(Exception):
    """The evaluation data is not where it was looked for."""


def parse_size(text: str) -> int:
    """Bytes from ``"1G"``, ``"200M"``, ``"5000"`` (decimal units).

    >>> parse_size("1.5M")
    1500000
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)B?\s*", text.upper())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 500M, 1G)")
    return int(float(match.group(1)) * _UNITS[match.group(2)])


def decode_page(data: bytes) -> str:
    """The page as text: UTF-8 when it decodes, else its declared charset, else cp1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"""charset=["']?([A-Za-z0-9_.:-]+)""", data[:4096])
    for encoding in (declared.group(1).decode("ascii") if declared else None, "cp1252"):
        if encoding:
            try:
                return data.decode(encoding, errors="replace")
            except LookupError:
                continue
    return data.decode("utf-8", errors="replace")


def load_pages(data_dir: Path, limit: int | None = None) -> list[dict[str, str]]:
    """``{"id", "url", "html"}`` of every page of the evaluation set, in file order."""
    index = data_dir / "evaldata.jsonl"
    if not index.is_file():
        raise DataMissing(
            f"evaluation data not found: {index} is missing "
            "(expected trafilatura-eval beside the repository, or give --data)"
        )
    pages = []
    with index.open(encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            path = data_dir / entry["file"]
            try:
                html = decode_page(gzip.decompress(path.read_bytes()))
            except OSError as exc:
                raise DataMissing(f"cannot read page {path}: {exc}") from exc
            page_id = Path(entry["file"]).name.split(".")[0]
            pages.append({"id": page_id, "url": entry["url"], "html": html})
            if limit and len(pages) >= limit:
                break
    return pages


def page_text(html: str) -> str:
    """Whole-page plain text of an HTML page, as html-text gives it (layout kept)."""
    import html_text

    return html_text.extract_text(html, guess_layout=True)


def page_records(pages: list[dict[str, str]], mode: str) -> list[dict[str, str]]:
    """One record per page: ``id``, ``url`` and ``text`` (text mode) or ``html``."""
    if mode == "html":
        return [{"id": p["id"], "url": p["url"], "html": p["html"]} for p in pages]
    return [{"id": p["id"], "url": p["url"], "text": page_text(p["html"])} for p in pages]


def repeated_lines(records: list[dict[str, str]], size: int) -> Iterator[bytes]:
    """JSONL lines of ``records``, repeated in rounds, until ``size`` bytes are given."""
    written = 0
    round_number = 0
    while written < size:
        for record in records:
            line = (
                json.dumps({**record, "id": f"{round_number}-{record['id']}"}, ensure_ascii=False)
                + "\n"
            ).encode("utf-8")
            yield line
            written += len(line)
            if written >= size:
                return
        round_number += 1


def open_output(path: Path) -> IO[bytes]:
    """``path`` for writing, gzip when it ends in ``.gz``."""
    return gzip.open(path, "wb", compresslevel=3) if path.suffix == ".gz" else path.open("wb")


def write_jsonl(records: list[dict[str, str]], output: Path, size: int) -> tuple[int, int]:
    """Write ``records`` repeated to ``size`` bytes; ``(records, bytes)`` written."""
    count = total = 0
    with open_output(output) as f:
        for line in repeated_lines(records, size):
            f.write(line)
            count += 1
            total += len(line)
    return count, total


def _inside_repo(path: Path) -> bool:
    """Whether ``path`` would be written inside this repository."""
    try:
        path.resolve().relative_to(REPO_ROOT)
    except ValueError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="JSONL file to write (.gz: gzip)")
    parser.add_argument("--size", type=parse_size, default="1G", help="target size (default 1G)")
    parser.add_argument("--mode", choices=("text", "html"), default="text")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="trafilatura-eval folder")
    parser.add_argument("--limit", type=int, default=None, help="use the first N pages only")
    args = parser.parse_args(argv)
    if _inside_repo(args.output):
        parser.error(f"{args.output} is inside the repository; write it elsewhere, e.g. /tmp")
    try:
        pages = load_pages(args.data, args.limit)
    except DataMissing as exc:
        print(f"make_jsonl: {exc}", file=sys.stderr)
        return 2
    count, total = write_jsonl(page_records(pages, args.mode), args.output, args.size)
    print(f"{args.output}: {count:,} records, {total / 1e6:,.1f} MB of JSONL ({len(pages)} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
