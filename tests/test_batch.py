"""``article-cleaner batch`` and :func:`cleaner.batch.iter_clean`."""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cleaner.batch import add_batch_parser, iter_clean, run_batch
from cleaner.document import Document, Metadata
from cleaner.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"
NEWS = FIXTURES / "batch_news.jsonl"
BAD = FIXTURES / "batch_bad.jsonl"
HTML = FIXTURES / "batch_html.jsonl"
ROOT = Path(__file__).parents[1]
KEYS = ["id", "text", "metadata", "removed", "warnings", "error"]


class UpperCleaner:
    """A stand-in Cleaner: upper-cases text, fails on 'boom'. Picklable."""

    def clean(self, text: str, url: str | None = None) -> Document:
        if "boom" in text:
            raise RuntimeError("boom in the text")
        if "\x00" in text:
            raise InputError("binary data")
        return Document(text=text.upper(), metadata=Metadata(url=url))

    def clean_html(self, html: str | bytes, url: str | None = None) -> Document:
        return Document(text=f"HTML:{html}", metadata=Metadata(url=url))


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="article-cleaner")
    add_batch_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["batch", *argv])


def _batch(argv: list[str]) -> int:
    return run_batch(_parse(argv))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _cli() -> list[str]:
    """The command that runs the batch subcommand in a new process."""
    return [sys.executable, "-m", "cleaner", "batch"]


