"""Every shipped rule's examples run as a test of their own."""

from __future__ import annotations

import pytest

from cleaner.errors import RuleError
from cleaner.rules import check_rule_examples, load, parse_file, shipped_rule_files

SHIPPED = load(["default"], check_examples=False)


@pytest.mark.parametrize("rule", SHIPPED.rules, ids=lambda r: r.id)
def test_rule_examples(rule):
    check_rule_examples(rule)


def test_every_rule_has_negative_examples_or_is_a_marker():
    missing = [r.id for r in SHIPPED.rules
               if not r.examples_no_match and not (r.match == "block" and r.phrases)]
    assert missing == []


def test_rule_ids_are_unique_and_prefixed_by_their_file():
    ids = [r.id for r in SHIPPED.rules]
    assert len(ids) == len(set(ids))
    for rule in SHIPPED.rules:
        stem = rule.source.removesuffix(".toml").split("/")[-1]
        assert rule.id.split(".")[0] in (stem, stem.split(".")[0]), rule.id


def test_shipped_sets_are_found_by_name():
    names = shipped_rule_files()
    for name in ("typography", "news", "chrome", "en"):
        assert name in names


def test_shipped_css_selectors_translate():
    # loading the shipped sets skips this check (cssselect's import is a tenth
    # of building a Cleaner); it is made here instead
    import tomllib

    files = shipped_rule_files()
    checked = 0
    for name, resource in files.items():
        data = tomllib.loads(resource.read_text(encoding="utf-8"))
        rules, _ = parse_file(name + ".toml", data, check_selectors=True)
        checked += sum(len(r.selectors) for r in rules if r.action == "remove-element")
    assert checked > 0


def test_a_bad_selector_in_a_users_file_fails_the_load(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text(
        '[[rule]]\nid = "mine.box"\naction = "remove-element"\n'
        'description = "a box"\nselectors = ["div[[["]\n'
        '[rule.examples]\nmatch = [\'<div class="box">x</div>\']\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match="bad CSS selector"):
        load([str(bad)])
