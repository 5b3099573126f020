"""Issue 20's attack, repeated in every ``make test``: 0 data loss, 0 hangs, 0 tracebacks.

``tools/attack_outputs.py`` runs every point of the issue's "Why" list on every surface (local
folder, glob, ``file://`` URL, ``@paths`` file, datatrove reader and writer, ``parse_arrow``,
``export`` on the command line and in Python), each in a fresh process under a timeout; a
finding names the point, the surface and what went wrong.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import attack_outputs
from attack_scenarios import ALL

pytest.importorskip("datatrove", reason="the attack covers the datatrove surfaces too")


@pytest.mark.parametrize("point", ALL, ids=[build.__name__ for build in ALL])
def test_the_issue_20_attack_finds_nothing(
    tmp_path: Path, point: Callable[[Path], list[attack_outputs.Scenario]]
) -> None:
    findings = attack_outputs.attack(tmp_path, [point])
    assert findings == [], "\n".join(findings)
