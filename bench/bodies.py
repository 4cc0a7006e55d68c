"""Article bodies and metadata of article-cleaner against trafilatura, on four annotated sets.

Runs every row on the same pages of wcxb-dev, dragnet, readability and
postlight in one pass and prints one table per set: word-bag precision,
recall and F1, 4-word shingle F1, title, authors and date accuracy, docs/s,
and the ratios of F1 and docs/s to trafilatura. The report is on the held-out
``test`` half of every set unless ``--split`` says otherwise.

    python bench/bodies.py [--sets wcxb-dev,dragnet] [--split dev|test|all] [--limit N]
                           [--jobs N] [--json PATH] [--per-page PATH] [--types article]

See bench/README.md for the split, the scoring and what each row means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script: make ``bench`` importable from the repository root.
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from bench._bodysets import (
    DEFAULT_ROOT,
    SETS,
    SPLITS,
    Page,
    authors_match,
    bag_scores,
    date_match,
    load_set,
    read_html,
    select,
    shingle_scores,
    split_authors,
    title_match,
)
from bench._evaldata import DataMissing, c4_filter, decode_html
from bench.quality import _dist_version, _git_commit, _load, _num, rate, time_limit

BASELINE = "traf"
FIELDS = ("title", "authors", "date")
MIN_LANG_PAGES = 30  # a non-English language with more pages than this gets its own table


# --------------------------------------------------------------------------
# Rows


@dataclass(frozen=True)
class Row:
    """A row of the tables.

    ``upstream`` names the row whose output this one takes as input (its time
    is added, so docs/s is measured from the raw bytes); ``meta`` says whether
    the row's metadata is scored.
    """

    key: str
    label: str
    group: str
    upstream: str | None = None
    meta: bool = False


GROUPS = {
    "html": "HTML in",
    "text": "whole-page text in (html-text)",
    "post": "trafilatura's text through cleaner.clean (body only)",
}

ROWS: tuple[Row, ...] = (
    Row("traf", "trafilatura", "html", meta=True),
    Row("clean_html", "cleaner.clean_html", "html", meta=True),
    Row("htmltext", "html-text, no cleaning", "text", "decode"),
    Row("htmltext_c4", "html-text + C4 line filter", "text", "htmltext"),
    Row("htmltext_page", "html-text + clean, page", "text", "htmltext", meta=True),
    Row("htmltext_auto", "html-text + clean, auto", "text", "htmltext", meta=True),
    Row("traf_article", "trafilatura + clean, article", "post", "traf"),
    Row("traf_auto", "trafilatura + clean, auto", "post", "traf"),
)
ROW_BY_KEY = {r.key: r for r in ROWS}
# The row whose cleaner metadata gives a page's language (the raw page text, cleaned).
LANGUAGE_ROW = "htmltext_auto"


@dataclass(frozen=True)
class Output:
    """What a row gives for one page: a body and, for some rows, metadata."""

    text: str | None
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    language: str | None = None


def _from_document(doc: Any) -> Output:
    m = doc.metadata
    return Output(doc.text, m.title, tuple(m.authors), m.date, m.language)


class Runner:
    """Runs every row on a page and scores the outputs."""

    def __init__(self, timeout: float) -> None:
        import html_text
        import trafilatura

        import cleaner

        self.timeout = timeout
        self._turn = 0
        self._cleaner = cleaner
        self._html_text = html_text
        self._trafilatura = trafilatura

    def _extract(self, key: str, raw: bytes, html: str, url: str | None,
                 upstream: Output | None) -> Output:
        clean = self._cleaner.clean
        if key == "traf":
            doc = self._trafilatura.bare_extraction(raw, url=url, with_metadata=True)
            if doc is None:
                return Output(None)
            get = doc.get if isinstance(doc, dict) else lambda name: getattr(doc, name, None)
            return Output(get("text"), get("title"), tuple(split_authors(get("author"))),
                          get("date"))
        if key == "clean_html":
            return _from_document(self._cleaner.clean_html(raw, url=url))
        if key == "htmltext":
            return Output(self._html_text.extract_text(html, guess_layout=True))
        assert upstream is not None and upstream.text is not None
        if key == "htmltext_c4":
            return Output(c4_filter(upstream.text))
        if key == "htmltext_page":
            return _from_document(clean(upstream.text, url=url, mode="page"))
        if key == "htmltext_auto":
            return _from_document(clean(upstream.text, url=url, mode="auto"))
        if key == "traf_article":
            return _from_document(clean(upstream.text, url=url, mode="article"))
        if key == "traf_auto":
            return _from_document(clean(upstream.text, url=url, mode="auto"))
        raise KeyError(key)

    def run(self, page: Page, raw: bytes) -> PageResult:
        start = time.perf_counter()
        html = decode_html(raw)
        decode_seconds = time.perf_counter() - start
        outputs: dict[str, Output] = {}
        outcomes: dict[str, Outcome] = {}
        for row in self._order():
            output, seconds, error, skipped = self._run_one(row, raw, html, page.url, outputs)
            outputs[row.key] = output
            outcomes[row.key] = score_output(page, row, output, seconds, error, skipped)
        language = outputs[LANGUAGE_ROW].language or "unknown"
        return PageResult(page.dataset, page.id, page.type, page.split, language,
                          decode_seconds, outcomes)

    def _order(self) -> list[Row]:
        """The rows in running order: the two HTML rows take turns going first.

        Both run trafilatura, whose caches (htmldate's date strings among them)
        make the second run on a page cheaper; taking turns shares that out.
        """
        self._turn += 1
        rows = list(ROWS)
        if self._turn % 2 == 0:
            rows[0], rows[1] = rows[1], rows[0]
        return rows

    def _run_one(self, row: Row, raw: bytes, html: str, url: str | None,
                 outputs: dict[str, Output]) -> tuple[Output, float, str | None, bool]:
        upstream = outputs.get(row.upstream) if row.upstream else None
        if row.upstream in outputs and not (upstream and (upstream.text or "").strip()):
            # Nothing to clean: the row gives nothing too.
            return Output(None), 0.0, None, True
        start = time.perf_counter()
        try:
            with time_limit(self.timeout):
                output = self._extract(row.key, raw, html, url, upstream)
            error = None
        except Exception as exc:  # noqa: BLE001 - one failure is counted, not fatal
            output, error = Output(None), f"{type(exc).__name__}: {exc}"[:300]
        seconds = time.perf_counter() - start
        if output.text is not None and not isinstance(output.text, str):
            output, error = Output(None), f"returned {type(output.text).__name__}, not str"
        return output, seconds, error, False


# --------------------------------------------------------------------------
# Scoring one page


@dataclass
class Outcome:
    """What one row did on one page, scored."""

    seconds: float  # this row's own step
    error: str | None
    skipped: bool  # its input was empty, so it did not run
    empty: bool  # no words in the output
    body: dict[str, float] | None  # precision, recall, f1, shingle_f1 (alt_f1 on dragnet)
    meta: dict[str, dict[str, Any]]  # field -> predicted, truth, ok (and ok_1d for dates)


def score_output(page: Page, row: Row, output: Output, seconds: float, error: str | None,
                 skipped: bool) -> Outcome:
    body = None
    if page.has_body:
        bag = bag_scores(output.text, page.text)
        body = {"precision": bag.precision, "recall": bag.recall, "f1": bag.f1,
                "shingle_f1": shingle_scores(output.text, page.text).f1}
        if page.text_alt:
            body["alt_f1"] = bag_scores(output.text, page.text_alt).f1
    meta: dict[str, dict[str, Any]] = {}
    if row.meta:
        if page.has("title"):
            meta["title"] = {"predicted": output.title, "truth": page.title,
                             "ok": title_match(output.title, page.title)}
        if page.has("authors"):
            meta["authors"] = {"predicted": list(output.authors), "truth": list(page.authors),
                               "ok": authors_match(output.authors, page.authors)}
        if page.has("date"):
            meta["date"] = {"predicted": output.date, "truth": page.date,
                            "ok": date_match(output.date, page.date),
                            "ok_1d": date_match(output.date, page.date, tolerance_days=1)}
    empty = not (output.text or "").strip()
    return Outcome(seconds, error, skipped, empty, body, meta)


@dataclass
class PageResult:
    dataset: str
    id: str
    type: str | None
    split: str
    language: str
    decode_seconds: float
    outcomes: dict[str, Outcome]


# --------------------------------------------------------------------------
# Running all pages


_WORKER: dict[str, Any] = {}


def _init_worker(root: str, timeout: float, warm: list[Page]) -> None:
    runner = Runner(timeout)
    for page in warm:
        runner.run(page, read_html(Path(root), page))
    _WORKER.update(runner=runner, root=Path(root))


def _work(page: Page) -> PageResult:
    try:
        raw = read_html(_WORKER["root"], page)
    except OSError as exc:
        error = f"page unreadable: {type(exc).__name__}: {exc}"
        outcomes = {r.key: score_output(page, r, Output(None), 0.0, error, False) for r in ROWS}
        return PageResult(page.dataset, page.id, page.type, page.split, "unknown", 0.0, outcomes)
    return _WORKER["runner"].run(page, raw)


def run_all(pages: list[Page], root: Path, timeout: float, jobs: int) -> Iterator[PageResult]:
    """Results page by page, in the order of ``pages``.

    Every row runs on the first page of each set before timing starts, so
    imports and rule compiling are not charged to the measured pages.
    """
    firsts = {page.dataset: page for page in reversed(pages)}
    init = (str(root), timeout, list(firsts.values()))
    if jobs <= 1:
        _init_worker(*init)
        yield from map(_work, pages)
        return
    import multiprocessing

    with multiprocessing.Pool(jobs, initializer=_init_worker, initargs=init) as pool:
        yield from pool.imap(_work, pages, chunksize=4)


# --------------------------------------------------------------------------
# Summaries


def pipeline_seconds(key: str, result: PageResult) -> float:
    """Time from the raw bytes to this row's output on one page."""
    if key == "decode":
        return result.decode_seconds
    row = ROW_BY_KEY[key]
    own = result.outcomes[key].seconds
    return own + (pipeline_seconds(row.upstream, result) if row.upstream else 0.0)


@dataclass
class Tally:
    """Sums of one row over a group of pages."""

    docs: int = 0
    seconds: float = 0.0
    body_docs: int = 0
    sums: Counter[str] = field(default_factory=Counter)
    empty: int = 0
    meta_n: Counter[str] = field(default_factory=Counter)
    meta_ok: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, result: PageResult, key: str) -> None:
        o = result.outcomes[key]
        self.docs += 1
        self.seconds += pipeline_seconds(key, result)
        if o.error:
            self.errors.append({"page": result.id, "error": o.error})
        if o.body is not None:
            self.body_docs += 1
            self.sums.update(o.body)
            self.empty += o.empty
        for name, m in o.meta.items():
            self.meta_n[name] += 1
            self.meta_ok[name] += m["ok"]
            if name == "date":
                self.meta_n["date_1d"] += 1
                self.meta_ok["date_1d"] += m["ok_1d"]

    def figures(self, base: Tally | None) -> dict[str, Any]:
        body = {k: v / self.body_docs for k, v in self.sums.items()} if self.body_docs else {}
        meta = {
            name: {"n": n, "right": self.meta_ok[name], "accuracy": self.meta_ok[name] / n}
            for name, n in self.meta_n.items()
        }
        docs_per_s = rate(self.docs, self.seconds)
        f1_ratio = speed_ratio = None
        if base is not None:
            base_f1 = base.sums["f1"] / base.body_docs if base.body_docs else 0.0
            if body and base_f1:
                f1_ratio = body["f1"] / base_f1
            base_speed = rate(base.docs, base.seconds)
            speed_ratio = docs_per_s / base_speed if base_speed else None
        return {
            "docs": self.docs, "body_docs": self.body_docs, "empty_outputs": self.empty,
            "precision": body.get("precision"), "recall": body.get("recall"),
            "f1": body.get("f1"), "shingle_f1": body.get("shingle_f1"),
            "alt_f1": body.get("alt_f1"), "metadata": meta,
            "seconds": self.seconds, "docs_per_s": docs_per_s,
            "f1_ratio": f1_ratio, "speed_ratio": speed_ratio,
            "errors": len(self.errors), "error_pages": self.errors,
        }


