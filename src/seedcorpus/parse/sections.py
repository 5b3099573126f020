"""Step 2: sort lines into sections (title, date, body, source, keywords, read also).

Section labels are recognised on spelling-folded text, so `إقرأ أيضاً` and `اقرا ايضا` are one
heading. A label counts only as a whole prefix followed by a colon (`المصدر:` is the source, while
`المصدر ذاته أشار` is body text). Out-of-order and repeated labels are recorded as defects; no
line is ever dropped. A file that is HTML, or whose lines hold HTML tags, is recorded as
``markup`` (once, at the first such line), so a `<!DOCTYPE html>` line never becomes a title
silently; the text stays as written.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum

from ..errors import DefectCode
from .decoding import Line
from .defects import DefectLog
from .normalize import ALEF_VARIANTS, FORMAT_CONTROLS, LABEL_MARKS, match_key


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
# How a label line can begin: the folded starts, plus every alef spelling ``normalize`` folds.
# A line with a mark that folding drops (a diacritic, tatweel or Quranic mark, all from
# ``normalize``) early on is folded before the check, so both paths agree on every line.
_FOLDED_STARTS = ("تا", "المص", "الكل", "كل", "اق", "قر")
_LABEL_STARTS = _FOLDED_STARTS + tuple(
    alef + start[1:] for start in _FOLDED_STARTS if start[0] == "ا" for alef in ALEF_VARIANTS
)
_EARLY_MARKS = re.compile("[" + re.escape(LABEL_MARKS) + "]")
# Characters a label line can open with: a start's first letter, a character that folds into
# one, or a mark or control that folding drops. Most lines open with none of them.
_LABEL_FIRST = (
    frozenset(
        char
        for char in (chr(code) for code in range(0x0600, 0x0700))
        if match_key(char)[:1] in {start[0] for start in _LABEL_STARTS} or not match_key(char)
    )
    | frozenset(start[0] for start in _LABEL_STARTS)
    | frozenset(LABEL_MARKS)
    | FORMAT_CONTROLS
)
# An HTML tag: a document type, a comment, or an element's opening, closing or empty tag: a Latin
# name, then attributes as HTML writes them (`name`, `name="value"`). Arabic text in angle
# brackets, or a comparison (`a<b و c>d`), is no tag.
_HTML_ATTRIBUTE = r"""\s+[a-z_:][-a-z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?"""
_HTML_TAG = re.compile(
    rf"<!--|<!doctype\b[^<>]*>|</?[a-z][a-z0-9]*(?::[a-z0-9]+)?(?:{_HTML_ATTRIBUTE})*\s*/?>",
    re.IGNORECASE,
)
# Tags that say the whole file is a page, not article text.
_DOCUMENT_TAG = re.compile(r"<(?:!doctype|html|head|body)\b", re.IGNORECASE)


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


def label_of(line: Line) -> Labelled | None:
    """Return the section a label line opens, or None for an ordinary text line."""
    if line.text[:1] not in _LABEL_FIRST:
        return None
    # Folding never turns a label start into something else, so a head that starts like a
    # label as written needs no folding; only one holding a mark folding drops is folded.
    head = line.text[:8]
    if not head.startswith(_LABEL_STARTS) and (
        not _EARLY_MARKS.search(head) or not match_key(head).startswith(_LABEL_STARTS)
    ):
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


def split_sections(lines: list[Line], log: DefectLog) -> Sections:
    """Sort lines into sections in one pass, recording missing, repeated and misplaced labels."""
    out = Sections()
    if not lines:
        log.report(DefectCode.MISSING_TITLE, "the text has no non-blank line")
        log.report(DefectCode.MISSING_DATE, "no publish-date line")
        return out
    find_markup(lines, log)
    rest = lines
    if label_of(lines[0]) is None:
        out.title = lines[0]
        rest = lines[1:]
    else:
        log.report(DefectCode.MISSING_TITLE, "the first line is a section label", lines[0].number)
    state = Section.TITLE
    for line in rest:
        labelled = label_of(line)
        if labelled is not None and _slot(out, labelled.section) is None:
            if labelled.section < state:
                log.report(
                    DefectCode.SECTION_OUT_OF_ORDER,
                    f"{labelled.section.name.lower()} section after the "
                    f"{state.name.lower()} section",
                    line.number,
                )
            _fill(out, labelled)
            state = max(state, labelled.section)
            continue
        if labelled is not None:
            log.report(
                DefectCode.DUPLICATE_SECTION,
                f"second {labelled.section.name.lower()} label; kept as text",
                line.number,
            )
        _place_text(out, state, line, log)
        state = max(state, Section.BODY)
    if out.date is None:
        log.report(DefectCode.MISSING_DATE, "no publish-date line")
    if not out.body:
        log.report(DefectCode.MISSING_BODY, "the article has no body")
    return out


def find_markup(lines: list[Line], log: DefectLog) -> None:
    """Record one ``markup`` defect when the file is HTML or lines hold HTML tags."""
    first: tuple[Line, str] | None = None
    tagged = 0
    page = False
    for line in lines:
        tag = _HTML_TAG.search(line.text) if "<" in line.text else None
        if tag is None:
            continue
        tagged += 1
        first = first or (line, tag.group())
        page = page or bool(_DOCUMENT_TAG.search(line.text))
    if first is None:
        return
    what = "the file is an HTML page" if page else "HTML tags in the text"
    log.report(
        DefectCode.MARKUP,
        f"{what}: {tagged} line(s) hold tags, the first {first[1][:40]!r}; kept as written",
        first[0].number,
    )


def _place_text(out: Sections, state: Section, line: Line, log: DefectLog) -> None:
    """Put an unlabelled line where the current section says; between closing sections it strays."""
    if state == Section.READ_ALSO:
        out.read_also_lines.append(line)
        return
    if state in (Section.SOURCE, Section.KEYWORDS):
        log.report(
            DefectCode.STRAY_LINE,
            f"text line after the {state.name.lower()} section; kept in the body",
            line.number,
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
