from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


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
    assert tested.returncode == 0 and " 0 failed" in tested.stdout


def test_rules_test_reports_failing_user_examples(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text('[[rule]]\nid = "mine.x"\ndescription = "d"\naction = "drop"\n'
                   'phrases = ["Foo"]\nexamples.match = ["Bar"]\n')
    res = run("rules", "test", str(bad))
    assert res.returncode == 1 and "mine.x" in res.stdout and "1 failed" in res.stdout
