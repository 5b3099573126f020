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
dropped (no part ever reads its words, so only a line that fails is retried without it):
the publish date wins.

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
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from ..errors import DefectCode
from . import date_forms as forms
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
    kept, pos = [], 0
    while (update := forms.UPDATE.search(folded, pos)) is not None:
        kept.append(folded[pos : update.start()])
        publish = forms.PUBLISH.search(folded, update.end())
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
            gap = forms.SEPARATORS.match(folded, pos)
            if gap is None:
                return f"unexpected text at {folded[pos : pos + 20]!r}"
            pos = gap.end()
            continue
        kind, match = step
        if kind != "lead":
            if kind == "zone" and "zone" in found:
                kind = "zone2"  # a place and its offset: `بتوقيت مكة (GMT+3)`; they must agree
            elif kind in found:
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
        parts = forms.PARTS_AT_DIGIT
    elif first.isalpha():
        parts = forms.PARTS_AT_LETTER
    else:
        parts = forms.PARTS_ELSEWHERE
    for kind, patterns in parts:
        if kind in found and (kind != "zone" or "zone2" in found):
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
        and forms.TIME.match(text, pos + 1) is not None
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
    folded = fold_date_text(text)
    if not folded:
        return DateResult(None, DefectCode.UNKNOWN_DATE, "the date is empty")
    parts = scan(folded)
    stamped = False
    if isinstance(parts, str):  # no date part takes an update word, so a stamp always fails here
        published = drop_update_stamps(folded)
        if published != folded:
            folded, stamped, parts = published, True, scan(published)
    if isinstance(parts, str) or not ({"date", "hijri"} & parts.keys()):
        if forms.RELATIVE & set(re.findall(r"[^\W\d_]+", folded)):
            return DateResult(None, DefectCode.RELATIVE_DATE, f"relative date: {text!r}")
        why = parts if isinstance(parts, str) else "no day, month and year"
        if stamped and not isinstance(parts, str):
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
    if weekday is not None and forms.WEEKDAYS[" ".join(weekday.split())] != day.weekday():
        return DateResult(None, DefectCode.IMPOSSIBLE_DATE, f"{weekday!r} does not fall on {day}")
    clock = parts.get("time")
    zone = _written_zone(parts, day, clock) if "zone" in parts else None
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
    return DateResult(instant, None, "", precision)


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


def _written_zone(
    parts: dict[str, dict[str, str | None]], day: date, clock: dict[str, str | None] | None
) -> tzinfo | str | None:
    """The zone the text gives (see ``_zone``); two written zones must agree on the clock time.

    Pages print a place and its offset (`بتوقيت مكة المكرمة (GMT+3)`); an offset makes an
    unknown place harmless. Raises ValueError when the two give different offsets.
    """
    if "zone2" not in parts:
        return _zone(parts.get("zone"))
    zones = [_zone(parts["zone"]), _zone(parts["zone2"])]
    known = [zone for zone in zones if isinstance(zone, tzinfo)]
    if len(known) == 2 and clock is not None:
        wall = datetime(day.year, day.month, day.day, *_clock(clock))
        offsets = {wall.replace(tzinfo=zone).utcoffset() for zone in known}
        if len(offsets) > 1:
            raise ValueError(f"the two written zones disagree at {wall:%H:%M}")
    if known:
        return known[0]
    return next((zone for zone in zones if zone is not None), None)


def _calendar_day(parts: dict[str, dict[str, str | None]]) -> date | DateResult:
    """The Gregorian day: written, or converted from the Hijri date when there is no other."""
    gregorian = parts.get("date")
    if gregorian is None:
        return _hijri_day(parts["hijri"])
    month = _month(gregorian)
    if isinstance(month, DateResult):
        return month
    year = int(gregorian["year"] or 0)
    if gregorian.get("nmonth") and not gregorian.get("era") and year in HIJRI_LOOKING_YEARS:
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
    named = [forms.MONTHS[" ".join(name.split())] for name in written if name]
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
        month = forms.HIJRI_MONTHS[" ".join((part["hmonth"] or "").split())]
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
        hour = hour % 12 + (12 if forms.AMPM[ampm] else 0)
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
        return ZoneInfo(forms.PLACE_ZONES[" ".join((part["place"] or "").split())])
    if part.get("named"):
        return ZoneInfo(forms.NAMED_ZONES[" ".join((part["named"] or "").split())])
    offset = re.search(r"([+-])(\d{1,2}):?(\d{2})?$", part["offset"] or "")
    if offset is None:  # pragma: no cover - the grammar only captures well-formed offsets
        raise ValueError(f"time zone {part['offset']!r}")
    sign, hours, minutes = offset.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=24) or int(minutes or 0) >= 60:
        raise ValueError(f"time zone offset {part['offset']!r}")
    return timezone(-delta if sign == "-" else delta)