def _many_records(path: Path, copies: int) -> list[dict[str, Any]]:
    """``copies`` rounds of the news fixture, renumbered, written to ``path``."""
    stories = _read_jsonl(NEWS)
    records = [
        {"id": f"{n}-{story['id']}", "text": story["text"]}
        for n in range(copies)
        for story in stories
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return records


# Library -----------------------------------------------------------------------


def test_iter_clean_keeps_order_with_two_processes() -> None:
    records = [{"id": f"doc-{i}", "text": f"text number {i}"} for i in range(200)]
    out = list(iter_clean(records, UpperCleaner(), jobs=2, chunksize=7))
    assert [r["id"] for r in out] == [f"doc-{i}" for i in range(200)]
    assert [r["text"] for r in out] == [f"TEXT NUMBER {i}" for i in range(200)]


def test_iter_clean_turns_a_failing_document_into_an_error_record() -> None:
    records = [{"text": "fine"}, {"text": "boom"}, {"text": "also fine"}]
    out = list(iter_clean(records, UpperCleaner()))
    assert [r["id"] for r in out] == [1, 2, 3]
    assert out[1]["text"] is None
    assert out[1]["error"] == "RuntimeError: boom in the text"
    assert [out[0]["text"], out[2]["text"]] == ["FINE", "ALSO FINE"]
    assert out[0]["error"] is None


def test_iter_clean_takes_raw_lines_and_names_the_error() -> None:
    lines = [b'\xef\xbb\xbf{"id": "bom", "text": "first"}', '{"text": "nul \\u0000"}']
    out = list(iter_clean(lines, UpperCleaner()))
    assert out[0]["id"] == "bom" and out[0]["text"] == "FIRST"
    assert out[1]["error"] == "InputError: binary data"


def test_iter_clean_reads_the_fields_it_is_told() -> None:
    records = [
        {"key": "a", "body": "plain", "page": "<p>x</p>", "link": "https://e.com/a"},
        {"key": "b", "body": "plain only", "page": None},
    ]
    out = list(
        iter_clean(
            records,
            UpperCleaner(),
            text_field="body",
            html_field="page",
            url_field="link",
            id_field="key",
        )
    )
    assert [r["id"] for r in out] == ["a", "b"]
    assert out[0]["text"] == "HTML:<p>x</p>"
    assert out[0]["metadata"]["url"] == "https://e.com/a"
    assert out[1]["text"] == "PLAIN ONLY"


def test_iter_clean_is_lazy() -> None:
    def endless():
        n = 0
        while True:
            n += 1
            yield {"text": f"t{n}"}

    first = []
    for record in iter_clean(endless(), UpperCleaner(), jobs=2, chunksize=4):
        first.append(record["text"])
        if len(first) == 10:
            break
    assert first == [f"T{n}" for n in range(1, 11)]


# Command line ------------------------------------------------------------------


def test_every_record_gets_an_output_record_in_order(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert _batch([str(NEWS), "-o", str(out), "-q"]) == 0
    records = _read_jsonl(out)
    assert [r["id"] for r in records] == [r["id"] for r in _read_jsonl(NEWS)]
    for record in records:
        assert list(record)[:6] == KEYS
        assert record["error"] is None
        assert record["text"]
        assert len(record["metadata"]["fingerprint"]) == 16
    # The UrduPoint page loses its site chrome.
    syndicated = records[2]
    assert "Recent Stories" not in syndicated["text"]
    assert any("Recent Stories" in r["text"] for r in syndicated["removed"])


def test_two_jobs_give_the_same_output_as_one(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    records = _many_records(source, copies=8)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert _batch([str(source), "-o", str(one), "-q"]) == 0
    assert _batch([str(source), "-o", str(two), "-q", "--jobs", "2", "--chunksize", "3"]) == 0
    assert [r["id"] for r in _read_jsonl(two)] == [r["id"] for r in records]
    assert one.read_bytes() == two.read_bytes()


def test_gzip_in_and_out(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl.gz"
    source.write_bytes(gzip.compress(NEWS.read_bytes()))
    out = tmp_path / "out.jsonl.gz"
    assert _batch([str(source), "-o", str(out), "-q"]) == 0
    assert out.read_bytes()[:2] == b"\x1f\x8b"
    assert [r["id"] for r in _read_jsonl(out)] == [r["id"] for r in _read_jsonl(NEWS)]


def test_bad_records_become_error_records_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_bytes(BAD.read_bytes() + b'{"id": "latin-1", "text": "caf\xe9"}\n')
    out = tmp_path / "out.jsonl"
    assert _batch([str(source), "-o", str(out)]) == 1  # some records failed
    records = {str(r["id"]): r for r in _read_jsonl(out)}
    # Blank line 6 is not a record; every other line is one.
    assert list(records) == ["ok-1", "2", "number", "missing", "5", "7", "bad-url", "ok-2", "10"]
    errors = {key: r["error"] for key, r in records.items() if r["error"]}
    assert errors["2"].startswith("invalid JSON")
    assert errors["number"] == "field 'text' must be a string, not int"
    assert errors["missing"].startswith("missing field 'text' or 'html' (the record has 'id', 'body')")
    assert "--text-field" in errors["missing"]
    assert errors["5"] == "record must be a JSON object, not list"
    assert errors["bad-url"] == "field 'url' must be a string, not int"
    assert errors["10"].startswith("line is not UTF-8")
    assert all(records[key]["text"] is None for key in errors)
    assert {"ok-1", "7", "ok-2"}.isdisjoint(errors)
    assert records["ok-2"]["metadata"]["url"] == "https://example.com/x"
    summary = capsys.readouterr().err
    assert "documents      9" in summary
    assert (
        "errors         6 (2 wrong field type, 1 invalid JSON, 1 missing field, "
        "1 not UTF-8, 1 not an object)"
    ) in summary
    assert "6 of 9 records could not be cleaned" in summary and "--max-errors 6" in summary


def test_id_comes_from_the_id_field_else_the_line_number(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    text = _read_jsonl(NEWS)[0]["text"]
    lines = [{"id": 17, "doc": "x17", "text": text}, {"doc": "y", "text": text}]
    source.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch([str(source), "-o", str(out), "-q"]) == 0
    assert [r["id"] for r in _read_jsonl(out)] == [17, 2]
    assert _batch([str(source), "-o", str(out), "-q", "--id-field", "doc"]) == 0
    assert [r["id"] for r in _read_jsonl(out)] == ["x17", "y"]


def test_dedupe_flags_the_syndicated_copy_only(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert _batch([str(NEWS), "-o", str(out), "-q", "--dedupe"]) == 0
    duplicates = {r["id"]: r["duplicate_of"] for r in _read_jsonl(out)}
    assert duplicates == {
        "wire-000": None,
        "reuters-001": None,
        "urdupoint-002": "wire-000",
        "spyuganda-003": None,
        "asia-004": None,
    }


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_lines_written_by_the_workers_are_the_records_lines(tmp_path: Path, jobs: str) -> None:
    # Workers write each record's line; the duplicate mark is added to it after.
    # A lone surrogate (here in an id) escapes the whole line, its mark included.
    from cleaner.batch.records import dumps_line

    news = _read_jsonl(NEWS)
    text, other = news[0]["text"], news[1]["text"]
    rows = [{"id": "a\udc80", "text": text}, {"id": "b\u00e9", "text": text},
            {"id": "c\u00e9", "text": other}]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch([str(source), "-o", str(out), "-q", "--dedupe", "--jobs", jobs]) == 0
    lines = out.read_bytes().splitlines(keepends=True)
    records = [json.loads(line) for line in lines]
    assert [r["duplicate_of"] for r in records] == [None, "a\udc80", None]
    assert lines == [dumps_line(r) for r in records]  # as if each record were written whole
    assert [line.isascii() for line in lines] == [True, True, False]


def test_without_dedupe_there_is_no_duplicate_field(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert _batch([str(NEWS), "-o", str(out), "-q"]) == 0
    assert all("duplicate_of" not in r for r in _read_jsonl(out))


def test_summary_reports_the_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _batch([str(NEWS), "-o", str(tmp_path / "o.jsonl"), "--dedupe"]) == 0
    summary = capsys.readouterr().err
    assert "documents      5" in summary
    assert f"input          {NEWS.stat().st_size / 1e6:.1f} MB" in summary
    assert "removed        " in summary and "% of characters (5 text records)" in summary
    assert "html pages" not in summary
    assert "removal guard fired: 0" in summary
    assert "errors         0" in summary
    assert "duplicates     1" in summary
    assert "docs/s" in summary
    assert "\r" not in summary  # no progress line when stderr is not a terminal


def test_html_field_is_cleaned_as_html(tmp_path: Path) -> None:
    from cleaner.pipeline import Cleaner

    if not hasattr(Cleaner, "clean_html"):
        pytest.skip("Cleaner.clean_html is not available")
    out = tmp_path / "out.jsonl"
    assert _batch([str(HTML), "-o", str(out), "-q", "--html-field", "html"]) == 0
    page, plain = _read_jsonl(out)
    assert page["error"] is None and plain["error"] is None
    assert "Blinken will travel to Beijing" in page["text"]
    assert "Privacy policy" not in page["text"]
    assert plain["text"].startswith("Washington") or "Antony Blinken" in plain["text"]


def test_unreadable_input_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _batch([str(tmp_path / "nowhere.jsonl"), "-q"]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert _batch([str(NEWS), "--jobs", "0"]) == 2


def test_stdin_to_stdout() -> None:
    result = subprocess.run(
        [*_cli(), "--dedupe"],
        input=gzip.compress(NEWS.read_bytes()),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines][:2] == ["wire-000", "reuters-001"]
    assert b"documents      5" in result.stderr


def test_ctrl_c_leaves_only_complete_lines(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl.gz"
    process = subprocess.Popen(
        [*_cli(), "-", "-o", str(out), "--chunksize", "1", "--jobs", "2"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdin is not None
    news = NEWS.read_bytes()
    deadline = time.monotonic() + 30

    def written() -> int:
        return out.stat().st_size if out.exists() else 0

    # Feed the batch until some output has been written, then interrupt it mid-stream.
    while written() < 200 and time.monotonic() < deadline:
        process.stdin.write(news)
        process.stdin.flush()
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr.decode()
    assert b"interrupted" in stderr
    records = _read_jsonl(out)  # a complete gzip stream of complete JSON lines
    assert records and all(r["error"] is None for r in records)
    assert os.path.getsize(out) > 0


# Exit status, field choice, options -------------------------------------------


def test_exit_status_is_1_when_a_record_failed_unless_max_errors_allows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    assert _batch([str(BAD), "-o", str(out), "-q"]) == 1
    message = capsys.readouterr().err
    assert "records could not be cleaned" in message  # said even with --quiet
    assert _batch([str(BAD), "-o", str(out), "-q", "--max-errors", "4"]) == 1  # 5 failed
    assert "--max-errors 5 to accept" in capsys.readouterr().err
    assert _batch([str(BAD), "-o", str(out), "-q", "--max-errors", "5"]) == 0
    assert "could not be cleaned" not in capsys.readouterr().err
    assert _batch([str(BAD), "--max-errors", "-1"]) == 2


def test_every_record_failing_is_a_failure(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"body": "a"}\n{"body": "b"}\n', encoding="utf-8")
    result = subprocess.run(
        [*_cli(), str(source), "-o", str(tmp_path / "out.jsonl")],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "2 of 2 records could not be cleaned" in result.stderr
    assert "errors         2 (2 missing field)" in result.stderr


def test_a_record_with_only_html_is_cleaned_as_html() -> None:
    records = [{"id": "p", "html": "<p>page</p>"}, {"id": "t", "text": "plain"},
               {"id": "both", "text": "plain", "html": "<p>page</p>"}]
    out = list(iter_clean(records, UpperCleaner()))
    assert [r["text"] for r in out] == ["HTML:<p>page</p>", "PLAIN", "PLAIN"]


def test_a_named_field_turns_off_the_html_fallback() -> None:
    records = [{"id": "p", "html": "<p>page</p>"}]
    (out,) = iter_clean(records, UpperCleaner(), text_field="body")
    assert out["error"].startswith("missing field 'body' (the record has 'id', 'html')")
    (out,) = iter_clean(records, UpperCleaner(), html_field="page")
    assert out["error"].startswith("missing field 'text' or 'page'")


def test_html_only_file_needs_no_option_and_reports_no_text_share(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "pages.jsonl"
    source.write_text(HTML.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch([str(source), "-o", str(out)]) == 0
    (record,) = _read_jsonl(out)
    assert "Blinken will travel to Beijing" in record["text"]
    summary = capsys.readouterr().err
    assert "of characters" not in summary  # no text record: no share of text removed
    assert "html pages     1: the body is " in summary


def test_mode_and_config_options_reach_the_cleaner(tmp_path: Path) -> None:
    page = (FIXTURES / "page_news.txt").read_text(encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "p", "text": page}) + "\n", encoding="utf-8")
    texts = {}
    for mode in ("article", "page"):
        out = tmp_path / f"{mode}.jsonl"
        assert _batch([str(source), "-o", str(out), "-q", "--mode", mode]) == 0
        texts[mode] = _read_jsonl(out)[0]["text"]
    assert "Politics\n\nWorld" in texts["article"]
    assert "Politics" not in texts["page"]
    assert "new bridge" in texts["page"]
    out = tmp_path / "meta.jsonl"
    assert _batch([str(source), "-o", str(out), "-q", "--set", "detect_language=off"]) == 0
    assert _read_jsonl(out)[0]["metadata"]["language"] is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--mode", "pages"], "invalid choice"),
        (["--set", "nope=1"], "no option 'nope'"),
        (["--set", "max_removed_share=2"], "share between 0 and 1"),
        (["--set", "fix_mojibake=maybe"], "not on/off"),
        (["--set", "regex_timeout"], "NAME=VALUE"),
        (["--regex-timeout", "0"], "Config.regex_timeout must be positive"),
    ],
)
def test_bad_options_are_usage_errors(argv: list[str], message: str) -> None:
    result = subprocess.run(
        [*_cli(), str(NEWS), "-q", *argv],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_zstd_input_says_how_to_decompress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl.zst"
    source.write_bytes(b"(\xb5/\xfd" + b"\x00" * 20)
    assert _batch([str(source), "-q"]) == 2
    assert "zstd -dc" in capsys.readouterr().err


# Progress ----------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_shows_share_rate_and_eta_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr("cleaner.cli.progress.REDRAW_EVERY", 0.0)
    out = tmp_path / "out.jsonl"
    assert _batch([str(NEWS), "-o", str(out)]) == 0
    draws = [line for line in terminal.getvalue().split("\r") if "docs" in line and "MB" in line]
    size = NEWS.stat().st_size / 1e6
    assert draws[0].startswith(f"0 docs  0.0 of {size:.1f} MB (0%)  0 errors")  # before any
    assert any(
        f"of {size:.1f} MB (" in d and "docs/s" in d and "MB/s" in d and "ETA" in d
        for d in draws[1:]
    )


def test_progress_line_without_a_size_has_no_eta() -> None:
    from cleaner.cli.progress import Progress

    progress = Progress(_Terminal(), None, enabled=True)
    progress.documents, progress.done_bytes = 10, 2_000_000
    line = progress.line(progress.started + 1.0)
    assert line == "10 docs  2.0 MB  0 errors  10 docs/s  2.00 MB/s"


def test_python_m_cleaner_batch_still_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cleaner.batch", str(NEWS), "-q"],
        capture_output=True, cwd=ROOT, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert len(result.stdout.decode("utf-8").splitlines()) == 5
