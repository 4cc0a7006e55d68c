"""``article-cleaner batch`` on WARC and WET files (FastWARC, extra article-cleaner[warc])."""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from cleaner.batch import CrawlRecord, add_batch_parser, iter_clean, run_batch

FIXTURES = Path(__file__).parent / "fixtures" / "warc"
WARC = FIXTURES / "crawl.warc.gz"
WET = FIXTURES / "crawl.warc.wet.gz"
ROOT = Path(__file__).parents[1]
PAGE_ID = "<urn:uuid:00000000-0000-4000-8000-000000000003>"
CP1252_ID = "<urn:uuid:00000000-0000-4000-8000-000000000004>"

needs_fastwarc = pytest.mark.skipif(
    __import__("importlib").util.find_spec("fastwarc") is None,
    reason="FastWARC not installed (extra article-cleaner[warc])",
)


def _batch(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="article-cleaner")
    add_batch_parser(parser.add_subparsers(dest="command"))
    return run_batch(parser.parse_args(["batch", *argv]))


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_fixtures_are_what_the_script_makes() -> None:
    sys.path.insert(0, str(FIXTURES))
    try:
        import make
    finally:
        sys.path.remove(str(FIXTURES))
    assert WARC.read_bytes() == make.warc()
    assert WET.read_bytes() == make.wet()


@needs_fastwarc
def test_wet_conversion_records_are_cleaned_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    assert _batch([str(WET), "-o", str(out), "--mode", "page"]) == 0
    page, story = _records(out)
    assert page["id"] == "<urn:uuid:00000000-0000-4000-8000-000000000012>"
    assert page["metadata"]["url"] == "https://news.example.com/bridge"
    assert page["text"].startswith("The city council voted on Tuesday")
    assert "Most read" not in page["text"] and "Subscribe" not in page["text"]
    assert story["metadata"]["url"].startswith("https://www.urdupoint.com/")
    assert "Recent Stories" not in story["text"]
    summary = capsys.readouterr().err
    assert "documents      2" in summary and "(2 text records)" in summary
    assert "skipped" not in summary


@needs_fastwarc
def test_warc_html_responses_are_cleaned_as_html_and_the_rest_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    assert _batch([str(WARC), "-o", str(out)]) == 0
    records = {r["id"]: r for r in _records(out)}
    assert list(records) == [PAGE_ID, CP1252_ID]
    page = records[PAGE_ID]
    assert "Blinken will travel to Beijing" in page["text"]
    assert page["metadata"]["title"] == "Blinken to visit Beijing on June 18-19"
    assert page["metadata"]["url"] == "https://news.example.com/world/blinken-beijing"
    # Windows-1252, declared only in the HTTP headers, sent gzip-encoded.
    council = records[CP1252_ID]
    assert "called “painful but necessary” for the city’s finances" in council["text"]
    assert "Share this" not in council["text"] and "Comments" not in council["text"]
    summary = capsys.readouterr().err
    assert "html pages     2: the body is" in summary
    assert "of characters" not in summary
    assert "skipped        2 WARC records (1 HTTP status 301, 1 not HTML)" in summary


@needs_fastwarc
@pytest.mark.parametrize("compressed", [True, False])
def test_warc_is_recognised_by_content_from_stdin(compressed: bool) -> None:
    data = WET.read_bytes() if compressed else gzip.decompress(WET.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", "batch", "-", "--mode", "page"],
        input=data, capture_output=True, cwd=ROOT, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    urls = [json.loads(line)["metadata"]["url"] for line in result.stdout.splitlines()]
    assert urls[0] == "https://news.example.com/bridge" and len(urls) == 2


@needs_fastwarc
def test_warc_is_recognised_by_content_under_any_name(tmp_path: Path) -> None:
    renamed = tmp_path / "crawl-part-00001"
    renamed.write_bytes(gzip.decompress(WARC.read_bytes()))
    out = tmp_path / "out.jsonl"
    assert _batch([str(renamed), "-o", str(out), "-q"]) == 0
    assert [r["id"] for r in _records(out)] == [PAGE_ID, CP1252_ID]


@needs_fastwarc
def test_field_options_are_refused_for_warc(capsys: pytest.CaptureFixture[str]) -> None:
    assert _batch([str(WET), "--text-field", "body", "-q"]) == 2
    assert "--text-field apply to JSONL input" in capsys.readouterr().err


@needs_fastwarc
def test_warc_records_from_the_library() -> None:
    from cleaner.batch.io import warc_records

    skipped: Counter[str] = Counter()
    with WARC.open("rb") as f:
        found = list(warc_records(f, skipped))
    assert [(r.id, r.html, r.charset) for r in found] == [
        (PAGE_ID, True, "utf-8"), (CP1252_ID, True, "windows-1252")
    ]
    assert skipped == {"not HTML": 1, "HTTP status 301": 1}
    assert found[1].payload.startswith(b"<!DOCTYPE html>")  # gzip content-encoding undone


def test_crawl_records_go_through_iter_clean() -> None:
    from cleaner.document import Document, Metadata

    class Echo:
        def clean(self, text: str, url: str | None = None) -> Document:
            return Document(text=f"TEXT:{text}", metadata=Metadata(url=url))

        def clean_html(self, html: str | bytes, url: str | None = None) -> Document:
            return Document(text=f"HTML:{html!r}", metadata=Metadata(url=url))

    records = [
        CrawlRecord("a", "https://e.com/a", "wörd".encode(), html=False),
        CrawlRecord("b", None, "<p>caf\xe9</p>".encode("cp1252"), html=True, charset="cp1252"),
        CrawlRecord("c", None, b"<p>ok</p>", html=True, charset="cp1252"),  # valid UTF-8 wins
        CrawlRecord(None, None, b"x", html=True, charset="no-such-charset"),
    ]
    out = list(iter_clean(records, Echo()))
    assert [r["id"] for r in out] == ["a", "b", "c", 4]
    assert out[0]["text"] == "TEXT:wörd" and out[0]["metadata"]["url"] == "https://e.com/a"
    assert out[1]["text"] == "HTML:'<p>café</p>'"
    assert out[2]["text"] == "HTML:b'<p>ok</p>'"
    assert out[3]["text"] == "HTML:b'x'"


def test_missing_fastwarc_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "fastwarc", None)
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)
    assert _batch([str(WET), "-q"]) == 2
    err = capsys.readouterr().err
    assert "needs FastWARC" in err and "pip install 'article-cleaner[warc]'" in err


def test_garbage_named_warc_is_an_error_not_a_crash(tmp_path: Path) -> None:
    pytest.importorskip("fastwarc", reason="FastWARC not installed (extra article-cleaner[warc])")
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not a WARC file\n" * 10)
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", "batch", str(bad)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    assert result.returncode == 1
    assert f"error: cannot read {bad}: " in result.stderr
