"""Every Python example in docs/ runs as written (offline, in a clean process)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO

BLOCK = re.compile(r"^( *)```python\n(.*?)^ *```", re.DOTALL | re.MULTILINE)
# A page's blocks run in order in one folder (a later block may use what an earlier one wrote),
# each in a fresh process.
PAGES = [
    pytest.param([textwrap.dedent(code) for _, code in blocks], id=page.stem)
    for page in sorted((REPO / "docs").glob("*.md"))
    if (blocks := BLOCK.findall(page.read_text(encoding="utf-8")))
]


def test_the_training_loop_example_exists() -> None:
    page = (REPO / "docs" / "huggingface.md").read_text(encoding="utf-8")
    assert "split_dataset_by_node" in page
    assert "shuffle(seed=" in page


@pytest.mark.parametrize("blocks", PAGES)
def test_docs_examples_run_in_order(blocks: list[str], tmp_path: Path) -> None:
    env = dict(os.environ, HF_HOME=str(tmp_path / "hf"))
    for index, code in enumerate(blocks):
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env
        )
        assert result.returncode == 0, f"block {index}: {result.stderr[-3000:]}"
        assert result.stdout.strip(), f"block {index} printed nothing"
