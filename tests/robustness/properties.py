"""What must hold for any input, as strategies and checks shared by the tests and ``fuzz.py``.

- :func:`documents`: real stories (the seed texts) with site chrome (shipped rule
  examples, comment forms, cookie banners, "READ MORE" inserts) put in at random
  places, mixed with arbitrary Unicode: control characters, NUL, line and
  paragraph separators, lone combining marks, right-to-left text, very long lines.
- :func:`pages`: HTML built from the same lines, nested, malformed or cut short.
- :func:`check_clean`: ``clean`` returns a :class:`~cleaner.Document` or raises a
  :class:`~cleaner.CleanerError`; the body is well formed and made of the input's
  own text, in order; removal offsets point into the input.
- :func:`rule_patterns`, :func:`check_pattern`: rule patterns built from the
  ``regex`` module's syntax match in the core as the ``regex`` module matches them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ftfy
import regex
from hypothesis import strategies as st

import cleaner
from cleaner import Cleaner, CleanerError, Document
from cleaner.blocks import split
from cleaner.errors import RuleError, RuleTimeoutError
from cleaner.rules import Rule, compile

SEEDS_DIR = Path(__file__).parents[1] / "fixtures" / "seeds"
MODES = ("article", "page")

CHROME = (
    "Leave a Reply",
    "Leave a Comment",
    "READ MORE: Council approves the budget after a long night",
    "READ ALSO: Five things to know about the summit",
    "Share this article",
    "Share on Facebook Twitter WhatsApp Email",
    ("We use cookies to improve your experience on our site. By continuing you accept our "
     "use of cookies. Accept all cookies"),
    "This website uses cookies. Manage settings",
    "Sign up for our newsletter",
    "Related Stories",
    "Related Topics:",
    "Advertisement",
    "Comments",
    "© 2024 Example Media. All rights reserved.",
    "Reporting by Jane Doe; Editing by Mark Roe",
    "Our Standards: Thomson Reuters Trust Principles.",
    "Dodaj komentarz",
    "Twój adres e-mail nie zostanie opublikowany. Wymagane pola są oznaczone *",
    "Lesen Sie auch: Die Wahl in Bayern",
    "Home | News | Sport | Weather | Contact",
)

# Characters that break naive code: controls, separators, marks, bidi, odd spaces.
ODD = (
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9d", "\r", "\r\n",
    "\u2028", "\u2029", "\u0301", "\u0308\u0308", "\u200b", "\u200d", "\u200e", "\u200f",
    "\u202e", "\u2066", "\ufeff", "\ufffd", "\u00a0", "\u3000", "\u00ad", "\t",
    "\N{HEBREW LETTER ALEF}\N{HEBREW LETTER BET}", "\N{ARABIC LETTER ALEF}\N{ARABIC LETTER LAM}",
    "&amp;", "&nbsp;", "&#8217;", "&#x201C;", "&bogus;", "&#10;", "&#0;", "&#x110000;",
    "„", "“", "”", "«", "»", "\U0001F600", "donâ€™t",
)


@lru_cache(maxsize=1)
def seed_texts() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt")))


@lru_cache(maxsize=1)
def seed_lines() -> tuple[str, ...]:
    return tuple(line.strip() for text in seed_texts() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def rule_examples() -> tuple[str, ...]:
    """The ``examples.match`` of every shipped text rule: chrome as the rules know it."""
    from cleaner.rules import load

    rules = load(["default"], check_examples=False).rules
    return tuple(e for r in rules if r.action != "remove-element" for e in r.examples_match)


@lru_cache(maxsize=1)
def default_cleaner() -> Cleaner:
    return Cleaner()


@lru_cache(maxsize=1)
def replace_rules() -> frozenset[str]:
    return frozenset(r.id for r in default_cleaner().ruleset.rules if r.action == "replace")


# ---------------------------------------------------------------- strategies

unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
"""Arbitrary Unicode without lone surrogates (a ``str`` from any decoder has none)."""

odd_text = st.lists(
    st.one_of(st.sampled_from(ODD), st.text(st.characters(exclude_categories=("Cs",)), max_size=8)),
    max_size=12,
).map("".join)

long_line = st.builds(
    lambda word, n: (word + " ") * n, st.sampled_from(["word", "Blinken", "ñ", "\u0301", "a.b"]),
    st.integers(500, 4000),
)


def _splice(line: str, piece: str, where: float) -> str:
    at = int(len(line) * where)
    return line[:at] + piece + line[at:]


line = st.one_of(
    st.sampled_from(seed_lines()),
    st.sampled_from(CHROME),
    st.sampled_from(rule_examples()),
    odd_text,
    st.builds(_splice, st.sampled_from(seed_lines()), odd_text, st.floats(0, 1)),
    st.builds(_splice, st.sampled_from(seed_lines()), st.sampled_from(CHROME), st.floats(0, 1)),
)
separator = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\n \n", "\x85", "\n\t\n"])


@st.composite
def seeded(draw) -> str:
    """A seed story with chrome lines put in at random places."""
    lines = draw(st.sampled_from(seed_texts())).splitlines()
    for _ in range(draw(st.integers(0, 6))):
        chrome = draw(st.one_of(st.sampled_from(CHROME), st.sampled_from(rule_examples())))
        lines.insert(draw(st.integers(0, len(lines))), chrome)
    return "\n".join(lines)


documents = st.one_of(
    seeded(),
    st.builds(lambda ls, sep: sep.join(ls), st.lists(line, max_size=30), separator),
    unicode_text,
    st.builds(lambda a, b, c: a + b + c, st.lists(line, max_size=5).map("\n".join), long_line,
              st.lists(line, max_size=5).map("\n".join)),
)
"""Text documents: real stories with chrome, line soup, arbitrary Unicode, very long lines."""


urls = st.one_of(
    st.none(),
    st.sampled_from(["https://www.reuters.com/world/", "http://[::1", "//[x]", "example.com",
                     "https://example.com:99999/", "mailto:x@y", "http://%zz", ""]),
    st.text(max_size=40),
)
"""URLs, some of them not URLs at all: a URL chooses site rules and must never crash."""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@st.composite
def pages(draw) -> str:
    """HTML pages: story paragraphs among chrome, sometimes malformed or cut short."""
    parts = []
    for text in draw(st.lists(line, min_size=1, max_size=12)):
        tag = draw(st.sampled_from(["p", "div", "li", "h2", "span", "td", "blockquote"]))
        body = text if draw(st.booleans()) else _escape(text)
        close = draw(st.sampled_from([f"</{tag}>", "", "</p>", "</div></div>"]))
        parts.append(f"<{tag}>{body}{close}")
    depth = draw(st.integers(0, 40))
    html = (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        + _escape(draw(st.sampled_from(seed_lines()))[:80])
        + "</title></head><body>"
        + "<div>" * depth + "<article>" + "".join(parts) + "</article>" + "</div>" * depth
        + draw(st.sampled_from(["</body></html>", "", "<footer>Home | About</footer>"]))
    )
    if draw(st.booleans()):
        html = html[: draw(st.integers(0, len(html)))]  # cut short, often mid-tag
    return html


# ---------------------------------------------------------------- checks

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False,
                             fix_line_breaks=False, explain=False)
_QUOTES = str.maketrans({q: '"' for q in "“”„‟«»″"} | {q: "'" for q in "‘’‚‛′"})


@lru_cache(maxsize=1)
def _odd_table() -> dict[int, str | None]:
    settings = default_cleaner().typography.settings
    table: dict[int, str | None] = {ord(c): " " for c in settings.spaces + "\t"}
    table.update({ord(c): None for c in settings.removed})
    return table


def normalise(text: str) -> str:
    """Text as typography may rewrite it, made comparable: ftfy line by line, odd
    spaces and invisible characters as typography treats them, quotes made plain,
    every run of white space one space."""
    # ftfy again after the spaces: typography runs ftfy before it changes spaces, and
    # ftfy reads "Ã" and a space as mojibake of "à", but not "Ã" and a tab.
    lines = [_fix(_fix(text[s:e]).translate(_odd_table())) for s, e in split(text)]
    return regex.sub(r"\s+", " ", " ".join(lines).translate(_QUOTES)).strip()


def _fix(text: str) -> str:
    return ftfy.fix_text(text, _FTFY)


def _subsequence(needle: str, hay: str, pos: int) -> int:
    """End of ``needle``'s characters (spaces aside) found in order in ``hay`` from ``pos``; -1 if not."""
    for ch in needle.replace(" ", ""):
        pos = hay.find(ch, pos)
        if pos < 0:
            return -1
        pos += 1
    return pos


