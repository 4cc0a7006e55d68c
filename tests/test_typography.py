from __future__ import annotations

import pytest

from cleaner import Cleaner, Config
from cleaner.rules import load
from cleaner.typography import Typography, TypographySettings

SETTINGS = TypographySettings.from_tables(load(["typography"]).settings_for("typography"))


def fix(text: str, language: str | None = "en", **options) -> str:
    """``text``, one line, through the text stage as a text in ``language``."""
    blocks = Typography(Config(**options), SETTINGS).blocks_in(text, language)
    assert len(blocks) <= 1
    return blocks[0].text if blocks else ""


def test_mojibake_is_fixed():
    assert fix("The minister\u00e2\u20ac\u2122s visit") == "The minister\u2019s visit"


def test_html_entities_are_unescaped():
    assert fix("Fish &amp; chips") == "Fish & chips"


def test_ftfy_is_skipped_for_text_that_cannot_need_it(monkeypatch):
    import cleaner.typography as typo

    def boom():
        raise AssertionError("ftfy called")

    monkeypatch.setattr(typo, "fix_text", boom)
    assert fix("Plain ASCII text, nothing to fix.") == "Plain ASCII text, nothing to fix."
    assert fix("Curly “quotes” and café are fine") == "Curly “quotes” and café are fine"


def test_ftfy_is_imported_on_the_first_line_that_needs_it():
    # its import costs a third of Cleaner(): text without mojibake never pays it
    import subprocess
    import sys

    script = (
        "import sys, cleaner\n"
        "c = cleaner.Cleaner()\n"
        "c.clean('Plain text of a story, long enough to be a body with words.')\n"
        "assert 'ftfy' not in sys.modules\n"
        "assert c.clean('Fish &amp; chips are sold here every day of the week.').text"
        " == 'Fish & chips are sold here every day of the week.'\n"
        "assert 'ftfy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_odd_spaces_become_spaces_and_invisible_characters_go():
    assert fix("a\N{NO-BREAK SPACE}b\N{NARROW NO-BREAK SPACE}c") == "a b c"
    assert fix("zero\N{ZERO WIDTH SPACE}width soft\N{SOFT HYPHEN}hyphen") == "zerowidth softhyphen"


def test_a_line_of_only_joiners_or_direction_marks_is_blank():
    # site builders write an empty paragraph as a joiner; beside text it stays
    text = "First paragraph.\n\N{ZERO WIDTH JOINER}\n\N{LEFT-TO-RIGHT MARK} \nSecond paragraph."
    assert Cleaner().clean(text, mode="article").text == "First paragraph.\n\nSecond paragraph."
    assert fix("\N{WOMAN}\N{ZERO WIDTH JOINER}\N{PERSONAL COMPUTER}") == "👩\u200d💻"


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


def test_entities_that_decode_to_odd_spaces_are_fixed_after_ftfy():
    assert fix("Fish&nbsp;&amp; chips") == "Fish & chips"
    assert fix("two&#10;lines &amp;  spaces") == "two lines & spaces"


def test_information_separators_split_and_strip_as_before():
    # regex's \s leaves out U+001C..U+001F, str.strip() does not: a separator can
    # start or end a block's span, never its text.
    c = Typography(Config(fix_mojibake=False), SETTINGS)
    blocks, _ = c.blocks("a\x1cb \x1c\x1d x\x1f \x1c")
    assert [(b.start, b.end, b.text) for b in blocks] == [
        (0, 2, "a"), (2, 5, "b"), (5, 11, "x"),
    ]


def test_block_offsets_index_the_str_in_code_points():
    text = "\N{NO-BREAK SPACE}caf\u00e9 \U0001f600 ok\r\n\u2028\n  na\u00efve  text \u2029x"
    blocks, _ = Typography(Config(), SETTINGS).blocks(text)
    assert [(b.start, b.end) for b in blocks] == [(1, 10), (16, 27), (29, 30)]
    assert [text[b.start : b.end] for b in blocks] == ["caf\u00e9 \U0001f600 ok", "na\u00efve  text", "x"]
    assert [b.text for b in blocks] == ["caf\u00e9 \U0001f600 ok", "na\u00efve text", "x"]


def test_language_is_read_from_the_raw_lines_and_picks_the_quote_style():
    english = "„We are ready,” he said, and the minister agreed with every word of it."
    polish = "„Jesteśmy gotowi”, powiedział minister, a rząd zgodził się z każdym słowem."
    t = Typography(Config(), SETTINGS)
    blocks, language = t.blocks(english)
    assert (language, blocks[0].text[0]) == ("en", "“")
    blocks, language = t.blocks(polish)
    assert (language, blocks[0].text[0]) == ("pl", "„")
    _, language = Typography(Config(detect_language=False), SETTINGS).blocks(english)
    assert language is None


def test_a_lone_surrogate_is_an_input_error_not_a_crash():
    from cleaner import InputError

    c = Cleaner()
    with pytest.raises(InputError, match=r"lone surrogate \(U\+D800\) at index 1"):
        c.clean("a\ud800b")
    with pytest.raises(InputError, match="U\\+DFFF"):
        c.clean("Story text here.\n\n" + "x" * 50 + "\udfff")
    # The fingerprint of such a text is that of its words, as before.
    from cleaner.fingerprint import simhash64

    assert simhash64("one\ud800two") == simhash64("one two")
