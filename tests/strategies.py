"""Hypothesis strategies that write articles in the format, with every variant the format has.

``well_formed`` returns the text and the fields it was generated from, so a test can check that
parsing gives those fields back. ``messy`` returns arbitrary mixtures of sections, junk and
noise, with the multiset of label characters that the parser is entitled to consume.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from seedcorpus.parse.normalize import FORMAT_CONTROLS, match_key
from seedcorpus.parse.read_also import _LEAD_VERBS

# Keyword tokens use letters that are no clitic and fold to themselves, so tokens can neither
# collide under spelling folding nor be taken for a proclitic form of each other.
KEYWORD_LETTERS = "تثجحخدذرزسشصضطظعغقمني"
# Filler words end in taa marbuta, which no keyword token contains: filler is never evidence.
FILLER = st.text(alphabet=KEYWORD_LETTERS, min_size=1, max_size=6).map(lambda w: w + "ة")
KEYWORD_TOKEN = st.text(alphabet=KEYWORD_LETTERS, min_size=2, max_size=7).filter(
    lambda w: w not in _LEAD_VERBS
)
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
EG_MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
LEV_MONTHS = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]
AR_WEEKDAYS = ["الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
HEADINGS = [
    "إقرأ أيضاً:",
    "اقرأ أيضاً:",
    "اقرأ أيضا:",
    "إقرأ أيضا:",
    "اقرأ ايضا:",
    "اقرأ أيضا",
    "إقرأ أيضاً",
]
DATE_LABEL = "تاريخ النشر:"
SOURCE_LABEL = "المصدر:"
KEYWORDS_LABEL = "كلمات دلالية:"
LEAD_VERBS = ["أعلنت", "قالت", "أكد", "كشفت", "انطلقت", "ذكرت"]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def words(min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[str]:
    """A run of filler words joined by single spaces."""
    return st.lists(FILLER, min_size=min_size, max_size=max_size).map(" ".join)


@dataclass
class Expected:
    """The fields a generated article was written from."""

    title: str
    published_at: datetime
    body: list[str]
    source: str | None
    keywords: list[str] | None
    read_also: list[tuple[str, list[str]]] = field(default_factory=list)


def _ordinal(day: int) -> str:
    return {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day, "th")


@st.composite
def dates(draw: st.DrawFn) -> tuple[str, datetime]:
    """A publish date written in one accepted form, and the instant it denotes."""
    day = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31)))
    day = day.replace(second=0, microsecond=0)
    style = draw(st.sampled_from(["seed", "plain", "short", "time", "egyptian", "levantine"]))
    if style == "seed":
        return f"{day.day}{_ordinal(day.day)}, {EN_MONTHS[day.month - 1]} {day.year} GMT", _utc(
            day.replace(hour=0, minute=0)
        )
    if style == "plain":
        return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}", _utc(
            day.replace(hour=0, minute=0)
        )
    if style == "short":
        return f"{day.day} {EN_MONTHS[day.month - 1][:3]} {day.year} UTC", _utc(
            day.replace(hour=0, minute=0)
        )
    if style == "time":
        hours = draw(st.integers(-12, 14))
        sign = "+" if hours >= 0 else "-"
        text = f"{day.day}{_ordinal(day.day)}, {EN_MONTHS[day.month - 1]} {day.year} "
        text += f"{day.hour:02d}:{day.minute:02d} {sign}{abs(hours):02d}:00"
        return text, _utc(day) - timedelta(hours=hours)
    hour12 = day.hour % 12 or 12
    marker = "م" if day.hour >= 12 else "ص"
    months = EG_MONTHS if style == "egyptian" else LEV_MONTHS
    weekday = AR_WEEKDAYS[day.weekday()] + "، " if draw(st.booleans()) else ""
    text = (
        f"{weekday}{day.day} {months[day.month - 1]} {day.year} {hour12}:{day.minute:02d} {marker}"
    )
    if draw(st.booleans()):
        text = text.translate(INDIC)
    return text, _utc(day)


@st.composite
def edge_dates(draw: st.DrawFn) -> tuple[str, datetime | None]:
    """A date with every numeric field at or near its limits, and its instant (None when the
    instant falls outside what a datetime can hold, which the parser must refuse, not crash)."""
    year = draw(st.sampled_from([1, 2, 1000, 2024, 9998, 9999]))
    month = draw(st.sampled_from([1, 2, 12]))
    day = draw(st.sampled_from([1, 28, 29, 31]))
    hour, minute, second = draw(st.sampled_from([0, 23])), draw(st.sampled_from([0, 59])), 59
    offset = draw(st.integers(-(23 * 60 + 59), 23 * 60 + 59))
    sign = "+" if offset >= 0 else "-"
    text = (
        f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
        f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    )
    try:
        local = datetime(year, month, day, hour, minute, second)
        instant: datetime | None = _utc(local - timedelta(minutes=offset))
    except (ValueError, OverflowError):
        instant = None
    return text, instant


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc)


@st.composite
def keyword_phrases(draw: st.DrawFn) -> list[list[str]]:
    """Keyword phrases of one to three distinct tokens each."""
    tokens = draw(st.lists(KEYWORD_TOKEN, min_size=0, max_size=14, unique_by=match_key))
    phrases: list[list[str]] = []
    while tokens:
        size = draw(st.integers(1, min(3, len(tokens))))
        phrases.append(tokens[:size])
        tokens = tokens[size:]
    return phrases


@st.composite
def read_also_items(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Read-also lines (plain items, titles only, a glued teaser) and the items they hold."""
    lines: list[str] = []
    items: list[tuple[str, list[str]]] = []
    for _ in range(draw(st.integers(1, 4))):
        title = draw(words(2, 10))
        paragraphs = [p + "." for p in draw(st.lists(words(3, 12), max_size=3))]
        teaser: tuple[str, list[str]] | None = None
        lines.append(title)
        if len(paragraphs) >= 2 and draw(st.booleans()):
            teaser_title = draw(words(2, 8))
            lead = (
                f"{draw(st.sampled_from(LEAD_VERBS))} {draw(words(1, 4))}، "
                f"{draw(st.sampled_from(AR_WEEKDAYS))}، {draw(words(2, 8))}."
            )
            lines += [paragraphs[0], f"{teaser_title} {lead}{paragraphs[1]}", *paragraphs[2:]]
            teaser = (teaser_title, [lead])
        else:
            lines += paragraphs
        items.append((title, paragraphs))
        if teaser:
            items.append(teaser)
    return lines, items


