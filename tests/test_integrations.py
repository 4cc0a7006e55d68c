"""Spark and datatrove integrations, on the news fixture."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
NEWS = FIXTURES / "batch_news.jsonl"
PAGE = FIXTURES / "page_news.txt"
ROOT = Path(__file__).parents[1]


def _stories() -> list[dict[str, Any]]:
    return [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]


# Spark ---------------------------------------------------------------------------


pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="pyspark not installed (extra article-cleaner[spark])")
    pytest.importorskip("pandas", reason="pandas not installed (extra article-cleaner[spark])")
    pytest.importorskip("pyarrow", reason="pyarrow not installed (extra article-cleaner[spark])")
    from pyspark.sql import SparkSession

    previous = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers use this interpreter
    session = (
        SparkSession.builder.master("local[2]")
        .appName("article-cleaner-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if previous is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = previous


def test_spark_clean_column_adds_a_struct_per_row(spark: Any) -> None:
    from cleaner.integrations.spark import clean_column

    stories = _stories()
    rows = [(s["id"], s["text"], s["url"]) for s in stories] + [("empty", None, None)]
    df = spark.createDataFrame(rows, "id string, body string, link string")
    out = clean_column(df, "body", url_column="link", output_column="clean")
    assert out.columns == ["id", "body", "link", "clean"]
    fields = out.schema["clean"].dataType.fieldNames()
    assert fields == ["text", "metadata", "removed", "warnings", "error"]

    got = {
        r["id"]: r
        for r in out.select(
            "id",
            "clean.text",
            "clean.metadata.url",
            "clean.metadata.fingerprint",
            "clean.removed",
            "clean.error",
        ).collect()
    }
    assert set(got) == {s["id"] for s in stories} | {"empty"}
    syndicated = got["urdupoint-002"]
    assert syndicated["error"] is None
    assert "Blinken will travel to Beijing" in syndicated["text"]
    assert "Recent Stories" not in syndicated["text"]
    assert syndicated["url"].startswith("https://www.urdupoint.com/")
    assert len(syndicated["fingerprint"]) == 16
    assert all(r["rule"] and r["end"] > r["start"] for r in syndicated["removed"])
    assert got["empty"]["text"] is None and got["empty"]["error"] is None


def test_spark_clean_column_takes_mode_and_config(spark: Any) -> None:
    from cleaner import Config
    from cleaner.integrations.spark import clean_column

    page = PAGE.read_text(encoding="utf-8")
    df = spark.createDataFrame([("p", page)], "id string, body string")
    df = clean_column(df, "body", mode="article", output_column="article")
    df = clean_column(df, "body", mode="page", output_column="page")
    df = clean_column(df, "body", config=Config(mode="page", detect_language=False),
                      output_column="configured")
    row = df.select("article.text", "page.text", "configured.text",
                    "page.metadata.language", "configured.metadata.language").collect()[0]
    article, whole, configured, language, no_language = row
    assert "Politics" in article and "Politics" not in whole
    assert "new bridge" in whole and configured == whole
    assert language == "en" and no_language is None


def test_spark_cells_of_bytes_are_decoded_and_a_bad_mode_fails_on_the_driver() -> None:
    pytest.importorskip("pyspark", reason="pyspark not installed (extra article-cleaner[spark])")
    pytest.importorskip("pandas", reason="pandas not installed (extra article-cleaner[spark])")
    pytest.importorskip("pyarrow", reason="pyarrow not installed (extra article-cleaner[spark])")
    from cleaner import InputError
    from cleaner.integrations.spark import _clean_one, cached_cleaner, clean_column

    story = _stories()[1]["text"]
    cell = _clean_one(cached_cleaner(None), story.encode("cp1252", errors="replace"), None,
                      html=False)
    assert cell["error"] is None and cell["text"].startswith("TOKYO, June 18 (Reuters)")
    with pytest.raises(InputError, match="mode must be one of"):
        clean_column(object(), "text", mode="pages")  # type: ignore[arg-type]


def test_spark_needs_its_extra_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.integrations.spark as spark_module

    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(ImportError, match=r"article-cleaner\[spark\]"):
        spark_module.clean_column(object(), "text")  # type: ignore[arg-type]


# datatrove -----------------------------------------------------------------------


def _datatrove_docs() -> list[Any]:
    from datatrove.data import Document

    docs = [Document(text=s["text"], id=s["id"], metadata={"url": s["url"]}) for s in _stories()]
    docs.append(Document(text="   \n  ", id="blank", metadata={}))
    return docs


def test_datatrove_step_cleans_documents_and_drops_empty_ones() -> None:
    pytest.importorskip(
        "datatrove", reason="datatrove not installed (extra article-cleaner[datatrove])"
    )
    from cleaner.integrations.datatrove import METADATA_KEY, ArticleCleaner

    step = ArticleCleaner()
    out = list(step.run(iter(_datatrove_docs())))
    assert [d.id for d in out] == [s["id"] for s in _stories()]
    syndicated = out[2]
    assert "Recent Stories" not in syndicated.text
    found = syndicated.metadata[METADATA_KEY]
    assert found["title"].startswith("Blinken Embarks")
    assert found["url"].startswith("https://www.urdupoint.com/")
    assert found["removed_chars"] > 1000
    assert "removed" not in found
    assert syndicated.metadata["url"].startswith("https://www.urdupoint.com/")
    stats = step.stats.to_dict() if hasattr(step.stats, "to_dict") else None
    counts = {name: step.stats[name].total for name in ("total", "forwarded", "dropped_empty")}
    assert counts == {"total": 6, "forwarded": 5, "dropped_empty": 1}, stats


def test_datatrove_step_runs_in_a_local_pipeline(tmp_path: Path) -> None:
    pytest.importorskip(
        "datatrove", reason="datatrove not installed (extra article-cleaner[datatrove])"
    )
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.base import PipelineStep

    from cleaner.integrations.datatrove import ArticleCleaner

    class WriteJsonl(PipelineStep):
        """The documents as JSON lines, with no dependency beyond datatrove itself."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

        def run(self, data, rank: int = 0, world_size: int = 1):  # type: ignore[no-untyped-def]
            with open(self.path, "w", encoding="utf-8") as f:
                for doc in data:
                    f.write(json.dumps({"id": doc.id, "metadata": doc.metadata}) + "\n")
                    yield doc

    out = tmp_path / "out.jsonl"
    executor = LocalPipelineExecutor(
        pipeline=[_datatrove_docs(), ArticleCleaner(keep_removed=True), WriteJsonl(out)],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [w["id"] for w in written] == [s["id"] for s in _stories()]
    removed = written[2]["metadata"]["article_cleaner"]["removed"]
    assert any("Recent Stories" in r["text"] for r in removed)


def test_datatrove_step_takes_mode_and_config() -> None:
    pytest.importorskip(
        "datatrove", reason="datatrove not installed (extra article-cleaner[datatrove])"
    )
    from datatrove.data import Document

    from cleaner import Config, InputError
    from cleaner.integrations.datatrove import METADATA_KEY, ArticleCleaner

    page = PAGE.read_text(encoding="utf-8")

    def cleaned(step: ArticleCleaner) -> Any:
        (doc,) = step.run(iter([Document(text=page, id="p")]))
        return doc

    article = cleaned(ArticleCleaner(mode="article"))
    whole = cleaned(ArticleCleaner(mode="page"))
    assert "Politics" in article.text and "Politics" not in whole.text
    configured = cleaned(ArticleCleaner(config=Config(mode="page", detect_language=False)))
    assert configured.text == whole.text
    assert configured.metadata[METADATA_KEY]["language"] is None
    with pytest.raises(InputError, match="mode must be one of"):
        ArticleCleaner(mode="pages")  # type: ignore[arg-type]


def _readme_example(library: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Beyond one machine"):readme.index("## Errors and guarantees")]
    (code,) = [block for block in re.findall(r"```python\n(.*?)```", section, re.DOTALL)
               if f"cleaner.integrations.{library}" in block]
    return code


def test_readme_datatrove_example_prints_the_cleaned_text() -> None:
    pytest.importorskip(
        "datatrove", reason="datatrove not installed (extra article-cleaner[datatrove])"
    )
    result = subprocess.run(
        [sys.executable, "-c", _readme_example("datatrove")],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Blinken is set to embark on a rare trip to China"  # the title
    assert lines[1].startswith("TOKYO, June 18 (Reuters)")  # the body
    assert "reluctant to cooperate in this matter." in result.stdout


def test_readme_spark_example_names_the_worker_python() -> None:
    code = _readme_example("spark")
    assert 'os.environ.setdefault("PYSPARK_PYTHON", sys.executable)' in code
    assert code.index("PYSPARK_PYTHON") < code.index("SparkSession.builder")
