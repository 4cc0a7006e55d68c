"""Chrome and replace rules run in the core: their patterns, written for Python's
``regex`` module, must match exactly where ``regex`` matches."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import _core
from cleaner.blocks import Block
from cleaner.engine import run_replace
from cleaner.errors import RuleError
from cleaner.rules import Rule, compile, load

SHIPPED = load(["default"], check_examples=False)
PATTERNS = [r for r in SHIPPED.rules if r.action in compile.CORE_ACTIONS and r.pattern is not None]

WORDS = [
    "Read", "more", "READ", "Related", "Topics", "Stories", "Comments", "(3)", "»", ":", "|", "-",
    "–", "•", "Facebook", "Twitter", "Email", "©", "2024", "Copyright", "All", "rights", "reserved",
    "Media", "contact", "for", "Example", "Corp", "Foto:", "dpa", "Werbung", "Anzeige", "istanbul",
    "İstanbul", "ISTANBUL", "ıi", "Straße", "STRASSE", "ǅ", "ĸ", " ", "  ", "\N{NO-BREAK SPACE}",
    ".", "!", "?", "www.example.com", "Accessdome.com", "hier", "finden", "Sie", "Leave", "a",
    "Reply", "3", "hours", "ago", "Photo", "by", "Jane", "Doe/AFP", "(", ")", "\"", "«", "»",
]


def run_pattern(rule: Rule, pattern, text: str, timeout: float | None):
    """The `regex` module's answer, as the rule's ``match`` asks: the reference."""
    if rule.match == "block":
        return pattern.fullmatch(text, timeout=timeout)
    if rule.match == "prefix":
        return pattern.match(text, timeout=timeout)
    return pattern.search(text, timeout=timeout)


def python_matches(rule: Rule, text: str) -> bool:
    found = run_pattern(rule, rule.compile(), text, None)
    return found is not None and rule.length_ok(text)


def core_hits(rule: Rule):
    return compile.RuleBook([rule], 1.0).hits(0)


@pytest.mark.parametrize("rule", PATTERNS, ids=lambda r: r.id)
def test_every_shipped_pattern_matches_as_in_python_on_its_examples(rule):
    hits = core_hits(rule)
    for text in (*rule.examples_match, *rule.examples_no_match):
        for variant in (text, text.upper(), text.lower(), f"» {text} «", f"{text} (12)", text[:-1]):
            assert hits(variant) == python_matches(rule, variant), (rule.id, variant)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.sampled_from(PATTERNS))
def test_shipped_patterns_match_as_in_python(words, rule):
    text = " ".join(words).strip() or "x"
    assert core_hits(rule)(text) == python_matches(rule, text), (rule.id, text)


EXTRACT = [r for r in PATTERNS if r.action == "extract"]


def python_groups(rule: Rule, text: str):
    found = run_pattern(rule, rule.compile(), text, None)
    return None if found is None else found.groupdict()


def core_groups(rule: Rule, text: str):
    return compile.RuleBook([rule], 1.0).core.metadata([0]).groups(0, text)


@pytest.mark.parametrize("rule", EXTRACT, ids=lambda r: r.id)
def test_extract_rules_capture_as_in_python(rule):
    for text in (*rule.examples_match, *rule.examples_no_match):
        for variant in (text, text.upper(), text.lower(), text[:-1], text + " x"):
            assert core_groups(rule, variant) == python_groups(rule, variant), (rule.id, variant)


META_WORDS = ["By", "BY", "Jane", "Doe", "and", "John", "|", "June", "17,", "2023", "Published",
              "17.06.2023", "14:05", "Uhr", "WASHINGTON", "(Reuters)", "–", "Reporting", "by",
              "Editing", ";", "Tags:", "China,", "Von", "Max", "Mustermann", "am", "17.", "Juni",
              "Antony", "Blinken", "is", "a", "correspondent", "UrduPoint.com", "(AFP)", "-"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(META_WORDS), min_size=1, max_size=10), st.sampled_from(EXTRACT))
def test_extract_rules_capture_as_in_python_on_made_up_lines(words, rule):
    text = " ".join(words)
    assert core_groups(rule, text) == python_groups(rule, text), (rule.id, text)


def replace_rule(pattern: str, replacement: str = "", **options) -> Rule:
    return Rule(id=f"t.r{abs(hash((pattern, replacement))) % 10**6}", action="replace",
                source="test.toml", pattern=pattern, replacement=replacement, **options)


REPLACE_RULES = [
    replace_rule(r"\s*\(Advertisement\)"),
    replace_rule(r"(?P<a>\w+)-(\w+)", r"\2 \g<a>"),
    replace_rule(r"(?<=\d)\s+(?=%)"),
    replace_rule(r"\bmore\b", "MORE", case_sensitive=True),
    replace_rule(r"[ \t]{2,}", " "),
    replace_rule(r"istanbul", "<city>"),
    replace_rule(r"\p{Lu}{2,}", "<caps>"),
    replace_rule(r"(?<=a)x*", "+"),
    replace_rule(r"\d++(?!\.)", "#"),
    replace_rule(r"(?:©|\(c\))\s*\d{4}", ""),
    replace_rule(r"[^\w\s]", "", where="tail", within=2),
    replace_rule(r"Read\s+more", r"\n\\x", where="head", within=1),
]


def python_replace(rules: list[Rule], texts: list[str]):
    """What run_replace did before the core: the regex module's finditer and sub."""
    live = list(texts)
    cuts, emptied = [], [None] * len(live)
    n = len(live)
    for rule in rules:
        pattern = rule.compile()
        for i, text in enumerate(live):
            if rule.where == "head" and i >= rule.within or rule.where == "tail" and i < n - rule.within:
                continue
            if not text:
                continue  # removed by the rule that emptied it
            found = [m.group() for m in pattern.finditer(text)]
            if found:
                text = pattern.sub(rule.replacement, text).strip()
                live[i] = regex.sub(r"\s+", " ", text) if "  " in text else text
                if not live[i]:
                    emptied[i] = rule.id
            cuts += [(i, rule.id, f) for f in found]
    return live, cuts, emptied


