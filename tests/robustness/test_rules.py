"""Hostile and broken rule files: one clear error or warning, never a hang or a surprise."""

from __future__ import annotations

import builtins
import subprocess
import sys
import textwrap
import time
import warnings

import pytest

from cleaner import Cleaner, RuleError, RuleTimeoutError, RuleWarning
from cleaner.batch import iter_clean
from cleaner.rules import load, nested_quantifiers

STORY = ("The council approved the budget on Tuesday after a long debate, and the mayor "
         "said the city would now have to make hard choices about its services.")


def write(tmp_path, body: str, name: str = "mine.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def rule(pattern: str, *, action: str = "drop", extra: str = "", example: str = "aaa") -> str:
    return textwrap.dedent(f"""\
        [[rule]]
        id = "mine.slow"
        description = "A pattern that backtracks"
        action = "{action}"
        pattern = '{pattern}'
        {extra}
        examples.match = ["{example}"]
        """)


# ---------------------------------------------------------------- nested quantifiers


@pytest.mark.parametrize(
    "pattern, found",
    [
        (r"(a+)+$", ["(a+)+"]),
        (r"(\w+\s?)+!", [r"(\w+\s?)+"]),
        (r"(\w*\s?)*", [r"(\w*\s?)*"]),
        (r"(?:x+y?)+", ["(?:x+y?)+"]),
        (r"(?:a+|b)*c", ["(?:a+|b)*"]),
        (r"((?:a+))+", ["((?:a+))+"]),
        (r"(?P<n>\d+\s*){2,9}x", [r"(?P<n>\d+\s*){2,9}"]),
        (r"(?i:\w+\s*)+?", [r"(?i:\w+\s*)+?"]),
        (r"(\s*\w+\s*)+x", [r"(\s*\w+\s*)+"]),
        (r"(?x) ( a + ) +  # comment (b+)+", ["( a + ) +"]),
        (r"x((a+)+)+", ["((a+)+)+", "(a+)+"]),
    ],
)
def test_nested_quantifiers_found(pattern, found):
    assert nested_quantifiers(pattern) == found


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a+)", r"(a+)?", r"(a+){1}", r"a{2,}b+", r"(a{1,3})+",
        r"(?>a+)+", r"(a++)+", r"(a+)++", r"(?=a+)+x",  # atomic, possessive, lookaround
        r"[(a+)+]", r"\(a+\)+", r"(?#(a+)+)x",  # not groups at all
        r"(\s+\S+)*", r"(?:[\p{L}\d.,]+\s+){0,8}?",  # each repetition needs both kinds
        r"(?:\s*\|\s*[^|.!?]{1,40}){2,}",  # the bar separates the repetitions
        r"(?:\s*(?:,|and|&)\s*\p{Lu}\w*)*",  # so does a word list
    ],
)
def test_nested_quantifiers_quiet(pattern):
    assert nested_quantifiers(pattern) == []


def test_shipped_rules_load_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load(["default"])


# A pattern the linear-time engine cannot run: the lookbehind needs backtracking.
BACKTRACKING = "(a+)+(?<!b)$"


def test_nested_quantifier_warns_naming_file_rule_and_group(tmp_path):
    path = write(tmp_path, rule(BACKTRACKING))
    with pytest.warns(RuleWarning) as record:
        Cleaner(rules=[str(path)])
    message = str(record[0].message)
    assert str(path) in message and "mine.slow" in message and "(a+)+" in message


