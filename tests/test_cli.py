"""The command line: every command, its output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import seedcorpus
from conftest import ARTICLES, SEED_ID, list_articles
from seedcorpus.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_id_date_title(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert f"{SEED_ID}\t2023-09-24\tلافروف يطير إلى كوريا الشمالية الشهر المقبل\n" in out


def test_show_readable_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", SEED_ID)
    assert code == 0
    assert "# لافروف" in out
    assert "تاس الروسية" in out
    code, out, _ = run(capsys, "show", SEED_ID, "--json")
    assert code == 0
    assert seedcorpus.Article.model_validate_json(out) == seedcorpus.Corpus()[SEED_ID]


def test_show_unknown_id_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "nope")
    assert code == 2
    assert "no article with id 'nope'" in err


def test_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate")[0] == 0
    assert run(capsys, "validate", "--strict", str(ARTICLES))[0] == 0
    bad = tmp_path / "bad.txt"
    bad.write_text("عنوان\nتاريخ النشر: 31st, February 2024 GMT\nنص.\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 0
    assert out.startswith(f"{bad}:2: impossible-date: ")
    assert run(capsys, "validate", "--strict", str(bad))[0] == 1
    assert run(capsys, "validate", str(tmp_path / "missing"))[0] == 2


def test_export_jsonl_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "export", str(out_file), str(ARTICLES), "--format", "jsonl")
    assert code == 0
    assert "wrote 3 articles" in out
    rows = out_file.read_text(encoding="utf-8").splitlines()
    assert [seedcorpus.Article.model_validate_json(r) for r in rows] == list_articles(ARTICLES)


def test_stats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", str(ARTICLES))
    summary = json.loads(out)
    assert code == 0
    assert summary["articles"] == 3
    assert summary["first_date"].startswith("2023-09-24")
    assert summary["last_date"].startswith("2024-07-11")
    assert summary["top_sources"] == {"صدى البلد": 1, "مصراوي": 1, "كونا": 1}


@pytest.mark.parametrize("command", ["list", "show", "validate", "export", "stats"])
def test_every_command_has_help(command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", command, "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "usage: seedcorpus " + command in result.stdout


def test_usage_error_exits_2() -> None:
    result = subprocess.run([sys.executable, "-m", "seedcorpus", "frobnicate"], capture_output=True)
    assert result.returncode == 2
