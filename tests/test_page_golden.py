"""Golden outputs of the page-scoring stage on fixture texts, compared exactly.

``fixtures/page_scoring_golden.json`` holds, for each fixture text, the block
model's probabilities (to the last bit), the page model's features, and the
rules of the blocks after page scoring in auto and page mode, with the shipped
models and without models (the jusText classes and the hand-set page test).
They were written by the Python implementation of the stage before it moved
into the compiled core, and must not drift. When a change of the stage is
meant to change them, regenerate the file and review the diff:

    python tests/test_page_golden.py
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = FIXTURES / "page_scoring_golden.json"
TEXTS = ("page_news.txt", "page_article.txt", "seeds/000.txt")
MODES = ("auto", "page")


def _cleaners() -> tuple[Cleaner, Cleaner]:
    plain = Cleaner()
    plain.block_model = plain.page_model = None
    return Cleaner(), plain


def outputs(name: str, shipped: Cleaner, plain: Cleaner) -> dict:
    """What the golden file holds for one fixture text."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    blocks, lang, _ = shipped._ruled_blocks(text, url=None)
    scorer = shipped._page_scorer(lang)
    entry: dict = {
        "language": lang,
        "probabilities": scorer.probabilities(blocks),
        "page_features": scorer.page_features(blocks),
    }
    for mode in MODES:
        for suffix, c in (("", shipped), ("_without_models", plain)):
            scored = copy.deepcopy(blocks)
            page = c._score(scored, lang, mode)
            entry[mode + suffix] = {"page": page, "rules": [b.rule for b in scored]}
    return entry


@pytest.fixture(scope="module")
def cleaners() -> tuple[Cleaner, Cleaner]:
    return _cleaners()


@pytest.mark.parametrize("name", TEXTS)
def test_page_scoring_matches_the_golden_outputs(name: str, cleaners) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    got = outputs(name, *cleaners)
    assert got["language"] == golden["language"]
    assert got["probabilities"] == golden["probabilities"]  # exactly, not approximately
    assert got["page_features"] == golden["page_features"]
    for key in golden:
        if key.startswith(MODES):
            assert got[key] == golden[key], key


def test_the_golden_outputs_cover_both_verdicts() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(golden) == set(TEXTS)
    assert golden["page_news.txt"]["auto"]["page"] and not golden["page_article.txt"]["auto"]["page"]
    assert "score.boilerplate" in golden["page_news.txt"]["page"]["rules"]


def write() -> None:
    """Write the golden outputs of the installed build."""
    shipped, plain = _cleaners()
    data = {name: outputs(name, shipped, plain) for name in TEXTS}
    GOLDEN.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
    sys.exit(0)
