"""Clean a column of a Spark DataFrame.

>>> from cleaner.integrations.spark import clean_column  # doctest: +SKIP
>>> df = clean_column(spark.read.json("pages.jsonl"), "text", url_column="url",
...                   mode="page")  # doctest: +SKIP
>>> df.select("cleaned.text", "cleaned.metadata.title", "cleaned.error")  # doctest: +SKIP

The cleaning runs in a pandas UDF (Arrow batches). Each Python worker process
builds its :class:`~cleaner.Cleaner` once per rule list and Config and keeps it
for every later batch and task. Spark starts its Python workers with the
interpreter named by ``PYSPARK_PYTHON`` (default ``python3`` on the PATH): set it
to ``sys.executable`` when article-cleaner lives in a virtual environment that
is not activated. Needs ``pip install 'article-cleaner[spark]'``.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..config import MODES, Config, Mode
from ..document import Metadata

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

    from ..pipeline import Cleaner

__all__ = ["clean_column", "result_schema"]

_EXTRA_MESSAGE = (
    "cleaner.integrations.spark needs pyspark, pandas and pyarrow: "
    "pip install 'article-cleaner[spark]'"
)
_CacheKey = tuple[tuple[str, ...] | None, Config | None]
_cleaners: dict[_CacheKey, Cleaner] = {}


def _require_spark() -> None:
    """Import the Spark stack, or say which extra installs it."""
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise ImportError(f"{_EXTRA_MESSAGE} ({exc})") from exc


def _rules_key(rules: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """A hashable form of a rule list (``None``: the shipped rule sets)."""
    if rules is None:
        return None
    return (str(rules),) if isinstance(rules, str) else tuple(str(rule) for rule in rules)


def cached_cleaner(rules: tuple[str, ...] | None, config: Config | None = None) -> Cleaner:
    """The Cleaner of this process for ``rules`` and ``config``, built on first use."""
    cleaner = _cleaners.get((rules, config))
    if cleaner is None:
        from ..pipeline import Cleaner

        cleaner = Cleaner(rules=list(rules) if rules else None, config=config)
        _cleaners[(rules, config)] = cleaner
    return cleaner


def _metadata_fields() -> list[tuple[str, bool]]:
    """``(name, is_list)`` of every field of :class:`~cleaner.Metadata`."""
    hints = typing.get_type_hints(Metadata)
    return [
        (f.name, typing.get_origin(hints[f.name]) is list) for f in dataclasses.fields(Metadata)
    ]


def result_schema() -> StructType:
    """The Spark type of the output column: text, metadata, removed, warnings, error."""
    _require_spark()
    from pyspark.sql.types import ArrayType, IntegerType, StringType, StructField, StructType

    strings = ArrayType(StringType())
    metadata = StructType(
        [
            StructField(name, strings if is_list else StringType())
            for name, is_list in _metadata_fields()
        ]
    )
    removal = StructType(
        [
            StructField("rule", StringType()),
            StructField("text", StringType()),
            StructField("start", IntegerType()),
            StructField("end", IntegerType()),
        ]
    )
    return StructType(
        [
            StructField("text", StringType()),
            StructField("metadata", metadata),
            StructField("removed", ArrayType(removal)),
            StructField("warnings", strings),
            StructField("error", StringType()),
        ]
    )


def _clean_one(
    cleaner: Cleaner, value: Any, url: Any, html: bool, mode: Mode | None = None
) -> dict[str, Any]:
    """The output struct of one cell; a failure fills ``error`` and leaves ``text`` null.

    A binary cell is decoded as ``clean_html`` decodes pages (byte-order mark,
    UTF-8, declared charset, detection).
    """
    if not isinstance(value, (str, bytes)):  # null cell (None, or NaN from pandas)
        return {"text": None, "metadata": None, "removed": [], "warnings": [], "error": None}
    try:
        url = url if isinstance(url, str) else None
        if html:
            doc = cleaner.clean_html(value, url=url)
        else:
            if isinstance(value, bytes):
                from ..html import decode

                value = decode(value)
            doc = cleaner.clean(value, url=url, mode=mode)
    except Exception as exc:  # noqa: BLE001 - one bad cell must not fail the job
        return {
            "text": None,
            "metadata": None,
            "removed": [],
            "warnings": [],
            "error": f"{type(exc).__name__}: {exc}",
        }
    return {**doc.to_dict(), "error": None}


def _clean_series(
    texts: pd.Series,
    urls: pd.Series,
    rules: tuple[str, ...] | None,
    html: bool,
    mode: Mode | None = None,
    config: Config | None = None,
) -> pd.DataFrame:
    """Clean one Arrow batch: a DataFrame with one column per field of the output struct."""
    import pandas as pd

    cleaner = cached_cleaner(rules, config)
    rows = [_clean_one(cleaner, text, url, html, mode) for text, url in zip(texts, urls)]
    return pd.DataFrame(rows, columns=["text", "metadata", "removed", "warnings", "error"])


def clean_column(
    df: DataFrame,
    column: str,
    *,
    html: bool = False,
    url_column: str | None = None,
    rules: str | Sequence[str] | None = None,
    mode: Mode | None = None,
    config: Config | None = None,
    output_column: str = "cleaned",
) -> DataFrame:
    """``df`` with ``output_column`` added: the cleaning of ``column``, as a struct.

    The struct has ``text``, ``metadata`` (a struct of the fields of
    :class:`~cleaner.Metadata`), ``removed`` (array of ``rule, text, start, end``),
    ``warnings`` (array of strings) and ``error`` (null, or why the cell could not
    be cleaned, in which case ``text`` is null). A null cell gives a null ``text``
    and a null ``error``. With ``html=True`` the column holds
    HTML and is cleaned with ``clean_html``. ``rules`` are rule set names or paths,
    and ``config`` a :class:`~cleaner.Config`, as for :class:`~cleaner.Cleaner`;
    ``mode`` (``"auto"``, ``"article"`` or ``"page"``; default ``config.mode``) is
    how text is cleaned: ``"page"`` for whole-page text such as WET records. HTML
    is always cleaned as an article after extraction.
    """
    _require_spark()
    import pandas as pd
    from pyspark.sql import functions as F
    from pyspark.sql.functions import pandas_udf

    if mode is not None and mode not in MODES:  # fail on the driver
        from ..errors import InputError

        raise InputError(f"mode must be one of {', '.join(map(repr, MODES))}, not {mode!r}")
    key = _rules_key(rules)
    if key is not None or config is not None:  # fail early, on the driver, when rules are bad
        cached_cleaner(key, config)

    def clean_batch(texts: pd.Series, urls: pd.Series) -> pd.DataFrame:
        return _clean_series(texts, urls, key, html, mode, config)

    # Spark reads the kind of UDF from the annotations, which must be real types.
    clean_batch.__annotations__ = {"texts": pd.Series, "urls": pd.Series, "return": pd.DataFrame}
    clean_udf = pandas_udf(clean_batch, result_schema())  # type: ignore[call-overload]
    url = F.col(url_column) if url_column else F.lit(None).cast("string")
    return df.withColumn(output_column, clean_udf(F.col(column), url))
