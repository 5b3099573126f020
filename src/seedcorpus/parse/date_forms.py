"""The grammar's regular expressions: one pattern per date part, built from ``date_names``.

Each part (date, Hijri date, time, zone, weekday, lead words) is a pattern over spelling-folded
text; ``dates`` scans a line with them and turns what they capture into an instant. Patterns are
grouped by the first character a part can begin with, so the scan tries only those that can
match where it stands.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import date_names as names


def _table(words: Iterable[str]) -> set[str]:
    """A set of folded words."""
    return {names.fold(word) for word in words}


#: Folded name -> number: Gregorian months (every region), Hijri months, weekdays (Monday 0).
MONTHS = names.folded_table(names.ENGLISH_MONTHS) | names.folded_table(names.ARABIC_MONTHS)
HIJRI_MONTHS = names.folded_table(names.HIJRI_MONTHS)
WEEKDAYS = names.folded_table(names.WEEKDAYS)
#: Folded 12-hour marker -> whether it means afternoon or evening.
AMPM = {names.fold(word): evening for word, evening in names.AMPM_WORDS.items()}
#: Folded zone name (fixed, or a place after ``ZONE_LEADS``) -> IANA zone.
NAMED_ZONES = {names.fold(word): zone for word, zone in names.NAMED_ZONES.items()}
PLACE_ZONES = {names.fold(word): zone for word, zone in names.PLACE_ZONES.items()}
_LEADS = _table((*names.LEAD_WORDS, *names.TIME_LEAD_WORDS, "الموافق ل", "الموافق"))
RELATIVE = _table(names.RELATIVE_WORDS)

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
_MONTH = rf"(?P<month>{_alt(MONTHS)})\.?{_END}"
# A second name for the same month, as pages print both: `نيسان / أبريل`, `أبريل (نيسان)`.
_DUAL = (
    rf"(?:\s*[/\-–]\s*(?P<month2>{_alt(MONTHS)}){_END}"
    rf"|\s*\(\s*(?P<month3>{_alt(MONTHS)})\s*\))?"
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
        rf"(?P<hmonth>{_alt(HIJRI_MONTHS)}){_END}"
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
TIME = re.compile(
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d)(?::(?P<second>\d{2})(?!\d)(?:[.,]\d{1,9})?)?"
    rf"(?:\s*(?P<ampm>{_alt(AMPM)})(?![^\W_]))?"
)
_ZONE_LEAD = rf"(?:{_alt(_table(names.ZONE_LEADS))})\s+"
_ZONE = re.compile(
    rf"(?:{_ZONE_LEAD})?(?P<offset>(?P<utc>gmt|utc)?\s*[+-]\d{{1,2}}(?::?\d{{2}})?)(?!\d)"
    rf"|(?P<local>{_alt(_table(names.LOCAL_TIME_WORDS))}){_END}"
    rf"|{_ZONE_LEAD}(?:(?:{_alt(_table(names.ZONE_PLACE_WORDS))})\s+)?"
    rf"(?P<place>{_alt(PLACE_ZONES)}){_END}"
    rf"|(?P<named>{_alt(NAMED_ZONES)}){_END}"
    # A place the table does not know: named in the defect, never guessed.
    rf"|{_ZONE_LEAD}(?P<unknown>[^\W\d_]+(?:\s+[^\W\d_]+)*)"
)
_WEEKDAY = re.compile(rf"(?:يوم\s+)?(?P<weekday>{_alt(WEEKDAYS)})\.?{_END}")
_LEAD = re.compile(rf"(?:{_alt(_LEADS)}){_END}")
SEPARATORS = re.compile(r"[\s,.|:;()\[\]\-–—·•]+")
UPDATE = re.compile(rf"{_START}(?:{_alt(_table(names.UPDATE_WORDS))}){_END}")
PUBLISH = re.compile(rf"{_START}(?:{_alt(_table(names.PUBLISH_WORDS))}){_END}")
Parts = tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
#: The parts to try, by the first character at the position: a part is tried only where it can
#: begin (a time never begins with a letter), which keeps the scan cheap.
PARTS_AT_DIGIT: Parts = (
    ("date", (_DATE_FORMS[0], _DATE_FORMS[2], _DATE_FORMS[3])),
    ("hijri", _HIJRI_FORMS),
    ("time", (TIME,)),
)
PARTS_AT_LETTER: Parts = (
    ("date", (_DATE_FORMS[1],)),
    ("zone", (_ZONE,)),
    ("weekday", (_WEEKDAY,)),
    ("lead", (_LEAD,)),
)
PARTS_ELSEWHERE: Parts = (("zone", (_ZONE,)),)  # an offset: `+03:00`, ` -0130`
