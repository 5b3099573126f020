"""Parallel and compact builds (issue 21): the same lexicon, keys and rows from any split.

The keyword pass counted in worker processes (alone, or on the key's read of every file), the
key's digests hashed in worker processes, a crawl and builder pickled compactly, and tables
built column by column must all give what one process, row by row, gives.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import crawlsim
import seedcorpus
from conftest import ARTICLES
from seedcorpus.crawl import counting, digests
from seedcorpus.crawl.corpus import crawl_lexicon, read_all
from seedcorpus.hf import builder as hf_builder
from seedcorpus.hf import dataset as hf
from seedcorpus.parse.lexicon_counts import LexiconCounter, order_every_for
from seedcorpus.parse.tag_lines import tag_line_of

OPTIONS = seedcorpus.ParseOptions()


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> seedcorpus.Crawl:
    folder = tmp_path_factory.mktemp("ordered")
    crawlsim.ordered_crawl(folder, 300, seed=105, vocabulary_seed=206)
    return seedcorpus.Crawl.of(folder)


def one_counter(listing: seedcorpus.Crawl) -> seedcorpus.KeywordLexicon:
    """The lexicon as one plain counter makes it, every file in turn."""
    counter = LexiconCounter(order_every=order_every_for(len(listing.files)))
    for _, _, data in read_all(listing, OPTIONS):
        assert not isinstance(data, seedcorpus.CorpusError)
        counter.add(*tag_line_of(data))
    return counter.lexicon()


def test_chunked_and_parallel_counting_give_the_lexicon_one_counter_gives(
    crawl: seedcorpus.Crawl, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = one_counter(crawl)
    assert expected.stable_sources or expected.word_sources  # conventions are learnt here
    monkeypatch.setattr(counting, "MIN_FILES_PER_PROCESS", 10)
    for processes in (1, 2, 3):
        found = crawl_lexicon(crawl, OPTIONS, processes)
        assert found == expected
        assert found.to_json() == expected.to_json()


def test_shared_keys_are_one_object_per_token_and_pair(crawl: seedcorpus.Crawl) -> None:
    total = counting.count_part(crawl, OPTIONS, read_all, 1)
    assert len(total.sources) > 1  # pairs of several sources, counted once together
    assert not any(hasattr(counts, "pairs") for counts in total.sources.values())
    pairs = [
        *total.pairs,
        *(k for c in total.sources.values() for k in (*c.order, *c.held_pairs)),
    ]
    tokens = [token for pair in pairs for token in pair] + [
        token
        for counts in total.sources.values()
        for counter in (counts.tokens, counts.held_tokens, counts.ends, counts.starts)
        for token in counter
    ]
    assert len({id(token) for token in tokens}) == len(set(tokens))  # one str per token
    assert len({id(pair) for pair in total.pairs}) == len(total.pairs)


def test_a_counter_pickles_its_counts_without_its_token_table(crawl: seedcorpus.Crawl) -> None:
    total = counting.count_part(crawl, OPTIONS, read_all, 1)
    assert total.token_copies
    copy = pickle.loads(pickle.dumps(total))
    assert copy.token_copies == {}
    assert (copy.sources, copy.pairs) == (total.sources, total.pairs)
    assert copy.lexicon().to_json() == total.lexicon().to_json()


def test_parallel_hashing_gives_the_serial_digests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for i in range(12):
        file = tmp_path / f"a{i}.txt"
        file.write_text(f"نص {i}", encoding="utf-8")
        files.append(str(file))
    statuses = digests.snapshot(files, 1 << 20)
    monkeypatch.setattr(digests, "MIN_HASHES_PER_PROCESS", 2)
    parallel = digests.file_digests(files, statuses, None, processes=2)
    assert parallel == [digests.file_digest(f) for f in files]


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_hashing_and_counting_on_one_read_give_what_each_gives_alone(
    crawl: seedcorpus.Crawl, processes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counting, "MIN_FILES_PER_PROCESS", 10)
    found, lexicon = counting.hash_and_count(crawl, OPTIONS, processes)
    assert found == [digests.file_digest(f) for f in crawl.files]
    assert lexicon.to_json() == one_counter(crawl).to_json()


def test_a_cold_build_counts_the_keyword_pass_on_the_key_s_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from seedcorpus.crawl import corpus

    folder = tmp_path / "in"
    crawlsim.ordered_crawl(folder, 40, seed=105, vocabulary_seed=206)
    for file in folder.iterdir():
        os.utime(file, ns=(0, 10**9))  # long before the store is written: not racy
    expected = seedcorpus.load_dataset(folder, cache_dir=str(tmp_path / "apart")).to_list()
    assert len(expected) == 40
    monkeypatch.setattr(corpus, "crawl_counts", lambda *_: pytest.fail("a second read"))
    built = seedcorpus.load_dataset(folder, cache_dir=str(tmp_path / "once"))
    assert built.to_list() == expected
    # Some digests remembered: only the rest is hashed, and the pass reads the crawl itself.
    monkeypatch.undo()
    edited = sorted(folder.iterdir())[0]
    edited.write_bytes(edited.read_bytes() + b"\n")
    hashed: list[list[str]] = []
    plain = digests.hashed_files

    def spy(files: list[str], processes: int) -> list[str]:
        hashed.append(files)
        return plain(files, processes)

    monkeypatch.setattr(corpus, "hashed_files", spy)
    again = seedcorpus.load_dataset(folder, cache_dir=str(tmp_path / "once"))
    assert hashed == [[str(edited)]]
    assert len(again) == 40


def test_the_heap_is_frozen_only_while_workers_are_forked() -> None:
    import gc

    from seedcorpus.crawl.sharding import frozen_heap

    with frozen_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    with frozen_heap(active=False):
        assert gc.get_freeze_count() == 0


def test_a_build_collects_young_garbage_less_often_and_restores_the_thresholds(
    crawl: seedcorpus.Crawl, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import gc

    from seedcorpus.crawl import sharding

    seen: dict[str, list[tuple[int, ...]]] = {"pass": [], "build": []}
    real = sharding.bulk_collection

    def watched(label: str) -> Callable[[], contextlib.AbstractContextManager[None]]:
        @contextlib.contextmanager
        def watch() -> Iterator[None]:
            with real():
                seen[label].append(gc.get_threshold())
                yield

        return watch

    before = gc.get_threshold()
    monkeypatch.setattr(counting, "bulk_collection", watched("pass"))
    monkeypatch.setattr(hf_builder, "bulk_collection", watched("build"))
    seedcorpus.load_dataset(crawl, cache_dir=str(tmp_path / "cache"), num_proc=1)
    assert seen["pass"]  # the hashing and counting pass
    assert seen["build"]  # the build's tables
    raised = (max(before[0], sharding.BULK_YOUNG_THRESHOLD), *before[1:])
    assert all(t == raised for t in seen["pass"] + seen["build"])
    assert gc.get_threshold() == before


def test_overlapping_bulk_parses_restore_the_callers_thresholds() -> None:
    import gc

    from seedcorpus.crawl.sharding import BULK_YOUNG_THRESHOLD, bulk_collection

    before = gc.get_threshold()
    first, second = bulk_collection(), bulk_collection()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # not last in, first out (threads, interleaved calls)
    assert gc.get_threshold()[0] == max(before[0], BULK_YOUNG_THRESHOLD)
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before


def test_a_build_failing_in_datasets_leaves_the_collector_as_it_was(
    crawl: seedcorpus.Crawl, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import gc

    import datasets.arrow_writer

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    before = gc.get_threshold()
    monkeypatch.setattr(datasets.arrow_writer.ArrowWriter, "write_table", full_disk)
    with pytest.raises(Exception, match="No space left") as failed:
        seedcorpus.load_dataset(crawl, cache_dir=str(tmp_path / "cache"), num_proc=1)
    assert gc.get_threshold() == before  # while the failure (and its traceback) is still held
    del failed


def test_a_heap_the_caller_froze_stays_frozen() -> None:
    import gc

    from seedcorpus.crawl.sharding import frozen_heap

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with frozen_heap():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_crawl_pickles_without_its_memo_and_with_its_names(crawl: seedcorpus.Crawl) -> None:
    crawl.digests()
    copy = pickle.loads(pickle.dumps(crawl))
    assert (copy.files, copy.ids, copy.root, copy.options) == (
        crawl.files,
        crawl.ids,
        crawl.root,
        crawl.options,
    )
    assert copy._memo == {}
    empty = pickle.loads(pickle.dumps(seedcorpus.Crawl([], [], ".")))
    assert (empty.files, empty.ids) == ([], [])


def test_a_builder_pickles_its_digests_and_shards_are_indexes(
    crawl: seedcorpus.Crawl, tmp_path: Path
) -> None:
    built = hf.builder(listing=crawl, cache_dir=str(tmp_path))
    copy = pickle.loads(pickle.dumps(built))
    assert copy.digests == built.digests == crawl.digests()
    assert copy.files == copy.crawl.files == crawl.files  # pickled once, with the crawl
    assert "files" not in built.__getstate__()
    (generator,) = built._split_generators(None)
    assert generator.gen_kwargs["shards"] == list(range(len(crawl)))
    assert isinstance(built, hf_builder.Seedcorpus)


def test_a_parallel_build_s_forked_workers_take_the_options_from_memory(
    crawl: seedcorpus.Crawl, tmp_path: Path
) -> None:
    import dill

    built = hf.builder(listing=crawl, cache_dir=str(tmp_path))
    built.options = seedcorpus.crawl.corpus.with_crawl_lexicon(crawl, built.options)
    lexicon = built.options.lexicon
    assert isinstance(lexicon, seedcorpus.KeywordLexicon)
    whole = dill.dumps(built)
    assert lexicon.to_json().encode() in whole
    with built.forked():
        packed = dill.dumps(built)
        assert lexicon.to_json().encode() not in packed
        assert dill.loads(packed).options is built.options
    assert hf_builder._FORKED_OPTIONS == {}
    assert built.forked_key is None
    assert dill.loads(whole).options == built.options  # pickled whole outside a build


def test_two_processes_build_the_rows_one_process_builds(
    crawl: seedcorpus.Crawl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counting, "MIN_FILES_PER_PROCESS", 10)
    one = seedcorpus.load_dataset(crawl, cache_dir=str(tmp_path / "one"), num_proc=1)
    fresh = seedcorpus.Crawl.of(crawl.root)  # its own keyword pass, counted in two processes
    two = seedcorpus.load_dataset(fresh, cache_dir=str(tmp_path / "two"), num_proc=2)
    assert two.to_list() == one.to_list()
    assert hf.processes_for(5_000, None) >= 1
    assert hf.processes_for(10, 3) == 3


def test_the_key_hashes_the_bytes_it_hashed_pair_by_pair() -> None:
    import hashlib
    import os

    names, found = ["a", "ب/ج", "x\udcff"], ["d1", "d2", "d3"]
    total = hashlib.sha256(b"salt\0")
    for name, digest in zip(names, found, strict=True):
        total.update(os.fsencode(name) + b"\0" + digest.encode())
    assert digests.combine("salt", names, found) == total.hexdigest()[:16]


def test_a_reload_compares_the_compact_store_in_bulk_and_hashes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    files = []
    for i in range(5):
        file = tmp_path / "in" / f"a{i}.txt"
        file.parent.mkdir(exist_ok=True)
        file.write_text(f"نص {i}", encoding="utf-8")
        os.utime(file, ns=(0, 10**9))  # long before the store is written: not racy
        files.append(str(file))
    store = str(tmp_path / "store")
    first = digests.file_digests(files, digests.snapshot(files, 1 << 20), store)
    monkeypatch.setattr(digests, "file_digest", lambda _: pytest.fail("hashed on a reload"))
    assert digests.file_digests(files, digests.snapshot(files, 1 << 20), store) == first
    assert digests.file_digests(files[:3], digests.snapshot(files[:3], 1 << 20), store) == first[:3]


def test_rows_written_as_arrow_tables_are_the_records_dumps(tmp_path: Path) -> None:
    """Every row, built or streamed, equals the dump of ``Article.model_validate`` of it."""
    from conftest import REPO

    seeds = seedcorpus.Crawl.of(REPO / "fuzz" / "seeds")  # every section and defect code
    articles = list(seedcorpus.iter_articles(seeds))
    expected = [a.model_dump() for a in articles]
    built = seedcorpus.load_dataset(seeds, cache_dir=str(tmp_path), text_column=True)
    rows = built.to_list()
    assert [{k: v for k, v in r.items() if k != "text"} for r in rows] == expected
    assert [r["text"] for r in rows] == [a.text for a in articles]
    for row, article in zip(rows, articles, strict=True):
        row.pop("text")
        assert seedcorpus.Article.model_validate(row).model_dump() == article.model_dump()
    streamed = list(seedcorpus.load_dataset(seeds, streaming=True, with_path=True))
    assert [r.pop("path") for r in streamed] == seeds.files
    assert streamed == expected


@pytest.mark.parametrize(("text", "with_path"), [(False, False), (True, True)])
def test_tables_built_column_by_column_are_the_tables_of_the_rows(
    text: bool, with_path: bool
) -> None:
    import pyarrow as pa

    from conftest import REPO
    from seedcorpus.hf.schema import article_to_row, records_table
    from seedcorpus.hf.views import row_features

    seeds = seedcorpus.Crawl.of(REPO / "fuzz" / "seeds")  # every section and defect code
    articles = list(seedcorpus.iter_articles(seeds))
    assert any(a.defects for a in articles)
    assert any(a.read_also for a in articles)
    schema = row_features(text, with_path).arrow_schema
    rows = [article_to_row(a, text=text) for a in articles]
    for row, file in zip(rows, seeds.files, strict=True):
        if with_path:
            row["path"] = file
    paths = seeds.files if with_path else None
    table = records_table(articles, schema, text=text, paths=paths)
    assert table.equals(pa.Table.from_pylist(rows, schema=schema))
    assert table.schema.metadata == schema.metadata


@pytest.mark.parametrize("num_proc", [0, -1])
def test_fewer_than_one_process_is_refused(tmp_path: Path, num_proc: int) -> None:
    with pytest.raises(ValueError, match="1 or more"):
        seedcorpus.load_dataset(ARTICLES, cache_dir=str(tmp_path), num_proc=num_proc)
