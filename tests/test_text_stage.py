"""The text stage (blocks, typography, language, fingerprint) against golden outputs.

tests/fixtures/text_stage.json was written by the pure-Python stages before the
compiled core took them over (bench/text_golden.py); the core must give the
same spans, fixed lines, language and fingerprint, exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.text_golden import fixture_texts, golden
from cleaner import Cleaner, _core
from cleaner.blocks import split

GOLDEN = json.loads((Path(__file__).parent / "fixtures" / "text_stage.json").read_text("utf-8"))
TEXTS = fixture_texts()


def test_every_fixture_has_a_golden_output() -> None:
    assert sorted(GOLDEN) == sorted(TEXTS)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_text_stage_matches_golden_output(name: str) -> None:
    assert golden(TEXTS[name]) == GOLDEN[name]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_split_spans_are_those_of_the_blocks(name: str) -> None:
    text = TEXTS[name]
    spans = [list(span) for span in split(text)]
    # Blocks that typography emptied are left out; the others keep their spans.
    kept = set(map(tuple, GOLDEN[name]["spans"]))
    assert kept <= set(map(tuple, spans))
    for start, end in spans:
        line = text[start:end]
        assert line and not line[0].isspace() or line[0] in "\x1c\x1d\x1e\x1f"


def test_split_edge_cases() -> None:
    assert split("") == []
    assert split(" \n\t\r\n\N{NO-BREAK SPACE}") == []
    assert split("a b\n\n  c \r\nd") == [(0, 3), (7, 8), (11, 12)]
    assert split("x\N{LINE SEPARATOR}y\N{PARAGRAPH SEPARATOR}z\x85w") == [(0, 1), (2, 3), (4, 5), (6, 7)]
    assert split("\N{GRINNING FACE} é\n\u00e9") == [(0, 3), (4, 5)]


def test_language_of_the_pipeline_and_the_classifier() -> None:
    doc = Cleaner().clean(TEXTS["seeds/000.txt"])
    assert doc.metadata.language == GOLDEN["seeds/000.txt"]["language"] == "en"
    label, probability = _core.classify_language(
        "Der Minister sagte am Dienstag, die Regierung werde dem Parlament ihren Haushalt vorlegen."
    )
    assert label == "de" and 0.9 < probability <= 1.0
