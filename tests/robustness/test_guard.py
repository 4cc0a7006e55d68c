"""The removal guard: rules or scoring never eat a whole story; batches count when it fired."""

from __future__ import annotations

import argparse
import json
import textwrap

import pytest

from cleaner import Cleaner, Config
from cleaner.assemble import GUARD_WARNING
from cleaner.batch import add_batch_parser, iter_clean, run_batch

from .properties import seed_texts

EVERYTHING = textwrap.dedent("""\
    [[rule]]
    id = "mine.everything"
    description = "Drops every line"
    action = "drop"
    pattern = '.+'
    examples.match = ["Anything at all"]
    """)
MOST = textwrap.dedent("""\
    [[rule]]
    id = "mine.most"
    description = "Drops every line but the one saying KEEP"
    action = "drop"
    pattern = '(?!KEEP).+'
    examples.match = ["Anything at all"]
    examples.no_match = ["KEEP"]
    """)


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    (folder / "everything.toml").write_text(EVERYTHING, encoding="utf-8")
    (folder / "most.toml").write_text(MOST, encoding="utf-8")
    return folder


def _guarded(doc) -> list[str]:
    return [w for w in doc.warnings if w.startswith(GUARD_WARNING + ":")]


@pytest.mark.parametrize("mode", ["article", "page", "auto"])
def test_rule_that_drops_everything_keeps_the_story(rules, mode):
    c = Cleaner(rules=["default", str(rules / "everything.toml")])
    text = seed_texts()[1]
    doc = c.clean(text, mode=mode)
    assert len(_guarded(doc)) == 1 and "mine.everything" in _guarded(doc)[0]
    assert "100%" in _guarded(doc)[0]
    assert doc.removed == []
    # Kept whole: every line of the input, typography aside.
    assert doc.text.count("\n\n") == sum(1 for line in text.splitlines() if line.strip()) - 1


def test_rules_removing_more_than_the_share_keep_the_story(rules):
    c = Cleaner(rules=[str(rules / "most.toml")])
    text = "KEEP\n" + seed_texts()[0]
    doc = c.clean(text, mode="article")
    assert _guarded(doc) and "mine.most" in _guarded(doc)[0]
    assert doc.text.startswith("KEEP\n\n") and len(doc.text) > 1000
    relaxed = Cleaner(rules=[str(rules / "most.toml")], max_removed_share=1.0)
    doc = relaxed.clean(text, mode="article")
    assert doc.text == "KEEP" and not _guarded(doc)


def test_trivial_body_is_not_guarded(rules):
    c = Cleaner(rules=[str(rules / "everything.toml")])
    short = "A short note.\nAnother line."
    assert len(short) < Config().guard_min_chars
    doc = c.clean(short)
    assert doc.text == "" and doc.warnings == [] and len(doc.removed) == 1


def _args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="article-cleaner")
    add_batch_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["batch", *argv])


def test_batch_counts_guarded_documents(rules, tmp_path, capsys):
    stories = seed_texts()
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n"
                              for i, t in enumerate([*stories, "Short line."])))
    out = tmp_path / "out.jsonl"
    status = run_batch(_args([str(source), "-o", str(out), "--rules", "default",
                              "--rules", str(rules / "everything.toml")]))
    assert status == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [bool(r["warnings"]) for r in records] == [True] * len(stories) + [False]
    summary = capsys.readouterr().err
    assert f"with warnings  {len(stories)} (removal guard fired: {len(stories)})" in summary


def test_batch_regex_timeout_option_turns_a_slow_document_into_an_error(tmp_path, capsys):
    rule = tmp_path / "slow.toml"
    rule.write_text(textwrap.dedent("""\
        [[rule]]
        id = "mine.slow"
        description = "Backtracks (the lookbehind keeps it off the linear-time engine)"
        action = "drop"
        pattern = '(a+)+(?<!b)$'
        examples.match = ["aaa"]
        """), encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "ok", "text": seed_texts()[0]}) + "\n"
                      + json.dumps({"id": "slow", "text": "a" * 200_000 + "!"}) + "\n")
    out = tmp_path / "out.jsonl"
    with pytest.warns(UserWarning, match="mine.slow"):
        status = run_batch(_args([str(source), "-o", str(out), "--rules", str(rule),
                                  "--regex-timeout", "0.2"]))
    assert status == 1  # a record failed: the batch says so in its exit status
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records[0]["error"] is None
    assert records[1]["error"].startswith("RuleTimeoutError:") and "0.2 s" in records[1]["error"]
    assert "errors         1" in capsys.readouterr().err
    assert run_batch(_args([str(source), "--regex-timeout", "0"])) == 2


def test_iter_clean_records_carry_the_guard_warning(rules):
    c = Cleaner(rules=["default", str(rules / "everything.toml")])
    (record,) = iter_clean([{"id": "a", "text": seed_texts()[2]}], c)
    assert record["error"] is None and record["warnings"][0].startswith("guard:")