def assert_body_from(body: str, source: str, inline_cuts: bool) -> None:
    """Every paragraph of ``body`` is text of ``source``, and they come in its order.

    Where a ``replace`` rule cut words out of a paragraph (``inline_cuts``), what is
    left of it need only be found in order, character by character.
    """
    hay = normalise(source)
    pos = 0
    for para in body.split("\n\n"):
        needle = normalise(para)
        at = hay.find(needle, pos)
        if at >= 0:
            pos = at + len(needle)
            continue
        assert inline_cuts, f"paragraph not found in the input, in order: {para!r}"
        pos = _subsequence(needle, hay, pos)
        assert pos >= 0, f"paragraph not made of the input's text, in order: {para!r}"


def assert_well_formed(doc: Document) -> None:
    """Plain data; paragraphs separated by one blank line, none empty, none holding a line break."""
    assert isinstance(doc, Document)
    assert isinstance(doc.text, str)
    assert all(isinstance(w, str) for w in doc.warnings)
    if doc.text:
        for para in doc.text.split("\n\n"):
            assert para and para == para.strip(), repr(para)
            assert not regex.search(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", para), repr(para)
    doc.to_dict()


def clean_or_error(text: str, mode: str, url: str | None = None) -> Document | None:
    """``clean`` must give a Document or raise the project's own error; ``None`` for the latter."""
    try:
        return default_cleaner().clean(text, url=url, mode=mode)
    except CleanerError:
        return None


def check_clean(text: str, mode: str, url: str | None = None) -> Document | None:
    """Every property of one ``clean`` call on ``text``."""
    doc = clean_or_error(text, mode, url)
    if doc is None:
        return None
    assert_well_formed(doc)
    for removal in doc.removed:
        assert 0 <= removal.start < removal.end <= len(text), removal
        assert text[removal.start : removal.end] == removal.text, removal
    cut_inline = any(r.rule in replace_rules() for r in doc.removed)
    if doc.text:
        assert_body_from(doc.text, text, cut_inline)
    return doc


def check_second_pass(first: Document, mode: str, url: str | None = None) -> None:
    """Cleaning the body again only removes: what is left of it, in its order.

    Exact idempotence does not hold for arbitrary input, for reasons that are
    part of the design: rules read context. A title or byline rule looks at the
    first block still in the body, and removing chrome there shows it a new first
    block; a cut-to-end marker stands only when more story precedes it than
    follows, which changes once a later marker cut the tail; the language (and
    with it the quote style and language rules) is identified on the whole text;
    page scoring smooths over neighbours. So the second pass may remove more, and
    it may not add or rewrite text. (Real stories do come out unchanged: see
    ``test_seeds.test_idempotent`` and ``test_properties.test_real_stories_are_a_fixed_point``.)
    """
    second = clean_or_error(first.text, mode, url)
    assert second is not None, "the cleaner's own output raised an error"
    assert_well_formed(second)
    if second.text:
        cut_inline = any(r.rule in replace_rules() for r in second.removed)
        assert_body_from(second.text, first.text, cut_inline)
        assert len(second.text.split("\n\n")) <= len(first.text.split("\n\n"))


def check_clean_html(html: str | bytes, url: str | None = None) -> Document | None:
    try:
        doc = cleaner.clean_html(html, url=url)
    except CleanerError:
        return None
    assert_well_formed(doc)
    return doc


# ---------------------------------------------------------------- rule patterns


@dataclass(frozen=True)
class Pat:
    """A pattern and what the checks must know of it: whether it can match the
    empty string, and whether it repeats something that can (``empty_loop``)."""

    source: str
    nullable: bool = False
    empty_loop: bool = False


# Characters where case folding is odd (İ, ı, ß, ſ, K, Å, σ/ς, ǅ), word and
# non-word characters, a combining mark. Left out, for quirks of the regex
# module: U+0345, which ignoring case it takes for a letter inside \P{L} (it
# folds to ι), and letters without a case pair (ﬀ, ĸ), which ignoring case it
# matches with \p{Lu} at the start of a pattern and not after a repeat
# (regex.fullmatch(r"x?\p{Lu}", "ﬀ", regex.I) is None; the core matches both).
PATTERN_CHARS = ("a", "b", "i", "I", "İ", "ı", "s", "ß", "ẞ", "ſ", "k", "\N{KELVIN SIGN}", "å",
                 "\N{ANGSTROM SIGN}", "σ", "ς", "Σ", "ǅ", "ǆ", "é", " ", "-", "1", "²", "_", "x")
# \p{Lt} is left out for the same quirk: ignoring case, the regex module
# matches it as any cased letter at the start of a pattern, after a repeat as
# the letters of a titlecase letter's case only (regex.fullmatch(r"x?\p{Lt}",
# "a", regex.I) is None).
PATTERN_CLASSES = (".", r"\w", r"\W", r"\d", r"\s", r"\S", r"\p{L}", r"\p{Lu}", r"\p{Ll}",
                   r"\P{L}", "[ab]", "[^a]", "[a-z]", "[İı]", r"[\w-]", r"[^\W\d]", r"\.",
                   "[ß-ſ]", "[^İı]", "[σ]")
# One bracketed negated class of plain characters only: the regex module
# matches two of them as alternatives as if both had to hold
# (regex.fullmatch("[^a]|[^b]", "a") is None).
PATTERN_ASSERTIONS = (r"\b", r"\B", r"\m", r"\M", "^", "$", r"\Z", r"\A")
# (quantifier, can repeat zero times, can repeat more than once)
QUANTIFIERS = (("*", True, True), ("+", False, True), ("?", True, False), ("{2}", False, True),
               ("{,2}", True, True), ("{1,}", False, True), ("*?", True, True),
               ("+?", False, True), ("??", True, False), ("{1,2}?", False, True),
               ("*+", True, True), ("++", False, True), ("?+", True, False))


def _repeat(p: Pat, q: tuple[str, bool, bool]) -> Pat:
    text, zero, many = q
    return Pat(f"(?:{p.source}){text}", p.nullable or zero,
               p.empty_loop or (many and p.nullable))


def _wrap(opening: str, p: Pat, nullable: bool | None = None) -> Pat:
    return Pat(f"{opening}{p.source})", p.nullable if nullable is None else nullable,
               p.empty_loop)


def _pattern_trees(children):
    quantifier = st.sampled_from(QUANTIFIERS)
    return st.one_of(
        st.builds(_repeat, children, quantifier),
        st.builds(lambda o, p: _wrap(o, p), st.sampled_from(["(?:", "(", "(?P<n>", "(?>", "(?i:",
                                                              "(?-i:"]), children),
        st.builds(lambda o, p: _wrap(o, p, True), st.sampled_from(["(?=", "(?!", "(?<=", "(?<!"]),
                  children),
        st.builds(lambda a, b: Pat(a.source + b.source, a.nullable and b.nullable,
                                   a.empty_loop or b.empty_loop), children, children),
        st.builds(lambda a, b: Pat(f"{a.source}|{b.source}", a.nullable or b.nullable,
                                   a.empty_loop or b.empty_loop), children, children),
    )


_pattern_atoms = st.one_of(
    st.sampled_from(PATTERN_CHARS).map(lambda c: Pat(regex.escape(c, special_only=True))),
    st.sampled_from(PATTERN_CLASSES).map(Pat),
    st.sampled_from(PATTERN_ASSERTIONS).map(lambda a: Pat(a, nullable=True)),
)
rule_patterns = st.recursive(_pattern_atoms, _pattern_trees, max_leaves=8)
"""Patterns in the regex module's syntax: its case folding, classes, assertions,
groups, lookaround, backreference-free repeats greedy, lazy and possessive."""

pattern_texts = st.lists(
    st.sampled_from(PATTERN_CHARS + ("A", "B", "S", "K", "Å", "ǆ", "Ǆ", "É", "e\u0301", "ff", ".")),
    max_size=10,
).map("".join)
"""Short lines (no line break: rules run on blocks) of the patterns' characters."""

PATTERN_ACTIONS = ("drop", "extract", "replace")
PATTERN_MATCHES = ("block", "prefix", "contains")


def _reference(rule: Rule, text: str):
    """The regex module's match of the rule (``block`` rules in their edges), as its
    ``match`` asks; ``False`` when the regex module ran out of time."""
    pattern = rule.compile()
    run = {"block": pattern.fullmatch, "prefix": pattern.match, "contains": pattern.search}
    try:
        return run[rule.match](text, timeout=1.0)
    except TimeoutError:
        return False


def check_pattern(pat: Pat, case_sensitive: bool, match: str, action: str, text: str) -> None:
    """The core matches ``pat`` as the regex module does: whether it matches (every
    action), the named groups (extract), the cuts (replace).

    Two gaps are known and left out. Where a repeat's body can match the empty
    string (``pat.empty_loop``), the regex crate ends the loop elsewhere, so the
    extents may differ: ``(?:b??a*)*`` searched in ``aaab`` is ``aaab`` in the
    core, ``aaa`` in the regex module. And after an empty match, the regex module
    looks for a non-empty match at the same place before it moves on; the core
    moves on one character.
    """
    if action == "replace":
        match = "contains"  # replace rules cut every match, wherever it is
    rule = Rule(id="t.fuzz", action=action, source="fuzz.toml", pattern=pat.source, match=match,
                case_sensitive=case_sensitive)
    try:
        expected = _reference(rule, text)
    except regex.error:
        return  # no pattern to the regex module either
    if expected is False:
        return
    try:
        book = compile.RuleBook([rule], 1.0)
        book.check()  # as a user's rule file is checked when loaded: programs built
    except RuleError:
        return  # a construct no engine here runs, or a replace pattern matching ""
    try:
        assert book.hits(0)(text) == (expected is not None and rule.length_ok(text)), \
            "the core and the regex module disagree on whether it matches"
        if action == "extract" and not pat.empty_loop:
            found = book.core.metadata([0]).groups(0, text)
            assert found == (None if expected is None else expected.groupdict()), "groups"
        if action == "replace" and not pat.empty_loop:
            cuts = [cut for _b, _r, cut in book.core.replace([0]).run([text])[1]]
            spans = [m.span() for m in rule.compile().finditer(text, timeout=1.0)]
            if not any(a[0] == a[1] == b[0] for a, b in itertools.pairwise(spans)):
                assert cuts == [text[s:e] for s, e in spans], "cuts"
    except (RuleTimeoutError, TimeoutError):
        return
