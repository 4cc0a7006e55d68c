"""The metadata rules at the boundary of the core: one call per run, the loop
over windows and blocks in the core, the fields gathered in Python."""

from __future__ import annotations

import pytest

from cleaner import _core
from cleaner.blocks import Block
from cleaner.engine import meta_state, run_metadata
from cleaner.metadata import MetadataBuilder, NewsSettings
from cleaner.rules import compile, parse_file

STORY = "The story itself goes on for quite a few words here, as stories do."
NEWS = NewsSettings(("Reuters",))

RULES = [
    {"id": "t.title", "action": "title", "where": "head", "within": 1, "max_words": 30,
     "repeat_within": 5, "examples": {"match": ["Blinken Heads To China"]}},
    {"id": "t.dateline", "action": "extract", "where": "head", "within": 1, "keep": True,
     "pattern": r"(?P<dateline>[A-Z]{3,}) \((?P<agency>\w+)\) - .+",
     "examples": {"match": ["BEIJING (Reuters) - Blinken arrived."]}},
    {"id": "t.byline", "action": "extract", "where": "head", "within": 3,
     "pattern": r"By (?P<author>\w+ \w+)", "examples": {"match": ["By Jane Doe"]}},
    {"id": "t.credits", "action": "extract", "where": "tail", "within": 4, "then": "cut-to-end",
     "max_words": 12, "pattern": r"\(?(?P<credits>Editing by [^()]+)\)?",
     "examples": {"match": ["(Editing by Joe Roe)"]}},
    {"id": "t.updated", "action": "extract", "where": "head", "within": 3,
     "pattern": r"Updated (?P<date>.+)", "examples": {"match": ["Updated 1 May 2024"]}},
]


def table(rules: list[dict] = RULES) -> _core.MetaTable:
    parsed, _ = parse_file(
        "test.toml", {"rule": [{"description": "A rule of the tests.", **r} for r in rules]}
    )
    return compile.RuleBook(parsed, 1.0).tables(range(len(parsed))).metadata_table


def blocks_of(*texts: str) -> list[Block]:
    return [Block(0, len(t), t) for t in texts]


def removed(blocks: list[Block]) -> list[tuple[int, str, bool]]:
    return [(i, b.rule, b.cut) for i, b in enumerate(blocks) if b.rule is not None]


def test_the_rules_fire_in_turn_and_name_the_blocks_they_take():
    blocks = blocks_of("Blinken Heads To China", "By Jane Doe",
                       "BEIJING (Reuters) - Blinken arrived on Sunday.", STORY, STORY,
                       "(Editing by Joe Roe)", "Recent Stories", "Teaser")
    meta = MetadataBuilder()
    assert run_metadata(blocks, table(), meta, NEWS, min_words=5)
    # The title is the first block; the byline gone, the dateline (kept) is the
    # first block left, where its rule reads it.
    assert removed(blocks) == [
        (0, "t.title", False), (1, "t.byline", False),
        (5, "t.credits", False), (6, "t.credits", True), (7, "t.credits", True),
    ]
    assert meta.values == {"title": "Blinken Heads To China", "dateline": "BEIJING",
                           "agency": "Reuters"}
    assert meta.authors == ["Jane Doe"]
    assert meta.credits == ["Editing by Joe Roe"]


def test_a_rule_fires_only_when_a_field_is_taken_and_once_per_document():
    t = table()
    # A date that does not parse sets no field: no fire, the block stays.
    blocks = blocks_of("Updated whenever", STORY, STORY)
    meta = MetadataBuilder()
    state = meta_state(blocks, t, skip=[0])  # not the title rule: it reads as a headline
    assert not run_metadata(blocks, t, meta, NEWS, min_words=5, state=state)
    assert removed(blocks) == []
    assert state.fired(4) is False
    blocks[0] = Block(0, 0, "Updated 1 May 2024")
    assert run_metadata(blocks, t, meta, NEWS, min_words=5, state=state)
    assert removed(blocks) == [(0, "t.updated", False)]
    assert meta.values == {"date": "2024-05-01"}
    # Credits fire once; a second run over the same state does not fire them again.
    blocks = blocks_of(STORY, STORY, "Editing by Joe Roe", "Teaser", "Editing by Ann Poe")
    meta = MetadataBuilder()
    state = meta_state(blocks, t)
    assert run_metadata(blocks, t, meta, NEWS, min_words=5, state=state, tail_only=True)
    assert state.fired(3)
    blocks[2].rule = blocks[3].rule = blocks[4].rule = None
    assert not run_metadata(blocks, t, meta, NEWS, min_words=5, state=state, tail_only=True)


def test_a_known_title_is_dropped_where_the_text_repeats_it():
    blocks = blocks_of("THE TITLE, as the page gives it!", STORY, "The title as the page gives it")
    meta = MetadataBuilder(values={"title": "The title as the page gives it"})
    assert run_metadata(blocks, table(), meta, NEWS, min_words=5)
    assert removed(blocks) == [(0, "t.title", False), (2, "t.title", False)]


def test_skip_and_opened_windows():
    t = table()
    blocks = blocks_of(STORY, STORY, STORY, "By Jane Doe", STORY)
    assert not run_metadata(blocks, t, MetadataBuilder(), NEWS, min_words=5)
    meta = MetadataBuilder()
    assert run_metadata(blocks, t, meta, NEWS, min_words=5, opened=True, skip=[0, 1, 3])
    assert removed(blocks) == [(3, "t.byline", False)]
    assert meta.authors == ["Jane Doe"]


def test_errors_of_the_fields_come_through():
    blocks = blocks_of(STORY, STORY, "Editing by Joe Roe")

    class Broken(MetadataBuilder):
        def add(self, groups, news):
            raise KeyError("broken")

    with pytest.raises(KeyError):
        run_metadata(blocks, table(), Broken(), NEWS, min_words=5)


def test_a_state_belongs_to_its_table_and_document():
    blocks = blocks_of(STORY, "Editing by Joe Roe")
    state = meta_state(blocks, table(RULES[:2]))
    with pytest.raises(ValueError, match="another table"):
        run_metadata(blocks, table(), MetadataBuilder(), NEWS, min_words=5, state=state)
    state = meta_state(blocks[:1], table())
    with pytest.raises(ValueError, match="past the blocks"):
        run_metadata(blocks, table(), MetadataBuilder(), NEWS, min_words=5, state=state)
