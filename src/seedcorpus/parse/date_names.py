"""The words of the date grammar: month names of every region, weekdays, lead words, zones.

Names are written here as pages print them and folded with ``match_key`` when the tables are
built, so every alef/hamza, taa marbuta and diacritic spelling of a name is one entry.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

from .normalize import match_key

#: English month names and their abbreviations, by month number.
ENGLISH_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan"),
    2: ("february", "feb"),
    3: ("march", "mar"),
    4: ("april", "apr"),
    5: ("may",),
    6: ("june", "jun"),
    7: ("july", "jul"),
    8: ("august", "aug"),
    9: ("september", "sept", "sep"),
    10: ("october", "oct"),
    11: ("november", "nov"),
    12: ("december", "dec"),
}

#: Arabic month names by month number: Egyptian/Gulf, Levantine/Iraqi (Syriac), Maghrebi
#: (Algerian/Tunisian French-derived) and Moroccan spellings.
ARABIC_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "كانون ثاني", "جانفي", "جانفييه"),
    2: ("فبراير", "شباط", "فيفري", "فبرير"),
    3: ("مارس", "آذار"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل"),
    5: ("مايو", "أيار", "ماي"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "جويليه", "يوليوز"),
    8: ("أغسطس", "آب", "أوت", "غشت"),
    9: ("سبتمبر", "أيلول", "شتنبر"),
    10: ("أكتوبر", "تشرين الأول", "تشرين أول"),
    11: ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "كانون أول", "دجنبر"),
}

#: Hijri month names by month number (Umm al-Qura calendar).
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم"),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع أول"),
    4: ("ربيع الثاني", "ربيع الآخر", "ربيع ثاني", "ربيع آخر"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادى أول"),
    6: ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة"),
    12: ("ذو الحجة", "ذي الحجة"),
}

#: Weekdays, Monday = 0, in English (full and abbreviated) and Arabic (with or without `ال`).
WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("monday", "mon", "الإثنين", "الاثنين", "الأثنين", "اثنين", "إثنين"),
    1: ("tuesday", "tues", "tue", "الثلاثاء", "ثلاثاء", "الثلاثا"),
    2: ("wednesday", "wed", "الأربعاء", "الاربعاء", "أربعاء"),
    3: ("thursday", "thurs", "thur", "thu", "الخميس", "خميس"),
    4: ("friday", "fri", "الجمعة", "جمعة"),
    5: ("saturday", "sat", "السبت", "سبت"),
    6: ("sunday", "sun", "الأحد", "أحد"),
}

#: Words pages print before a date ("published on"), consumed without meaning.
LEAD_WORDS = (
    "تم نشره في",
    "تم نشره",
    "تم النشر في",
    "تم النشر",
    "نشر في",
    "نشر بتاريخ",
    "نشر يوم",
    "نشر",
    "بتاريخ",
    "التاريخ",
    "تاريخ",
    "يوم",
    "published on",
    "published",
    "posted on",
    "posted",
    "on",
)

#: Words before a time of day.
TIME_LEAD_WORDS = ("الساعة", "الساعه", "at", "في تمام الساعة", "في")

#: 12-hour markers: True for afternoon/evening (PM), False for morning (AM).
AMPM_WORDS: dict[str, bool] = {
    "am": False,
    "a.m.": False,
    "a.m": False,
    "ص": False,
    "صباحا": False,
    "صباحاً": False,
    "صباحًا": False,
    "صباح": False,
    "فجرا": False,
    "pm": True,
    "p.m.": True,
    "p.m": True,
    "م": True,
    "مساء": True,
    "مساءً": True,
    "مساءا": True,
    "ظهرا": True,
    "عصرا": True,
}

#: Written zone names with a fixed meaning (`بتوقيت غرينتش`, Sputnik's `ت.غ`) or a city's zone.
NAMED_ZONES: dict[str, str] = {
    "gmt": "UTC",
    "utc": "UTC",
    "z": "UTC",
    "بتوقيت غرينتش": "UTC",
    "بتوقيت جرينتش": "UTC",
    "بتوقيت غرينيتش": "UTC",
    "بتوقيت جرينيتش": "UTC",
    "بتوقيت غرنتش": "UTC",
    "توقيت غرينتش": "UTC",
    "غرينتش": "UTC",
    "جرينتش": "UTC",
    "ت.غ": "UTC",
    "ت غ": "UTC",
    "بتوقيت مكة المكرمة": "Asia/Riyadh",
    "بتوقيت مكة": "Asia/Riyadh",
    "بتوقيت السعودية": "Asia/Riyadh",
    "بتوقيت الرياض": "Asia/Riyadh",
    "بتوقيت القاهرة": "Africa/Cairo",
    "بتوقيت مصر": "Africa/Cairo",
    "بتوقيت بيروت": "Asia/Beirut",
    "بتوقيت دمشق": "Asia/Damascus",
    "بتوقيت عمان": "Asia/Amman",
    "بتوقيت بغداد": "Asia/Baghdad",
    "بتوقيت الإمارات": "Asia/Dubai",
    "بتوقيت أبوظبي": "Asia/Dubai",
    "بتوقيت دبي": "Asia/Dubai",
    "بتوقيت الدوحة": "Asia/Qatar",
    "بتوقيت الكويت": "Asia/Kuwait",
    "بتوقيت تونس": "Africa/Tunis",
    "بتوقيت الجزائر": "Africa/Algiers",
    "بتوقيت المغرب": "Africa/Casablanca",
    "بتوقيت القدس": "Asia/Jerusalem",
}

#: Words that make a date relative to the moment of reading; such a date is never resolved.
RELATIVE_WORDS = (
    "منذ",
    "قبل",
    "أمس",
    "البارحة",
    "اليوم",
    "غدا",
    "ago",
    "yesterday",
    "today",
    "tomorrow",
    "just now",
)


def fold(text: str) -> str:
    """The key a name is looked up by: spelling-folded, lower case, single spaces."""
    return " ".join(match_key(text).lower().split())


def folded_table(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    """Name -> number, every name folded."""
    return {fold(name): number for number, names in table.items() for name in names}
