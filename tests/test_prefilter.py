"""Literal prefilters: they may only skip text that a pattern cannot match.

The prefilter lives in the core (``core/src/rules/prefilter.rs``, with unit tests
of the literals it finds and of its folding). These tests go through the public
path: a rule compiled by ``cleaner.rules.compile`` must answer as the ``regex`` module
does, prefilter included.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.rules import Rule
from cleaner.rules.compile import RuleBook

PATTERNS = [
    r"(?:Read|Lesen)\s+(?:more|mehr)",
    r"(?i:weiter)lesen\b",
    r"[Ee]-?[Mm]ail(?:-Adresse)?",
    r"(?:Foto|Bild):\s*\p{Lu}\w+",
    r"©\s*\d{4}",
    r"(?:ab)+c{2,}",
    r"Stra(?:ße|sse)\s+\d+",
    r"(?<![\p{L}\p{N}])(?:Your\s+email\s+address|E-?Mail)(?![\p{L}\p{N}])",
]
WORDS = ["read", "Read", "MORE", "mehr", "weiter", "LESEN", "e-mail", "Email", "Foto:", "Bild",
         "©", "2024", "abab", "cc", "ccc", " ", "\n", "ẞ", "ß", "x", "STRASSE", "Straße", "12",
         "your", "EMAIL", "address", "\u212aelvin", "ſ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from(PATTERNS),
       st.booleans())
def test_the_prefilter_never_hides_a_match(words, pattern, case_sensitive):
    text = " ".join(words)
    rule = Rule(id="t.x", action="drop", source="t", pattern=pattern, match="contains",
                max_words=100, case_sensitive=case_sensitive)
    expected = rule.compile().search(text) is not None
    assert RuleBook([rule], 1.0).hits(0)(text) == expected


# No literal of 3 characters or more: these are gated by their first letter or digit.
GATED = [r"(?:[Ii]l|IL)\s+y\s+a\s+\d+", r"(?:\d{1,3}|un)\s*mn\s+fa",
         r"(?:[Hh]á|HÁ)\s+(?:\d{1,3}|uma?)"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Il", "il", "y", "a", "3", "»", "-", " ", "heures", "uma", "12",
                                 "mn", "fa", "Há", "ẞ", "x", "İl", "IL", "ıl"]), max_size=8))
def test_the_first_character_gate_never_hides_a_match(words):
    # Whole-block patterns without literals run only on blocks whose first letter
    # or digit can start them: the gate must never hide a match.
    text = " ".join(words)
    for pattern in GATED:
        rule = Rule(id="t.x", action="drop", source="t", pattern=pattern)
        assert RuleBook([rule], 1.0).hits(0)(text) == (rule.compile().fullmatch(text) is not None)
