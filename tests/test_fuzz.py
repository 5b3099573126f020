"""The fuzz target runs briefly on every test run, and every saved crash stays fixed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import seedcorpus
from conftest import ARTICLES, REPO

sys.path.insert(0, str(REPO / "fuzz"))
from fuzz_parse import check

CRASHES = sorted(p for p in (REPO / "tests" / "fuzz_crashes").glob("crash-*"))


def test_saved_crash_inputs_no_longer_crash() -> None:
    assert (REPO / "tests" / "fuzz_crashes" / "README.md").is_file()
    for crash in CRASHES:
        check(crash.read_bytes())


SEEDS = sorted(ARTICLES.glob("*.txt")) + sorted((REPO / "fuzz" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_fuzz_property_holds_on_the_seed_inputs(seed: Path) -> None:
    check(seed.read_bytes())


def test_the_fuzz_seeds_cover_every_defect_code() -> None:
    codes: set[str] = set()
    for seed in SEEDS:
        codes |= check(seed.read_bytes())
    assert codes == {code.value for code in seedcorpus.DefectCode}


def test_fuzz_target_runs_briefly(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in ARTICLES.glob("*.txt"):
        (corpus / article.name).write_bytes(article.read_bytes())
    crashes = tmp_path / "crashes"
    crashes.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "fuzz" / "fuzz_parse.py"),
            "-runs=400",
            "-max_total_time=20",
            "--seconds=5",
            f"-artifact_prefix={crashes}/",
            str(corpus),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert list(crashes.iterdir()) == []


def test_hypothesis_fallback_runs_without_atheris(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['atheris'] = None; sys.path.insert(0, 'fuzz'); "
        "import fuzz_parse; "
        f"sys.exit(fuzz_parse.main(['x', '--seconds=2', '-artifact_prefix={tmp_path}/']))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert list(tmp_path.iterdir()) == []
