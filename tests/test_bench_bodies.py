"""The split and scoring of the full-body sets (bench/_bodysets.py) on tiny hand-made cases (no evaluation data needed)."""

from __future__ import annotations

import doctest
import gzip
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench._bodysets as bodysets
from bench._bodysets import (
    PRF,
    Page,
    authors_match,
    bag_scores,
    date_match,
    iso_day,
    load_set,
    name_tokens,
    read_html,
    select,
    shingle_scores,
    shingles,
    split_authors,
    split_of,
    title_key,
    title_match,
    words,
)
from bench._evaldata import DataMissing


def page(**fields: object) -> Page:
    record = {"id": "p1", "text": "", "title": None, "authors": [], "date": None, **fields}
    return bodysets.parse_page(str(fields.pop("dataset", "wcxb-dev")), record)


def test_docstring_examples() -> None:
    failures, tried = doctest.testmod(bodysets)
    assert tried > 5 and failures == 0


# --- split -----------------------------------------------------------------


def test_split_is_deterministic_and_pinned() -> None:
    # Fixed values: a change of the rule would move pages between dev and test.
    assert split_of("dragnet", "100") == "test"
    assert split_of("dragnet", "102") == "dev"
    assert split_of("wcxb-dev", "0001") == "dev"
    assert all(split_of("readability", f"page-{i}") == split_of("readability", f"page-{i}")
               for i in range(50))


def test_split_is_about_half() -> None:
    halves = [split_of("some-set", str(i)) for i in range(4000)]
    assert 0.46 < halves.count("test") / len(halves) < 0.54
    assert set(halves) == {"dev", "test"}


def test_split_depends_on_the_set_name() -> None:
    ids = [str(i) for i in range(200)]
    a = [split_of("dragnet", i) for i in ids]
    b = [split_of("readability", i) for i in ids]
    assert a != b


def test_select() -> None:
    pages = [page(id=str(i)) for i in range(40)]
    dev, test = select(pages, "dev"), select(pages, "test")
    assert len(dev) + len(test) == 40 and not {p.id for p in dev} & {p.id for p in test}
    assert all(p.split == "dev" for p in dev)
    assert select(pages, "all") == pages
    with pytest.raises(ValueError):
        select(pages, "train")


# --- loading ---------------------------------------------------------------


