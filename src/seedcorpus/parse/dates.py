"""Step 3a: the publish-date grammar: any form real Arab outlets print, to a UTC instant.

The date text is spelling-folded (``match_key``: Eastern Arabic digits, alef/hamza forms,
diacritics) and read left to right as a sequence of parts, each optional where pages leave it
out and each allowed once: lead words (`تم نشره`, `نشر في`), a weekday, the date (day, month name
of any region, year; or numeric day-first `17.03.2020` / year-first `2020/12/25`; ISO 8601), a
time (`H:MM[:SS]`, with `ص`/`صباحًا`/AM or `م`/`مساءً`/PM), a zone (`GMT`, `UTC`, `Z`, `±HH:MM`,
`بتوقيت غرينتش`, a city's zone) and a Hijri date (converted on the Umm al-Qura calendar by
``hijridate``; a Gregorian date on the same line wins). Separators `,` `،` `-` `|` go between parts.

Nothing is guessed: a form the grammar refuses is ``unknown-date``, a relative date (`منذ 3
ساعات`) is ``relative-date``, a real form naming no real day or time (`31 فبراير`) is
``impossible-date``; all three give ``None``. A date written without a zone is read in the
caller's ``default_timezone``. The result is always UTC.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from ..errors import DefectCode
from . import date_names as names

#: Longer date texts are unknown without running the grammar (keeps hostile lines cheap).
MAX_DATE_CHARS = 200
_SUFFIXES = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}

_MONTHS = names.folded_table(names.ENGLISH_MONTHS) | names.folded_table(names.ARABIC_MONTHS)
_HIJRI_MONTHS = names.folded_table(names.HIJRI_MONTHS)
_WEEKDAYS = names.folded_table(names.WEEKDAYS)
_AMPM = {names.fold(word): evening for word, evening in names.AMPM_WORDS.items()}
_NAMED_ZONES = {names.fold(word): zone for word, zone in names.NAMED_ZONES.items()}
_LEADS = {names.fold(w) for w in (*names.LEAD_WORDS, *names.TIME_LEAD_WORDS, "الموافق ل")}
_LEADS.add(names.fold("الموافق"))
_RELATIVE = {names.fold(word) for word in names.RELATIVE_WORDS}

_END = r"(?![^\W\d_])"  # not followed by a letter: a name ends here


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of folded words, longest first, any white space between words."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_SEP = r"[\s,.\-/]*"
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
        r"(?:\s?(?P<era>م)" + _END + ")?"
    ),
    re.compile(
        r"(?P<year>\d{4})(?P<sep>[./\-])(?P<nmonth>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"
        r"(?:t(?=\d))?"
    ),
)
_HIJRI = re.compile(
    rf"(?P<hday>\d{{1,2}})(?!\d){_SEP}(?P<hmonth>{_alt(_HIJRI_MONTHS)}){_END}{_SEP}"
    rf"(?P<hyear>\d{{3,4}})(?!\d)(?:\s*(?:هجريه|هجري|للهجره|ه){_END})?"
)
_TIME = re.compile(
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d)(?::(?P<second>\d{2})(?!\d)(?:[.,]\d{1,9})?)?"
    rf"(?:\s*(?P<ampm>{_alt(_AMPM)})(?![^\W_]))?"
)
_ZONE = re.compile(
    r"(?P<offset>(?:gmt|utc)?\s*[+-]\d{1,2}(?::?\d{2})?)(?!\d)"
    rf"|(?P<named>{_alt(_NAMED_ZONES)}){_END}"
)
_WEEKDAY = re.compile(rf"(?:يوم\s+)?(?P<weekday>{_alt(_WEEKDAYS)})\.?{_END}")
_LEAD = re.compile(rf"(?:{_alt(_LEADS)}){_END}")
_SEPARATORS = re.compile(r"[\s,|:;()\[\]\-–—·•]+")
_PARTS: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = (
    ("date", _DATE_FORMS),
    ("hijri", (_HIJRI,)),
    ("time", (_TIME,)),
    ("zone", (_ZONE,)),
    ("weekday", (_WEEKDAY,)),
    ("lead", (_LEAD,)),
)


@dataclass(frozen=True, slots=True)
class DateResult:
    """A parsed instant (UTC) and, when there is a problem, its defect code and why.

    ``value`` is None for unknown, relative and impossible dates; an ordinal-suffix mismatch
    keeps the value and still carries a code.
    """

    value: datetime | None
    code: DefectCode | None = None
    reason: str = ""


def fold_date_text(text: str) -> str:
    """The text the grammar reads: spelling-folded, lower case, Arabic comma as `,`."""
    return names.fold(text.replace("،", ",").replace("؛", ";"))


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
    for kind, patterns in _PARTS:
        if kind in found:
            continue
        for pattern in patterns:
            match = pattern.match(text, pos)
            if match is not None and match.end() > pos:
                return kind, match
    return None


def parse_date(text: str, zone: tzinfo = timezone.utc) -> DateResult:
    """Parse a publish date; ``zone`` reads clock times written without a zone."""
    if len(text) > MAX_DATE_CHARS:
        return DateResult(None, DefectCode.UNKNOWN_DATE, f"date text over {MAX_DATE_CHARS} chars")
    folded = fold_date_text(text)
    if not folded:
        return DateResult(None, DefectCode.UNKNOWN_DATE, "the date is empty")
    parts = scan(folded)
    if isinstance(parts, str) or not ({"date", "hijri"} & parts.keys()):
        if _RELATIVE & set(re.findall(r"[^\W\d_]+", folded)):
            return DateResult(None, DefectCode.RELATIVE_DATE, f"relative date: {text!r}")
        why = parts if isinstance(parts, str) else "no day, month and year"
        return DateResult(None, DefectCode.UNKNOWN_DATE, f"unknown date form ({why}): {text!r}")
    try:
        return _build(parts, zone)
    except (ValueError, OverflowError) as exc:
        return DateResult(None, DefectCode.IMPOSSIBLE_DATE, f"no such date or time: {exc}")


def _build(parts: dict[str, dict[str, str | None]], default_zone: tzinfo) -> DateResult:
    """Turn the parts into an aware UTC datetime, checking every range; raises ValueError."""
    day = _calendar_day(parts)
    if isinstance(day, DateResult):
        return day
    hour, minute, second = _clock(parts.get("time"))
    zone = _zone(parts.get("zone")) or default_zone
    local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
    weekday = (parts.get("weekday") or {}).get("weekday")
    if weekday is not None and _WEEKDAYS[" ".join(weekday.split())] != local.weekday():
        return DateResult(
            None, DefectCode.IMPOSSIBLE_DATE, f"{weekday!r} does not fall on {local.date()}"
        )
    instant = local.astimezone(timezone.utc)
    suffix = (parts.get("date") or {}).get("suffix")
    if suffix and _SUFFIXES.get(day.day, "th") != suffix:
        return DateResult(
            instant, DefectCode.ORDINAL_MISMATCH, f"ordinal suffix {suffix!r} on day {day.day}"
        )
    return DateResult(instant)


def _calendar_day(parts: dict[str, dict[str, str | None]]) -> date | DateResult:
    """The Gregorian day: written, or converted from the Hijri date when there is no other."""
    gregorian = parts.get("date")
    if gregorian is None:
        return _hijri_day(parts["hijri"])
    month = _month(gregorian)
    if isinstance(month, DateResult):
        return month
    return date(int(gregorian["year"] or 0), month, int(gregorian["day"] or 0))


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
    month = _HIJRI_MONTHS[" ".join((part["hmonth"] or "").split())]
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError) as exc:
        return DateResult(None, DefectCode.IMPOSSIBLE_DATE, f"no such Hijri date: {exc}")


def _clock(part: dict[str, str | None] | None) -> tuple[int, int, int]:
    """Hour, minute and second on the 24-hour clock; raises ValueError for impossible ones."""
    if part is None:
        return 0, 0, 0
    hour, minute = int(part["hour"] or 0), int(part["minute"] or 0)
    second = int(part.get("second") or 0)
    ampm = part.get("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} with {ampm!r}")
        hour = hour % 12 + (12 if _AMPM[ampm] else 0)
    return hour, minute, second


def _zone(part: dict[str, str | None] | None) -> tzinfo | None:
    """The written zone, or None when none is written; raises ValueError for impossible ones."""
    if part is None:
        return None
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
