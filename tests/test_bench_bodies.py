"""The split and scoring of bench/bodies.py (bench/_bodysets.py) on tiny hand-made cases (no data)."""

from __future__ import annotations

import doctest
import gzip
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench._bodysets as bodysets
from bench import bodies
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


def test_missing_data_exits_with_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bodies.main(["--data", str(tmp_path / "nowhere")]) == 2
    assert "not found" in capsys.readouterr().err


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


# --- one page, rows and sums ------------------------------------------------


def test_score_output_counts_only_fields_the_truth_has() -> None:
    truth = page(text="The cat sat on the mat.", title="Cats", authors=["Ann Bee"], date=None)
    meta_row, body_row = bodies.ROW_BY_KEY["clean_html"], bodies.ROW_BY_KEY["htmltext"]
    out = bodies.Output("The cat sat.", "cats!", ("By Ann Bee",), "2020-01-01")
    scored = bodies.score_output(truth, meta_row, out, 0.5, None, False)
    assert scored.body is not None and scored.body["precision"] == 1.0
    assert set(scored.meta) == {"title", "authors"}
    assert scored.meta["title"]["ok"] and scored.meta["authors"]["ok"]
    assert bodies.score_output(truth, body_row, out, 0.5, None, False).meta == {}


def test_score_output_without_body_truth() -> None:
    truth = page(dataset="postlight", text=None, title="T", date="2020-01-02T01:00:00Z")
    out = bodies.Output("words here", "T", (), "2020-01-01")
    scored = bodies.score_output(truth, bodies.ROW_BY_KEY["traf"], out, 0.1, None, False)
    assert scored.body is None
    assert scored.meta["date"]["ok"] is False and scored.meta["date"]["ok_1d"] is True


def _result(scores: dict[str, tuple[str | None, float]], truth: Page) -> bodies.PageResult:
    outcomes = {}
    for row in bodies.ROWS:
        text, seconds = scores.get(row.key, (None, 0.0))
        outcomes[row.key] = bodies.score_output(truth, row, bodies.Output(text, truth.title),
                                                seconds, None, False)
    return bodies.PageResult(truth.dataset, truth.id, truth.type, truth.split, "en", 0.0,
                             outcomes)


def test_group_figures_average_per_page() -> None:
    a = page(id="a", text="one two three four", title="A")
    b = page(id="b", text="five six", title="B")
    results = [
        _result({"traf": ("one two three four", 1.0), "clean_html": ("one two", 0.5)}, a),
        _result({"traf": ("five six", 1.0), "clean_html": ("", 0.5)}, b),
    ]
    figures = bodies.group_figures(results)
    traf, clean = figures["rows"]["traf"], figures["rows"]["clean_html"]
    assert figures["pages"] == 2 and figures["body_pages"] == 2
    assert traf["f1"] == 1.0 and traf["docs_per_s"] == pytest.approx(1.0)
    # Page a: P 1, R 0.5; page b: nothing (0); averaged over both pages.
    assert clean["precision"] == pytest.approx(0.5) and clean["recall"] == pytest.approx(0.25)
    assert clean["f1"] == pytest.approx((2 / 3) / 2) and clean["empty_outputs"] == 1
    assert clean["f1_ratio"] == pytest.approx(1 / 3) and clean["speed_ratio"] == 2.0
    assert clean["metadata"]["title"] == {"n": 2, "right": 2, "accuracy": 1.0}
    assert figures["truth_fields"] == {"title": 2, "authors": 0, "date": 0}


def test_upstream_time_counts_in_docs_per_s() -> None:
    truth = page(text="one two")
    result = _result({"htmltext": ("one two", 1.0), "htmltext_page": ("one two", 1.0)}, truth)
    assert bodies.pipeline_seconds("htmltext_page", result) == 2.0
    assert bodies.pipeline_seconds("htmltext_c4", result) == 1.0


def test_per_page_lines(tmp_path: Path) -> None:
    truth = page(text="one two", title="T", type="forum")
    path = tmp_path / "pages.jsonl"
    bodies.write_per_page(path, [_result({"traf": ("one two", 0.1)}, truth)])
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["row"] for line in lines] == [r.key for r in bodies.ROWS]
    first = lines[0]
    assert (first["set"], first["id"], first["type"], first["split"]) == (
        "wcxb-dev", "p1", "forum", split_of("wcxb-dev", "p1"))
    assert first["f1"] == 1.0 and first["title"] == {"predicted": "T", "truth": "T", "ok": True}