def test_load_set_and_read_html(tmp_path: Path) -> None:
    (tmp_path / "mini" / "pages").mkdir(parents=True)
    (tmp_path / "mini" / "pages" / "a1.html.gz").write_bytes(gzip.compress(b"<p>Hi</p>"))
    records = [
        {"id": "a1", "url": None, "text": "Hi", "title": "T", "authors": ["A B", ""],
         "date": "2020-01-02", "type": "article"},
        {"id": "a2", "url": "http://x", "text": None, "title": "", "authors": None,
         "date": None},
    ]
    (tmp_path / "mini" / "truth.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    first, second = load_set(tmp_path, "mini")
    assert (first.key, first.authors, first.type, first.has_body) == ("mini/a1", ("A B",),
                                                                      "article", True)
    assert read_html(tmp_path, first) == b"<p>Hi</p>"
    assert second.text == "" and second.title is None and second.authors == ()
    assert not second.has_body and not any(second.has(f) for f in ("title", "authors", "date"))


def test_load_set_missing(tmp_path: Path) -> None:
    with pytest.raises(DataMissing):
        load_set(tmp_path, "wcxb-dev")


# --- body ------------------------------------------------------------------


def test_words_lower_cased_word_tokens() -> None:
    assert words("Émile's 2 CATS—and dogs_x!") == ["émile", "s", "2", "cats", "and", "dogs_x"]
    assert words(None) == [] and words("") == []


def test_bag_perfect() -> None:
    assert bag_scores("The cat sat.", "the CAT sat") == PRF(1.0, 1.0, 1.0)


def test_bag_empty_output_scores_zero() -> None:
    assert bag_scores("", "the cat sat") == PRF(0.0, 0.0, 0.0)
    assert bag_scores(None, "the cat sat") == PRF(0.0, 0.0, 0.0)
    assert bag_scores(" ... ", "the cat sat") == PRF(0.0, 0.0, 0.0)


def test_bag_partial() -> None:
    s = bag_scores("a b x", "a b c d")
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_bag_is_a_multiset() -> None:
    s = bag_scores("a a a", "a b")
    assert (s.precision, s.recall) == (pytest.approx(1 / 3), pytest.approx(0.5))


def test_bag_no_common_word() -> None:
    assert bag_scores("x y", "a b") == PRF(0.0, 0.0, 0.0)


def test_shingles_runs_of_four_case_kept() -> None:
    assert list(shingles("One two three four five")) == [
        ("One", "two", "three", "four"), ("two", "three", "four", "five")]
    assert shingles("Hi there") == {("Hi", "there"): 1}
    assert shingles("") == {}


def test_shingle_perfect_partial_empty() -> None:
    truth = "w1 w2 w3 w4 w5 w6 w7 w8"  # 5 shingles
    assert shingle_scores(truth, truth) == PRF(1.0, 1.0, 1.0)
    s = shingle_scores("w1 w2 w3 w4 w5 w6", truth)  # 3 shingles, all right
    assert (s.precision, s.recall, s.f1) == (1.0, pytest.approx(0.6), pytest.approx(0.75))
    assert shingle_scores("", truth) == PRF(0.0, 0.0, 0.0)


def test_shingles_punish_reordering_more_than_the_bag() -> None:
    truth = "alpha beta gamma delta epsilon zeta eta theta"
    shuffled = "epsilon zeta eta theta alpha beta gamma delta"
    assert bag_scores(shuffled, truth).f1 == 1.0
    # Only the two shingles inside each half survive the swap: 2 of 5 on each side.
    assert shingle_scores(shuffled, truth).f1 == pytest.approx(0.4)


# --- metadata --------------------------------------------------------------


def test_title_match_ignores_case_and_punctuation() -> None:
    assert title_key("Breaking: Houston hires  Major  Applewhite!") == \
        "breakinghoustonhiresmajorapplewhite"
    assert title_match("BREAKING — Houston hires Major Applewhite", "Breaking: Houston hires "
                       "Major Applewhite")
    assert title_match("Ćevapi, ein Rezept", "ćevapi ein rezept")


def test_title_match_is_strict_otherwise() -> None:
    assert not title_match("What is Cloud Computing? | Google Cloud", "What is Cloud Computing?")
    assert not title_match(None, "A title")
    assert not title_match("", "")
    assert not title_match("!!!", "???")


def test_authors_share_a_name_token() -> None:
    assert authors_match(["By JOSH HASKELL"], ["Josh Haskell", "David Caplan"])
    assert authors_match(["Caplan, D."], ["David Caplan"])
    assert authors_match("Rob Picheta; CNN", ["Rob Picheta"])


def test_authors_noise_and_initials_do_not_match() -> None:
    assert not authors_match(["By Staff"], ["BBC Staff"])
    assert not authors_match(["J. Smith"], ["J. Doe"])
    assert not authors_match(["Maria de la Cruz"], ["Juan de la Vega"])
    assert not authors_match([], ["Anyone"])
    assert not authors_match(None, None)
    assert name_tokens(["Staff 2024", "by"]) == set()


def test_iso_day() -> None:
    assert str(iso_day("2016-12-09T09:13:00.000Z")) == "2016-12-09"
    assert str(iso_day(" 2021-11-01T10:52:50+0100")) == "2021-11-01"
    assert iso_day("2016-12") is None
    assert iso_day("2016-13-01") is None
    assert iso_day("2016-12-091") is None
    assert iso_day("December 9, 2016") is None
    assert iso_day(None) is None


def test_date_match_same_day_and_tolerance() -> None:
    assert date_match("2016-12-09", "2016-12-09T23:59:00.000Z")
    assert not date_match("2016-12-10", "2016-12-09T23:59:00.000Z")
    assert date_match("2016-12-10", "2016-12-09T23:59:00.000Z", tolerance_days=1)
    assert date_match("2017-01-01", "2016-12-31", tolerance_days=1)
    assert not date_match("2016-12-11", "2016-12-09", tolerance_days=1)
    assert not date_match(None, "2016-12-09") and not date_match("2016", "2016-12-09")


def test_split_authors() -> None:
    assert split_authors("Anna Lee; Bo Chen ;") == ["Anna Lee", "Bo Chen"]
    assert split_authors(["A", ""]) == ["A"]
    assert split_authors(None) == []
