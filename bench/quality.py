"""Quality and speed of article-cleaner against trafilatura and simple baselines.

Runs every system on the same pages of the trafilatura evaluation set in one
pass and prints one table (precision, recall, F1, accuracy, docs/s and the
ratios of F1 and docs/s to trafilatura's default extraction), the effect of
``cleaner.clean`` on other extractors' output, and F1 per language.

    python bench/quality.py [--data PATH] [--limit N] [--jobs N] [--json PATH]

See bench/README.md for what each row means.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import inspect
import json
import os
import platform
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script: make ``bench`` importable from the repository root.
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from bench._evaldata import (
    DEFAULT_DATA,
    REPO_ROOT,
    Counts,
    DataMissing,
    EvalItem,
    c4_filter,
    decode_html,
    group_languages,
    load_items,
    read_page,
    score,
)

BASELINE = "traf_default"
RECALL_TOLERANCE = 0.005


# --------------------------------------------------------------------------
# Systems


@dataclass(frozen=True)
class System:
    """A row of the table.

    ``upstream`` names the system whose output this one takes as input: its
    time is added to this row's time, so docs/s is always measured from the
    raw HTML bytes.
    """

    key: str
    label: str
    group: str
    upstream: str | None = None
    needs: str | None = None  # the cleaner function the row calls, if any


GROUPS = {
    "html": "HTML in",
    "text": "whole-page text in (html-text)",
    "post": "other extractors' output, raw and through cleaner.clean",
}

SYSTEMS: tuple[System, ...] = (
    System("traf_default", "trafilatura extract() default", "html"),
    System("traf_precision", "trafilatura favor_precision", "html"),
    System("cleaner_html", "cleaner.clean_html", "html", needs="clean_html"),
    System("htmltext", "html-text page text, no cleaning", "text", upstream="decode"),
    System("htmltext_c4", "html-text + C4 line filter", "text", upstream="htmltext"),
    System("htmltext_clean", "html-text + cleaner.clean", "text", "htmltext", needs="clean"),
    System("traf_recall", "trafilatura favor_recall", "post"),
    System("traf_recall_clean", "favor_recall + cleaner.clean", "post", "traf_recall", "clean"),
    System("traf_recall_article", "favor_recall + clean, article", "post", "traf_recall",
           "clean"),
    System("resiliparse", "resiliparse main_content", "post", upstream="decode"),
    System("resiliparse_clean", "resiliparse + cleaner.clean", "post", "resiliparse", "clean"),
    System("resiliparse_article", "resiliparse + clean, article", "post", "resiliparse",
           "clean"),
)
SYSTEM_BY_KEY = {s.key: s for s in SYSTEMS}

# (before, after) pairs whose precision/recall deltas are reported and checked.
PAIRS: tuple[tuple[str, str], ...] = (
    ("traf_recall", "traf_recall_clean"),
    ("traf_recall", "traf_recall_article"),
    ("resiliparse", "resiliparse_clean"),
    ("resiliparse", "resiliparse_article"),
    ("htmltext", "htmltext_clean"),
)


@dataclass
class CleanerApi:
    """The parts of ``cleaner`` the benchmark calls; a missing part disables its rows."""

    clean_html: Callable[..., Any] | None = None
    clean: Callable[..., Any] | None = None
    page_mode: str | None = None  # value passed as ``mode=`` for whole-page text
    version: str | None = None
    commit: str | None = None  # of the repository when the run started
    missing: dict[str, str] = field(default_factory=dict)

    def available(self, system: System) -> bool:
        return system.needs is None or getattr(self, system.needs) is not None


def load_cleaner(page_mode: str) -> CleanerApi:
    """Import ``cleaner`` and pick up ``clean_html``/``clean``, tolerating their absence."""
    api = CleanerApi()
    try:
        import cleaner
    except Exception as exc:  # noqa: BLE001 - any import failure disables the rows
        reason = f"import cleaner failed: {type(exc).__name__}: {exc}"
        api.missing = {"clean_html": reason, "clean": reason}
        return api
    api.version = _cleaner_version(cleaner)
    for name in ("clean_html", "clean"):
        func = getattr(cleaner, name, None)
        if callable(func):
            setattr(api, name, func)
        else:
            api.missing[name] = f"cleaner.{name} not found"
    if api.clean is not None and page_mode and _accepts(api.clean, "mode"):
        api.page_mode = page_mode
    return api


def _accepts(func: Callable[..., Any], name: str) -> bool:
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _cleaner_version(module: Any) -> str | None:
    version = getattr(module, "__version__", None)
    if version:
        return str(version)
    return _dist_version("article-cleaner")


def _dist_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


# --------------------------------------------------------------------------
# Running one page


class PageTimeout(Exception):
    """A system took longer than the per-call limit on one page."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` after ``seconds`` (no limit when 0 or off the main thread)."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def _expire(signum: int, frame: Any) -> None:
        raise PageTimeout(f"no result after {seconds:g} s")

    try:
        previous = signal.signal(signal.SIGALRM, _expire)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Outcome:
    """What one system did on one page."""

    counts: Counts
    seconds: float  # this step only
    error: str | None = None
    skipped: bool = False  # upstream gave nothing, so this step did not run


