"""Training-ready: stable splits, near-duplicate detection, and read-also links as pairs."""

from __future__ import annotations

import json
import logging
import random
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
import yaml

import seedcorpus
from seedcorpus.hf.schema import PAIRS_FEATURES
from seedcorpus.training.splits import split_of_id

UTC = timezone.utc
WORDS = (
    "الحكومة الوزير البرلمان الاقتصاد السوق الطاقة النفط المياه الزراعة التعليم الصحة المدينة "
    "القرية الشرطة المحكمة الجامعة الطلاب الأسعار الذهب الدولار التجارة المصانع الطرق المطار "
    "الميناء الشركات البنوك الضرائب الميزانية الانتخابات الأحزاب الرئيس السفير المؤتمر القمة"
).split()


def story(rng: random.Random, words: int = 90) -> list[str]:
    """Three paragraphs of random words (distinct stories share few 3-word shingles)."""
    text = [rng.choice(WORDS) for _ in range(words)]
    third = words // 3
    return [" ".join(text[i : i + third]) + "." for i in range(0, words, third)]


def write(folder: Path, name: str, title: str, body: list[str], date: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    head = [title] + ([f"تاريخ النشر: {date}"] if date else [])
    (folder / f"{name}.txt").write_text("\n".join(head + body) + "\n", encoding="utf-8")


def corpus(folder: Path, count: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    for i in range(count):
        write(
            folder,
            f"n{seed}-{i:04d}",
            f"خبر رقم {seed}-{i}",
            story(rng),
            f"{1 + i % 28}/0{1 + i % 9}/2023",
        )
    return folder


# Stable splits


def test_split_membership_never_moves_when_files_are_added(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "c", 60)
    before = seedcorpus.load_dataset(
        folder, split=None, split_by="id", cache_dir=str(tmp_path / "1")
    )
    assert set(before) == {"train", "validation", "test"}
    corpus(folder, 100, seed=2)
    after = seedcorpus.load_dataset(
        folder, split=None, split_by="id", cache_dir=str(tmp_path / "2")
    )
    for name in ("train", "validation", "test"):
        assert set(before[name]["id"]) <= set(after[name]["id"])
    assert sum(len(after[n]) for n in after) == 160


def test_id_fractions_hold_and_the_hash_is_the_ids_alone() -> None:
    ids = [f"article-{i}" for i in range(4000)]
    shares = {
        n: sum(split_of_id(i) == n for i in ids) / len(ids) for n in ("train", "validation", "test")
    }
    assert abs(shares["train"] - 0.8) < 0.03
    assert abs(shares["test"] - 0.1) < 0.02
    assert [split_of_id(i, (0.5, 0.25, 0.25)) for i in ids[:50]] == [
        split_of_id(i, (0.5, 0.25, 0.25)) for i in ids[:50]
    ]
    with pytest.raises(ValueError, match="adding up to 1"):
        split_of_id("x", (0.5, 0.5, 0.5))


def test_split_by_date_with_undated_articles_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "c"
    rng = random.Random(3)
    for name, date in (("a", "1/01/2022"), ("b", "1/06/2023"), ("c", "1/06/2024"), ("d", "")):
        write(folder, name, f"عنوان {name}", story(rng), date)
    cutoffs = (datetime(2023, 1, 1, tzinfo=UTC), datetime(2024, 1, 1, tzinfo=UTC))
    with caplog.at_level(logging.WARNING, logger="seedcorpus"):
        parts = seedcorpus.load_dataset(
            folder, split=None, split_by="date", date_cutoffs=cutoffs, cache_dir=str(tmp_path / "x")
        )
    assert {n: parts[n]["id"] for n in parts} == {
        "train": ["a", "d"],
        "validation": ["b"],
        "test": ["c"],
    }
    assert "1 article(s) without a date went to the train split" in caplog.text
    one = seedcorpus.load_dataset(
        folder, split="test", split_by="date", date_cutoffs=cutoffs, cache_dir=str(tmp_path / "x")
    )
    assert isinstance(one, datasets.Dataset)
    assert one["id"] == ["c"]
    with pytest.raises(ValueError, match="needs date_cutoffs"):
        seedcorpus.load_dataset(folder, split_by="date")
    with pytest.raises(ValueError, match="no split 'dev'"):
        seedcorpus.load_dataset(folder, split="dev", cache_dir=str(tmp_path / "x"))


def test_without_split_by_there_is_one_train_split(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "c", 5)
    whole = seedcorpus.load_dataset(folder, split=None, cache_dir=str(tmp_path / "x"))
    assert list(whole) == ["train"]
    assert len(whole["train"]) == 5


def test_streaming_splits_match_the_built_ones(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "c", 30)
    built = seedcorpus.load_dataset(
        folder, split=None, split_by="id", cache_dir=str(tmp_path / "x")
    )
    streamed = seedcorpus.load_dataset(folder, split=None, split_by="id", streaming=True)
    assert {n: [r["id"] for r in streamed[n]] for n in streamed} == {
        n: built[n]["id"] for n in built
    }


def test_export_writes_one_folder_per_split(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "c", 40)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "seedcorpus",
            "export",
            str(tmp_path / "hub"),
            str(folder),
            "--split-by",
            "id",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "hub" / "data").iterdir()) == [
        "test",
        "train",
        "validation",
    ]
    header = yaml.safe_load((tmp_path / "hub" / "README.md").read_text("utf-8").split("---\n")[1])
    assert [f["split"] for f in header["configs"][0]["data_files"]] == [
        "train",
        "validation",
        "test",
    ]
    loaded = datasets.load_dataset(str(tmp_path / "hub"))
    expected = seedcorpus.load_dataset(
        folder, split=None, split_by="id", cache_dir=str(tmp_path / "x")
    )
    assert {n: loaded[n]["id"] for n in loaded} == {n: expected[n]["id"] for n in expected}
    with pytest.raises(ValueError, match="use the hf format"):
        seedcorpus.export(tmp_path / "a.jsonl", folder, split_by="id")


