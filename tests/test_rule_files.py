"""Bad rule files fail to load with one clear error naming file, rule and problem."""

from __future__ import annotations

import textwrap

import pytest

from cleaner import Cleaner, RuleError

GOOD = """
[[rule]]
id = "site.footer"
description = "Footer of my site"
action = "cut-to-end"
phrases = ["Elsewhere on My Site"]
examples.match = ["Elsewhere on My Site"]
examples.no_match = ["Elsewhere on my site later, he said."]
"""


def write(tmp_path, body: str, name: str = "mine.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def load_error(tmp_path, body: str) -> str:
    path = write(tmp_path, body)
    with pytest.raises(RuleError) as info:
        Cleaner(rules=[str(path)])
    assert str(path) in str(info.value)
    return str(info.value)


def test_user_file_adds_rules(tmp_path):
    path = write(tmp_path, GOOD)
    c = Cleaner(rules=["default", str(path)])
    text = ("A story paragraph long enough to count as the body of the story, with words.\n"
            "Elsewhere on My Site\nTeaser one\nTeaser two")
    doc = c.clean(text)
    assert doc.text.startswith("A story paragraph")
    assert "Teaser" not in doc.text
    assert [r.rule for r in doc.removed] == ["site.footer"]


def test_folder_of_rule_files(tmp_path):
    write(tmp_path, GOOD, "a.toml")
    c = Cleaner(rules=[str(tmp_path)])
    assert [r.id for r in c.ruleset.rules] == ["site.footer"]


@pytest.mark.parametrize(
    "body, problem",
    [
        ("[[rule]\nid=", "invalid TOML"),
        (GOOD.replace('action = "cut-to-end"', 'action = "explode"'), "unknown or missing action"),
        (GOOD.replace('phrases = ["Elsewhere on My Site"]', 'pattern = "(unclosed"'), "bad pattern"),
        (GOOD.replace('description = "Footer of my site"\n', ""), "missing 'description'"),
        (GOOD + GOOD, "duplicate id"),
        (GOOD.replace('examples.no_match = ["Elsewhere on my site later, he said."]',
                      'examples.no_match = ["Elsewhere on My Site"]'), "should not match"),
        (GOOD.replace('examples.match = ["Elsewhere on My Site"]', 'examples.match = ["Other"]'),
         "should match but does not"),
        (GOOD.replace('action = "cut-to-end"', 'action = "cut-to-end"\ncolour = "red"'),
         "unknown key 'colour'"),
        (GOOD.replace('action = "cut-to-end"', 'action = "cut-to-end"\nwithin = "5"'),
         "'within' must be int"),
        (GOOD.replace('phrases = ["Elsewhere on My Site"]', "phrases = []"), "non-empty list"),
        (GOOD.replace('action = "cut-to-end"', 'action = "cut-to-end"\nmatch = "contains"'),
         "must match a whole block"),
        (GOOD.replace('action = "cut-to-end"', 'action = "cut-to-end"\nwhere = "tail"'),
         "needs 'within'"),
    ],
)
def test_bad_rule_files(tmp_path, body, problem):
    message = load_error(tmp_path, body)
    assert problem in message
    if "TOML" not in problem:
        assert "site.footer" in message


def test_extract_groups_must_be_metadata_fields(tmp_path):
    body = GOOD.replace('action = "cut-to-end"', 'action = "extract"').replace(
        'phrases = ["Elsewhere on My Site"]', "pattern = '(?P<colour>Elsewhere on My Site)'")
    assert "metadata fields" in load_error(tmp_path, body)


def test_missing_file_is_named():
    with pytest.raises(RuleError, match="no such rule file"):
        Cleaner(rules=["/nonexistent/rules.toml"])


def test_site_pack_applies_only_to_its_domain(tmp_path):
    path = write(tmp_path, '[ruleset]\nsites = ["example.com"]\n' + GOOD)
    c = Cleaner(rules=[str(path)])
    text = ("A story paragraph long enough to count as the body of the story, with words.\n"
            "Elsewhere on My Site\nTeaser")
    assert "Teaser" not in c.clean(text, url="https://www.example.com/a/b").text
    assert "Teaser" in c.clean(text, url="https://news.other.org/x").text
    assert "Teaser" in c.clean(text).text


@pytest.mark.parametrize(
    "pattern, construct",
    [
        ("(Elsewhere)(?(1) on| in) My Site", "conditional group"),
        ("Elsewhere on My Site{e<=1}", "fuzzy matching"),
        ("(?r)Elsewhere on My Site", "reverse searching flag"),
    ],
)
def test_pattern_no_engine_runs_fails_when_the_cleaner_is_built(tmp_path, pattern, construct):
    # The regex module reads these; the core's engines cannot run them.
    body = GOOD.replace('phrases = ["Elsewhere on My Site"]', f"pattern = '{pattern}'")
    message = load_error(tmp_path, body)
    assert "site.footer" in message and "pattern not supported" in message
    assert construct in message


def test_shipped_examples_do_not_run_on_every_load(monkeypatch, tmp_path):
    """The shipped sets' examples run in the tests and `rules test`; a user's file's run at load."""
    from cleaner.rules import load, loading

    checked = []
    monkeypatch.setattr(loading, "check_rule_examples", lambda rule, *a: checked.append(rule.id))
    load(["default"])
    assert checked == []
    own = tmp_path / "own.toml"
    own.write_text(
        '[[rule]]\nid = "own.promo"\ndescription = "A promo line"\naction = "drop"\n'
        'phrases = ["Buy now"]\nexamples.match = ["Buy now"]\n',
        encoding="utf-8",
    )
    load(["default", str(own)])
    assert checked == ["own.promo"]


def test_a_bad_pattern_error_points_into_the_users_pattern(tmp_path):
    """The position is in the pattern as written, not in the pattern wrapped in edges."""
    import cleaner

    path = tmp_path / "own.toml"
    path.write_text(
        '[[rule]]\nid = "own.bad"\ndescription = "A bad pattern"\naction = "drop"\n'
        "pattern = 'Read (more|all) [z-a]'\nexamples.match = [\"Read more\"]\n",
        encoding="utf-8",
    )
    with pytest.raises(cleaner.RuleError, match=r"own\.bad.*at character 1[67]\b"):
        cleaner.Cleaner(rules=[str(path)])
