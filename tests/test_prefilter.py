"""Literal prefilters: they may only skip text that a pattern cannot match."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import prefilter, ruleset


def test_factors_of_an_alternation_are_one_literal_per_branch():
    found = prefilter.factors(r"(?<![\p{L}])(?:Your\s+email\s+address|E-?Mail)(?![\p{L}])")
    assert set(found) == {"address", "mail"}


def test_factors_are_case_folded_and_read_single_letter_classes():
    assert prefilter.factors(r"[Ww]eiterLESEN") == ("weiterlesen",)


def test_a_pattern_without_a_required_literal_always_runs():
    assert prefilter.factors(r"\d{1,2}\s\d{2}") is None
    assert prefilter.factors(r"\d{1,2}:\d{2}") == (":",)
    assert prefilter.factors(r"(?:read|\d+)\s+more") == ("more",)  # the needed word
    assert prefilter.factors(r"(?:ab|cd)") is None  # too short to be worth a test
    assert prefilter.factors(r"x*(?:more)?") is None  # optional parts are not needed


def test_punctuation_is_a_usable_literal_however_short():
    assert prefilter.factors(r"[^|]{1,40}(?:\s*\|\s*[^|]{1,40}){2,}") == ("|",)


def test_unreadable_syntax_means_no_prefilter():
    assert prefilter.factors(r"(?V1)[[a-z]--[aeiou]]+ing") in (None, ("ing",))
    assert prefilter.factors(r"(unbalanced") is None


def test_literal_index_finds_the_blocks_each_pattern_can_match():
    index = prefilter.LiteralIndex([("read more",), None, ("cookie", "datenschutz")])
    texts = ["The story.", "READ MORE: other", "Wir nutzen Cookies", "Datenschutz"]
    assert index.holders(texts) == [[1], [0, 1], [1, 2], [1, 2]]


def test_literal_index_offsets_survive_case_folding_that_changes_length():
    index = prefilter.LiteralIndex([("strasse",), ("mehr",)])
    assert index.holders(["Die STRAẞE", "ß ß ß", "mehr"]) == [[0], [], [1]]


def test_every_shipped_pattern_example_passes_its_prefilter():
    for rule in ruleset.load().rules:
        if rule.action in ("title", "remove-element") or (
            rule.pattern is None and rule.match == "block"
        ):
            continue
        found = prefilter.factors(rule.regex_source)
        for text in rule.examples_match:
            assert prefilter.present(found, text.casefold()), (rule.id, text)


PATTERNS = [
    r"(?:Read|Lesen)\s+(?:more|mehr)",
    r"(?i:weiter)lesen\b",
    r"[Ee]-?[Mm]ail(?:-Adresse)?",
    r"(?:Foto|Bild):\s*\p{Lu}\w+",
    r"©\s*\d{4}",
    r"(?:ab)+c{2,}",
]
WORDS = ["read", "Read", "MORE", "mehr", "weiter", "LESEN", "e-mail", "Email", "Foto:", "Bild",
         "©", "2024", "abab", "cc", "ccc", " ", "\n", "ẞ", "ß", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from(PATTERNS))
def test_the_prefilter_never_hides_a_match(words, pattern):
    text = " ".join(words)
    compiled = regex.compile(pattern, regex.IGNORECASE)
    if compiled.search(text):
        assert prefilter.present(prefilter.factors(pattern), text.casefold())


# No literal of 3 characters or more: these are gated by their first letter or digit.
GATED = [r"(?:[Ii]l|IL)\s+y\s+a\s+\d+", r"(?:\d{1,3}|un)\s*mn\s+fa",
         r"(?:[Hh]á|HÁ)\s+(?:\d{1,3}|uma?)"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Il", "il", "y", "a", "3", "»", "-", " ", "heures", "uma", "12",
                                 "mn", "fa", "Há", "ẞ", "x", "İl", "IL", "ıl"]), max_size=8))
def test_the_first_character_gate_never_hides_a_match(words):
    # Whole-block patterns without literals run in the core only on blocks whose
    # first letter or digit can start them: the gate must never hide a match.
    from cleaner.compile import RuleBook
    from cleaner.ruleset import Rule

    text = " ".join(words)
    for pattern in GATED:
        rule = Rule(id="t.x", action="drop", source="t", pattern=pattern)
        assert RuleBook([rule], 1.0).hits(0)(text) == (rule.compile().fullmatch(text) is not None)


def test_literal_index_gives_the_same_answer_in_chunks(monkeypatch):
    index = prefilter.LiteralIndex([("read more",), None, ("cookie", "datenschutz")])
    texts = ["The story.", "READ MORE: other", "Wir nutzen Cookies", "Datenschutz"] * 5
    whole = index.holders(texts)
    monkeypatch.setattr(prefilter, "_CHUNK", 20)
    assert index.holders(texts) == whole
