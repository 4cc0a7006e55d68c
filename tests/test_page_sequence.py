"""Sequence decoding of whole-page text, comment threads, and auto mode's choice
between scoring a text as a whole page, trimming it, and leaving it alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomllib
from conftest import read_fixture

from cleaner import Cleaner, scoring
from cleaner.errors import RuleError
from cleaner.page import PageScorer
from cleaner.scoring import SCORING_RULE, ScoringSettings

STORY = (
    "The harbour ferry will keep running through the winter for the first time",
    "Until now the boats were laid up from November to March",
    "The authority said two of its four boats would run every hour",
    "Fares will stay the same",
    "A spokeswoman said the crews had been trained for rougher weather",
    "Shop owners on the quay welcomed the decision",
)
COMMENTS = (
    "Great news for everyone on the island",
    "I hope they keep the early boat at six",
    "Will bikes still be allowed on board in winter?",
)


@pytest.fixture(scope="module")
def c() -> Cleaner:
    return Cleaner()


def _with(tmp_path, body: str) -> Cleaner:
    rules = tmp_path / "scoring_override.toml"
    rules.write_text("[scoring]\n" + body, encoding="utf-8")
    return Cleaner(rules=["default", str(rules)])


def test_the_settings_of_decoding_are_checked():
    s = ScoringSettings.from_tables([("a.toml", {"sequence_leave": 0.02, "thread_story": 0.1})])
    assert (s.sequence_leave, s.thread_story, s.sequence_enter) == (0.02, 0.1, 0.0)
    with pytest.raises(RuleError, match="sequence_enter out of range"):
        ScoringSettings.from_tables([("a.toml", {"sequence_enter": 1.5})])
    with pytest.raises(RuleError, match="auto_page_probability must be float"):
        ScoringSettings.from_tables([("a.toml", {"auto_page_probability": "high"})])


def test_the_shipped_settings_decode_and_read_comment_threads():
    s = ScoringSettings.from_tables([("scoring.toml", _shipped_scoring())], "en")
    assert 0 < s.sequence_leave < 1 and 0 < s.sequence_enter < 1
    assert s.thread_story < 0.5
    assert s.auto_page_probability < 1


def _shipped_scoring() -> dict:
    path = Path(scoring.__file__).resolve().parent.parent / "rules" / "scoring.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["scoring"]


def test_page_mode_keeps_the_story_and_drops_the_comment_thread(c):
    doc = c.clean(read_fixture("page_comments.txt"), mode="page")
    for line in STORY:
        assert line in doc.text
    for line in COMMENTS:
        assert line not in doc.text
    assert "Anna Berg" not in doc.text and "Leave a Reply" not in doc.text
    assert "Environment" not in doc.text.split("\n\n") and "© 2024 Bay Herald" not in doc.text
    assert SCORING_RULE in {r.rule for r in doc.removed}


def test_block_by_block_the_comments_read_as_prose(tmp_path):
    # without decoding (independent verdicts), the block model keeps the
    # comments: they are prose
    plain = _with(tmp_path, "sequence_leave = 0.0\n")
    text = plain.clean(read_fixture("page_comments.txt"), mode="page").text
    assert all(line in text for line in STORY)
    assert any(line in text for line in COMMENTS)


def test_auto_mode_scores_a_sure_whole_page_as_page_mode(c):
    for name in ("page_comments.txt", "page_news.txt"):
        text = read_fixture(name)
        assert c.clean(text).text == c.clean(text, mode="page").text, name


def test_auto_mode_leaves_an_extracted_article_alone(c):
    text = read_fixture("page_article.txt")
    blocks, lang, _ = c._ruled_blocks(text, url=None)
    assert not c._page_scorer(lang).score(blocks, "auto").page
    assert c.clean(text).text == c.clean(text, mode="article").text


def test_auto_mode_only_trims_when_full_page_scoring_is_off(tmp_path):
    trims = _with(tmp_path, "auto_page_probability = 1.0\n")
    text = read_fixture("page_comments.txt")
    auto = trims.clean(text).text
    # trimming keeps what lies between the first and last blocks it keeps, and
    # long sentences: the comments stay, the menu above the story goes
    assert all(line in auto for line in STORY)
    assert any(line in auto for line in COMMENTS)
    assert "Environment" not in auto.split("\n\n")
    assert auto != trims.clean(text, mode="page").text


_MENU = ["Home", "News", "Food & Drink", "Restaurants", "Bars", "Events", "Travel", "Shopping",
         "Arts", "Music", "Film", "Sports", "Real Estate", "Health", "Magazine", "Subscribe",
         "Newsletters", "About Us", "Contact Us", "Advertise", "Jobs", "Privacy Policy",
         "Terms of Use"]
_ITEMS = [
    ("Harbour Kitchen", "Seafood, Mediterranean",
     ("The old fish market on the quay has a new tenant, and the grilled octopus alone is "
     "worth the trip across town for a long lunch.")),
    ("Casa Verde", "Mexican",
     ("A family that ran a food truck for ten years has finally opened a dining room, where "
     "the tacos are made with corn they grind every morning.")),
    ("Little Saigon Noodle Bar", "Vietnamese",
     ("The broth simmers for two days before it is served, and the owners say that the recipe "
     "came with their grandmother when she moved here.")),
    ("The Copper Pot", "Bakery, Cafe",
     ("Bread is baked through the night so that the first loaves come out of the oven when "
     "the doors open at seven in the morning.")),
]


def _listicle() -> str:
    lines = ["The Best New Restaurants to Visit This Month | City Magazine", *_MENU,
             "The Best New Restaurants to Visit This Month", "By Jane Doe December 2, 2025",
             ("Our city has no shortage of great places to eat, and every month brings a "
             "handful of new openings that are worth a visit."),
             ("We went to all of them so that you do not have to guess, and these are the "
             "ones that we would go back to with our friends.")]
    for i, (name, kind, para) in enumerate(_ITEMS):
        lines += [name, kind, f"Photo: Courtesy of Studio {i}", para, f"{100 + i} Main Street",
                  "Google Maps"]
    lines += ["Share", "Facebook", "Twitter", "More from City Magazine", *_MENU[:12],
              "© 2025 City Magazine"]
    return "\n".join(lines)


def test_prose_below_the_story_joins_it_past_photo_credits():
    # a listicle's items, each under a photo credit: the credits are removed by
    # an inline rule, so the later items' paragraphs still join the first
    c = Cleaner()
    assert "en.photo-credit" in c._page_scorer("en").inline
    doc = c.clean(_listicle(), mode="page")
    assert all(para in doc.text for _, _, para in _ITEMS)
    assert "Photo: Courtesy" not in doc.text and "Google Maps" not in doc.text
    # a scorer that takes every removed line for the end of the story keeps
    # the first item only
    plain = Cleaner()
    s = plain._page_scorer("en")
    plain._page_scorers["en"] = PageScorer(s.settings, scoring.stoplist("en"), s.block_model,
                                           s.page_model)
    text = plain.clean(_listicle(), mode="page").text
    assert _ITEMS[0][2] in text and not any(para in text for _, _, para in _ITEMS[1:])


def _page_with_the_story_twice() -> str:
    story = [
        ("The harbour ferry will keep running through the winter for the first time, the port "
         "authority said on Monday."),
        ("Until now the boats were laid up from November to March, and islanders had to take the "
         "long way round by the bridge."),
        ("A spokeswoman said the crews had been trained for rougher weather and that two of the "
         "four boats would run every hour."),
    ]
    return "\n".join([
        "Ferry to run all winter | Bay Herald", *_MENU, "Ferry to run all winter", *story,
        "Share", "Facebook", "Twitter", "Print this story", "Ferry to run all winter", *story,
        *_MENU[:12], "© 2025 Bay Herald",
    ])


def test_page_mode_keeps_one_copy_of_a_story_the_page_holds_twice(c, tmp_path):
    text = _page_with_the_story_twice()
    body = c.clean(text, mode="page").text
    for line in text.splitlines()[25:28]:
        assert body.count(line) == 1, line
    # with the setting off, both copies stay
    twice = _with(tmp_path, "duplicate_min_words = 0\n").clean(text, mode="page").text
    assert twice.count(text.splitlines()[25]) == 2
    # short repeated lines are left to the block model, as before
    assert ScoringSettings.from_tables([("s.toml", _shipped_scoring())]).duplicate_min_words > 4
