"""Past one machine: parse_arrow, remote crawls through fsspec, fair sharding, partitioned ids."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import cloudpickle
import datasets
import dill
import fsspec
import pyarrow as pa
import pytest
from datasets.distributed import split_dataset_by_node

import seedcorpus
from conftest import ARTICLES, list_articles
from seedcorpus.crawl import remote

FILES = sorted(ARTICLES.glob("*.txt"))
EXPECTED = [seedcorpus.parse_file(f) for f in FILES]


BINARY = pa.binary()


def raw_table(text_type: pa.DataType = BINARY, text_name: str = "text") -> pa.Table:
    texts = [f.read_bytes() for f in FILES]
    if text_type != BINARY:
        texts = [t.decode("utf-8-sig") for t in texts]  # type: ignore[misc]
    return pa.table({"id": [f.stem for f in FILES], text_name: pa.array(texts, type=text_type)})


# parse_arrow


@pytest.mark.parametrize("text_type", [pa.string(), pa.large_string(), pa.binary()])
def test_parse_arrow_gives_exactly_the_features_schema(text_type: pa.DataType) -> None:
    table = seedcorpus.parse_arrow(raw_table(text_type))
    assert isinstance(table, pa.Table)
    assert table.schema == seedcorpus.FEATURES.arrow_schema
    assert table.schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert [seedcorpus.Article.model_validate(r) for r in table.to_pylist()] == EXPECTED


def test_parse_arrow_keeps_the_kind_of_object() -> None:
    batch = raw_table().to_batches()[0]
    assert isinstance(seedcorpus.parse_arrow(batch), pa.RecordBatch)
    parsed = list(seedcorpus.parse_arrow(iter([batch.slice(0, 1), batch.slice(1)])))  # mapInArrow
    assert [b.num_rows for b in parsed] == [1, 2]
    assert all(b.schema == seedcorpus.FEATURES.arrow_schema for b in parsed)


def test_binary_text_goes_through_file_decoding_so_encoding_defects_survive() -> None:
    utf16 = FILES[0].read_bytes().decode("utf-8-sig").encode("utf-16")
    table = pa.table({"id": ["x", "y"], "text": [utf16, b"\xff\xfe\x00garbage\x00\x00\x00"]})
    rows = seedcorpus.parse_arrow(table).to_pylist()
    assert rows[0]["defects"][0]["code"] == "not-utf8"
    assert rows[0]["title"] == EXPECTED[0].title
    assert rows[1]["defects"]  # lenient: recorded, never raised


def test_engine_column_names_are_understood() -> None:
    paths = [f"/crawl/{f.name}" for f in FILES]
    spark = pa.table({"path": paths, "content": [f.read_bytes() for f in FILES]})
    ray = pa.table({"bytes": [f.read_bytes() for f in FILES], "path": paths})
    for table in (spark, ray):
        assert seedcorpus.parse_arrow(table).column("id").to_pylist() == [f.stem for f in FILES]
    with pytest.raises(ValueError, match="needs a text column"):
        seedcorpus.parse_arrow(pa.table({"id": ["x"], "body": ["y"]}))


def test_parse_arrow_pickles_for_engines() -> None:
    for dumps, loads in ((cloudpickle.dumps, pickle.loads), (dill.dumps, dill.loads)):
        function = loads(dumps(seedcorpus.parse_arrow))
        assert function(raw_table()).equals(seedcorpus.parse_arrow(raw_table()))


def test_parse_arrow_under_dataset_map_and_parse_batch_agree() -> None:
    crawl = datasets.Dataset(raw_table(pa.string()))
    mapped = crawl.with_format("arrow").map(
        seedcorpus.parse_arrow, batched=True, batch_size=2, remove_columns=["text"]
    )
    assert mapped.features == seedcorpus.FEATURES
    via_batch = crawl.map(
        seedcorpus.parse_batch,
        batched=True,
        remove_columns=crawl.column_names,
        features=seedcorpus.FEATURES,
    )
    assert mapped.with_format(None).to_list() == via_batch.to_list()
    assert [seedcorpus.Article.model_validate(r) for r in via_batch] == EXPECTED


# Remote crawls


@pytest.fixture
def memory_crawl() -> str:
    """The test articles on fsspec's in-memory file system, in a folder of their own."""
    fs = fsspec.filesystem("memory")
    root = f"/crawl-{uuid.uuid4().hex}"
    for f in FILES:
        fs.pipe(f"{root}/{f.name}", f.read_bytes())
    fs.pipe(f"{root}/.hidden.txt", b"x")
    fs.pipe(f"{root}/notes.md", b"x")
    return f"memory://{root}"


