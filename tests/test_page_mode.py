"""Whole-page text: detection in auto mode, scoring in page mode, none in article mode."""

from __future__ import annotations

import pytest
from conftest import read_fixture

from cleaner import Cleaner
from cleaner.blockmodel import BlockModel

STORY = [
    "The city council approved a new budget on Tuesday after a debate that lasted late into the night.",
    "The budget raises spending on schools by four percent and cuts road maintenance, officials said.",
    "Opposition members said the cuts would hurt residents in the poorer districts of the city.",
    "The council will meet again in April to review the first quarter's figures and new bus lanes.",
]
MENU = ["Home", "News", "Sport", "Business", "Culture", "Weather", "Contact", "Login",
        "Privacy", "Jobs", "Shop", "Events"]
TEASERS = ["Mayor faces questions over stadium deal", "Storm closes schools", "Local team wins cup",
           "New bakery opens downtown", "Traffic chaos on ring road"]
PAGE = "\n".join(MENU + TEASERS + ["Council approves new budget"] + STORY + TEASERS + MENU
                 + ["Terms", "Imprint", "Newsletter"])


@pytest.fixture(scope="module")
def c():
    return Cleaner()


def test_page_mode_keeps_the_story_and_drops_menus(c):
    doc = c.clean(PAGE, mode="page")
    for p in STORY:
        assert p in doc.text
    for item in ("Weather", "Storm closes schools", "Imprint"):
        assert item not in doc.text.split("\n\n")
    assert "score.boilerplate" in {r.rule for r in doc.removed}


def test_article_mode_leaves_menus_to_rules(c):
    doc = c.clean(PAGE, mode="article")
    assert "score.boilerplate" not in {r.rule for r in doc.removed}
    assert "Weather" in doc.text


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_extracted_text_pays_nothing_for_page_scoring(c, seed):
    text = read_fixture(f"seeds/{seed}.txt")
    assert c.clean(text).text == c.clean(text, mode="article").text


def test_auto_mode_takes_a_whole_page_for_one(c):
    news = read_fixture("page_news.txt")
    doc = c.clean(news)  # mode="auto", the default
    assert "score.boilerplate" in {r.rule for r in doc.removed}
    assert doc.text == c.clean(news, mode="page").text
    assert doc.text.startswith("The city council voted on Tuesday")
    assert "Most read" not in doc.text and "Technology" not in doc.text


def _scored_by(block_model: BlockModel, tmp_path) -> Cleaner:
    """A cleaner whose block model is ``block_model``, that takes every text of
    enough menu-like lines for a page and only trims it in auto mode (never
    scoring it as page mode does), and that has no removal guard."""
    rules = tmp_path / "trim_only.toml"
    rules.write_text("[scoring]\nauto_page_probability = 1.0\n", encoding="utf-8")
    c = Cleaner(rules=["default", str(rules)], max_removed_share=1.0, page_max_removed_share=1.0)
    c.block_model = block_model
    c.page_model = BlockModel(bias=10.0)
    return c


def test_auto_mode_never_removes_prose_it_only_suspects(tmp_path):
    # Scoring that calls every block boilerplate but one (the last story
    # paragraph: a sentence with none one or two blocks after it): page mode
    # removes the story with the menus; auto mode keeps blocks of
    # auto_keep_words words that end like sentences.
    harsh = BlockModel(
        bias=-10.0, weights={"sentence": 20.0, "next1_sentence": -20.0, "next2_sentence": -20.0}
    )
    c = _scored_by(harsh, tmp_path)
    news = read_fixture("page_news.txt")
    page = c.clean(news, mode="page").text
    assert page.startswith("Opponents") and "\n" not in page  # the one block it keeps
    story = "The city council voted on Tuesday to approve the construction of a new bridge"
    assert story not in page
    auto = c.clean(news).text
    assert story in auto
    assert "Technology" not in auto.split("\n")


def test_trafilatura_output_pays_nothing_for_page_scoring(c):
    from conftest import FIXTURES

    from cleaner import html as html_mod

    page = html_mod.decode((FIXTURES / "html" / "news_with_chrome.html").read_bytes())
    text, _meta = html_mod.extract(page, None, ())
    assert text
    assert c.clean(text).text == c.clean(text, mode="article").text


def test_auto_mode_only_trims_around_the_story(tmp_path):
    # Scoring keeps the first and last story paragraphs and nothing else (the
    # sentences with at most one sentence within two blocks): page mode also
    # removes the subheading between them, auto mode keeps it.
    story_ends = BlockModel(bias=-12.0, weights={
        "sentence": 20.0, "prev1_sentence": -5.0, "prev2_sentence": -5.0,
        "next1_sentence": -5.0, "next2_sentence": -5.0,
    })
    c = _scored_by(story_ends, tmp_path)
    news = read_fixture("page_news.txt")
    page = c.clean(news, mode="page").text
    assert page.startswith("The city council") and page.split("\n\n")[-1].startswith("Opponents")
    assert "What happens next" not in page and "Supporters said" not in page
    auto = c.clean(news).text
    assert "What happens next" in auto and "Supporters said" in auto
    assert "Technology" not in auto.split("\n") and "Most read" not in auto
