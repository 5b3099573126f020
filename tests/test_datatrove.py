"""The datatrove pipeline: two tasks over a generated crawl, checked against load_dataset."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import seedcorpus
from conftest import ARTICLES

pytest.importorskip("datatrove", reason="the seedcorpus[datatrove] extra is not installed")
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import ParquetReader

from seedcorpus.integrations.datatrove import ArticleReader, ArticleWriter, ParseArticles


def crawl(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(count):
        date = f"{1 + i % 28}/03/2024" if i % 3 else "منذ ساعتين"
        text = f"عنوان الخبر {i}\nتاريخ النشر: {date}\nفقرة أولى {i}.\nكلمات دلالية: الخبر {i}\n"
        (folder / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_bytes("عنوان\nنص.\n".encode("utf-16"))  # an encoding defect
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    return folder


def run(folder: Path, out: Path, logs: Path) -> None:
    LocalPipelineExecutor(
        pipeline=[ArticleReader(str(folder)), ParseArticles(), ArticleWriter(str(out))],
        tasks=2,
        workers=1,
        logging_dir=str(logs),
    ).run()


def test_two_tasks_write_disjoint_complete_shards_equal_to_load_dataset(tmp_path: Path) -> None:
    folder = crawl(tmp_path / "crawl", 25)
    out, logs = tmp_path / "out", tmp_path / "logs"
    run(folder, out, logs)
    shards = sorted((out / "data").glob("train-*.parquet"))
    assert [s.name.split("-", 2)[2] for s in shards] == [
        "00000-of-00002.parquet",
        "00001-of-00002.parquet",
    ]
    ids = []
    for shard in shards:
        assert pq.read_schema(shard).remove_metadata() == (
            seedcorpus.FEATURES.arrow_schema.remove_metadata()
        )
        ids.append(pq.read_table(shard).column("id").to_pylist())
    assert set(ids[0]).isdisjoint(ids[1])
    expected = seedcorpus.load_dataset(folder, cache_dir=str(tmp_path / "cache"))
    assert sorted(ids[0] + ids[1]) == expected["id"]
    loaded = datasets.load_dataset(str(out), split="train")
    assert loaded.features == seedcorpus.FEATURES
    by_id = {row["id"]: row for row in loaded}
    assert [by_id[i] for i in expected["id"]] == expected.to_list()
    assert by_id["b"]["defects"][0]["code"] == "not-utf8"
    assert (out / "croissant.json").is_file()


def test_a_rerun_skips_completed_tasks_and_writes_nothing(tmp_path: Path) -> None:
    folder = crawl(tmp_path / "crawl", 6)
    out, logs = tmp_path / "out", tmp_path / "logs"
    run(folder, out, logs)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    run(folder, out, logs)
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_parse_articles_follows_datatroves_own_parquet_reader(tmp_path: Path) -> None:
    packed = tmp_path / "packed"
    packed.mkdir()
    files = sorted(ARTICLES.glob("*.txt"))
    rows = {"id": [f.stem for f in files], "text": [f.read_text("utf-8-sig") for f in files]}
    pq.write_table(pa.table(rows), packed / "crawl.parquet")
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[ParquetReader(str(packed)), ParseArticles(), ArticleWriter(str(out))],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    loaded = datasets.load_dataset(str(out), split="train")
    assert [seedcorpus.Article.model_validate(r) for r in loaded] == [
        seedcorpus.parse_file(f) for f in files
    ]


def test_import_seedcorpus_does_not_load_datatrove() -> None:
    code = "import sys, seedcorpus; assert 'datatrove' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_one_id_from_two_tasks_is_refused_and_nothing_published(tmp_path: Path) -> None:
    packed = tmp_path / "packed"
    packed.mkdir()
    text = next(iter(sorted(ARTICLES.glob("*.txt")))).read_text("utf-8-sig")
    for part in range(2):  # each task reads one file; each file holds the id "same"
        pq.write_table(pa.table({"id": ["same"], "text": [text]}), packed / f"p{part}.parquet")
    out = tmp_path / "out"
    with pytest.raises(Exception, match="two rows have the id 'same'"):
        LocalPipelineExecutor(
            pipeline=[ParquetReader(str(packed)), ParseArticles(), ArticleWriter(str(out))],
            tasks=2,
            workers=1,
            logging_dir=str(tmp_path / "logs"),
        ).run()
    assert not (out / "data").exists()
    assert not (out / "README.md").exists()