# Duplicates


def planted(folder: Path) -> dict[str, str]:
    """Distinct stories plus edited, re-titled and truncated copies; copy id -> original id."""
    rng = random.Random(9)
    originals = {}
    for i in range(20):
        body = story(rng)
        write(folder, f"o{i:02d}", f"خبر أصلي {i}", body, f"{1 + i}/03/2023")
        originals[f"o{i:02d}"] = body
    copies = {}
    for i, (name, body) in enumerate(list(originals.items())[:8]):
        kind = i % 4
        if kind == 0:  # an exact copy published later by another outlet
            write(folder, f"z{i}", f"خبر أصلي {int(name[1:])}", body, "28/03/2023")
        elif kind == 1:  # a few words edited
            words = " ".join(body).split()
            words[5], words[40] = "تعديل", "آخر"
            write(folder, f"z{i}", f"خبر أصلي {int(name[1:])}", [" ".join(words)], "28/03/2023")
        elif kind == 2:  # re-titled
            write(folder, f"z{i}", "عنوان جديد تماما للخبر", body, "28/03/2023")
        else:  # truncated: the last sentence dropped... but most of the story kept
            words = " ".join(body).split()
            write(
                folder, f"z{i}", f"خبر أصلي {int(name[1:])}", [" ".join(words[:85])], "28/03/2023"
            )
        copies[f"z{i}"] = name
    return copies


def test_planted_copies_are_found_and_distinct_articles_are_not(tmp_path: Path) -> None:
    copies = planted(tmp_path / "c")
    clusters = seedcorpus.duplicates(tmp_path / "c")
    assert sorted(clusters) == sorted(sorted([orig, copy]) for copy, orig in copies.items())


