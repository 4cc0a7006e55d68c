"""Rule files: load, validate and compile them.

A rule file is TOML. Its tables:

- ``[ruleset]`` (optional): ``description``, ``language`` (the language its phrases
  are written in), ``sites`` (a site pack: its rules apply only to those domains),
  ``languages`` (default document languages for its rules; empty means any).
- ``[macros]``: named sub-patterns, written ``{{NAME}}`` inside this file's patterns.
- ``[typography]``, ``[news]``, ``[scoring]``: settings of those stages.
- ``[[rule]]``: the rules, described in :class:`Rule`.

Loading is strict: unknown keys, wrong types, bad patterns, duplicate ids,
settings that leave a rule nothing to match and failing examples raise
:class:`~cleaner.errors.RuleError` naming file and rule. Suspicious but valid
rules (a pattern that can backtrack for very long, a ``within`` without
``where``) give a :class:`~cleaner.errors.RuleWarning`.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from .errors import RuleError, RuleWarning

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ACTIONS = ("drop", "cut-to-end", "cut-from-start", "replace", "extract", "title", "remove-element")
MATCHES = ("block", "prefix", "contains")
WHERES = ("anywhere", "head", "tail")
FIELDS = ("title", "author", "date", "dateline", "agency", "publisher", "tags", "credits")
METADATA_ACTIONS = ("extract", "title")
SETTINGS_TABLES = ("typography", "news", "scoring")

# Punctuation, symbols and spaces that may surround a marker phrase on its line.
# regex.escape(text, special_only=True) as a table for str.translate (the
# same on every code point, in C): phrases are escaped for every rule set built.
# (Every character str.isspace() holds for is below U+3001.)
_ESCAPE = {ord(c): "\\" + c for c in map(chr, range(0x3001))
           if c in ' #$&()*+-.?[\\]^{|}~' or c.isspace()}
_EDGE = r"[\p{P}\p{S}\s]*"
_SHIPPED_PACKAGE = "cleaner._rules"
DEFAULT_SETS = ("typography", "scoring", "news", "chrome", "en", "de", "fr", "es", "it", "pt", "pl")

_RULE_KEYS = {
    "id": str,
    "description": str,
    "action": str,
    "phrases": list,
    "pattern": str,
    "match": str,
    "case_sensitive": bool,
    "where": str,
    "within": int,
    "max_words": int,
    "min_words": int,
    "languages": list,
    "sites": list,
    "replacement": str,
    "keep": bool,
    "inline": bool,
    "then": str,
    "repeat_within": int,
    "examples": dict,
    "selectors": list,
}
_RULESET_KEYS = {"description": str, "language": str, "sites": list, "languages": list}
_EXAMPLE_KEYS = {"match": list, "no_match": list}


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: what it matches, where, and what it does.

    - ``action``: ``drop`` (the block), ``cut-to-end`` (this block and all after it),
      ``cut-from-start`` (all blocks up to and including this one), ``replace``
      (the matched text inside a block, by ``replacement``), ``extract`` (named
      groups of ``pattern`` into metadata fields; the block leaves the body unless
      ``keep``; ``then = "cut-to-end"`` also cuts what follows), ``title`` (the first
      block, when it reads as a title, becomes the title; its repeats within
      ``repeat_within`` blocks go), ``remove-element`` (HTML input only: elements
      matching the CSS ``selectors`` are removed before extraction; examples are
      HTML fragments).
    - ``phrases`` (literal, any of them) or ``pattern`` (``regex`` syntax).
    - ``match``: the whole ``block`` (surrounding punctuation allowed), a ``prefix``
      of it (ending at a word boundary) or anywhere it ``contains`` the text.
    - ``where``/``within``: ``head`` or ``tail`` limit the rule to the first or last
      ``within`` blocks still in the body; ``anywhere`` has no limit.
    - ``max_words``/``min_words``: bounds on the block's length in words.
    - ``languages``/``sites``: document languages and URL domains the rule holds for.
    - ``inline``: a drop rule that takes lines from within a story (photo credits,
      "Read more" inserts between its paragraphs): on whole pages, prose below the
      story still joins it past such a line (:mod:`cleaner.page`).
    """

    id: str
    action: str
    source: str
    description: str = ""
    phrases: tuple[str, ...] = ()
    pattern: str | None = None
    match: str = "block"
    case_sensitive: bool = False
    where: str = "anywhere"
    within: int | None = None
    max_words: int | None = None
    min_words: int | None = None
    languages: frozenset[str] = frozenset()
    sites: tuple[str, ...] = ()
    replacement: str = ""
    keep: bool = False
    inline: bool = False
    then: str | None = None
    repeat_within: int = 5
    selectors: tuple[str, ...] = ()
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()

    @property
    def regex_source(self) -> str:
        """The rule's pattern as ``regex`` source, without anchors."""
        if self.pattern is not None:
            if self.match == "block" and self.action in ("drop", "cut-to-end", "cut-from-start"):
                # A marker may carry punctuation around it: "Related Topics:", "» Leave a Reply".
                return f"{_EDGE}(?:{self.pattern}){_EDGE}"
            return self.pattern
        alts = "|".join(
            p.strip().translate(_ESCAPE).replace(r"\ ", r"\s+").replace(" ", r"\s+")
            for p in sorted(self.phrases, key=len, reverse=True)
        )
        if self.match == "block":
            return f"{_EDGE}(?:{alts}){_EDGE}(?:\\(\\d+\\))?{_EDGE}"
        if self.match == "prefix":
            return f"{_EDGE}(?:{alts})(?![\\p{{L}}\\p{{N}}])"
        return f"(?<![\\p{{L}}\\p{{N}}])(?:{alts})(?![\\p{{L}}\\p{{N}}])"

    @property
    def flags(self) -> int:
        return regex.V0 | (0 if self.case_sensitive else regex.IGNORECASE)

    def compile(self) -> regex.Pattern[str]:
        """The pattern compiled by the `regex` module: the reference the core's
        translation is tested against (cleaning runs the core's, not this)."""
        return regex.compile(self.regex_source, self.flags)

    def applies_to(self, language: str | None, domain: str | None) -> bool:
        """Whether the rule holds for a document of this language and domain."""
        if self.languages and language not in self.languages:
            return False
        if self.sites:
            return domain is not None and any(
                domain == s or domain.endswith("." + s) for s in self.sites
            )
        return True

    def length_ok(self, text: str) -> bool:
        if self.max_words is None and self.min_words is None:
            return True
        n = len(text.split())
        if self.max_words is not None and n > self.max_words:
            return False
        return self.min_words is None or n >= self.min_words


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Rules and stage settings from one or more files, in load order."""

    rules: tuple[Rule, ...] = ()
    settings: dict[str, tuple[tuple[str, dict[str, Any]], ...]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    books: dict[float | None, Any] = field(default_factory=dict, compare=False, repr=False)
    """The rules compiled for the core, by time limit (:meth:`compiled`); not pickled."""

    def settings_for(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        """The ``[table]`` settings of every file that has one, in load order."""
        return list(self.settings.get(table, ()))

    def compiled(self, timeout: float | None) -> Any:
        """The rules compiled for the core (a :class:`cleaner.compile.RuleBook`) with
        this time limit: compiled once, the first time they are asked for."""
        from .compile import RuleBook

        book = self.books.get(timeout)
        if book is None:
            like = next(iter(self.books.values()), None)
            book = self.books[timeout] = RuleBook(self.rules, timeout, like=like)
        return book

    def __getstate__(self) -> tuple[Any, ...]:
        return self.rules, self.settings, self.sources

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(("rules", "settings", "sources"), state):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "books", {})


# ---------------------------------------------------------------- locating files


def shipped_rule_files() -> dict[str, Any]:
    """Shipped rule sets by name: ``{"en": <resource>, "sites/urdupoint.com": ...}``."""
    root = resources.files(_SHIPPED_PACKAGE)
    found: dict[str, Any] = {}
    for entry in root.iterdir():
        if entry.name.endswith(".toml"):
            found[entry.name[:-5]] = entry
    sites = root / "sites"
    if sites.is_dir():
        for entry in sites.iterdir():
            if entry.name.endswith(".toml"):
                found["sites/" + entry.name[:-5]] = entry
    return found


def resolve(specs: Iterable[str | Path]) -> list[tuple[str, Any]]:
    """Turn rule set names and paths into ``(display name, file)`` pairs, in order.

    ``"default"`` is every shipped set and site pack; a shipped name (``"en"``,
    ``"sites"`` for all site packs) is that set; anything else is a path to a file
    or a folder of ``.toml`` files.
    """
    return [(display, resource) for display, resource, _ in _resolve(specs)]


def _resolve(specs: Iterable[str | Path]) -> list[tuple[str, Any, bool]]:
    """:func:`resolve`, each file marked True when it is one of the shipped sets."""
    shipped = shipped_rule_files()
    out: list[tuple[str, Any, bool]] = []
    for spec in specs:
        name = str(spec)
        if name == "default":
            names = [n for n in DEFAULT_SETS if n in shipped]
            names += sorted(n for n in shipped if n.startswith("sites/"))
            out += [(n + ".toml", shipped[n], True) for n in names]
        elif name == "sites":
            out += [(n + ".toml", shipped[n], True) for n in sorted(shipped)
                    if n.startswith("sites/")]
        elif name in shipped and not Path(name).exists():
            out.append((name + ".toml", shipped[name], True))
        else:
            path = Path(name)
            if path.is_dir():
                out += [(str(p), p, False) for p in sorted(path.rglob("*.toml"))]
            elif path.is_file():
                out.append((str(path), path, False))
            else:
                known = ", ".join(sorted(["default", "sites", *shipped]))
                raise RuleError(name, f"no such rule file, folder or shipped set (shipped: {known})")
    return out


def load(specs: Iterable[str | Path] | None = None, *, check_examples: bool = True) -> RuleSet:
    """Load and validate rule sets (names or paths). See :func:`resolve`.

    With ``check_examples`` the examples of the rules of the user's own files
    run now, so that a broken rule fails when the Cleaner is built. The shipped
    sets' examples run in the test suite and in ``article-cleaner rules test``,
    not on every load: they cannot change after a release is built.
    """
    rules: list[Rule] = []
    settings: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    seen: dict[str, str] = {}
    sources = []
    own: list[bool] = []  # per rule: from a user's file
    for display, resource, is_shipped in _resolve(specs or ["default"]):
        try:
            data = tomllib.loads(resource.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RuleError(display, f"invalid TOML: {exc}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(display, f"cannot read: {exc}") from None
        file_rules, file_settings = parse_file(display, data, check_selectors=not is_shipped)
        for rule in file_rules:
            if rule.id in seen:
                raise RuleError(display, f"duplicate id (first defined in {seen[rule.id]})", rule.id)
            seen[rule.id] = display
        rules += file_rules
        own += [not is_shipped] * len(file_rules)
        for table, value in file_settings.items():
            settings.setdefault(table, []).append((display, value))
        sources.append(display)
    loaded = RuleSet(tuple(rules), {k: tuple(v) for k, v in settings.items()}, tuple(sources))
    if check_examples and any(own):
        book = loaded.compiled(EXAMPLE_TIMEOUT)  # compiled once, for the examples and the Cleaner
        book.check([index for index, mine in enumerate(own) if mine])
        for index, rule in enumerate(loaded.rules):
            if own[index]:
                check_rule_examples(rule, book, index)
    return loaded


EXAMPLE_TIMEOUT = 1.0
"""Seconds a rule's pattern may run on one of its examples."""


