from __future__ import annotations

import json
import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import read_fixture

import cleaner


def test_clean_returns_document_with_contract_fields():
    doc = cleaner.clean(read_fixture("seeds/001.txt"))
    assert isinstance(doc, cleaner.Document)
    assert isinstance(doc.metadata, cleaner.Metadata)
    for r in doc.removed:
        assert isinstance(r, cleaner.Removal) and r.rule and r.start < r.end
    data = json.loads(json.dumps(doc.to_dict()))
    assert set(data) == {"text", "metadata", "removed", "warnings"}
    assert {"title", "authors", "date", "dateline", "agency", "publisher", "tags", "credits",
            "url", "language"} <= set(data["metadata"])


def test_text_has_single_blank_lines_and_no_trailing_spaces():
    doc = cleaner.clean("  Para one here.  \n\n\n\nPara   two.\t\n")
    assert doc.text == "Para one here.\n\nPara two."


def test_cleaner_pickles_and_cleans_the_same(cleaner_default):
    text = read_fixture("seeds/002.txt")
    clone = pickle.loads(pickle.dumps(cleaner_default))
    assert clone.clean(text) == cleaner_default.clean(text)


def test_cleaner_is_thread_safe(cleaner_default):
    texts = [read_fixture(f"seeds/00{i}.txt") for i in range(5)] * 8
    expected = [cleaner_default.clean(t).text for t in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda t: cleaner_default.clean(t).text, texts)) == expected


def test_url_lands_in_metadata():
    assert cleaner.clean("Some text here.", url="https://x.org/a").metadata.url == "https://x.org/a"


def test_non_str_input_is_a_clear_error():
    with pytest.raises(cleaner.InputError, match="str"):
        cleaner.clean(b"bytes")  # type: ignore[arg-type]


def test_empty_input():
    doc = cleaner.clean("")
    assert doc.text == "" and doc.removed == []


def test_cut_marker_inside_a_sentence_does_not_cut():
    text = ("Officials met on Monday to discuss the plan in detail with the unions.\n"
            "Related topics were raised, and leave a reply was sent later by the minister.\n"
            "The talks will continue next week, a spokesman said.")
    assert cleaner.clean(text).text.count("\n\n") == 2


def test_cut_marker_early_in_the_story_does_not_eat_it():
    story = " ".join(["The council approved the budget after a long debate on Tuesday."] * 3)
    text = f"Short intro line.\nRelated Stories\n{story}\n{story}"
    doc = cleaner.clean(text)
    assert story in doc.text


def test_an_unknown_mode_is_an_input_error():
    import pytest

    from cleaner import Cleaner
    from cleaner.errors import InputError

    with pytest.raises(InputError, match="mode must be one of"):
        Cleaner().clean("Some text.", mode="pages")