def test_dedup_keeps_the_earliest_and_reports(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copies = planted(tmp_path / "c")
    with caplog.at_level(logging.WARNING, logger="seedcorpus"):
        kept = seedcorpus.load_dataset(tmp_path / "c", dedup=True, cache_dir=str(tmp_path / "x"))
    assert sorted(kept["id"]) == sorted(f"o{i:02d}" for i in range(20))
    assert f"dropped {len(copies)} duplicate article(s) of 28" in caplog.text
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "dedup", str(tmp_path / "c")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(line.split("\t") for line in result.stdout.splitlines()) == sorted(
        sorted([orig, copy]) for copy, orig in copies.items()
    )


# Related-article pairs


def linked(folder: Path) -> None:
    rng = random.Random(5)
    write(folder, "t1", "ارتفاع أسعار الذهب في مصر اليوم", story(rng), "1/01/2024")
    write(folder, "t2", "الحكومة تعلن خطة جديدة للمياه والزراعة", story(rng), "1/01/2024")
    write(folder, "t3", "الرئيس يستقبل السفير في القاهرة", story(rng), "1/01/2024")
    write(folder, "t4", "الرئيس يستقبل السفير في الإسكندرية", story(rng), "1/01/2024")
    related = [
        "اقرأ أيضا:",
        "ارتفاع أسعار الذهب في مصر اليوم",  # exact
        "الحكومه تعلن خطه جديده للمياه والزراعه",  # folded spelling
        "ارتفاع أسعار الذهب في م...",  # cut short, one article fits
        "الرئيس يستقبل السفير في...",  # cut short, two fit: ambiguous
        "خبر لا وجود له في المجموعة",  # unknown
    ]
    (folder / "a0.txt").write_text(
        "مقال\n" + "\n".join(story(rng)) + "\n" + "\n".join(related) + "\n", "utf-8"
    )


def test_links_resolve_exact_folded_and_cut_titles_and_stay_none_otherwise(tmp_path: Path) -> None:
    linked(tmp_path / "c")
    links = list(seedcorpus.related(tmp_path / "c"))
    assert [(link.article_id, link.target_id) for link in links] == [
        ("a0", "t1"),
        ("a0", "t2"),
        ("a0", "t1"),
        ("a0", None),
        ("a0", None),
    ]
    assert links[1].title == "الحكومه تعلن خطه جديده للمياه والزراعه"  # as written


def test_related_command_and_pairs_export(tmp_path: Path) -> None:
    linked(tmp_path / "c")
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "related", str(tmp_path / "c"), "--json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["target_id"] for r in rows] == ["t1", "t2", "t1", None, None]
    assert "3 of 5 read-also titles resolved" in result.stderr
    assert seedcorpus.export(tmp_path / "pairs.parquet", tmp_path / "c", output_format="pairs") == 3
    table = pq.read_table(tmp_path / "pairs.parquet")
    assert table.schema.remove_metadata() == PAIRS_FEATURES.arrow_schema.remove_metadata()
    first = table.to_pylist()[0]
    assert (first["anchor_id"], first["related_id"]) == ("a0", "t1")
    assert first["related_text"].startswith("ارتفاع أسعار الذهب في مصر اليوم\n\n")
    assert seedcorpus.export(tmp_path / "pairs.jsonl", tmp_path / "c", output_format="pairs") == 3


# Near duplicates: short articles, capped bucket work, the command line


def edited(rng: random.Random, words: list[str], count: int) -> list[str]:
    """A copy with ``count`` words replaced by other words, at distinct places."""
    copy = list(words)
    for at in rng.sample(range(len(words)), count):
        copy[at] = next(w for w in rng.sample(WORDS, 2) if w != words[at])
    return copy


def test_two_words_changed_in_a_short_article_are_found() -> None:
    rng = random.Random(21)
    articles = []
    for i in range(40):
        words = [rng.choice(WORDS) for _ in range(70)]
        articles.append(seedcorpus.Article(id=f"a{i:02d}", title="", body=[" ".join(words)]))
        copy = edited(rng, words, 2)
        articles.append(seedcorpus.Article(id=f"b{i:02d}", title="", body=[" ".join(copy)]))
    expected = [[f"a{i:02d}", f"b{i:02d}"] for i in range(40)]
    assert seedcorpus.training.dedup.duplicate_clusters(articles) == expected


def test_short_articles_that_share_only_a_lead_are_not_duplicates() -> None:
    rng = random.Random(22)
    lead = "أعلنت وزارة الصحة، اليوم، في بيان رسمي نشرته على موقعها عن تسجيل حالات جديدة".split()
    articles = [
        seedcorpus.Article(
            id=f"s{i:02d}", title="", body=[" ".join(lead + [rng.choice(WORDS) for _ in range(30)])]
        )
        for i in range(40)
    ]
    assert seedcorpus.training.dedup.duplicate_clusters(articles) == []


def test_the_threshold_adapts_below_the_reference_length_only() -> None:
    from seedcorpus.training.dedup import REFERENCE_SHINGLES, SHORT_FLOOR, pair_threshold

    assert pair_threshold(0.8, REFERENCE_SHINGLES, 10) == 0.8  # the longer article decides
    assert pair_threshold(0.8, 500, 500) == 0.8
    short = [pair_threshold(0.8, size, size) for size in (5, 30, 50, 68, 90)]
    assert short == sorted(short)
    assert short[0] == SHORT_FLOOR
    assert 0.7 < short[3] < 0.75  # a 70-word article tolerates two edited words
    assert pair_threshold(0.4, 30, 30) == 0.4  # never above the threshold asked for


def test_bucket_work_is_capped_and_each_pair_is_verified_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from seedcorpus.training import dedup

    verified: list[tuple[str, str]] = []
    needed = dedup._NearDuplicates._needed

    def counting(self: dedup._NearDuplicates, first: str, second: str) -> float:
        verified.append((first, second))
        return needed(self, first, second)

    monkeypatch.setattr(dedup._NearDuplicates, "_needed", counting)
    rng = random.Random(23)
    story_words = " ".join(story(rng, 150)).split()
    count = 1500
    copies = [
        seedcorpus.Article(id=f"c{i:05d}", title="", body=[" ".join(edited(rng, story_words, 2))])
        for i in range(count)
    ]
    clusters = dedup.duplicate_clusters(copies)
    assert len(verified) == len(set(verified))
    # All pairs would be count * (count - 1) / 2 (over a million); the caps keep it linear.
    assert len(verified) < 20 * count
    assert sum(len(c) for c in clusters) >= 0.99 * count


def test_dedup_command_prints_json_with_the_id_kept(tmp_path: Path) -> None:
    copies = planted(tmp_path / "c")
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "dedup", str(tmp_path / "c"), "--json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(row["ids"] for row in rows) == sorted(
        sorted([orig, copy]) for copy, orig in copies.items()
    )
    # Each original is dated before its copy, so it is the one kept.
    assert sorted(row["keep"] for row in rows) == sorted(copies.values())


