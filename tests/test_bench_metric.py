"""The scoring of bench/quality.py on tiny hand-made cases (no evaluation data needed)."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._evaldata import (
    Counts,
    DataMissing,
    c4_filter,
    c4_line_ok,
    collapse_ws,
    declared_charset,
    decode_html,
    group_languages,
    load_items,
    read_page,
    score,
)

# --- whitespace ------------------------------------------------------------


def test_collapse_ws_joins_runs_of_any_whitespace() -> None:
    assert collapse_ws("  a\n\n b\t\tc\u00a0d \r\n") == "a b c d"


def test_collapse_ws_empty() -> None:
    assert collapse_ws(" \n\t ") == ""


def test_match_across_line_breaks_and_nbsp() -> None:
    output = "The first line\nends here.\n\nNext\u00a0paragraph   follows."
    counts = score(output, ["line ends here.", "Next paragraph follows."], [])
    assert counts == Counts(tp=2)


def test_expected_strings_are_collapsed_too() -> None:
    # Annotations with trailing spaces or non-breaking spaces still match.
    output = "Erwachsene: 3 € (Preis 2019)\nKinder frei"
    counts = score(output, ["Erwachsene: 3 € (Preis 2019) ", "mein\u00a0Lieblingskleid"], [])
    assert counts == Counts(tp=1, fn=1)


# --- counting --------------------------------------------------------------


def test_counts_tp_fn_fp_tn() -> None:
    output = "Story one. Story two. Impressum"
    counts = score(output, ["Story one.", "Story two.", "Story three."], ["Impressum", "Twitter"])
    assert counts == Counts(tp=2, fn=1, fp=1, tn=1)


def test_none_output_is_all_fn_and_tn() -> None:
    assert score(None, ["a", "b"], ["c"]) == Counts(fn=2, tn=1)


def test_empty_output_scores_like_none() -> None:
    assert score("", ["a", "b"], ["c"]) == Counts(fn=2, tn=1)


def test_match_is_case_sensitive_substring() -> None:
    assert score("Hello World", ["hello"], ["World"]) == Counts(fn=1, fp=1)


def test_counts_add_up() -> None:
    total = Counts(1, 2, 3, 4) + Counts(10, 20, 30, 40)
    assert total == Counts(11, 22, 33, 44)
    total += Counts(1, 1, 1, 1)
    assert total == Counts(12, 23, 34, 45)
    assert total.total == 12 + 23 + 34 + 45


# --- metrics ---------------------------------------------------------------


def test_metrics_values() -> None:
    c = Counts(tp=8, fn=2, fp=2, tn=8)
    assert c.precision == pytest.approx(0.8)
    assert c.recall == pytest.approx(0.8)
    assert c.f1 == pytest.approx(0.8)
    assert c.accuracy == pytest.approx(0.8)


def test_f1_is_harmonic_mean() -> None:
    c = Counts(tp=1, fn=3, fp=0, tn=0)  # precision 1.0, recall 0.25
    assert c.f1 == pytest.approx(2 * 1.0 * 0.25 / 1.25)


def test_zero_denominators_give_zero() -> None:
    empty = Counts()
    assert (empty.precision, empty.recall, empty.f1, empty.accuracy) == (0.0, 0.0, 0.0, 0.0)


def test_nothing_found_gives_zero_precision_and_f1() -> None:
    c = Counts(fn=5, tn=5)
    assert c.precision == 0.0 and c.recall == 0.0 and c.f1 == 0.0
    assert c.accuracy == pytest.approx(0.5)


def test_only_false_positives() -> None:
    c = Counts(fp=3)
    assert c.precision == 0.0 and c.recall == 0.0 and c.f1 == 0.0 and c.accuracy == 0.0


def test_perfect_scores() -> None:
    c = Counts(tp=3, tn=2)
    assert (c.precision, c.recall, c.f1, c.accuracy) == (1.0, 1.0, 1.0, 1.0)


def test_as_dict_has_all_figures() -> None:
    d = Counts(tp=1, fn=1).as_dict()
    assert set(d) == {"tp", "fn", "fp", "tn", "precision", "recall", "f1", "accuracy"}
    assert d["recall"] == pytest.approx(0.5)


# --- C4 line filter --------------------------------------------------------


def test_c4_keeps_long_lines_with_terminal_mark() -> None:
    assert c4_line_ok("This line has six words here.")
    assert c4_line_ok("Is this a real question now?")
    assert c4_line_ok('He said it was "very good indeed."')
    assert c4_line_ok("Er sagte, es sei „sehr gut gewesen“ und ging.")
    assert c4_line_ok("\u201cWe will be back next week,\u201d she said\u201d")


def test_c4_drops_short_lines_and_lines_without_mark() -> None:
    assert not c4_line_ok("Only four words here.")
    assert not c4_line_ok("Home News Sport Weather Contact Impressum")
    assert not c4_line_ok("Read more about this story and others:")
    assert not c4_line_ok("")


def test_c4_counts_words_not_characters() -> None:
    assert c4_line_ok("one two three four five.")
    assert not c4_line_ok("onetwothreefourfive.")


def test_c4_filter_keeps_order_and_strips() -> None:
    text = "Menu Home About\n  First sentence of the story is here.  \nShare\n" \
           "Second sentence of the story follows now!\n"
    assert c4_filter(text) == (
        "First sentence of the story is here.\nSecond sentence of the story follows now!"
    )


def test_c4_filter_min_words_option() -> None:
    assert c4_filter("Two words.\nThree words here.", min_words=3) == "Three words here."


def test_c4_filter_empty() -> None:
    assert c4_filter("") == ""


# --- decoding --------------------------------------------------------------


def test_declared_charset_meta_and_xml() -> None:
    assert declared_charset(b'<html><head><meta charset="utf-8">') == "utf-8"
    assert declared_charset(
        b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    ) == "cp1252"
    assert declared_charset(b'<?xml version="1.0" encoding="windows-1250"?><html>') == "cp1250"
    assert declared_charset(b"<html><body>no charset</body></html>") is None
    assert declared_charset(b'<meta charset="no-such-charset">') is None


def test_decode_html_by_declared_charset() -> None:
    raw = '<meta charset="iso-8859-1"><p>Grüße</p>'.encode("latin-1")
    assert "Grüße" in decode_html(raw)


def test_decode_html_prefers_valid_utf8_over_wrong_label() -> None:
    raw = '<meta charset="iso-8859-1"><p>Grüße</p>'.encode()
    assert "Grüße" in decode_html(raw)


def test_decode_html_default_utf8_with_replacement() -> None:
    assert decode_html(b"<p>caf\xe9</p>") == "<p>caf\ufffd</p>"
    assert decode_html("<p>café</p>".encode()) == "<p>café</p>"


# --- loading and language groups --------------------------------------------


def test_load_items_and_read_page(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "abc.html.gz").write_bytes(gzip.compress(b"<p>Hi</p>"))
    record = {"url": "http://x", "file": "html/abc.html.gz", "with": ["Hi"], "without": []}
    (tmp_path / "evaldata.jsonl").write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    [item] = load_items(tmp_path)
    assert item.page_id == "abc" and item.with_ == ("Hi",) and item.without == ()
    assert read_page(tmp_path, item) == b"<p>Hi</p>"


def test_load_items_missing(tmp_path: Path) -> None:
    with pytest.raises(DataMissing):
        load_items(tmp_path / "nowhere")


def test_group_languages() -> None:
    groups = group_languages(["de"] * 3 + ["en"] + ["fr"] * 5 + ["pl"], min_docs=5)
    assert groups == {"de": "de", "en": "en", "fr": "fr", "pl": "other"}
