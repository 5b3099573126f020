"""The datatrove reader gets every input guarantee of the library: it lists through ``Crawl``.

Regular files only (a FIFO never hangs a task), the one symlink rule, undecodable names skipped
and named (never a pydantic ``ValidationError``), ids by ``id_root`` equal to a folder's,
duplicate and null ids refused, and tasks balanced by count.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import seedcorpus

pytest.importorskip("datatrove", reason="the seedcorpus[datatrove] extra is not installed")
from datatrove.data import Document

from seedcorpus.integrations.datatrove import RAW_KEY, ArticleReader, ParseArticles

ARTICLE = "عنوان الخبر\nتاريخ النشر: 24/09/2023\nنص الخبر.\n"


def documents(reader: ArticleReader, rank: int = 0, world_size: int = 1) -> list[Document]:
    return list(reader.run(rank=rank, world_size=world_size))


def test_reader_ids_equal_the_folders_for_one_id_root(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    for month in ("2023/01", "2023/02"):
        (crawl / month).mkdir(parents=True)
        (crawl / month / "0001.txt").write_text(ARTICLE, "utf-8")
    (crawl / "paths.lst").write_text("2023/02/0001.txt\n2023/01/0001.txt\n", "utf-8")
    options = seedcorpus.ParseOptions(id_root=str(crawl))
    expected = seedcorpus.Crawl.of(crawl, options).ids
    assert expected == ["2023/01/0001", "2023/02/0001"]
    readers = [
        ArticleReader(str(crawl), options=options),
        ArticleReader(str(crawl / "2023"), options=options),
        ArticleReader(f"file://{crawl}", options=options),
        ArticleReader(str(crawl), paths_file=str(crawl / "paths.lst"), options=options),
        ArticleReader(seedcorpus.Crawl.of(crawl, options)),
    ]
    for reader in readers:
        assert [d.id for d in documents(reader)] == expected


def test_reader_tasks_are_balanced_by_count(tmp_path: Path) -> None:
    for i in range(7):
        (tmp_path / f"a{i}.txt").write_text(ARTICLE + "x" * (4000 if i == 0 else 0), "utf-8")
    reader = ArticleReader(str(tmp_path))
    assert [len(documents(reader, r, 3)) for r in range(3)] == [3, 2, 2]


def test_reader_refuses_duplicate_ids_naming_both_files(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(ARTICLE, "utf-8")
    with pytest.raises(seedcorpus.CorpusError, match=r"two files have the id 'same'.*x/same"):
        documents(ArticleReader(str(tmp_path)))


def test_reader_skips_fifos_links_out_and_undecodable_names_without_hanging(
    tmp_path: Path,
) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "good.txt").write_text(ARTICLE, "utf-8")
    os.mkfifo(crawl / "pipe.txt")
    (tmp_path / "secret.txt").write_text("سر\n", "utf-8")
    (crawl / "passwd.txt").symlink_to(tmp_path / "secret.txt")
    with open(os.path.join(os.fsencode(crawl), b"name\xfe.txt"), "wb") as handle:
        handle.write(ARTICLE.encode())
    code = f"""
        import warnings
        from seedcorpus.integrations.datatrove import ArticleReader, ParseArticles
        reader = ArticleReader({str(crawl)!r})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            docs = list(ParseArticles().run(reader.run(rank=0, world_size=1)))
        print([d.id for d in docs], reader.stats["skipped"].total)
        print(sorted(str(w.message).split(":")[0] for w in caught))
        """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "ValidationError" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "['good'] 3"
    assert "3 entries of" in lines[1]


def test_a_null_id_never_becomes_none_and_duplicates_are_refused() -> None:
    step = ParseArticles()
    nameless = Document(text=ARTICLE, id=None, metadata={"file_path": "x.txt"})
    with pytest.raises(seedcorpus.CorpusError, match=r"x\.txt: the document has no id"):
        list(step.run(iter([nameless])))
    twins = [
        Document(text=ARTICLE, id="a", metadata={"file_path": f"{n}/a.txt", RAW_KEY: False})
        for n in ("p", "q")
    ]
    with pytest.raises(seedcorpus.CorpusError, match=r"two files have the id 'a': p/a.txt and q"):
        list(step.run(iter(twins)))


def test_reader_honours_skip_and_limit_per_task(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"a{i}.txt").write_text(ARTICLE, "utf-8")
    reader = ArticleReader(str(tmp_path), skip=1, limit=2)
    assert [d.id for d in documents(reader, 0, 2)] == ["a1", "a2"]
    assert [d.id for d in documents(reader, 1, 2)] == ["a4", "a5"]


def test_a_remote_paths_file_names_no_local_file_beside_a_local_data_folder(
    tmp_path: Path,
) -> None:
    import fsspec

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "secret.txt").write_text("not an article\n", "utf-8")
    memory = fsspec.filesystem("memory")
    for name, entry in (("abs", str(tmp_path / "secret.txt")), ("rel", "../secret.txt")):
        memory.pipe(f"/lists/{name}.txt", f"{entry}\n".encode())
        reader = ArticleReader(str(crawl), paths_file=f"memory:///lists/{name}.txt")
        with pytest.raises(seedcorpus.CorpusError, match="may not name local files"):
            documents(reader)


def test_a_pipeline_given_a_lexicon_in_its_options_runs_under_the_executor(
    tmp_path: Path,
) -> None:
    # The documented way to share one lexicon: ParseOptions(lexicon=...). datatrove's executor
    # writes its steps as JSON first; a lexicon must not break that (its pairs have tuple keys).
    from datatrove.executor import LocalPipelineExecutor

    from seedcorpus.integrations.datatrove import ArticleWriter

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    for i in range(4):
        (crawl / f"a{i}.txt").write_text(
            f"عنوان {i}\nتاريخ النشر: 24 سبتمبر 2023\nنص.\nكلمات دلالية: مصر الاقتصاد\n", "utf-8"
        )
    options = seedcorpus.ParseOptions(lexicon=seedcorpus.keyword_lexicon(crawl))
    out = tmp_path / "out"
    steps = [ArticleReader(str(crawl), options=options), ParseArticles(options=options)]
    LocalPipelineExecutor(
        pipeline=[*steps, ArticleWriter(str(out))], tasks=1, logging_dir=str(tmp_path / "logs")
    ).run()
    assert sorted(p.name for p in out.glob("**/*.parquet"))
    assert "KeywordLexicon(" in (tmp_path / "logs" / "executor.json").read_text("utf-8")
