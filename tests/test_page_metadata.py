"""Metadata from HTML pages as news sites write them, and the helpers that normalise it."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.metadata import split_list

STORY = [
    "Thousands of academic staff at British universities are being treated as second-class "
    "citizens on precarious contracts, says a report on casual labour in higher education.",
    "The report by the union claims institutions have created a pool of low-paid staff to "
    "teach undergraduates, conduct research and work in libraries.",
    "It calls on the regulator to require each university to publish figures showing their "
    "use of casual contracts, and to set targets for reducing them.",
    "The findings come in the middle of long-running industrial action over pensions and pay, "
    "with further strikes on the cards later this year.",
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
