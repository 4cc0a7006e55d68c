"""SimHash fingerprints: stable, tolerant of small edits, apart for different stories."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest
import xxhash

from cleaner.fingerprint import NearDuplicateIndex, hamming, shingles, simhash64

FIXTURES = Path(__file__).parent / "fixtures"
THRESHOLD = 3  # the default of --dedupe-bits


def _stories() -> dict[str, str]:
    """The seed stories of the news fixture, by id."""
    lines = (FIXTURES / "batch_news.jsonl").read_text(encoding="utf-8").splitlines()
    return {rec["id"]: rec["text"] for rec in map(json.loads, lines)}


def _story_body(text: str) -> str:
    """The story of the UrduPoint page by hand: from the lede to the end of the last paragraph."""
    start = text.index("US Secretary of State Antony Blinken")
    return text[start : text.index("Related Topics")]


def test_known_value_is_stable_across_runs() -> None:
    text = "US Secretary of State Antony Blinken will travel to Beijing on June 18-19."
    assert format(simhash64(text), "016x") == "cb26d25acad4e0b4"
    code = f"from cleaner.fingerprint import simhash64;print(format(simhash64({text!r}), '016x'))"
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).parents[1])},
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == "cb26d25acad4e0b4"


def test_case_punctuation_and_spacing_do_not_count() -> None:
    a = "Blinken’s visit — “full and robust” talks,\nin Beijing."
    b = 'BLINKEN\'S  visit - "full and robust" talks in beijing'
    assert simhash64(a) == simhash64(b)
    assert shingles(a) == shingles(b)


def test_empty_and_wordless_text_give_zero() -> None:
    assert simhash64("") == 0
    assert simhash64(" -- ... \n") == 0
    assert shingles("one") == ["one"]


def test_fingerprint_fits_in_64_bits() -> None:
    for story in _stories().values():
        assert 0 <= simhash64(story) < 2**64


def test_hamming_counts_differing_bits() -> None:
    assert hamming(0, 0) == 0
    assert hamming(0, 2**64 - 1) == 64
    assert hamming(0b1010, 0b0110) == 2


def test_syndicated_story_is_within_threshold() -> None:
    stories = _stories()
    wire = stories["wire-000"]
    syndicated = _story_body(stories["urdupoint-002"])
    assert hamming(simhash64(wire), simhash64(syndicated)) <= THRESHOLD


def test_different_stories_on_the_same_event_are_far_apart() -> None:
    stories = _stories()
    stories["urdupoint-002"] = _story_body(stories["urdupoint-002"])
    prints = {key: simhash64(text) for key, text in stories.items()}
    for (a, print_a), (b, print_b) in combinations(prints.items(), 2):
        if {a, b} != {"wire-000", "urdupoint-002"}:
            assert hamming(print_a, print_b) > 3 * THRESHOLD, (a, b)


def test_syndicated_pair_is_within_threshold_after_cleaning() -> None:
    cleaner_module = pytest.importorskip("cleaner")
    if not hasattr(cleaner_module, "Cleaner"):
        pytest.skip("cleaner.Cleaner is not available")
    stories = _stories()
    cleaner = cleaner_module.Cleaner()
    wire = cleaner.clean(stories["wire-000"]).text
    syndicated = cleaner.clean(stories["urdupoint-002"]).text
    other = cleaner.clean(stories["reuters-001"]).text
    assert hamming(simhash64(wire), simhash64(syndicated)) <= THRESHOLD
    assert hamming(simhash64(wire), simhash64(other)) > THRESHOLD


def test_index_finds_earliest_near_duplicate() -> None:
    index = NearDuplicateIndex(bits=3)
    base = 0x0123_4567_89AB_CDEF
    index.add(base, "first")
    index.add(base ^ 0b1, "second")
    assert index.find(base ^ 0b110) == "first"
    assert index.find_all(base ^ 0b110) == [("first", 2), ("second", 3)]
    assert index.find(base ^ 0b1111) == "second"  # 4 bits from first, 3 from second
    assert index.find(~base & (2**64 - 1)) is None
    assert len(index) == 2


def test_index_finds_every_near_copy_wherever_the_bits_fall() -> None:
    rng = random.Random(7)
    index = NearDuplicateIndex(bits=3)
    originals = [rng.getrandbits(64) for _ in range(2000)]
    for number, fingerprint in enumerate(originals):
        index.add(fingerprint, number)
    for number, fingerprint in enumerate(originals[:300]):
        flips = rng.sample(range(64), rng.randint(0, 3))
        copy = fingerprint
        for bit in flips:
            copy ^= 1 << bit
        assert index.find(copy) == number
    # Random fingerprints are ~32 bits apart: none is within 3 bits of another.
    assert all(index.find(rng.getrandbits(64)) is None for _ in range(300))


def test_add_or_find_links_each_copy_to_an_earlier_one() -> None:
    index = NearDuplicateIndex(bits=2)
    assert index.add_or_find(0b0000, "a") is None
    assert index.add_or_find(0b0011, "b") == "a"
    assert index.add_or_find(0b1111, "c") == "b"
    assert index.add_or_find(0xFF00, "d") is None


def test_index_rejects_impossible_thresholds() -> None:
    with pytest.raises(ValueError):
        NearDuplicateIndex(bits=64)


def _reference_simhash(text: str) -> int:
    """The SimHash computed in Python: XXH64, seed 0 (the ``xxhash`` package), of each
    shingle's UTF-8 bytes, a strict majority vote per bit."""
    items = shingles(text)
    votes = [0] * 64
    for item in items:
        digest = xxhash.xxh64_intdigest(item.encode("utf-8"))
        for bit in range(64):
            votes[bit] += (digest >> bit) & 1
    return sum(1 << bit for bit in range(64) if votes[bit] > len(items) / 2)


@pytest.mark.parametrize(
    "text, expected",
    [
        # Values of the Python reference below.
        ("Hello", "26c7827d889f6da3"),
        ("Straße STRASSE straße", "f2fc8df0fd593f1c"),
        ("Über die Brücke: Ærø, Σίσυφος ΣΊΣΥΦΟΣ; \ufb01nal \u01c5emal İstanbul", "a16c574bdffe9d6e"),
        ("snake_case words_with_underscores 42 ½ ²³ ٣٤", "10f405aed3f40e92"),
        ("日本語のテキスト 中文文本 한국어 텍스트", "fc33e369804c1bd6"),
    ],
)
def test_known_values_with_full_case_folding_and_unicode_words(text: str, expected: str) -> None:
    assert format(simhash64(text), "016x") == expected
    assert simhash64(text) == _reference_simhash(text)


def test_long_texts_agree_with_the_shingles_they_are_made_of(monkeypatch) -> None:
    from cleaner import fingerprint

    text = " ".join(f"Word{i % 97} ÜBER{i % 13}, and more STRAẞE." for i in range(400))
    assert simhash64(text) == _reference_simhash(text)
    whole = shingles(text)
    monkeypatch.setattr(fingerprint, "_CHUNK", 37)  # many cuts, each at a space
    assert shingles(text) == whole
    assert shingles("Hello") == ["hello"]
    for story in _stories().values():
        assert simhash64(story) == _reference_simhash(story)
