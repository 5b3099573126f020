"""The benchmark suite still runs (tiny sizes): its figures are checked by `make bench`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_benchmark_suite_runs_quick(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "run.py"),
            "--quick",
            "--no-chart",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads((tmp_path / "benchmarks.json").read_text())["results"]
    names = " ".join(f["name"] for f in figures)
    for expected in (
        "cold build ratio",
        "parse-only ratio",
        "cached reload",
        "num_proc=2",
        "streaming RSS ratio",
        "import ratio seedcorpus/datasets",
        "growth, keyword line",
        "parse_arrow speed / parse_batch",
        "dedup recall vs exact Jaccard",
        "read-also titles resolved",
        "datatrove time / load_dataset",
        "growth, repeated tag line: peak memory",
        "growth, huge tag line: time",
        "listing ratio Crawl.of/os.walk",
        "dedup growth per doubling, clusters of near-duplicates",
        "short-article dedup recall, adapted to length",
    ):
        assert expected in names
    assert all(f["value"] >= 0 for f in figures)
    assert "| figure | value | target | result |" in (tmp_path / "benchmarks.md").read_text()
