"""The title rule's tests (in the core) answer as the Python they replace:
Python's ``str.split``, ``str.isalnum``, ``str.casefold`` and ``str.islower``,
the ``regex`` module's ``\\s`` and ``\\p{Lu}``."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.metadata import looks_like_title, normalise_key

# The tests as they were written in Python: the reference of the core's.
_SENTENCE_BREAK = regex.compile(r"[.!?…][\"”’»]?\s+[\p{Lu}\"“‘«]")
_LIST_ITEM = regex.compile(r"[-–•*·]\s")


def reference_looks_like_title(text: str, max_words: int = 30) -> bool:
    words = text.split()
    if not 2 <= len(words) <= max_words or len(text) > 300:
        return False
    if text[-1] in ".,;:\N{DEVANAGARI DANDA}\N{IDEOGRAPHIC FULL STOP}" and not text.endswith("..."):
        return False
    if _LIST_ITEM.match(text):
        return False
    first = text.lstrip("\"“‘'«(")[:1]
    if not first or first.islower():
        return False
    return _SENTENCE_BREAK.search(text) is None


def reference_normalise_key(text: str) -> str:
    return "".join(filter(str.isalnum, text.casefold()))


PIECES = list(".!?…\"”’»“‘«'(-–•*·,;:।。 \t\N{NO-BREAK SPACE}\N{IDEOGRAPHIC SPACE}\x1c\u2028"
              "AaZzÉéßẞİıΣσςǅǄﬁ²Ⅻⅻ١\N{DEVANAGARI VOWEL SIGN AA}\u0345ⓐⒶ😀_") + [
    "...", "Word", "word", "The", "NASA", " ", "  "]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16), st.integers(1, 8))
def test_title_tests_are_pythons(pieces, max_words):
    text = "".join(pieces)
    assert looks_like_title(text, max_words) == reference_looks_like_title(text, max_words), text
    assert normalise_key(text) == reference_normalise_key(text), text


def test_title_tests_take_lone_surrogates():
    assert normalise_key("a\ud800B") == "ab"
    assert looks_like_title("Two words\ud800")
