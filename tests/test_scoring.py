"""Block scoring of whole-page text: page detection, classification, settings."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from cleaner import scoring
from cleaner.blocks import Block
from cleaner.errors import RuleError
from cleaner.page import Decision, PageScorer, PageVerdict
from cleaner.scoring import ScoringSettings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

STORY = [
    ("The city council voted on Tuesday to approve the construction of a new bridge across "
     "the river, ending a debate that had lasted for more than two years."),
    ("Supporters said the bridge would cut travel times for thousands of commuters and bring "
     "new business to the neighbourhoods on the eastern bank of the river."),
    ("Construction is expected to begin in the spring, and the council said it would publish "
     "a detailed timetable for the works within the next few weeks."),
]


def rules_settings(language: str | None = None) -> ScoringSettings:
    data = tomllib.loads((ROOT / "rules" / "scoring.toml").read_text(encoding="utf-8"))
    return ScoringSettings.from_tables([("scoring.toml", data["scoring"])], language)


def lines(name: str) -> list[str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [s for s in (line.strip() for line in text.splitlines()) if s]


def blocks_of(texts: list[str], removed: tuple[int, ...] = ()) -> list[Block]:
    """Blocks of ``texts``; those at the indices ``removed`` a rule removed."""
    blocks = [Block(0, 0, t) for t in texts]
    for i in removed:
        blocks[i].rule = "some.rule"
    return blocks


def scorer(settings: ScoringSettings, language: str | None = "en") -> PageScorer:
    """The stage without models: the jusText classes and the hand-set page test."""
    return PageScorer(settings, scoring.stoplist(language))


def kept(blocks: list[str], settings: ScoringSettings, language: str | None = "en") -> list[str]:
    """The blocks page mode keeps, by the jusText classes."""
    verdict = scorer(settings, language).score(blocks_of(blocks), "page")
    assert verdict.page
    return [b for b, d in zip(blocks, verdict.decisions) if d != Decision.REMOVED]


def looks_like_page(blocks: list[str], settings: ScoringSettings) -> bool:
    """Whether auto mode takes the text for a whole page, by the hand-set test."""
    return scorer(settings).score(blocks_of(blocks), "auto").page


def feature(line: str, name: str, settings: ScoringSettings, language: str | None = "en") -> float:
    """One block-model feature of a line alone."""
    return scorer(settings, language).columns(blocks_of([line]))[name][0]


SHAPES = ("menu", "more", "ago", "date", "legal", "social", "title_case", "chrome")


def shape(line: str, settings: ScoringSettings) -> str | None:
    """The boilerplate shape of a line alone, if any."""
    found = [s for s in SHAPES if feature(line, f"shape_{s}", settings) == 1.0]
    assert len(found) <= 1
    return found[0] if found else None


S = rules_settings("en")


# --------------------------------------------------------------------------
# Fixtures end to end


def test_news_page_keeps_story_and_subheading_drops_chrome() -> None:
    blocks = lines("page_news.txt")
    out = kept(blocks, S)
    start = blocks.index("What happens next") - 2
    assert out == [
        blocks[start],
        blocks[start + 1],
        "What happens next",
        blocks[start + 3],
        blocks[start + 4],
    ]
    assert out[0].startswith("The city council voted") and out[-1].startswith("Opponents")


def test_news_page_is_a_page_and_article_is_not() -> None:
    settings = dataclasses.replace(S, page_min_blocks=10)
    assert looks_like_page(lines("page_news.txt"), settings)
    assert not looks_like_page(lines("page_article.txt"), settings)


def test_extracted_article_loses_nothing_but_title_at_edge() -> None:
    blocks = lines("page_article.txt")
    out = kept(blocks, S)
    assert out == blocks[1:]  # a lone title at the very top has no story above it


def test_removed_blocks_keep_their_verdict_and_count_as_context() -> None:
    blocks = ["Weather", STORY[0], "Short line here", STORY[1]]
    assert kept(blocks, S) == blocks[1:]
    verdict = scorer(S).score(blocks_of(blocks, removed=(3,)), "page")
    assert verdict.decisions[3] == Decision.UNCHANGED  # the rule's verdict stands
    assert verdict.decisions[2] == Decision.REMOVED  # its right neighbour is now boilerplate
    assert verdict.decisions[1] == Decision.UNCHANGED


def test_empty_input() -> None:
    assert scorer(S).score([], "page") == PageVerdict(True, b"")
    assert not looks_like_page([], S)


# --------------------------------------------------------------------------
# Settings: each threshold shows its effect


def test_length_low_makes_blocks_short() -> None:
    line = "A line that has some words but no end mark and no stopwords at all"  # 67 chars
    blocks = [STORY[0], line, STORY[1]]
    assert kept(blocks, dataclasses.replace(S, length_low=70)) == blocks  # short, rescued
    assert line not in kept(blocks, dataclasses.replace(S, length_low=40, stopwords_low=0.9))


def test_length_high_and_stopword_thresholds() -> None:
    long_line = STORY[0][:-1] + ", and " + STORY[1][:-1]  # over 200 chars, no final mark
    # good: kept alone
    assert kept([long_line], S) == [long_line]
    # neargood below length_high: dropped alone, kept beside a story paragraph
    high = dataclasses.replace(S, length_high=1000)
    assert kept([long_line], high) == []
    assert kept([STORY[2], long_line], high) == [STORY[2], long_line]
    # bad below stopwords_low: dropped even beside a story paragraph
    strict = dataclasses.replace(S, stopwords_low=0.9, stopwords_high=0.95)
    assert feature(long_line, "stopwords", strict) < 0.9
    assert long_line not in kept([STORY[2], long_line], strict)


def test_sentence_min_words() -> None:
    line = "The council met again on Tuesday and voted for it."  # 10 words
    low = dataclasses.replace(S, length_low=10)
    assert kept([line], low) == [line]  # good alone
    fewer = dataclasses.replace(S, length_low=10, sentence_min_words=11)
    assert kept([line], fewer) == []  # neargood: dropped alone ...
    assert kept([STORY[0], line], fewer) == [STORY[0], line]  # ... kept beside a good block


def test_short_sentence_words_lets_one_good_neighbour_keep_it() -> None:
    blocks = [STORY[0], STORY[1], "It was a long night.", "Weather", "Sport | News | Home"]
    assert "It was a long night." in kept(blocks, S)
    assert "It was a long night." not in kept(
        blocks, dataclasses.replace(S, short_sentence_words=6)
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Home | News | Sport | Weather", "menu"),
        ("Read more", "more"),
        ("Weiterlesen", "more"),
        ("Posted 3 hours ago", "ago"),
        ("vor 2 Stunden", "ago"),
        ("31.05.2012", "date"),
        ("May 31, 2012", "date"),
        ("© 2024 Example News", "legal"),
        ("Share", "social"),
        ("12 Comments", "social"),
        ("Latest World News", "title_case"),
    ],
)
def test_shapes(line: str, expected: str) -> None:
    assert shape(line, S) == expected


def test_shape_max_words_spares_long_paragraphs() -> None:
    line = "The council released the full report on the new bridge plan today, read more"
    assert shape(line, S) is None
    assert shape(line, dataclasses.replace(S, shape_max_words=20)) == "more"


def test_chrome_words() -> None:
    line = "Sign up for our newsletter to get the best stories in your inbox."
    assert shape(line, S) == "chrome"
    relaxed = dataclasses.replace(S, chrome_min_hits=5)
    assert shape(line, relaxed) is None
    short = dataclasses.replace(S, chrome_max_words=5)
    assert shape(line, short) is None


def test_title_case_settings() -> None:
    assert shape("Latest World News", S) == "title_case"
    assert shape("Results of the vote", S) is None
    strict = dataclasses.replace(S, title_case_share=1.0)
    assert shape("Latest News of Today", strict) is None
    assert shape("Climate", S) is None
    single = dataclasses.replace(S, title_case_min_words=1)
    assert shape("Climate", single) == "title_case"


def test_repeated_teasers_go() -> None:
    teaser = "Mayor opens new library in the old station"
    blocks = [STORY[0], teaser, STORY[1], teaser, STORY[2]]
    assert teaser not in kept(blocks, S)
    assert teaser in kept(blocks, dataclasses.replace(S, repeat_max_words=3))


def test_subheading_between_paragraphs_stays_and_max_short_run() -> None:
    blocks = [STORY[0], "What happens next", STORY[1]]
    assert kept(blocks, S) == blocks
    links = [f"link {i}" for i in range(9)]
    blocks = [STORY[0], *links, STORY[1]]
    assert kept(blocks, S) == [STORY[0], STORY[1]]
    assert kept(blocks, dataclasses.replace(S, max_short_run=9)) == blocks


def test_cluster_settings_drop_distant_small_prose() -> None:
    bio = "She writes about cities and the people who live in them for the paper."
    menu = ["Home | News | Sport", "Share", "Read more", "Privacy Policy | Contact"]
    blocks = [*STORY, *STORY[:2], *menu, bio]
    assert bio not in kept(blocks, S)
    assert bio in kept(blocks, dataclasses.replace(S, cluster_min_share=0.0))
    assert bio in kept(blocks, dataclasses.replace(S, cluster_gap=4))


def test_page_detection_settings() -> None:
    article = lines("page_article.txt")
    page = lines("page_news.txt")
    assert not looks_like_page(page, dataclasses.replace(S, page_min_blocks=100))
    assert not looks_like_page(page, dataclasses.replace(S, page_shape_share=0.9))
    menu = ["Home", "News", "Sport", "Weather", "Share", "Read more"] * 2
    base = dataclasses.replace(
        S, page_short_share=1.0, page_repeat_share=1.0, page_min_menu_lines=0
    )
    text = [*article[:6], *menu, *article[6:]]
    # Twelve menu-like lines: too few for a page unless the minimum allows them.
    assert not looks_like_page(text, dataclasses.replace(base, page_min_menu_lines=13))
    assert looks_like_page(text, dataclasses.replace(base, page_min_menu_lines=12, page_menu_runs=1))
    assert looks_like_page(text, dataclasses.replace(base, page_menu_run=6, page_menu_runs=1))
    assert not looks_like_page(text, dataclasses.replace(base, page_menu_run=6, page_menu_runs=2))
    assert not looks_like_page(text, dataclasses.replace(base, page_menu_run=13, page_menu_runs=1))
    assert looks_like_page(
        text, dataclasses.replace(S, page_short_share=0.4, page_min_menu_lines=0)
    )
    assert looks_like_page(text, dataclasses.replace(base, page_repeat_share=0.3))
    assert not looks_like_page(
        text, dataclasses.replace(base, page_repeat_share=0.3, page_short_words=0)
    )


def test_stopwords_per_language() -> None:
    assert "der" in scoring.stoplist("de")
    assert scoring.stoplist("xx") == frozenset()
    de = "Der Rat hat am Dienstag über den Bau einer neuen Brücke abgestimmt, die seit Jahren umstritten war."
    assert feature(de, "stopwords", S, "de") > 0.3
    assert feature(de, "stopwords", S, "en") < 0.1


# --------------------------------------------------------------------------
# Loading settings


def test_rules_file_defaults_match_dataclass_and_english_override() -> None:
    plain = rules_settings(None)
    assert plain.stopwords_low == ScoringSettings().stopwords_low
    assert rules_settings("en").stopwords_low < plain.stopwords_low
    assert rules_settings("de") == plain


def test_later_tables_win_and_language_overrides_apply() -> None:
    tables = [
        ("a.toml", {"length_low": 50, "languages": {"de": {"length_low": 60}}}),
        ("b.toml", {"length_high": 300}),
    ]
    assert ScoringSettings.from_tables(tables).length_low == 50
    assert ScoringSettings.from_tables(tables, "de").length_low == 60
    assert ScoringSettings.from_tables(tables, "de").length_high == 300
    assert ScoringSettings.from_tables([("c.toml", {"stopwords_low": 1})]).stopwords_low == 1.0


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"lenght_low": 5}, "x.toml: scoring: unknown key 'lenght_low'"),
        ({"length_low": 1.5}, "x.toml: scoring: length_low must be int"),
        ({"length_low": True}, "x.toml: scoring: length_low must be int"),
        ({"stopwords_low": "0.3"}, "x.toml: scoring: stopwords_low must be float"),
        ({"stopwords_low": 1.5}, "x.toml: scoring: stopwords_low out of range"),
        ({"languages": {"de": {"nope": 1}}}, "x.toml: scoring.languages.de: unknown key 'nope'"),
        ({"languages": {"de": 3}}, "x.toml: scoring.languages.de: expected a table"),
    ],
)
def test_bad_tables_raise_rule_error(table: dict, message: str) -> None:
    with pytest.raises(RuleError) as info:
        ScoringSettings.from_tables([("x.toml", table)])
    assert str(info.value).startswith(message)