REPLACE_WORDS = ["a", "x", "xx", "ax", "more", "More", "12", "3.5", "%", " %", "(Advertisement)",
                 "ab-cd", "İSTANBUL", "Istanbul", "ıstanbul", "NASA", "ĸĸ", "©", "(c)", "2024",
                 "!", "Read", "READ", "more.", "\t", "  ", "é", "ǅǅ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(REPLACE_WORDS), min_size=1, max_size=8), min_size=1,
                max_size=4),
       st.lists(st.sampled_from(REPLACE_RULES), min_size=1, max_size=3, unique_by=lambda r: r.id))
def test_replace_rules_rewrite_as_in_python(blocks, rules):
    texts = [" ".join(words) for words in blocks]
    expected_texts, expected_cuts, expected_emptied = python_replace(rules, texts)
    book = compile.RuleBook(rules, 1.0)
    live = [Block(0, 0, t) for t in texts]
    cuts = run_replace(live, book.core.replace(list(range(len(rules)))))
    assert [b.text for b in live] == expected_texts
    assert [(live.index(b), rule, cut) for b, rule, cut in cuts] == expected_cuts
    assert [b.rule for b in live] == expected_emptied


@pytest.mark.parametrize(
    "pattern, construct",
    [
        (r"(?(1)a|b)", "conditional group"),
        (r"a(?R)?b", "recursion"),
        (r"(?|(a)|(b))", "branch reset"),
        (r"colou?r{e<=1}", "fuzzy matching"),
        (r"\p{InBasicLatin}+", r"\p{InBasicLatin}"),
        (r"(?P<x>a)|(?P<x>b)(?P=x)", "backreference to group 1"),
    ],
)
def test_patterns_no_engine_runs_are_rule_errors(pattern, construct):
    with pytest.raises(RuleError) as info:
        compile.check_pattern(Rule(id="t.x", action="drop", source="mine.toml", pattern=pattern))
    message = str(info.value)
    assert "mine.toml" in message and "t.x" in message and "not supported" in message
    assert construct in message


def test_which_engine_runs_the_shipped_rules():
    engines = {}
    for rule in PATTERNS:
        found = _core.translate(rule.regex_source, rule.case_sensitive, rule.match,
                                rule.action == "replace")
        engines[rule.id] = found["engine"]
    fancy = sorted(i for i, e in engines.items() if e == "fancy-regex")
    # Variable-length lookbehind, lookahead over the rest of the line, a
    # lookbehind over a few spaces in a searched pattern, a lookahead inside
    # a whole-block match, a leading lookahead whose groups matter:
    # backtracking is needed.
    assert fancy == ["chrome.pipe-menu", "chrome.site-tagline", "de.cross-link", "en.rights",
                     "news.lone-tag"]
    # The press-contact rules' possessive repeats give back nothing: greedy.
    assert engines["en.press-contact"] == "regex"


def test_a_replace_pattern_that_matches_nothing_is_refused_when_compiled():
    with pytest.raises(RuleError, match="must not match the empty string"):
        compile.RuleBook([replace_rule(r"(?:x)?")], 1.0)


HUGE = r"(?:\w{300}){300}x"  # reads fine; its program is past the engine's size limit


def test_a_program_the_engine_refuses_is_a_rule_error_when_checked_or_first_run():
    rule = Rule(id="t.huge", action="drop", source="mine.toml", match="contains", pattern=HUGE)
    book = compile.RuleBook([rule], 1.0)  # programs are built on first use, not here
    with pytest.raises(RuleError, match=r"mine\.toml: rule 't\.huge': .*limit"):
        book.check()
    with pytest.raises(RuleError, match=r"mine\.toml: rule 't\.huge'"):
        book.hits(0)("a line with an x")


def test_a_users_rule_file_is_compiled_whole_when_loaded(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(f"[[rule]]\nid = \"t.huge\"\naction = \"drop\"\nmatch = \"contains\"\n"
                    f"max_words = 10\ndescription = \"too big to compile\"\nexamples.match = [\"x\"]\npattern = '{HUGE}'\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"mine\.toml: rule 't\.huge': .*limit"):
        load([str(path)])


def test_a_pattern_the_backtracking_engine_refuses_fails_when_its_file_is_loaded(tmp_path):
    # Translation takes it (a lookbehind needs the backtracking engine); only
    # building the program finds the refusal, and the Cleaner builds it lazily.
    path = tmp_path / "mine.toml"
    path.write_text("[[rule]]\nid = \"t.behind\"\naction = \"drop\"\nmatch = \"contains\"\n"
                    "max_words = 10\ndescription = \"a lookaround in a long lookbehind\"\n"
                    "examples.match = [\"ab\"]\npattern = '(?<=(?=a)\\w+)b'\n", encoding="utf-8")
    assert compile.check_pattern(load([str(path)], check_examples=False).rules[0])
    with pytest.raises(RuleError, match=r"mine\.toml: rule 't\.behind': .*lookbehind of variable"):
        load([str(path)])


def test_phrases_are_escaped_as_the_regex_module_escapes_them():
    from cleaner.rules.model import _ESCAPE

    for text in ["Related stories: (more) [x] a.b*c+d?e^f$g|h{1}\\i #j -k &l ~m",
                 "tab\there\u00a0no-break\u3000wide é ü 中文", *map(chr, range(0x3001))]:
        assert text.translate(_ESCAPE) == regex.escape(text, special_only=True)
