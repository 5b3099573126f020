"""The docs site read in a real browser: mixed Arabic and Latin lines keep their order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import docs_shots as docs_shots


def need_browser() -> None:
    """Go on with Chromium; skip saying why without it, or fail in CI (CI=true), which has it."""
    if (reason := docs_shots.missing_browser()) is not None:
        if docs_shots.in_ci():
            pytest.fail(f"{reason}: CI must run the browser tests")
        pytest.skip(reason)


@pytest.fixture(scope="module", autouse=True)
def browser() -> None:
    need_browser()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    docs_shots.build_site(out)
    return out


def test_a_mixed_date_line_reads_right_to_left_with_its_latin_run_whole(site: Path) -> None:
    boxes = docs_shots.measure(
        site / "format" / "index.html",
        "تاريخ النشر: 24th, September 2023 GMT",
        ["تاريخ", "24th", "GMT"],
    )
    label, number, zone = boxes["تاريخ"], boxes["24th"], boxes["GMT"]
    assert len(number) == 1  # `24` and `th` drawn together, not split by the Arabic run
    assert {round(b[2]) for b in label + number + zone} == {round(label[0][2])}  # one line
    # Right to left: the label at the right, then `24th, September 2023 GMT` left to right.
    assert number[0][1] <= zone[0][0] < label[0][0]


def test_screenshots_of_the_arabic_pages(site: Path, tmp_path: Path) -> None:
    for name in docs_shots.PAGES:
        shot = tmp_path / f"{name}.png"
        docs_shots.screenshot(site / name / "index.html", shot, size="1280,1600")
        assert shot.stat().st_size > 20_000
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_code_blocks_holding_arabic_are_marked_and_others_left_alone(site: Path) -> None:
    page = (site / "format" / "index.html").read_text(encoding="utf-8")
    assert 'class="arabic" dir="rtl"' in page
    hooks = (REPO / "docs" / "hooks.py").read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__file__": str(REPO / "docs" / "hooks.py")}
    exec(compile(hooks, "hooks.py", "exec"), namespace)
    mark = namespace["mark_arabic_code_blocks"]
    assert callable(mark)
    assert mark("<pre><code>print(1)</code></pre>") == "<pre><code>print(1)</code></pre>"
    assert 'dir="rtl"' in mark("<pre><code>عنوان\nprint(1)</code></pre>")
    assert 'dir="auto"' in mark("<pre><code>title = 'عنوان'</code></pre>")
