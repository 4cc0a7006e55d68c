"""Use an installed article-cleaner from outside the source tree (run by .ci/run).

    python tests/wheel_smoke.py examples/reuters-with-chrome.txt

Imports every module of the package, cleans the example through the library,
the datatrove step and the Spark column function, and checks that each gives
the story without its chrome. Exits non-zero on the first failure.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from pathlib import Path


def main(example: str) -> int:
    import cleaner

    where = Path(cleaner.__file__).resolve()
    if Path(__file__).resolve().parents[1] in where.parents:
        print(f"cleaner imported from the source tree ({where}), not from the install")
        return 1
    modules = [
        m.name for m in pkgutil.walk_packages(cleaner.__path__, "cleaner.")
        if not m.name.endswith("__main__")  # runs the command line when imported
    ]
    for name in modules:
        importlib.import_module(name)
    for needed in ("cleaner._core", "cleaner.integrations.spark", "cleaner.integrations.datatrove"):
        assert needed in modules, f"{needed} is not in the installed package"
    print(f"imported {len(modules)} modules from {where.parent}")

    text = Path(example).read_text(encoding="utf-8")
    story_end = "reluctant to cooperate in this matter."

    doc = cleaner.clean(text)
    assert doc.text.endswith(story_end) and "Our Standards" not in doc.text, doc.text[-200:]

    from datatrove.data import Document as DatatroveDocument

    from cleaner.integrations.datatrove import ArticleCleaner

    out = list(ArticleCleaner().run(iter([DatatroveDocument(text=text, id="example")])))
    assert len(out) == 1 and out[0].text == doc.text, "datatrove step differs from clean()"
    print("datatrove step: ok")

    try:
        from pyspark.sql import SparkSession
    except ImportError:
        print("pyspark not installed: Spark check skipped")
        return 0
    from cleaner.integrations.spark import clean_column

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master("local[1]").appName("wheel-smoke")
        .config("spark.ui.enabled", "false").getOrCreate()
    )
    try:
        spark.sparkContext.setLogLevel("ERROR")
        df = clean_column(spark.createDataFrame([(text,)], "text string"), "text")
        row = df.select("cleaned.text").collect()[0]
        assert row[0] == doc.text, "Spark column differs from clean()"
    finally:
        spark.stop()
    print("spark column: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
