"""Content digests for cache keys: remembered by file status, never trusted for racy files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seedcorpus.crawl import digests


def make(tmp_path: Path, count: int = 3) -> list[str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(count):
        file = tmp_path / f"a{i}.txt"
        file.write_text(f"نص {i}", encoding="utf-8")
        files.append(str(file))
    return files


def age(files: list[str], seconds: float = 60) -> None:
    """Move modification times into the past, as for files not touched for a while."""
    for file in files:
        stat = os.stat(file)
        os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns - int(seconds * 1e9)))


def count_hashing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    hashed: list[str] = []
    real = digests.file_digest

    def counting(path: str) -> str:
        hashed.append(path)
        return real(path)

    monkeypatch.setattr(digests, "file_digest", counting)
    return hashed


def test_unchanged_old_files_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = make(tmp_path / "in")
    age(files)
    store = str(tmp_path / "store")
    first = digests.content_fingerprint(files, salt="v1", store_dir=store)
    hashed = count_hashing(monkeypatch)
    assert digests.content_fingerprint(files, salt="v1", store_dir=store) == first
    assert hashed == []


def test_same_size_edit_with_the_same_time_stamp_is_still_seen(tmp_path: Path) -> None:
    files = make(tmp_path / "in")
    store = str(tmp_path / "store")
    before = digests.content_fingerprint(files, salt="v1", store_dir=store)
    stat = os.stat(files[1])
    Path(files[1]).write_text("نص 9", encoding="utf-8")  # same size
    os.utime(files[1], ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time stamp
    assert digests.content_fingerprint(files, salt="v1", store_dir=store) != before


def test_changed_status_is_hashed_again(tmp_path: Path) -> None:
    files = make(tmp_path / "in")
    age(files)
    store = str(tmp_path / "store")
    before = digests.content_fingerprint(files, salt="v1", store_dir=store)
    Path(files[0]).write_text("نص مختلف تماما", encoding="utf-8")
    age(files[:1], seconds=30)
    assert digests.content_fingerprint(files, salt="v1", store_dir=store) != before


def test_salt_names_and_order_are_part_of_the_fingerprint(tmp_path: Path) -> None:
    files = make(tmp_path)
    base = digests.content_fingerprint(files, salt="v1", store_dir=None)
    assert digests.content_fingerprint(files, salt="v2", store_dir=None) != base
    assert digests.content_fingerprint(files[::-1], salt="v1", store_dir=None) != base
    assert digests.content_fingerprint(files[:2], salt="v1", store_dir=None) != base


def test_corrupt_store_is_ignored(tmp_path: Path) -> None:
    files = make(tmp_path / "in")
    store = tmp_path / "store"
    expected = digests.content_fingerprint(files, salt="v1", store_dir=None)
    digests.content_fingerprint(files, salt="v1", store_dir=str(store))
    for written in store.iterdir():
        written.write_text("{not json", encoding="utf-8")
    assert digests.content_fingerprint(files, salt="v1", store_dir=str(store)) == expected


def test_a_file_deleted_before_hashing_is_a_corpus_error(tmp_path: Path) -> None:
    from seedcorpus.crawl.digests import file_digest
    from seedcorpus.errors import CorpusError

    gone = tmp_path / "gone.txt"
    with pytest.raises(CorpusError, match="no such article file"):
        file_digest(str(gone))