def group_figures(results: list[PageResult]) -> dict[str, Any]:
    """The figures of every row over ``results``, with page and truth counts."""
    tallies = {r.key: Tally() for r in ROWS}
    for result in results:
        for key, t in tallies.items():
            t.add(result, key)
    base = tallies[BASELINE]
    truth_n = {name: base.meta_n[name] for name in FIELDS}
    return {
        "pages": len(results),
        "body_pages": base.body_docs,
        "truth_fields": truth_n,
        "rows": {key: t.figures(base) for key, t in tallies.items()},
    }


def set_report(results: list[PageResult]) -> dict[str, Any]:
    """One set: all its pages, per page type (where typed), per language (where many)."""
    report = group_figures(results)
    types = sorted({r.type for r in results if r.type})
    if types:
        report["types"] = {
            t: group_figures([r for r in results if r.type == t]) for t in types
        }
    languages = Counter(r.language for r in results)
    report["languages_detected"] = dict(languages.most_common())
    big = [lang for lang, n in languages.most_common()
           if n > MIN_LANG_PAGES and lang not in ("en", "unknown")]
    if big:
        report["languages"] = {
            lang: group_figures([r for r in results if r.language == lang])
            for lang in ["en", *big] if languages[lang]
        }
    return report


# --------------------------------------------------------------------------
# Printing


