"""Speed of article-cleaner next to the tools it is compared with, in one run.

(a) whole-page text: ``Cleaner.clean`` in auto and page mode vs ``ftfy.fix_text``
    and datatrove's C4 filter, Gopher filter and ftfy formatter on the same texts
    (html-text of the evaluation pages), one core: MB/s, docs/s and their ratios.
(a2) extracted article text (trafilatura's output of the same pages, and the
    seeds): ``Cleaner.clean`` in auto and article mode vs the same references.
(b) HTML mode: ``Cleaner.clean_html`` vs ``trafilatura.extract`` on the same
    pages, one core: docs/s and their ratio.
The library rows are steady-state throughput, as a long run sees it: the
cleaner is built and ``Cleaner.prepare()`` called (the rule programs, tables
and page scorers a run builds once, as batch workers get them) before the
clock starts; (d) gives that one-time cost.
(c) ``article-cleaner batch`` on a generated JSONL with ``--jobs 2`` vs ``--jobs 1``:
    docs/s, MB/s, their ratio, and the peak RSS of the batch (its main process,
    (the largest single process, and the whole process tree summed).

    python bench/speed.py                       # all 990 pages, a 20 MB batch input
    python bench/speed.py --limit 200 --batch-size 5M
    python bench/speed.py --batch-input /tmp/pages-1g.jsonl --skip-library

The data is read from ``../shared/datasets/trafilatura-eval`` unless ``--data``
says otherwise; when it is missing the script says so and exits with code 2.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script: make ``bench`` importable from the repository root.
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from bench.make_jsonl import (
    DEFAULT_DATA,
    DataMissing,
    load_pages,
    page_records,
    page_text,
    parse_size,
    write_jsonl,
)

REPO_ROOT = Path(__file__).resolve().parent.parent


class _Rates:
    """Throughput of a dataclass with ``docs``, ``megabytes`` and ``seconds`` fields."""

    docs: int
    megabytes: float
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0


@dataclass
class Timing(_Rates):
    """One system's pass over a list of inputs."""

    system: str
    docs: int
    megabytes: float
    seconds: float
    errors: int = 0


def time_interleaved(
    systems: list[tuple[str, Callable[[str], Any]]], inputs: list[str], chunk: int = 10
) -> list[Timing]:
    """Time several systems on the same inputs, taking turns every ``chunk`` inputs.

    On a shared machine the load changes during a run; taking turns exposes
    every system to the same load, so their ratios hold even when the
    absolute figures do not.
    """
    megabytes = sum(len(item.encode("utf-8")) for item in inputs) / 1e6
    seconds = [0.0] * len(systems)
    errors = [0] * len(systems)
    if inputs:
        for _name, func in systems:
            func(inputs[0])  # warm-up: lazy rule compilation, imports
    for start in range(0, len(inputs), chunk):
        part = inputs[start : start + chunk]
        for k, (_name, func) in enumerate(systems):
            began = time.perf_counter()
            for item in part:
                try:
                    func(item)
                except Exception:  # noqa: BLE001 - a failing page counts, it does not stop the run
                    errors[k] += 1
            seconds[k] += time.perf_counter() - began
    return [
        Timing(name, len(inputs), megabytes, seconds[k], errors[k])
        for k, (name, _func) in enumerate(systems)
    ]


def _datatrove_systems() -> list[tuple[str, Callable[[str], Any]]]:
    """datatrove's C4 and Gopher quality filters and its ftfy formatter, each on
    one text wrapped as a datatrove Document; none when datatrove is missing."""
    try:
        from datatrove.data import Document
        from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter
        from datatrove.pipeline.formatters import FTFYFormatter
    except ImportError as exc:
        print(f"speed: datatrove rows skipped ({exc})", file=sys.stderr)
        return []
    c4, gopher, formatter = C4QualityFilter(), GopherQualityFilter(), FTFYFormatter()
    systems: list[tuple[str, Callable[[str], Any]]] = [
        ("datatrove C4 filter", lambda t: c4.filter(Document(text=t, id="0"))),
        ("datatrove Gopher", lambda t: gopher.filter(Document(text=t, id="0"))),
        ("datatrove ftfy fmt", formatter.format),
    ]
    try:
        for _name, func in systems:
            func("A first sentence of a story.\nA second one follows here.")
    except Exception as exc:  # noqa: BLE001 - e.g. the Gopher filter's tokenizer is missing
        print(f"speed: datatrove rows skipped ({type(exc).__name__}: {exc})", file=sys.stderr)
        return []
    return systems


