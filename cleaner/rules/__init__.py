"""Rule files: the model, loading, validation, examples and compilation for the core.

- :mod:`.model`: :class:`Rule`, :class:`RuleSet`;
- :mod:`.loading`: shipped sets by name, files and folders, :func:`load`;
- :mod:`.validate`: one file's tables and rules (:func:`parse_file`);
- :mod:`.backtrack`: the warning for patterns that can backtrack for very long;
- :mod:`.examples`: a rule's examples, run as the pipeline runs the rule;
- :mod:`.compile`: the rules compiled into the core's tables (imported on use).

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

from .backtrack import nested_quantifiers
from .examples import EXAMPLE_TIMEOUT, check_rule_examples
from .loading import DEFAULT_SETS, load, resolve, shipped_rule_files
from .model import (
    ACTIONS,
    FIELDS,
    MATCHES,
    METADATA_ACTIONS,
    SETTINGS_TABLES,
    WHERES,
    Rule,
    RuleSet,
)
from .validate import builtin_macros, parse_file

__all__ = [
    "ACTIONS",
    "DEFAULT_SETS",
    "EXAMPLE_TIMEOUT",
    "FIELDS",
    "MATCHES",
    "METADATA_ACTIONS",
    "SETTINGS_TABLES",
    "WHERES",
    "Rule",
    "RuleSet",
    "builtin_macros",
    "check_rule_examples",
    "load",
    "nested_quantifiers",
    "parse_file",
    "resolve",
    "shipped_rule_files",
]
