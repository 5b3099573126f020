"""The date strings of four peers' test suites (dateparser, Maha, duckling, Recognizers-Text),
read from ../shared/peer_dates/cases.json and skipped where that folder is absent. The cases
stay there: only their kinds and counts are named here."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import quality

CASES = quality.score_peer_dates()
pytestmark = pytest.mark.skipif(not CASES, reason="../shared/peer_dates is not beside the checkout")


def test_the_absolute_and_hijri_lines_are_right() -> None:
    absolute = [c for c in CASES if c.kind in quality.PEER_ABSOLUTE_KINDS]
    assert len(absolute) == 31
    assert sum(c.outcome == "right" for c in absolute) >= 30


def test_no_peer_string_is_silently_wrong_or_crashes() -> None:
    assert len(CASES) == 165
    assert [c for c in CASES if c.outcome in ("wrong", "crash")] == []


def test_what_is_not_read_says_why() -> None:
    assert all(c.code for c in CASES if c.outcome == "null")


def test_a_policy_conflict_is_left_null_not_matched() -> None:
    # A weekday that does not fit the date: the peers move or ignore it; the policy refuses it.
    conflicts = [c for c in CASES if c.kind == "absolute-weekday-conflict"]
    assert conflicts
    assert {(c.outcome, c.code) for c in conflicts} == {("null", "impossible-date")}


def test_the_quality_report_shows_the_peer_suites_without_their_texts() -> None:
    report = quality.render([], [], CASES)
    absolute = [c for c in CASES if c.kind in quality.PEER_ABSOLUTE_KINDS]
    right = sum(c.outcome == "right" for c in absolute)
    assert (
        f"## Peer date suites ({right} of 31 absolute and Hijri lines right, 0 silently" in report
    )
    for case in absolute:
        if case.outcome != "right":
            assert case.origin in report
    texts = [c["text"].strip() for c in json.loads(quality.PEER_DATES.read_text("utf-8"))]
    assert [text for text in texts if text in report] == []
