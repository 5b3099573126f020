"""One ParseOptions object through every entry point, each checked to have taken effect."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import datasets
import pyarrow as pa
import pytest

import seedcorpus

UTC = timezone.utc
TEXT = (
    "عنوان الخبر\nتاريخ النشر: 24/09/2023 10:00\nنص لا يذكر البلدين.\nكلمات دلالية: مصر السعودية\n"
)
LEXICON = frozenset({("مصر",), ("السعوديه",)})
OPTIONS = seedcorpus.ParseOptions(
    default_timezone="Asia/Riyadh", known_phrases=LEXICON, id_rule="relative"
)
# With OPTIONS: 10:00 in Riyadh is 07:00 UTC, the lexicon splits the two tags, ids are relative.
WITH = (datetime(2023, 9, 24, 7, tzinfo=UTC), ["مصر", "السعودية"])
WITHOUT = (datetime(2023, 9, 24, 10, tzinfo=UTC), ["مصر السعودية"])


def effect(row: dict[str, object] | seedcorpus.Article) -> tuple[object, object]:
    if isinstance(row, seedcorpus.Article):
        return row.published_at, row.keywords
    return row["published_at"], row["keywords"]


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    (tmp_path / "crawl" / "2023").mkdir(parents=True)
    (tmp_path / "crawl" / "2023" / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path / "crawl"


def test_the_parse_functions(crawl: Path) -> None:
    file = crawl / "2023" / "a.txt"
    assert effect(seedcorpus.parse_article(TEXT, article_id="a")) == WITHOUT
    assert effect(seedcorpus.parse_article(TEXT, article_id="a", options=OPTIONS)) == WITH
    assert (
        effect(seedcorpus.parse_bytes(file.read_bytes(), article_id="a", options=OPTIONS)) == WITH
    )
    assert effect(seedcorpus.parse_file(file, options=OPTIONS)) == WITH


def test_corpus_and_iteration(crawl: Path) -> None:
    corpus = seedcorpus.Corpus(crawl, options=OPTIONS)
    assert corpus.ids == ["2023/a"]
    assert effect(corpus["2023/a"]) == WITH
    (article,) = seedcorpus.iter_articles(crawl, options=OPTIONS)
    assert (article.id, *effect(article)) == ("2023/a", *WITH)


def test_load_dataset_built_and_streaming(crawl: Path, tmp_path: Path) -> None:
    plain = seedcorpus.load_dataset(crawl, cache_dir=str(tmp_path / "c"))
    built = seedcorpus.load_dataset(crawl, options=OPTIONS, cache_dir=str(tmp_path / "c"))
    assert effect(plain[0]) == WITHOUT  # the options are part of the cache key
    assert (built[0]["id"], *effect(built[0])) == ("2023/a", *WITH)
    (row,) = seedcorpus.load_dataset(crawl, options=OPTIONS, streaming=True)
    assert effect(row) == WITH


def test_parse_batch_and_parse_arrow(crawl: Path) -> None:
    rows = datasets.Dataset.from_dict({"id": ["a"], "text": [TEXT]}).map(
        seedcorpus.parse_batch,
        batched=True,
        fn_kwargs={"options": OPTIONS},
        remove_columns=["id", "text"],
        features=seedcorpus.FEATURES,
    )
    assert effect(rows[0]) == WITH
    table = seedcorpus.parse_arrow(pa.table({"id": ["a"], "text": [TEXT]}), OPTIONS)
    assert effect(table.to_pylist()[0]) == WITH


def test_export(crawl: Path, tmp_path: Path) -> None:
    seedcorpus.export(tmp_path / "out.jsonl", crawl, options=OPTIONS)
    row = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert row["id"] == "2023/a"
    assert (row["published_at"], row["keywords"]) == ("2023-09-24T07:00:00Z", WITH[1])


def test_the_command_line_flags_map_onto_the_options(crawl: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "seedcorpus",
            "show",
            "2023/a",
            str(crawl),
            "--json",
            "--default-timezone",
            "Asia/Riyadh",
            "--id-rule",
            "relative",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert seedcorpus.Article.model_validate_json(result.stdout).published_at == WITH[0]
    bad = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "list", "--default-timezone", "Mars/Base"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "IANA" in bad.stderr


def test_the_corpus_lexicon_flag_uses_what_other_articles_settle(crawl: Path) -> None:
    (crawl / "b.txt").write_text(
        "عنوان\nزار الوفد مصر، ثم السعودية.\nكلمات دلالية: مصر السعودية\n", encoding="utf-8"
    )
    command = [sys.executable, "-m", "seedcorpus", "show", "a", "--path", str(crawl), "--json"]
    from seedcorpus.crawl.corpus import corpus_lexicon_of

    assert corpus_lexicon_of(crawl) == LEXICON
    plain = subprocess.run(command, capture_output=True, text=True)
    assert seedcorpus.Article.model_validate_json(plain.stdout).keywords == WITHOUT[1]
    settled = subprocess.run([*command, "--corpus-lexicon"], capture_output=True, text=True)
    assert settled.returncode == 0, settled.stderr
    assert seedcorpus.Article.model_validate_json(settled.stdout).keywords == WITH[1]


def test_options_are_frozen_hashable_and_picklable() -> None:
    assert pickle.loads(pickle.dumps(OPTIONS)) == OPTIONS
    assert hash(OPTIONS) == hash(seedcorpus.ParseOptions(**{**OPTIONS.__dict__}))
    with pytest.raises(AttributeError):
        OPTIONS.strict = True  # type: ignore[misc]
    assert OPTIONS.replace(strict=True).strict
    assert OPTIONS.cache_key() != seedcorpus.ParseOptions().cache_key()
    assert OPTIONS.replace(strict=True).cache_key() == OPTIONS.cache_key()
    with pytest.raises(ValueError, match="id_rule"):
        seedcorpus.ParseOptions(id_rule="guess")  # type: ignore[arg-type]


def test_a_lexicon_behind_a_proxy_is_accepted_and_a_stranger_is_not() -> None:
    lexicon = seedcorpus.keyword_lexicon(seedcorpus.Crawl.of(None))

    class Proxy:
        """Forwards every attribute, as a lazy or remote wrapper does."""

        def __init__(self, target: object) -> None:
            self._target = target

        def __getattr__(self, name: str) -> object:
            return getattr(self._target, name)

    assert seedcorpus.ParseOptions(lexicon=Proxy(lexicon)).lexicon is not None  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="lexicon must be a KeywordLexicon"):
        seedcorpus.ParseOptions(lexicon=object())  # type: ignore[arg-type]
