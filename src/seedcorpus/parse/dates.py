"""Step 3a: the publish-date grammar: any form real Arab outlets print, to a UTC instant.

The date text is spelling-folded (``match_key``: Eastern Arabic and Persian digits, alef/hamza
forms, Persian yeh/kaf, diacritics) and read left to right as a sequence of parts, each optional
where pages leave it out and each allowed once: lead words (`تم نشره`, `نشر في`), a weekday, the
date (day, month name of any region, year; or numeric day-first `17.03.2020` / year-first
`2020/12/25`; ISO 8601), a time (`H:MM[:SS]`, with `ص`/`صباحًا`/AM or `م`/`مساءً`/PM), a zone
(`GMT`, `UTC`, `Z`, `±HH:MM`, `بتوقيت غرينتش`, a place's clock such as `بتوقيت القاهرة`) and a
Hijri date (named `10 ربيع الأول 1445 هـ`, with fillers `26 من شهر محرم من عام 1443`, or numeric
with `هـ`; converted on the Umm al-Qura calendar by ``hijridate``; a Gregorian date on the same
line wins). Separators `,` `،` `-` `|` go between parts. An update stamp (`آخر تحديث …`) is
dropped first: the publish date wins.

Nothing is guessed: a form the grammar refuses is ``unknown-date``, a relative date (`منذ 3
ساعات`) is ``relative-date``, a real form naming no real day or time (`31 فبراير`) is
``impossible-date``, an unmarked numeric date with a Hijri-looking year is
``ambiguous-calendar``, a place whose clock is unknown is ``unknown-zone``; all give ``None``
(an unknown zone on a date with no clock time keeps the day). A clock time written without a
zone is read in the caller's ``default_timezone``; a date with no clock time is 00:00 UTC on its
own calendar day, whatever the zone. The result is always UTC, with its precision (``day``,
``minute`` or ``second``). Results are memoised: a crawl prints the same date strings again and
again.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from ..errors import DefectCode
from . import date_names as names

#: How much of the instant the text gave: a calendar day, or a clock time to the minute or second.
DatePrecision = Literal["day", "minute", "second"]

#: Longer date texts are unknown without running the grammar (keeps hostile lines cheap).
MAX_DATE_CHARS = 200
#: Distinct date strings whose results are kept (a crawl repeats its date lines).
CACHE_SIZE = 8192
#: Years an unmarked numeric date may not have: they look Hijri, and are never read as Gregorian.
HIJRI_LOOKING_YEARS = range(1300, 1501)
_SUFFIXES = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def _table(words: Iterable[str]) -> set[str]:
    """A set of folded words."""
    return {names.fold(word) for word in words}


_MONTHS = names.folded_table(names.ENGLISH_MONTHS) | names.folded_table(names.ARABIC_MONTHS)
_HIJRI_MONTHS = names.folded_table(names.HIJRI_MONTHS)
_WEEKDAYS = names.folded_table(names.WEEKDAYS)
_AMPM = {names.fold(word): evening for word, evening in names.AMPM_WORDS.items()}
_NAMED_ZONES = {names.fold(word): zone for word, zone in names.NAMED_ZONES.items()}
_PLACE_ZONES = {names.fold(word): zone for word, zone in names.PLACE_ZONES.items()}
_LEADS = _table((*names.LEAD_WORDS, *names.TIME_LEAD_WORDS, "الموافق ل", "الموافق"))
_RELATIVE = _table(names.RELATIVE_WORDS)

_END = r"(?![^\W\d_])"  # not followed by a letter: a name ends here
_START = r"(?<![^\W\d_])"  # not preceded by a letter: a word starts here


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of folded words, longest first, any white space between words."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_SEP = r"[\s,.\-/]*"
_HIJRI_MARK = rf"(?:{_alt(_table(names.HIJRI_MARKS))}){_END}"
_NOT_HIJRI = rf"(?!\s*{_HIJRI_MARK})"  # a numeric date marked `هـ` is Hijri, not Gregorian
_DAY = r"(?P<day>\d{1,2})(?!\d)(?P<suffix>st|nd|rd|th)?" + _END
_YEAR = r"(?P<year>\d{4})(?!\d)(?:\s?(?P<era>م)" + _END + ")?"
_MONTH = rf"(?P<month>{_alt(_MONTHS)})\.?{_END}"
# A second name for the same month, as pages print both: `نيسان / أبريل`, `أبريل (نيسان)`.
_DUAL = (
    rf"(?:\s*[/\-–]\s*(?P<month2>{_alt(_MONTHS)}){_END}"
    rf"|\s*\(\s*(?P<month3>{_alt(_MONTHS)})\s*\))?"
)

#: The date part in each accepted shape (tried in order at the current position).
_DATE_FORMS = (
    re.compile(rf"{_DAY}(?:\s*of)?{_SEP}(?:من\s+)?{_MONTH}{_DUAL}{_SEP}{_YEAR}"),
    re.compile(rf"{_MONTH}{_DUAL}{_SEP}{_DAY}{_SEP}{_YEAR}"),
    re.compile(
        r"(?P<day>\d{1,2})(?P<sep>[./\-])(?P<nmonth>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"
        r"(?:\s?(?P<era>م)" + _END + ")?" + _NOT_HIJRI
    ),
    re.compile(
        r"(?P<year>\d{4})(?P<sep>[./\-])(?P<nmonth>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"
        r"(?:t(?=\d)|\s?(?P<era>م)" + _END + ")?" + _NOT_HIJRI
    ),
)
_HIJRI_FORMS = (
    # Named month, with the fillers pages put between the parts: `26 من شهر محرم من عام 1443`.
    re.compile(
        rf"(?P<hday>\d{{1,2}})(?!\d){_SEP}(?:(?:{_alt(_table(names.HIJRI_MONTH_FILLERS))})\s+)?"
        rf"(?P<hmonth>{_alt(_HIJRI_MONTHS)}){_END}"
        rf"(?:\s+(?:{_alt(_table(names.HIJRI_EPITHETS))}){_END})?{_SEP}"
        rf"(?:(?:{_alt(_table(names.HIJRI_YEAR_FILLERS))})\s+)?"
        rf"(?P<hyear>\d{{3,4}})(?!\d)(?:\s*{_HIJRI_MARK})?"
    ),
    # Numeric, day or year first: Hijri only when marked (`14-09-1432 هـ`).
    re.compile(
        r"(?P<hday>\d{1,2})(?P<sep>[./\-])(?P<hnmonth>\d{1,2})(?P=sep)(?P<hyear>\d{4})(?!\d)"
        rf"\s*{_HIJRI_MARK}"
    ),
    re.compile(
        r"(?P<hyear>\d{4})(?P<sep>[./\-])(?P<hnmonth>\d{1,2})(?P=sep)(?P<hday>\d{1,2})(?!\d)"
        rf"\s*{_HIJRI_MARK}"
    ),
)
_TIME = re.compile(
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d)(?::(?P<second>\d{2})(?!\d)(?:[.,]\d{1,9})?)?"
    rf"(?:\s*(?P<ampm>{_alt(_AMPM)})(?![^\W_]))?"
)
_ZONE_LEAD = rf"(?:{_alt(_table(names.ZONE_LEADS))})\s+"
_ZONE = re.compile(
    rf"(?:{_ZONE_LEAD})?(?P<offset>(?P<utc>gmt|utc)?\s*[+-]\d{{1,2}}(?::?\d{{2}})?)(?!\d)"
    rf"|(?P<local>{_alt(_table(names.LOCAL_TIME_WORDS))}){_END}"
    rf"|{_ZONE_LEAD}(?P<place>{_alt(_PLACE_ZONES)}){_END}"
    rf"|(?P<named>{_alt(_NAMED_ZONES)}){_END}"
    # A place the table does not know: named in the defect, never guessed.
    rf"|{_ZONE_LEAD}(?P<unknown>[^\W\d_]+(?:\s+[^\W\d_]+)*)"
)
_WEEKDAY = re.compile(rf"(?:يوم\s+)?(?P<weekday>{_alt(_WEEKDAYS)})\.?{_END}")
_LEAD = re.compile(rf"(?:{_alt(_LEADS)}){_END}")
_SEPARATORS = re.compile(r"[\s,|:;()\[\]\-–—·•]+")
_UPDATE = re.compile(rf"{_START}(?:{_alt(_table(names.UPDATE_WORDS))}){_END}")
_PUBLISH = re.compile(rf"{_START}(?:{_alt(_table(names.PUBLISH_WORDS))}){_END}")
_UPDATE_HINTS = ("تحديث", "updat", "modified")
_Parts = tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
#: The parts to try, by the first character at the position: a part is tried only where it can
#: begin (a time never begins with a letter), which keeps the scan cheap.
_PARTS_AT_DIGIT: _Parts = (
    ("date", (_DATE_FORMS[0], _DATE_FORMS[2], _DATE_FORMS[3])),
    ("hijri", _HIJRI_FORMS),
    ("time", (_TIME,)),
)
_PARTS_AT_LETTER: _Parts = (
    ("date", (_DATE_FORMS[1],)),
    ("zone", (_ZONE,)),
    ("weekday", (_WEEKDAY,)),
    ("lead", (_LEAD,)),
)
_PARTS_ELSEWHERE: _Parts = (("zone", (_ZONE,)),)  # an offset: `+03:00`, ` -0130`


@dataclass(frozen=True, slots=True)
class DateResult:
    """A parsed instant (UTC), how precise it is, and, when there is a problem, its code and why.

    ``value`` is None for unknown, relative, impossible and ambiguous dates, and for a clock time
    in an unknown zone; an ordinal-suffix mismatch, or an unknown zone on a date with no clock
    time, keeps the value and still carries a code. ``precision`` is None exactly when
    ``value`` is.
    """

    value: datetime | None
    code: DefectCode | None = None
    reason: str = ""
    precision: DatePrecision | None = None


def fold_date_text(text: str) -> str:
    """The text the grammar reads: spelling-folded, lower case, Arabic comma as `,`."""
    return names.fold(text.replace("،", ",").replace("؛", ";"))


def drop_update_stamps(folded: str) -> str:
    """Folded date text without its update stamps (`آخر تحديث …`), so the publish date wins.

    A stamp runs from its word to the next publish word (`نشر`, `published`) or to the end.
    """
    if not any(hint in folded for hint in _UPDATE_HINTS):
        return folded
    kept, pos = [], 0
    while (update := _UPDATE.search(folded, pos)) is not None:
        kept.append(folded[pos : update.start()])
        publish = _PUBLISH.search(folded, update.end())
        pos = len(folded) if publish is None else publish.start()
    kept.append(folded[pos:])
    return " | ".join(kept)


def scan(folded: str) -> dict[str, dict[str, str | None]] | str:
    """Split folded date text into its parts; a reason string when it is no date form."""
    found: dict[str, dict[str, str | None]] = {}
    pos, end = 0, len(folded)
    while pos < end:
        step = _match_part(folded, pos, found)
        if step is None:
            gap = _SEPARATORS.match(folded, pos)
            if gap is None:
                return f"unexpected text at {folded[pos : pos + 20]!r}"
            pos = gap.end()
            continue
        kind, match = step
        if kind != "lead":
            if kind in found:
                return f"two {kind} parts"
            found[kind] = match.groupdict()
        pos = match.end()
    return found


def _match_part(
    text: str, pos: int, found: dict[str, dict[str, str | None]]
) -> tuple[str, re.Match[str]] | None:
    """The first part that matches at ``pos``, preferring parts not seen yet."""
    first = text[pos]
    if first.isdigit():
        parts = _PARTS_AT_DIGIT
    elif first.isalpha():
        parts = _PARTS_AT_LETTER
    else:
        parts = _PARTS_ELSEWHERE
    for kind, patterns in parts:
        if kind in found:
            continue
        for pattern in patterns:
            match = pattern.match(text, pos)
            if match is not None and match.end() > pos:
                if kind == "zone" and _is_hyphen_before_time(text, pos, match, found):
                    continue
                return kind, match
    return None


def _is_hyphen_before_time(
    text: str, pos: int, match: re.Match[str], found: dict[str, dict[str, str | None]]
) -> bool:
    """Whether a bare `-H:MM` is a separator and a clock time (`2017-6:37 صباحًا`).

    An offset belongs to a clock time, so before any clock time a hyphen right before one is
    punctuation; after a clock time (`10:35 -05:00`, ISO 8601) it is the offset.
    """
    return (
        text[pos] == "-"
        and match.group("offset") is not None
        and match.group("utc") is None
        and "time" not in found
        and _TIME.match(text, pos + 1) is not None
    )


def parse_date(text: str, zone: tzinfo = timezone.utc) -> DateResult:
    """Parse a publish date; ``zone`` reads clock times written without a zone.

    Memoised (``CACHE_SIZE`` distinct strings and zones): results are immutable.
    """
    if len(text) > MAX_DATE_CHARS:
        return DateResult(None, DefectCode.UNKNOWN_DATE, f"date text over {MAX_DATE_CHARS} chars")
    return _parse_cached(text, zone)


def parse_date_uncached(text: str, zone: tzinfo = timezone.utc) -> DateResult:
    """``parse_date`` without the memo (for measuring the grammar itself)."""
    folded = drop_update_stamps(fold_date_text(text))
    if not folded:
        return DateResult(None, DefectCode.UNKNOWN_DATE, "the date is empty")
    parts = scan(folded)
    if isinstance(parts, str) or not ({"date", "hijri"} & parts.keys()):
        if _RELATIVE & set(re.findall(r"[^\W\d_]+", folded)):
            return DateResult(None, DefectCode.RELATIVE_DATE, f"relative date: {text!r}")
        why = parts if isinstance(parts, str) else "no day, month and year"
        if why == "no day, month and year" and _UPDATE.search(fold_date_text(text)):
            why = "only an update stamp, no publish date"
        return DateResult(None, DefectCode.UNKNOWN_DATE, f"unknown date form ({why}): {text!r}")
    try:
        return _build(parts, zone)
    except (ValueError, OverflowError) as exc:
        return DateResult(None, DefectCode.IMPOSSIBLE_DATE, f"no such date or time: {exc}")


_parse_cached = lru_cache(maxsize=CACHE_SIZE)(parse_date_uncached)


def _build(parts: dict[str, dict[str, str | None]], default_zone: tzinfo) -> DateResult:
    """Turn the parts into an aware UTC datetime, checking every range; raises ValueError.

    A date with no clock time is 00:00 UTC on its calendar day: a zone only moves clock times.
    """
    day = _calendar_day(parts)
    if isinstance(day, DateResult):
        return day
    weekday = (parts.get("weekday") or {}).get("weekday")
    if weekday is not None and _WEEKDAYS[" ".join(weekday.split())] != day.weekday():
        return DateResult(None, DefectCode.IMPOSSIBLE_DATE, f"{weekday!r} does not fall on {day}")
    zone = _zone(parts.get("zone"))
    clock = parts.get("time")
    if clock is None:
        instant = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        precision: DatePrecision = "day"
    else:
        if isinstance(zone, str):
            return DateResult(None, DefectCode.UNKNOWN_ZONE, zone)
        instant = _instant(day, clock, zone or default_zone)
        precision = "second" if clock.get("second") else "minute"
    if isinstance(zone, str):  # an unknown zone does not move a date with no clock time
        return DateResult(instant, DefectCode.UNKNOWN_ZONE, zone, precision)
    suffix = (parts.get("date") or {}).get("suffix")
    if suffix and _SUFFIXES.get(day.day, "th") != suffix:
        return DateResult(
            instant,
            DefectCode.ORDINAL_MISMATCH,
            f"ordinal suffix {suffix!r} on day {day.day}",
            precision,
        )
    return DateResult(instant, precision=precision)


def _instant(day: date, clock: dict[str, str | None], zone: tzinfo) -> datetime:
    """The UTC instant of a local clock time on ``day`` in ``zone`` (its offset on that date).

    Raises ValueError for a time that does not exist there (skipped by a daylight-saving jump).
    """
    hour, minute, second = _clock(clock)
    local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
    instant = local.astimezone(timezone.utc)
    if isinstance(zone, ZoneInfo) and zone.key != "UTC":
        back = instant.astimezone(zone)
        if (back.hour, back.minute) != (hour, minute):
            raise ValueError(f"{local:%Y-%m-%d %H:%M} does not exist in {zone.key}")
    return instant


def _calendar_day(parts: dict[str, dict[str, str | None]]) -> date | DateResult:
    """The Gregorian day: written, or converted from the Hijri date when there is no other."""
    gregorian = parts.get("date")
    if gregorian is None:
        return _hijri_day(parts["hijri"])
    month = _month(gregorian)
    if isinstance(month, DateResult):
        return month
    year = int(gregorian["year"] or 0)
    if gregorian.get("nmonth") and year in HIJRI_LOOKING_YEARS:
        return DateResult(
            None,
            DefectCode.AMBIGUOUS_CALENDAR,
            f"numeric date with the Hijri-looking year {year} and no هـ; not read as Gregorian",
        )
    return date(year, month, int(gregorian["day"] or 0))


def _month(part: dict[str, str | None]) -> int | DateResult:
    """The month number; two names printed for one month must agree."""
    if part.get("nmonth"):
        return int(part["nmonth"] or 0)
    written = [part.get(key) for key in ("month", "month2", "month3")]
    named = [_MONTHS[" ".join(name.split())] for name in written if name]
    if len(set(named)) > 1:
        return DateResult(None, DefectCode.IMPOSSIBLE_DATE, "the two month names disagree")
    return named[0]


def _hijri_day(part: dict[str, str | None]) -> date | DateResult:
    """Convert a Hijri date on the Umm al-Qura calendar (``hijridate``'s supported range)."""
    from hijridate import Hijri

    year, day = int(part["hyear"] or 0), int(part["hday"] or 0)
    if part.get("hnmonth"):
        month = int(part["hnmonth"] or 0)
    else:
        month = _HIJRI_MONTHS[" ".join((part["hmonth"] or "").split())]
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError) as exc:
        return DateResult(None, DefectCode.IMPOSSIBLE_DATE, f"no such Hijri date: {exc}")


