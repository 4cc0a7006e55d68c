"""Rule files: load, validate and compile them.

A rule file is TOML. Its tables:

- ``[ruleset]`` (optional): ``description``, ``language`` (the language its phrases
  are written in), ``sites`` (a site pack: its rules apply only to those domains),
  ``languages`` (default document languages for its rules; empty means any).
- ``[macros]``: named sub-patterns, written ``{{NAME}}`` inside this file's patterns.
- ``[typography]``, ``[news]``, ``[scoring]``: settings of those stages.
- ``[[rule]]``: the rules, described in :class:`Rule`.

Loading is strict: unknown keys, wrong types, bad patterns, duplicate ids and
failing examples raise :class:`~cleaner.errors.RuleError` naming file and rule.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import regex

from .errors import RuleError

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
            regex.escape(p.strip(), special_only=True).replace(r"\ ", r"\s+").replace(" ", r"\s+")
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


def run_pattern(rule: Rule, pattern: regex.Pattern[str], text: str, timeout: float | None):
    """Match ``text`` the way the rule's ``match`` says; ``None`` when it does not."""
    if rule.match == "block":
        return pattern.fullmatch(text, timeout=timeout)
    if rule.match == "prefix":
        return pattern.match(text, timeout=timeout)
    return pattern.search(text, timeout=timeout)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Rules and stage settings from one or more files, in load order."""

    rules: tuple[Rule, ...] = ()
    settings: dict[str, tuple[tuple[str, dict[str, Any]], ...]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def settings_for(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        """The ``[table]`` settings of every file that has one, in load order."""
        return list(self.settings.get(table, ()))


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
    shipped = shipped_rule_files()
    out: list[tuple[str, Any]] = []
    for spec in specs:
        name = str(spec)
        if name == "default":
            names = [n for n in DEFAULT_SETS if n in shipped]
            names += sorted(n for n in shipped if n.startswith("sites/"))
            out += [(n + ".toml", shipped[n]) for n in names]
        elif name == "sites":
            out += [(n + ".toml", shipped[n]) for n in sorted(shipped) if n.startswith("sites/")]
        elif name in shipped and not Path(name).exists():
            out.append((name + ".toml", shipped[name]))
        else:
            path = Path(name)
            if path.is_dir():
                out += [(str(p), p) for p in sorted(path.rglob("*.toml"))]
            elif path.is_file():
                out.append((str(path), path))
            else:
                known = ", ".join(sorted(["default", "sites", *shipped]))
                raise RuleError(name, f"no such rule file, folder or shipped set (shipped: {known})")
    return out


def load(specs: Iterable[str | Path] | None = None, *, check_examples: bool = True) -> RuleSet:
    """Load and validate rule sets (names or paths). See :func:`resolve`."""
    rules: list[Rule] = []
    settings: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    seen: dict[str, str] = {}
    sources = []
    for display, resource in resolve(specs or ["default"]):
        try:
            data = tomllib.loads(resource.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RuleError(display, f"invalid TOML: {exc}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(display, f"cannot read: {exc}") from None
        file_rules, file_settings = parse_file(display, data)
        for rule in file_rules:
            if rule.id in seen:
                raise RuleError(display, f"duplicate id (first defined in {seen[rule.id]})", rule.id)
            seen[rule.id] = display
            if check_examples:
                check_rule_examples(rule)
        rules += file_rules
        for table, value in file_settings.items():
            settings.setdefault(table, []).append((display, value))
        sources.append(display)
    return RuleSet(
        tuple(rules), {k: tuple(v) for k, v in settings.items()}, tuple(sources)
    )


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


def parse_file(source: str, data: dict[str, Any]) -> tuple[list[Rule], dict[str, dict]]:
    """Validate one parsed rule file; return its rules and its settings tables."""
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
    rules = [_parse_rule(source, i, raw, defaults, macros) for i, raw in enumerate(raw_rules)]
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


def _parse_rule(
    source: str, index: int, raw: Any, defaults: dict[str, list], macros: dict[str, str]
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
        then=then,
        repeat_within=raw.get("repeat_within", 5),
        selectors=tuple(selectors or ()),
        examples_match=tuple(examples.get("match", ())),
        examples_no_match=tuple(examples.get("no_match", ())),
    )
    if not rule.description:
        raise fail("missing 'description'")
    if action == "remove-element":
        from .html import css_to_xpath

        for selector in rule.selectors:
            try:
                css_to_xpath(selector)
            except Exception as exc:  # cssselect raises several types
                raise fail(f"bad CSS selector {selector!r}: {exc}") from None
    elif action != "title":
        try:
            compiled = rule.compile()
        except (regex.error, OverflowError) as exc:
            raise fail(f"bad pattern: {exc}") from None
        if action == "extract":
            groups = set(compiled.groupindex)
            unknown = groups - set(FIELDS)
            if unknown or not groups:
                raise fail(
                    f"extract pattern groups must be metadata fields ({', '.join(FIELDS)}); "
                    f"found {sorted(groups) or 'none'}"
                )
    if not rule.examples_match:
        raise fail("needs at least one example in examples.match")
    return rule


def check_rule_examples(rule: Rule) -> None:
    """Raise :class:`RuleError` when an example does not behave as stated."""
    from .metadata import looks_like_title  # the title rule's test is code

    if rule.action == "title":
        def hits(text: str) -> bool:
            return looks_like_title(text, rule.max_words or 30)
    elif rule.action == "remove-element":
        from .html import selector_matches

        def hits(text: str) -> bool:
            return any(selector_matches(s, text) for s in rule.selectors)
    elif rule.action in ("drop", "cut-to-end", "cut-from-start"):
        from .engine import ChromeMatcher  # examples run through the matcher used at run time

        matcher = ChromeMatcher([rule], 1.0)

        def hits(text: str) -> bool:
            found = matcher.candidates([text])[0]
            return matcher.first(text, lambda r: r.length_ok(text), found) is not None
    else:
        from . import prefilter
        from .engine import CompiledRule  # with the literal prefilter used at run time

        compiled = CompiledRule(rule)

        def hits(text: str) -> bool:
            return (
                prefilter.present(compiled.factors, text.casefold())
                and compiled.search(text, 1.0) is not None
                and rule.length_ok(text)
            )

    for text in rule.examples_match:
        if not hits(text):
            raise RuleError(rule.source, f"example should match but does not: {text!r}", rule.id)
    for text in rule.examples_no_match:
        if hits(text):
            raise RuleError(rule.source, f"example should not match but does: {text!r}", rule.id)