# ---------------------------------------------------------------- validation


def _check_types(source: str, rule_id: str | None, table: dict, schema: dict, what: str) -> None:
    for key, value in table.items():
        if key not in schema:
            allowed = ", ".join(sorted(schema))
            raise RuleError(source, f"unknown key {key!r} in {what} (allowed: {allowed})", rule_id)
        expected = schema[key]
        if expected is int and isinstance(value, bool) or not isinstance(value, expected):
            raise RuleError(
                source, f"{key!r} must be {expected.__name__}, not {type(value).__name__}", rule_id
            )
        if expected is list and not all(isinstance(v, str) for v in value):
            raise RuleError(source, f"{key!r} must be a list of strings", rule_id)


def parse_file(
    source: str, data: dict[str, Any], *, check_selectors: bool = True
) -> tuple[list[Rule], dict[str, dict]]:
    """Validate one parsed rule file; return its rules and its settings tables.

    ``check_selectors``: translate the CSS selectors of ``remove-element``
    rules now (cssselect; the shipped sets' selectors are checked in the test
    suite, and their import is a tenth of building a Cleaner)."""
    allowed_top = {"ruleset", "macros", "rule", *SETTINGS_TABLES}
    for key in data:
        if key not in allowed_top:
            raise RuleError(source, f"unknown table {key!r} (allowed: {', '.join(sorted(allowed_top))})")
    header = data.get("ruleset", {})
    if not isinstance(header, dict):
        raise RuleError(source, "[ruleset] must be a table")
    _check_types(source, None, header, _RULESET_KEYS, "[ruleset]")
    macros = data.get("macros", {})
    if not isinstance(macros, dict) or not all(isinstance(v, str) for v in macros.values()):
        raise RuleError(source, "[macros] must map names to pattern strings")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError(source, "'rule' must be an array of tables ([[rule]])")
    defaults = {
        "languages": header.get("languages", []),
        "sites": header.get("sites", []),
    }
    rules = [
        _parse_rule(source, i, raw, defaults, macros, check_selectors)
        for i, raw in enumerate(raw_rules)
    ]
    settings = {}
    for table in SETTINGS_TABLES:
        if table in data:
            if not isinstance(data[table], dict):
                raise RuleError(source, f"[{table}] must be a table")
            settings[table] = data[table]
    return rules, settings