@st.composite
def well_formed(draw: st.DrawFn) -> tuple[str, Expected]:
    """An article in the seed's format with noise that must not change its parse."""
    title = draw(words(2, 10))
    date_text, instant = draw(dates())
    body = [p + "." for p in draw(st.lists(words(3, 15), min_size=1, max_size=5))]
    phrases = draw(keyword_phrases()) if draw(st.booleans()) else None
    if phrases:
        body.append(draw(words(1, 3)) + " " + "، ".join(" ".join(p) for p in phrases) + ".")
    source = draw(words(1, 3)) if draw(st.booleans()) else None
    lines = [title, f"{DATE_LABEL} {date_text}", *body]
    if source is not None:
        lines.append(f"{SOURCE_LABEL} {source}")
    if phrases is not None:
        lines.append(f"{KEYWORDS_LABEL} " + " ".join(" ".join(p) for p in phrases))
    read_also: list[tuple[str, list[str]]] = []
    if draw(st.booleans()):
        related_lines, read_also = draw(read_also_items())
        lines += [draw(st.sampled_from(HEADINGS)), *related_lines]
    expected = Expected(
        title=title,
        published_at=instant,
        body=body,
        source=source,
        keywords=[" ".join(p) for p in phrases] if phrases is not None else None,
        read_also=read_also,
    )
    return draw(noise(lines)), expected


NOISE = st.sampled_from(["", " ", "  ", "\t", "\u200f", "\u200b", "\u200e\u200f", "\ufeff"])


@st.composite
def noise(draw: st.DrawFn, lines: list[str]) -> str:
    """Join lines with any line ending, blank lines, BOM, edge spaces and invisible controls."""
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    out: list[str] = []
    for line in lines:
        out += [""] * draw(st.integers(0, 1))
        out.append(draw(NOISE) + line + draw(NOISE))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + ending.join(out) + draw(st.sampled_from(["", ending, ending * 2]))


JUNK = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"), max_size=30
)
ESCAPED_SURROGATE = st.sampled_from(["\\ud800", "\\udfff", "\\ud83d"])
EMOJI = st.sampled_from(["📰", "🇪🇬", "👍🏽", "✅"])


@st.composite
def messy(draw: st.DrawFn) -> tuple[str, Counter[str]]:
    """Any mixture of the format's lines, junk, controls and emoji; plus consumable labels."""
    kinds = ["title", "date", "body", "source", "keywords", "heading", "junk", "teaser"]
    chosen = draw(st.lists(st.sampled_from(kinds), max_size=14))
    lines: list[tuple[str, str]] = []
    for kind in chosen:
        if kind == "date":
            text = draw(
                st.one_of(dates().map(lambda d: d[0]), edge_dates().map(lambda d: d[0]), JUNK)
            )
            lines.append(("date", f"{DATE_LABEL} {text}"))
        elif kind == "source":
            lines.append(("source", f"{SOURCE_LABEL} {draw(st.one_of(words(0, 3), JUNK))}"))
        elif kind == "keywords":
            lines.append(("keywords", f"{KEYWORDS_LABEL} {draw(st.one_of(words(0, 6), JUNK))}"))
        elif kind == "heading":
            lines.append(("heading", draw(st.sampled_from(HEADINGS))))
        elif kind == "teaser":
            lines.append(
                (
                    "text",
                    f"{draw(words(2, 5))} أعلنت {draw(words(1, 3))}، الأحد، "
                    f"{draw(words(1, 3))}.{draw(words(1, 4))}.",
                )
            )
        else:
            parts = [draw(words(0, 6)), draw(st.one_of(JUNK, ESCAPED_SURROGATE, EMOJI))]
            lines.append(("text", " ".join(draw(st.permutations(parts)))))
    consumed: Counter[str] = Counter()
    seen: set[str] = set()
    for kind, text in lines:
        if kind != "text" and kind not in seen:
            seen.add(kind)
            label = text if kind == "heading" else text[: text.index(":") + 1]
            consumed += visible(label)
    return draw(noise([text for _, text in lines])), consumed


def visible(text: str) -> Counter[str]:
    """Non-space, non-format-control characters as a multiset."""
    return Counter(c for c in text if not c.isspace() and c not in FORMAT_CONTROLS)
