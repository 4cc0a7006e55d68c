"""``article-cleaner batch --resume``: a stopped batch continued into the same output."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
from test_batch import BAD, NEWS, ROOT, _batch, _cli, _many_records, _read_jsonl

from cleaner.batch.io import GzipMembers


def _full(source: Path, tmp_path: Path, *options: str) -> list[dict[str, Any]]:
    """The records of an uninterrupted batch."""
    out = tmp_path / "full.jsonl"
    _batch([str(source), "-o", str(out), "-q", *options])
    return _read_jsonl(out)


def _lines(records: list[dict[str, Any]]) -> list[bytes]:
    return [(json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8") for r in records]


def _crashed_plain(path: Path, records: list[dict[str, Any]], done: int, cut: int) -> None:
    """What a batch killed after ``done`` records leaves: those lines, then ``cut``
    bytes of the next."""
    lines = _lines(records)
    path.write_bytes(b"".join(lines[:done]) + lines[done][:cut])


def _crashed_gzip(path: Path, records: list[dict[str, Any]], done: int, cut: int) -> None:
    """One gzip member, sync-flushed after ``done`` records and never finished: the
    next record half written, the compressed stream cut ``cut`` bytes short."""
    lines = _lines(records)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = compressor.compress(b"".join(lines[:done])) + compressor.flush(zlib.Z_SYNC_FLUSH)
    data += compressor.compress(lines[done]) + compressor.flush(zlib.Z_FULL_FLUSH)
    path.write_bytes(data[: len(data) - cut])


def _news(tmp_path: Path, copies: int = 3) -> Path:
    source = tmp_path / "in.jsonl"
    _many_records(source, copies)
    return source


@pytest.mark.parametrize("crash", [_crashed_plain, _crashed_gzip], ids=["jsonl", "jsonl.gz"])
@pytest.mark.parametrize("options", [[], ["--dedupe"], ["--jobs", "2", "--chunksize", "2"]])
def test_resume_after_a_crash_gives_the_uninterrupted_output(
    tmp_path: Path, crash: Any, options: list[str]
) -> None:
    source = _news(tmp_path)
    full = _full(source, tmp_path, *options)
    suffix = ".jsonl.gz" if crash is _crashed_gzip else ".jsonl"
    out = tmp_path / f"out{suffix}"
    crash(out, full, 7, 20)
    assert _batch([str(source), "-o", str(out), "-q", "--resume", *options]) == 0
    assert _read_jsonl(out) == full  # every record once, in order, dedupe marks included
    if suffix == ".jsonl.gz":
        subprocess.run(["gzip", "-t", str(out)], check=True)  # valid gzip throughout


def test_gzip_output_cut_anywhere_resumes_to_the_same_records(tmp_path: Path) -> None:
    source = _news(tmp_path, copies=2)
    full = _full(source, tmp_path)
    written = tmp_path / "written.jsonl.gz"
    sink = GzipMembers(open(written, "wb"), member_bytes=3000)  # noqa: SIM115
    for line in _lines(full):
        sink.write(line)
        sink.flush()
    sink.close()
    data = written.read_bytes()
    assert data.count(b"\x1f\x8b\x08") > 2  # several members
    out = tmp_path / "out.jsonl.gz"
    for cut in range(1, len(data), len(data) // 11):
        out.write_bytes(data[:cut])
        assert _batch([str(source), "-o", str(out), "-q", "--resume"]) == 0, cut
        assert _read_jsonl(out) == full, cut


def test_resume_reports_what_was_already_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _news(tmp_path)
    full = _full(source, tmp_path)
    out = tmp_path / "out.jsonl"
    _crashed_plain(out, full, 4, 9)
    assert _batch([str(source), "-o", str(out), "--resume"]) == 0
    err = capsys.readouterr().err
    assert "the end of" in err and "kept its 4 complete records" in err
    assert "documents      11" in err
    assert "already done   4 records in the output from before, not cleaned again (0 errors)" in err


def test_a_finished_output_is_left_as_it_is(tmp_path: Path) -> None:
    source = _news(tmp_path)
    _full(source, tmp_path)
    out = tmp_path / "full.jsonl"
    before = out.read_bytes()
    assert _batch([str(source), "-o", str(out), "-q", "--resume"]) == 0
    assert out.read_bytes() == before


def test_error_records_are_kept_not_retried_and_still_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = _full(BAD, tmp_path)
    out = tmp_path / "out.jsonl"
    _crashed_plain(out, full, 5, 3)  # four of the five done failed
    assert _batch([str(BAD), "-o", str(out), "--resume"]) == 1
    assert _read_jsonl(out) == full
    err = capsys.readouterr().err
    assert "(4 errors)" in err
    assert "5 of 8 records could not be cleaned" in err  # the whole output, as uninterrupted
    _crashed_plain(out, full, 5, 3)
    assert _batch([str(BAD), "-o", str(out), "-q", "--resume", "--max-errors", "5"]) == 0


def test_duplicate_ids_in_the_input_each_get_their_record(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    stories = _read_jsonl(NEWS)
    records = [{"id": "same", "text": s["text"]} for s in stories] * 2
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    full = _full(source, tmp_path)
    out = tmp_path / "out.jsonl.gz"
    _crashed_gzip(out, full, 3, 5)
    assert _batch([str(source), "-o", str(out), "-q", "--resume"]) == 0
    assert _read_jsonl(out) == full
    assert len(full) == 10


def test_records_without_ids_are_matched_by_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    texts = [s["text"] for s in _read_jsonl(NEWS)]
    source.write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n", encoding="utf-8")
    full = _full(source, tmp_path)
    assert [r["id"] for r in full] == [1, 2, 3, 4, 5]
    out = tmp_path / "out.jsonl"
    _crashed_plain(out, full, 2, 0)
    assert _batch([str(source), "-o", str(out), "-q", "--resume"]) == 0
    assert _read_jsonl(out) == full


def test_an_output_of_another_input_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _news(tmp_path)
    out = tmp_path / "out.jsonl"
    _crashed_plain(out, _full(NEWS, tmp_path), 3, 0)
    before = out.read_bytes()
    assert _batch([str(source), "-o", str(out), "-q", "--resume"]) == 2
    assert "is not that of input record 1" in capsys.readouterr().err
    assert out.read_bytes() == before
    # More records than the input has: the output of a longer input.
    _crashed_plain(out, _full(source, tmp_path), 8, 0)
    short = tmp_path / "short.jsonl"
    short.write_bytes(b"".join(source.read_bytes().splitlines(keepends=True)[:5]))
    assert _batch([str(short), "-o", str(out), "-q", "--resume"]) == 2
    assert "holds 8 records but" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("first", "then", "message"),
    [
        (["--dedupe"], [], "was written with --dedupe; resume with it too"),
        ([], ["--dedupe"], "was written without --dedupe; resume without it too"),
    ],
)
def test_dedupe_must_match(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first: list[str], then: list[str],
    message: str,
) -> None:
    out = tmp_path / "out.jsonl"
    _crashed_plain(out, _full(NEWS, tmp_path, *first), 2, 0)
    assert _batch([str(NEWS), "-o", str(out), "-q", "--resume", *then]) == 2
    assert message in capsys.readouterr().err


def test_resume_needs_an_output_file_and_starts_afresh_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _batch([str(NEWS), "--resume"]) == 2
    assert "--resume needs -o OUTPUT" in capsys.readouterr().err
    out = tmp_path / "new.jsonl.gz"
    assert _batch([str(NEWS), "-o", str(out), "-q", "--resume"]) == 0
    assert _read_jsonl(out) == _full(NEWS, tmp_path)


def test_a_file_that_is_not_batch_output_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(NEWS.read_bytes())
    assert _batch([str(NEWS), "-o", str(out), "-q", "--resume"]) == 2
    assert "line 1 of" in capsys.readouterr().err
    assert out.read_bytes() == NEWS.read_bytes()


def test_a_killed_batch_resumes_to_the_uninterrupted_output(tmp_path: Path) -> None:
    source = _news(tmp_path, copies=60)
    out = tmp_path / "out.jsonl.gz"
    process = subprocess.Popen(
        [*_cli(), str(source), "-o", str(out), "-q", "--dedupe"],
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while (not out.exists() or out.stat().st_size == 0) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)  # no chance to finish the gzip member
    process.communicate(timeout=30)
    if process.returncode == 0:
        pytest.skip("the batch finished before it could be killed")
    assert _batch([str(source), "-o", str(out), "-q", "--resume", "--dedupe"]) == 0
    assert _read_jsonl(out) == _full(source, tmp_path, "--dedupe")
    assert os.path.getsize(out) > 0
    with gzip.open(out) as stream:
        assert sum(1 for _ in stream) == 300