def test_memory_urls_as_folder_glob_and_file(memory_crawl: str) -> None:
    assert list(seedcorpus.iter_articles(memory_crawl)) == EXPECTED
    assert list(seedcorpus.iter_articles(memory_crawl + "/*.txt")) == EXPECTED
    single = seedcorpus.Corpus(f"{memory_crawl}/h05_heat.txt")
    assert single["h05_heat"] == seedcorpus.parse_file(ARTICLES / "h05_heat.txt")
    with pytest.raises(seedcorpus.CorpusError, match="no such file or folder"):
        seedcorpus.Corpus(memory_crawl + "/missing")


def test_remote_files_are_fetched_in_batches(
    memory_crawl: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = fsspec.implementations.memory.MemoryFileSystem.cat_ranges

    def counting(self: object, paths: list[str], *args: object, **kwargs: object) -> object:
        calls.append(len(paths))
        return real(self, paths, *args, **kwargs)

    monkeypatch.setattr(remote, "FETCH_BATCH", 2)
    monkeypatch.setattr(fsspec.implementations.memory.MemoryFileSystem, "cat_ranges", counting)
    assert [a.id for a in seedcorpus.iter_articles(memory_crawl)] == [f.stem for f in FILES]
    assert calls == [2, 1, 2, 1]  # the crawl's keyword pass, then the parse
    calls.clear()
    given = seedcorpus.ParseOptions(crawl_lexicon=False)  # or a lexicon computed once
    assert len(list(seedcorpus.iter_articles(memory_crawl, options=given))) == len(FILES)
    assert calls == [2, 1]


def test_file_urls_and_storage_options(tmp_path: Path) -> None:
    shutil.copytree(ARTICLES, tmp_path / "crawl")
    url = f"file://{tmp_path / 'crawl'}"
    assert list(seedcorpus.iter_articles(url, storage_options={"auto_mkdir": False})) == EXPECTED
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "list", url, "--storage-options", "{}"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert [row.split("\t")[0] for row in result.stdout.splitlines()] == [f.stem for f in FILES]


def test_a_paths_file_is_read_instead_of_listing(tmp_path: Path, memory_crawl: str) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(FILES[0], tmp_path / "sub" / FILES[0].name)
    listing = tmp_path / "paths.lst"
    listing.write_text(
        f"# one path or URL per line\nsub/{FILES[0].name}\n\n"
        f"{memory_crawl}/{FILES[1].name}\n{memory_crawl}/{FILES[2].name}\n",
        encoding="utf-8",
    )
    assert list(seedcorpus.iter_articles(f"@{listing}")) == EXPECTED
    remote_list = f"{memory_crawl}/paths.lst"
    fsspec.filesystem("memory").pipe(
        remote_list.removeprefix("memory://"),
        "\n".join(f"{memory_crawl}/{f.name}" for f in FILES).encode(),
    )
    assert [a.id for a in seedcorpus.iter_articles(f"@{remote_list}")] == [f.stem for f in FILES]


def test_load_dataset_and_export_from_a_remote_crawl(memory_crawl: str, tmp_path: Path) -> None:
    built = seedcorpus.load_dataset(memory_crawl, cache_dir=str(tmp_path / "cache"))
    assert [seedcorpus.Article.model_validate(r) for r in built] == EXPECTED
    stream = seedcorpus.load_dataset(memory_crawl, streaming=True)
    assert [r["id"] for r in stream] == [f.stem for f in FILES]
    assert seedcorpus.export(tmp_path / "out.jsonl", memory_crawl) == 3
    assert seedcorpus.export(tmp_path / "hub", memory_crawl, output_format="hf") == 3
    loaded = datasets.load_dataset(str(tmp_path / "hub"), split="train")
    assert loaded.features == seedcorpus.FEATURES


def test_a_changed_remote_object_is_not_served_from_the_cache(
    memory_crawl: str, tmp_path: Path
) -> None:
    cache = str(tmp_path / "cache")
    first = seedcorpus.load_dataset(memory_crawl, cache_dir=cache)
    path = f"{memory_crawl.removeprefix('memory://')}/h05_heat.txt"
    fs = fsspec.filesystem("memory")
    fs.pipe(path, fs.cat_file(path).replace("الحر".encode(), "البرد".encode()))
    again = seedcorpus.load_dataset(memory_crawl, cache_dir=cache)
    assert again["title"] != first["title"]


# Fair sharding


def make_crawl(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        body = "نص الخبر. " * (1 + i % 5)
        (folder / f"a{i:03d}.txt").write_text(f"عنوان {i}\n{body}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("world_size", [2, 3, 4])
def test_num_shards_gives_every_rank_whole_disjoint_shards(tmp_path: Path, world_size: int) -> None:
    folder = make_crawl(tmp_path, 20)
    stream = seedcorpus.load_dataset(folder, streaming=True, num_shards=world_size * 2)
    assert stream.num_shards == world_size * 2
    parts = [
        [row["id"] for row in split_dataset_by_node(stream, rank=r, world_size=world_size)]
        for r in range(world_size)
    ]
    assert sorted(i for part in parts for i in part) == [f"a{i:03d}" for i in range(20)]
    assert all(parts)


def test_rank_and_world_size_give_balanced_disjoint_parts(tmp_path: Path) -> None:
    folder = make_crawl(tmp_path, 20)
    parts = [
        [r["id"] for r in seedcorpus.load_dataset(folder, streaming=True, rank=r, world_size=3)]
        for r in range(3)
    ]
    assert sorted(i for part in parts for i in part) == [f"a{i:03d}" for i in range(20)]
    assert max(map(len, parts)) - min(map(len, parts)) <= 3
    with pytest.warns(UserWarning, match="rank 1 of 2 gets no article file"):
        seedcorpus.load_dataset(ARTICLES / "h05_heat.txt", streaming=True, rank=1, world_size=2)
    with pytest.raises(ValueError, match="streaming=True only"):
        seedcorpus.load_dataset(folder, num_shards=2)


def test_balanced_groups_are_contiguous_and_never_empty() -> None:
    from seedcorpus.crawl.sharding import balanced_groups

    assert balanced_groups([1] * 7, 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert balanced_groups([10, 1, 1, 1, 1, 10], 2) == [[0, 1, 2], [3, 4, 5]]
    assert balanced_groups([1, 1], 4) == [[0], [1]]


# Ids for partitioned crawls


def test_a_crawl_laid_out_by_date_gets_relative_ids(tmp_path: Path) -> None:
    for part in ("2023/01", "2024/01"):
        (tmp_path / part).mkdir(parents=True)
        shutil.copy(FILES[0], tmp_path / part / "0001.txt")
    with pytest.raises(seedcorpus.CorpusError, match="id_rule='relative'"):
        seedcorpus.Corpus(tmp_path)
    options = seedcorpus.ParseOptions(id_rule="relative")
    corpus = seedcorpus.Corpus(tmp_path, options=options)
    assert corpus.ids == ["2023/01/0001", "2024/01/0001"]
    assert corpus["2024/01/0001"].id == "2024/01/0001"
    built = seedcorpus.load_dataset(tmp_path, options=options, cache_dir=str(tmp_path / ".c"))
    assert built["id"] == corpus.ids
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "list", str(tmp_path), "--id-rule", "relative"],
        capture_output=True,
        text=True,
    )
    assert [row.split("\t")[0] for row in result.stdout.splitlines()] == corpus.ids
    assert list_articles(tmp_path, options=options)[0].id == "2023/01/0001"