def _meta_cell(f: dict[str, Any], name: str) -> str:
    m = f["metadata"].get(name)
    return _num(m and m["accuracy"])


def _extra_columns(name: str, report: dict[str, Any]) -> list[tuple[str, Callable[..., str]]]:
    """Columns only some sets have: F1 against body + comments, dates a day apart."""
    columns: list[tuple[str, Callable[..., str]]] = []
    if report["rows"][BASELINE]["alt_f1"] is not None:
        columns.append(("F1+c", lambda f: _num(f["alt_f1"])))
    if name == "postlight":
        columns.append(("date±1", lambda f: _meta_cell(f, "date_1d")))
    return columns


def print_set(name: str, report: dict[str, Any], heading: str) -> None:
    n = report["truth_fields"]
    print(
        f"\n== {heading}: {report['pages']} pages, {report['body_pages']} with body truth; "
        f"metadata truth: title {n['title']}, authors {n['authors']}, date {n['date']}"
    )
    extra = _extra_columns(name, report)
    header = (
        f"{'row':<30} {'prec':>5} {'recall':>6} {'F1':>5} {'sh.F1':>5} {'F1 x':>5} "
        f"{'title':>5} {'auth':>5} {'date':>5}"
        + "".join(f" {title:>6}" for title, _ in extra)
        + f" {'docs/s':>7} {'speed x':>7} {'empty':>5} {'err':>4}"
    )
    print(header)
    print("-" * len(header))
    for group, title in GROUPS.items():
        print(f"[{title}]")
        for row in ROWS:
            if row.group != group:
                continue
            f = report["rows"][row.key]
            print(
                f"{row.label:<30} {_num(f['precision']):>5} {_num(f['recall']):>6} "
                f"{_num(f['f1']):>5} {_num(f['shingle_f1']):>5} {_num(f['f1_ratio'], '.2f'):>5} "
                f"{_meta_cell(f, 'title'):>5} {_meta_cell(f, 'authors'):>5} "
                f"{_meta_cell(f, 'date'):>5}"
                + "".join(f" {cell(f):>6}" for _, cell in extra)
                + f" {f['docs_per_s']:>7.1f} {_num(f['speed_ratio'], '.2f'):>7} "
                f"{f['empty_outputs'] if f['body_docs'] else '-':>5} {f['errors']:>4}"
            )
    for title, _ in extra:
        print(EXTRA_NOTES[title])


