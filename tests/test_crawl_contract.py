"""A crawl as a contract: one Crawl shared by every entry point, ids that do not depend on how
the crawl is named, count-balanced shards, and every input guarantee on every surface.

The surfaces are a local folder or glob, a ``file://`` URL, another fsspec URL (``memory://``),
a paths file (local or remote), the datatrove reader and a ``parse_arrow`` path column.
"""

from __future__ import annotations

import functools
import importlib.util
import operator
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pyarrow as pa
import pytest
from datasets.distributed import split_dataset_by_node

import seedcorpus
from seedcorpus.crawl import digests, listing, walk
from seedcorpus.crawl.sharding import count_groups
from seedcorpus.training.splits import split_of_id

ARTICLE = "عنوان الخبر\nتاريخ النشر: 24/09/2023\nنص الخبر.\n"
RELATIVE = seedcorpus.ParseOptions(id_rule="relative")


def article(tag: str) -> str:
    return ARTICLE.replace("الخبر", f"الخبر {tag}")


def month_crawl(root: Path, months: list[str], per_month: int = 3) -> list[Path]:
    """A crawl laid out by date, where every month reuses the same file names."""
    files = []
    for month in months:
        (root / month).mkdir(parents=True, exist_ok=True)
        for i in range(per_month):
            file = root / month / f"{i:04d}.txt"
            file.write_text(article(f"{month} {i}"), encoding="utf-8")
            files.append(file)
    return files


def paths_file(where: Path, files: list[Path], relative_to: Path | None = None) -> Path:
    lines = [str(f.relative_to(relative_to)) if relative_to else str(f) for f in files]
    where.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


def ids_of(path: object, options: seedcorpus.ParseOptions) -> list[str]:
    return list(seedcorpus.Crawl.of(path, options).ids)  # type: ignore[arg-type]


def aged(files: list[Path]) -> None:
    for file in files:
        status = file.stat()
        os.utime(file, ns=(status.st_atime_ns, status.st_mtime_ns - 60 * 10**9))