def builtin_macros() -> dict[str, str]:
    """Macros every rule file can use: ``{{MONTH}}`` (month names of the shipped languages)."""
    from .dates import MONTH_PATTERN

    return {"MONTH": MONTH_PATTERN}


def _expand_macros(source: str, rule_id: str, pattern: str, macros: dict[str, str]) -> str:
    macros = {**builtin_macros(), **macros}

    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise RuleError(source, f"unknown macro {{{{{name}}}}} in pattern", rule_id)
        return "(?:" + macros[name] + ")"

    for _ in range(5):  # macros may use macros, a few levels deep
        expanded = regex.sub(r"\{\{(\w+)\}\}", sub, pattern)
        if expanded == pattern:
            break
        pattern = expanded
    return pattern


def _check_reach(source: str, rule_id: str, raw: dict[str, Any], where: str) -> None:
    """Refuse settings that leave a rule nothing it could match; warn where suspicious."""

    def fail(problem: str) -> RuleError:
        return RuleError(source, f"{problem}: the rule can never match", rule_id)

    max_words, min_words = raw.get("max_words"), raw.get("min_words")
    if max_words is not None and max_words < 1:
        raise fail(f"max_words = {max_words} (every block has at least one word)")
    if min_words is not None and min_words < 0:
        raise fail(f"min_words = {min_words} is negative")
    if max_words is not None and min_words is not None and min_words > max_words:
        raise fail(f"min_words = {min_words} is more than max_words = {max_words}")
    phrases = raw.get("phrases") or []
    whole = raw.get("match", "block") == "block"
    if max_words is not None and phrases and whole and all(
        len(p.split()) > max_words for p in phrases
    ):
        raise fail(f"every phrase has more than max_words = {max_words} words")
    for code in raw.get("languages", []):
        if not regex.fullmatch(r"[a-z]{2}", code):
            raise fail(f"languages: {code!r} is not an ISO 639-1 code such as 'en'")
    for site in raw.get("sites", []):
        if not regex.fullmatch(r"[\w.-]+", site):
            raise fail(f"sites: {site!r} is not a domain name such as 'example.com'")
    if raw.get("repeat_within", 0) < 0:
        raise RuleError(source, "'repeat_within' must be at least 0", rule_id)
    if where == "anywhere" and "within" in raw:
        warnings.warn(
            f"{source}: rule {rule_id!r}: 'within' has no effect without where = 'head' or 'tail'",
            RuleWarning,
            stacklevel=3,
        )