def text_mode(texts: list[str], modes: tuple[str, ...]) -> list[Timing]:
    """Cleaner.clean in each mode vs ftfy.fix_text (and datatrove's steps) on the same texts."""
    import ftfy

    from cleaner import Cleaner

    cleaner = Cleaner()
    cleaner.prepare()
    systems: list[tuple[str, Callable[[str], Any]]] = [
        (f"clean mode={mode}", lambda t, mode=mode: cleaner.clean(t, mode=mode))
        for mode in modes
    ]
    systems.append(("ftfy.fix_text", ftfy.fix_text))
    return time_interleaved(systems + _datatrove_systems(), texts)


def extracted_texts(pages: list[dict[str, str]]) -> list[str]:
    """trafilatura's text of each page (what an extractor hands on), and the seeds."""
    import trafilatura

    texts = [trafilatura.extract(page["html"], url=page.get("url")) or "" for page in pages]
    seeds = REPO_ROOT.parent / "shared" / "seeds"
    texts += [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]
    return [t for t in texts if t.strip()]


def html_mode(pages: list[dict[str, str]]) -> list[Timing]:
    """(b): Cleaner.clean_html vs trafilatura.extract on the same HTML pages.

    ``clean_html`` returns the page's metadata too, so trafilatura is timed
    both as ``extract`` with its defaults (text only) and with
    ``with_metadata=True``.
    """
    import trafilatura

    from cleaner import Cleaner

    html = [page["html"] for page in pages]
    cleaner = Cleaner()
    cleaner.prepare()
    return time_interleaved(
        [
            ("Cleaner.clean_html", cleaner.clean_html),
            ("trafilatura.extract", trafilatura.extract),
            ("extract+metadata", lambda h: trafilatura.extract(h, with_metadata=True)),
        ],
        html,
    )


# Startup -------------------------------------------------------------------------

_STARTUP = """
import time
began = time.perf_counter()
import cleaner
imported = time.perf_counter()
c = cleaner.Cleaner()
built = time.perf_counter()
c.clean(open({path!r}, encoding="utf-8").read())
first = time.perf_counter()
cleaner.Cleaner().prepare()
prepared = time.perf_counter()
print(imported - began, built - imported, first - built, prepared - first)
"""


@dataclass
class Startup:
    """A fresh process: import, ``Cleaner()``, the first document, and the CLI's wall time."""

    import_s: float
    cleaner_s: float
    first_doc_s: float
    prepare_s: float
    """``Cleaner().prepare()`` in a fresh process: what a long run builds once."""
    cli_wall_s: float


def startup(example: Path, runs: int = 3) -> Startup:
    """Best of ``runs`` fresh processes, from outside the source tree."""
    best = [float("inf")] * 5
    with tempfile.TemporaryDirectory() as cwd:
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", _STARTUP.format(path=str(example))],
                capture_output=True, text=True, check=True, cwd=cwd,
            ).stdout.split()
            began = time.perf_counter()
            subprocess.run([sys.executable, "-m", "cleaner", "clean", str(example)],
                           capture_output=True, check=True, cwd=cwd)
            wall = time.perf_counter() - began
            best = [min(b, v) for b, v in zip(best, [*map(float, out), wall])]
    return Startup(*best)


# Batch ---------------------------------------------------------------------------


@dataclass
class BatchRun(_Rates):
    """One run of ``article-cleaner batch``."""

    jobs: int
    docs: int
    megabytes: float
    seconds: float
    peak_rss_process_mb: float
    peak_rss_tree_mb: float
    peak_pss_tree_mb: float
    exit_code: int


def _batch_command() -> list[str]:
    """How to start the batch subcommand of the installed package."""
    return [sys.executable, "-m", "cleaner", "batch"]


def _pss_kb(pid: int) -> int:
    """Proportional set size (kB): private pages plus a share of shared ones."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_memory_kb(root: int) -> tuple[int, dict[int, int], int]:
    """Resident memory (kB) of ``root`` and its descendants now, each one's peak,
    and their summed proportional set size now.

    Peaks are the kernel's high-water marks (VmHWM), so short spikes between two
    polls count; they start at exec, so the benchmark's own memory never does.
    Summed RSS counts pages that forked workers share with their parent once
    per process; summed PSS counts them once in all, which is what the tree
    takes from the machine.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    now, pss, peaks, stack = 0, 0, {}, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        if "VmRSS" in status:
            now += int(status["VmRSS"].split()[0])
            peaks[pid] = int(status["VmHWM"].split()[0])
            pss += _pss_kb(pid)
    return now, peaks, pss


