"""The built wheel carries the seeds and py.typed, and works installed alone outside the tree."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, SEED_ID


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(REPO)],
        check=True,
    )
    (built,) = out.glob("seedcorpus-*.whl")
    return built


def test_wheel_holds_seeds_manifest_and_py_typed(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert f"seedcorpus/seeds/{SEED_ID}.txt" in names
    assert "seedcorpus/seeds/SHA256SUMS" in names
    assert "seedcorpus/py.typed" in names
    bundled = zipfile.ZipFile(wheel).read(f"seedcorpus/seeds/{SEED_ID}.txt")
    assert bundled == (REPO / "seeds" / f"{SEED_ID}.txt").read_bytes()


def test_installed_wheel_loads_corpus_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The wheel's dependencies come from this test environment, read-only, behind the new
    # environment's own site-packages; the package itself comes only from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True
    )
    where = tmp_path / "elsewhere"
    where.mkdir()
    loaded = subprocess.run(
        [
            str(python),
            "-c",
            "import seedcorpus; c = seedcorpus.corpus(); "
            "print(seedcorpus.__file__); print(len(c), c.ids[0])",
        ],
        cwd=where,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert loaded[0].startswith(site)
    seed_count = len(list((REPO / "seeds").glob("*.txt")))
    assert loaded[1] == f"{seed_count} {SEED_ID}"
    listing = subprocess.run(
        [str(env_dir / "bin" / "seedcorpus"), "list"],
        cwd=where,
        capture_output=True,
        text=True,
        check=True,
    )
    assert listing.stdout.startswith(f"{SEED_ID}\t2023-09-24\t")