def _parse_rule(
    source: str,
    index: int,
    raw: Any,
    defaults: dict[str, list],
    macros: dict[str, str],
    check_selectors: bool = True,
) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(source, f"rule #{index + 1} is not a table")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise RuleError(source, f"rule #{index + 1} has no 'id'")
    _check_types(source, rule_id, raw, _RULE_KEYS, "rule")
    examples = raw.get("examples", {})
    _check_types(source, rule_id, examples, _EXAMPLE_KEYS, "examples")

    def fail(problem: str) -> RuleError:
        return RuleError(source, problem, rule_id)

    action = raw.get("action")
    if action not in ACTIONS:
        raise fail(f"unknown or missing action {action!r} (one of: {', '.join(ACTIONS)})")
    match = raw.get("match", "block")
    if match not in MATCHES:
        raise fail(f"unknown match {match!r} (one of: {', '.join(MATCHES)})")
    where = raw.get("where", "anywhere")
    if where not in WHERES:
        raise fail(f"unknown where {where!r} (one of: {', '.join(WHERES)})")
    within = raw.get("within")
    if where != "anywhere" and within is None:
        raise fail(f"where = {where!r} needs 'within' (how many blocks from the edge)")
    if within is not None and within < 1:
        raise fail("'within' must be at least 1")
    _check_reach(source, rule_id, {**defaults, **raw}, where)
    phrases = raw.get("phrases")
    pattern = raw.get("pattern")
    selectors = raw.get("selectors")
    if (action == "remove-element") != (selectors is not None):
        raise fail("'selectors' go with action = 'remove-element', and it needs them")
    if action in ("title", "remove-element"):
        if phrases is not None or pattern is not None:
            raise fail(f"a {action} rule takes no phrases or pattern")
    elif (phrases is None) == (pattern is None):
        raise fail("give exactly one of 'phrases' or 'pattern'")
    if phrases is not None and (not phrases or not all(p.strip() for p in phrases)):
        raise fail("'phrases' must be a non-empty list of non-empty strings")
    if action in ("cut-to-end", "cut-from-start") and match != "block":
        raise fail(f"{action} rules must match a whole block (match = 'block'): "
                   "a marker that stands alone, never a sentence containing it")
    if action == "drop" and match == "contains" and raw.get("max_words") is None:
        raise fail("a drop rule with match = 'contains' needs 'max_words'")
    if action == "extract" and pattern is None:
        raise fail("an extract rule needs a 'pattern' with named groups")
    then = raw.get("then")
    if then is not None and (action != "extract" or then != "cut-to-end"):
        raise fail("'then' is only for extract rules, and only 'cut-to-end'")
    if "replacement" in raw and action != "replace":
        raise fail("'replacement' is only for replace rules")
    if raw.get("inline") and action != "drop":
        raise fail("'inline' is only for drop rules")
    if pattern is not None:
        pattern = _expand_macros(source, rule_id, pattern, macros)

    rule = Rule(
        id=rule_id,
        action=action,
        source=source,
        description=raw.get("description", ""),
        phrases=tuple(phrases or ()),
        pattern=pattern,
        match=match,
        case_sensitive=raw.get("case_sensitive", False),
        where=where,
        within=within,
        max_words=raw.get("max_words"),
        min_words=raw.get("min_words"),
        languages=frozenset(raw.get("languages", defaults["languages"])),
        sites=tuple(s.lower().removeprefix("www.") for s in raw.get("sites", defaults["sites"])),
        replacement=raw.get("replacement", ""),
        keep=raw.get("keep", False),
        inline=raw.get("inline", False),
        then=then,
        repeat_within=raw.get("repeat_within", 5),
        selectors=tuple(selectors or ()),
        examples_match=tuple(examples.get("match", ())),
        examples_no_match=tuple(examples.get("no_match", ())),
    )
    if not rule.description:
        raise fail("missing 'description'")
    if action == "remove-element":
        if check_selectors:
            from .html import css_to_xpath

            for selector in rule.selectors:
                try:
                    css_to_xpath(selector)
                except Exception as exc:  # noqa: BLE001 - cssselect raises several types
                    raise fail(f"bad CSS selector {selector!r}: {exc}") from None
    elif action != "title":
        from .compile import check_pattern

        # Patterns run in the core: read and checked there (a replace pattern that
        # matches the empty string is refused when compiled).
        info = check_pattern(rule)  # RuleError when no engine here runs the pattern
        # Only a backtracking engine can be slow; the linear-time one never is.
        if info is not None and info.engine == "fancy-regex":
            for part in nested_quantifiers(rule.pattern or "", rule.flags & regex.IGNORECASE):
                warnings.warn(
                    f"{source}: rule {rule_id!r}: the pattern repeats '{part}', a group with an "
                    "unbounded repetition inside: it can backtrack for a very long time on some "
                    "text (make the inner repetition possessive, e.g. '\\w++', or the group "
                    "atomic, '(?>...)'); Config.regex_timeout stops it",
                    RuleWarning,
                    stacklevel=2,
                )
        if action == "extract" and info is not None:
            unknown = set(info.groups) - set(FIELDS)
            if unknown or not info.groups:
                raise fail(
                    f"extract pattern groups must be metadata fields ({', '.join(FIELDS)}); "
                    f"found {sorted(info.groups) or 'none'}"
                )
    if not rule.examples_match:
        raise fail("needs at least one example in examples.match")
    return rule


