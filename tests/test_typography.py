from __future__ import annotations

import pytest

from cleaner import Cleaner, Config, ruleset
from cleaner.typography import Typography, TypographySettings

SETTINGS = TypographySettings.from_tables(ruleset.load(["typography"]).settings_for("typography"))


def fix(text: str, language: str | None = "en", **options) -> str:
    t = Typography(Config(**options), SETTINGS)
    return t.fix(text, t.plan(text, language))


def test_mojibake_is_fixed():
    assert fix("The minister\u00e2\u20ac\u2122s visit") == "The minister\u2019s visit"


def test_html_entities_are_unescaped():
    assert fix("Fish &amp; chips") == "Fish & chips"


def test_ftfy_is_skipped_for_text_that_cannot_need_it(monkeypatch):
    import cleaner.typography as typo

    def boom(*a, **k):
        raise AssertionError("ftfy called")

    monkeypatch.setattr(typo.ftfy, "fix_text", boom)
    assert fix("Plain ASCII text, nothing to fix.") == "Plain ASCII text, nothing to fix."
    assert fix("Curly “quotes” and café are fine") == "Curly “quotes” and café are fine"


def test_odd_spaces_become_spaces_and_invisible_characters_go():
    assert fix("a\N{NO-BREAK SPACE}b\N{NARROW NO-BREAK SPACE}c") == "a b c"
    assert fix("zero\N{ZERO WIDTH SPACE}width soft\N{SOFT HYPHEN}hyphen") == "zerowidth softhyphen"


def test_doubled_spaces_collapse():
    assert fix("two  spaces   here") == "two spaces here"


def test_low9_quotes_in_english_become_curly_pairs():
    assert fix("„We are ready,” he said.") == "“We are ready,” he said."


@pytest.mark.parametrize("language", ["de", "pl"])
def test_low9_quotes_stay_in_languages_that_use_them(language):
    assert fix("„Tak”, powiedział.", language=language) == "„Tak”, powiedział."


@pytest.mark.parametrize(
    "option, text",
    [
        ("fix_mojibake", "minister\u00e2\u20ac\u2122s"),
        ("fix_spaces", "a\N{NO-BREAK SPACE}b"),
        ("collapse_spaces", "a  b"),
        ("fix_low9_quotes", "„Hi,” he said"),
    ],
)
def test_each_fix_can_be_switched_off(option, text):
    assert fix(text, **{option: False}) == text


def test_paragraphs_normalised_from_single_newlines_and_blank_lines():
    c = Cleaner(rules=["typography"])
    one = "First paragraph here.\nSecond paragraph here.\r\nThird one."
    blank = "First paragraph here.\n\n\nSecond paragraph here.\n  \nThird one."
    expected = "First paragraph here.\n\nSecond paragraph here.\n\nThird one."
    assert c.clean(one).text == expected
    assert c.clean(blank).text == expected
