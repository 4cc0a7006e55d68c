"""The examples in the docstrings of the command line, batch, errors and integrations
modules run (the same as ``python -m pytest --doctest-modules cleaner`` does for them)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "cleaner.errors",
    "cleaner.batch.io",
    "cleaner.batch.pool",
    "cleaner.batch.records",
    "cleaner.batch.run",
    "cleaner.batch.summary",
    "cleaner.cli.options",
    "cleaner.cli.progress",
    "cleaner.cli.sources",
    "cleaner.integrations.spark",
    "cleaner.integrations.datatrove",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    if name.endswith("datatrove"):
        pytest.importorskip("datatrove", reason="datatrove not installed")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
