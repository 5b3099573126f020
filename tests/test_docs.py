"""The documentation states what the code does: every defect code with its description."""

from __future__ import annotations

from conftest import REPO
from seedcorpus.errors import DEFECT_DESCRIPTIONS


def test_defect_table_lists_every_code_with_its_description() -> None:
    table = (REPO / "docs" / "defects.md").read_text(encoding="utf-8")
    for code, description in DEFECT_DESCRIPTIONS.items():
        assert f"| `{code.value}` | {description} |" in table


def test_readme_shows_the_two_command_quick_start() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
