"""Where the time of ``Cleaner.clean`` goes, stage by stage, on real texts.

    python bench/stages.py                       # whole-page texts, page mode
    python bench/stages.py --kind extracted --mode auto --limit 500

Texts are the whole-page text (html-text) or trafilatura's extraction of the
pages of ``../shared/datasets/trafilatura-eval``. The script first times the
texts without a profiler (ms a document), then once under cProfile and prints
the cumulative time a document of every function of the package that takes
at least ``--min-ms`` (calls into the compiled core show as the Python
function that makes them). The profiler adds its own cost to Python-heavy
stages, so read the second table for shares, the first for the total.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_jsonl import DEFAULT_DATA, DataMissing, load_pages, page_text


def texts_of(pages: list[dict[str, str]], kind: str) -> list[str]:
    if kind == "page":
        return [page_text(p["html"]) for p in pages]
    import trafilatura

    return [t for p in pages if (t := trafilatura.extract(p["html"], url=p["url"]))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--kind", choices=("page", "extracted"), default="page")
    parser.add_argument("--mode", choices=("auto", "page", "article"), default="page")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--min-ms", type=float, default=0.05)
    args = parser.parse_args(argv)
    try:
        pages = load_pages(args.data, args.limit)
    except DataMissing as exc:
        print(f"profile: {exc}", file=sys.stderr)
        return 2
    import cleaner

    texts = texts_of(pages, args.kind)
    c = cleaner.Cleaner()
    for text in texts[:5]:
        c.clean(text, mode=args.mode)
    began = time.perf_counter()
    for text in texts:
        c.clean(text, mode=args.mode)
    wall = (time.perf_counter() - began) / len(texts) * 1000
    kb = sum(len(t) for t in texts) / len(texts) / 1000
    print(f"{args.kind} texts ({kb:.1f} K characters on average), mode={args.mode}: "
          f"{len(texts)} documents, {wall:.2f} ms a document without the profiler")
    profile = cProfile.Profile()
    profile.enable()
    for text in texts:
        c.clean(text, mode=args.mode)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    rows = []
    for (path, _line, func), (_cc, calls, _tt, cumulative, _callers) in stats.items():
        if f"{Path('cleaner')}" not in path and not func.startswith("<method"):
            continue
        if "cleaner" not in path and "_core" not in func:
            continue
        ms = cumulative / len(texts) * 1000
        if ms >= args.min_ms:
            rows.append((ms, f"{Path(path).name}:{func}", calls / len(texts)))
    print(f"{'ms/doc':>8}  {'calls/doc':>9}  function (under the profiler)")
    for ms, name, calls in sorted(rows, reverse=True):
        print(f"{ms:8.2f}  {calls:9.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