EXTRA_NOTES = {
    "F1+c": "F1+c: word-bag F1 against the body plus its comments (text_alt)",
    "date±1": "date±1: the day may differ by one (postlight's truth dates are UTC)",
}


def print_breakdown(title: str, groups: dict[str, dict[str, Any]], keys: list[str],
                    metric: str = "f1") -> None:
    """One figure (body F1 by default) per row and group: types or languages.

    The count beside each group is of the pages the figure is computed on; group
    names are cut to 8 characters and rows without a figure left out.
    """
    print(f"\n{title}")
    heads = [f"{k[:8]} ({_base_count(groups[k], metric)})" for k in keys]
    widths = [max(6, len(h)) + 2 for h in heads]
    head = f"{'row':<30}" + "".join(f"{h:>{w}}" for h, w in zip(heads, widths))
    print(head)
    print("-" * len(head))
    for row in ROWS:
        cells = [groups[k]["rows"][row.key][metric] for k in keys]
        if all(c is None for c in cells):
            continue
        print(f"{row.label:<30}" + "".join(f"{_num(c):>{w}}" for c, w in zip(cells, widths)))


def _base_count(group: dict[str, Any], metric: str) -> int:
    if metric == "title_accuracy":
        return int(group["truth_fields"]["title"])
    return int(group["body_pages"])


