"""What a new user meets first: dataset metadata, the text column, cards for their own crawl."""

from __future__ import annotations

import inspect
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import datasets
import pytest
import yaml

import seedcorpus
from conftest import ARTICLES, REPO, SEED_ID
from seedcorpus.hf import dataset as hf
from seedcorpus.hf.schema import TEXT_FEATURES
from seedcorpus.hf.views import row_features


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
        skip_unreadable=False,
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
        "seedcorpus validate",
    ]
    positions = [out.index(mark) for mark in marks]
    assert positions == sorted(positions)


def test_the_demos_next_steps_run_as_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from seedcorpus.cli import demo

    monkeypatch.chdir(tmp_path)  # outside the clone: the venv is not on PATH, not below here
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    steps = demo.next_steps()
    commands = [line.split("  #")[0].strip() for line in steps.splitlines() if line[:4] == " " * 4]
    assert len(commands) == 4
    assert all(c.startswith(str(Path(sys.executable).parent)) for c in commands)
    for command in commands:
        result = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr)
    assert (tmp_path / "crawl.parquet").is_file()


def test_the_demo_names_the_venvs_commands_as_they_run_from_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from seedcorpus.cli import demo

    venv_bin = Path(sys.executable).parent
    monkeypatch.chdir(venv_bin.parent.parent)  # the clone, as after `make demo`
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert demo.runnable("seedcorpus") == f"{venv_bin.parent.name}/bin/seedcorpus"
    monkeypatch.setenv("PATH", f"{venv_bin}:/usr/bin:/bin")  # an activated venv
    assert demo.runnable("seedcorpus") == "seedcorpus"
    assert demo.runnable("python") == "python"


def test_loading_the_bundled_corpus_twice_says_nothing_of_other_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # One cache holding a crawl's tables (library version) and the bundled one (corpus version).
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "hf")
    monkeypatch.setattr(logging.getLogger("datasets"), "propagate", True)  # for caplog
    caplog.set_level(logging.WARNING, logger="datasets")
    seedcorpus.load_dataset()
    seedcorpus.load_dataset(ARTICLES)
    for _ in range(2):
        seedcorpus.load_dataset()
        assert next(iter(seedcorpus.load_dataset(streaming=True)))["id"] == SEED_ID
        assert len(list(seedcorpus.load_dataset(ARTICLES, streaming=True))) == 3
    assert [r.message for r in caplog.records if "different version" in r.message] == []


def test_split_slicing_works_as_in_datasets(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    for i in range(20):
        (folder / f"a{i:02d}.txt").write_text(f"عنوان {i}\nفقرة {i}.", encoding="utf-8")
    cache = str(tmp_path / "c")
    ids = [f"a{i:02d}" for i in range(20)]
    assert seedcorpus.load_dataset(folder, split="train[:10%]", cache_dir=cache)["id"] == ids[:2]
    assert seedcorpus.load_dataset(folder, split="train[5:8]", cache_dir=cache)["id"] == ids[5:8]
    assert seedcorpus.load_dataset(folder, split="train[-10%:]", cache_dir=cache)["id"] == ids[18:]
    parts = seedcorpus.load_dataset(folder, split=None, split_by="id", cache_dir=cache)
    both = seedcorpus.load_dataset(folder, split="train[:50%]+test", split_by="id", cache_dir=cache)
    half = list(parts["train"]["id"])[: round(len(parts["train"]) * 0.5)]
    assert list(both["id"]) == half + list(parts["test"]["id"])
    with pytest.raises(ValueError, match="Unknown split"):
        seedcorpus.load_dataset(folder, split="test[:10%]", cache_dir=cache)
    with pytest.raises(ValueError, match="take"):
        seedcorpus.load_dataset(folder, split="train[:10%]", streaming=True)
    with pytest.raises(ValueError, match="no split 'tset'"):
        seedcorpus.load_dataset(folder, split="tset", cache_dir=cache)


def test_the_strict_shortcut_raises_also_from_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "a.txt").write_text("عنوان\nتاريخ النشر: 2nd, May 2024\nنص.", encoding="utf-8")
    (folder / "b.txt").write_text("عنوان\nتاريخ النشر: منذ 3 ساعات\nنص.", encoding="utf-8")
    cache = str(tmp_path / "c")
    for _ in range(2):  # a fresh build, then a cache that a lenient load built
        with pytest.raises(seedcorpus.ParseError) as raised:
            seedcorpus.load_dataset(folder, strict=True, cache_dir=cache)
        assert (raised.value.code, raised.value.line) == (seedcorpus.DefectCode.RELATIVE_DATE, 2)
        assert raised.value.path is not None
        assert raised.value.path.endswith("b.txt")
        assert len(seedcorpus.load_dataset(folder, cache_dir=cache)) == 2
    stream = seedcorpus.load_dataset(folder, strict=True, streaming=True)
    with pytest.raises(seedcorpus.ParseError):
        list(stream)