def check_rule_examples(rule: Rule, book: Any = None, index: int | None = None) -> None:
    """Raise :class:`RuleError` when an example does not behave as stated.

    Rules with a pattern run in the core, compiled in ``book`` (a
    :class:`cleaner.compile.RuleBook` holding the rule at ``index``), or alone.
    """
    from .metadata import looks_like_title  # the title rule's test is code

    if rule.action == "title":
        def hits(text: str) -> bool:
            return looks_like_title(text, rule.max_words or 30)
    elif rule.action == "remove-element":
        from .html import selector_matches

        def hits(text: str) -> bool:
            return any(selector_matches(s, text) for s in rule.selectors)
    else:  # chrome, replace and extract rules run in the core, as at run time
        if book is None or index is None:
            from .compile import RuleBook

            book, index = RuleBook([rule], EXAMPLE_TIMEOUT), 0
        hits = book.hits(index)

    for text in rule.examples_match:
        if not hits(text):
            raise RuleError(rule.source, f"example should match but does not: {text!r}", rule.id)
    for text in rule.examples_no_match:
        if hits(text):
            raise RuleError(rule.source, f"example should not match but does: {text!r}", rule.id)


# ---------------------------------------------------------------- backtracking check
#
# A pattern like ``(a+)+$`` or ``(\w+\s?)+!`` tries every way of splitting a long
# run of text between the inner and the outer repetition before it gives up: on
# a long line without the terminator that takes longer than any time limit. The
# check below reads a pattern into a small tree and reports each group that is
# repeated (``*``, ``+``, ``{n,}``, ``{n,m}`` with m > 1) and has a branch with an
# unbounded item (``+``, ``*``, ``{n,}``) that no other required item of the branch
# separates: a required item separates when it matches none of the characters
# the unbounded one does (``(\s+\S+)*``, ``(?:\s*\|\s*\w{1,40})+``). The check is a
# warning, not a proof: it stays quiet where it is unsure, and the time limit
# (``Config.regex_timeout``) remains the guarantee.

