"""Dates as news sites write them, to ISO 8601. A date without a year gives None.

The forms and the month names live in the compiled core (``core/src/text/dates.rs``);
these are its Python face.
"""

from __future__ import annotations

from functools import lru_cache

from . import _core

MONTH_NAMES = frozenset(_core.MONTH_NAMES)
"""Month names and abbreviations, lower-case, in the languages of the shipped packs."""
MONTH_PATTERN: str = _core.MONTH_PATTERN
"""The month names as alternatives of a pattern, longest first."""
WEEKDAY_NAMES = frozenset(_core.WEEKDAY_NAMES)
"""Names of the days of the week and their common abbreviations, lower-case."""


def written_dates(text: str) -> set[str]:
    """Every date written out with day, month and year in ``text``, as ``YYYY-MM-DD``.

    >>> sorted(written_dates("Posted 1 January 2024; updated 2024-01-03. © 2024"))
    ['2024-01-01', '2024-01-03']
    """
    return set(_core.written_dates(text))


def writes_date(text: str, date: str) -> bool:
    """Whether ``text`` writes out ``date`` (``YYYY-MM-DD``) with day, month and
    year, as :func:`written_dates` finds dates: only the text around each
    occurrence of the year is searched, so a page of HTML costs a fraction of
    a millisecond (a whole scan of it, tens).

    >>> writes_date("Posted 1 January 2024. © 2024", "2024-01-01")
    True
    >>> writes_date("© 2024 | 2024-01-15", "2024-01-01")
    False
    """
    return _core.writes_date(text, date)


@lru_cache(maxsize=4096)
def without_dates(text: str, sep: str = " | ") -> str:
    """``text`` with its dates and the days of the week in it replaced by ``sep``
    (taken as it is written): what is left of a byline that gives a date.

    >>> without_dates("By JANE DOE JAN. 13, 2017")
    'By JANE DOE  | '
    >>> without_dates("Friday, November 14, 2025 by Jane Doe")
    ' | ,  |  by Jane Doe'
    """
    return _core.without_dates(text, sep)


@lru_cache(maxsize=4096)
def parse_date(text: str) -> str | None:
    """The first date in ``text`` that gives a year, as ``YYYY-MM-DD``.

    >>> parse_date("Published June 17, 2023 | 03:10 AM")
    '2023-06-17'
    >>> parse_date("21st April 2024")
    '2024-04-21'
    >>> parse_date("17 de junio de 2023"), parse_date("17. Juni 2023")
    ('2023-06-17', '2023-06-17')
    >>> parse_date("June 18") is None
    True
    """
    return _core.parse_date(text)


def date_from_url(url: str | None) -> str | None:
    """The day a page's address gives (``/2023/06/17/``, ``-2023-06-17``), as ``YYYY-MM-DD``.

    >>> date_from_url("https://example.com/2023/06/17/blinken-beijing/")
    '2023-06-17'
    >>> date_from_url("https://example.com/news/blinken-beijing-2023-06-17.html")
    '2023-06-17'
    >>> date_from_url("https://example.com/2023/06/blinken") is None
    True
    """
    if not url:
        return None
    return _core.date_from_url(url)
