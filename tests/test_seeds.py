"""The five seed texts are the first spec of what clean output means."""

from __future__ import annotations

import pytest
from conftest import read_fixture

SEEDS = ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="module")
def docs(cleaner_default):
    return {s: (read_fixture(f"seeds/{s}.txt"), cleaner_default.clean(read_fixture(f"seeds/{s}.txt")))
            for s in SEEDS}


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n")]


def rules_fired(doc) -> set[str]:
    return {r.rule for r in doc.removed}


def test_000_nothing_removed_paragraphs_separated(docs):
    raw, doc = docs["000"]
    assert doc.removed == []
    assert paragraphs(doc.text) == [line for line in raw.split("\n") if line.strip()]
    assert doc.metadata.dateline == "Washington"
    assert doc.metadata.language == "en"


def test_001_reuters_story(docs):
    _raw, doc = docs["001"]
    m = doc.metadata
    assert m.title == "Blinken is set to embark on a rare trip to China"
    assert m.dateline == "TOKYO" and m.agency == "Reuters"
    assert m.credits == ["Statement by Humeya Pamuk", "Editing by Daniel Wallis"]
    assert "READ" not in doc.text
    assert doc.text.endswith("reluctant to cooperate in this matter.")
    for gone in ("Our Standards", "Humera cotton", "Thomson Reuters", "correspondent in Washington",
                 "Dodaj komentarz", "Wymagane pola"):
        assert gone not in doc.text
    assert "„" not in doc.text
    assert "“There is a recognition on both sides,” a senior" in doc.text
    assert {"news.title", "en.read-insert", "news.credits"} <= rules_fired(doc)
    assert sum(r.rule == "en.read-insert" for r in doc.removed) == 2


def test_002_urdupoint_story(docs):
    _raw, doc = docs["002"]
    m = doc.metadata
    assert m.date == "2023-06-17" and m.publisher == "UrduPoint.com"
    assert m.title == ("Blinken Embarks On 2-Day Visit To China To Revive Bilateral Contacts "
                       "Amid Rising Tensions")
    assert m.authors == ["Faizan Hashmi"]
    assert m.dateline == "WASHINGTON" and m.agency == "Sputnik"
    assert "Blinken Embarks" not in doc.text  # the repeat with other capitalisation goes too
    assert "US APPEARS TO SEEK DIPLOMATIC THAW" in paragraphs(doc.text)
    assert doc.text.endswith("on June 21-22 in London.")
    assert doc.text.startswith("WASHINGTON (UrduPoint News / Sputnik - 17th June, 2023) US Secretary")
    cut = next(r for r in doc.removed if r.rule == "en.related")
    assert cut.text.startswith("Related Topics") and cut.text.endswith("Reproduction without proper consent is not allowed.")


def test_003_spy_uganda_story(docs):
    _raw, doc = docs["003"]
    m = doc.metadata
    assert m.title.startswith("Worried Of Russia’s Supremacy")
    assert m.authors == ["Spy Uganda Correspondent"]
    assert "\N{NO-BREAK SPACE}" not in doc.text
    assert "Secretary of State Antony Blinken has arrived in Beijing for" in doc.text
    assert doc.text.endswith("including Kai Li, Mark Swidan and David Lin.")
    assert {"news.title", "news.byline", "chrome.site-tagline", "en.related"} <= rules_fired(doc)
    cut = next(r for r in doc.removed if r.rule == "en.related")
    assert cut.text.startswith("Related Post") and "Leave a Reply" in cut.text


def test_004_dated_story(docs):
    _raw, doc = docs["004"]
    m = doc.metadata
    assert m.title == "Blinken to engage Chinese counterparts during visit to China next week"
    assert m.date == "2024-04-21" and m.dateline == "Washington"
    assert paragraphs(doc.text)[0].startswith("21st April 2024 – (Washington) U.S. Secretary")
    assert "Antony Blinken\n" not in doc.text + "\n"


@pytest.mark.parametrize("seed", SEEDS)
def test_story_paragraphs_survive_unaltered_but_typography(docs, seed):
    raw, doc = docs[seed]
    kept = paragraphs(doc.text)
    assert all(p and p == p.strip() and "  " not in p for p in kept)
    raw_lines = [" ".join(line.replace("\N{NO-BREAK SPACE}", " ").split()) for line in raw.splitlines()]
    for p in kept:  # every kept paragraph is an input line, up to typography
        assert p in raw_lines or p.replace("“", "„") in raw_lines or "„" in " ".join(raw_lines)


@pytest.mark.parametrize("seed", SEEDS)
def test_idempotent(cleaner_default, docs, seed):
    _raw, doc = docs[seed]
    assert cleaner_default.clean(doc.text).text == doc.text


@pytest.mark.parametrize("seed", SEEDS)
def test_removals_point_into_the_input(docs, seed):
    raw, doc = docs[seed]
    for r in doc.removed:
        assert raw[r.start : r.end] == r.text
    starts = [r.start for r in doc.removed]
    assert starts == sorted(starts)


def test_syndicated_copies_share_a_fingerprint_neighbourhood(docs):
    a = int(docs["000"][1].metadata.fingerprint, 16)
    b = int(docs["002"][1].metadata.fingerprint, 16)
    c = int(docs["003"][1].metadata.fingerprint, 16)
    assert (a ^ b).bit_count() <= 3
    assert (a ^ c).bit_count() > 10
