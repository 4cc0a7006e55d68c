"""Use article-cleaner inside other data tools.

- :mod:`cleaner.integrations.spark`: :func:`~cleaner.integrations.spark.clean_column`
  cleans a column of a Spark DataFrame (extra ``article-cleaner[spark]``).
- :mod:`cleaner.integrations.datatrove`: the
  :class:`~cleaner.integrations.datatrove.ArticleCleaner` pipeline step
  (extra ``article-cleaner[datatrove]``).

Each module imports its tool only when used, so ``import cleaner`` never needs them.
"""
