"""Measure the block-scoring stage on the trafilatura evaluation data (text mode).

Usage (from the repository root):

    python -m bench.scoring_dev prepare      # whole-page and extracted text, cached
    python -m bench.scoring_dev eval         # F1 per half and language, false removals
    python -m bench.scoring_dev bodies       # the body sets' dev split, cached

``bodies`` caches the ``dev`` pages (bench._bodysets.split_of) of wcxb-dev,
dragnet and readability that have a true body: their whole-page text
(html-text, ``guess_layout=True``, as bench/bodies.py gives it), trafilatura's
output and the true body. bench/scoring_train.py tunes the sequence decoding
and auto mode's full-page threshold on it; the ``test`` pages are never read.

Whole-page text comes from html-text (``guess_layout=False`` and ``True`` are
both cached); extracted text from trafilatura (default and ``favor_recall``)
and from resiliparse's main-content extraction. The cache lives
outside the repository (``$SCORING_CACHE``, default ``/tmp/scoring_dev.pkl``).
The tuning half and the held-out half are split by a seeded hash of the page id.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import tomllib

from bench._evaldata import (
    DEFAULT_DATA,
    Counts,
    c4_filter,
    decode_html,
    load_items,
    read_page,
    score,
)

CACHE = Path(os.environ.get("SCORING_CACHE", "/tmp/scoring_dev.pkl"))
BODIES_CACHE = Path(os.environ.get("SCORING_BODIES_CACHE", "/tmp/scoring_bodies_dev.pkl"))
BODY_SETS = ("wcxb-dev", "dragnet", "readability")
RULES = Path(__file__).resolve().parent.parent / "rules" / "scoring.toml"


def lines_of(text: str) -> list[str]:
    """Non-empty stripped lines, as the pipeline hands them to scoring."""
    return [s for s in (line.strip() for line in text.splitlines()) if s]


def half_of(page_id: str) -> str:
    """"tune" or "held" for a page, by a stable hash of its id."""
    return "tune" if hashlib.sha1(page_id.encode()).digest()[0] % 2 == 0 else "held"


def prepare(data_dir: Path) -> None:
    """Extract whole-page and article text of every page; write the cache."""
    import html_text
    import py3langid
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    records = []
    start = time.time()
    for n, item in enumerate(load_items(data_dir)):
        html = decode_html(read_page(data_dir, item))
        flat = html_text.extract_text(html, guess_layout=False)
        layout = html_text.extract_text(html, guess_layout=True)
        try:
            extracted = trafilatura.extract(html) or ""
            recall = trafilatura.extract(html, favor_recall=True) or ""
        except Exception:  # noqa: BLE001 - a page trafilatura fails on is skipped there
            extracted = recall = ""
        main_content = extract_plain_text(HTMLTree.parse(html), main_content=True) or ""
        records.append(
            {
                "id": item.page_id,
                "with": item.with_,
                "without": item.without,
                "flat": lines_of(flat),
                "layout": lines_of(layout),
                "extracted": lines_of(extracted),
                "extracted_recall": lines_of(recall),
                "resiliparse": lines_of(main_content),
                "lang": py3langid.classify(flat)[0],
            }
        )
        if n % 100 == 0:
            print(n, f"{time.time() - start:.0f}s", file=sys.stderr)
    CACHE.write_bytes(pickle.dumps(records))


def prepare_bodies(root: Path) -> None:
    """Whole-page text, trafilatura's output and the true body of every ``dev``
    page of the body sets; write the bodies cache."""
    import html_text
    import trafilatura

    from bench._bodysets import load_set, read_html, select

    records = []
    start = time.time()
    for name in BODY_SETS:
        for page in select(load_set(root, name), "dev"):
            if not page.has_body:
                continue
            raw = read_html(root, page)
            html = decode_html(raw)
            try:
                extracted = trafilatura.extract(raw, url=page.url) or ""
            except Exception:  # noqa: BLE001 - a page trafilatura fails on has no extract
                extracted = ""
            records.append(
                {
                    "set": name,
                    "id": page.id,
                    "url": page.url,
                    "type": page.type,
                    "truth": page.text,
                    "page": html_text.extract_text(html, guess_layout=True),
                    "extracted": extracted,
                }
            )
            if len(records) % 200 == 0:
                print(len(records), f"{time.time() - start:.0f}s", file=sys.stderr)
    BODIES_CACHE.write_bytes(pickle.dumps(records))
    print(f"{len(records)} dev pages written to {BODIES_CACHE}", file=sys.stderr)


def load_settings(language: str | None = None):
    """Settings from rules/scoring.toml."""
    from cleaner.scoring import ScoringSettings

    data = tomllib.loads(RULES.read_text(encoding="utf-8"))
    return ScoringSettings.from_tables([("scoring.toml", data["scoring"])], language)


def run(
    records: Sequence[dict], system: Callable[[list[str], str | None], str], key: str = "flat"
) -> dict[str, Counts]:
    """Counts per half and per language group for one system."""
    out: dict[str, Counts] = defaultdict(Counts)
    for rec in records:
        lang = rec["lang"] if rec["lang"] in ("de", "en") else "other"
        counts = score(system(rec[key], rec["lang"]), rec["with"], rec["without"])
        for group in ("all", half_of(rec["id"]), f"lang:{lang}"):
            out[group] += counts
    return out


def report(name: str, result: dict[str, Counts]) -> None:
    for group in sorted(result):
        c = result[group]
        print(
            f"{name:12} {group:11} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}"
            f"  (n={c.total})"
        )


def _scorer(lang: str | None, cache: dict):
    """The page-scoring stage without models (the jusText classes and the hand-set
    page test) with the settings of rules/scoring.toml, per language."""
    from cleaner.page import PageScorer
    from cleaner.scoring import stoplist

    if lang not in cache:
        cache[lang] = PageScorer(load_settings(lang), stoplist(lang))
    return cache[lang]


def _blocks(lines: Sequence[str]) -> list:
    from cleaner.blocks import Block

    return [Block(0, 0, line) for line in lines]


def looks_like_page(scorer, lines: Sequence[str]) -> bool:
    """Whether the hand-set page test takes the lines for a whole page."""
    return scorer.score(_blocks(lines), "auto").page


def classify(scorer, lines: Sequence[str]) -> list[bool]:
    """Keep (True) or drop each line, by the jusText classes."""
    from cleaner.page import Decision

    verdict = scorer.score(_blocks(lines), "page")
    return [d != Decision.REMOVED for d in verdict.decisions]


def scoring_system(page_only: bool) -> Callable[[list[str], str | None], str]:
    cache: dict[str | None, object] = {}

    def system(blocks: list[str], lang: str | None) -> str:
        lang = None if lang == "unknown" else lang
        scorer = _scorer(lang, cache)
        if page_only and not looks_like_page(scorer, blocks):
            return "\n".join(blocks)
        keep = classify(scorer, blocks)
        return "\n".join(b for b, k in zip(blocks, keep) if k)

    return system


def false_removals(records: Sequence[dict]) -> None:
    """On trafilatura's extracted text: how often page is detected, share of chars dropped."""
    pages = dropped = total = docs = 0
    cache: dict[str | None, object] = {}
    for rec in records:
        blocks = rec["extracted"]
        if len(blocks) < 3:
            continue
        lang = None if rec["lang"] == "unknown" else rec["lang"]
        scorer = _scorer(lang, cache)
        docs += 1
        pages += looks_like_page(scorer, blocks)
        keep = classify(scorer, blocks)
        total += sum(map(len, blocks))
        dropped += sum(len(b) for b, k in zip(blocks, keep) if not k)
    print(
        f"extracted text: looks_like_page on {pages}/{docs} ({pages / docs:.1%});"
        f" classify drops {dropped / total:.2%} of characters"
    )


