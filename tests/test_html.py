from __future__ import annotations

import pytest
from conftest import FIXTURES

import cleaner
from cleaner import Cleaner, InputError
from cleaner.html import decode

PAGE = (FIXTURES / "html/news_with_chrome.html").read_bytes()


@pytest.fixture(scope="module")
def doc():
    return cleaner.clean_html(PAGE, url="https://exampledaily.com/2024/budget")


def test_story_paragraphs_kept_and_chrome_gone(doc):
    paras = doc.text.split("\n\n")
    assert paras[0].startswith("SPRINGFIELD (Reuters) – The city council approved")
    assert paras[-1].startswith("The council will meet again in April")
    assert len(paras) == 4
    for gone in ("Share this", "READ ALSO", "Reporting by", "covers city politics",
                 "Great article", "All rights reserved", "Home"):
        assert gone not in doc.text


def test_declared_charset_is_honoured(doc):
    assert "“painful but necessary” for the city’s finances" in doc.text


def test_metadata_merged_page_wins_text_adds(doc):
    m = doc.metadata
    assert m.title == "Council approves new budget"  # page
    assert m.authors == ["Jane Doe"] and m.date == "2024-03-05"  # page
    assert m.publisher == "Example Daily"  # page sitename
    assert m.dateline == "SPRINGFIELD" and m.agency == "Reuters"  # text
    assert m.credits == ["Reporting by Jane Doe", "Editing by Mark Roe"]  # text


def test_rules_that_fired_are_recorded(doc):
    assert {"en.read-insert", "news.credits"} <= {r.rule for r in doc.removed}


def test_css_selector_rules_prune_before_extraction(tmp_path):
    rules = tmp_path / "site.toml"
    rules.write_text(
        '[[rule]]\nid = "site.fineprint"\ndescription = "Fine print box"\n'
        'action = "remove-element"\nselectors = ["p.fineprint"]\n'
        "examples.match = ['<p class=\"fineprint\">x</p>']\n"
        "examples.no_match = ['<p>x</p>']\n"
    )
    html = PAGE.replace(b"<p>The council will meet", b'<p class="fineprint">The council will meet')
    c = Cleaner(rules=["default", str(rules)])
    assert "The council will meet" not in c.clean_html(html).text
    assert "The council will meet" in Cleaner().clean_html(html).text


def test_bad_css_selector_names_rule(tmp_path):
    rules = tmp_path / "bad.toml"
    rules.write_text(
        '[[rule]]\nid = "site.bad"\ndescription = "d"\naction = "remove-element"\n'
        'selectors = ["p[["]\nexamples.match = ["<p>x</p>"]\n'
    )
    with pytest.raises(cleaner.RuleError, match="site.bad.*bad CSS selector"):
        Cleaner(rules=[str(rules)])


@pytest.mark.parametrize(
    "data, expected",
    [
        ("<p>déjà</p>".encode(), "déjà"),
        ('<meta charset="iso-8859-1"><p>déjà</p>'.encode("latin-1"), "déjà"),
        ("<p>déjà</p>".encode("utf-16"), "déjà"),
        ("<p>déjà</p>", "déjà"),
    ],
)
def test_decode(data, expected):
    assert expected in decode(data)


def test_binary_input_is_a_clear_error():
    with pytest.raises(InputError, match="binary"):
        cleaner.clean_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_empty_page_gives_empty_document():
    assert cleaner.clean_html("<html><body></body></html>").text == ""
