"""The errors article-cleaner raises. Catch :class:`CleanerError` to catch them all."""

from __future__ import annotations


class CleanerError(Exception):
    """Base class of every error raised by article-cleaner on purpose."""


class InputError(CleanerError, ValueError):
    """The input cannot be cleaned: binary data, undecodable bytes, an unknown mode."""


class InputTypeError(InputError, TypeError):
    """The input is of the wrong type, e.g. ``clean(None)`` or ``clean_html(42)``.

    A :class:`TypeError`, as Python's conventions want, and still an
    :class:`InputError` (so a :class:`CleanerError`) for code that catches those.

    >>> issubclass(InputTypeError, TypeError), issubclass(InputTypeError, CleanerError)
    (True, True)
    """


class RuleError(CleanerError):
    """A rule file is invalid. The message names the file, the rule and the problem."""

    def __init__(self, source: str, problem: str, rule: str | None = None) -> None:
        self.source = source
        self.rule = rule
        self.problem = problem
        where = f"{source}: rule {rule!r}" if rule else source
        super().__init__(f"{where}: {problem}")


class ConfigError(CleanerError, ValueError):
    """A setting of :class:`~cleaner.Config` is of the wrong type or out of range.
    The message names the setting and what it takes."""


class RuleTimeoutError(CleanerError):
    """A rule's pattern ran past the time limit on one document."""


class DocumentTimeoutError(CleanerError, TimeoutError):
    """A document took longer than :attr:`Config.time_budget <cleaner.Config.time_budget>`.

    Only that document fails: a batch reports it and goes on.

    >>> issubclass(DocumentTimeoutError, TimeoutError)
    True
    """


class RuleWarning(UserWarning):
    """A rule file loads but something in it is suspicious, e.g. a pattern that can
    backtrack for a very long time. The message names the file, the rule and the part."""
