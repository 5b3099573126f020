"""A stream's memory does not grow with the crawl (issue 21): the mechanisms, not a timing.

Streaming RSS is benchmarked (``benchmarks/run.py``); here each thing that used to grow with
the crawl is checked to be gone: ``datasets``' dict per shard (``LazyShards`` reads a range of
shards, one at a time, with ``ExamplesIterable``'s rows, order, splits and state), a pair
counter per source in the keyword pass, the lexicon's JSON text kept for its digest, and a
string per file and per id in the listing (``Names`` holds one text each).
"""

from __future__ import annotations

import gc
import pickle
import tracemalloc
from pathlib import Path
from typing import Any

import datasets
import numpy as np
import pytest
from datasets.distributed import split_dataset_by_node
from datasets.iterable_dataset import ExamplesIterable

import crawlsim
import seedcorpus
from seedcorpus.crawl.names import Names
from seedcorpus.hf.shards import LazyShards, picked_shards


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    found = tmp_path_factory.mktemp("stream")
    crawlsim.ordered_crawl(found, 13, seed=3, vocabulary_seed=4)
    return found


def ids(iterable: Any) -> list[str]:
    return [row["id"] for _, row in iterable]


def lazy_and_plain(folder: Path) -> tuple[datasets.IterableDataset, LazyShards, ExamplesIterable]:
    """A stream, its ``LazyShards`` and the ``ExamplesIterable`` datasets would have made."""
    stream = seedcorpus.load_dataset(folder, streaming=True)
    lazy = stream._ex_iterable
    assert isinstance(lazy, LazyShards)
    plain = ExamplesIterable(
        lazy.generate_examples_fn, {**lazy.kwargs, "shards": list(lazy.shards)}
    )
    return stream, lazy, plain


def test_a_stream_holds_its_shards_as_a_range_and_never_splits_them_into_dicts(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def per_shard_dicts(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a dict per shard was made")

    monkeypatch.setattr(datasets.iterable_dataset, "_split_gen_kwargs", per_shard_dicts)
    stream = seedcorpus.load_dataset(folder, streaming=True)
    assert stream.n_shards == 13
    assert stream._ex_iterable.shards == range(13)  # nothing per file
    assert len(list(stream)) == 13
    ranks = [split_dataset_by_node(stream, rank=r, world_size=13) for r in range(13)]
    assert [len(list(rank)) for rank in ranks] == [1] * 13  # whole shards dealt, no dict made
    worker = stream._ex_iterable.shard_data_sources(4, 1, contiguous=False)
    assert worker.shards == range(1, 13, 4)
    assert len(list(stream.shuffle(seed=1, buffer_size=4))) == 13


def test_lazy_shards_read_what_examples_iterable_reads(folder: Path) -> None:
    _, lazy, plain = lazy_and_plain(folder)
    assert lazy.num_shards == plain.num_shards == 13
    assert ids(lazy) == ids(plain)
    for num_shards, index, contiguous in [
        (3, 0, True),
        (3, 2, False),
        (4, 3, True),
        (13, 5, False),
    ]:
        mine = lazy.shard_data_sources(num_shards, index, contiguous)
        theirs = plain.shard_data_sources(num_shards, index, contiguous)
        assert mine.num_shards == theirs.num_shards
        assert ids(mine) == ids(theirs)
    generator = np.random.default_rng(7)
    shuffled, reference = (it.shuffle_data_sources(generator) for it in (lazy, plain))
    assert ids(shuffled) == ids(reference)
    assert ids(shuffled.shard_data_sources(2, 1, False)) == ids(
        reference.shard_data_sources(2, 1, False)
    )
    assert ids(lazy.reshard_data_sources()) == ids(plain)


def test_lazy_shards_resume_from_an_examples_iterable_state(folder: Path) -> None:
    _, lazy, plain = lazy_and_plain(folder)
    every = ids(plain)
    assert lazy._init_state_dict() == plain._init_state_dict()
    rows = iter(plain)
    for _ in range(5):
        next(rows)
    lazy.load_state_dict(plain.state_dict())
    assert ids(lazy) == every[5:]


def test_ranks_and_workers_split_a_stream_as_before(folder: Path) -> None:
    stream, _, plain = lazy_and_plain(folder)
    reference = datasets.IterableDataset(plain, info=stream.info, split=stream.split)
    for world_size in (1, 2, 13):  # shards dealt whole (13) and examples dealt (2)
        for rank in range(world_size):
            mine = split_dataset_by_node(stream, rank=rank, world_size=world_size)
            theirs = split_dataset_by_node(reference, rank=rank, world_size=world_size)
            assert [r["id"] for r in mine] == [r["id"] for r in theirs]


def test_picked_shards_keeps_a_range_a_range() -> None:
    assert picked_shards(range(10), [2, 5, 8]) == range(2, 9, 3)
    assert picked_shards(range(10), [4]) == range(4, 5)
    assert picked_shards(list(range(10)), [1, 2, 3]) == [1, 2, 3]
    assert picked_shards(range(10), [1, 2, 7]) == [1, 2, 7]
    assert picked_shards(range(0), [0]) == range(0)


def test_an_empty_rank_streams_nothing_from_its_one_empty_shard(folder: Path) -> None:
    with pytest.warns(UserWarning, match="gets no article file"):
        stream = seedcorpus.load_dataset(folder, streaming=True, rank=20, world_size=21)
    assert stream.n_shards == 1
    assert list(stream) == []


def test_a_lexicon_digest_keeps_no_json_text(folder: Path) -> None:
    lexicon = seedcorpus.keyword_lexicon(folder)
    digest = lexicon.digest
    assert "_json" not in lexicon.__dict__
    text = lexicon.to_json()
    assert seedcorpus.KeywordLexicon.from_json(text).digest == digest


def test_names_read_as_a_list_of_strings() -> None:
    items = ["a/b.txt", "", "ج/د.txt", "x"]
    names = Names(items)
    assert len(names) == 4
    assert list(names) == items
    assert names == items
    assert items == names
    assert [names[i] for i in range(-4, 4)] == items + items
    assert names[1:3] == items[1:3]
    assert isinstance(names[::2], Names)
    assert names[::-1] == items[::-1]
    assert names != items[:3]
    assert names != tuple(items)
    assert names == Names(items)
    assert "x" in names
    assert names.index("ج/د.txt") == 2
    assert repr(names) == repr(items)
    assert pickle.loads(pickle.dumps(names)) == items
    with pytest.raises(IndexError):
        names[4]
    with pytest.raises(TypeError):
        hash(names)
    assert Names() == []
    assert list(Names()) == []


def test_a_listing_holds_no_string_per_file(tmp_path: Path) -> None:
    count = 2_000
    for i in range(count):
        (tmp_path / f"{i:05d}.txt").write_text("x", encoding="utf-8")
    seedcorpus.Crawl.of(tmp_path)  # anything cached once per process, made before the count
    gc.collect()
    tracemalloc.start()
    try:
        crawl = seedcorpus.Crawl.of(tmp_path)
        gc.collect()
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(crawl.files, Names)
    assert isinstance(crawl.ids, Names)
    assert isinstance(crawl.select([3, 1]).files, Names)
    chars = sum(map(len, crawl.files)) + sum(map(len, crawl.ids))
    # A string per file and id (about 50 bytes of header each) would be 200 kB over this.
    assert held < chars + 2 * 8 * count + 50_000, (held, chars)
