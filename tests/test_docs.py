"""The documentation states what the code does: every defect code with its description."""

from __future__ import annotations

import importlib.util
from typing import Any

import seedcorpus
from conftest import REPO
from seedcorpus.errors import DEFECT_DESCRIPTIONS


def _hooks() -> Any:
    spec = importlib.util.spec_from_file_location("hooks", REPO / "docs" / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_defect_table_lists_every_code_with_its_description() -> None:
    page = (REPO / "docs" / "defects.md").read_text(encoding="utf-8")
    table = _hooks().on_page_markdown(page)
    for code, description in DEFECT_DESCRIPTIONS.items():
        assert f"| `{code.value}` | {description} |" in table


def test_field_table_and_datasheet_have_one_source() -> None:
    from seedcorpus.hf.card import datasheet_text, field_table

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert field_table() in readme, "README's field table differs from card.field_table()"
    for name, info in seedcorpus.Article.model_fields.items():
        assert f"| `{name}` |" in field_table()
        assert str(info.description) in field_table()
    hooks = _hooks()
    datasheet = (REPO / "docs" / "datasheet.md").read_text(encoding="utf-8")
    assert datasheet_text() in hooks.on_page_markdown(datasheet)


def test_readme_shows_the_two_command_quick_start() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme
    assert "make test" in readme
