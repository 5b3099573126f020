"""Imports run one way, stage by stage: shared records, parse, crawl, training, hf, cli.

Every import between the package's own modules, at module level or inside a function, is read
from the source. Each module belongs to a stage (its subpackage, or the shared top level); an
import may only go to the same stage or an earlier one, and there is no cycle at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "src" / "seedcorpus"

#: The stages in import order. The top level holds only what every stage shares.
STAGES = {
    "shared": 0,  # models, options, errors, destinations, _version: imported by every stage
    "parse": 1,  # one article: bytes to an Article
    "crawl": 2,  # finding files, ids, digests, shards
    "training": 3,  # splits, dedup, related
    "hf": 4,  # schema, builder, Arrow, card, export
    "reporting": 4,  # the HTML crawl report, beside hf (it imports neither hf nor cli)
    "cli": 5,  # the command line
    "integrations": 5,  # engines (datatrove) built on the library, beside the command line
    "entry": 6,  # __init__ and __main__: the public surface over everything
}
#: Top-level modules and their stage; every other module's stage is its subpackage.
TOP_LEVEL = {
    "_version": "shared",
    "destinations": "shared",
    "errors": "shared",
    "models": "shared",
    "options": "shared",
    "__init__": "entry",
    "__main__": "entry",
}


def module_name(path: Path) -> str:
    """The dotted module name under the package: ``parse.dates``, ``models``, ``hf``."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def stage_of(module: str) -> str:
    """The stage a dotted module name belongs to."""
    head = module.split(".")[0]
    return TOP_LEVEL.get(head, head)


def imports_of(path: Path) -> set[str]:
    """The package modules a module imports (relative or absolute, anywhere in the file)."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    if path.name == "__init__.py" and path.parent == PACKAGE:
        package = []
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - (node.level - 1)]
            target = [*base, *(node.module.split(".") if node.module else [])]
        elif (node.module or "").split(".")[0] == "seedcorpus":
            target = (node.module or "").split(".")[1:]
        else:
            continue
        if node.module and (node.level or len(target)):
            found.add(".".join(target))
        else:  # `from . import x`: x is a module
            found.update(".".join([*target, alias.name]) for alias in node.names)
    return {name for name in found if name}


def graph() -> dict[str, set[str]]:
    return {module_name(m): imports_of(m) for m in PACKAGE.rglob("*.py")}


def test_every_module_has_a_known_stage() -> None:
    unknown = sorted(m for m in graph() if stage_of(m) not in STAGES)
    assert unknown == []


def test_the_top_level_holds_only_what_every_stage_shares() -> None:
    top = sorted(m.stem for m in PACKAGE.glob("*.py"))
    assert top == sorted(TOP_LEVEL)
    assert len(set(top) - {"__init__", "__main__", "_version"}) <= 6
    subpackages = [p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    assert len(subpackages) >= 4


def test_imports_never_point_to_a_later_stage() -> None:
    backwards = [
        f"{module} -> {target}"
        for module, targets in graph().items()
        for target in targets
        if STAGES[stage_of(target)] > STAGES[stage_of(module)]
    ]
    assert backwards == []


def test_the_command_line_and_the_integrations_do_not_import_each_other() -> None:
    crossing = [
        f"{module} -> {target}"
        for module, targets in graph().items()
        for target in targets
        if {stage_of(module), stage_of(target)} == {"cli", "integrations"}
    ]
    assert crossing == []


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
    # function-level imports are seen, and relative imports resolve across subpackages
    assert "hf.dataset" in imports_of(PACKAGE / "hf" / "export.py")
    assert "training.selection" in imports_of(PACKAGE / "hf" / "export.py")
    assert "models" in imports_of(PACKAGE / "parse" / "parser.py")
    assert "crawl.remote" in imports_of(PACKAGE / "crawl" / "corpus.py")  # `from . import x`
    assert "hf.schema" in imports_of(PACKAGE / "__init__.py")  # TYPE_CHECKING ones too
    assert stage_of("parse.dates") == "parse"
    assert stage_of("models") == "shared"
    # a backwards edge would be caught
    assert STAGES[stage_of("hf.dataset")] > STAGES[stage_of("parse.parser")]