def _clock(part: dict[str, str | None]) -> tuple[int, int, int]:
    """Hour, minute and second on the 24-hour clock; raises ValueError for impossible ones."""
    hour, minute = int(part["hour"] or 0), int(part["minute"] or 0)
    second = int(part.get("second") or 0)
    ampm = part.get("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} with {ampm!r}")
        hour = hour % 12 + (12 if _AMPM[ampm] else 0)
    return hour, minute, second


def _zone(part: dict[str, str | None] | None) -> tzinfo | str | None:
    """The written zone, or None when none is written (or local time is said).

    For a place whose clock is unknown, the reason as a string. Raises ValueError for
    impossible offsets.
    """
    if part is None or part.get("local"):
        return None
    if part.get("unknown"):
        return f"unknown time zone {part['unknown']!r}: a place whose clock is not known"
    if part.get("place"):
        return ZoneInfo(_PLACE_ZONES[" ".join((part["place"] or "").split())])
    if part.get("named"):
        return ZoneInfo(_NAMED_ZONES[" ".join((part["named"] or "").split())])
    offset = re.search(r"([+-])(\d{1,2}):?(\d{2})?$", part["offset"] or "")
    if offset is None:  # pragma: no cover - the grammar only captures well-formed offsets
        raise ValueError(f"time zone {part['offset']!r}")
    sign, hours, minutes = offset.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=24) or int(minutes or 0) >= 60:
        raise ValueError(f"time zone offset {part['offset']!r}")
    return timezone(-delta if sign == "-" else delta)
