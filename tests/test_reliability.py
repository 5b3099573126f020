"""Trying to break the library from outside, as a careless user or a hostile crawl would.

Each test tries one attack and asserts that nothing was lost: the user's files byte for byte,
the previous export intact, rows equal to a fresh parse, lenient parsing never raising.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import datasets
import pytest

import seedcorpus
from conftest import ARTICLES, list_articles
from seedcorpus.crawl import corpus as crawl_corpus
from seedcorpus.crawl import digests, walk
from seedcorpus.crawl import listing as crawl_listing
from seedcorpus.hf import dataset as hf

ARTICLE = "عنوان الخبر\nتاريخ النشر: 24/09/2023\nنص الخبر.\n"


def write(folder: Path, count: int, text: str = ARTICLE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"a{i:03d}.txt").write_text(text.replace("الخبر", f"الخبر {i}"), "utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run_python(code: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# Inputs that took the machine down.


def test_a_body_that_repeats_its_keyword_line_parses_in_linear_work() -> None:
    tokens = [f"وسم{i}" for i in range(20_000)]
    raw = f"عنوان\n{' '.join(tokens)}.\nكلمات دلالية: {' '.join(tokens)}\n"
    article = seedcorpus.parse_article(raw, article_id="x")
    assert " ".join(article.keywords) == " ".join(tokens)


@pytest.mark.parametrize(
    "date",
    ["0001-01-01T00:00+05:00", "31st, December 9999 11:59 PM GMT-05:00", "1/1/0001", "9999-12-31"],
)
def test_edge_of_range_dates_never_crash_lenient_parsing(date: str) -> None:
    raw = f"عنوان\nتاريخ النشر: {date}\nنص.\n"
    article = seedcorpus.parse_article(raw, article_id="x")
    assert article.date_text == date
    if article.published_at is None:
        with pytest.raises(seedcorpus.ParseError):
            seedcorpus.parse_article(raw, article_id="x", strict=True)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = run_python(
        f"""
        import seedcorpus
        try:
            seedcorpus.parse_file({str(fifo)!r})
        except seedcorpus.CorpusError as exc:
            print(exc)
        """,
        timeout=60,
    )
    assert "not a regular file" in result.stdout
    write(tmp_path, 1)
    with pytest.warns(seedcorpus.SkippedFilesWarning, match="1 entries"):
        corpus = seedcorpus.Corpus(tmp_path)  # a FIFO among articles is skipped, and named
    assert corpus.ids == ["a000"]
    assert [(Path(p).name, r) for p, r in corpus.skipped] == [("pipe.txt", walk.NOT_REGULAR)]


def test_a_link_to_a_device_is_refused_and_skipped(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(seedcorpus.CorpusError, match="not a regular file"):
        seedcorpus.parse_file(link)
    write(tmp_path, 1)
    with pytest.warns(seedcorpus.SkippedFilesWarning, match="symlink leads outside"):
        corpus = seedcorpus.Corpus(tmp_path)
    assert corpus.ids == ["a000"]
    assert [reason for _, reason in corpus.skipped] == ["symlink leads outside the crawl"]


def test_the_cache_key_checks_size_before_reading_a_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, 2)
    (tmp_path / "a001.txt").write_bytes(b"x" * 5000)

    def never(path: str) -> str:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(digests, "file_digest", never)
    files = [str(p) for p in sorted(tmp_path.glob("*.txt"))]
    with pytest.raises(seedcorpus.CorpusError, match="over the 1000-byte limit"):
        hf.fingerprint(files, options=seedcorpus.ParseOptions(max_bytes=1000))


def test_hashing_reads_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(os.urandom(3 * digests.HASH_CHUNK + 5))
    assert digests.sha256_file(str(big)) == hashlib.sha256(big.read_bytes()).hexdigest()


# Exports never destroy or fake anything.


def test_export_refuses_a_folder_holding_the_users_files(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    (out / "data").mkdir(parents=True)
    (out / "README.md").write_text("my notes", "utf-8")
    (out / "croissant.json").write_text("{}", "utf-8")
    (out / "data" / "train-00000-of-00001.parquet").write_bytes(b"my data")
    before = tree(out)
    for overwrite in (False, True):
        with pytest.raises(seedcorpus.CorpusError, match="holds files that no export wrote"):
            seedcorpus.export(out, ARTICLES, output_format="hf", overwrite=overwrite)
        assert tree(out) == before
    for name in ("a.jsonl", "a.parquet"):
        (tmp_path / name).write_text("keep me", "utf-8")
        with pytest.raises(seedcorpus.CorpusError, match="already exists"):
            seedcorpus.export(tmp_path / name, ARTICLES)
        with pytest.raises(seedcorpus.CorpusError, match="holds data that no export wrote"):
            seedcorpus.export(tmp_path / name, ARTICLES, overwrite=True)
        assert (tmp_path / name).read_text("utf-8") == "keep me"


def test_swapped_out_and_path_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    corpus = write(tmp_path / "crawl", 3)
    before = tree(corpus)
    with pytest.raises(seedcorpus.CorpusError, match="OUT is one of the input articles"):
        seedcorpus.export(corpus / "a000.txt", corpus, output_format="jsonl", overwrite=True)
    with pytest.raises(seedcorpus.CorpusError, match="inside the input"):
        seedcorpus.export(corpus / "out", corpus)
    assert tree(corpus) == before


def test_shards_are_checked_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_: object, **__: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(crawl_listing, "discover", never)  # where every entry point lists
    with pytest.raises(ValueError, match="shards"):
        seedcorpus.export(tmp_path / "o", ARTICLES, shards=0)
    with pytest.raises(ValueError, match="unknown export format"):
        seedcorpus.export(tmp_path / "o", ARTICLES, output_format="csv")


def test_a_killed_re_export_leaves_the_previous_one_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    seedcorpus.export(out, ARTICLES, output_format="hf", shards=2)
    before = tree(out)
    result = run_python(
        f"""
        import os, signal, seedcorpus
        from seedcorpus.hf import export as _
        import importlib
        module = importlib.import_module("seedcorpus.hf.export")
        real = module._to_parquet
        calls = []
        def dying(*args):
            calls.append(1)
            if len(calls) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
            real(*args)
        module._to_parquet = dying
        seedcorpus.export({str(out)!r}, {str(ARTICLES)!r}, output_format="hf", shards=3,
                          overwrite=True)
        """
    )
    assert result.returncode == -9
    assert tree(out) == before
    # Leftovers are hidden temporaries beside OUT, never OUT itself; a new export still works.
    assert seedcorpus.export(out, ARTICLES, output_format="hf", overwrite=True) == 3


def test_a_failed_export_removes_its_temporaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    module = importlib.import_module("seedcorpus.hf.export")

    def failing(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "_to_parquet", failing)
    with pytest.raises(OSError, match="No space"):
        seedcorpus.export(tmp_path / "out", ARTICLES, output_format="hf")
    with pytest.raises(OSError, match="No space"):
        seedcorpus.export(tmp_path / "o.parquet", ARTICLES)
    assert list(tmp_path.iterdir()) == []


# Caches serve only the truth.


def test_two_exports_to_same_named_folders_never_share_a_cache(tmp_path: Path) -> None:
    for name, word in (("one", "الأولى"), ("two", "الثانية")):
        folder = write(tmp_path / f"in-{name}", 2, ARTICLE.replace("الخبر", f"الخبر {word}"))
        seedcorpus.export(tmp_path / name / "out", folder, output_format="hf")
    first = datasets.load_dataset(str(tmp_path / "one" / "out"), split="train")
    second = datasets.load_dataset(str(tmp_path / "two" / "out"), split="train")
    assert first["title"] == ["عنوان الخبر 0 الأولى", "عنوان الخبر 1 الأولى"]
    assert second["title"] == ["عنوان الخبر 0 الثانية", "عنوان الخبر 1 الثانية"]


def aged(files: list[Path]) -> None:
    for file in files:
        status = file.stat()
        os.utime(file, ns=(status.st_atime_ns, status.st_mtime_ns - 60 * 10**9))


def test_a_same_size_edit_with_the_old_mtime_is_seen(tmp_path: Path) -> None:
    folder = write(tmp_path / "in", 2)
    cache = str(tmp_path / "cache")
    aged(list(folder.glob("*.txt")))
    first = seedcorpus.load_dataset(folder, cache_dir=cache)
    target = folder / "a001.txt"
    status = target.stat()
    target.write_text(target.read_text("utf-8").replace("الخبر 1", "الخبر 9"), "utf-8")
    os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))  # mtime put back
    assert target.stat().st_size == status.st_size
    again = seedcorpus.load_dataset(folder, cache_dir=cache)
    assert first["title"][1] == "عنوان الخبر 1"
    assert again["title"][1] == "عنوان الخبر 9"


def test_delete_and_recreate_with_the_same_status_is_seen(tmp_path: Path) -> None:
    folder = write(tmp_path / "in", 2)
    files = sorted(str(p) for p in folder.glob("*.txt"))
    aged([Path(f) for f in files])
    store = str(tmp_path / "store")
    before = hf.fingerprint(files, store)
    target = Path(files[0])
    status = target.stat()
    target.unlink()
    target.write_text(ARTICLE.replace("الخبر", "الخبر 7"), "utf-8")
    os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert hf.fingerprint(files, store) != before


def test_the_cache_key_covers_the_parser_source_and_the_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [str(p) for p in sorted(write(tmp_path, 2).glob("*.txt"))]
    base = hf.fingerprint(files)
    cairo = seedcorpus.ParseOptions(default_timezone="Africa/Cairo")
    assert hf.fingerprint(files, options=cairo) != base
    assert hf.fingerprint(files, options=seedcorpus.ParseOptions(strict=True)) == base
    package = Path(seedcorpus.__file__).parent
    expected = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        expected.update(module.relative_to(package).as_posix().encode() + b"\0")
        expected.update(module.read_bytes())
    assert hf.source_digest() == expected.hexdigest()[:16]
    monkeypatch.setattr(hf, "source_digest", lambda: "edited-parser")
    assert hf.fingerprint(files) != base


def test_a_file_changed_during_the_build_never_poisons_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write(tmp_path / "in", 3)
    cache = str(tmp_path / "cache")
    real = hf.Seedcorpus._generate_examples
    edits: list[int] = []

    def editing(self: hf.Seedcorpus, **kwargs: object) -> object:
        if not edits:
            edits.append(1)
            (folder / "a002.txt").write_text(ARTICLE.replace("الخبر", "الخبر الجديد"), "utf-8")
        return real(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hf.Seedcorpus, "_generate_examples", editing)
    built = seedcorpus.load_dataset(folder, cache_dir=cache)
    fresh = [a.model_dump() for a in list_articles(folder)]
    assert built.to_list() == fresh
    monkeypatch.setattr(hf.Seedcorpus, "_generate_examples", real)
    assert seedcorpus.load_dataset(folder, cache_dir=cache).to_list() == fresh


def test_a_cold_build_killed_midway_recovers(tmp_path: Path) -> None:
    folder = write(tmp_path / "in", 40)
    cache = str(tmp_path / "cache")
    result = run_python(
        f"""
        import os, signal, seedcorpus
        import seedcorpus.crawl.corpus as corpus
        real = corpus.parse_bytes
        seen = []
        def dying(*args, **kwargs):
            seen.append(1)
            if len(seen) == 20:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        corpus.parse_bytes = dying
        seedcorpus.load_dataset({str(folder)!r}, cache_dir={cache!r})
        """
    )
    assert result.returncode == -9
    rows = seedcorpus.load_dataset(folder, cache_dir=cache).to_list()
    assert rows == [a.model_dump() for a in list_articles(folder)]


def test_concurrent_builds_agree(tmp_path: Path) -> None:
    folder = write(tmp_path / "in", 60)
    cache = str(tmp_path / "cache")
    code = f"""
        import seedcorpus
        ds = seedcorpus.load_dataset({str(folder)!r}, cache_dir={cache!r})
        print(len(ds), ds[59]["title"])
        """
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(code)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [r.communicate(timeout=180) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert {out for out, _ in outputs} == {"60 عنوان الخبر 59\n"}


# Hostile folders and names.


def test_a_glob_never_reads_outside_its_folder(tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus", 1)
    secret = tmp_path / "secret.txt"
    secret.write_text("سر\nلا يقرأ.\n", "utf-8")
    (corpus / "x.txt").symlink_to(secret)
    for path in (corpus, str(corpus / "*.txt"), str(corpus / "**" / "*.txt")):
        with pytest.warns(seedcorpus.SkippedFilesWarning, match="symlink leads outside"):
            assert seedcorpus.Corpus(path).ids == ["a000"]
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "list", str(corpus / "*.txt")],
        capture_output=True,
        text=True,
    )
    assert "سر" not in result.stdout
    assert "symlink leads outside the crawl" in result.stderr


def test_a_recursive_glob_over_self_links_ends(tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus", 2)
    (corpus / "loop").symlink_to(corpus)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to(corpus)
    result = run_python(
        f"import seedcorpus; print(seedcorpus.Corpus({str(corpus / '**' / '*.txt')!r}).ids)",
        timeout=60,
    )
    assert result.stdout.strip() == "['a000', 'a001']"


def test_symlink_loops_and_undecodable_names_are_skipped_and_reported(tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus", 1)
    (corpus / "x.txt").symlink_to(corpus / "y.txt")
    (corpus / "y.txt").symlink_to(corpus / "x.txt")
    os.mkdir(os.path.join(os.fsencode(corpus), b"bad\xff"))
    with open(os.path.join(os.fsencode(corpus), b"name\xfe.txt"), "wb") as handle:
        handle.write(ARTICLE.encode())
    with pytest.warns(seedcorpus.SkippedFilesWarning, match="4 entries"):
        found = seedcorpus.Corpus(corpus)
    assert found.ids == ["a000"]
    reasons = sorted(reason for _, reason in found.skipped)
    assert reasons == [
        "name is not valid UTF-8; rename it",
        "name is not valid UTF-8; rename it",
        "symlink loop",
        "symlink loop",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "validate", str(corpus)], capture_output=True
    )
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"symlink loop" in result.stderr


def test_a_path_with_no_article_file_says_what_counts(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", "utf-8")
    with pytest.raises(seedcorpus.CorpusError, match=r"holds no article file.*\*\.txt"):
        seedcorpus.Corpus(tmp_path)
    with pytest.raises(seedcorpus.CorpusError, match="matches no article file"):
        seedcorpus.Corpus(str(tmp_path / "typo*" / "*.txt"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "seedcorpus",
            "export",
            str(tmp_path / "o"),
            str(tmp_path / "typo*" / "*.txt"),
            "--format",
            "hf",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "matches no article file" in result.stderr


# Clear errors everywhere.


def test_a_build_error_is_its_cause_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write(tmp_path / "in", 2)

    def vanished(file: str, *_: object) -> None:
        raise seedcorpus.CorpusError(f"{file}: no such article file; check the path")

    monkeypatch.setattr(crawl_corpus, "read_article_bytes", vanished)
    with pytest.raises(seedcorpus.CorpusError, match="no such article file") as caught:
        seedcorpus.load_dataset(folder, cache_dir=str(tmp_path / "cache"))
    assert caught.value.__cause__ is None
    with pytest.raises(seedcorpus.CorpusError, match="no such article file"):
        seedcorpus.export(tmp_path / "o.parquet", folder)
    assert not (tmp_path / "o.parquet").exists()
    shutil.rmtree(tmp_path / "in")