def test_with_path_adds_provenance_that_exports_leave_out(tmp_path: Path) -> None:
    cache = str(tmp_path / "c")
    built = seedcorpus.load_dataset(ARTICLES, with_path=True, cache_dir=cache)
    plain = seedcorpus.load_dataset(ARTICLES, cache_dir=cache)
    articles = list(seedcorpus.iter_articles(ARTICLES))
    assert built["path"] == [str(ARTICLES / f"{a.id}.txt") for a in articles]
    assert "path" not in plain.column_names
    assert built.features == row_features(with_path=True)
    rows = built.remove_columns("path")
    assert [seedcorpus.Article.model_validate(r) for r in rows] == articles
    stream = seedcorpus.load_dataset(ARTICLES, with_path=True, streaming=True)
    assert [row["path"] for row in stream] == built["path"]
    seedcorpus.export(tmp_path / "hub", ARTICLES, output_format="hf")
    assert "path" not in datasets.load_dataset(str(tmp_path / "hub"), split="train").column_names


def test_the_help_and_the_readme_tell_the_truth() -> None:
    from seedcorpus.cli.arguments import build_parser

    commands = ("list", "show", "validate", "export", "dedup", "related", "stats", "report")
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-m", "seedcorpus", command, "--help"],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "300"},  # no line break inside `@paths-file`
        )
        assert result.returncode == 0, command
        flat = " ".join(result.stdout.split())
        assert "URL" in flat, command
        assert "@paths-file" in flat, command
    assert build_parser().parse_args(["report", "x"]).out == "report.html"
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "`Article.text` is the title, then the body paragraphs" in readme
    article = seedcorpus.Corpus()[SEED_ID]
    assert article.text.startswith(article.title + "\n\n" + article.body[0])
    assert ".venv/bin/seedcorpus" in readme
    assert "source .venv/bin/activate" in readme


def test_browser_tests_skip_with_a_reason_and_fail_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    import test_docs_rendering
    from test_docs_rendering import need_browser

    monkeypatch.setattr(test_docs_rendering.docs_shots, "chromium", lambda: None)
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        need_browser()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser tests"):
        need_browser()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make browser" in ci.split("make test")[0]  # Chromium first, then the tests
    assert "CI=" in ci
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nbrowser:")[1].split("\n\n")[0]
    assert "apt-get update" in recipe
    assert "apt-get install -y" in recipe
    assert "chromium" in recipe


def test_the_docs_name_exactly_the_entry_points_with_the_strict_shortcut() -> None:
    def takes_strict(name: str) -> bool:
        value = getattr(seedcorpus, name)
        if name == "ParseOptions" or not callable(value):  # the options themselves
            return False
        try:
            return "strict" in inspect.signature(value).parameters
        except (TypeError, ValueError):
            return False

    text = " ".join((REPO / "docs" / "format.md").read_text(encoding="utf-8").split())
    sentence = text.split("`strict=True` is also a keyword shortcut")[1].split(";")[0]
    assert set(re.findall(r"`(\w+)`", sentence)) == set(filter(takes_strict, seedcorpus.__all__))
    assert "load_dataset" in sentence
