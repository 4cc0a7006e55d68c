"""Validating one rule file: its tables, every rule's keys and values, macros,
patterns (translated for the core) and reach. A problem is a
:class:`~cleaner.errors.RuleError` naming the file and the rule; a suspicious
but valid rule gives a :class:`~cleaner.errors.RuleWarning`."""

from __future__ import annotations

import warnings
from typing import Any

import regex

from ..errors import RuleError, RuleWarning
from .backtrack import nested_quantifiers
from .model import ACTIONS, FIELDS, MATCHES, SETTINGS_TABLES, WHERES, Rule

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
    from ..dates import MONTH_PATTERN

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
            from ..html import css_to_xpath

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