def test_dedup_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    corpus(tmp_path / "c", 3)
    code = (
        "import sys; sys.modules['datasketch'] = None\n"
        "from seedcorpus.cli.main import main\n"
        f"sys.exit(main(['dedup', {str(tmp_path / 'c')!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "seedcorpus: error: near-duplicate detection needs the dedup extra: "
        "pip install 'seedcorpus[dedup]'"
    ]


def test_duplicates_without_the_extra_raise_an_import_error_with_the_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus(tmp_path / "c", 3)
    monkeypatch.setitem(sys.modules, "datasketch", None)
    with pytest.raises(ImportError, match=r"pip install 'seedcorpus\[dedup\]'") as caught:
        seedcorpus.duplicates(tmp_path / "c")
    assert isinstance(caught.value, seedcorpus.SeedcorpusError)


# Why a read-also title stays unresolved


def unresolvable(folder: Path) -> None:
    rng = random.Random(6)
    write(folder, "t1", "الرئيس يستقبل السفير في القاهرة", story(rng), "1/01/2024")
    write(folder, "t2", "الرئيس يستقبل السفير في الإسكندرية", story(rng), "1/01/2024")
    write(folder, "t3", "ارتفاع أسعار الذهب اليوم", story(rng), "1/01/2024")
    write(folder, "t4", "ارتفاع أسعار الذهب اليوم", story(rng), "2/01/2024")
    related = [
        "اقرأ أيضا:",
        "ارتفاع أسعار الذهب اليوم",  # two articles share this title
        "الرئيس يستقبل السفير في...",  # cut short, two titles start so
        "خبر لا وجود له في المجموعة",  # no article has it
        "مقال يذكر نفسه",  # the article itself
        "الرئيس يستقبل السفير في القاهرة",  # resolved
    ]
    (folder / "a0.txt").write_text(
        "مقال يذكر نفسه\n" + "\n".join(story(rng)) + "\n" + "\n".join(related) + "\n", "utf-8"
    )


def test_unresolved_links_say_why_in_python(tmp_path: Path) -> None:
    unresolvable(tmp_path / "c")
    links = list(seedcorpus.related(tmp_path / "c"))
    assert [(link.target_id, link.reason, link.candidates) for link in links] == [
        (None, "ambiguous", ("t3", "t4")),
        (None, "ambiguous-prefix", ("t1", "t2")),
        (None, "unknown", ()),
        (None, "self", ()),
        ("t1", None, ()),
    ]
    from seedcorpus.training.related import UNRESOLVED_REASONS

    assert {link.reason for link in links} - {None} <= set(UNRESOLVED_REASONS)


def test_unresolved_links_say_why_on_the_command_line(tmp_path: Path) -> None:
    unresolvable(tmp_path / "c")
    command = [sys.executable, "-m", "seedcorpus", "related", str(tmp_path / "c")]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(row[1], row[3:]) for row in rows] == [
        ("-", ["ambiguous t3 t4"]),
        ("-", ["ambiguous-prefix t1 t2"]),
        ("-", ["unknown"]),
        ("-", ["self"]),
        ("t1", []),
    ]
    assert (
        "1 of 5 read-also titles resolved; unresolved: 1 ambiguous, 1 ambiguous-prefix, "
        "1 self, 1 unknown" in result.stderr
    )
    as_json = subprocess.run([*command, "--json"], capture_output=True, text=True)
    first = json.loads(as_json.stdout.splitlines()[0])
    assert (first["reason"], first["candidates"]) == ("ambiguous", ["t3", "t4"])


def test_title_index_explains_every_kind_of_miss() -> None:
    from seedcorpus.training.related import MAX_CANDIDATES, Resolution, TitleIndex

    articles = [
        seedcorpus.Article(id=f"r{i:02d}", title=f"الحكومة تعلن خطة رقم {i}", body=["نص."])
        for i in range(MAX_CANDIDATES + 5)
    ]
    index = TitleIndex(articles)
    assert index.explain("الحكومة تعلن خطة رقم 3") == Resolution("r03")
    assert index.resolve("الحكومة تعلن خطة رقم 3") == "r03"
    assert index.explain("...") == Resolution(None, "empty")
    assert index.explain("خبر آخر تماما...") == Resolution(None, "unknown")
    cut = index.explain("الحكومة تعلن خطة...")
    assert (cut.target_id, cut.reason) == (None, "ambiguous-prefix")
    assert len(cut.candidates) == MAX_CANDIDATES
    assert index.resolve("الحكومة تعلن خطة...") is None
