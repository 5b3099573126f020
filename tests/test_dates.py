"""Step 3a: the date grammar; expected values are written out by hand."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from seedcorpus.dates import parse_date
from seedcorpus.errors import DefectCode

UTC = timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24th, September 2023 GMT", datetime(2023, 9, 24, tzinfo=UTC)),
        ("24 September 2023 GMT", datetime(2023, 9, 24, tzinfo=UTC)),
        ("24th September 2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("1st, Sep 2023 UTC", datetime(2023, 9, 1, tzinfo=UTC)),
        ("22nd, Sept 2023 GMT", datetime(2023, 9, 22, tzinfo=UTC)),
        ("3rd, March 2024 10:35 GMT", datetime(2024, 3, 3, 10, 35, tzinfo=UTC)),
        ("3rd, March 2024 10:35:07 +03:00", datetime(2024, 3, 3, 7, 35, 7, tzinfo=UTC)),
        ("3 Mar 2024 10:35 -0130", datetime(2024, 3, 3, 12, 5, tzinfo=UTC)),
        ("Sunday, 24th September 2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("September 24, 2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("24 Sep 2023 10:35 PM GMT", datetime(2023, 9, 24, 22, 35, tzinfo=UTC)),
        ("٢٤ سبتمبر ٢٠٢٣", datetime(2023, 9, 24, tzinfo=UTC)),
        ("24 أيلول 2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("الأحد، 24 أيلول 2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("الأحد 24 سبتمبر 2023 - 10:35 م", datetime(2023, 9, 24, 22, 35, tzinfo=UTC)),
        ("٥ كانون الثاني ٢٠٢٤ ١٠:٣٥ ص", datetime(2024, 1, 5, 10, 35, tzinfo=UTC)),
        ("12 تشرين الأول 2023", datetime(2023, 10, 12, tzinfo=UTC)),
        ("٢٤ سبتمبر ٢٠٢٣م", datetime(2023, 9, 24, tzinfo=UTC)),
        ("24 سبتمبر 2023م - 10:35 م", datetime(2023, 9, 24, 22, 35, tzinfo=UTC)),
        ("1 آب 2023", datetime(2023, 8, 1, tzinfo=UTC)),
        ("1 يونيه 2023 12:10 ص", datetime(2023, 6, 1, 0, 10, tzinfo=UTC)),
        ("2023-09-24T10:00:00+02:00", datetime(2023, 9, 24, 8, tzinfo=UTC)),
        ("  24th,   September   2023   GMT  ", datetime(2023, 9, 24, tzinfo=UTC)),
    ],
)
def test_accepted_forms(text: str, expected: datetime) -> None:
    result = parse_date(text)
    assert result.value == expected
    assert result.value is not None and result.value.tzinfo == UTC
    assert result.code is None


@pytest.mark.parametrize(
    "text",
    [
        "31st, February 2024 GMT",
        "29 February 2023",
        "24 September 2023 25:00",
        "30 شباط 2024",
        "24 Sep 2023 13:05 PM",
        "Monday, 24 September 2023",
        "24 Sep 2023 +24:00",
    ],
)
def test_impossible_dates_are_not_guessed(text: str) -> None:
    result = parse_date(text)
    assert (result.value, result.code) == (None, DefectCode.IMPOSSIBLE_DATE)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "yesterday",
        "24/09/2023",
        "September 2023",
        "24 September",
        "24 Septembre 2023",
        "2th, November 2023 GMT",
        "24 September 23",
        "24 September 2023 EST",
        "منذ ساعتين",
        "24 سبتمبر 1445هـ",
        "24 September 2023" + " " * 300 + "GMT",
    ],
)
def test_unknown_forms_are_not_guessed(text: str) -> None:
    result = parse_date(text)
    assert (result.value, result.code) == (None, DefectCode.UNKNOWN_DATE)
    assert result.reason
