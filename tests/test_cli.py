"""The command line: ``article-cleaner clean|rules`` (batch: tests/test_batch.py)."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import textwrap

import pytest
from conftest import FIXTURES

from cleaner.cli import main


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin,
                          capture_output=True, text=True, timeout=120, check=False)


def test_clean_file_text_output():
    res = run("clean", str(FIXTURES / "seeds/001.txt"))
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("TOKYO, June 18 (Reuters)")
    assert "Our Standards" not in res.stdout


def test_clean_stdin_json_output():
    res = run("clean", "--format", "json", "-", stdin=(FIXTURES / "seeds/002.txt").read_text())
    assert res.returncode == 0, res.stderr
    record = json.loads(res.stdout)
    assert record["metadata"]["authors"] == ["Faizan Hashmi"]
    assert any(r["rule"] == "en.related" for r in record["removed"])


def test_explain_lists_rule_ids():
    res = run("clean", "--explain", str(FIXTURES / "seeds/003.txt"))
    assert res.returncode == 0
    assert "[news.byline]" in res.stdout and "By Spy Uganda Correspondent" in res.stdout


def test_missing_file_exits_2_with_message():
    res = run("clean", "/nonexistent.txt")
    assert res.returncode == 2 and "/nonexistent.txt" in res.stderr


def test_bad_rule_file_exits_2_naming_it(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "x.y"\naction = "nope"\n')
    res = run("clean", "--rules", str(bad), str(FIXTURES / "seeds/000.txt"))
    assert res.returncode == 2
    assert "bad.toml" in res.stderr and "x.y" in res.stderr


def test_rules_list_and_test():
    listing = run("rules", "list")
    assert listing.returncode == 0 and "en.related" in listing.stdout
    tested = run("rules", "test")
    assert tested.returncode == 0 and " examples passed, 0 failed" in tested.stdout


def test_rules_test_reports_failing_user_examples(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text('[[rule]]\nid = "mine.x"\ndescription = "d"\naction = "drop"\n'
                   'phrases = ["Foo"]\nexamples.match = ["Bar"]\n')
    res = run("rules", "test", str(bad))
    assert res.returncode == 1 and "mine.x" in res.stdout and "1 failed (in 1 rule)" in res.stdout


# In-process runs: main() with captured output ------------------------------------

SEED = FIXTURES / "seeds/001.txt"
PAGE = FIXTURES / "html/news_with_chrome.html"
DROP_ALL = textwrap.dedent("""\
    [[rule]]
    id = "mine.everything"
    description = "Drops every line"
    action = "drop"
    pattern = '.+'
    examples.match = ["Anything at all"]
    """)


def _main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_html_file_is_recognised_by_its_name(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _main(capsys, "clean", str(PAGE))
    assert status == 0, err
    assert out.startswith("SPRINGFIELD (Reuters)") and "<p>" not in out
    assert "called “painful but necessary”" in out  # Windows-1252 page
    assert "Share this" not in out
    assert f"{PAGE}: read as HTML (its name); --text to clean it as text" in err


def test_html_on_stdin_is_recognised_by_its_markup(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, PAGE.read_bytes())
    status, out, err = _main(capsys, "clean")
    assert status == 0 and out.startswith("SPRINGFIELD (Reuters)")
    assert "standard input: read as HTML (markup near its start)" in err


def test_text_option_forces_text_and_html_option_says_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _main(capsys, "clean", "--text", str(PAGE))
    assert status == 0 and "<p>" in out and "read as HTML" not in err
    status, out, err = _main(capsys, "clean", "--html", str(PAGE))
    assert status == 0 and out.startswith("SPRINGFIELD") and err == ""
    with pytest.raises(SystemExit, match="2"):
        main(["clean", "--html", "--text", str(PAGE)])
    assert "not allowed with argument --html" in capsys.readouterr().err


def test_quiet_hushes_the_html_note(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _main(capsys, "clean", "-q", str(PAGE))
    assert status == 0 and out.startswith("SPRINGFIELD") and err == ""


def test_several_files_get_a_header_each_as_head_prints_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = FIXTURES / "seeds/003.txt"
    status, out, err = _main(capsys, "clean", "--explain", str(SEED), str(other))
    assert status == 0, err
    assert out.startswith(f"==> {SEED} <==\nTOKYO, June 18 (Reuters)")
    first, second = out.split(f"\n\n==> {other} <==\n")
    assert "--- removed" in first and "--- removed" in second  # --explain per file
    assert "[news.byline]" in second and "[news.byline]" not in first
    # One file: no header.
    status, out, _ = _main(capsys, "clean", str(SEED))
    assert out.startswith("TOKYO, June 18 (Reuters)")


def test_json_format_has_no_headers(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _main(capsys, "clean", "--format", "json", str(SEED), str(PAGE))
    assert status == 0
    text, page = (json.loads(line) for line in out.splitlines())
    assert text["file"] == str(SEED) and text["html"] is False
    assert page["html"] is True and page["metadata"]["title"] == "Council approves new budget"


def test_guard_warning_goes_to_stderr_unless_quiet(
    capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    rules = tmp_path / "all.toml"
    rules.write_text(DROP_ALL, encoding="utf-8")
    argv = ["clean", "--rules", "default", "--rules", str(rules), str(SEED)]
    status, out, err = _main(capsys, *argv)
    assert status == 0 and out.startswith("Blinken is set to embark")  # kept whole
    assert f"article-cleaner: {SEED}: warning: guard:" in err
    assert "mine.everything" in err
    status, out, err = _main(capsys, *argv, "--quiet")
    assert status == 0 and err == ""


def test_text_that_is_not_utf8_is_decoded(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    story = SEED.read_text(encoding="utf-8").replace("’", "'").replace("—", "-")
    story = story.replace("TOKYO", "TOKYO (café)", 1)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(story.encode("cp1252", errors="replace"))
    status, out, err = _main(capsys, "clean", str(latin))
    assert status == 0, err
    assert "TOKYO (café), June 18" in out
    status, out, err = _main(capsys, "clean", "--encoding", "latin-1", str(latin))
    assert status == 0 and "TOKYO (café), June 18" in out
    status, out, err = _main(capsys, "clean", "--encoding", "utf-8", str(latin))
    assert status == 2
    assert f"{latin}: not valid utf-8: byte 0xe9 at " in err and "--encoding" in err
    status, out, err = _main(capsys, "clean", "--encoding", "klingon", str(latin))
    assert status == 2 and "unknown encoding 'klingon'" in err


def test_gzip_file_is_read(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    packed = tmp_path / "story.txt.gz"
    packed.write_bytes(gzip.compress(SEED.read_bytes()))
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(PAGE.read_bytes()))
    status, out, err = _main(capsys, "clean", "--format", "json", str(packed), str(page))
    assert status == 0, err
    story, html = (json.loads(line) for line in out.splitlines())
    assert story["text"].startswith("TOKYO, June 18 (Reuters)")
    assert html["html"] is True and html["text"].startswith("SPRINGFIELD")
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress(SEED.read_bytes())[:200])
    status, out, err = _main(capsys, "clean", str(broken))
    assert status == 2 and f"{broken}: cannot read: bad gzip data" in err


def test_binary_input_is_an_error_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    status, out, err = _main(capsys, "clean", str(image), str(SEED))
    assert status == 1 and f"{image}: input is binary data (a PNG image)" in err
    assert "TOKYO" in out  # the other file is still cleaned


def test_mode_and_set_options(capsys: pytest.CaptureFixture[str]) -> None:
    page = str(FIXTURES / "page_news.txt")
    _, article, _ = _main(capsys, "clean", "--mode", "article", page)
    _, whole, _ = _main(capsys, "clean", "--mode", "page", page)
    assert "Politics" in article and "Politics" not in whole
    status, out, _ = _main(capsys, "clean", "--format", "json", "--set", "detect_language=no", page)
    assert status == 0 and json.loads(out)["metadata"]["language"] is None
    status, _, err = _main(capsys, "clean", "--set", "guard_min_chars=-1", page)
    assert status == 2 and "Config.guard_min_chars must be 0 or more" in err


def test_help_texts(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["clean", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--format {text,json} 'text' (default): the body" in text
    for option in ("--mode", "--regex-timeout", "--set NAME=VALUE", "--encoding", "--text"):
        assert option in text
    status, out, err = _main(capsys, "rules")
    assert status == 0 and "usage: article-cleaner rules" in out and "list" in out
    assert "required" not in out + err
    status, out, _ = _main(capsys)
    assert status == 0 and "usage: article-cleaner" in out and "{clean,batch,rules}" in out


def test_rules_test_counts_examples_in_one_unit(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[rule]]\nid = "mine.x"\ndescription = "d"\naction = "drop"\nphrases = ["Foo"]\n'
        'examples.match = ["Foo", "Bar", "Baz"]\nexamples.no_match = ["Qux"]\n\n'
        '[[rule]]\nid = "mine.y"\ndescription = "d"\naction = "drop"\nphrases = ["Zap"]\n'
        'examples.match = ["Zap"]\n',
        encoding="utf-8",
    )
    status, out, _ = _main(capsys, "rules", "test", str(mine))
    assert status == 1
    assert out.count("FAIL ") == 2 and "'Bar'" in out and "'Baz'" in out
    assert out.splitlines()[-1] == "2 rules, 5 examples: 3 examples passed, 2 failed (in 1 rule)"


def test_rules_test_checks_settings_tables(tmp_path):
    """A typo in a settings table fails `rules test`, as it fails building a Cleaner."""
    bad = tmp_path / "bad.toml"
    bad.write_text("[scoring]\nlength_lo = 50\n", encoding="utf-8")
    res = run("rules", "test", str(bad))
    assert res.returncode == 1
    assert "bad.toml" in res.stdout and "length_lo" in res.stdout
