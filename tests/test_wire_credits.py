"""Wire-agency credit forms at the end of a story go to metadata and leave the body."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

TITLE = "Central bank holds rates as inflation cools"
STORY = [
    ("FRANKFURT (Reuters) - The central bank kept interest rates unchanged on Thursday, saying "
     "inflation was cooling faster than expected but that it was too early to declare victory."),
    ("Policymakers voted unanimously to hold the deposit rate, the bank said in a statement, "
     "adding that it would keep a close watch on wages and energy prices in the months ahead."),
    ("Economists had widely expected the decision after figures last week showed consumer "
     "prices rising at their slowest pace in more than two years across the currency bloc."),
    ("The bank's president is due to explain the decision at a news conference later in the "
     "day, where she is expected to face questions about the timing of the first cut."),
]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(mode="article")


def _clean(cleaner: Cleaner, *tail: str):
    return cleaner.clean("\n\n".join([TITLE, *STORY, *tail]))


def _rule_of(doc, text: str) -> str | None:
    for removal in doc.removed:
        if text in removal.text:
            return removal.rule
    return None


@pytest.mark.parametrize(
    "line, rule, credits",
    [
        ("(Reporting by Jane Doe in Frankfurt; Editing by Mark Potter)", "news.credits",
         ["Reporting by Jane Doe in Frankfurt", "Editing by Mark Potter"]),
        (("(Reporting by Jane Doe; Additional reporting by John Roe in Paris; Writing by Mary Major; "
          "Editing by Mark Potter and Simon Cameron-Moore)"), "news.credits",
         ["Reporting by Jane Doe", "Additional reporting by John Roe in Paris",
          "Writing by Mary Major", "Editing by Mark Potter and Simon Cameron-Moore"]),
        ("Additional reporting by John Roe in Paris", "news.credits",
         ["Additional reporting by John Roe in Paris"]),
        ("Associated Press writer Jill Lawless in London contributed to this report.", "news.contributed",
         ["Associated Press writer Jill Lawless in London contributed to this report"]),
        ("-- AFP", "news.signoff", ["AFP"]),
        ("(AFP)", "news.signoff", ["AFP"]),
        ("dpa/lni", "news.signoff", ["dpa/lni"]),
        ("--With assistance from Jane Doe and John Roe.", "news.assistance",
         ["With assistance from Jane Doe and John Roe"]),
        ("To contact the reporter on this story: Jane Doe in Frankfurt at jdoe@example.net",
         "news.reporter-contact",
         ["To contact the reporter on this story: Jane Doe in Frankfurt at jdoe@example.net"]),
    ],
)
def test_credit_forms(cleaner: Cleaner, line: str, rule: str, credits: list[str]) -> None:
    doc = _clean(cleaner, line)
    assert doc.metadata.credits == credits
    assert _rule_of(doc, line) == rule
    assert line not in doc.text
    for paragraph in STORY:
        assert paragraph in doc.text


def test_signoff_names_the_agency(cleaner: Cleaner) -> None:
    story = [p.replace("FRANKFURT (Reuters) - ", "") for p in STORY]
    doc = cleaner.clean("\n\n".join([TITLE, *story, "— AFP"]))
    assert doc.metadata.agency == "AFP" and doc.metadata.credits == ["AFP"]


def test_bloomberg_contact_block_goes_whole(cleaner: Cleaner) -> None:
    doc = _clean(
        cleaner,
        "--With assistance from John Roe.",
        "To contact the reporter on this story: Jane Doe in Frankfurt at jdoe@example.net",
        "To contact the editors responsible for this story: Mark Potter at mpotter@example.net",
        "For more articles like this, please visit us at example.com",
    )
    assert doc.metadata.credits == [
        "With assistance from John Roe",
        "To contact the reporter on this story: Jane Doe in Frankfurt at jdoe@example.net",
    ]
    assert doc.text.rstrip().endswith(STORY[-1])


def test_credit_like_prose_stays(cleaner: Cleaner) -> None:
    prose = [
        ("Several factors contributed to the decline, analysts said, pointing to lower energy "
         "prices and weaker demand from abroad."),
        "With assistance from the government, the bank's staff moved into the new tower in 2015.",
    ]
    doc = _clean(cleaner, *prose)
    assert doc.metadata.credits == []
    for paragraph in prose:
        assert paragraph in doc.text
