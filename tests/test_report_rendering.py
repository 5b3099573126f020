"""A crawl report read in a real browser: Arabic labels right to left, Latin runs kept whole."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import seedcorpus
from conftest import REPO
from test_docs_rendering import need_browser

sys.path.insert(0, str(REPO / "tools"))
import docs_shots
from test_report import MIXED_SOURCE, write_crawl


@pytest.fixture(scope="module", autouse=True)
def browser() -> None:
    need_browser()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    crawl = write_crawl(tmp_path_factory.mktemp("crawl") / "crawl")
    out = tmp_path_factory.mktemp("report") / "report.html"
    seedcorpus.report(crawl, out)
    return out


def test_a_mixed_source_label_reads_right_to_left_with_its_latin_run_whole(page: Path) -> None:
    boxes = docs_shots.measure(
        page, MIXED_SOURCE, ["قناة", "France 24", "الإخبارية"], selector=".ranked td.label"
    )
    first, latin, last = boxes["قناة"], boxes["France 24"], boxes["الإخبارية"]
    assert len(latin) == 1  # `France 24` drawn as one run, not split by the Arabic around it
    assert {round(b[2]) for b in first + latin + last} == {round(first[0][2])}  # one line
    # Right to left: the first Arabic word at the right, the last at the left, Latin between.
    assert last[0][1] <= latin[0][0] < latin[0][1] <= first[0][0]


def test_an_arabic_keyword_phrase_reads_right_to_left(page: Path) -> None:
    boxes = docs_shots.measure(
        page, "الرئيس الروسي", ["الرئيس", "الروسي"], selector=".ranked td.label"
    )
    assert boxes["الروسي"][0][1] <= boxes["الرئيس"][0][0]


def test_a_screenshot_of_the_report(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    docs_shots.screenshot(page, shot, size="1280,2400")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 40_000  # plots and text drawn, not a blank page
