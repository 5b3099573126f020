"""Every malformed input, tested as the `email` package does: recorded, then raised."""

from __future__ import annotations

from pathlib import Path

import pytest

import seedcorpus
from conftest import REPO
from seedcorpus.errors import DEFECT_DESCRIPTIONS, DefectCode

TITLE = "عنوان الخبر\n"
DATE = "تاريخ النشر: 24th, September 2023 GMT\n"
BODY = "نص الخبر.\n"

# (case id, raw text, expected code, expected line or None)
CASES = [
    ("empty", "", "missing-title", None),
    ("label-first", DATE + BODY, "missing-title", 1),
    ("no-date", TITLE + BODY, "missing-date", None),
    ("unknown-date", TITLE + "تاريخ النشر: قريبا جدا\n" + BODY, "unknown-date", 2),
    ("relative-date", TITLE + "تاريخ النشر: منذ 3 ساعات\n" + BODY, "relative-date", 2),
    ("ordinal-mismatch", TITLE + "تاريخ النشر: 3th, March 2024\n" + BODY, "ordinal-mismatch", 2),
    (
        "impossible-date",
        TITLE + "تاريخ النشر: 31st, February 2024 GMT\n" + BODY,
        "impossible-date",
        2,
    ),
    (
        "unknown-zone",
        TITLE + "تاريخ النشر: 24/09/2023 10:00 بتوقيت نيودلهي\n" + BODY,
        "unknown-zone",
        2,
    ),
    (
        "hijri-looking-year",
        TITLE + "تاريخ النشر: 10/03/1445\n" + BODY,
        "ambiguous-calendar",
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
    ("markup", TITLE + DATE + "<p>نص الخبر.</p>\n", "markup", 3),
]


@pytest.mark.parametrize(("raw", "code", "line"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_defect_is_recorded_in_lenient_mode(raw: str, code: str, line: int | None) -> None:
    article = seedcorpus.parse_article(raw, article_id="case")
    matching = [d for d in article.defects if d.code == code]
    assert matching, article.defects
    assert matching[0].line == line
    assert matching[0].message


@pytest.mark.parametrize(("raw", "code", "line"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_defect_is_raised_in_strict_mode(raw: str, code: str, line: int | None) -> None:
    lenient = seedcorpus.parse_article(raw, article_id="case")
    with pytest.raises(seedcorpus.ParseError) as caught:
        seedcorpus.parse_article(raw, article_id="case", strict=True, path="case.txt")
    first = min(lenient.defects, key=lambda d: d.line or 0)
    assert (caught.value.code, caught.value.line) == (first.code, first.line)
    assert caught.value.path == "case.txt"
    assert code in {d.code for d in lenient.defects}


def test_nothing_is_dropped_from_defective_input() -> None:
    article = seedcorpus.parse_article(
        TITLE + DATE + BODY + "المصدر: أ\nسطر تائه.\n", article_id="x"
    )
    assert article.body == ["نص الخبر.", "سطر تائه."]
    duplicate = seedcorpus.parse_article(
        TITLE + DATE + BODY + "المصدر: أ\nالمصدر: ب\n", article_id="x"
    )
    assert duplicate.body == ["نص الخبر.", "المصدر: ب"]
    assert duplicate.source == "أ"


def test_every_code_is_documented_and_exercised() -> None:
    assert set(DEFECT_DESCRIPTIONS) == set(DefectCode)
    exercised = {c[2] for c in CASES} | {"invalid-utf8", "not-utf8", "teaser-unsplit"}
    assert exercised == {code.value for code in DefectCode}


def test_unknown_date_keeps_the_text() -> None:
    article = seedcorpus.parse_article(TITLE + "تاريخ النشر: yesterday\n" + BODY, article_id="x")
    assert article.published_at is None
    assert article.date_text == "yesterday"


def test_strict_mode_raises_the_defect_with_the_earliest_line() -> None:
    raw = DATE + "نص\x07.\n"  # a control character on line 2, no title on line 1
    lenient = seedcorpus.parse_article(raw, article_id="x")
    assert [d.code for d in lenient.defects][:2] == ["control-character", "missing-title"]
    with pytest.raises(seedcorpus.ParseError) as caught:
        seedcorpus.parse_article(raw, article_id="x", strict=True)
    assert (caught.value.code, caught.value.line) == ("missing-title", 1)


def test_defect_codes_are_the_enum_in_python_and_plain_strings_in_rows_and_json() -> None:
    article = seedcorpus.parse_article(TITLE + BODY, article_id="x")
    assert article.defects[0].code is DefectCode.MISSING_DATE
    assert article.model_dump()["defects"][0]["code"] == "missing-date"
    assert type(article.model_dump()["defects"][0]["code"]) is str
    assert '"code":"missing-date"' in article.model_dump_json()
    assert seedcorpus.Article.model_validate_json(article.model_dump_json()) == article


def test_no_step_builds_a_defect_by_hand() -> None:
    """Every step reports through DefectLog.report: the one place a Defect is constructed."""
    package = REPO / "src" / "seedcorpus"
    builders = [
        f"{module.relative_to(package).as_posix()}:{number}"
        for module in sorted(package.rglob("*.py"))
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1)
        if "Defect(" in line and "class " not in line
    ]
    funnel = package / "parse" / "defects.py"
    assert builders == ["parse/defects.py:" + str(_report_line(funnel))]


def _report_line(module: Path) -> int:
    lines = module.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "Defect(" in line and "class " not in line)
