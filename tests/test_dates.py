"""Dates as news sites write them (``cleaner.dates``, over the compiled core):
fixed cases whose answers the former Python implementation gave, and
properties of each written form."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.dates import (
    MONTH_NAMES,
    MONTH_PATTERN,
    WEEKDAY_NAMES,
    date_from_url,
    parse_date,
    without_dates,
    writes_date,
    written_dates,
)

# (text, parse_date, without_dates): the answers of the implementation in Python
# that the core replaced, kept as they were.
LINES = [
    ('Posted 2023-06-17 at noon', '2023-06-17', 'Posted  |  at noon'),
    ('2023/6/7', '2023-06-07', ' | '),
    ('17.06.2023', '2023-06-17', ' | '),
    ('12/19/2025', '2025-12-19', ' | '),
    ('12/01/2025', '2025-01-12', ' | '),
    ('2023.06.17', '2023-06-17', ' | '),
    ('2023年6月17日', '2023-06-17', ' | '),
    ('2023 년 6 월 17 일', '2023-06-17', ' | '),
    ('21st April 2024', '2024-04-21', ' | '),
    ('17. Juni 2023', '2023-06-17', ' | '),
    ('17 de junio de 2023', '2023-06-17', ' | '),
    ('04-Aug-2021', '2021-08-04', ' | '),
    ('By JANE DOE JAN. 13, 2017', '2017-01-13', 'By JANE DOE  | '),
    ('Friday, November 14, 2025 by Jane Doe', '2025-11-14', ' | ,  |  by Jane Doe'),
    ('17 PAŹDZIERNIKA 2023', '2023-10-17', ' | '),
    ('٣ June 20٢٣', '2023-06-03', ' | '),
    ('1 APRİL 2024', None, ' | '),
    ('1 ſeptember 2024', None, ' | '),
    ('Juni 17 2023', '2023-06-17', ' | '),
    ('June 18', None, ' | '),
    ('32/13/2023', None, ' | '),
    ('12019-01-01', None, '12019-01-01'),
    ('2023-06-171', None, '2023-06-171'),
    ('1.17.06.2023', None, '1.17.06.2023'),
    ('40.01.2023 2023-01-02', '2023-01-02', '40.01.2023  | '),
    ('June 17, 2023 (2023-06-18)', '2023-06-17', ' |  ( | )'),
    ('Jane Doe | Monday, June 17 | 2023-06-17', '2023-06-17', 'Jane Doe |  | ,  |  |  | '),
    ('Mon. and Tue, then', None, ' |  and  |  then'),
    ('Updated: 3 janv. 2024, 10:12', '2024-01-03', 'Updated:  | , 10:12'),
    ('mercredi 3 janvier 2024', '2024-01-03', ' |   | '),
    ('3 de março de 2024', '2024-03-03', ' | '),
    ('Dec.13,2025', None, 'Dec.13,2025'),
    ('Lunedì 5 febbraio 2024', '2024-02-05', ' |   | '),
    ('5 lutego 2024 r.', '2024-02-05', ' |  r.'),
    ('', None, ''),
    ('© 2024 The Times', None, '© 2024 The Times'),
]
# (address, date_from_url)
URLS = [
    ('https://example.com/2023/06/17/blinken-beijing/', '2023-06-17'),
    ('https://example.com/news/blinken-2023-06-17.html', '2023-06-17'),
    ('https://example.com/2023/06/blinken', None),
    ('https://example.com/2023/6/7', '2023-06-07'),
    ('https://example.com/x12023-06-17', None),
    ('https://example.com/2023/13/45/x', None),
    ('https://example.com/2023-06-17x', '2023-06-17'),
    ('https://example.com/a/2023/06/17', '2023-06-17'),
]


@pytest.mark.parametrize(("text", "date", "rest"), LINES)
def test_lines(text, date, rest):
    assert parse_date(text) == date
    assert without_dates(text) == rest
    if date:
        assert date in written_dates(text)
        # the year is looked for as written: "20٢٣" does not write "2023"
        assert writes_date(text, date) == (date[:4] in text)


@pytest.mark.parametrize(("url", "date"), URLS)
def test_urls(url, date):
    assert date_from_url(url) == date


def test_names():
    assert {"januar", "września", "déc"} <= MONTH_NAMES
    assert {"monday", "środa", "sáb" + "ado"} <= WEEKDAY_NAMES
    names = MONTH_PATTERN.split("|")
    assert set(names) == MONTH_NAMES
    assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)


MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
FORMS = [
    lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}",
    lambda d: f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{MONTHS_EN[d.month - 1][:3].upper()}. {d.day}, {d.year}",
    lambda d: f"{d.day:02d}-{MONTHS_EN[d.month - 1][:3]}-{d.year}",
]
DAYS = st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31))
WORDS = st.text(st.sampled_from("abc XYZ|:"), max_size=12)


@given(DAYS, st.sampled_from(FORMS), WORDS, WORDS)
def test_each_form_reads_back(day, form, before, after):
    text = f"{before} {form(day)} {after}"
    assert parse_date(text) == day.isoformat()
    assert written_dates(text) == {day.isoformat()}
    assert writes_date(text, day.isoformat())
    assert parse_date(without_dates(text)) is None


@given(DAYS)
def test_addresses(day):
    assert date_from_url(f"https://example.com/{day:%Y/%m/%d}/story") == day.isoformat()
    assert date_from_url(f"https://example.com/story-{day.isoformat()}.html") == day.isoformat()
