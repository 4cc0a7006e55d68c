"""Parity of two builds of article-cleaner: same inputs, every output field compared.

Used when a stage moves from one implementation to another (Python to the
compiled core): dump the outputs of the old build, dump those of the new one,
compare. Nothing is timed here (bench/speed.py does that).

    python bench/parity.py inputs /tmp/parity/inputs.jsonl      # once: texts of the pages
    python bench/parity.py dump /tmp/parity/inputs.jsonl /tmp/parity/old.jsonl
    ... change the code ...
    python bench/parity.py dump /tmp/parity/inputs.jsonl /tmp/parity/new.jsonl
    python bench/parity.py compare /tmp/parity/old.jsonl /tmp/parity/new.jsonl

Inputs: every page of ``trafilatura-eval``, ``readability`` and ``postlight``
(``../shared/datasets``) as whole-page text (html-text, as a WARC/WET tool gives
it) and as trafilatura's extracted text, plus the seed texts; each is cleaned in
the three modes, and its HTML with ``clean_html`` (``--html``). A dump line holds
the body, the metadata, every removal ``(rule, start, end)`` and the warnings.
``compare`` counts the documents that differ in each field and shows the first
differences of each; its exit code is 1 when any differs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DATASETS = REPO_ROOT.parent / "shared" / "datasets"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
SETS = ("trafilatura-eval", "readability", "postlight")
MODES = ("auto", "page", "article")
FIELDS = ("text", "metadata", "removed", "warnings", "error")


def _pages() -> Iterator[tuple[str, str | None, bytes]]:
    """``(id, url, html bytes)`` of every page of the sets."""
    for name in SETS:
        folder = DATASETS / name
        if (folder / "evaldata.jsonl").is_file():
            with (folder / "evaldata.jsonl").open(encoding="utf-8") as f:
                for line in f:
                    entry = json.loads(line)
                    page = Path(entry["file"]).name.split(".")[0]
                    yield f"{name}/{page}", entry["url"], gzip.decompress(
                        (folder / entry["file"]).read_bytes()
                    )
        elif (folder / "truth.jsonl").is_file():
            with (folder / "truth.jsonl").open(encoding="utf-8") as f:
                for line in f:
                    entry = json.loads(line)
                    path = folder / "pages" / f"{entry['id']}.html.gz"
                    yield f"{name}/{entry['id']}", entry.get("url"), gzip.decompress(
                        path.read_bytes()
                    )
        else:
            sys.exit(f"data missing: {folder} (expected ../shared/datasets beside the repository)")


def make_inputs(out: Path) -> int:
    """Write one JSON line per text: id, kind (page/extracted/seed/html), url, text."""
    import html_text
    import trafilatura

    from bench.make_jsonl import decode_page

    n = 0
    with out.open("w", encoding="utf-8") as f:
        for seed in sorted(SEEDS.glob("*.txt")):
            f.write(json.dumps({"id": f"seeds/{seed.stem}", "kind": "seed", "url": None,
                                "text": seed.read_text(encoding="utf-8")}) + "\n")
            n += 1
        for page_id, url, raw in _pages():
            html = decode_page(raw)
            page = html_text.extract_text(html, guess_layout=True)
            extracted = trafilatura.extract(html, url=url) or ""
            for kind, text in (("page", page), ("extracted", extracted), ("html", html)):
                f.write(json.dumps({"id": page_id, "kind": kind, "url": url, "text": text}) + "\n")
                n += 1
    return n


def _result(doc: Any) -> dict[str, Any]:
    return {
        "text": doc.text,
        "metadata": {k: v for k, v in doc.to_dict()["metadata"].items()},
        "removed": [[r.rule, r.start, r.end] for r in doc.removed],
        "warnings": list(doc.warnings),
    }


def dump(inputs: Path, out: Path, *, html: bool, limit: int | None) -> int:
    import cleaner

    c = cleaner.Cleaner()
    n = 0
    with inputs.open(encoding="utf-8") as f, out.open("w", encoding="utf-8") as o:
        for k, line in enumerate(f):
            if limit and k >= limit:
                break
            item = json.loads(line)
            if item["kind"] == "html":
                runs = [("html", lambda item=item: c.clean_html(item["text"], url=item["url"]))] if html else []
            else:
                runs = [
                    (mode, lambda mode=mode, item=item: c.clean(item["text"], url=item["url"], mode=mode))
                    for mode in MODES
                ]
            for mode, run in runs:
                record: dict[str, Any] = {"id": item["id"], "kind": item["kind"], "mode": mode}
                try:
                    record.update(_result(run()))
                except Exception as exc:  # noqa: BLE001 - recorded and compared
                    record["error"] = f"{type(exc).__name__}: {exc}"
                o.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    return n


def _read(path: Path) -> dict[tuple[str, str, str], dict[str, Any]]:
    out = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            out[(record["id"], record["kind"], record["mode"])] = record
    return out


def compare(old: Path, new: Path, show: int) -> int:
    a, b = _read(old), _read(new)
    keys = sorted(set(a) & set(b))
    differ: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    docs = 0
    for key in keys:
        fields = [f for f in FIELDS if a[key].get(f) != b[key].get(f)]
        if fields:
            docs += 1
        for field in fields:
            differ[field] += 1
            if shown[field] < show:
                shown[field] += 1
                print(f"--- {field}: {'/'.join(key)}")
                print(f"  old: {json.dumps(a[key].get(field), ensure_ascii=False)[:600]}")
                print(f"  new: {json.dumps(b[key].get(field), ensure_ascii=False)[:600]}")
    only = len(set(a) ^ set(b))
    print(f"{len(keys)} documents compared ({only} in one dump only); {docs} differ")
    for field in FIELDS:
        print(f"  {field:9} {differ[field]:5} differ")
    return 1 if docs or only else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("inputs", help="write the input texts (needs html-text and trafilatura)")
    p.add_argument("out", type=Path)
    p = sub.add_parser("dump", help="clean every input with the installed article-cleaner")
    p.add_argument("inputs", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--html", action="store_true", help="also clean_html the pages (slow)")
    p.add_argument("--limit", type=int, help="the first N inputs only")
    p = sub.add_parser("compare", help="compare two dumps field by field")
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("--show", type=int, default=5, help="differences shown per field")
    args = parser.parse_args(argv)
    if args.command == "inputs":
        print(f"{make_inputs(args.out)} inputs written to {args.out}")
        return 0
    if args.command == "dump":
        print(f"{dump(args.inputs, args.out, html=args.html, limit=args.limit)} results "
              f"written to {args.out}")
        return 0
    return compare(args.old, args.new, args.show)


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(REPO_ROOT))
    sys.exit(main())
