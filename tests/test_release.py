"""Release readiness: sdist and wheel contents, metadata, and the wheel installed on its own."""

from __future__ import annotations

import email
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

import seedcorpus
from conftest import REPO, SEED_ID

# Builds the sdist and wheel and installs the wheel: slow, so only `make release-check` runs it.
pytestmark = pytest.mark.release


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("seedcorpus-*.whl")
    (sdist,) = out.glob("seedcorpus-*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def test_twine_check_strict_passes(dists: dict[str, Path]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dists.values())],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_wheel_holds_seeds_manifest_licence_and_py_typed(dists: dict[str, Path]) -> None:
    wheel = zipfile.ZipFile(dists["wheel"])
    names = set(wheel.namelist())
    for seed in (REPO / "seeds").iterdir():
        assert f"seedcorpus/seeds/{seed.name}" in names
        assert wheel.read(f"seedcorpus/seeds/{seed.name}") == seed.read_bytes()
    assert "seedcorpus/py.typed" in names
    assert "seedcorpus/reporting/templates/report.html.j2" in names  # the report's page template
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_sdist_holds_tests_docs_and_seeds(dists: dict[str, Path]) -> None:
    with tarfile.open(dists["sdist"]) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    for expected in (
        f"seeds/{SEED_ID}.txt",
        "seeds/SHA256SUMS",
        "tests/test_gold.py",
        "tests/data/gold/h05_heat.json",
        "docs/index.md",
        "mkdocs.yml",
        "LICENSE",
    ):
        assert expected in names


def test_metadata(dists: dict[str, Path]) -> None:
    wheel = zipfile.ZipFile(dists["wheel"])
    (meta_name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    meta = email.message_from_bytes(wheel.read(meta_name))
    assert meta["Version"] == seedcorpus.__version__
    assert meta["License-Expression"] == "MIT"
    assert "publishers" in meta["Summary"]
    classifiers = meta.get_all("Classifier") or []
    for expected in (
        "Natural Language :: Arabic",
        "Typing :: Typed",
        "Programming Language :: Python :: 3.10",
    ):
        assert expected in classifiers
    urls = " ".join(meta.get_all("Project-URL") or [])
    assert "Documentation" in urls
    assert "Source" in urls
    assert meta.get_content_type() == "text/plain" or meta.get_payload()
    assert "make demo" in str(meta.get_payload())
    assert "report" in (meta.get_all("Provides-Extra") or [])


def test_installed_wheel_works_outside_the_source_tree(
    dists: dict[str, Path], tmp_path: Path
) -> None:
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Dependencies come from this test environment, read-only, behind the new environment's own
    # site-packages; the package itself comes only from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(dists["wheel"])],
        check=True,
    )
    where = tmp_path / "elsewhere"
    where.mkdir()
    env = {
        "HF_HOME": str(tmp_path / "hf"),
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "PATH": "/usr/bin:/bin",
    }
    loaded = subprocess.run(
        [
            str(python),
            "-c",
            "import seedcorpus; c = seedcorpus.Corpus(); "
            "print(seedcorpus.Article.__module__ and seedcorpus.__file__); print(len(c), c.ids[0])",
        ],
        cwd=where,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.splitlines()
    assert loaded[0].startswith(site)
    assert loaded[1] == f"{len(list((REPO / 'seeds').glob('*.txt')))} {SEED_ID}"
    script = str(env_dir / "bin" / "seedcorpus")
    listing = subprocess.run(
        [script, "list"], cwd=where, capture_output=True, text=True, check=True, env=env
    )
    assert listing.stdout.startswith(f"{SEED_ID}\t2023-09-24\t")
    exported = subprocess.run(
        [script, "export", "out", "--format", "hf"],
        cwd=where,
        capture_output=True,
        text=True,
        env=env,
    )
    assert exported.returncode == 0, exported.stderr[-2000:]
    assert len(list((where / "out" / "data").glob("train-*-00000-of-00001.parquet"))) == 1
    card = (where / "out" / "README.md").read_text(encoding="utf-8")
    assert f"parser_version: {seedcorpus.__version__}" in card
    assert f"corpus_version: {seedcorpus.CORPUS_VERSION}" in card