def print_errors(sets: dict[str, Any], shown: int = 3) -> None:
    lines = []
    for name, report in sets.items():
        for key, f in report["rows"].items():
            for e in f["error_pages"][:shown]:
                lines.append(f"  {name} {ROW_BY_KEY[key].label}: {e['page']}: {e['error']}")
            if len(f["error_pages"]) > shown:
                lines.append(f"  {name} {ROW_BY_KEY[key].label}: ... "
                             f"{len(f['error_pages']) - shown} more")
    if lines:
        print("\nErrors (counted as empty output):")
        print("\n".join(lines))


def print_types(name: str, types: dict[str, Any], split: str) -> None:
    """The article pages in full, then body F1 and title accuracy per page type."""
    if len(types) < 2:
        return
    if "article" in types:
        print_set(name, types["article"], f"{name} [{split}], type article")
    order = sorted(types, key=lambda t: -types[t]["pages"])
    print_breakdown(f"{name} [{split}]: body F1 per page type", types, order)
    with_titles = [t for t in order if types[t]["truth_fields"]["title"]]
    print_breakdown(f"{name} [{split}]: title accuracy per page type", types, with_titles,
                    "title_accuracy")


def print_report(report: dict[str, Any]) -> None:
    v = report["versions"]
    split = report["split"]
    what = {
        "test": "the held-out test half of every set (the default; fit nothing on it)",
        "dev": "the dev half of every set (the half to fit on; figures here flatter)",
        "all": "every page, dev and test halves together",
    }[split]
    print(f"Split: {split}: {what}")
    print(
        f"{report['pages']} pages from {report['data']} ({', '.join(report['sets'])}); "
        f"trafilatura {v['trafilatura']}, cleaner {v['cleaner']} (commit "
        f"{v['repository_commit']}), html-text {v['html-text']}; jobs {report['jobs']}"
        + (f"; page types {', '.join(report['types'])} only" if report["types"] else "")
    )
    for name, s in report["sets"].items():
        print_set(name, s, f"{name} [{split}]")
        if "types" in s:
            print_types(name, s["types"], split)
        if "languages" in s:
            langs = s["languages"]
            print_breakdown(f"{name} [{split}]: body F1 per language (cleaner's language of "
                            "the cleaned page text)", langs, list(langs))
    print(
        "\nprec, recall, F1: word-bag figures per page, averaged over the pages with body "
        "truth; sh.F1: 4-word shingle F1, likewise.\ntitle, auth, date: accuracy on the pages "
        "whose truth has the field (counts in each set's header line).\ndocs/s: pages per "
        "second of one core from the raw HTML bytes (upstream steps included); F1 x, "
        "speed x: ratio to the trafilatura row; empty: pages with body truth where the row "
        "gave no text."
    )
    print_errors(report["sets"])
    load = report["load_average"]
    print(
        f"\nwall time {report['wall_seconds']:.1f} s; 1-min load average "
        f"{_num(load['start'], '.2f')} at start, {_num(load['end'], '.2f')} at end on "
        f"{report['cpus']} CPUs (other work on the machine slows every docs/s figure)"
    )


def _add_title_accuracy(group: dict[str, Any]) -> None:
    """Put the title accuracy beside the body figures, for the breakdown tables."""
    for f in group["rows"].values():
        m = f["metadata"].get("title")
        f["title_accuracy"] = m and m["accuracy"]


# --------------------------------------------------------------------------
# Report


def versions() -> dict[str, str | None]:
    return {
        "python": platform.python_version(),
        "trafilatura": _dist_version("trafilatura"),
        "cleaner": _dist_version("article-cleaner"),
        "html-text": _dist_version("html-text"),
        "repository_commit": _git_commit(),
    }


