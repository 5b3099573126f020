"""Step 2: sort lines into sections (title, date, body, source, keywords, read also).

Section labels are recognised on spelling-folded text, so `إقرأ أيضاً` and `اقرا ايضا` are one
heading. A label counts only as a whole prefix followed by a colon (`المصدر:` is the source, while
`المصدر ذاته أشار` is body text). Out-of-order and repeated labels are recorded as defects; no
line is ever dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum

from .decoding import Line
from .errors import DefectCode
from .models import Defect
from .normalize import match_key


class Section(IntEnum):
    """The sections in their canonical order; the order is what makes a label "out of order"."""

    TITLE = 0
    DATE = 1
    BODY = 2
    SOURCE = 3
    KEYWORDS = 4
    READ_ALSO = 5


_LABELS: tuple[tuple[Section, re.Pattern[str]], ...] = (
    (Section.DATE, re.compile(r"تاريخ\s+النشر\s*:")),
    (Section.SOURCE, re.compile(r"المصدر\s*:")),
    (Section.KEYWORDS, re.compile(r"(?:ال)?كلمات\s+(?:ال)?دلاليه\s*:")),
    # The heading is a line of its own; text after its colon is the first related line.
    (Section.READ_ALSO, re.compile(r"ا?قرا\s+ايضا\s*(?::|$)")),
)
# How a label line can begin (undecorated); lines with marks early on take the slow path.
_LABEL_STARTS = ("تا", "المص", "الكل", "كل", "إق", "اق", "أق", "آق", "ٱق", "قر")
_EARLY_MARKS = re.compile("[\u0610-\u061a\u0640\u064b-\u065f\u0670]")


@dataclass(frozen=True, slots=True)
class Labelled:
    """A section label line: which section it opens and the text after the label."""

    section: Section
    line: Line
    value: str


@dataclass
class Sections:
    """The lines of one article sorted into sections; values are still raw text."""

    title: Line | None = None
    date: Labelled | None = None
    body: list[Line] = field(default_factory=list)
    source: Labelled | None = None
    keywords: Labelled | None = None
    read_also: Labelled | None = None
    read_also_lines: list[Line] = field(default_factory=list)
    defects: list[Defect] = field(default_factory=list)


def label_of(line: Line) -> Labelled | None:
    """Return the section a label line opens, or None for an ordinary text line."""
    head = line.text[:8]
    if not head.startswith(_LABEL_STARTS) and not _EARLY_MARKS.search(head):
        return None
    key = match_key(line.text[:40])
    for section, pattern in _LABELS:
        found = pattern.match(key)
        if found is None:
            continue
        colon = line.text.find(":")
        value = line.text[colon + 1 :].strip() if colon >= 0 else ""
        return Labelled(section, line, value)
    return None


def split_sections(lines: list[Line]) -> Sections:
    """Sort lines into sections in one pass, recording missing, repeated and misplaced labels."""
    out = Sections()
    if not lines:
        out.defects.append(
            _defect(DefectCode.MISSING_TITLE, "the text has no non-blank line", None)
        )
        out.defects.append(_defect(DefectCode.MISSING_DATE, "no publish-date line", None))
        return out
    rest = lines
    if label_of(lines[0]) is None:
        out.title = lines[0]
        rest = lines[1:]
    else:
        out.defects.append(
            _defect(DefectCode.MISSING_TITLE, "the first line is a section label", lines[0].number)
        )
    state = Section.TITLE
    for line in rest:
        labelled = label_of(line)
        if labelled is not None and _slot(out, labelled.section) is None:
            if labelled.section < state:
                out.defects.append(
                    _defect(
                        DefectCode.SECTION_OUT_OF_ORDER,
                        f"{labelled.section.name.lower()} section after the "
                        f"{state.name.lower()} section",
                        line.number,
                    )
                )
            _fill(out, labelled)
            state = max(state, labelled.section)
            continue
        if labelled is not None:
            out.defects.append(
                _defect(
                    DefectCode.DUPLICATE_SECTION,
                    f"second {labelled.section.name.lower()} label; kept as text",
                    line.number,
                )
            )
        _place_text(out, state, line)
        state = max(state, Section.BODY)
    if out.date is None:
        out.defects.append(_defect(DefectCode.MISSING_DATE, "no publish-date line", None))
    if not out.body:
        out.defects.append(_defect(DefectCode.MISSING_BODY, "the article has no body", None))
    return out


def _place_text(out: Sections, state: Section, line: Line) -> None:
    """Put an unlabelled line where the current section says; between closing sections it strays."""
    if state == Section.READ_ALSO:
        out.read_also_lines.append(line)
        return
    if state in (Section.SOURCE, Section.KEYWORDS):
        out.defects.append(
            _defect(
                DefectCode.STRAY_LINE,
                f"text line after the {state.name.lower()} section; kept in the body",
                line.number,
            )
        )
    out.body.append(line)


def _slot(out: Sections, section: Section) -> Labelled | None:
    """The label already recorded for a section, if any."""
    return {
        Section.DATE: out.date,
        Section.SOURCE: out.source,
        Section.KEYWORDS: out.keywords,
        Section.READ_ALSO: out.read_also,
    }[section]


def _fill(out: Sections, labelled: Labelled) -> None:
    """Record a section's label line (and for read also, any text after its colon)."""
    if labelled.section == Section.DATE:
        out.date = labelled
    elif labelled.section == Section.SOURCE:
        out.source = labelled
    elif labelled.section == Section.KEYWORDS:
        out.keywords = labelled
    else:
        out.read_also = labelled
        if labelled.value:
            out.read_also_lines.append(Line(labelled.line.number, labelled.value))


def _defect(code: DefectCode, message: str, line: int | None) -> Defect:
    """Build a Defect from a code of the catalogue."""
    return Defect(code=code.value, message=message, line=line)
