"""The API reference names every public object, with its signature and every parameter."""

from __future__ import annotations

import html
import inspect
import os
import re
import subprocess
import sys
from enum import Enum

import pytest
from pydantic import BaseModel

import seedcorpus
from conftest import REPO

CALLABLES = [
    name for name in seedcorpus.__all__ if callable(getattr(seedcorpus, name)) and name[0] != "_"
]


@pytest.fixture(scope="module")
def api_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    site = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return (site / "api" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(seedcorpus.__all__))
def test_every_public_name_has_an_entry(api_page: str, name: str) -> None:
    assert re.search(rf'id="seedcorpus\.[a-z_.]+\.{re.escape(name)}"', api_page), name


@pytest.mark.parametrize("name", ["parse_file", "load_dataset", "export", "parse_arrow"])
def test_entries_show_their_signature_with_types(api_page: str, name: str) -> None:
    anchor = re.search(rf'id="seedcorpus\.[a-z_.]+\.{name}"', api_page)
    assert anchor is not None
    section = html.unescape(
        re.sub("<[^>]+>", "", api_page[anchor.start() : anchor.start() + 30000])
    )
    assert f"{name}(" in section  # the signature
    assert "options: ParseOptions | None = None" in section  # with parameter types


def documented_parameters(obj: object) -> set[str]:
    doc = inspect.getdoc(obj) or ""
    section = re.split(r"^(?:Args|Attributes):\s*$", doc, flags=re.MULTILINE)
    if len(section) < 2:
        return set()
    names = re.findall(r"^    (\w+)(?: \([^)]*\))?:", section[1], flags=re.MULTILINE)
    return set(names)


# Records document their fields, errors their message, enums their members: not parameters.
FIELD_DOCUMENTED = (BaseModel, BaseException, Enum)
FUNCTIONS = [
    n
    for n in CALLABLES
    if not (
        inspect.isclass(getattr(seedcorpus, n))
        and issubclass(getattr(seedcorpus, n), FIELD_DOCUMENTED)
    )
]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_public_parameter_is_described(name: str) -> None:
    obj = getattr(seedcorpus, name)
    wanted = {p for p in inspect.signature(obj).parameters if p not in ("self", "cls")}
    missing = wanted - documented_parameters(obj)
    assert not missing, sorted(missing)


def test_the_parameter_check_can_fail() -> None:
    def undocumented(a: int, b: int) -> int:
        """Add.

        Args:
            a: one number.
        """
        return a + b

    assert documented_parameters(undocumented) == {"a"}
