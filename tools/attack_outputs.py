"""The issue-20 attack, repeated: every point of its "Why" list, on every surface, from outside.

Each scenario runs the command line or a short Python program in a fresh process, under a
timeout, against a scratch folder, and is judged on three counts only:

- **data loss:** every file a scenario marks precious (the crawl, a user's notes, an earlier
  export) has the same bytes afterwards, and no secret (``/etc/passwd``) reaches the output;
- **hangs:** the process ends within its timeout (FIFOs, devices, huge globs);
- **tracebacks:** stderr never holds ``Traceback`` or ``Exception ignored``, and a refusal is
  exit 2 (or the Python error the scenario expects), never exit 1 or a crash.

``python tools/attack_outputs.py [SCRATCH]`` prints one line per finding and exits 1 if there
is any; ``tests/test_attack.py`` runs it in every ``make test``. Points 9 (dedup growth) and
the cache's mid-build TOCTOU are measured by ``make bench`` and the reliability tests instead.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = "عنوان الخبر {i}\nتاريخ النشر: 24/09/2023\nنص الخبر {i}.\nكلمات دلالية: الخبر\n"
#: What must never appear in any output: the first field of /etc/passwd's first line.
SECRET = "root:x:0:0"
TIMEOUT = 120
TOOLS = os.path.dirname(os.path.abspath(__file__))


@dataclass
class Result:
    """What one process did."""

    code: int | None
    out: str
    err: str


@dataclass
class Scenario:
    """One attack: argv (command line) or code (Python), and what a correct run looks like."""

    point: str
    surface: str
    argv: list[str] = field(default_factory=list)
    code: str = ""
    codes: tuple[int, ...] = (2,)
    expect: str = ""
    precious: list[Path] = field(default_factory=list)
    check: Callable[[Result], str | None] | None = None
    stdin: str | None = None


def write_crawl(folder: Path, count: int = 3) -> Path:
    """A small crawl of visible article files."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"a{i:03d}.txt").write_text(ARTICLE.format(i=i), "utf-8")
    return folder


PRELUDE = """
import os, sys, warnings, subprocess
import seedcorpus
from seedcorpus.errors import CorpusError
def refused(call):
    try:
        call()
    except (CorpusError, ValueError) as exc:
        print("refused:", exc, file=sys.stderr)
        return True
    return False
def wrong(why):
    print("WRONG:", why, file=sys.stderr)
    sys.exit(1)
"""


def py(body: str) -> str:
    """A Python scenario: the prelude, then ``body``."""
    return PRELUDE + textwrap.dedent(body)


def nothing_beside(folder: Path, allowed: set[str]) -> Callable[[Result], str | None]:
    """A check: ``folder`` holds only ``allowed`` names afterwards (no temporaries)."""

    def check(_: Result) -> str | None:
        extra = sorted(set(os.listdir(folder)) - allowed)
        return f"left beside OUT: {extra}" if extra else None

    return check


def hostile_crawl(folder: Path) -> Path:
    """A crawl with a link to /etc/passwd, a FIFO, a name that is not UTF-8 and a link loop."""
    write_crawl(folder, 2)
    (folder / "leak.txt").symlink_to("/etc/passwd")
    os.mkfifo(folder / "fifo.txt")
    with open(os.path.join(os.fsencode(folder), b"bad-\xff.txt"), "wb") as handle:
        handle.write(ARTICLE.format(i=9).encode())
    (folder / "x.txt").symlink_to(folder / "y.txt")
    (folder / "y.txt").symlink_to(folder / "x.txt")
    return folder


def digest(paths: Iterable[Path]) -> dict[str, str]:
    """Every file under the given paths (hidden ones too) and a hash of its bytes."""
    found: dict[str, str] = {}
    for path in paths:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            found[str(file)] = hashlib.sha256(file.read_bytes()).hexdigest()
    return found


def run(scenario: Scenario, cwd: Path) -> Result:
    """Run a scenario's process; a timeout is a result with no exit code."""
    if scenario.argv:
        command = [sys.executable, "-m", "seedcorpus", *scenario.argv]
    else:
        command = [sys.executable, "-c", textwrap.dedent(scenario.code)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    env["HF_DATASETS_CACHE"] = str(cwd.parent / "hf-cache")  # beside the scenarios' folders
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [TOOLS, env.get("PYTHONPATH")]))
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            input=scenario.stdin,
            errors="replace",
        )
    except subprocess.TimeoutExpired:
        return Result(None, "", "")
    return Result(done.returncode, done.stdout, done.stderr)


def judge(scenario: Scenario, result: Result, before: dict[str, str]) -> list[str]:
    """The findings of one scenario (empty when it held)."""
    name = f"point {scenario.point} [{scenario.surface}]"
    if result.code is None:
        return [f"{name}: HANG (no end within {TIMEOUT} s)"]
    findings = []
    if "Traceback" in result.err or "Exception ignored" in result.err:
        findings.append(f"{name}: TRACEBACK: {result.err.strip().splitlines()[-1]}")
    if result.code not in scenario.codes:
        findings.append(f"{name}: exit {result.code}, not {scenario.codes}: {result.err[-300:]}")
    if scenario.expect and scenario.expect not in result.out + result.err:
        findings.append(f"{name}: no {scenario.expect!r} in the output: {result.err[-300:]}")
    if SECRET in result.out + result.err:
        findings.append(f"{name}: DATA LEAK: a secret file reached the output")
    after = digest(p for p in scenario.precious if p.exists())
    lost = sorted(path for path in before if after.get(path) != before[path])
    if lost:
        findings.append(f"{name}: DATA LOSS: {', '.join(lost[:3])} changed or gone")
    if scenario.check is not None and (problem := scenario.check(result)):
        findings.append(f"{name}: {problem}")
    return findings


def attack(scratch: Path, points: Iterable[Callable[[Path], list[Scenario]]] = ()) -> list[str]:
    """Run every scenario (or those of ``points``) under ``scratch``; returns the findings."""
    from attack_scenarios import ALL  # the scenarios, one builder per point of the issue

    findings: list[str] = []
    for number, build in enumerate(points or ALL):
        folder = scratch / f"p{number:02d}"
        folder.mkdir(parents=True)
        for scenario in build(folder):
            before = digest(p for p in scenario.precious if p.exists())
            findings.extend(judge(scenario, run(scenario, folder), before))
    return findings


def main(argv: list[str]) -> int:
    """Attack in a scratch folder (kept only when named); print the findings."""
    scratch = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="seedcorpus-attack-"))
    try:
        findings = attack(scratch)
    finally:
        if not argv:
            shutil.rmtree(scratch, ignore_errors=True)
    for finding in findings:
        print(finding)
    print(f"{len(findings)} finding(s)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    raise SystemExit(main(sys.argv[1:]))
