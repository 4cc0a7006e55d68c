"""Speed of article-cleaner next to the tools it is compared with, in one run.

(a) text mode: ``Cleaner.clean`` vs ``ftfy.fix_text`` on the same whole-page texts
    (html-text of the evaluation pages), one core: MB/s, docs/s and their ratio.
(b) HTML mode: ``Cleaner.clean_html`` vs ``trafilatura.extract`` on the same
    pages, one core: docs/s and their ratio.
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


def text_mode(pages: list[dict[str, str]]) -> list[Timing]:
    """(a): Cleaner.clean vs ftfy.fix_text on whole-page texts."""
    import ftfy

    from cleaner import Cleaner

    texts = [page_text(page["html"]) for page in pages]
    cleaner = Cleaner()
    return time_interleaved(
        [("Cleaner.clean", cleaner.clean), ("ftfy.fix_text", ftfy.fix_text)], texts
    )


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
    return time_interleaved(
        [
            ("Cleaner.clean_html", cleaner.clean_html),
            ("trafilatura.extract", trafilatura.extract),
            ("extract+metadata", lambda h: trafilatura.extract(h, with_metadata=True)),
        ],
        html,
    )


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
    """How to start the batch subcommand from this checkout."""
    if (REPO_ROOT / "cleaner" / "__main__.py").exists():
        return [sys.executable, "-m", "cleaner", "batch"]
    return [sys.executable, "-m", "cleaner.batch"]


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
    process = subprocess.Popen(command, cwd=REPO_ROOT)

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


def _pair_table(title: str, ours: Timing, *others: Timing) -> list[str]:
    """Systems side by side, with the ratio of ours to each other one."""
    rows = [
        f"{title}",
        f"  {'system':<22}{'docs':>7}{'MB':>9}{'s':>9}{'docs/s':>10}{'MB/s':>9}{'errors':>8}",
    ]
    for t in (ours, *others):
        rows.append(
            f"  {t.system:<22}{t.docs:>7}{t.megabytes:>9.1f}{t.seconds:>9.2f}"
            f"{t.docs_per_s:>10.1f}{t.mb_per_s:>9.2f}{t.errors:>8}"
        )
    for theirs in others:
        rows.append(
            f"  ratio {ours.system} / {theirs.system}: "
            f"{_ratio(ours.docs_per_s, theirs.docs_per_s)} docs/s, "
            f"{_ratio(ours.mb_per_s, theirs.mb_per_s)} MB/s"
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
    parser.add_argument("--json", type=Path, default=None, help="write every figure here")
    args = parser.parse_args(argv)

    try:
        need_pages = not args.skip_library or args.batch_input is None
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
        text = text_mode(pages)
        print("\n".join(_pair_table("(a) text mode, whole-page text, one core", *text)))
        html = html_mode(pages)
        print("\n".join(_pair_table("(b) HTML mode, one core", *html)), flush=True)
        figures["text"] = [asdict(t) for t in text]
        figures["html"] = [asdict(t) for t in html]

    with tempfile.TemporaryDirectory(prefix="article-cleaner-speed-") as tmp:
        batch_input = args.batch_input
        if batch_input is None:
            batch_input = Path(tmp) / "pages.jsonl"
            write_jsonl(page_records(pages, "text"), batch_input, args.batch_size)
        output = Path(tmp) / "out.jsonl"
        runs = [
            run_batch(batch_input, jobs, output, args.batch_seconds) for jobs in args.batch_jobs
        ]
    print("\n".join(_batch_table(runs)))
    figures["batch"] = [asdict(r) for r in runs]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    finished = {0, 130} if args.batch_seconds else {0}  # 130: stopped by Ctrl-C on time
    return 0 if all(r.exit_code in finished for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
