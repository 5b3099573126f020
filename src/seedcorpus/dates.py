"""Step 3a: the publish-date grammar, English and Arabic forms, to a UTC datetime; never guesses.

Accepted (see DESIGN.md): `24th, September 2023 GMT`, with or without the ordinal suffix and the
comma, full or 3-letter month names, month-first `September 24, 2023`, an optional weekday, an
optional `HH:MM[:SS]` with AM/PM, zones `GMT`, `UTC`, `Z` and `±HH:MM`; Arabic `٢٤ سبتمبر ٢٠٢٣`
and `24 أيلول 2023` (Egyptian and Levantine month names), an optional weekday, `10:35 م`/`ص`;
ISO 8601 `2023-09-24[THH:MM[:SS]][Z|±HH:MM]`. A form without a zone is read as UTC. Anything
else is unknown, and a real form naming an impossible day or time is impossible: both give None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .errors import DefectCode
from .normalize import collapse_spaces, match_key

_EN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Spelling-folded (match_key) Egyptian and Levantine month names.
_AR_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("يناير", "كانون الثاني"),
            ("فبراير", "شباط"),
            ("مارس", "اذار"),
            ("ابريل", "نيسان"),
            ("مايو", "ايار"),
            ("يونيو", "يونيه", "حزيران"),
            ("يوليو", "يوليه", "تموز"),
            ("اغسطس", "اب"),
            ("سبتمبر", "ايلول"),
            ("اكتوبر", "تشرين الاول"),
            ("نوفمبر", "تشرين الثاني"),
            ("ديسمبر", "كانون الاول"),
        ),
        start=1,
    )
    for name in names
}
_EN_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs"
    "|fri|sat|sun"
)
_AR_WEEKDAY_NUMBERS = {
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}
_AR_WEEKDAYS = "|".join(_AR_WEEKDAY_NUMBERS)


def _alternation(names: dict[str, int]) -> str:
    """A regex alternation of names, longest first so that `sept` wins over `sep`."""
    return "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True)
    )


_TIME = (
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<ampm>a\.?m\.?|p\.?m\.?|صباحا|مساءا|مساء|ص|م)(?![^\W\d_]))?"
)
_ZONE = r"(?P<zone>(?:gmt|utc)?\s*[+-]\d{1,2}(?::?\d{2})?|gmt|utc|z|(?:بتوقيت\s+)?[جغ]رينت?ش)"
_TAIL = rf"(?:\s*,?\s*(?:at\s+|الساعه\s+)?{_TIME})?(?:\s*{_ZONE})?"
_DAY = r"(?P<day>\d{1,2})(?P<suffix>st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_EN_MONTH = rf"(?P<month>{_alternation(_EN_MONTHS)})\.?"

_FORMS = (
    re.compile(
        rf"(?:(?P<weekday>{_EN_WEEKDAYS}),?\s*)?{_DAY}\s*,?\s*{_EN_MONTH}\s*,?\s*{_YEAR}{_TAIL}"
    ),
    re.compile(rf"(?:(?P<weekday>{_EN_WEEKDAYS}),?\s*)?{_EN_MONTH}\s*{_DAY}\s*,?\s*{_YEAR}{_TAIL}"),
    re.compile(
        rf"(?:(?:يوم\s+)?(?P<weekday>{_AR_WEEKDAYS})\s*,?\s*)?(?P<day>\d{{1,2}})\s*(?:من\s+)?"
        # `2023م`: the year may carry the Gregorian-era marker.
        rf"(?P<month>{_alternation(_AR_MONTHS)})\s*,?\s*{_YEAR}(?:\s?م(?![^\W\d_]))?"
        rf"(?:\s*[,-]?\s*(?:الساعه\s*)?{_TIME})?(?:\s*{_ZONE})?"
    ),
    re.compile(
        r"(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})"
        r"(?:[t\s](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
        r"(?:\s*(?P<zone>z|[+-]\d{2}:?\d{2}))?"
    ),
)
#: Longer date texts are unknown without running the grammar (keeps hostile lines cheap).
MAX_DATE_CHARS = 200
_SUFFIXES = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


@dataclass(frozen=True, slots=True)
class DateResult:
    """A parsed date (UTC) or, when there is none, the defect code and why."""

    value: datetime | None
    code: DefectCode | None = None
    reason: str = ""


def parse_date(text: str) -> DateResult:
    """Parse a publish date in one of the accepted forms; unknown or impossible gives None."""
    if len(text) > MAX_DATE_CHARS:
        return DateResult(None, DefectCode.UNKNOWN_DATE, f"date text over {MAX_DATE_CHARS} chars")
    folded = collapse_spaces(match_key(text).replace("،", ",")).lower()
    if not folded:
        return DateResult(None, DefectCode.UNKNOWN_DATE, "the date is empty")
    for form in _FORMS:
        found = form.fullmatch(folded)
        if found is not None:
            return _build(found.groupdict())
    return DateResult(None, DefectCode.UNKNOWN_DATE, f"unknown date form: {text!r}")


def _build(parts: dict[str, str | None]) -> DateResult:
    """Turn the grammar's named parts into an aware UTC datetime, checking every range."""
    day = int(parts["day"] or 0)
    suffix = parts.get("suffix")
    if suffix and _SUFFIXES.get(day, "th") != suffix:
        return DateResult(None, DefectCode.UNKNOWN_DATE, f"ordinal suffix {suffix!r} on day {day}")
    numeric_month = parts.get("nmonth")
    month = int(numeric_month) if numeric_month else _month_number(parts["month"] or "")
    hour = int(parts.get("hour") or 0)
    minute = int(parts.get("minute") or 0)
    second = int(parts.get("second") or 0)
    ampm = parts.get("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            return DateResult(None, DefectCode.IMPOSSIBLE_DATE, f"hour {hour} with {ampm!r}")
        evening = ampm.startswith(("p", "م"))
        hour = hour % 12 + (12 if evening else 0)
    zone = _zone(parts.get("zone"))
    if zone is None:
        return DateResult(None, DefectCode.IMPOSSIBLE_DATE, f"time zone {parts.get('zone')!r}")
    try:
        local = datetime(int(parts["year"] or 0), month, day, hour, minute, second, tzinfo=zone)
    except ValueError as exc:
        return DateResult(None, DefectCode.IMPOSSIBLE_DATE, f"no such date or time: {exc}")
    weekday = parts.get("weekday")
    if weekday and _weekday_number(weekday) != local.weekday():
        return DateResult(
            None, DefectCode.IMPOSSIBLE_DATE, f"{weekday!r} does not fall on {local.date()}"
        )
    return DateResult(local.astimezone(timezone.utc))


def _weekday_number(name: str) -> int:
    """Monday=0 ... Sunday=6 for an English (any accepted abbreviation) or Arabic weekday."""
    if name in _AR_WEEKDAY_NUMBERS:
        return _AR_WEEKDAY_NUMBERS[name]
    return ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(name[:3])


def _month_number(name: str) -> int:
    """Look up an English or Arabic month name (white space folded)."""
    name = " ".join(name.split())
    return _EN_MONTHS.get(name) or _AR_MONTHS[name]


def _zone(text: str | None) -> timezone | None:
    """A fixed-offset zone from `GMT`, `UTC`, `Z`, `+03:00`, `+0300`, `GMT+3`; None if invalid."""
    if not text:
        return timezone.utc
    offset = re.search(r"([+-])(\d{1,2}):?(\d{2})?$", text)
    if offset is None:
        return timezone.utc
    sign, hours, minutes = offset.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=24) or int(minutes or 0) >= 60:
        return None
    return timezone(-delta if sign == "-" else delta)