def run_python(code: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def memory_root() -> Iterator[str]:
    root = f"/crawl-{uuid.uuid4().hex}"
    yield root
    fs = fsspec.filesystem("memory")
    if fs.exists(root):
        fs.rm(root, recursive=True)


# Ids as a contract (issue 18, point 2)


def test_ids_are_equal_across_folder_glob_paths_file_url_and_path_column(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    files = month_crawl(crawl, ["2023/01", "2023/02"])
    options = seedcorpus.ParseOptions(id_root=str(crawl))
    expected = [f"2023/{m}/{i:04d}" for m in ("01", "02") for i in range(3)]
    lists = tmp_path / "lists"
    lists.mkdir()
    assert ids_of(crawl, options) == expected
    assert ids_of(crawl / "2023", options) == expected
    assert ids_of(str(crawl / "2023" / "*" / "*.txt"), options) == expected
    assert ids_of(str(crawl / "**" / "*.txt"), options) == expected
    assert ids_of(f"@{paths_file(lists / 'abs.lst', files)}", options) == expected
    rel = paths_file(crawl / "2023" / "rel.lst", files, relative_to=crawl / "2023")
    assert ids_of(f"@{rel}", options) == expected
    assert ids_of(f"file://{crawl}", options) == expected
    assert ids_of(f"file://{crawl}/2023/*/*.txt", options) == expected
    for prefix in ("", "file:", "file://"):  # Ray's plain paths, Spark's file:/ URIs, URLs
        table = pa.table(
            {"path": [f"{prefix}{f}" for f in files], "content": [f.read_bytes() for f in files]}
        )
        assert seedcorpus.parse_arrow(table, options).column("id").to_pylist() == expected
    # A folder reached through a symlink is the same folder.
    (tmp_path / "alias").symlink_to(crawl)
    assert ids_of(tmp_path / "alias" / "2023", options) == expected


def test_ids_under_a_url_id_root_are_the_same_for_folder_glob_and_paths_file(
    memory_root: str,
) -> None:
    fs = fsspec.filesystem("memory")
    for name in ("2023/01/0001.txt", "2023/02/0001.txt"):
        fs.pipe(f"{memory_root}/{name}", article(name).encode())
    fs.pipe(f"{memory_root}/lists/all.lst", b"../2023/01/0001.txt\n../2023/02/0001.txt\n")
    url = f"memory://{memory_root}"
    options = seedcorpus.ParseOptions(id_root=url)
    expected = ["2023/01/0001", "2023/02/0001"]
    assert ids_of(url, options) == expected
    assert ids_of(f"{url}/2023/*/*.txt", options) == expected
    assert ids_of(f"@{url}/lists/all.lst", options) == expected
    read = seedcorpus.iter_articles(f"@{url}/lists/all.lst", options=options)
    assert [a.title for a in read] == [
        f"عنوان الخبر {n}" for n in ("2023/01/0001.txt", "2023/02/0001.txt")
    ]


def test_a_file_outside_id_root_is_a_clear_error(tmp_path: Path) -> None:
    month_crawl(tmp_path / "crawl", ["2023/01"])
    other = month_crawl(tmp_path / "other", ["x"])
    options = seedcorpus.ParseOptions(id_root=str(tmp_path / "crawl"))
    with pytest.raises(seedcorpus.CorpusError, match="lies outside id_root"):
        seedcorpus.Crawl.of(tmp_path / "other", options)
    with pytest.raises(seedcorpus.CorpusError, match="lies outside id_root"):
        seedcorpus.Crawl.of(f"@{paths_file(tmp_path / 'p.lst', other)}", options)
    table = pa.table({"path": [str(other[0])], "text": [ARTICLE]})
    with pytest.raises(seedcorpus.CorpusError, match="lies outside id_root"):
        seedcorpus.parse_arrow(table, options)
    relative_without_root = pa.table({"path": [str(other[0])], "text": [ARTICLE]})
    with pytest.raises(ValueError, match=r"need ParseOptions\(id_root=...\)"):
        seedcorpus.parse_arrow(relative_without_root, RELATIVE)


def test_adding_a_month_changes_no_id_and_moves_no_article_between_splits(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    first = month_crawl(crawl, ["2023/02", "2023/03"], per_month=12)
    added = month_crawl(crawl, ["2023/01"], per_month=12)  # an earlier month, listed later
    listed = crawl / "paths.lst"
    for options in (RELATIVE, seedcorpus.ParseOptions(id_root=str(crawl))):
        before = seedcorpus.load_dataset(
            f"@{paths_file(listed, first, relative_to=crawl)}",
            options=options,
            split=None,
            split_by="id",
            streaming=True,
        )
        membership = {row["id"]: name for name, part in before.items() for row in part}
        assert len(membership) == 24
        after = seedcorpus.load_dataset(
            f"@{paths_file(listed, first + added, relative_to=crawl)}",
            options=options,
            split=None,
            split_by="id",
            streaming=True,
        )
        moved = {row["id"]: name for name, part in after.items() for row in part}
        assert {i: moved[i] for i in membership} == membership
        assert set(moved) - set(membership) == {f"2023/01/{i:04d}" for i in range(12)}
        assert all(split_of_id(i) == split for i, split in moved.items())


def test_duplicate_ids_are_refused_naming_both_paths(tmp_path: Path) -> None:
    files = month_crawl(tmp_path / "crawl", ["a", "b"], per_month=1)
    table = pa.table({"path": [str(f) for f in files], "content": [f.read_bytes() for f in files]})
    with pytest.raises(ValueError, match=r"two rows have the id '0000'.*a/0000.txt.*b/0000.txt"):
        seedcorpus.parse_arrow(table)
    batches = iter(table.to_batches(max_chunksize=1))  # Spark's mapInArrow: one call, many batches
    with pytest.raises(ValueError, match="two rows have the id '0000'"):
        list(seedcorpus.parse_arrow(batches))
    with pytest.raises(seedcorpus.CorpusError, match=r"two files have the id '0000'.*a/0000"):
        seedcorpus.Crawl.of(tmp_path / "crawl")
    with pytest.raises(ValueError, match="two rows have the id 'x'"):
        seedcorpus.parse_arrow(pa.table({"id": ["x", "x"], "text": [ARTICLE, ARTICLE]}))


# One Crawl, shared by every entry point (issue 18, point 5)


def test_every_entry_point_takes_a_crawl(tmp_path: Path) -> None:
    crawl_dir = tmp_path / "crawl"
    month_crawl(crawl_dir, ["2023/01"])
    crawl = seedcorpus.Crawl.of(crawl_dir, RELATIVE)
    expected = ["2023/01/0000", "2023/01/0001", "2023/01/0002"]
    assert crawl.ids == expected
    assert [a.id for a in seedcorpus.iter_articles(crawl)] == expected
    assert seedcorpus.Corpus(crawl)["2023/01/0001"].title == "عنوان الخبر 2023/01 1"
    built = seedcorpus.load_dataset(crawl, cache_dir=str(tmp_path / "cache"))
    assert built["id"] == expected
    assert [r["id"] for r in seedcorpus.load_dataset(crawl, streaming=True)] == expected
    assert seedcorpus.export(tmp_path / "out.jsonl", crawl) == 3
    with pytest.raises(ValueError, match="other id options"):
        seedcorpus.iter_articles(crawl, options=seedcorpus.ParseOptions())


def test_one_load_dataset_call_lists_stats_and_hashes_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "crawl"
    month_crawl(folder, ["2023/01"], per_month=4)
    cache = str(tmp_path / "cache")
    seedcorpus.load_dataset(folder, cache_dir=cache)  # cold
    calls: dict[str, int] = {"discover": 0, "snapshot": 0, "file_digests": 0}

    def counting(module: object, name: str) -> None:
        real = getattr(module, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            calls[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counting(listing, "discover")
    counting(listing, "snapshot")
    counting(listing, "file_digests")
    assert len(seedcorpus.load_dataset(folder, cache_dir=cache)) == 4  # cached
    assert calls == {"discover": 1, "snapshot": 1, "file_digests": 1}


# Count-balanced shards (issue 18, point 4)


def test_seven_files_over_three_ranks_give_three_two_and_two(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    for i in range(7):  # very different sizes: byte balance would give 1, 3 and 3
        (folder / f"a{i}.txt").write_text(article("x" * (5000 if i == 0 else 1)), "utf-8")
    parts = [
        [r["id"] for r in seedcorpus.load_dataset(folder, streaming=True, rank=r, world_size=3)]
        for r in range(3)
    ]
    assert [len(p) for p in parts] == [3, 2, 2]
    assert functools.reduce(operator.iadd, parts, []) == [f"a{i}" for i in range(7)]
    stream = seedcorpus.load_dataset(folder, streaming=True, num_shards=3)
    by_node = [[r["id"] for r in split_dataset_by_node(stream, r, 3)] for r in range(3)]
    assert [len(p) for p in by_node] == [3, 2, 2]
    by_bytes = seedcorpus.load_dataset(
        folder, streaming=True, rank=0, world_size=3, balance="bytes"
    )
    assert [r["id"] for r in by_bytes] == ["a0"]  # preprocessing: bytes, as asked


@pytest.mark.parametrize("files", [1, 7, 10, 23])
@pytest.mark.parametrize("world_size", [1, 2, 3, 4, 6])
def test_every_rank_gets_the_same_count_within_one(
    tmp_path: Path, files: int, world_size: int
) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    for i in range(files):
        (folder / f"a{i:02d}.txt").write_text(article("y" * (i * 97 % 400)), "utf-8")
    crawl = seedcorpus.Crawl.of(folder)
    for num_shards in {world_size, 2 * world_size, 5}:
        stream = seedcorpus.load_dataset(crawl, streaming=True, num_shards=num_shards)
        counts = [
            sum(1 for _ in split_dataset_by_node(stream, r, world_size)) for r in range(world_size)
        ]
        assert sum(counts) == files
        assert max(counts) - min(counts) <= 1, (num_shards, counts)
    if files >= world_size:
        ranks = [len(crawl.part(r, world_size)) for r in range(world_size)]
        assert max(ranks) - min(ranks) <= 1


def test_count_groups_are_contiguous_larger_first() -> None:
    assert count_groups(7, 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert count_groups(2, 4) == [[0], [1]]
    assert count_groups(2, 4, keep_empty=True) == [[0], [1], [], []]


# Files: regular files only, one symlink rule, undecodable names reported (issue 20, Inputs)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A crawl with one article, a FIFO, a link to a secret outside and an undecodable name."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "good.txt").write_text(ARTICLE, "utf-8")
    os.mkfifo(crawl / "pipe.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("سر\nلا يقرأ.\n", "utf-8")
    (crawl / "passwd.txt").symlink_to(secret)
    with open(os.path.join(os.fsencode(crawl), b"name\xfe.txt"), "wb") as handle:
        handle.write(ARTICLE.encode())
    return crawl


def skipped_reasons(crawl: seedcorpus.Crawl) -> list[str]:
    return sorted(reason for _, reason in crawl.skipped)


HOSTILE_REASONS = sorted([walk.NOT_REGULAR, "symlink leads outside the crawl", walk.NOT_UTF8])


@pytest.mark.parametrize("form", ["folder", "glob", "file-url", "file-url-glob"])
def test_local_surfaces_skip_and_name_fifos_links_out_and_undecodable_names(
    hostile: Path, form: str
) -> None:
    path = {
        "folder": str(hostile),
        "glob": str(hostile / "*.txt"),
        "file-url": f"file://{hostile}",
        "file-url-glob": f"file://{hostile}/*.txt",
    }[form]
    with pytest.warns(seedcorpus.SkippedFilesWarning, match="3 entries"):
        crawl = seedcorpus.Crawl.of(path)
    assert crawl.ids == ["good"]
    assert skipped_reasons(crawl) == HOSTILE_REASONS
    with pytest.warns(seedcorpus.SkippedFilesWarning):
        assert [a.title for a in seedcorpus.iter_articles(path)] == ["عنوان الخبر"]


def test_a_paths_file_obeys_the_same_file_rules(hostile: Path) -> None:
    names = ["good.txt", "pipe.txt", "passwd.txt"]
    listed = paths_file(hostile / "all.lst", [hostile / n for n in names], relative_to=hostile)
    with pytest.warns(seedcorpus.SkippedFilesWarning, match="2 entries"):
        crawl = seedcorpus.Crawl.of(f"@{listed}")
    assert crawl.ids == ["good"]
    assert skipped_reasons(crawl) == sorted([walk.NOT_REGULAR, "symlink leads outside the crawl"])


def test_a_single_named_file_obeys_the_same_rules(hostile: Path) -> None:
    with pytest.raises(seedcorpus.CorpusError, match="symlink leads outside"):
        seedcorpus.Crawl.of(hostile / "passwd.txt")
    with pytest.raises(seedcorpus.CorpusError, match="not a regular file"):
        seedcorpus.Crawl.of(hostile / "pipe.txt")
    with pytest.raises(seedcorpus.CorpusError, match="not a regular file"):
        seedcorpus.Crawl.of(f"file://{hostile}/pipe.txt")


def test_load_dataset_and_export_over_file_urls_never_hang_on_a_fifo(hostile: Path) -> None:
    result = run_python(
        f"""
        import warnings, seedcorpus
        warnings.simplefilter("ignore")
        ds = seedcorpus.load_dataset("file://{hostile}", streaming=True)
        print([r["title"] for r in ds])
        print(seedcorpus.export("{hostile.parent / "o.jsonl"}", "file://{hostile}"))
        """,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["['عنوان الخبر']", "1"]
    assert "سر" not in (hostile.parent / "o.jsonl").read_text("utf-8")


# Paths files (issue 20, Inputs)


def test_paths_file_entries_must_be_article_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    for entry in ("/etc/passwd", "/proc/self/environ", "sub/", ".hidden.txt"):
        listed = tmp_path / "p.lst"
        listed.write_text(f"a.txt\n{entry}\n", "utf-8")
        with pytest.raises(seedcorpus.CorpusError, match=rf"p.lst:2: '{entry}': not an article"):
            seedcorpus.Crawl.of(f"@{listed}")


def test_relative_entries_resolve_under_the_paths_files_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lists" / "sub").mkdir(parents=True)
    (tmp_path / "lists" / "sub" / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(article("wrong"), "utf-8")
    (tmp_path / "lists" / "p.lst").write_text("sub/a.txt\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    crawl = seedcorpus.Crawl.of("@lists/p.lst")
    assert [a.title for a in seedcorpus.iter_articles(crawl)] == ["عنوان الخبر"]


def test_a_nul_byte_in_an_entry_is_an_error_naming_it(tmp_path: Path) -> None:
    listed = tmp_path / "p.lst"
    listed.write_bytes(b"# list\nbad\x00name.txt\n")
    with pytest.raises(seedcorpus.CorpusError, match=r"p.lst:2: the entry 'bad\\x00name.txt'"):
        seedcorpus.Crawl.of(f"@{listed}")


def test_a_remote_paths_file_may_not_name_local_files(tmp_path: Path, memory_root: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    fs = fsspec.filesystem("memory")
    fs.pipe(f"{memory_root}/b.txt", ARTICLE.encode())
    for entry in (str(tmp_path / "a.txt"), f"file://{tmp_path / 'a.txt'}"):
        fs.pipe(f"{memory_root}/p.lst", f"b.txt\n{entry}\n".encode())
        with pytest.raises(seedcorpus.CorpusError, match="remote paths file may not name local"):
            seedcorpus.Crawl.of(f"@memory://{memory_root}/p.lst")
    fs.pipe(f"{memory_root}/p.lst", b"b.txt\n/etc/passwd\n")
    with pytest.raises(seedcorpus.CorpusError, match="remote paths file may not name local"):
        seedcorpus.Crawl.of(f"@memory://{memory_root}/p.lst")
    fs.pipe(f"{memory_root}/p.lst", b"b.txt\n")  # relative entries: under the list's folder
    assert seedcorpus.Crawl.of(f"@memory://{memory_root}/p.lst").files == [
        f"memory://{memory_root}/b.txt"
    ]


# Globs and drivers (issue 20, Inputs)


def test_a_reversed_glob_range_is_a_clear_error(tmp_path: Path, memory_root: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    fsspec.filesystem("memory").pipe(f"{memory_root}/a.txt", ARTICLE.encode())
    for pattern in (str(tmp_path / "[z-a].txt"), f"memory://{memory_root}/[z-a].txt"):
        with pytest.raises(seedcorpus.CorpusError, match=r"not a valid glob.*lower character"):
            seedcorpus.Crawl.of(pattern)


def test_a_one_level_glob_does_not_walk_sub_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    deep = tmp_path / "x" / "y" / "z"
    deep.mkdir(parents=True)
    (deep / "b.txt").write_text(ARTICLE, "utf-8")
    seen: list[str] = []
    real = os.scandir

    def recording(path: str) -> object:
        seen.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", recording)
    assert seedcorpus.Crawl.of(str(tmp_path / "*.txt")).ids == ["a"]
    assert seen == [str(tmp_path)]
    seen.clear()
    assert seedcorpus.Crawl.of(str(tmp_path / "x" / "*" / "*" / "*.txt")).ids == ["b"]
    assert len(seen) == 3
    seen.clear()
    assert seedcorpus.Crawl.of(str(tmp_path / "**" / "*.txt")).ids == ["a", "b"]


def test_s3_without_s3fs_is_one_clear_line_with_the_install_hint() -> None:
    if importlib.util.find_spec("s3fs") is not None:
        pytest.skip("s3fs is installed here: the missing-driver message cannot be shown")
    with pytest.raises(seedcorpus.CorpusError, match=r"needs s3fs.*pip install s3fs"):
        seedcorpus.Crawl.of("s3://bucket/crawl")
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "list", "s3://bucket/crawl"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "pip install s3fs" in result.stderr


# Cache keys see content, ids and the bytes parsed (issue 20, Inputs)


def test_a_same_size_edit_with_the_mtime_put_back_over_file_urls_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    target = folder / "a.txt"
    target.write_text(article("1"), "utf-8")
    aged([target])
    cache = str(tmp_path / "cache")
    assert seedcorpus.load_dataset(f"file://{folder}", cache_dir=cache)["title"] == [
        "عنوان الخبر 1"
    ]
    status = target.stat()
    target.write_text(article("9"), "utf-8")
    os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert target.stat().st_size == status.st_size
    assert seedcorpus.load_dataset(f"file://{folder}", cache_dir=cache)["title"] == [
        "عنوان الخبر 9"
    ]


def test_a_same_size_edit_on_a_store_without_checksums_is_seen(
    tmp_path: Path, memory_root: str
) -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe(f"{memory_root}/a.txt", article("1").encode())
    cache = str(tmp_path / "cache")
    url = f"memory://{memory_root}"
    assert seedcorpus.load_dataset(url, cache_dir=cache)["title"] == ["عنوان الخبر 1"]
    fs.pipe(f"{memory_root}/a.txt", article("9").encode())
    assert seedcorpus.load_dataset(url, cache_dir=cache)["title"] == ["عنوان الخبر 9"]


def test_a_folder_rename_under_relative_ids_is_a_new_key(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    aged(month_crawl(crawl, ["2023"], per_month=2))
    cache = str(tmp_path / "cache")
    first = seedcorpus.load_dataset(crawl, options=RELATIVE, cache_dir=cache)
    assert first["id"] == ["2023/0000", "2023/0001"]
    (crawl / "2023").rename(crawl / "2024")
    again = seedcorpus.load_dataset(crawl, options=RELATIVE, cache_dir=cache)
    assert again["id"] == ["2024/0000", "2024/0001"]


def test_a_file_changed_during_the_build_is_never_stored_under_the_old_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seedcorpus.hf import dataset as hf

    folder = tmp_path / "crawl"
    folder.mkdir()
    target = folder / "a.txt"
    target.write_text(article("old"), "utf-8")
    aged([target])
    cache = str(tmp_path / "cache")
    real = hf.Seedcorpus._generate_examples
    edits: list[int] = []

    def editing(self: hf.Seedcorpus, **kwargs: object) -> object:
        if not edits:
            edits.append(1)
            target.write_text(article("new"), "utf-8")
        return real(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hf.Seedcorpus, "_generate_examples", editing)
    assert seedcorpus.load_dataset(folder, cache_dir=cache)["title"] == ["عنوان الخبر new"]
    monkeypatch.setattr(hf.Seedcorpus, "_generate_examples", real)
    target.write_text(article("old"), "utf-8")  # the old bytes again: the old key
    assert seedcorpus.load_dataset(folder, cache_dir=cache)["title"] == ["عنوان الخبر old"]


def test_the_key_covers_ids_and_content_not_file_times(tmp_path: Path) -> None:
    files = month_crawl(tmp_path / "crawl", ["a"], per_month=2)
    crawl = seedcorpus.Crawl.of(tmp_path / "crawl")
    key = crawl.fingerprint("salt")
    assert crawl.fingerprint("salt") == key  # memoised, and stable
    os.utime(files[0], ns=(0, 0))
    assert seedcorpus.Crawl.of(tmp_path / "crawl").fingerprint("salt") == key
    assert crawl.digests() == [digests.file_digest(str(f)) for f in files]
    renamed = seedcorpus.Crawl.of(tmp_path / "crawl", RELATIVE)
    assert renamed.fingerprint("salt") != key  # other ids, another key


# parse_arrow input (issue 20, point 14)


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"id": ["a", ""], "text": [ARTICLE, ARTICLE]}, r"row 1 \(id ''\): the id is empty"),
        ({"id": ["a", None], "text": [ARTICLE, ARTICLE]}, r"row 1 \(id None\): the id is NoneType"),
        ({"path": ["/c/a.txt", "/c/b/"], "text": [ARTICLE] * 2}, "row 1.*not an article file"),
        ({"path": ["/c/a.txt", "/c/notes.md"], "text": [ARTICLE] * 2}, "row 1.*not an article"),
        ({"id": ["a", "b"], "text": [ARTICLE, None]}, r"row 1 \(id 'b'\): the text is null"),
        ({"id": ["a", "b"], "text": [1, 2]}, "the 'text' column is int64"),
        ({"path": [b"/c/a.txt", b"/c/\xff.txt"], "text": [ARTICLE] * 2}, "row 1.*not valid UTF-8"),
    ],
)
def test_parse_arrow_names_the_bad_row_before_parsing_any(
    columns: dict[str, list[object]], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seedcorpus.hf import arrow

    def never(*_: object, **__: object) -> None:
        raise AssertionError("a row was parsed before the batch was checked")

    monkeypatch.setattr(arrow, "parse_article", never)
    with pytest.raises(ValueError, match=message):
        seedcorpus.parse_arrow(pa.table(columns))


def test_parse_arrow_has_a_size_cap_as_files_do() -> None:
    table = pa.table({"id": ["small", "big"], "text": [ARTICLE, "ن" * 1000]})
    with pytest.raises(seedcorpus.CorpusError, match=r"row 1 \(id 'big'\): 2000 bytes is over"):
        seedcorpus.parse_arrow(table, seedcorpus.ParseOptions(max_bytes=1500))
    assert seedcorpus.parse_arrow(table).num_rows == 2


# Nothing silently lost (issue 20, input side)


def test_skipped_entries_are_counted_named_and_warned_on_every_python_surface(
    hostile: Path, tmp_path: Path
) -> None:
    with pytest.warns(seedcorpus.SkippedFilesWarning, match=r"3 entries .*passwd.txt"):
        crawl = seedcorpus.Crawl.of(hostile)
    assert len(crawl.skipped) == 3
    assert {Path(p).name for p, _ in crawl.skipped} >= {"pipe.txt", "passwd.txt"}
    with pytest.warns(seedcorpus.SkippedFilesWarning):
        assert len(seedcorpus.Corpus(hostile)) == 1
    with pytest.warns(seedcorpus.SkippedFilesWarning):
        assert len(seedcorpus.load_dataset(hostile, streaming=True).take(5).to_list()) == 1
    with pytest.warns(seedcorpus.SkippedFilesWarning):
        assert seedcorpus.export(tmp_path / "o.jsonl", hostile) == 1
    with pytest.raises(seedcorpus.CorpusError, match="3 input entries would be left out"):
        seedcorpus.export(tmp_path / "o2.jsonl", hostile, skip_unreadable=False)
    assert seedcorpus.Corpus(crawl).skipped == crawl.skipped  # a Crawl warns once, when made


def test_parse_arrow_takes_integer_ids_as_their_digits_and_bools_nowhere() -> None:
    table = pa.table({"id": [7, 12], "text": [ARTICLE, ARTICLE]})
    assert seedcorpus.parse_arrow(table).column("id").to_pylist() == ["7", "12"]
    with pytest.raises(ValueError, match="the id is bool"):
        seedcorpus.parse_arrow(pa.table({"id": [True], "text": [ARTICLE]}))


def test_a_remote_object_changed_during_the_build_is_rebuilt_under_its_new_key(
    tmp_path: Path, memory_root: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seedcorpus.hf import dataset as hf

    fs = fsspec.filesystem("memory")
    fs.pipe(f"{memory_root}/a.txt", article("old").encode())
    url, cache = f"memory://{memory_root}", str(tmp_path / "cache")
    real = hf.Seedcorpus._generate_examples
    edits: list[int] = []

    def editing(self: hf.Seedcorpus, **kwargs: object) -> object:
        if not edits:
            edits.append(1)
            fs.pipe(f"{memory_root}/a.txt", article("new").encode())
        return real(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hf.Seedcorpus, "_generate_examples", editing)
    assert seedcorpus.load_dataset(url, cache_dir=cache)["title"] == ["عنوان الخبر new"]
    monkeypatch.setattr(hf.Seedcorpus, "_generate_examples", real)
    fs.pipe(f"{memory_root}/a.txt", article("old").encode())
    assert seedcorpus.load_dataset(url, cache_dir=cache)["title"] == ["عنوان الخبر old"]


def test_a_crawl_that_keeps_changing_during_the_build_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seedcorpus.hf import dataset as hf

    folder = tmp_path / "crawl"
    folder.mkdir()
    target = folder / "a.txt"
    target.write_text(article("0"), "utf-8")
    real = hf.Seedcorpus._generate_examples
    edits: list[int] = []

    def editing(self: hf.Seedcorpus, **kwargs: object) -> object:
        edits.append(1)
        target.write_text(article(str(len(edits))), "utf-8")
        return real(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hf.Seedcorpus, "_generate_examples", editing)
    with pytest.raises(seedcorpus.CorpusError, match="kept changing while the dataset was built"):
        seedcorpus.load_dataset(folder, cache_dir=str(tmp_path / "cache"))
    assert not list((tmp_path / "cache").rglob("dataset_info.json"))  # nothing was kept


def test_the_file_list_key_is_the_key_load_dataset_uses(tmp_path: Path) -> None:
    from seedcorpus.hf import dataset as hf

    files = month_crawl(tmp_path / "crawl", ["a"], per_month=3)
    store = str(tmp_path / "store")
    crawl = seedcorpus.Crawl.of(tmp_path / "crawl")
    expected = crawl.fingerprint(hf.cache_salt(seedcorpus.ParseOptions()), store)
    assert hf.fingerprint([str(f) for f in files], store) == expected