_QUANTIFIER = regex.compile(r"\{(\d*)(?:(,)(\d*))?\}")


@dataclass(slots=True)
class _Item:
    kind: str  # "char" (one character), "zero" (zero-width), "ref", "group"
    start: int
    atom_end: int = 0
    end: int = 0
    branches: list[list[_Item]] | None = None  # groups only
    transparent: bool = True  # False for atomic groups and lookarounds
    low: int = 1
    high: int | None = 1  # None: unbounded
    possessive: bool = False

    @property
    def unbounded(self) -> bool:
        return self.high is None and not self.possessive

    @property
    def plain(self) -> bool:
        """A group that only groups: one branch, matched once, backtracked into."""
        return (self.kind == "group" and self.transparent and self.low == self.high == 1
                and len(self.branches or []) == 1)


class _PatternReader:
    """A small reader of ``regex`` pattern syntax, for :func:`nested_quantifiers`."""

    def __init__(self, pattern: str) -> None:
        self.s = pattern
        self.i = 0
        self.verbose = False

    def peek(self, n: int = 1) -> str:
        if self.verbose:  # (?x): white space and comments between tokens
            while self.i < len(self.s) and (self.s[self.i].isspace() or self.s[self.i] == "#"):
                if self.s[self.i] == "#":
                    self._skip_to("\n")
                else:
                    self.i += 1
        return self.s[self.i : self.i + n]

    def branches(self) -> list[list[_Item]]:
        out = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            out.append(self.sequence())
        return out

    def sequence(self) -> list[_Item]:
        items: list[_Item] = []
        while self.peek() and self.peek() not in "|)":
            item = self.atom()
            if item is not None:
                item.atom_end = self.i
                self.quantifier(item)
                item.end = self.i
                items.append(item)
        return items

    def _skip_to(self, closing: str) -> None:
        end = self.s.find(closing, self.i)
        self.i = len(self.s) if end < 0 else end + 1

    def atom(self) -> _Item | None:
        start, c = self.i, self.s[self.i]
        self.i += 1
        if c == "(":
            return self.group(start)
        if c == "[":
            self.char_class()
        elif c == "\\":
            return self.escape(start)
        elif c in "^$":
            return _Item("zero", start)
        return _Item("char", start)

    def group(self, start: int) -> _Item | None:
        item = _Item("group", start)
        if self.s[self.i : self.i + 1] == "?":
            self.i += 1
            head = self.s[self.i : self.i + 2]
            if head[:1] == "#":
                self._skip_to(")")
                return None
            if head[:1] in ("=", "!") or head in ("<=", "<!"):
                item.transparent = False  # lookaround
                self.i += 1 if head[:1] in ("=", "!") else 2
            elif head[:1] == ">":
                item.transparent = False  # atomic
                self.i += 1
            elif head[:1] in ("|", ":"):
                self.i += 1
            elif head == "P<" or head[:1] == "<":
                self._skip_to(">")
            elif head[:1] == "(":  # conditional: skip the condition
                self.i += 1
                self._skip_to(")")
            elif head[:1] in "P&R0123456789+-" and not regex.match(r"-?[a-zA-Z]+:", head):
                self._skip_to(")")  # named reference or recursion
                return _Item("ref", start)
            else:  # flags: (?i) for the rest, (?i:...) for a group
                found = regex.match(r"[-a-zA-Z0-9]*", self.s[self.i :])
                flags = found.group() if found else ""
                self.i += len(flags)
                if self.s[self.i : self.i + 1] == ")":
                    self.i += 1
                    self.verbose = self.verbose or "x" in flags.split("-")[0]
                    return None
                self.i += 1  # ':'
        item.branches = self.branches()
        self.i += 1  # ')'
        return item

    def char_class(self) -> None:
        if self.s[self.i : self.i + 1] == "^":
            self.i += 1
        if self.s[self.i : self.i + 1] == "]":
            self.i += 1
        while self.i < len(self.s):
            c = self.s[self.i]
            self.i += 1
            if c == "\\":
                self.i += 1
            elif c == "[" and self.s[self.i : self.i + 1] == ":":
                self._skip_to("]")
            elif c == "]":
                return

    def escape(self, start: int) -> _Item:
        c = self.s[self.i : self.i + 1]
        self.i += 1
        if c in ("p", "P", "N", "x") and self.s[self.i : self.i + 1] == "{":
            self._skip_to("}")
        elif c in ("x", "u", "U"):
            self.i += {"x": 2, "u": 4, "U": 8}[c]
        elif c == "g" and self.s[self.i : self.i + 1] == "<":
            self._skip_to(">")
            return _Item("ref", start)
        elif c.isdigit():
            return _Item("ref", start)
        elif c in ("b", "B", "A", "Z", "z", "G", "m", "M", "K"):
            return _Item("zero", start)
        return _Item("char", start)

    def quantifier(self, item: _Item) -> None:
        c = self.peek()
        if c in ("*", "+", "?"):
            self.i += 1
            item.low, item.high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        else:
            m = _QUANTIFIER.match(self.s, self.i) if c == "{" else None
            if m is None or not (m.group(1) or m.group(3)):
                return
            self.i = m.end()
            item.low = int(m.group(1) or 0)
            item.high = None if m.group(2) and not m.group(3) else int(m.group(3) or item.low)
        if self.s[self.i : self.i + 1] == "+":
            item.possessive = True
            self.i += 1
        elif self.s[self.i : self.i + 1] == "?":
            self.i += 1  # lazy: backtracks all the same


