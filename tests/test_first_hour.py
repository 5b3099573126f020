"""What a new user meets first: dataset metadata, the text column, cards for their own crawl."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import datasets
import pytest
import yaml

import seedcorpus
from conftest import ARTICLES, SEED_ID
from seedcorpus.hf import dataset as hf
from seedcorpus.hf.schema import TEXT_FEATURES


def card_header(folder: Path) -> dict[str, object]:
    text = (folder / "README.md").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text.split("---\n")[1]))


def test_the_bundled_dataset_describes_itself(tmp_path: Path) -> None:
    info = seedcorpus.load_dataset(cache_dir=str(tmp_path)).info
    assert "Arabic news articles" in info.description
    assert info.citation.startswith("@software{seedcorpus,")
    assert f"version = {{{seedcorpus.__version__}}}" in info.citation
    assert info.homepage.startswith("https://")
    assert "publishers" in info.license
    assert str(info.version) == seedcorpus.CORPUS_VERSION


def test_a_users_crawl_does_not_claim_the_bundled_corpus(tmp_path: Path) -> None:
    info = seedcorpus.load_dataset(ARTICLES, cache_dir=str(tmp_path / "c")).info
    assert str(info.version) == seedcorpus.__version__
    assert info.license.startswith("unknown")
    seedcorpus.export(tmp_path / "plain", ARTICLES, output_format="hf")
    header = card_header(tmp_path / "plain")
    assert header["pretty_name"] == "Arabic news articles"
    assert header["license"] == "unknown"
    assert "corpus_version" not in header
    card = (tmp_path / "plain" / "README.md").read_text(encoding="utf-8")
    assert "Datasheet for the bundled corpus" not in card
    assert "صدى البلد" not in card.split("## Datasheet")[1].split("##")[0]
    croissant = json.loads((tmp_path / "plain" / "croissant.json").read_text("utf-8"))
    assert croissant["name"] == "Arabic news articles"
    assert "version" not in croissant


def test_card_options_name_licence_and_version(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "seedcorpus",
            "export",
            str(tmp_path / "out"),
            str(ARTICLES),
            "--name",
            "My crawl",
            "--license",
            "cc-by-4.0",
            "--version",
            "1.2.0",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    header = card_header(tmp_path / "out")
    assert (header["pretty_name"], header["license"]) == ("My crawl", "cc-by-4.0")
    assert header["dataset_version"] == "1.2.0"
    croissant = json.loads((tmp_path / "out" / "croissant.json").read_text("utf-8"))
    assert (croissant["name"], croissant["license"], croissant["version"]) == (
        "My crawl",
        "cc-by-4.0",
        "1.2.0",
    )
    version = subprocess.run(
        [sys.executable, "-m", "seedcorpus", "--version"], capture_output=True, text=True
    )
    assert version.stdout.strip() == f"seedcorpus {seedcorpus.__version__}"


def test_the_bundled_export_claims_the_corpus_version_and_datasheet(tmp_path: Path) -> None:
    seedcorpus.export(tmp_path / "out")
    header = card_header(tmp_path / "out")
    assert header["corpus_version"] == seedcorpus.CORPUS_VERSION
    assert header["pretty_name"] == "seedcorpus Arabic news articles"
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "```bibtex\n@software{seedcorpus," in card


def test_a_text_column_for_language_models_keeps_the_round_trip(tmp_path: Path) -> None:
    built = seedcorpus.load_dataset(ARTICLES, cache_dir=str(tmp_path / "c"), text_column=True)
    plain = seedcorpus.load_dataset(ARTICLES, cache_dir=str(tmp_path / "c"))
    assert built.features == TEXT_FEATURES
    assert plain.features == seedcorpus.FEATURES
    articles = list(seedcorpus.iter_articles(ARTICLES))
    assert built["text"] == [a.text for a in articles]
    assert built["text"][0].startswith(articles[0].title + "\n\n" + articles[0].body[0])
    assert [seedcorpus.Article.model_validate(row) for row in built] == articles
    seedcorpus.export(tmp_path / "t.jsonl", ARTICLES, text_column=True)
    rows = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text("utf-8").splitlines()]
    assert [r["text"] for r in rows] == [a.text for a in articles]
    seedcorpus.export(tmp_path / "hub", ARTICLES, output_format="hf", text_column=True)
    assert datasets.load_dataset(str(tmp_path / "hub"), split="train").features == TEXT_FEATURES


def test_jsonl_reads_back_exactly_with_the_features(tmp_path: Path) -> None:
    seedcorpus.export(tmp_path / "a.jsonl", ARTICLES)
    guessed = datasets.load_dataset("json", data_files=str(tmp_path / "a.jsonl"), split="train")
    assert guessed.features != seedcorpus.FEATURES  # why the docs say to pass features=
    exact = datasets.load_dataset(
        "json",
        data_files=str(tmp_path / "a.jsonl"),
        features=seedcorpus.FEATURES,
        split="train",
        cache_dir=str(tmp_path / "c"),
    )
    assert exact.features == seedcorpus.FEATURES
    assert [seedcorpus.Article.model_validate(r) for r in exact] == list(
        seedcorpus.iter_articles(ARTICLES)
    )


def test_preparing_shows_a_bar_with_a_total(capfd: pytest.CaptureFixture[str]) -> None:
    built = hf.builder(ARTICLES, cached=False)
    (generator,) = built._split_generators(None)
    assert generator.split_info.num_examples == 3  # the bar's total, so it shows an ETA


def test_the_cli_bar_is_never_drawn_over_rows_on_the_same_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import argparse

    from seedcorpus.cli import main as cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(cli, "PROGRESS_MIN_FILES", 1)
    args = argparse.Namespace(
        default_timezone="UTC",
        max_bytes=1 << 20,
        id_rule="stem",
        num_proc=1,
        storage_options={},
    )
    assert not cli._run(args, str(ARTICLES), rows_on_stdout=True).bar
    assert cli._run(args, str(ARTICLES), rows_on_stdout=False).bar


def test_the_seed_is_one_sample_article() -> None:
    assert seedcorpus.Corpus().ids == [SEED_ID]


def test_the_demo_shows_the_four_parts_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    from seedcorpus.cli import demo

    assert demo.main() == 0
    out = capsys.readouterr().out
    marks = [
        "Parsed 1 sample article",
        "published_at=datetime.datetime(2023, 9, 24",
        "keywords=['الجمعية العامة للأمم المتحدة'",
        "RelatedArticle(title=",
        "Dataset({",
        "published_at: Value('timestamp[us, tz=UTC]')",
        "seedcorpus validate path/to/crawl/",
    ]
    positions = [out.index(mark) for mark in marks]
    assert positions == sorted(positions)
