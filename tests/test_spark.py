"""Spark's mapInArrow with parse_arrow, exactly as docs/scale.md shows it (`make test-spark`)."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import datasets
import pytest

import seedcorpus
from conftest import ARTICLES, REPO

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(
        importlib.util.find_spec("pyspark") is None, reason="pyspark is not installed"
    ),
    pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime (Spark needs 17+)"),
]


def spark_recipe() -> str:
    page = (REPO / "docs" / "scale.md").read_text(encoding="utf-8")
    section = page.split("## Spark", 1)[1]
    match = re.search(r"```py\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_the_documented_spark_recipe_gives_the_exact_rows(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl" / "2024"
    crawl.mkdir(parents=True)
    for article in ARTICLES.glob("*.txt"):
        shutil.copy(article, crawl / article.name)
    (crawl / "notes.md").write_text("not an article", encoding="utf-8")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    result = subprocess.run(
        [sys.executable, "-c", spark_recipe()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    parts = sorted(str(p) for p in (tmp_path / "parsed-spark").glob("*.parquet"))
    rows = datasets.load_dataset(
        "parquet", data_files=parts, features=seedcorpus.FEATURES, split="train"
    )
    assert rows.features == seedcorpus.FEATURES
    options = seedcorpus.ParseOptions(id_root=str(tmp_path / "crawl"))
    expected = {a.id: a for a in seedcorpus.iter_articles(tmp_path / "crawl", options=options)}
    assert all(i.startswith("2024/") for i in expected)  # the same ids as a folder's
    got = {row["id"]: seedcorpus.Article.model_validate(row) for row in rows}
    assert got == expected