@lru_cache(maxsize=1)
def _sample() -> str:
    """Characters that stand for all of Unicode when comparing character sets."""
    spans = [(0x09, 0x0D), (0x20, 0x7E), (0x85, 0x85), (0xA0, 0x24F), (0x370, 0x4FF),
             (0x5D0, 0x5EA), (0x620, 0x64A), (0x2000, 0x206F), (0x20A0, 0x20BF),
             (0x2190, 0x21FF), (0x25A0, 0x25FF), (0x3000, 0x3003), (0x4E00, 0x4E20),
             (0xFF01, 0xFF20), (0x1F600, 0x1F610)]
    return "".join(chr(c) for a, b in spans for c in range(a, b + 1))


def _chars(pattern: str, item: _Item, flags: int) -> frozenset[str]:
    """The sample characters ``item`` may consume (all of them when unsure)."""
    if item.kind == "group":
        return frozenset().union(*(_chars(pattern, i, flags) for b in item.branches or [] for i in b))
    if item.kind == "zero":
        return frozenset()
    try:
        atom = regex.compile(pattern[item.start : item.atom_end], flags | regex.V0)
    except regex.error:
        return frozenset(_sample())
    return frozenset(atom.findall(_sample())) if item.kind == "char" else frozenset(_sample())


def _flat(branch: list[_Item]) -> list[_Item]:
    """The items of a branch, plain groups opened up."""
    return [j for i in branch for j in (_flat(i.branches[0]) if i.plain and i.branches else [i])]


