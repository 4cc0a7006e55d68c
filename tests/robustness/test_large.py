"""A 50 MB document: linear time, memory in proportion to the input.

Measured on a shared 2-core machine (one clean in article mode, each size in a
fresh process; memory is the growth of the peak resident set while cleaning):

    5 MB:    1.6 s,  56 MB
    50 MB:  16.6 s, 506 MB (11 bytes per input character)

Before the fixes this test goes with, 5 MB took 289 s (cut markers summed
every block's words: quadratic; each chrome rule searched every paragraph)
and the fingerprint alone held about 1 GB of word and shingle lists for
50 MB; the literal prefilter's matches are also collected a quarter of a
megabyte at a time, else they held 400 MB more.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""\
    import json, resource, sys, time
    from pathlib import Path
    import cleaner

    size = int(float(sys.argv[2]) * 1_000_000)
    seeds = "\\n\\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt")))
    text = ((seeds + "\\n\\n") * (size // (len(seeds) + 2) + 1))[:size]
    c = cleaner.Cleaner()
    c.clean(seeds)  # rules compiled, language model loaded
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    doc = c.clean(text, mode="article")
    seconds = time.perf_counter() - start
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(json.dumps({"seconds": seconds, "kib": grown, "chars": len(text), "body": len(doc.text),
                      "removed": len(doc.removed), "warnings": doc.warnings}))
""")


def _measure(megabytes: float) -> dict:
    from .properties import SEEDS_DIR

    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SEEDS_DIR), str(megabytes)],
        capture_output=True, text=True, timeout=1800, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.slow
def test_fifty_megabytes_in_linear_time_and_bounded_memory():
    small, large = _measure(5), _measure(50)
    for run in (small, large):
        assert run["body"] > run["chars"] * 0.3 and not run["warnings"]
    if large["seconds"] / small["seconds"] >= 15:
        # a busy machine slows one run: each size's best of two decides
        # (quadratic time would give a ratio near 100, linear near 10)
        small = min(small, _measure(5), key=lambda run: run["seconds"])
        large = min(large, _measure(50), key=lambda run: run["seconds"])
    assert large["seconds"] / small["seconds"] < 15, (small, large)
    # Memory: at most 20 bytes per input character (ru_maxrss is in KiB on Linux).
    # (The growth of the small run is no baseline for a ratio: the allocator
    # reuses memory freed while the text was built.)
    for run in (small, large):
        assert run["kib"] * 1024 < 20 * run["chars"], run
