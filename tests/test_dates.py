"""Step 3a: the date grammar, table-driven; every expected instant is written out by hand."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import seedcorpus
from conftest import REPO
from seedcorpus.errors import DefectCode
from seedcorpus.parse.dates import parse_date

UTC = timezone.utc
SHARED = REPO.parent / "shared" / "realworld" / "dates_on_pages.json"

# Every month spelling the grammar promises, by region, with its month number (from the issue).
MONTH_SPELLINGS = [
    *[(n, i + 1) for i, n in enumerate("يناير فبراير مارس أبريل مايو يونيو".split())],
    *[(n, i + 7) for i, n in enumerate("يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split())],
    ("يونيه", 6),
    ("يوليه", 7),
    ("إبريل", 4),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("تشرين الأول", 10),
    ("تشرين الثاني", 11),
    ("كانون الأول", 12),
    ("جانفي", 1),
    ("فيفري", 2),
    ("أفريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("أوت", 8),
    # Mauritanian.
    ("أغشت", 8),
    ("شتمبر", 9),
    ("دجمبر", 12),
    ("January", 1),
    ("Feb", 2),
    ("Sept", 9),
    ("Sep.", 9),
    ("december", 12),
]


@pytest.mark.parametrize(("month", "number"), MONTH_SPELLINGS)
def test_every_month_spelling(month: str, number: int) -> None:
    assert parse_date(f"15 {month} 2021").value == datetime(2021, number, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The seed's form and English variants.
        ("24th, September 2023 GMT", datetime(2023, 9, 24, tzinfo=UTC)),
        ("24 September 2023 GMT", datetime(2023, 9, 24, tzinfo=UTC)),
        ("1st, Sep 2023 UTC", datetime(2023, 9, 1, tzinfo=UTC)),
        ("September 24, 2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("Sunday, 24th September 2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("3 Mar 2024 10:35 -0130", datetime(2024, 3, 3, 12, 5, tzinfo=UTC)),
        ("3rd, March 2024 10:35:07 +03:00", datetime(2024, 3, 3, 7, 35, 7, tzinfo=UTC)),
        ("24 Sep 2023 10:35 PM GMT", datetime(2023, 9, 24, 22, 35, tzinfo=UTC)),
        ("24 Sep 2023 10:35 a.m.", datetime(2023, 9, 24, 10, 35, tzinfo=UTC)),
        # Dual month names.
        ("24 نيسان / أبريل 2020", datetime(2020, 4, 24, tzinfo=UTC)),
        ("24 أبريل (نيسان) 2020", datetime(2020, 4, 24, tzinfo=UTC)),
        ("3 تموز / يوليو 2022", datetime(2022, 7, 3, tzinfo=UTC)),
        # Numeric: day first with . / -, year first with / -, ISO 8601.
        ("17.03.2020", datetime(2020, 3, 17, tzinfo=UTC)),
        ("24/09/2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("24-09-2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("2020/12/25", datetime(2020, 12, 25, tzinfo=UTC)),
        ("2023-09-24", datetime(2023, 9, 24, tzinfo=UTC)),
        ("2023-09-24T10:00:00+02:00", datetime(2023, 9, 24, 8, tzinfo=UTC)),
        ("2023-09-24T10:00Z", datetime(2023, 9, 24, 10, tzinfo=UTC)),
        ("2023-09-24 10:00:00.123456+0300", datetime(2023, 9, 24, 7, tzinfo=UTC)),
        ("٢٤ سبتمبر ٢٠٢٣م", datetime(2023, 9, 24, tzinfo=UTC)),
        ("24 سبتمبر 2023م - 10:35 م", datetime(2023, 9, 24, 22, 35, tzinfo=UTC)),
        # Times before or after the date, every 12-hour marker, 12 o'clock both ways.
        ("GMT 17:27 17.03.2020", datetime(2020, 3, 17, 17, 27, tzinfo=UTC)),
        ("10:35 ص 24 سبتمبر 2023", datetime(2023, 9, 24, 10, 35, tzinfo=UTC)),
        ("2020/12/25 - 1:59 صباحًا", datetime(2020, 12, 25, 1, 59, tzinfo=UTC)),
        ("2020/12/25 - 1:59 صباحاً", datetime(2020, 12, 25, 1, 59, tzinfo=UTC)),
        ("24 سبتمبر 2023 09:22 مساءً", datetime(2023, 9, 24, 21, 22, tzinfo=UTC)),
        ("24 سبتمبر 2023 09:22 مساء", datetime(2023, 9, 24, 21, 22, tzinfo=UTC)),
        ("1 يونيه 2023 12:10 ص", datetime(2023, 6, 1, 0, 10, tzinfo=UTC)),
        ("1 يونيه 2023 12:10 م", datetime(2023, 6, 1, 12, 10, tzinfo=UTC)),
        ("1 June 2023 12:10 AM", datetime(2023, 6, 1, 0, 10, tzinfo=UTC)),
        # Zones before or after, Arabic names of Greenwich time.
        ("24 سبتمبر 2023 10:00 بتوقيت غرينتش", datetime(2023, 9, 24, 10, tzinfo=UTC)),
        ("بتوقيت جرينتش 10:00 24 سبتمبر 2023", datetime(2023, 9, 24, 10, tzinfo=UTC)),
        ("24 سبتمبر 2023 10:00 +03:00", datetime(2023, 9, 24, 7, tzinfo=UTC)),
        ("UTC+3 10:00 24.09.2023", datetime(2023, 9, 24, 7, tzinfo=UTC)),
        # Lead words, weekdays in every spelling, separators.
        (
            "تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً",
            datetime(2020, 4, 24, 21, 22, tzinfo=UTC),
        ),
        ("نشر في 24 سبتمبر 2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("نُشر بتاريخ 24/09/2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("الإثنين، 24 أغسطس 2020 09:23 ص", datetime(2020, 8, 24, 9, 23, tzinfo=UTC)),
        ("الاثنين 24 أغسطس 2020", datetime(2020, 8, 24, tzinfo=UTC)),
        ("الأربعاء، 07 أكتوبر 2020 - 12:09 م", datetime(2020, 10, 7, 12, 9, tzinfo=UTC)),
        ("الجمعة 8 فيفري 2019", datetime(2019, 2, 8, tzinfo=UTC)),
        ("الأحد | 24 سبتمبر 2023 | 10:35 م", datetime(2023, 9, 24, 22, 35, tzinfo=UTC)),
        ("يوم الأحد 24 سبتمبر 2023", datetime(2023, 9, 24, tzinfo=UTC)),
        ("٥ كانون الثاني ٢٠٢٤ ١٠:٣٥ ص", datetime(2024, 1, 5, 10, 35, tzinfo=UTC)),
        # Hijri (Umm al-Qura), alone and beside a Gregorian date, which wins.
        ("10 ربيع الأول 1445 هـ", datetime(2023, 9, 25, tzinfo=UTC)),
        ("1 رمضان 1445هـ", datetime(2024, 3, 11, tzinfo=UTC)),
        ("الأحد 24 سبتمبر 2023 الموافق 9 ربيع الأول 1445 هـ", datetime(2023, 9, 24, tzinfo=UTC)),
        ("  24th,   September   2023   GMT  ", datetime(2023, 9, 24, tzinfo=UTC)),
        # Both calendars with era marks (`مـ` with tatweel), a full stop closing the line.
        ("الأحد - 9 ربيع الأول 1445 هـ - 24 سبتمبر 2023 مـ", datetime(2023, 9, 24, tzinfo=UTC)),
        ("24 سبتمبر 2023م.", datetime(2023, 9, 24, tzinfo=UTC)),
    ],
)
def test_accepted_forms(text: str, expected: datetime) -> None:
    result = parse_date(text)
    assert (result.value, result.code) == (expected, None)
    assert result.value is not None
    assert result.value.tzinfo == UTC


@pytest.mark.skipif(not SHARED.is_file(), reason="../shared/realworld is not beside the checkout")
def test_every_date_real_pages_print() -> None:
    pages = json.loads(SHARED.read_text(encoding="utf-8"))
    for text, instant in pages.items():
        if not text.startswith("_"):
            assert parse_date(text).value == datetime.fromisoformat(instant), text


def test_a_date_without_a_zone_is_read_in_the_default_timezone() -> None:
    cairo = ZoneInfo("Africa/Cairo")
    assert parse_date("24 سبتمبر 2023 10:00", cairo).value == datetime(2023, 9, 24, 7, tzinfo=UTC)
    # A written zone wins over the default.
    assert parse_date("24 Sep 2023 10:00 GMT", cairo).value == datetime(2023, 9, 24, 10, tzinfo=UTC)
    article = seedcorpus.parse_article(
        "عنوان\nتاريخ النشر: 24/09/2023 10:00\nنص.",
        article_id="x",
        options=seedcorpus.ParseOptions(default_timezone="Asia/Riyadh"),
    )
    assert article.published_at == datetime(2023, 9, 24, 7, tzinfo=UTC)
    with pytest.raises(ValueError, match="IANA"):
        seedcorpus.ParseOptions(default_timezone="Mars/Olympus")


def test_ordinal_suffix_that_does_not_fit_keeps_the_day_with_a_defect() -> None:
    result = parse_date("3th, March 2024 GMT")
    assert result.value == datetime(2024, 3, 3, tzinfo=UTC)
    assert result.code is DefectCode.ORDINAL_MISMATCH


@pytest.mark.parametrize(
    "text",
    [
        "31st, February 2024 GMT",
        "31 فبراير 2024",
        "30/02/2023",
        "29 February 2023",
        "24 September 2023 25:00",
        "30 شباط 2024",
        "24 Sep 2023 13:05 PM",
        "Monday, 24 September 2023",
        "24 Sep 2023 +24:00",
        "24 نيسان / مايو 2020",
        "0001-01-01T00:00+05:00",
        "31st, December 9999 11:59 PM GMT-05:00",
        "1 محرم 1200 هـ",
    ],
)
def test_impossible_dates_are_not_guessed(text: str) -> None:
    result = parse_date(text)
    assert (result.value, result.code) == (None, DefectCode.IMPOSSIBLE_DATE)


@pytest.mark.parametrize(
    "text", ["منذ 3 ساعات", "منذ ساعتين", "yesterday", "قبل يومين", "2 hours ago"]
)
def test_relative_dates_are_not_resolved(text: str) -> None:
    result = parse_date(text)
    assert (result.value, result.code) == (None, DefectCode.RELATIVE_DATE)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "September 2023",
        "24 September",
        "24 Septembre 2023",
        "24 September 23",
        "24 September 2023 EST",
        "24 September 2023 24 September 2023",
        "24 September 2023" + " " * 300 + "GMT",
    ],
)
def test_unknown_forms_are_not_guessed(text: str) -> None:
    result = parse_date(text)
    assert (result.value, result.code) == (None, DefectCode.UNKNOWN_DATE)
    assert result.reason


ENGLISH = "January February March April May June July August September October November December"
EGYPTIAN = "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"
LEVANTINE = (
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول"
)
MAGHREBI = "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر"
MONTH_TABLES = [
    [m.replace("_", " ") for m in names.split()]
    for names in (ENGLISH, EGYPTIAN, LEVANTINE, MAGHREBI)
]
WEEKDAYS = ["الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@st.composite
def rendered(draw: st.DrawFn) -> tuple[str, datetime, str]:
    """Any instant the grammar accepts, written in any accepted form, that instant and its
    precision."""
    moment = draw(st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31))).replace(microsecond=0)
    offset_minutes = draw(st.sampled_from([None, 0, 180, -300, 330, 60]))
    months = draw(st.sampled_from(MONTH_TABLES))
    month = months[moment.month - 1]
    day_form = draw(st.sampled_from(["name", "dotted", "slashed", "iso", "month-first"]))
    if day_form == "name":
        date_text = f"{moment.day} {month} {moment.year}"
    elif day_form == "dotted":
        date_text = f"{moment.day:02d}.{moment.month:02d}.{moment.year}"
    elif day_form == "slashed":
        date_text = f"{moment.year}/{moment.month:02d}/{moment.day:02d}"
    elif day_form == "iso":
        date_text = f"{moment.year}-{moment.month:02d}-{moment.day:02d}"
    else:
        date_text = f"{ENGLISH.split()[moment.month - 1]} {moment.day}, {moment.year}"
    clock = draw(st.sampled_from(["24h", "ampm-ar", "ampm-en", "none"]))
    hour12, evening = moment.hour % 12 or 12, moment.hour >= 12
    if clock == "24h":
        time_text = f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    elif clock == "ampm-ar":
        time_text = f"{hour12}:{moment.minute:02d} {'مساءً' if evening else 'صباحًا'}"
        moment = moment.replace(second=0)
    elif clock == "ampm-en":
        time_text = f"{hour12}:{moment.minute:02d} {'PM' if evening else 'AM'}"
        moment = moment.replace(second=0)
    else:
        time_text = ""
        moment = moment.replace(hour=0, minute=0, second=0)
    zone_text = ""
    if offset_minutes is not None:
        sign = "+" if offset_minutes >= 0 else "-"
        zone_text = f"{sign}{abs(offset_minutes) // 60:02d}:{abs(offset_minutes) % 60:02d}"
        if not time_text and sign == "-":
            zone_text = "GMT" + zone_text  # a bare `-HH:MM` before any clock time is a clock time
    weekday = WEEKDAYS[moment.weekday()] + "، " if draw(st.booleans()) else ""
    parts = [date_text, time_text, zone_text]
    if draw(st.booleans()):
        parts = [time_text, zone_text, date_text]
    text = weekday + " ".join(p for p in parts if p)
    if draw(st.booleans()):
        text = text.translate(EASTERN)
    # A zone moves clock times only: a date with no clock time is 00:00 UTC on its own day.
    shift = timedelta(minutes=offset_minutes or 0) if time_text else timedelta()
    precision = "second" if clock == "24h" else "minute" if time_text else "day"
    return text, moment.replace(tzinfo=UTC) - shift, precision


@settings(max_examples=500, deadline=None)
@given(rendered())
def test_any_accepted_date_in_any_accepted_form_parses_back(
    case: tuple[str, datetime, str],
) -> None:
    text, instant, precision = case
    result = parse_date(text)
    assert (result.value, result.code, result.precision) == (instant, None, precision), text