def detection(records: Sequence[dict], key: str) -> None:
    scorer = _scorer(None, {})
    hits = sum(looks_like_page(scorer, rec[key]) for rec in records if rec[key])
    print(f"whole-page text ({key}): looks_like_page on {hits}/{len(records)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["prepare", "eval", "bodies"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--key", default="layout", choices=["flat", "layout"])
    parser.add_argument("--baselines", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args.data)
        return 0
    if args.command == "bodies":
        from bench._bodysets import DEFAULT_ROOT

        prepare_bodies(args.data if args.data != DEFAULT_DATA else DEFAULT_ROOT)
        return 0
    if not CACHE.exists():
        print(f"no cache at {CACHE}: run `prepare` first", file=sys.stderr)
        return 1
    records = pickle.loads(CACHE.read_bytes())
    if args.baselines:
        report("raw", run(records, lambda b, _l: "\n".join(b), args.key))
        report("c4", run(records, lambda b, _l: c4_filter("\n".join(b)), args.key))
    start = time.time()
    report("scoring", run(records, scoring_system(False), args.key))
    took = time.time() - start
    size = sum(len("\n".join(r[args.key])) for r in records)
    print(f"classify: {size / took / 1e6:.1f} MB/s ({took:.1f}s for {size / 1e6:.1f} MB)")
    report("auto", run(records, scoring_system(True), args.key))
    detection(records, args.key)
    false_removals(records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