def run_batch(
    input_path: Path, jobs: int, output: Path, seconds_limit: float | None = None
) -> BatchRun:
    """Run the batch on ``input_path`` with ``jobs`` processes, writing ``output``.

    With ``seconds_limit`` the batch is stopped with Ctrl-C (SIGINT) after that long,
    and the figures cover the records it had written.
    """
    command = [*_batch_command(), str(input_path), "-o", str(output), "--jobs", str(jobs), "-q"]
    peak_tree = peak_pss = 0
    peaks: dict[int, int] = {}
    done = threading.Event()
    start = time.perf_counter()
    # From outside the source tree: the installed package runs, not the checkout.
    process = subprocess.Popen(command, cwd=output.parent)

    def poll() -> None:
        nonlocal peak_tree, peak_pss
        while not done.is_set():
            now, seen, pss = _tree_memory_kb(process.pid)
            peak_tree = max(peak_tree, now)
            peak_pss = max(peak_pss, pss)
            for pid, peak in seen.items():
                peaks[pid] = max(peaks.get(pid, 0), peak)
            done.wait(0.2)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    if seconds_limit is not None:
        timer = threading.Timer(seconds_limit, process.send_signal, (signal.SIGINT,))
        timer.start()
    _, status = os.waitpid(process.pid, 0)
    if seconds_limit is not None:
        timer.cancel()
    seconds = time.perf_counter() - start
    done.set()
    poller.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    docs = _count_lines(output)
    return BatchRun(
        jobs=jobs,
        docs=docs,
        megabytes=_bytes_of(input_path, docs) / 1e6,
        seconds=seconds,
        peak_rss_process_mb=max(peaks.values(), default=0) / 1024,
        peak_rss_tree_mb=peak_tree / 1024,
        peak_pss_tree_mb=peak_pss / 1024,
        exit_code=process.returncode,
    )


def _bytes_of(path: Path, records: int) -> int:
    """Bytes of the first ``records`` records of a JSONL file (plain or gzip)."""
    total = seen = 0
    with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as f:
        for line in f:
            if seen >= records:
                break
            total += len(line)
            seen += line.strip() != b""
    return total


def _count_lines(path: Path) -> int:
    """Records (non-blank lines) of a JSONL file (plain or gzip); 0 if there is none."""
    if not path.exists():
        return 0
    with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as f:
        return sum(1 for line in f if line.strip())


# Report --------------------------------------------------------------------------


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def _pair_table(title: str, *timings: Timing) -> list[str]:
    """Systems side by side; each of ours (``clean...``/``Cleaner...``) as a ratio
    to each of the others, measured in the same run."""
    rows = [
        f"{title}",
        f"  {'system':<22}{'docs':>7}{'MB':>9}{'s':>9}{'docs/s':>10}{'MB/s':>9}{'errors':>8}",
    ]
    for t in timings:
        rows.append(
            f"  {t.system:<22}{t.docs:>7}{t.megabytes:>9.1f}{t.seconds:>9.2f}"
            f"{t.docs_per_s:>10.1f}{t.mb_per_s:>9.2f}{t.errors:>8}"
        )
    ours = [t for t in timings if t.system.lower().startswith(("clean", "cleaner"))]
    theirs = [t for t in timings if t not in ours]
    for mine in ours:
        rows.append(
            f"  {mine.system}: "
            + ", ".join(f"{_ratio(mine.docs_per_s, other.docs_per_s)} {other.system}"
                        for other in theirs)
        )
    return rows


