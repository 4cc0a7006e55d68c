"""Golden removals of the rules stage: for a few fixture texts, every removal
(rule id, start, end) the shipped rules make in article mode (rules only, no
page scoring), compared exactly.

The golden file was written by the pure-Python rules stage, before chrome and
replace rules moved to the core. To rewrite it after a deliberate change of
the rules (and review the diff):

    python tests/test_rules_golden.py --update
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "rules_golden.json"
TEXTS = sorted(p.relative_to(FIXTURES).as_posix() for p in (FIXTURES / "seeds").glob("*.txt")) + [
    "page_news.txt",
    "page_article.txt",
    "chrome_mix.txt",
]


def removals(cleaner, name: str) -> dict:
    doc = cleaner.clean((FIXTURES / name).read_text(encoding="utf-8"), mode="article")
    return {
        "removed": [[r.rule, r.start, r.end] for r in doc.removed],
        "metadata": {k: v for k, v in doc.to_dict()["metadata"].items() if k != "fingerprint"},
    }


@pytest.mark.parametrize("name", TEXTS)
def test_rules_remove_exactly_what_they_did(cleaner_default, name):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert removals(cleaner_default, name) == golden[name]


def test_the_golden_texts_exercise_every_kind_of_chrome_rule():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    rules = {rule for entry in golden.values() for rule, _, _ in entry["removed"]}
    assert {"chrome.pipe-menu", "chrome.dash-menu", "chrome.social-strip", "chrome.copyright",
            "en.read-insert", "en.share", "en.advertisement", "en.comments", "en.related",
            "chrome.site-tagline", "news.credits"} <= rules


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    import cleaner

    c = cleaner.Cleaner()
    out = {name: removals(c, name) for name in TEXTS}
    GOLDEN.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{GOLDEN}: {sum(len(v['removed']) for v in out.values())} removals")