@dataclass
class PageResult:
    page_id: str
    language: str
    decode_seconds: float
    outcomes: dict[str, Outcome]


class Runner:
    """Runs every available system on a page and scores the outputs."""

    def __init__(self, api: CleanerApi, timeout: float, guess_layout: bool) -> None:
        import trafilatura
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        self.api = api
        self.timeout = timeout
        self.guess_layout = guess_layout
        self._trafilatura = trafilatura
        self._html_tree = HTMLTree
        self._plain_text = extract_plain_text
        self.systems = [s for s in SYSTEMS if api.available(s)]

    # The systems themselves, each from its own input -------------------------

    def _extract(self, key: str, raw: bytes, html: str, url: str, upstream: str | None) -> Any:
        traf = self._trafilatura
        if key == "traf_default":
            return traf.extract(raw, url=url)
        if key == "traf_precision":
            return traf.extract(raw, url=url, favor_precision=True)
        if key == "traf_recall":
            return traf.extract(raw, url=url, favor_recall=True)
        if key == "cleaner_html":
            return self.api.clean_html(raw, url=url).text
        if key == "htmltext":
            import html_text

            return html_text.extract_text(html, guess_layout=self.guess_layout)
        if key == "htmltext_c4":
            return c4_filter(upstream or "")
        if key == "htmltext_clean":
            kwargs = {"mode": self.api.page_mode} if self.api.page_mode else {}
            return self.api.clean(upstream, url=url, **kwargs).text
        if key in ("traf_recall_clean", "resiliparse_clean"):
            return self.api.clean(upstream, url=url).text  # the library's default mode
        if key in ("traf_recall_article", "resiliparse_article"):
            kwargs = {"mode": "article"} if _accepts(self.api.clean, "mode") else {}
            return self.api.clean(upstream, url=url, **kwargs).text
        if key == "resiliparse":
            tree = self._html_tree.parse(html)
            return self._plain_text(tree, main_content=True)
        raise KeyError(key)

    def run(self, item: EvalItem, raw: bytes) -> tuple[PageResult, dict[str, str | None]]:
        """Score every system on one page; also return the outputs."""
        start = time.perf_counter()
        html = decode_html(raw)
        decode_seconds = time.perf_counter() - start
        outputs: dict[str, str | None] = {}
        outcomes: dict[str, Outcome] = {}
        for system in self.systems:
            output, outcome = self._run_one(system, item, raw, html, outputs)
            outputs[system.key] = output
            outcomes[system.key] = outcome
        language = detect_language(outputs.get(BASELINE), outputs.get("htmltext"), html)
        return PageResult(item.page_id, language, decode_seconds, outcomes), outputs

    def _run_one(
        self, system: System, item: EvalItem, raw: bytes, html: str, outputs: dict
    ) -> tuple[str | None, Outcome]:
        upstream = outputs.get(system.upstream) if system.upstream in outputs else None
        if system.upstream in outputs and not (upstream or "").strip():
            # Nothing to clean: the row gives what its input gave.
            return upstream, Outcome(score(upstream, item.with_, item.without), 0.0, skipped=True)
        start = time.perf_counter()
        try:
            with time_limit(self.timeout):
                output = self._extract(system.key, raw, html, item.url, upstream)
            error = None
        except Exception as exc:  # noqa: BLE001 - one failure is counted, not fatal
            output, error = None, f"{type(exc).__name__}: {exc}"[:300]
        seconds = time.perf_counter() - start
        if output is not None and not isinstance(output, str):
            output, error = None, f"returned {type(output).__name__}, not str"
        return output, Outcome(score(output, item.with_, item.without), seconds, error)