def test_nested_quantifier_in_a_linear_time_pattern_is_no_warning(tmp_path):
    path = write(tmp_path, rule("(a+)+$"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = Cleaner(rules=[str(path)])
    assert c.ruleset.compiled(c.config.regex_timeout).core.engine(0) == "regex"


# ---------------------------------------------------------------- time limits


def _slow_cleaner(tmp_path, pattern: str, **rule_options) -> Cleaner:
    path = write(tmp_path, rule(pattern, **rule_options))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuleWarning)
        c = Cleaner(rules=[str(path)], regex_timeout=0.2)
    c.clean(STORY)  # load the language model before timing
    return c


HOSTILE = [
    ("(a+)+$", {}, "a" * 1_000_000 + "!"),
    (r"(\w+\s?)+!", {"extra": 'match = "contains"\nmax_words = 1000000',
                      "example": "hello world!"}, "!" + " word" * 200_000),
    (r"(\w+\s?)+!", {"action": "replace", "example": "hello world!"}, "!" + " word" * 200_000),
    (r"(?P<author>(\w+\s?)+)!", {"action": "extract", "extra": 'where = "head"\nwithin = 3',
                                 "example": "hello world!"}, "word " * 200_000 + "!x"),
]


@pytest.mark.parametrize("pattern, options, line", HOSTILE, ids=["drop-block", "drop-contains",
                                                                  "replace", "extract"])
def test_pathological_pattern_runs_in_linear_time(tmp_path, pattern, options, line):
    # Patterns that backtrack catastrophically in Python's regex run on the
    # linear-time engine: no match, no error, in about the time of a scan.
    c = _slow_cleaner(tmp_path, pattern, **options)
    start = time.monotonic()
    doc = c.clean(f"{STORY}\n{line}\n{STORY}", mode="article")
    assert time.monotonic() - start < 15  # measured well under 1 s on 1 MB
    assert line.strip() in doc.text and doc.removed == []


@pytest.mark.parametrize(
    "pattern, options, line",
    [
        (BACKTRACKING, {}, "a" * 1_000_000 + "!"),
        (r"(\w+\s?)+(?<!x)!", {"extra": 'match = "contains"\nmax_words = 1000000',
                                "example": "hello world!"}, "!" + " word" * 200_000),
        (r"(\w+\s?)+(?<!x)!", {"action": "replace", "example": "hello world!"},
         "!" + " word" * 200_000),
        (r"(?P<author>(\w+\s?)+)(?<!x)!", {"action": "extract",
                                           "extra": 'where = "head"\nwithin = 3',
                                           "example": "hello world!"}, "word " * 200_000 + "!x"),
    ],
    ids=["drop-block", "drop-contains", "replace", "extract"],
)
def test_pathological_pattern_fails_the_document_quickly(tmp_path, pattern, options, line):
    # What still backtracks (fancy-regex) stops at the limit that stands for
    # Config.regex_timeout.
    c = _slow_cleaner(tmp_path, pattern, **options)
    start = time.monotonic()
    with pytest.raises(RuleTimeoutError, match="time limit"):
        c.clean(f"{STORY}\n{line}\n{STORY}", mode="article")
    assert time.monotonic() - start < 15  # 0.2 s limit; measured 0.7-1 s on 1 MB


@pytest.mark.parametrize("jobs", [1, 2])
def test_timeout_in_a_batch_is_an_error_record_and_the_batch_goes_on(tmp_path, jobs):
    c = _slow_cleaner(tmp_path, BACKTRACKING)
    records = [{"id": 1, "text": STORY}, {"id": 2, "text": "a" * 300_000 + "!"},
               {"id": 3, "text": STORY}]
    out = list(iter_clean(records, c, jobs=jobs))
    assert [r["id"] for r in out] == [1, 2, 3]
    assert out[0]["error"] is None and out[2]["error"] is None
    assert out[0]["text"] == STORY
    assert out[1]["error"].startswith("RuleTimeoutError:") and out[1]["text"] is None


# ---------------------------------------------------------------- rules that can never match

GOOD = """\
[[rule]]
id = "mine.footer"
description = "Footer of my site"
action = "drop"
phrases = ["Elsewhere on My Site"]
examples.match = ["Elsewhere on My Site"]
"""


@pytest.mark.parametrize(
    "extra, problem",
    [
        ("max_words = 0", "max_words = 0"),
        ("max_words = -3", "max_words = -3"),
        ("min_words = -1", "negative"),
        ("min_words = 5\nmax_words = 4", "min_words = 5 is more than max_words = 4"),
        ("max_words = 2", "every phrase has more than max_words = 2 words"),
        ('languages = ["english"]', "not an ISO 639-1 code"),
        ('sites = ["https://example.com/news"]', "not a domain name"),
    ],
)
def test_rule_that_can_never_match_is_an_error(tmp_path, extra, problem):
    path = write(tmp_path, GOOD.replace('action = "drop"', f'action = "drop"\n{extra}'))
    with pytest.raises(RuleError) as info:
        Cleaner(rules=[str(path)])
    message = str(info.value)
    assert str(path) in message and "mine.footer" in message and problem in message
    assert "can never match" in message


@pytest.mark.parametrize(
    "body, problem",
    [
        (GOOD.replace('action = "drop"', 'action = "drop"\nwhere = "head"\nwithin = 0'),
         "'within' must be at least 1"),
        (GOOD.replace('action = "drop"', 'action = "drop"\nrepeat_within = -1'),
         "'repeat_within' must be at least 0"),
        (GOOD.replace('action = "drop"', 'action = "cut-to-end"\ninline = true'),
         "'inline' is only for drop rules"),
        (GOOD.replace('action = "drop"', 'action = "replace"').replace(
            'phrases = ["Elsewhere on My Site"]', "pattern = '(?:Elsewhere)?'"),
         "must not match the empty string"),
        (GOOD.replace('phrases = ["Elsewhere on My Site"]', "phrases = ['Elsewhere', 3]"),
         "list of strings"),
        (GOOD.replace('phrases = ["Elsewhere on My Site"]', "pattern = '{{NOPE}}'"),
         "unknown macro"),
        ("[macros]\nX = '(unclosed'\n" + GOOD.replace('phrases = ["Elsewhere on My Site"]',
                                                       "pattern = 'a{{X}}'"), "bad pattern"),
        (GOOD.replace('examples.match = ["Elsewhere on My Site"]', "examples.match = []"),
         "at least one example"),
    ],
)
def test_more_bad_rules_name_file_and_rule(tmp_path, body, problem):
    path = write(tmp_path, body)
    with pytest.raises(RuleError) as info:
        Cleaner(rules=[str(path)])
    message = str(info.value)
    assert str(path) in message and "mine.footer" in message and problem in message


@pytest.mark.parametrize(
    "body, problem",
    [
        ('title = "x"\n[[rule]\n', "line 2"),  # TOML syntax: file and line
        ("[rule]\nid = 'x'\n", "array of tables"),
        ("ruleset = 3\n", "[ruleset] must be a table"),
        ("[macros]\nX = 3\n", "[macros] must map names to pattern strings"),
    ],
)
def test_file_level_errors_name_the_file(tmp_path, body, problem):
    path = write(tmp_path, body)
    with pytest.raises(RuleError) as info:
        Cleaner(rules=[str(path)])
    assert str(path) in str(info.value) and problem in str(info.value)


def test_ruleset_languages_that_can_never_match(tmp_path):
    path = write(tmp_path, '[ruleset]\nlanguages = ["German"]\n' + GOOD)
    with pytest.raises(RuleError, match="mine.footer.*'German' is not an ISO 639-1 code"):
        Cleaner(rules=[str(path)])


def test_file_that_is_not_utf8_names_the_file(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(GOOD.replace("Footer", "Pied de pégé").encode("latin-1"))
    with pytest.raises(RuleError, match="cannot read"):
        Cleaner(rules=[str(path)])


def test_duplicate_id_across_files_names_both(tmp_path):
    first, second = write(tmp_path, GOOD, "a.toml"), write(tmp_path, GOOD, "b.toml")
    with pytest.raises(RuleError) as info:
        Cleaner(rules=[str(first), str(second)])
    assert str(first) in str(info.value) and str(second) in str(info.value)


def test_within_without_head_or_tail_warns(tmp_path):
    path = write(tmp_path, GOOD.replace('action = "drop"', 'action = "drop"\nwithin = 3'))
    with pytest.warns(RuleWarning, match="mine.footer.*'within' has no effect"):
        Cleaner(rules=[str(path)])


# ---------------------------------------------------------------- rules are data


PYTHONISH = '''\
[[rule]]
id = "mine.python"
description = "__import__('os').system('touch {marker}')"
action = "replace"
pattern = "exec\\\\(open\\\\('{marker}', 'w'\\\\)\\\\)"
replacement = "{{__import__('os').system('touch {marker}')}}"
examples.match = ["exec(open('{marker}', 'w'))"]
'''


def test_python_in_a_rule_file_is_only_text(tmp_path, monkeypatch):
    marker = tmp_path / "ran"
    write(tmp_path, PYTHONISH.format(marker=marker))
    (tmp_path / "rules.py").write_text(f"open({str(marker)!r}, 'w')\n")  # not a rule file
    for name in ("exec", "eval", "compile", "__import__"):
        original = getattr(builtins, name)

        def refuse(*args, _name=name, _original=original, **kwargs):
            if _name == "__import__" and args and not str(args[0]).startswith(("os", "subprocess")):
                return _original(*args, **kwargs)
            raise AssertionError(f"rule loading called {_name}")

        monkeypatch.setattr(builtins, name, refuse)
    c = Cleaner(rules=[str(tmp_path)])
    monkeypatch.undo()
    assert [r.id for r in c.ruleset.rules] == ["mine.python"]
    text = f"{STORY}\nexec(open('{marker}', 'w')) is what the page said."
    assert "__import__" in c.clean(text).text  # the replacement is inserted as text
    assert not marker.exists()


def test_python_source_is_not_a_rule_file(tmp_path):
    path = write(tmp_path, "import os\nos.system('true')\n", "rules.toml")
    with pytest.raises(RuleError, match="invalid TOML"):
        Cleaner(rules=[str(path)])


def test_command_line_time_limit(tmp_path):
    rules = write(tmp_path, rule(BACKTRACKING), "slow.toml")
    text = tmp_path / "page.txt"
    text.write_text(f"{STORY}\n{'a' * 200_000}!\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-m", "cleaner", "clean", "--rules", str(rules),
         "--regex-timeout", "0.2", str(text)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 1
    assert f"{text}: " in result.stderr and "time limit (0.2 s)" in result.stderr
