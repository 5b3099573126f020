"""Imports run one way: records, schema, parse steps, corpus, Hugging Face, export, CLI.

Every import between the package's own modules, at module level or inside a function, is
read from the source; none may point to a later layer, and there is no cycle at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "src" / "seedcorpus"
# Each module's layer; an import may only go to the same layer or an earlier one.
LAYERS = {
    "_version": 0,
    "errors": 0,
    "normalize": 0,
    "options": 0,
    "about": 0,
    "splits": 0,
    "globbing": 0,
    "date_names": 1,
    "models": 1,
    "schema": 2,
    "defects": 3,
    "decoding": 4,
    "sections": 4,
    "dates": 4,
    "keywords": 4,
    "read_also": 4,
    "digests": 4,
    "parser": 5,
    "arrow": 5,
    "remote": 4,
    "corpus": 6,
    "hf": 7,
    "dedup": 6,
    "training": 6,
    "sharding": 6,
    "related": 6,
    "card": 8,
    "export": 9,
    "display": 9,
    "arguments": 9,
    "cli": 10,
    "demo": 10,
    "__main__": 11,
    "__init__": 11,
}


def imports_of(module: Path) -> set[str]:
    """The package modules a module imports (relative or absolute, anywhere in the file)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level == 1 or base.startswith("seedcorpus"):
                name = base.removeprefix("seedcorpus").lstrip(".")
                targets = [name] if name else [alias.name for alias in node.names]
                found.update(t.split(".")[0] for t in targets)
    return found & set(LAYERS)


def graph() -> dict[str, set[str]]:
    return {m.stem: imports_of(m) for m in PACKAGE.glob("*.py")}


def test_every_module_has_a_layer() -> None:
    assert sorted(m.stem for m in PACKAGE.glob("*.py")) == sorted(LAYERS)


def test_integrations_import_only_the_library_below_them() -> None:
    for module in (PACKAGE / "integrations").glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "from ..cli" not in text, module.name
        assert "from ..export" not in text, module.name


def test_imports_never_point_to_a_later_layer() -> None:
    backwards = [
        f"{module} -> {target}"
        for module, targets in graph().items()
        for target in targets
        if LAYERS[target] > LAYERS[module]
    ]
    assert backwards == []


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(module: str, path: list[str]) -> list[str] | None:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                return [*path, module, target]
            if target not in state and (cycle := visit(target, [*path, module])):
                return cycle
        state[module] = 2
        return None

    for module in sorted(edges):
        if module not in state and (cycle := visit(module, [])):
            return cycle
    return None


def test_there_is_no_import_cycle() -> None:
    assert find_cycle(graph()) is None


def test_the_checks_see_what_they_must() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    assert "hf" in imports_of(PACKAGE / "export.py")  # function-level imports are seen
    assert "schema" in imports_of(PACKAGE / "__init__.py")  # so are TYPE_CHECKING ones
