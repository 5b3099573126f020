"""Every malformed input, tested twice as the `email` package does: recorded, then raised."""

from __future__ import annotations

import pytest

import seedcorpus
from seedcorpus.errors import DEFECT_DESCRIPTIONS, DefectCode

TITLE = "عنوان الخبر\n"
DATE = "تاريخ النشر: 24th, September 2023 GMT\n"
BODY = "نص الخبر.\n"

# (case id, raw text, expected code, expected line or None)
CASES = [
    ("empty", "", "missing-title", None),
    ("label-first", DATE + BODY, "missing-title", 1),
    ("no-date", TITLE + BODY, "missing-date", None),
    ("unknown-date", TITLE + "تاريخ النشر: yesterday\n" + BODY, "unknown-date", 2),
    (
        "impossible-date",
        TITLE + "تاريخ النشر: 31st, February 2024 GMT\n" + BODY,
        "impossible-date",
        2,
    ),
    (
        "wrong-weekday",
        TITLE + "تاريخ النشر: Monday, 24 September 2023\n" + BODY,
        "impossible-date",
        2,
    ),
    ("no-body", TITLE + DATE + "المصدر: وكالة\n", "missing-body", None),
    ("empty-source", TITLE + DATE + BODY + "المصدر:\n", "empty-source", 4),
    ("duplicate-source", TITLE + DATE + BODY + "المصدر: أ\nالمصدر: ب\n", "duplicate-section", 5),
    ("date-after-body", TITLE + BODY + DATE, "section-out-of-order", 3),
    ("stray-line", TITLE + DATE + BODY + "المصدر: أ\nسطر تائه.\n", "stray-line", 5),
    ("empty-read-also", TITLE + DATE + BODY + "اقرأ أيضا:\n", "empty-read-also", 4),
    (
        "untitled-read-also",
        TITLE + DATE + BODY + "اقرأ أيضا:\nفقرة بلا عنوان.\n",
        "read-also-untitled",
        5,
    ),
    ("control-character", TITLE + DATE + "نص\x07.\n", "control-character", 3),
    ("surrogate", TITLE + DATE + "نص\udc80.\n", "invalid-character", None),
]


@pytest.mark.parametrize(("raw", "code", "line"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_defect_is_recorded_in_lenient_mode(raw: str, code: str, line: int | None) -> None:
    article = seedcorpus.parse_article(raw, id="case")
    matching = [d for d in article.defects if d.code == code]
    assert matching, article.defects
    assert matching[0].line == line
    assert matching[0].message


@pytest.mark.parametrize(("raw", "code", "line"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_defect_is_raised_in_strict_mode(raw: str, code: str, line: int | None) -> None:
    lenient = seedcorpus.parse_article(raw, id="case")
    with pytest.raises(seedcorpus.ParseError) as caught:
        seedcorpus.parse_article(raw, id="case", strict=True, path="case.txt")
    first = lenient.defects[0]
    assert (caught.value.code, caught.value.line) == (first.code, first.line)
    assert caught.value.path == "case.txt"
    assert code in {d.code for d in lenient.defects}


def test_nothing_is_dropped_from_defective_input() -> None:
    article = seedcorpus.parse_article(TITLE + DATE + BODY + "المصدر: أ\nسطر تائه.\n", id="x")
    assert article.body == ["نص الخبر.", "سطر تائه."]
    duplicate = seedcorpus.parse_article(TITLE + DATE + BODY + "المصدر: أ\nالمصدر: ب\n", id="x")
    assert duplicate.body == ["نص الخبر.", "المصدر: ب"]
    assert duplicate.source == "أ"


def test_every_code_is_documented_and_exercised() -> None:
    assert set(DEFECT_DESCRIPTIONS) == set(DefectCode)
    exercised = {c[2] for c in CASES} | {"invalid-utf8", "not-utf8", "teaser-unsplit"}
    assert exercised == {code.value for code in DefectCode}


def test_unknown_date_keeps_the_text() -> None:
    article = seedcorpus.parse_article(TITLE + "تاريخ النشر: yesterday\n" + BODY, id="x")
    assert article.published_at is None
    assert article.date_text == "yesterday"