def build_report(results: list[PageResult], args: argparse.Namespace,
                 wall: float) -> dict[str, Any]:
    by_set: dict[str, list[PageResult]] = defaultdict(list)
    for r in results:
        by_set[r.dataset].append(r)
    sets = {name: set_report(by_set[name]) for name in args.sets if by_set[name]}
    for s in sets.values():
        for group in [s, *s.get("types", {}).values()]:
            _add_title_accuracy(group)
    return {
        "split": args.split,
        "split_rule": "blake2b('<set>/<id>', 8 bytes) even: dev, odd: test",
        "data": str(args.data),
        "sets": sets,
        "pages": len(results),
        "types": args.types,
        "limit_per_set": args.limit,
        "jobs": args.jobs,
        "timeout_seconds": args.timeout,
        "wall_seconds": wall,
        "cpus": os.cpu_count(),
        "load_average": {"start": args.load_start, "end": _load()},
        "versions": versions(),
        "rows": {r.key: asdict(r) for r in ROWS},
    }


def write_per_page(path: Path, results: list[PageResult]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for r in results:
            for key in ROW_BY_KEY:
                o = r.outcomes[key]
                line = {
                    "set": r.dataset, "id": r.id, "type": r.type, "split": r.split,
                    "language": r.language, "row": key, **(o.body or {}),
                    "empty": o.empty, "seconds": o.seconds, "error": o.error,
                    "skipped": o.skipped, **o.meta,
                }
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------
# Command line


def _names(valid: tuple[str, ...]) -> Callable[[str], list[str]]:
    def parse(value: str) -> list[str]:
        names = [v.strip() for v in value.split(",") if v.strip()]
        unknown = [n for n in names if n not in valid]
        if unknown:
            raise argparse.ArgumentTypeError(
                f"unknown: {', '.join(unknown)} (known: {', '.join(valid)})")
        return names
    return parse


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_ROOT,
                        help=f"folder holding the sets (default: {DEFAULT_ROOT})")
    parser.add_argument("--sets", type=_names(SETS), default=list(SETS),
                        help=f"comma-separated sets (default: {','.join(SETS)})")
    parser.add_argument("--split", choices=SPLITS, default="test",
                        help="held-out half to report on (default: test)")
    parser.add_argument("--types", type=lambda v: [t for t in v.split(",") if t],
                        default=[], help="wcxb-dev page types to keep, comma-separated "
                        "(pages of sets without types are kept)")
    parser.add_argument("--limit", type=int, default=0,
                        help="the first N pages of each set, after the split (0: all)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="processes (default 1; docs/s stays per core, but is noisier)")
    parser.add_argument("--json", type=Path, help="write all figures to this JSON file")
    parser.add_argument("--per-page", type=Path,
                        help="write one JSON line per page and row (scores, predicted and "
                        "true metadata)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds one row may take on one page (0: no limit)")
    return parser.parse_args(argv)


def load_pages(args: argparse.Namespace) -> list[Page]:
    pages: list[Page] = []
    for name in args.sets:
        chosen = select(load_set(args.data, name), args.split)
        if args.types:
            chosen = [p for p in chosen if p.type is None or p.type in args.types]
        pages.extend(chosen[: args.limit] if args.limit > 0 else chosen)
    return pages


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        pages = load_pages(args)
    except DataMissing as exc:
        print(
            f"bodies: evaluation data not found ({exc}).\nExpected the sets "
            f"{', '.join(args.sets)} (each truth.jsonl + pages/) under {args.data}; give their "
            "place with --data PATH.",
            file=sys.stderr,
        )
        return 2
    if not pages:
        print("bodies: no page selected", file=sys.stderr)
        return 2
    args.load_start = _load()
    start = time.perf_counter()
    results = []
    for n, result in enumerate(run_all(pages, args.data, args.timeout, args.jobs), 1):
        results.append(result)
        if n % 100 == 0 or n == len(pages):
            print(f"bodies: {n}/{len(pages)} pages, {time.perf_counter() - start:.0f} s",
                  file=sys.stderr)
    report = build_report(results, args, time.perf_counter() - start)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.per_page:
        write_per_page(args.per_page, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
