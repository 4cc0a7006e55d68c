"""Dates as news sites write them, to ISO 8601. A date without a year gives None."""

from __future__ import annotations

from functools import lru_cache

import regex

# Month names and their common abbreviations, in the languages of the shipped
# packs (Polish in nominative and genitive: "czerwiec", "17 czerwca").
_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen",
        "janeiro", "styczeń", "stycznia", "sty"),
    2: ("february", "feb", "februar", "février", "fevrier", "févr", "fev", "febrero", "febbraio",
        "fevereiro", "luty", "lutego", "lut"),
    3: ("march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "marzec", "marca"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "kwi"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "maj", "maja"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwiec", "czerwca",
        "cze"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipiec",
        "lipca", "lip"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "sierpień", "sierpnia", "sie"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set",
        "setembro", "wrzesień", "września", "wrz"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro",
         "out", "październik", "października", "paź"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "lis"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic",
         "dicembre", "dezembro", "grudzień", "grudnia", "gru"),
}
_MONTH_NUMBER = {name: number for number, names in _MONTHS.items() for name in names}
MONTH_NAMES = frozenset(_MONTH_NUMBER)
"""Month names and abbreviations, lower-case, in the languages of the shipped packs."""
MONTH_PATTERN = "|".join(sorted((regex.escape(n) for n in _MONTH_NUMBER), key=len, reverse=True))
WEEKDAY_NAMES = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
    "segunda", "terça", "quarta", "quinta", "sexta",
    "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela",
))
"""Names of the days of the week and their common abbreviations, lower-case."""

_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_MONTH = rf"(?P<m>{MONTH_PATTERN})\.?"
_FORMS = [
    regex.compile(rf"(?<!\d){_YEAR}-(?P<mn>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)"),
    regex.compile(rf"(?<!\d){_YEAR}/(?P<mn>[01]?\d)/(?P<d>[0-3]?\d)(?!\d)"),
    regex.compile(rf"(?<![\d.])(?P<d>[0-3]?\d)[./](?P<mn>[01]?\d)[./]{_YEAR}(?!\d)"),
    # "12/19/2025": month first, when the day shows it (12/01/2025 reads day first, above)
    regex.compile(rf"(?<![\d.])(?P<mn>[01]?\d)/(?P<d>[0-3]?\d)/{_YEAR}(?!\d)"),
    regex.compile(rf"(?<![\d.]){_YEAR}\.(?P<mn>[01]?\d)\.(?P<d>[0-3]?\d)(?![\d])"),
    regex.compile(rf"(?<!\d){_YEAR}\s*[年년]\s*(?P<mn>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]"),
    regex.compile(rf"(?<!\w){_DAY},?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}(?!\d)", regex.I),
    regex.compile(rf"(?<!\w)(?P<d>[0-3]?\d)-{_MONTH}-{_YEAR}(?!\d)", regex.I),  # "04-Aug-2021"
    regex.compile(rf"(?<!\w){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", regex.I),
]


def _iso(m: regex.Match[str]) -> str | None:
    groups = m.groupdict()
    month = int(groups["mn"]) if groups.get("mn") else _MONTH_NUMBER.get(groups["m"].lower())
    day, year = int(groups["d"]), int(groups["y"])
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def written_dates(text: str) -> set[str]:
    """Every date written out with day, month and year in ``text``, as ``YYYY-MM-DD``.

    >>> sorted(written_dates("Posted 1 January 2024; updated 2024-01-03. © 2024"))
    ['2024-01-01', '2024-01-03']
    """
    found = set()
    for form in _FORMS:
        for m in form.finditer(text):
            date = _iso(m)
            if date:
                found.add(date)
    return found


_AROUND_YEAR = 200
"""Characters before a year where a date that ends in it may start."""


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
    year = date[:4]
    at = text.find(year)
    while at != -1:
        start = max(0, at - _AROUND_YEAR)
        # a year-first date ends a few characters after the year ("-01-01",
        # " 年 1 月 1 日"), its last digit checked against the next one
        end = min(len(text), at + len(year) + 16)
        for form in _FORMS:
            for m in form.finditer(text, start, end):
                if m.start() <= at < m.end() and _iso(m) == date:
                    return True
        at = text.find(year, at + 1)
    return False


_FULL_WEEKDAYS = sorted((w for w in WEEKDAY_NAMES if len(w) > 5 or w.endswith("day")), key=len,
                       reverse=True)
_SHORT_WEEKDAYS = sorted(WEEKDAY_NAMES.difference(_FULL_WEEKDAYS), key=len, reverse=True)


@lru_cache(maxsize=1)
def _day_or_date() -> regex.Pattern[str]:
    """Days of the week and dates without a year (compiled on first use: only
    the reading of whole pages' bylines needs it)."""
    return regex.compile(
        rf"(?<!\w)(?:{'|'.join(_FULL_WEEKDAYS)})(?!\w)|(?<!\w)(?:{'|'.join(_SHORT_WEEKDAYS)})[.,]"
        rf"|(?<!\w){_MONTH}\s+{_DAY}(?!\w)|(?<!\w){_DAY}\s+{_MONTH}(?!\w)",
        regex.I,
    )


_YEAR_LIKE = regex.compile(r"(?:19|20)\d\d")
"""What every date form holds: a text without it gives no date (a cheap first test)."""


@lru_cache(maxsize=4096)
def without_dates(text: str, sep: str = " | ") -> str:
    """``text`` with its dates and the days of the week in it replaced by ``sep``:
    what is left of a byline that gives a date.

    >>> without_dates("By JANE DOE JAN. 13, 2017")
    'By JANE DOE  | '
    >>> without_dates("Friday, November 14, 2025 by Jane Doe")
    ' | ,  |  by Jane Doe'
    """
    if _YEAR_LIKE.search(text):
        for form in _FORMS:
            text = form.sub(sep, text)
    return _day_or_date().sub(sep, text)


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
    if not _YEAR_LIKE.search(text):
        return None
    best: tuple[int, str] | None = None
    for form in _FORMS:
        m = form.search(text)
        if not m:
            continue
        date = _iso(m)
        if date is None:
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), date)
    return best[1] if best else None


_URL_DATE = regex.compile(
    r"/(?P<y>(?:19|20)\d\d)/(?P<mn>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$)"
    r"|(?<![\d])(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)(?![\d])"
)


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
    m = _URL_DATE.search(url)
    return _iso(m) if m else None