def _unbounded(items: list[_Item]) -> list[_Item]:
    """Unbounded items in ``items`` and in the groups among them that backtrack."""
    out = []
    for item in items:
        if item.unbounded:
            out.append(item)
        elif item.transparent and item.branches:
            out += [j for b in item.branches for j in _unbounded(b)]
    return out


def _anchored(item: _Item) -> bool:
    """Whether ``item`` always consumes a piece of fixed size: ``,``, ``\\|``, ``(?:and|&)``."""
    if item.high is None or item.kind in ("zero", "ref"):
        return False
    return item.kind == "char" or all(
        any(i.low >= 1 and _anchored(i) for i in b) for b in item.branches or []
    )


def _ambiguous(pattern: str, branch: list[_Item], flags: int) -> bool:
    """Whether an unbounded item of the branch lacks a separator: a required item
    apart from it that is anchored or shares no character with it."""
    required = [i for i in _flat(branch) if i.low >= 1 and i.kind != "zero"]
    for loose in _unbounded(branch):
        own = _chars(pattern, loose, flags)
        if not any(
            other is not loose
            and (_anchored(other) or not own & _chars(pattern, other, flags))
            for other in required
        ):
            return True
    return False


def nested_quantifiers(pattern: str, flags: int = 0) -> list[str]:
    r"""The repeated groups of ``pattern`` that can backtrack catastrophically.

    ``flags`` are those the pattern is compiled with (``regex.IGNORECASE``).

    >>> nested_quantifiers(r"(a+)+$")
    ['(a+)+']
    >>> nested_quantifiers(r"x(?:\w*\s?)*y")
    ['(?:\\w*\\s?)*']
    >>> nested_quantifiers(r"(?:\s+\S+){0,6}")  # the white space separates the words
    []
    """
    reader = _PatternReader(pattern)
    try:
        tree = reader.branches()
    except (IndexError, KeyError, AttributeError):  # unreadable here: nothing to say
        return []
    found: list[str] = []

    def walk(items: list[_Item]) -> None:
        for item in items:
            if item.branches is None:
                continue
            repeated = (item.high is None or item.high > 1) and not item.possessive
            if repeated and item.transparent and any(
                _ambiguous(pattern, b, flags) for b in item.branches
            ):
                found.append(pattern[item.start : item.end])
            for branch in item.branches:
                walk(branch)

    for branch in tree:
        walk(branch)
    return found
