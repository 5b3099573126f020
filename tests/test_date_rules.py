"""The date rules of issues 18 and 19, one test each: calendar days, precision, update stamps,
Hijri forms, Hijri-looking years, hyphenated clock times, place zones, regional spellings and
the memo. Every expected instant is written out by hand; Hijri days are Umm al-Qura (Saudi
Eid al-Fitr 1444 fell on 2023-04-21, Eid al-Adha 1444 on 2023-06-28)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import seedcorpus
from seedcorpus.errors import DefectCode
from seedcorpus.parse import date_names as names
from seedcorpus.parse.dates import parse_date, parse_date_uncached
from seedcorpus.parse.normalize import match_key

UTC = timezone.utc
RIYADH = ZoneInfo("Asia/Riyadh")


def article(date_line: str, zone: str = "UTC") -> seedcorpus.Article:
    raw = f"عنوان\nتاريخ النشر: {date_line}\nنص.\n"
    options = seedcorpus.ParseOptions(default_timezone=zone)
    return seedcorpus.parse_article(raw, article_id="x", options=options)


# Issue 18, point 3: a date keeps its calendar day; precision says what the page printed.


@pytest.mark.parametrize("zone", ["Asia/Riyadh", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])
def test_a_date_without_a_clock_time_keeps_its_day_in_any_default_zone(zone: str) -> None:
    for line in ("24 سبتمبر 2023", "الأحد 24/09/2023", "2023-09-24", "10 ربيع الأول 1445 هـ"):
        got = article(line, zone)
        expected = datetime(2023, 9, 24 if "1445" not in line else 25, tzinfo=UTC)
        assert (got.published_at, got.date_precision) == (expected, "day"), line


def test_a_written_zone_does_not_move_a_date_without_a_clock_time() -> None:
    for line in ("24 سبتمبر 2023 +03:00", "24 سبتمبر 2023 بتوقيت مكة المكرمة", "24 Sep 2023 GMT-5"):
        assert parse_date(line).value == datetime(2023, 9, 24, tzinfo=UTC), line


def test_a_clock_time_is_still_read_in_the_default_zone() -> None:
    got = article("24 سبتمبر 2023 10:00", "Asia/Riyadh")
    assert (got.published_at, got.date_precision) == (
        datetime(2023, 9, 24, 7, tzinfo=UTC),
        "minute",
    )


@pytest.mark.parametrize(
    ("line", "precision"),
    [
        ("24 سبتمبر 2023", "day"),
        ("24 سبتمبر 2023 10:35 م", "minute"),
        ("2023-09-24T10:00Z", "minute"),
        ("24 Sep 2023 10:35:07 GMT", "second"),
        ("2023-09-24 10:00:00.123+0300", "second"),
    ],
)
def test_precision_follows_the_grammar(line: str, precision: str) -> None:
    assert article(line).date_precision == precision


@pytest.mark.parametrize("line", ["منذ 3 ساعات", "31 فبراير 2024", "قريبا"])
def test_precision_is_null_exactly_when_the_date_is(line: str) -> None:
    got = article(line)
    assert (got.published_at, got.date_precision) == (None, None)
    assert seedcorpus.parse_article("عنوان\nنص.\n", article_id="x").date_precision is None


# Issue 19: update stamps; the publish date wins.


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("24 سبتمبر 2023 10:00 | آخر تحديث: 25 سبتمبر 2023 11:30", datetime(2023, 9, 24, 10)),
        ("نُشر في 24/09/2023 - آخر تحديث 25/09/2023 11:30", datetime(2023, 9, 24)),
        ("آخر تحديث: 25/09/2023 11:30 | نشر في: 24/09/2023 10:00", datetime(2023, 9, 24, 10)),
        ("الأحد 24 سبتمبر 2023 - تم التحديث الاثنين 25 سبتمبر 2023", datetime(2023, 9, 24)),
        ("Published 24 September 2023, updated 25 September 2023 09:00 GMT", datetime(2023, 9, 24)),
        ("نُشر في 24 سبتمبر 2023 | حُدّث في 25 سبتمبر 2023 10:00", datetime(2023, 9, 24)),
        ("Published 24 Sep 2023 Modified: 25 Sep 2023", datetime(2023, 9, 24)),
    ],
)
def test_an_update_stamp_gives_way_to_the_publish_date(line: str, expected: datetime) -> None:
    result = parse_date(line)
    assert (result.value, result.code) == (expected.replace(tzinfo=UTC), None)


def test_an_update_stamp_alone_is_no_publish_date() -> None:
    result = parse_date("آخر تحديث: 25/09/2023 11:30")
    assert (result.value, result.code) == (None, DefectCode.UNKNOWN_DATE)
    assert "update stamp" in result.reason


# Issue 19: Hijri dates, numeric with `هـ`, with fillers and colloquial month names.


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("05-03-1445 هـ", datetime(2023, 9, 20)),
        ("10/03/1445هـ، 10:15 مساءً", datetime(2023, 9, 25, 22, 15)),
        ("01.10.1444 هجرية - 7:05 ص", datetime(2023, 4, 21, 7, 5)),
        ("1444/12/10 هـ", datetime(2023, 6, 28)),
        ("الأحد 1-1-1446 هـ 09:00", datetime(2024, 7, 7, 9)),
        # Beside a Gregorian date (which wins), era marks on both.
        ("1445/3/10هـ الموافق 2023/9/25م", datetime(2023, 9, 25)),
    ],
)
def test_numeric_hijri_dates_marked_hijri(line: str, expected: datetime) -> None:
    result = parse_date(line)
    assert (result.value, result.code) == (expected.replace(tzinfo=UTC), None)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("10 من شهر ربيع الأول من عام 1445", datetime(2023, 9, 25)),
        ("1 شهر رمضان المبارك لعام 1445 هـ", datetime(2024, 3, 11)),
        ("21 جماد أول 1445", datetime(2023, 12, 5)),
        ("21 جمادى الأول سنة 1445 هـ", datetime(2023, 12, 5)),
        ("1 جمادى التاني 1445", datetime(2023, 12, 14)),
        ("10 ذي الحجة 1444 هـ", datetime(2023, 6, 28)),
        ("1 محرم الحرام 1446 هـ", datetime(2024, 7, 7)),
    ],
)
def test_hijri_with_fillers_honorifics_and_colloquial_months(line: str, expected: datetime) -> None:
    result = parse_date(line)
    assert (result.value, result.code) == (expected.replace(tzinfo=UTC), None)


@pytest.mark.parametrize(
    "line", ["10/03/1445", "1445-03-10", "10.03.1445 10:00", "01/01/1300", "31/12/1500"]
)
def test_an_unmarked_numeric_date_with_a_hijri_looking_year_is_never_gregorian(line: str) -> None:
    result = parse_date(line)
    assert (result.value, result.code) == (None, DefectCode.AMBIGUOUS_CALENDAR)


def test_years_outside_the_hijri_range_and_named_months_stay_gregorian() -> None:
    assert parse_date("01/01/1299").value == datetime(1299, 1, 1, tzinfo=UTC)
    assert parse_date("01/01/1501").value == datetime(1501, 1, 1, tzinfo=UTC)
    # A Gregorian month name or era mark says which calendar: the year is read as written.
    assert parse_date("5 ديسمبر 1420").value == datetime(1420, 12, 5, tzinfo=UTC)
    assert parse_date("10/03/1445م").value == datetime(1445, 3, 10, tzinfo=UTC)


# Issue 19: a hyphen right before a clock time is punctuation, not a zone offset.


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("24 سبتمبر 2023-10:35 م", datetime(2023, 9, 24, 22, 35)),
        ("2023/09/24-9:05 صباحا", datetime(2023, 9, 24, 9, 5)),
        ("24.09.2023-17:20", datetime(2023, 9, 24, 17, 20)),
        # After a clock time the sign is an offset again.
        ("24 سبتمبر 2023 10:35 -05:00", datetime(2023, 9, 24, 15, 35)),
        ("2023-09-24T10:00:00-05:00", datetime(2023, 9, 24, 15)),
        ("24 Sep 2023 GMT-2 10:00", datetime(2023, 9, 24, 12)),
    ],
)
def test_a_hyphen_before_a_clock_time_is_not_an_offset(line: str, expected: datetime) -> None:
    result = parse_date(line)
    assert (result.value, result.code) == (expected.replace(tzinfo=UTC), None)


# Issue 19: a place's clock through its IANA zone on that date, daylight saving included.


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Cairo: +03:00 in summer (DST since 2023), +02:00 in winter.
        ("24 سبتمبر 2023 10:00 بتوقيت القاهرة", datetime(2023, 9, 24, 7)),
        ("24 يناير 2024 10:00 بتوقيت القاهرة", datetime(2024, 1, 24, 8)),
        # Beirut: +03:00 in summer, +02:00 in winter.
        ("1 يوليو 2023 10:00 بتوقيت بيروت", datetime(2023, 7, 1, 7)),
        ("1 يناير 2023 10:00 بتوقيت بيروت", datetime(2023, 1, 1, 8)),
        ("10:00 بتوقيت مكة المكرمة 24 سبتمبر 2023", datetime(2023, 9, 24, 7)),
        ("24 سبتمبر 2023 10:00 بتوقيت أبوظبي", datetime(2023, 9, 24, 6)),
        ("24 سبتمبر 2023 10:00 بتوقيت أبو ظبي", datetime(2023, 9, 24, 6)),
        ("24 سبتمبر 2023 10:00 حسب توقيت الدوحة", datetime(2023, 9, 24, 7)),
        ("10:00 بتوقيت GMT+3 24 سبتمبر 2023", datetime(2023, 9, 24, 7)),
        ("10:00 بتوقيت GMT 24 سبتمبر 2023", datetime(2023, 9, 24, 10)),
        ("24 سبتمبر 2023 10:00 بتوقيت لندن", datetime(2023, 9, 24, 9)),
        ("24 سبتمبر 2023 10:00 بتوقيت دولة الإمارات", datetime(2023, 9, 24, 6)),
        ("24 سبتمبر 2023 10:00 بتوقيت مدينة جدة", datetime(2023, 9, 24, 7)),
        ("24 يناير 2023 10:00 بتوقيت لندن", datetime(2023, 1, 24, 10)),
    ],
)
def test_a_place_zone_is_read_on_that_date(line: str, expected: datetime) -> None:
    result = parse_date(line)
    assert (result.value, result.code) == (expected.replace(tzinfo=UTC), None)


@pytest.mark.parametrize(
    "line",
    [
        "24 سبتمبر 2023 10:00 بتوقيت نيودلهي",
        "24 سبتمبر 2023 10:00 بتوقيت مدينة بعيدة",
        "24 سبتمبر 2023 10:00 بتوقيت عمان",  # Amman or Oman: an hour apart
        "24 سبتمبر 2023 10:00 بتوقيت طرابلس",  # Libya or Lebanon
        "24 سبتمبر 2023 10:00 بتوقيت المملكة",  # Saudi Arabia, Morocco, Jordan or Bahrain
    ],
)
def test_an_unknown_or_shared_place_name_is_a_defect_never_a_guess(line: str) -> None:
    result = parse_date(line)
    assert (result.value, result.code) == (None, DefectCode.UNKNOWN_ZONE)
    assert result.precision is None


def test_every_place_names_a_zone_this_machine_knows() -> None:
    for place, zone in names.PLACE_ZONES.items():
        assert ZoneInfo(zone).key == zone, place


def test_an_unknown_place_does_not_move_a_date_without_a_clock_time() -> None:
    result = parse_date("24 سبتمبر 2023 بتوقيت نيودلهي")
    assert (result.value, result.code) == (
        datetime(2023, 9, 24, tzinfo=UTC),
        DefectCode.UNKNOWN_ZONE,
    )


def test_a_place_and_its_offset_must_agree() -> None:
    cases = {
        "24 سبتمبر 2023 10:35 بتوقيت مكة المكرمة (GMT+3)": datetime(2023, 9, 24, 7, 35, tzinfo=UTC),
        "24 يناير 2024 10:35 بتوقيت القاهرة (GMT+2)": datetime(2024, 1, 24, 8, 35, tzinfo=UTC),
        # The offset makes an unknown place harmless.
        "24 سبتمبر 2023 10:35 بتوقيت نيودلهي (GMT+05:30)": datetime(2023, 9, 24, 5, 5, tzinfo=UTC),
    }
    for line, expected in cases.items():
        assert (parse_date(line).value, parse_date(line).code) == (expected, None), line
    for line in (
        "24 يناير 2024 10:35 بتوقيت القاهرة (GMT+3)",
        "24 يناير 2024 10:35 UTC بتوقيت القاهرة",
    ):
        assert parse_date(line).code is DefectCode.IMPOSSIBLE_DATE, line


def test_a_local_time_skipped_by_daylight_saving_is_impossible() -> None:
    # Cairo's clocks jumped from 00:00 to 01:00 on 2024-04-26.
    result = parse_date("26 أبريل 2024 00:30 بتوقيت القاهرة")
    assert (result.value, result.code) == (None, DefectCode.IMPOSSIBLE_DATE)
    assert parse_date("26 أبريل 2024 01:30 بتوقيت القاهرة").value == datetime(
        2024, 4, 25, 22, 30, tzinfo=UTC
    )


def test_local_time_words_mean_the_default_zone() -> None:
    result = parse_date("24 سبتمبر 2023 10:00 بالتوقيت المحلي", RIYADH)
    assert result.value == datetime(2023, 9, 24, 7, tzinfo=UTC)


# Issue 19: spelling variants (Mauritanian months are in test_dates.MONTH_SPELLINGS).


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("15 تشرین الأول 2021", datetime(2021, 10, 15)),  # Persian yeh
        ("15 کانون الثاني 2021", datetime(2021, 1, 15)),  # Persian kaf
        ("15 اکتوبر 2021", datetime(2021, 10, 15)),
        ("الخمیس 14 أکتوبر 2021", datetime(2021, 10, 14)),
        ("۲۴ سبتمبر ۲۰۲۳ ۱۰:۳۵", datetime(2023, 9, 24, 10, 35)),  # Persian digits
        ("۲۴/۰۹/۲۰۲۳", datetime(2023, 9, 24)),
    ],
)
def test_persian_letters_and_digits(line: str, expected: datetime) -> None:
    result = parse_date(line)
    assert (result.value, result.code) == (expected.replace(tzinfo=UTC), None)


def test_persian_folding_is_for_matching_only() -> None:
    assert match_key("تشرین کانون") == match_key("تشرين كانون")
    got = article("15 تشرین الأول 2021")
    assert got.date_text == "15 تشرین الأول 2021"


# Issue 21: date strings repeat across a crawl, so results are memoised.


def test_results_are_memoised_per_text_and_zone() -> None:
    line = "24 سبتمبر 2023 10:00"
    assert parse_date(line, RIYADH) is parse_date(line, RIYADH)
    assert parse_date(line, RIYADH) == parse_date_uncached(line, RIYADH)
    assert parse_date(line).value == datetime(2023, 9, 24, 10, tzinfo=UTC)
    assert parse_date(line, RIYADH).value == datetime(2023, 9, 24, 7, tzinfo=UTC)


def test_precision_reaches_the_dataset_rows(tmp_path: Path) -> None:
    (tmp_path / "day.txt").write_text("عنوان\nتاريخ النشر: 24 سبتمبر 2023\nنص.\n", "utf-8")
    (tmp_path / "minute.txt").write_text("عنوان\nتاريخ النشر: 24/09/2023 10:00\nنص.\n", "utf-8")
    (tmp_path / "none.txt").write_text("عنوان\nنص.\n", "utf-8")
    options = seedcorpus.ParseOptions(default_timezone="Asia/Riyadh")
    rows = seedcorpus.load_dataset(tmp_path, options=options, cache_dir=str(tmp_path / "cache"))
    got = {row["id"]: (row["published_at"], row["date_precision"]) for row in rows}
    assert got == {
        "day": (datetime(2023, 9, 24, tzinfo=UTC), "day"),
        "minute": (datetime(2023, 9, 24, 7, tzinfo=UTC), "minute"),
        "none": (None, None),
    }
    assert rows.features == seedcorpus.FEATURES


def test_the_show_view_says_the_precision() -> None:
    from seedcorpus.cli.display import render

    assert "published: 2023-09-24T00:00:00+00:00 (day)" in render(article("24 سبتمبر 2023"))
    assert "published: 2023-09-24T07:00:00+00:00 (minute)" in render(
        article("24/09/2023 10:00", "Asia/Riyadh")
    )