def _batch_table(runs: Iterable[BatchRun]) -> list[str]:
    """Batch runs side by side, with the ratio of the last to the first."""
    runs = list(runs)
    rows = [
        "(c) article-cleaner batch (JSONL of whole-page texts)",
        (
            f"  {'jobs':<6}{'docs':>8}{'MB':>9}{'s':>9}{'docs/s':>9}{'MB/s':>8}"
            f"{'RSS proc MB':>12}{'RSS tree MB':>13}{'PSS tree MB':>13}{'exit':>6}"
        ),
    ]
    for r in runs:
        rows.append(
            f"  {r.jobs:<6}{r.docs:>8}{r.megabytes:>9.1f}{r.seconds:>9.1f}{r.docs_per_s:>9.1f}"
            f"{r.mb_per_s:>8.2f}{r.peak_rss_process_mb:>12.0f}{r.peak_rss_tree_mb:>13.0f}"
            f"{r.peak_pss_tree_mb:>13.0f}{r.exit_code:>6}"
        )
    if len(runs) > 1:
        rows.append(
            f"  ratio jobs {runs[-1].jobs} / jobs {runs[0].jobs}: "
            f"{_ratio(runs[-1].docs_per_s, runs[0].docs_per_s)} docs/s"
        )
    return rows


def _machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"python {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {load:.2f} at start"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="trafilatura-eval folder")
    parser.add_argument("--limit", type=int, default=None, help="first N pages for (a) and (b)")
    parser.add_argument(
        "--batch-size", type=parse_size, default="20M", help="generated batch input (default 20M)"
    )
    parser.add_argument(
        "--batch-input", type=Path, default=None, help="existing plain JSONL for (c) instead"
    )
    parser.add_argument(
        "--batch-seconds",
        type=float,
        default=None,
        help="stop each batch run with Ctrl-C after this long (for inputs too large to finish)",
    )
    parser.add_argument(
        "--batch-jobs", type=int, nargs="+", default=[1, 2], help="--jobs values (default 1 2)"
    )
    parser.add_argument("--skip-library", action="store_true", help="run (c) only")
    parser.add_argument("--skip-batch", action="store_true", help="skip (c)")
    parser.add_argument("--json", type=Path, default=None, help="write every figure here")
    args = parser.parse_args(argv)

    try:
        need_pages = not args.skip_library or (args.batch_input is None and not args.skip_batch)
        pages = load_pages(args.data, args.limit) if need_pages else []
    except DataMissing as exc:
        print(f"speed: {exc}", file=sys.stderr)
        return 2
    if args.batch_input is not None and not args.batch_input.is_file():
        print(f"speed: batch input not found: {args.batch_input}", file=sys.stderr)
        return 2

    print(_machine(), flush=True)
    figures: dict[str, Any] = {"machine": _machine()}
    if not args.skip_library:
        text = text_mode([page_text(page["html"]) for page in pages], ("auto", "page"))
        print("\n".join(_pair_table("(a) whole-page text (html-text), one core", *text)))
        extracted = text_mode(extracted_texts(pages), ("auto", "article"))
        print("\n".join(_pair_table(
            "(a2) extracted article text (trafilatura output, seeds), one core", *extracted
        )))
        html = html_mode(pages)
        print("\n".join(_pair_table("(b) HTML mode, one core", *html)), flush=True)
        figures["text"] = [asdict(t) for t in text]
        figures["extracted"] = [asdict(t) for t in extracted]
        figures["html"] = [asdict(t) for t in html]

    started = startup(REPO_ROOT / "examples" / "reuters-with-chrome.txt")
    print(
        f"(d) startup, fresh process, best of 3: import {started.import_s:.3f} s, "
        f"Cleaner() {started.cleaner_s:.3f} s, first document {started.first_doc_s:.3f} s, "
        f"Cleaner().prepare() {started.prepare_s:.3f} s; "
        f"`article-cleaner clean` on a 4.6 KB file {started.cli_wall_s:.3f} s wall",
        flush=True,
    )
    figures["startup"] = asdict(started)

    runs: list[BatchRun] = []
    if not args.skip_batch:
        with tempfile.TemporaryDirectory(prefix="article-cleaner-speed-") as tmp:
            batch_input = args.batch_input
            if batch_input is None:
                batch_input = Path(tmp) / "pages.jsonl"
                write_jsonl(page_records(pages, "text"), batch_input, args.batch_size)
            output = Path(tmp) / "out.jsonl"
            runs = [
                run_batch(batch_input, jobs, output, args.batch_seconds)
                for jobs in args.batch_jobs
            ]
        print("\n".join(_batch_table(runs)))
        figures["batch"] = [asdict(r) for r in runs]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    finished = {0, 130} if args.batch_seconds else {0}  # 130: stopped by Ctrl-C on time
    return 0 if all(r.exit_code in finished for r in runs) else 1

if __name__ == "__main__":
    sys.exit(main())
