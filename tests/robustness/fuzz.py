"""Run the robustness properties for a given time: ``python -m tests.robustness.fuzz --seconds 600``.

Each round runs every property with fresh random inputs until the time is up.
A failure prints the smallest input Hypothesis found (keep it as a test in
``tests/robustness/test_regressions.py``) and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .properties import (
    MODES,
    PATTERN_ACTIONS,
    PATTERN_MATCHES,
    check_clean,
    check_clean_html,
    check_pattern,
    check_second_pass,
    documents,
    pages,
    pattern_texts,
    rule_patterns,
    urls,
)


def _properties(examples: int):
    config = settings(max_examples=examples, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck), print_blob=True)

    @config
    @given(text=documents, mode=st.sampled_from(MODES), url=urls)
    def text(text, mode, url):
        doc = check_clean(text, mode, url)
        if doc is not None:
            check_second_pass(doc, mode, url)

    @config
    @given(html=pages(), url=urls)
    def html(html, url):
        check_clean_html(html, url)

    @config
    @given(pat=rule_patterns, case_sensitive=st.booleans(), match=st.sampled_from(PATTERN_MATCHES),
           action=st.sampled_from(PATTERN_ACTIONS), text=pattern_texts)
    def patterns(pat, case_sensitive, match, action, text):
        check_pattern(pat, case_sensitive, match, action, text)

    return {"text": text, "html": html, "patterns": patterns}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.robustness.fuzz", description=__doc__)
    parser.add_argument("--seconds", type=float, default=300, help="how long to run (default 300)")
    parser.add_argument("--examples", type=int, default=200, help="examples per property and round")
    parser.add_argument("--only", choices=["text", "html", "patterns"], help="run one property")
    args = parser.parse_args(argv)
    properties = _properties(args.examples)
    names = [args.only] if args.only else list(properties)
    start = time.monotonic()
    rounds = failures = 0
    while time.monotonic() - start < args.seconds:
        for name in names:
            try:
                properties[name]()
            except Exception:  # noqa: BLE001 - report every failure, keep going
                failures += 1
                print(f"--- {name}: property failed", file=sys.stderr)
                traceback.print_exc()
        rounds += 1
    seconds = time.monotonic() - start
    print(f"{rounds} rounds x {args.examples} examples x {len(names)} properties "
          f"in {seconds:.0f} s; {failures} failures", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
