"""The Hugging Face layer: schema, builder, cache, streaming shards, parse_batch, export."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
import yaml
from datasets import Features, List, Value
from datasets.distributed import split_dataset_by_node

import seedcorpus
from conftest import ARTICLES, SEED_ID, list_articles
from seedcorpus.hf import dataset as hf

# Written out by hand from the schema: a change to the model or to FEATURES alone fails.
EXPECTED = Features(
    {
        "id": Value("string"),
        "title": Value("string"),
        "published_at": Value("timestamp[us, tz=UTC]"),
        "date_precision": Value("string"),
        "date_text": Value("string"),
        "body": List(Value("string")),
        "source": Value("string"),
        "keywords": List(Value("string")),
        "keywords_text": Value("string"),
        "keyword_evidence": List(Value("string")),
        "read_also": List({"title": Value("string"), "body": List(Value("string"))}),
        "defects": List(
            {"code": Value("string"), "message": Value("string"), "line": Value("int32")}
        ),
    }
)


def make_corpus(folder: Path, count: int) -> Path:
    """Write `count` small articles, some with missing date, source and keywords."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        lines = [f"عنوان الخبر رقم {i}"]
        if i % 2 == 0:
            lines.append(f"تاريخ النشر: {i + 1}th, March 2024 GMT".replace("1th", "1st"))
        lines += [f"فقرة أولى من الخبر {i}.", "فقرة ثانية."]
        if i % 3 == 0:
            lines += ["المصدر: وكالة", "كلمات دلالية: الخبر الأول"]
        (folder / f"a{i:03d}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_features_are_derived_from_the_model_field_by_field() -> None:
    assert seedcorpus.FEATURES == EXPECTED
    assert list(seedcorpus.FEATURES) == list(seedcorpus.Article.model_fields)
    assert list(seedcorpus.FEATURES["read_also"].feature) == list(
        seedcorpus.RelatedArticle.model_fields
    )
    assert list(seedcorpus.FEATURES["defects"].feature) == list(seedcorpus.Defect.model_fields)


def test_load_dataset_schema_rows_and_round_trip(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path / "in", 6)
    shutil.copy(ARTICLES / f"{SEED_ID}.txt", folder)
    ds = seedcorpus.load_dataset(folder, cache_dir=str(tmp_path / "cache"))
    assert isinstance(ds, datasets.Dataset)
    assert ds.features == EXPECTED
    articles = list_articles(folder)
    assert ds["id"] == [a.id for a in articles]
    for row, article in zip(ds, articles, strict=True):
        assert seedcorpus.Article.model_validate(row) == article
    assert any(row["published_at"] is None and row["keywords"] == [] for row in ds)


def test_bundled_corpus_is_the_default(tmp_path: Path) -> None:
    ds = seedcorpus.load_dataset(cache_dir=str(tmp_path))
    assert ds["id"] == seedcorpus.Corpus().ids
    assert ds[0]["published_at"] == datetime(2023, 9, 24, tzinfo=timezone.utc)


def test_builder_is_named_for_the_library() -> None:
    built = hf.builder(ARTICLES)
    assert built.name == "seedcorpus"
    assert built.info.builder_name == "seedcorpus"


def test_changed_file_is_not_served_from_a_stale_cache(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path / "in", 3)
    cache = str(tmp_path / "cache")
    first = seedcorpus.load_dataset(folder, cache_dir=cache)
    again = seedcorpus.load_dataset(folder, cache_dir=cache)
    assert again.cache_files == first.cache_files  # unchanged files: the cache is reused
    target = folder / "a001.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("رقم 1", "معدل"), "utf-8")
    changed = seedcorpus.load_dataset(folder, cache_dir=cache)
    assert changed["title"][1] == "عنوان الخبر معدل"
    assert first["title"][1] == "عنوان الخبر رقم 1"


def test_fingerprint_covers_content_and_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_corpus(tmp_path, 2)
    files = sorted(str(f) for f in folder.glob("*.txt"))
    before = hf.fingerprint(files)
    assert hf.fingerprint(files) == before
    first = Path(files[0])
    first.write_bytes(first.read_bytes().replace("رقم".encode(), "عدد".encode()))
    edited = hf.fingerprint(files)
    assert edited != before
    monkeypatch.setattr(hf, "__version__", "9.9.9")
    assert hf.fingerprint(files) != edited


def test_streaming_has_a_shard_per_file_and_ranks_split_disjoint_and_complete(
    tmp_path: Path,
) -> None:
    folder = make_corpus(tmp_path, 8)
    stream = seedcorpus.load_dataset(folder, streaming=True)
    assert isinstance(stream, datasets.IterableDataset)
    assert stream.num_shards == 8
    assert stream.features == EXPECTED
    ranks = [
        [row["id"] for row in split_dataset_by_node(stream, rank=rank, world_size=2)]
        for rank in range(2)
    ]
    assert set(ranks[0]).isdisjoint(ranks[1])
    assert sorted(ranks[0] + ranks[1]) == [f"a{i:03d}" for i in range(8)]
    assert all(ranks)


def test_num_proc_builds_the_same_rows(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path / "in", 6)
    one = seedcorpus.load_dataset(folder, cache_dir=str(tmp_path / "c1"))
    two = seedcorpus.load_dataset(folder, cache_dir=str(tmp_path / "c2"), num_proc=2)
    assert one.to_list() == two.to_list()


def test_parse_batch_on_a_raw_text_crawl() -> None:
    files = sorted(ARTICLES.glob("*.txt"))
    crawl = datasets.Dataset.from_dict(
        {"id": [f.stem for f in files], "text": [f.read_text("utf-8-sig") for f in files]}
    )
    parsed = crawl.map(
        seedcorpus.parse_batch,
        batched=True,
        batch_size=2,
        remove_columns=crawl.column_names,
        features=seedcorpus.FEATURES,
    )
    assert parsed.features == EXPECTED
    expected = [seedcorpus.parse_file(f) for f in files]
    assert [seedcorpus.Article.model_validate(r) for r in parsed] == expected


def test_hf_export_loads_back_with_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "export"
    count = seedcorpus.export(out, ARTICLES, output_format="hf", shards=2)
    assert count == 3
    names = sorted(p.name for p in (out / "data").iterdir())
    assert [n.split("-", 2)[2] for n in names] == [
        "00000-of-00002.parquet",
        "00001-of-00002.parquet",
    ]
    loaded = datasets.load_dataset(str(out), split="train")
    assert loaded.features == EXPECTED
    shard = pq.read_schema(out / "data" / names[0]).metadata
    recorded = json.loads(shard[b"seedcorpus"])
    assert recorded["parser_version"] == seedcorpus.__version__
    assert recorded["corpus_version"] == ""  # a folder given by path is not the bundled corpus
    assert b"huggingface" in shard
    assert [seedcorpus.Article.model_validate(r) for r in loaded] == list_articles(ARTICLES)


def test_dataset_card_and_croissant(tmp_path: Path) -> None:
    out = tmp_path / "export"
    seedcorpus.export(out, ARTICLES, output_format="hf")
    card = (out / "README.md").read_text(encoding="utf-8")
    header = yaml.safe_load(card.split("---\n")[1])
    assert header["language"] == ["ar"]
    assert header["pretty_name"]
    assert header["size_categories"] == ["n<1K"]
    assert header["task_categories"]
    assert header["license"]
    assert header["configs"][0]["data_files"][0]["path"].startswith("data/train-")
    assert Features._from_yaml_list(header["dataset_info"]["features"]) == EXPECTED
    assert header["parser_version"] == seedcorpus.__version__
    assert "## Datasheet" in card
    assert "Known parser limits" in card
    croissant = json.loads((out / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    fields = croissant["recordSet"][0]["field"]
    assert [f["name"] for f in fields] == list(EXPECTED)
    read_also = next(f for f in fields if f["name"] == "read_also")
    assert read_also["repeated"] is True
    assert [s["name"] for s in read_also["subField"]] == ["title", "body"]


def test_parquet_and_jsonl_exports(tmp_path: Path) -> None:
    assert seedcorpus.export(tmp_path / "a.parquet", ARTICLES, output_format="parquet") == 3
    table = datasets.Dataset.from_parquet(str(tmp_path / "a.parquet"))
    assert table["id"] == sorted(p.stem for p in ARTICLES.glob("*.txt"))
    assert table.features == EXPECTED
    metadata = pq.read_schema(tmp_path / "a.parquet").metadata
    assert json.loads(metadata[b"seedcorpus"])["seedcorpus_version"] == seedcorpus.__version__
    assert seedcorpus.export(tmp_path / "a.jsonl", ARTICLES, output_format="jsonl") == 3
    with pytest.raises(ValueError, match="unknown export format"):
        seedcorpus.export(tmp_path / "x", ARTICLES, output_format="csv")


def test_cli_export_hf(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "export", str(tmp_path / "o"), "--format", "hf"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "o" / "data").glob("train-*-00000-of-00001.parquet"))) == 1


def test_import_seedcorpus_does_not_import_datasets() -> None:
    code = (
        "import sys, seedcorpus; seedcorpus.Corpus(); "
        "assert 'datasets' not in sys.modules, 'datasets imported'; "
        "seedcorpus.FEATURES; assert 'datasets' in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_stream_dropped_at_exit_closes_quietly() -> None:
    # A training script that stops after a few rows leaves the stream's generators open;
    # closing them at interpreter exit printed "Exception ignored in ... read_all".
    code = (
        "import sys, seedcorpus; "
        "it = iter(seedcorpus.load_dataset(sys.argv[1], streaming=True)); next(it); "
        "more = seedcorpus.iter_articles(sys.argv[1]); next(more)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ARTICLES)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr
