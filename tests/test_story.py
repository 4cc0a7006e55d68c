"""Whole-page text: title, byline and date are read around the story, not in the menu."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.dates import date_from_url, parse_date

PAGE = (Path(__file__).parent / "fixtures" / "whole_page_story.txt").read_text(encoding="utf-8")
STORY_START = "The harbour at Port Ellis reopened"


@pytest.mark.parametrize("mode", ["page", "auto"])
def test_headline_byline_and_date_above_the_story_go_to_metadata(mode):
    doc = cleaner.clean(PAGE, mode=mode)
    meta = doc.metadata
    assert meta.title == "Harbour reopens after a week of repairs"  # the headline, no site name
    assert meta.publisher == "Coastal Times"  # from the page's title line
    assert meta.authors == ["Jane Doe"]
    assert meta.date == "2023-06-17"
    # They leave the body, which starts with the story and keeps all of it.
    assert doc.text.startswith(STORY_START)
    assert "By Jane Doe" not in doc.text and "June 17, 2023" not in doc.text
    assert doc.text.rstrip().endswith("needs to be rebuilt.")
    assert "Related stories" not in doc.text


def test_a_name_beside_the_date_line_is_the_author():
    page = PAGE.replace("By Jane Doe\nJune 17, 2023", "Jane Doe\nJune 17, 2023 at 9:30 am")
    meta = cleaner.clean(page, mode="page").metadata
    assert (meta.authors, meta.date) == (["Jane Doe"], "2023-06-17")


def test_a_byline_with_its_date_on_one_line():
    page = PAGE.replace("By Jane Doe\nJune 17, 2023", "By Jane Doe • June 17, 2023 • 4 min read")
    meta = cleaner.clean(page, mode="page").metadata
    assert (meta.authors, meta.date) == (["Jane Doe"], "2023-06-17")


def test_without_a_headline_above_the_story_the_title_line_gives_it():
    page = PAGE.replace("Harbour reopens after a week of repairs\nBy Jane Doe", "By Jane Doe")
    meta = cleaner.clean(page, mode="page").metadata
    assert meta.title == "Harbour reopens after a week of repairs"
    assert meta.publisher == "Coastal Times"


def test_a_section_label_or_a_date_line_is_no_headline():
    page = PAGE.replace("Harbour reopens after a week of repairs\nBy Jane Doe\n",
                        "By Jane Doe\nRead later\n")
    meta = cleaner.clean(page, mode="page").metadata
    assert meta.title == "Harbour reopens after a week of repairs"  # the title line, not "Read later"


def test_article_mode_reads_the_head_of_the_text_as_before():
    meta = cleaner.clean(PAGE, mode="article").metadata
    assert meta.title == "Harbour reopens after a week of repairs - Coastal Times"
    assert meta.authors == [] and meta.date is None


def test_the_address_gives_the_date_when_the_text_gives_none():
    text = "The harbour reopened on Monday after a week of repairs to the old sea wall. " * 5
    doc = cleaner.clean(text, url="https://example.com/news/2023/06/17/harbour-reopens/")
    assert doc.metadata.date == "2023-06-17"
    dated = cleaner.clean("June 19, 2023\n\n" + text, url="https://example.com/2023/06/17/x")
    assert dated.metadata.date == "2023-06-19"  # the text's own date wins
    assert date_from_url("https://example.com/2023/13/45/x") is None


@pytest.mark.parametrize(("text", "iso"), [
    ("Posted on 2023年6月17日 by Jane", "2023-06-17"),
    ("2023년 6월 17일", "2023-06-17"),
    ("Published: 2023.06.17 | essays", "2023-06-17"),
    ("By: Jane Doe on 17-jun-2023 5:11:10", "2023-06-17"),
    ("6/17/2023 • Essays • Jane Doe", "2023-06-17"),  # month first: the day shows it
    ("06/07/2023", "2023-07-06"),  # either way round: day first, as before
])
def test_date_forms(text, iso):
    assert parse_date(text) == iso


# Bylines as sites write them, in the window around the story's start.
BYLINE = "By Jane Doe\nJune 17, 2023"


def _with_byline(byline: str):
    """The metadata page mode reads from PAGE with ``byline`` in place of its byline."""
    return cleaner.clean(PAGE.replace(BYLINE, byline), mode="page").metadata


@pytest.mark.parametrize(("byline", "authors", "date"), [
    ("By JANE DOE JUNE 17, 2023", ["JANE DOE"], "2023-06-17"),  # no separator before the date
    ("by Jane Doe Jun 17, 2023", ["Jane Doe"], "2023-06-17"),  # a month name is no name
    ("Saturday, June 17, 2023 by Jane Doe", ["Jane Doe"], "2023-06-17"),  # nor is a weekday
    ("By Jane Doe and John Roe | June 17, 2023", ["Jane Doe", "John Roe"], "2023-06-17"),
    ("By\nJane Doe, Ph.D.\nUpdated on June 17, 2023", ["Jane Doe"], "2023-06-17"),
    ("Jane Doe, Staff Writer\nJune 17, 2023", ["Jane Doe"], "2023-06-17"),
    ("Jane Doe\nSenior Editor\nJune 17, 2023", ["Jane Doe"], "2023-06-17"),  # the job is no name
    ("By Jane Doe – Updated Jun 17, 2023 at 1:00 PM EST | Fact-checked by John Roe, Senior Fact Checker",
     ["Jane Doe"], "2023-06-17"),  # a long byline that opens with "By"
])
def test_byline_forms_around_the_story(byline, authors, date):
    meta = _with_byline(byline)
    assert (meta.authors, meta.date) == (authors, date)


@pytest.mark.parametrize("byline", [
    "Edited by\nJohn Roe\nJune 17, 2023",  # another credit: not the author
    "Reviewed by: John Roe\nJune 17, 2023",
])
def test_who_edited_or_reviewed_is_not_the_author(byline):
    meta = _with_byline(byline)
    assert meta.authors == [] and meta.date == "2023-06-17"


def test_by_inside_a_sentence_names_no_author():
    lead = "The repairs were driven by Council Engineers, Harbour Staff and local crews."
    meta = cleaner.clean(PAGE.replace(BYLINE, lead), mode="page").metadata
    assert meta.authors == []


def test_a_byline_the_head_rules_took_stays_when_the_story_is_read():
    # A short page: the byline is among the text's first blocks, where the head
    # rules take it before the story is found; a weekday before a date is no name.
    page = "\n".join([
        "Harbour reopens after a week of repairs | Coastal Times",
        "Harbour reopens after a week of repairs",
        "By Jane Doe",
        "Saturday, June 17, 2023",
        *PAGE.split("\n")[15:21],
    ])
    meta = cleaner.clean(page, mode="page").metadata
    assert (meta.authors, meta.date) == (["Jane Doe"], "2023-06-17")


def test_byline_and_date_under_a_headline_far_above_the_story():
    # Page scoring drops a long run of short lines under the headline (a table
    # of contents); the byline and date stand under the headline, far above
    # where the story is found to start.
    contents = "\n".join(f"Part {n}: what the harbour master said" for n in range(1, 31))
    page = PAGE.replace(BYLINE, BYLINE + "\nContents\n" + contents)
    meta = cleaner.clean(page, mode="page").metadata
    assert meta.title == "Harbour reopens after a week of repairs"
    assert (meta.authors, meta.date) == (["Jane Doe"], "2023-06-17")



def test_byline_above_the_story_when_the_headline_stands_far_above():
    # The headline stands far above the story (a list of contents under it);
    # the byline ("By" on its own line, then the name) stands just above the
    # story's first paragraph, not beside the headline.
    contents = "\n".join(f"Part {n}: what the harbour master said" for n in range(1, 31))
    headline = "Harbour reopens after a week of repairs\n"
    page = PAGE.replace(headline + BYLINE, headline + "Contents\n" + contents
                        + "\nBy\nJane Doe\nJune 17, 2023")
    meta = cleaner.clean(page, mode="page").metadata
    assert meta.title == "Harbour reopens after a week of repairs"
    assert meta.authors == ["Jane Doe"]


@pytest.mark.parametrize(("byline", "authors"), [
    ("By Laura June Smith on June 17, 2023", ["Laura June Smith"]),  # a month's name in a name
    ("Jane Doe June 17, 2023", ["Jane Doe"]),
    ("Jane Doe / June 17, 2023", ["Jane Doe"]),
    ("June 17, 2023 · 5 min · 900 words · Jane Doe", ["Jane Doe"]),
    ("Jane Doe / Metro / Updated: June 17, 2023, 11:05", ["Jane Doe"]),
    ("Jane Doe @janedoe\nJune 17, 2023", ["Jane Doe"]),
    ("June 17, 2023 · Local News", []),  # a section's name is nobody's
])
def test_a_name_beside_the_date_on_its_line(byline, authors):
    meta = _with_byline(byline)
    assert (meta.authors, meta.date) == (authors, "2023-06-17")


def test_a_date_line_and_a_byline_closing_the_story():
    page = PAGE.replace(BYLINE + "\n", "").replace(
        "needs to be rebuilt.\n",
        "needs to be rebuilt.\nThis article was written by Jane Doe, Head of Local News\n"
        "Published June 17, 2023\n")
    meta = cleaner.clean(page, mode="page").metadata
    assert (meta.authors, meta.date) == (["Jane Doe"], "2023-06-17")


def test_a_comment_date_closing_the_story_is_not_its_date():
    page = PAGE.replace(BYLINE + "\n", "").replace(
        "needs to be rebuilt.\n", "needs to be rebuilt.\nPosted June 18, 2023 | 3 comments\n")
    assert cleaner.clean(page, mode="page").metadata.date is None


def test_the_headline_shown_twice_around_a_list_of_contents():
    # "Headline / Jane Doe / date / Contents ... / Headline again / ... story":
    # the byline stands under the first of the two.
    contents = "\n".join(f"Part {n}: what the harbour master said" for n in range(1, 31))
    page = PAGE.replace(BYLINE, BYLINE + "\nShare\nPrint\nSave\nContents\n"
                        "Harbour reopens after a week of repairs\n" + contents)
    meta = cleaner.clean(page, mode="page").metadata
    assert (meta.authors, meta.date) == (["Jane Doe"], "2023-06-17")


@pytest.mark.parametrize("headline", [
    "How Much Does It Cost to Rebuild a Harbour Wall? A Guide for Councils",
    "Harbour Walls vs. Sea Dykes: What the Council Chose",
])
def test_a_headline_with_a_question_or_an_abbreviation_inside(headline):
    page = PAGE.replace("Harbour reopens after a week of repairs", headline)
    meta = cleaner.clean(page, mode="page").metadata
    assert meta.title == headline
    assert (meta.authors, meta.date) == (["Jane Doe"], "2023-06-17")


def test_a_long_headline_opening_the_story_with_its_byline_above():
    headline = ("Harbour at Port Ellis reopens to fishing boats after a week of emergency "
                "repairs to the old sea wall")
    page = PAGE.replace("Harbour reopens after a week of repairs - Coastal Times",
                        headline + " | Coastal Times").replace(
        "Harbour reopens after a week of repairs\nBy Jane Doe\nJune 17, 2023\n",
        "Order now\nJane Doe\nJune 17, 2023\n" + headline + "\n")
    doc = cleaner.clean(page, mode="page")
    assert doc.metadata.title == headline
    assert (doc.metadata.authors, doc.metadata.date) == (["Jane Doe"], "2023-06-17")
    assert doc.text.startswith(STORY_START)


def test_a_title_line_in_japanese_gives_its_headline_and_site():
    head = "港の防波堤、一週間の修理を終えて再開"
    page = PAGE.replace("Harbour reopens after a week of repairs - Coastal Times",
                        head + " ｜ 沿岸タイムズ Online").replace(
        "Harbour reopens after a week of repairs\n", "")
    meta = cleaner.clean(page, mode="page").metadata
    assert (meta.title, meta.publisher) == (head, "沿岸タイムズ Online")


def test_without_a_headline_a_menu_line_is_no_author():
    page = PAGE.replace("Harbour reopens after a week of repairs\nBy Jane Doe\nJune 17, 2023\n",
                        "Local\nCareers\nEmployee Portal\nContact\n")
    assert cleaner.clean(page, mode="page").metadata.authors == []


@pytest.mark.parametrize(("byline", "authors"), [
    ("Par Jeanne Dupont (Bruxelles, bureau européen)\nJune 17, 2023", ["Jeanne Dupont"]),
    ("Von Max Mustermann | June 17, 2023", ["Max Mustermann"]),
    ("著者：山田太郎\nJune 17, 2023", ["山田太郎"]),
    ("投稿者 Jane Doe\nJune 17, 2023", ["Jane Doe"]),
])
def test_bylines_in_other_languages(byline, authors):
    meta = _with_byline(byline)
    assert (meta.authors, meta.date) == (authors, "2023-06-17")


def test_a_name_alone_two_lines_under_the_headline():
    page = PAGE.replace(BYLINE, "Listen to this article\nJane Doe, @janedoe")
    meta = cleaner.clean(page, mode="page").metadata
    assert meta.authors == ["Jane Doe"]


def test_a_labelled_date_at_the_end_of_a_long_byline():
    byline = ("Local News Edited by Jane Doe (with inputs from the harbour office and agencies) "
              "Updated: June 17, 2023 03:49 pm")
    meta = _with_byline(byline)
    assert meta.date == "2023-06-17"


def test_the_title_line_gives_the_date_when_the_story_gives_none():
    page = PAGE.replace("Harbour reopens after a week of repairs - Coastal Times",
                        "Harbour reopens after a week of repairs - 17/06/2023 - Local - Coastal Times"
                        ).replace(BYLINE, "By Jane Doe")
    meta = cleaner.clean(page, mode="page").metadata
    assert (meta.authors, meta.date) == (["Jane Doe"], "2023-06-17")


def test_a_headline_of_two_sentences_that_the_title_line_repeats():
    headline = "Harbour reopens after repairs. Boats are back at Port Ellis"
    page = PAGE.replace("Harbour reopens after a week of repairs", headline)
    meta = cleaner.clean(page, mode="page").metadata
    assert (meta.title, meta.publisher) == (headline, "Coastal Times")
    assert (meta.authors, meta.date) == (["Jane Doe"], "2023-06-17")


def test_a_date_in_a_sentence_under_the_story_start_is_not_its_date():
    page = PAGE.replace(BYLINE + "\n", "By Jane Doe\n").replace(
        "A full survey", "The council's guidance was updated on June 3, 2020.\nA full survey")
    assert cleaner.clean(page, mode="page").metadata.date is None


def test_a_menu_of_by_lines_names_no_author():
    page = PAGE.replace("Weather\n", "Weather\nBy Role\nBy Industry\nBy Company Size\n").replace(
        BYLINE + "\n", "")
    assert cleaner.clean(page, mode="page").metadata.authors == []


@pytest.mark.parametrize(("byline", "authors"), [
    ("By Jane Doe Updated June 17, 2023", ["Jane Doe"]),
    ("By Jane Doe Last Updated: June 17, 2023", ["Jane Doe"]),
    ("By Jane Doe June 17, 2023", ["Jane Doe"]),
    ("By Jane Doe, Senior Analyst | June 17, 2023", ["Jane Doe"]),
    ("By Jane Doe Staff Writer | June 17, 2023", ["Jane Doe"]),
])
def test_the_job_or_the_date_label_after_a_byline_is_no_name(byline, authors):
    meta = _with_byline(byline)
    assert (meta.authors, meta.date) == (authors, "2023-06-17")


@pytest.mark.parametrize(("byline", "authors"), [
    ("Jane Doe on June 17, 2023", ["Jane Doe"]),
    ("Jane Doe Published 10:19am 17 June 2023", ["Jane Doe"]),
    ("Author Posted by Jane Doe on June 17, 2023", ["Jane Doe"]),
    ("Jane Doe and John Roe\nJune 17, 2023", ["Jane Doe", "John Roe"]),
    ("Jane Doe COASTAL TIMES\nJune 17, 2023", ["Jane Doe"]),
    ("By by JANE DOE and JOHN ROE\nJune 17, 2023", ["JANE DOE", "JOHN ROE"]),
    ("Is It Safe NOW?\nJune 17, 2023", []),
])
def test_more_byline_forms(byline, authors):
    meta = _with_byline(byline)
    assert (meta.authors, meta.date) == (authors, "2023-06-17")


def test_the_address_date_wins_over_the_title_line_date():
    page = PAGE.replace("Harbour reopens after a week of repairs - Coastal Times",
                        "Harbour reopens after a week of repairs - 17/06/2023 - Local - Coastal Times"
                        ).replace(BYLINE, "By Jane Doe")
    meta = cleaner.clean(page, url="https://example.com/2023/06/16/harbour/", mode="page").metadata
    assert meta.date == "2023-06-16"


def test_a_date_in_numbers_is_read_in_the_order_the_page_writes_them():
    dated = PAGE.replace("June 17, 2023", "06/12/2023")
    assert cleaner.clean(dated, mode="page").metadata.date == "2023-12-06"  # day first
    # the page's other dates put the month first: "06/20/2023" has no month 20
    month_first = dated.replace("Storm damage closes coast road",
                                "Storm damage closes coast road 06/20/2023")
    assert cleaner.clean(month_first, mode="page").metadata.date == "2023-06-12"
    # a date written out with its month first says nothing of the order of numbers
    spelled = dated.replace("Storm damage closes coast road",
                            "Storm damage closes coast road June 20, 2023")
    assert cleaner.clean(spelled, mode="page").metadata.date == "2023-12-06"


TEASERS = ("Storm damage closes coast road\nby John Smith\nJune 2, 2023\n"
           "Ferry timetable changes for the summer\nby John Smith\nMay 28, 2023\n")


@pytest.mark.parametrize("byline", [
    "Jane Doe\n17 June 2023 / 09:30 GMT",
    "Posted by Jane Doe on June 17, 2023 June 20, 2023",
])
def test_the_byline_and_date_under_the_headline_win_over_a_teasers_above_it(byline):
    # Teasers above the headline have bylines and dates of their own, which
    # the head rules read first; the story's own stand under its headline.
    page = PAGE.replace("Local\nHarbour reopens", TEASERS + "Local\nHarbour reopens")
    meta = cleaner.clean(page.replace(BYLINE, byline), mode="page").metadata
    assert meta.title == "Harbour reopens after a week of repairs"
    assert (meta.authors, meta.date) == (["Jane Doe"], "2023-06-17")
    # With no byline of its own, the story keeps the one the head rules read.
    meta = cleaner.clean(page.replace(BYLINE + "\n", ""), mode="page").metadata
    assert meta.authors == ["John Smith"]
