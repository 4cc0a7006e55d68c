"""Errors follow Python's conventions: a wrong type is a TypeError, a bad value a ValueError."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.errors import CleanerError, InputError, InputTypeError


@pytest.mark.parametrize("value", [None, 42, 4.2, ["text"], b"bytes"])
def test_clean_of_a_wrong_type_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="takes str") as info:
        cleaner.clean(value)  # type: ignore[arg-type]
    assert isinstance(info.value, InputTypeError)
    assert isinstance(info.value, InputError) and isinstance(info.value, CleanerError)


@pytest.mark.parametrize("value", [None, 42, ["<p>x</p>"]])
def test_clean_html_of_a_wrong_type_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="str or bytes") as info:
        cleaner.clean_html(value)  # type: ignore[arg-type]
    assert isinstance(info.value, CleanerError)


def test_a_bad_value_stays_a_value_error() -> None:
    with pytest.raises(ValueError, match="mode must be one of") as info:
        cleaner.Cleaner().clean("Some text.", mode="pages")  # type: ignore[arg-type]
    assert not isinstance(info.value, TypeError)
    with pytest.raises(ValueError, match="binary"):
        cleaner.clean_html(b"\x89PNG\r\n\x1a\n....")


def test_input_type_error_is_exported() -> None:
    assert cleaner.InputTypeError is InputTypeError
    assert "InputTypeError" in cleaner.__all__
