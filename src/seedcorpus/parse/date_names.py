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
#: (Algerian/Tunisian French-derived), Moroccan and Mauritanian (`أغشت`, `شتمبر`, `دجمبر`)
#: spellings.
ARABIC_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "كانون ثاني", "جانفي", "جانفييه"),
    2: ("فبراير", "شباط", "فيفري", "فبرير"),
    3: ("مارس", "آذار"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل"),
    5: ("مايو", "أيار", "ماي"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "جويليه", "يوليوز"),
    8: ("أغسطس", "آب", "أوت", "غشت", "أغشت"),
    9: ("سبتمبر", "أيلول", "شتنبر", "شتمبر"),
    10: ("أكتوبر", "تشرين الأول", "تشرين أول"),
    11: ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "كانون أول", "دجنبر", "دجمبر"),
}

#: Hijri month names by month number (Umm al-Qura calendar), with the colloquial spellings
#: pages print: `جماد` for `جمادى`, masculine `الأول`/`الثاني` for the feminine forms, `تاني`.
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم"),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع أول"),
    4: ("ربيع الثاني", "ربيع الآخر", "ربيع ثاني", "ربيع آخر", "ربيع تاني", "ربيع التاني"),
    5: (
        "جمادى الأولى",
        "جمادى الأول",
        "جمادى أول",
        "جمادى أولى",
        "جماد الأول",
        "جماد أول",
        "جماد الأولى",
    ),
    6: (
        "جمادى الآخرة",
        "جمادى الثانية",
        "جمادى الآخر",
        "جمادى الثاني",
        "جمادى آخر",
        "جمادى ثاني",
        "جمادى تاني",
        "جمادى التاني",
        "جماد الآخر",
        "جماد الآخرة",
        "جماد الثاني",
        "جماد ثاني",
        "جماد تاني",
        "جماد التاني",
    ),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة", "ذا القعدة"),
    12: ("ذو الحجة", "ذي الحجة", "ذا الحجة"),
}

#: Honorifics printed after a Hijri month name (`رمضان المبارك`, `رجب الفرد`), consumed.
HIJRI_EPITHETS = ("الحرام", "الخير", "المرجب", "الفرد", "الأصب", "المعظم", "المبارك", "المكرم")

#: Filler words between a Hijri date's parts (`26 من شهر محرم من عام 1443`), consumed.
HIJRI_MONTH_FILLERS = ("من شهر", "شهر", "من")
HIJRI_YEAR_FILLERS = ("من عام", "من سنة", "لعام", "لسنة", "عام", "سنة")

#: Words after a Hijri year that mark it as Hijri (`هـ` folds to `ه`).
HIJRI_MARKS = ("هـ", "هجرية", "هجري", "للهجرة", "ه")

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

#: Words that mark the publish date where a line also has an update stamp (`نشر في … - آخر
#: تحديث …`): an update stamp runs from its own word to the next of these, or to the end.
PUBLISH_WORDS = ("نشر", "نشره", "النشر", "published", "posted")

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

#: Written zone names with a fixed meaning (`بتوقيت غرينتش`, Sputnik's `ت.غ`).
NAMED_ZONES: dict[str, str] = {
    "gmt": "UTC",
    "utc": "UTC",
    "z": "UTC",
    "غرينتش": "UTC",
    "جرينتش": "UTC",
    "ت.غ": "UTC",
    "ت غ": "UTC",
}

#: The words that introduce a place's zone: `بتوقيت القاهرة`, `حسب توقيت مكة`, `وفق توقيت …`.
ZONE_LEADS = ("بتوقيت", "توقيت", "حسب توقيت", "وفق توقيت", "على توقيت")
#: Words that may stand between the lead and the place (`بتوقيت دولة الإمارات`), consumed.
ZONE_PLACE_WORDS = ("دولة", "مدينة", "العاصمة")

