"""Metadata from HTML pages as news sites write them: tags, authors, dates,
datelines; and the helpers that normalise them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.dates import writes_date, written_dates
from cleaner.html import publication_date
from cleaner.metadata import domain_stem, names_site, split_list

STORY = [
    ("Thousands of academic staff at British universities are being treated as second-class "
     "citizens on precarious contracts, says a report on casual labour in higher education."),
    ("The report by the union claims institutions have created a pool of low-paid staff to "
     "teach undergraduates, conduct research and work in libraries."),
    ("It calls on the regulator to require each university to publish figures showing their "
     "use of casual contracts, and to set targets for reducing them."),
    ("The findings come in the middle of long-running industrial action over pensions and pay, "
     "with further strikes on the cards later this year."),
]


def page(head: str = "", paragraphs: list[str] = STORY, before: str = "", after: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>Academics treated as second-class citizens</title>{head}</head>"
        f"<body><article><h1>Academics treated as second-class citizens</h1>{before}{body}"
        f"{after}</article></body></html>"
    )


# ---------------------------------------------------------------- tags


def test_joined_and_repeated_tags_are_split_stripped_and_deduplicated():
    tags = "Higher education,Academics,Students ,Education"
    head = (
        f'<meta property="article:tag" content="{tags}">'
        f'<meta name="keywords" content="{tags}">'
        '<meta property="article:section" content="Education">'
    )
    doc = cleaner.clean_html(page(head), url="https://www.example-news.com/education/2020/jan/20/x")
    assert doc.metadata.tags == ["Education", "Higher education", "Academics", "Students"]


@pytest.mark.parametrize(
    "values, expected",
    [
        (["Education", "Higher education,Academics ", "education"], ["Education", "Higher education", "Academics"]),
        ("US,AWARDS, SAG ;Film", ["US", "AWARDS", "SAG", "Film"]),
        (["Media Industry ", "  "], ["Media Industry"]),
        (None, []),
    ],
)
def test_split_list(values, expected):
    assert split_list(values) == expected


# ---------------------------------------------------------------- authors


@pytest.mark.parametrize(
    "author, site, url, expected",
    [
        ("Rob Picheta, CNN", "CNN", "https://edition.cnn.com/2021/03/08/uk/story/index.html", ["Rob Picheta"]),
        ("Denis Dilba; Heise Online", "Technology Review", "https://www.heise.de/newsticker/meldung/x.html", ["Denis Dilba"]),
        ("Pete Evans · CBC News", "cbc.ca", "https://www.cbc.ca/news/business/x", ["Pete Evans"]),
        ("The Investopedia Team, Margaret James", "Investopedia", "https://www.investopedia.com/x", ["Margaret James"]),
        # a site named alone is the author the page gives (a company blog, a personal site)
        ("BBC News", "BBC News", "https://www.bbc.co.uk/news/x", ["BBC News"]),
        ("Rick Steves", "Rick Steves", "https://www.ricksteves.com/travel-tips/x", ["Rick Steves"]),
        ("Jane Doe and the-guardian", "The Guardian", "https://www.theguardian.com/x", ["Jane Doe"]),
        ("Paul Graham", "Essays", "http://paulgraham.com/greatwork.html", ["Paul Graham"]),
    ],
)
def test_site_names_are_not_authors(author, site, url, expected):
    head = f'<meta name="author" content="{author}"><meta property="og:site_name" content="{site}">'
    doc = cleaner.clean_html(page(head), url=url)
    assert doc.metadata.authors == expected


def test_byline_naming_the_site_beside_a_person():
    head = '<meta property="og:site_name" content="Example Daily">'
    url = "https://www.exampledaily.com/2024/story"
    doc = cleaner.clean_html(page(head, before="<p>By Jane Doe and Example Daily Staff</p>"), url=url)
    assert doc.metadata.authors == ["Jane Doe"]
    assert "By Jane Doe" not in doc.text
    assert "news.byline" in {r.rule for r in doc.removed}
    alone = cleaner.clean_html(page(head, before="<p>By Example Daily Staff</p>"), url=url)
    assert alone.metadata.authors == ["Example Daily Staff"]
    assert "By Example Daily" not in alone.text


def test_names_site():
    assert names_site("CNN", "CNN")
    assert names_site("cnn.com", None, "https://edition.cnn.com/")
    assert names_site("SPIEGEL ONLINE", None, "https://www.spiegel.de/politik/")
    assert names_site("Fox News", None, "https://www.foxnews.com/politics/")
    assert names_site("The Verge", None, "https://www.theverge.com/x")
    assert not names_site("Jane Doe", "CNN", "https://edition.cnn.com/")
    assert not names_site("Paul Graham", None, "http://paulgraham.com/")  # a person's own domain
    assert not names_site("News", "CNN", "https://edition.cnn.com/")


def test_domain_stem():
    assert domain_stem("https://edition.cnn.com/x") == "cnn"
    assert domain_stem("https://news.bbc.co.uk/x") == "bbc"
    assert domain_stem("www.t-online.de") == "tonline"
    assert domain_stem("http://192.168.0.1/x") is None
    assert domain_stem(None) is None


# ---------------------------------------------------------------- dates


def test_a_copyright_year_is_not_a_publication_date():
    doc = cleaner.clean_html(page(after="<p>Copyright 2024 Example Media Group</p>"))
    assert doc.metadata.date is None
    doc = cleaner.clean_html(page(after="<footer><p>© 2023 Example Media. All rights reserved.</p></footer>"))
    assert doc.metadata.date is None


def test_a_first_of_january_the_page_gives_is_kept():
    head = '<meta property="article:published_time" content="2024-01-01T09:30:00+00:00">'
    doc = cleaner.clean_html(page(head, after="<p>Copyright 2024 Example Media Group</p>"))
    assert doc.metadata.date == "2024-01-01"
    written = page(before="<p>Published 1 January 2024</p>", after="<p>© 2024 Example Media</p>")
    assert cleaner.clean_html(written).metadata.date == "2024-01-01"


def test_other_dates_pass_through():
    head = '<meta property="article:published_time" content="2020-01-20T09:30:00+00:00">'
    assert cleaner.clean_html(page(head)).metadata.date == "2020-01-20"
    assert publication_date("2020-01-20", "<p>© 2019</p>", None) == "2020-01-20"
    assert publication_date(None, "<p>© 2019</p>", None) is None
    assert publication_date("2019-01-01", "<p>Copyright 2019</p>", None) is None


def test_written_dates():
    assert written_dates("Posted 1 January 2024, updated 2024-01-03 (© 2024)") == {
        "2024-01-01", "2024-01-03"}
    assert written_dates("Copyright 2024") == set()


_DATE_PARTS = ["2024", "2023", "-", "/", ".", " ", "1", "01", "12", "31", "January", "Jan.",
               "1st", "de", ",", "<p>", "©", "x", "\n   "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PARTS), max_size=30),
       st.sampled_from(["2024-01-01", "2023-12-31", "2024-12-01", "2023-01-01"]))
def test_writes_date_finds_what_the_whole_scan_finds(parts, date):
    text = "".join(parts)
    assert writes_date(text, date) == (date in written_dates(text)), text


def test_writes_date_reads_only_around_the_year():
    page = "<div>" + "<span class='x'>© 2019</span>" * 5000 + "<p>1 January 2019</p>"
    assert writes_date(page, "2019-01-01")
    assert not writes_date(page.replace("1 January", "11 January"), "2019-01-01")
    assert not writes_date("12019-01-01 and 2019-01-011", "2019-01-01")


# ---------------------------------------------------------------- datelines


def test_topic_heading_is_not_a_dateline():
    heading = "<h2>Coronavirus: New York ramps up mass burials amid outbreak</h2>"
    doc = cleaner.clean_html(page(before=heading), url="https://www.example-news.com/news/x")
    assert doc.metadata.dateline is None


def test_cnn_dateline_without_a_space():
    first = ("London (CNN)It was the interview that some within Buckingham Palace must have "
             "feared, and it was more revealing than many could have imagined.")
    doc = cleaner.clean_html(page(paragraphs=[first, *STORY[1:]]), url="https://edition.cnn.com/x")
    assert doc.metadata.dateline == "London" and doc.metadata.agency == "CNN"
    assert doc.text.startswith("London (CNN)It was")


@pytest.mark.parametrize(
    "first, dateline",
    [
        (("TOKYO, June 18 (Reuters) – U.S. Secretary of State Anthony Blinken arrives in Beijing "
          "on Sunday, the first U.S. diplomat to visit China in five years."), "TOKYO"),
        (("Washington: US Secretary of State Antony Blinken will travel to Beijing on June 18-19 "
          "to hold a series of meetings with senior Chinese officials."), "Washington"),
        (("Berlin – Die Bundesregierung will die Schuldenbremse im kommenden Jahr wieder "
          "einhalten, sagte der Finanzminister am Montag in Berlin."), "Berlin"),
        ("Coronavirus: New York ramps up mass burials amid outbreak", None),
        ("Brexit: What the deal means for you", None),
    ],
)
def test_dateline_forms_in_text(first, dateline):
    doc = cleaner.clean("\n\n".join([first, *STORY]), mode="article")
    assert doc.metadata.dateline == dateline