_LANGID: Any = None


def detect_language(*texts: str | None) -> str:
    """py3langid's language for the first text with some words in it."""
    global _LANGID
    if _LANGID is None:
        import py3langid

        _LANGID = py3langid
    for text in texts:
        if text and len(text.split()) >= 5:
            return str(_LANGID.classify(text[:20000])[0])
    return "unknown"


# --------------------------------------------------------------------------
# Running all pages


_WORKER: dict[str, Any] = {}


def _init_worker(
    data_dir: str, page_mode: str, timeout: float, guess_layout: bool, warm: EvalItem | None
) -> None:
    runner = Runner(load_cleaner(page_mode), timeout, guess_layout)
    if warm is not None:
        runner.run(warm, read_page(Path(data_dir), warm))
    _WORKER.update(runner=runner, data=Path(data_dir))


def _work(item: EvalItem) -> PageResult:
    try:
        raw = read_page(_WORKER["data"], item)
    except OSError as exc:
        return _unreadable(item, _WORKER["runner"].systems, exc)
    return _WORKER["runner"].run(item, raw)[0]


def _unreadable(item: EvalItem, systems: list[System], exc: Exception) -> PageResult:
    error = f"page unreadable: {type(exc).__name__}: {exc}"
    outcome = {s.key: Outcome(score(None, item.with_, item.without), 0.0, error) for s in systems}
    return PageResult(item.page_id, "unknown", 0.0, outcome)


def run_all(items: list[EvalItem], args: argparse.Namespace) -> Iterator[PageResult]:
    """Results page by page, in the order of ``items``.

    Before timing, every system runs once on the first page, so that imports,
    model loading and rule compiling are not charged to the measured pages.
    """
    warm = items[0] if items else None
    init = (str(args.data), args.page_mode, args.timeout, args.guess_layout, warm)
    if args.jobs <= 1:
        _init_worker(*init)
        yield from map(_work, items)
        return
    import multiprocessing

    with multiprocessing.Pool(args.jobs, initializer=_init_worker, initargs=init) as pool:
        yield from pool.imap(_work, items, chunksize=4)


# --------------------------------------------------------------------------
# Summaries


@dataclass
class Tally:
    """Sums for one system."""

    counts: Counts = field(default_factory=Counts)
    docs: int = 0
    seconds: float = 0.0  # own step
    pipeline_seconds: float = 0.0  # from raw bytes, upstream steps included
    errors: list[dict[str, str]] = field(default_factory=list)
    skipped: int = 0
    by_language: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))


def pipeline_seconds(key: str, result: PageResult) -> float:
    """Time from raw bytes to this system's output on one page."""
    if key == "decode":
        return result.decode_seconds
    system = SYSTEM_BY_KEY[key]
    own = result.outcomes[key].seconds
    return own + (pipeline_seconds(system.upstream, result) if system.upstream else 0.0)