#: Places whose clock a page names after ``ZONE_LEADS``, and their IANA zone; the zone is read
#: on the date's own day, so daylight saving counts. A name two zones share (`عمان`: Amman or
#: Oman; `طرابلس`: Libya or Lebanon) is left out on purpose: it is a defect, never a guess.
PLACE_ZONES: dict[str, str] = {
    **dict.fromkeys(("غرينتش", "جرينتش", "غرينيتش", "جرينيتش", "غرنتش", "gmt", "utc"), "UTC"),
    **dict.fromkeys(
        (
            "مكة المكرمة",
            "مكة",
            "السعودية",
            "المملكة العربية السعودية",
            "الرياض",
            "جدة",
            "المدينة المنورة",
            "الدمام",
        ),
        "Asia/Riyadh",
    ),
    **dict.fromkeys(("القاهرة", "مصر", "الإسكندرية"), "Africa/Cairo"),
    **dict.fromkeys(("بيروت", "لبنان"), "Asia/Beirut"),
    **dict.fromkeys(("دمشق", "سوريا", "سورية", "حلب"), "Asia/Damascus"),
    **dict.fromkeys(("الأردن",), "Asia/Amman"),
    **dict.fromkeys(("بغداد", "العراق", "أربيل", "البصرة", "الموصل"), "Asia/Baghdad"),
    **dict.fromkeys(("الإمارات", "أبوظبي", "أبو ظبي", "دبي", "الشارقة"), "Asia/Dubai"),
    **dict.fromkeys(("الدوحة", "قطر"), "Asia/Qatar"),
    **dict.fromkeys(("الكويت",), "Asia/Kuwait"),
    **dict.fromkeys(("المنامة", "البحرين"), "Asia/Bahrain"),
    **dict.fromkeys(("مسقط", "سلطنة عمان", "السلطنة"), "Asia/Muscat"),
    **dict.fromkeys(("صنعاء", "اليمن", "عدن", "تعز", "المكلا"), "Asia/Aden"),
    **dict.fromkeys(("الخرطوم", "السودان", "بورتسودان"), "Africa/Khartoum"),
    **dict.fromkeys(("ليبيا", "بنغازي"), "Africa/Tripoli"),
    **dict.fromkeys(("تونس",), "Africa/Tunis"),
    **dict.fromkeys(("الجزائر", "وهران", "قسنطينة"), "Africa/Algiers"),
    **dict.fromkeys(
        ("المغرب", "الرباط", "الدار البيضاء", "مراكش", "فاس", "طنجة"), "Africa/Casablanca"
    ),
    **dict.fromkeys(("نواكشوط", "موريتانيا"), "Africa/Nouakchott"),
    **dict.fromkeys(("جيبوتي",), "Africa/Djibouti"),
    **dict.fromkeys(("مقديشو", "الصومال"), "Africa/Mogadishu"),
    **dict.fromkeys(("القدس",), "Asia/Jerusalem"),
    **dict.fromkeys(("غزة",), "Asia/Gaza"),
    **dict.fromkeys(("رام الله", "الضفة الغربية"), "Asia/Hebron"),
    **dict.fromkeys(("أنقرة", "إسطنبول", "اسطنبول", "تركيا"), "Europe/Istanbul"),
    **dict.fromkeys(("طهران", "إيران"), "Asia/Tehran"),
    **dict.fromkeys(("موسكو",), "Europe/Moscow"),
    **dict.fromkeys(("لندن",), "Europe/London"),
    **dict.fromkeys(("باريس",), "Europe/Paris"),
    **dict.fromkeys(("برلين",), "Europe/Berlin"),
    **dict.fromkeys(("بكين",), "Asia/Shanghai"),
    **dict.fromkeys(("طوكيو",), "Asia/Tokyo"),
    **dict.fromkeys(("واشنطن", "نيويورك"), "America/New_York"),
}

#: Words that say the clock is the publisher's own: read in the caller's ``default_timezone``,
#: exactly like a time with no zone written.
LOCAL_TIME_WORDS = ("بالتوقيت المحلي", "بتوقيت محلي", "التوقيت المحلي", "local time")

#: Words that open an update stamp (`… | آخر تحديث: …`): the stamp is not the publish date.
UPDATE_WORDS = (
    "آخر تحديث",
    "اخر تحديث",
    "تم التحديث",
    "تم تحديثه",
    "حدث في",
    "حدث",
    "التحديث",
    "تحديث",
    "last updated",
    "last update",
    "last modified",
    "modified",
    "updated on",
    "updated at",
    "updated",
    "update",
)

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
