"""article-cleaner: the article body, its metadata and a record of every removal.

>>> import cleaner
>>> doc = cleaner.clean(text)                     # doctest: +SKIP
>>> doc.text, doc.metadata.title, doc.removed     # doctest: +SKIP
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .config import Config
from .document import Document, Metadata, Removal
from .errors import (
    CleanerError,
    ConfigError,
    DocumentTimeoutError,
    InputError,
    InputTypeError,
    RuleError,
    RuleTimeoutError,
    RuleWarning,
)

if TYPE_CHECKING:
    from .pipeline import Cleaner

__all__ = [
    "Cleaner", "CleanerError", "Config", "ConfigError", "Document", "DocumentTimeoutError",
    "InputError", "InputTypeError", "Metadata", "Removal", "RuleError", "RuleTimeoutError",
    "RuleWarning", "clean", "clean_html",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "Cleaner":
        from .pipeline import Cleaner

        return Cleaner
    raise AttributeError(name)


@lru_cache(maxsize=8)
def _cleaner(rules: tuple[str, ...] | None) -> Cleaner:
    from .pipeline import Cleaner

    return Cleaner(rules=list(rules) if rules else None)


def _key(rules) -> tuple[str, ...] | None:
    if rules is None:
        return None
    return (str(rules),) if isinstance(rules, str) else tuple(str(r) for r in rules)


def clean(text: str, *, url: str | None = None, rules=None, mode=None) -> Document:
    """Clean plain text with the given rule sets (default: all shipped sets)."""
    return _cleaner(_key(rules)).clean(text, url=url, mode=mode)


def clean_html(html: str | bytes, *, url: str | None = None, rules=None) -> Document:
    """Extract the main text of an HTML page with trafilatura, then clean it."""
    return _cleaner(_key(rules)).clean_html(html, url=url)
