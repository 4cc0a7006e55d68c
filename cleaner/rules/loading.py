"""Finding rule files (shipped sets by name, or paths) and loading them into a
:class:`~cleaner.rules.model.RuleSet`."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import RuleError
from .examples import EXAMPLE_TIMEOUT, check_rule_examples
from .model import Rule, RuleSet
from .validate import parse_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_SHIPPED_PACKAGE = "cleaner._rules"
DEFAULT_SETS = ("typography", "scoring", "news", "chrome", "en", "de", "fr", "es", "it", "pt", "pl")


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
