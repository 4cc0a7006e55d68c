"""Property tests: any text in, a well-formed Document (or the project's own error) out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from .properties import (
    MODES,
    PATTERN_ACTIONS,
    PATTERN_MATCHES,
    check_clean,
    check_clean_html,
    check_pattern,
    check_second_pass,
    default_cleaner,
    documents,
    pages,
    pattern_texts,
    rule_patterns,
    seed_texts,
    seeded,
    unicode_text,
    urls,
)


@given(text=unicode_text, mode=st.sampled_from(MODES))
def test_any_unicode(text, mode):
    doc = check_clean(text, mode)
    if doc is not None:
        check_second_pass(doc, mode)


@given(text=documents, mode=st.sampled_from(MODES), url=urls)
def test_stories_with_chrome_and_odd_characters(text, mode, url):
    doc = check_clean(text, mode, url)
    if doc is not None:
        check_second_pass(doc, mode, url)


@given(text=seeded(), mode=st.sampled_from(MODES))
def test_real_stories_with_chrome_keep_their_story(text, mode):
    doc = check_clean(text, mode)
    assert doc is not None and doc.text
    check_second_pass(doc, mode)


def test_real_stories_are_a_fixed_point():
    c = default_cleaner()
    for text in seed_texts():
        for mode in MODES:
            once = c.clean(text, mode=mode).text
            assert c.clean(once, mode=mode).text == once


@settings(max_examples=max(10, settings.default.max_examples // 2))  # HTML is slower
@given(html=pages(), url=urls)
def test_any_html(html, url):
    check_clean_html(html, url)
    check_clean_html(html.encode("utf-8", "surrogatepass"))


@given(pat=rule_patterns, case_sensitive=st.booleans(), match=st.sampled_from(PATTERN_MATCHES),
       action=st.sampled_from(PATTERN_ACTIONS), text=pattern_texts)
def test_rule_patterns_match_as_in_the_regex_module(pat, case_sensitive, match, action, text):
    check_pattern(pat, case_sensitive, match, action, text)


def test_fuzz_script_runs():
    from . import fuzz

    assert fuzz.main(["--seconds", "0.1", "--examples", "3"]) == 0
