"""Finding files: bundled corpus with checksums, folders, globs, ids, environment errors."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

import seedcorpus
from conftest import ARTICLES, SEED_ID, list_articles
from seedcorpus.crawl import corpus as corpus_module
from seedcorpus.crawl import listing as listing_module


def test_bundled_corpus_len_iteration_and_lookup() -> None:
    bundled = seedcorpus.Corpus()
    assert len(bundled) == len(list((corpus_module.bundled_seeds_dir()).glob("*.txt")))
    assert bundled.ids == sorted(bundled.ids)
    assert [a.id for a in bundled] == bundled.ids
    assert SEED_ID in bundled
    assert bundled[SEED_ID].title.startswith("لافروف")
    with pytest.raises(KeyError, match="no article"):
        bundled["missing"]


def test_iter_and_load_agree_and_default_to_bundled() -> None:
    assert list_articles() == list(seedcorpus.iter_articles())
    assert [a.id for a in list_articles()] == seedcorpus.Corpus().ids


def test_folder_is_read_recursively_in_id_order_ignoring_non_articles(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(ARTICLES / "h05_heat.txt", tmp_path / "sub" / "b.txt")
    shutil.copy(ARTICLES / "h02_gold_prices.txt", tmp_path / "a.txt")
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    assert [a.id for a in seedcorpus.iter_articles(tmp_path)] == ["a", "b"]
    assert [a.id for a in seedcorpus.iter_articles(str(tmp_path / "**" / "*.txt"))] == ["a", "b"]
    assert [a.id for a in seedcorpus.iter_articles(tmp_path / "a.txt")] == ["a"]


def test_symlinks_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    inside = tmp_path / "corpus"
    inside.mkdir()
    shutil.copy(ARTICLES / "h05_heat.txt", inside / "a.txt")
    (inside / "outside.txt").symlink_to(ARTICLES / "h02_gold_prices.txt")
    (inside / "alias.txt").symlink_to(inside / "a.txt")
    with pytest.warns(seedcorpus.SkippedFilesWarning, match="outside.txt'?: symlink leads out"):
        assert [a.id for a in seedcorpus.iter_articles(inside)] == ["a", "alias"]


def test_duplicate_ids_raise(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        shutil.copy(ARTICLES / "h05_heat.txt", tmp_path / sub / "same.txt")
    with pytest.raises(seedcorpus.CorpusError, match="two files have the id 'same'"):
        list_articles(tmp_path)


def test_missing_path_raises_with_advice(tmp_path: Path) -> None:
    with pytest.raises(seedcorpus.CorpusError, match="no such file or folder"):
        list(seedcorpus.iter_articles(tmp_path / "nowhere"))
    with pytest.raises(seedcorpus.CorpusError, match="no such article file"):
        seedcorpus.parse_file(tmp_path / "nowhere.txt")


def copy_bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus_module.bundled_seeds_dir(), seeds)
    monkeypatch.setattr(listing_module, "bundled_seeds_dir", lambda: seeds)
    return seeds


def test_changed_seed_raises_naming_the_file_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = copy_bundled(tmp_path, monkeypatch)
    assert len(list_articles()) >= 1
    target = seeds / f"{SEED_ID}.txt"
    target.write_bytes(target.read_bytes() + b"x")
    with pytest.raises(
        seedcorpus.CorpusError, match=re.escape(f"{SEED_ID}.txt: checksum does not match")
    ):
        list_articles()


def test_missing_or_unlisted_seed_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = copy_bundled(tmp_path, monkeypatch)
    (seeds / "extra.txt").write_text("عنوان")
    with pytest.raises(seedcorpus.CorpusError, match=r"extra\.txt: not listed"):
        seedcorpus.Corpus()
    (seeds / "extra.txt").unlink()
    (seeds / f"{SEED_ID}.txt").unlink()
    with pytest.raises(seedcorpus.CorpusError, match="bundled seed is missing"):
        seedcorpus.Corpus()


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(seedcorpus.CorpusError, match="over the 1000-byte limit"):
        seedcorpus.parse_file(big, options=seedcorpus.ParseOptions(max_bytes=1000))


def test_manifest_lists_every_seed_with_its_hash() -> None:
    folder = corpus_module.bundled_seeds_dir()
    manifest = corpus_module.read_manifest(folder)
    assert sorted(manifest) == sorted(p.name for p in folder.glob("*.txt"))
    for name, digest in manifest.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest


def test_id_order_across_subfolders_and_within_one(tmp_path: Path) -> None:
    for name in ("b/a2.txt", "a/z1.txt", "a/b3.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copy(ARTICLES / "h05_heat.txt", tmp_path / name)
    assert [a.id for a in seedcorpus.iter_articles(tmp_path)] == ["a2", "b3", "z1"]
    assert [a.id for a in seedcorpus.iter_articles(tmp_path / "a")] == ["b3", "z1"]