def tally(results: list[PageResult], groups: dict[str, str]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for result in results:
        language = groups.get(result.language, "other")
        for key, outcome in result.outcomes.items():
            t = tallies.setdefault(key, Tally())
            t.counts += outcome.counts
            t.by_language[language] += outcome.counts
            t.docs += 1
            t.seconds += outcome.seconds
            t.pipeline_seconds += pipeline_seconds(key, result)
            t.skipped += outcome.skipped
            if outcome.error:
                t.errors.append({"page": result.page_id, "error": outcome.error})
    return tallies


def rate(docs: int, seconds: float) -> float:
    return docs / seconds if seconds > 0 else 0.0


def system_figures(key: str, t: Tally, base: Tally | None) -> dict[str, Any]:
    docs_per_s = rate(t.docs, t.pipeline_seconds)
    figures: dict[str, Any] = {
        "label": SYSTEM_BY_KEY[key].label,
        "group": SYSTEM_BY_KEY[key].group,
        **t.counts.as_dict(),
        "docs": t.docs,
        "seconds": t.pipeline_seconds,
        "step_seconds": t.seconds,
        "docs_per_s": docs_per_s,
        "step_docs_per_s": rate(t.docs, t.seconds),
        "errors": len(t.errors),
        "error_pages": t.errors,
        "skipped_empty_input": t.skipped,
        "f1_ratio": None,
        "speed_ratio": None,
    }
    if base is not None:
        base_speed = rate(base.docs, base.pipeline_seconds)
        figures["f1_ratio"] = t.counts.f1 / base.counts.f1 if base.counts.f1 else None
        figures["speed_ratio"] = docs_per_s / base_speed if base_speed else None
    return figures


def pair_pages(results: list[PageResult], before: str, after: str) -> dict[str, list[str]]:
    """Pages where cleaning lost article strings, and pages where it removed boilerplate."""
    lost, gained, removed = [], [], []
    for r in results:
        b, a = r.outcomes[before].counts, r.outcomes[after].counts
        if a.tp < b.tp:
            lost.append(r.page_id)
        elif a.tp > b.tp:
            gained.append(r.page_id)
        if a.fp < b.fp:
            removed.append(r.page_id)
    return {"pages_losing_with": lost, "pages_gaining_with": gained,
            "pages_losing_without": removed}


def pair_figures(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    d_precision = after["precision"] - before["precision"]
    d_recall = after["recall"] - before["recall"]
    flags = []
    if d_recall < -RECALL_TOLERANCE:
        flags.append(f"recall down {-d_recall:.3f} (more than {RECALL_TOLERANCE})")
    if d_precision <= 0:
        flags.append("precision not raised")
    return {
        "precision_delta": d_precision,
        "recall_delta": d_recall,
        "f1_delta": after["f1"] - before["f1"],
        "flags": flags,
    }


# --------------------------------------------------------------------------
# Printing


def _num(value: float | None, fmt: str = ".3f") -> str:
    return "-" if value is None else format(value, fmt)


def print_table(figures: dict[str, dict[str, Any]], missing: dict[str, str]) -> None:
    header = (
        f"{'system':<32} {'prec':>6} {'recall':>6} {'F1':>6} {'acc':>6} "
        f"{'docs/s':>8} {'step/s':>8} {'F1 x':>6} {'speed x':>8} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for group, title in GROUPS.items():
        print(f"[{title}]")
        for system in SYSTEMS:
            if system.group != group:
                continue
            f = figures.get(system.key)
            if f is None:
                reason = missing.get(system.needs or "", "not run")
                print(f"{system.label:<32} unavailable: {reason}")
                continue
            print(
                f"{system.label:<32} {f['precision']:>6.3f} {f['recall']:>6.3f} {f['f1']:>6.3f} "
                f"{f['accuracy']:>6.3f} {f['docs_per_s']:>8.1f} {f['step_docs_per_s']:>8.1f} "
                f"{_num(f['f1_ratio']):>6} {_num(f['speed_ratio'], '.2f'):>8} {f['errors']:>6}"
            )


def print_pairs(pairs: dict[str, dict[str, Any]]) -> None:
    print("\nEffect of cleaner.clean on an extractor's output (after - before):")
    if not pairs:
        print("  (no pair measured)")
    for name, p in pairs.items():
        verdict = "FLAG: " + "; ".join(p["flags"]) if p["flags"] else "ok"
        print(
            f"  {name:<62} precision {p['precision_delta']:+.3f}  recall {p['recall_delta']:+.3f}"
            f"  F1 {p['f1_delta']:+.3f}  {verdict}"
        )
        print(
            f"  {'':<62} pages losing article strings {len(p['pages_losing_with'])}, gaining "
            f"{len(p['pages_gaining_with'])}; pages losing boilerplate strings "
            f"{len(p['pages_losing_without'])}"
        )


def print_languages(languages: dict[str, Any]) -> None:
    order = sorted(languages, key=lambda g: (g == "other", g == "unknown", -languages[g]["docs"]))
    print("\nF1 per language (py3langid on trafilatura's default output, else the page text):")
    titles = [f"{g} ({languages[g]['docs']})" for g in order]
    head = f"{'system':<32}" + "".join(f"{t:>13}" for t in titles)
    print(head)
    print("-" * len(head))
    for system in SYSTEMS:
        cells = [languages[g]["systems"].get(system.key) for g in order]
        if all(c is None for c in cells):
            continue
        print(f"{system.label:<32}" + "".join(f"{_num(c and c['f1']):>13}" for c in cells))


def print_errors(figures: dict[str, dict[str, Any]], shown: int = 5) -> None:
    lines = []
    for f in figures.values():
        for e in f["error_pages"][:shown]:
            lines.append(f"  {f['label']}: {e['page']}: {e['error']}")
        if len(f["error_pages"]) > shown:
            lines.append(f"  {f['label']}: ... {len(f['error_pages']) - shown} more")
    if lines:
        print("\nErrors (counted as empty output):")
        print("\n".join(lines))


# --------------------------------------------------------------------------
# Report


def versions(api: CleanerApi) -> dict[str, str | None]:
    import trafilatura

    return {
        "python": platform.python_version(),
        "trafilatura": getattr(trafilatura, "__version__", None) or _dist_version("trafilatura"),
        "cleaner": api.version,
        "html-text": _dist_version("html-text"),
        "resiliparse": _dist_version("Resiliparse"),
        "py3langid": _dist_version("py3langid"),
        "repository_commit": api.commit,
    }


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, timeout=10, check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def language_figures(
    tallies: dict[str, Tally], results: list[PageResult], groups: dict[str, str]
) -> dict[str, Any]:
    docs: dict[str, int] = defaultdict(int)
    for r in results:
        docs[groups.get(r.language, "other")] += 1
    return {
        g: {
            "docs": n,
            "systems": {k: t.by_language[g].as_dict() for k, t in tallies.items()},
        }
        for g, n in docs.items()
    }


def build_report(
    results: list[PageResult], api: CleanerApi, args: argparse.Namespace, wall: float
) -> dict[str, Any]:
    groups = group_languages((r.language for r in results), args.min_lang_docs)
    tallies = tally(results, groups)
    base = tallies.get(BASELINE)
    figures = {k: system_figures(k, tallies[k], base) for k in SYSTEM_BY_KEY if k in tallies}
    pairs = {
        f"{SYSTEM_BY_KEY[b].label} -> {SYSTEM_BY_KEY[a].label}": {
            **pair_figures(figures[b], figures[a]), **pair_pages(results, b, a)
        }
        for b, a in PAIRS
        if b in figures and a in figures
    }
    detected: dict[str, int] = defaultdict(int)
    for r in results:
        detected[r.language] += 1
    return {
        "data": str(args.data),
        "pages": len(results),
        "strings": {"with": base.counts.tp + base.counts.fn, "without": base.counts.fp
                    + base.counts.tn} if base else None,
        "jobs": args.jobs,
        "wall_seconds": wall,
        "cpus": os.cpu_count(),
        "load_average": {"start": args.load_start, "end": _load()},
        "html_text_options": {"guess_layout": args.guess_layout},
        "cleaner_page_mode": api.page_mode,
        "timeout_seconds": args.timeout,
        "versions": versions(api),
        "unavailable": api.missing,
        "systems": figures,
        "pairs": pairs,
        "languages_detected": dict(sorted(detected.items(), key=lambda kv: -kv[1])),
        "languages": language_figures(tallies, results, groups),
    }


def print_report(report: dict[str, Any]) -> None:
    v = report["versions"]
    print(
        f"{report['pages']} pages from {report['data']}; trafilatura {v['trafilatura']}, "
        f"cleaner {v['cleaner']} (commit {v['repository_commit']}), html-text {v['html-text']}, "
        f"resiliparse {v['resiliparse']}"
    )
    mode = report["cleaner_page_mode"]
    print(
        f"html-text options: {report['html_text_options']}; cleaner.clean on page text with "
        f"{f'mode={mode!r}' if mode else 'its default mode'}; jobs {report['jobs']}\n"
    )
    print_table(report["systems"], report["unavailable"])
    print(
        "\ndocs/s: pages per second of one core from the raw HTML bytes (upstream steps "
        "included); step/s: this row's own step only.\nF1 x, speed x: ratio to the "
        "'trafilatura extract() default' row."
    )
    print_pairs(report["pairs"])
    print_languages(report["languages"])
    print_errors(report["systems"])
    load = report["load_average"]
    print(
        f"\nwall time {report['wall_seconds']:.1f} s; 1-min load average "
        f"{_num(load['start'], '.2f')} at start, {_num(load['end'], '.2f')} at end on "
        f"{report['cpus']} CPUs (other work on the machine slows every docs/s figure)"
    )


# --------------------------------------------------------------------------
# Command line


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"evaluation data folder (default: {DEFAULT_DATA})")
    parser.add_argument("--limit", type=int, default=0, help="first N pages only (0: all)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="processes (default 1; docs/s stays per core, but is noisier)")
    parser.add_argument("--json", type=Path, help="write all figures to this JSON file")
    parser.add_argument("--per-page", type=Path,
                        help="write one JSON line per page (counts, time, error per system)")
    parser.add_argument("--page-mode", default="page",
                        help="mode= for cleaner.clean on whole-page text, when accepted "
                        "(default: page; '' for the library's default)")
    parser.add_argument("--flat-text", dest="guess_layout", action="store_false",
                        help="html-text with guess_layout=False: the page on one line, no "
                        "line breaks between blocks (default: guess_layout=True)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds one system may take on one page (0: no limit)")
    parser.add_argument("--min-lang-docs", type=int, default=30,
                        help="pages a language needs for its own column (de, en always)")
    return parser.parse_args(argv)


def _load() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def write_per_page(path: Path, results: list[PageResult]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for r in results:
            row = {
                "page": r.page_id,
                "language": r.language,
                "systems": {
                    k: {**o.counts.as_dict(), "seconds": o.seconds, "error": o.error}
                    for k, o in r.outcomes.items()
                },
            }
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        items = load_items(args.data)
    except DataMissing as exc:
        print(
            f"quality: evaluation data not found ({exc}).\nExpected the trafilatura evaluation "
            f"set (evaldata.jsonl + html/) at {args.data}; give its place with --data PATH.",
            file=sys.stderr,
        )
        return 2
    if args.limit > 0:
        items = items[: args.limit]
    api = load_cleaner(args.page_mode)
    api.commit = _git_commit()
    args.load_start = _load()
    for name, reason in api.missing.items():
        print(f"quality: rows calling cleaner.{name} skipped: {reason}", file=sys.stderr)
    start = time.perf_counter()
    results = []
    for n, result in enumerate(run_all(items, args), 1):
        results.append(result)
        if n % 100 == 0 or n == len(items):
            print(f"quality: {n}/{len(items)} pages, {time.perf_counter() - start:.0f} s",
                  file=sys.stderr)
    report = build_report(results, api, args, time.perf_counter() - start)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.per_page:
        write_per_page(args.per_page, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
