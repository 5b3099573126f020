"""The crawl keyword pass's reader: one file's tag line, title and source, without a parse.

``tag_line_of`` finds the three lines in the file's bytes and decodes only those, exactly as
the parser decodes and cleans the whole file; a file the byte search cannot read that way is
decoded whole, then read line by line through the parser's own labeller.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import re

from .decoding import Line, _utf16_kind, clean_text, decode
from .defects import DefectLog
from .normalize import collapse_spaces
from .sections import _EARLY_MARKS, _LABEL_STARTS, Section, label_of

#: The source and keyword label lines as the parser's labels read them (``sections._LABELS``),
#: found by a plain search for their key word then one match at that line's start; a file
#: they miss (a label with a mark inside, one before the title) is read line by line through
#: the parser's own labeller instead.
_SOURCE_LINE = re.compile(r"[^\S\n]*المصدر[^\S\n]*:(.*)")
_KEYWORDS_LINE = re.compile(r"[^\S\n]*(?:ال)?كلمات[^\S\n]+(?:ال)?دلالي[ةه][^\S\n]*:(.*)")


def _label_line(
    text: str, word: str, pattern: re.Pattern[str], end: int | None = None
) -> re.Match[str] | None:
    """The first line (before ``end``) that ``pattern`` matches from its start, via ``word``."""
    stop = len(text) if end is None else end
    at = text.find(word, 0, stop)
    while at >= 0:
        found = pattern.match(text, text.rfind("\n", 0, at) + 1, stop)
        if found is not None:
            return found
        at = text.find(word, at + 1, stop)
    return None


def tag_line_of(data: bytes) -> tuple[str, str, str | None]:
    """(keyword text, title, source) of one article file, read without a full parse.

    Only three lines are decoded, found in the bytes: the first non-blank line, the tag line
    and the source line before it. A file the byte search cannot read the way the parser does
    (UTF-16, CR line endings, no tag line found) is decoded whole, and when even that misses,
    read line by line through the parser's own labeller.
    """
    if b"\r" in data or _utf16_kind(data) is not None:
        return _tag_line_of_text(clean_text(decode(data, DefectLog()), DefectLog()))
    keywords, start = _label_line_in(data, _KEYWORDS_WORD, _KEYWORDS_LINE, len(data))
    if keywords is None:
        return _tag_line_of_text(clean_text(decode(data, DefectLog()), DefectLog()))
    source, _ = _label_line_in(data, _SOURCE_WORD, _SOURCE_LINE, start)
    title = ""
    position = 0
    while position < len(data) and not title:
        end = data.find(b"\n", position)
        end = len(data) if end < 0 else end
        title = _decoded_line(data, position, end).strip()
        position = end + 1
    if label_of(Line(1, title)) is not None:
        return _tag_line_of_text(clean_text(decode(data, DefectLog()), DefectLog()))
    return (
        collapse_spaces(keywords.group(1)),
        title,
        (source.group(1).strip() or None) if source else None,
    )


_KEYWORDS_WORD = "كلمات".encode()
_SOURCE_WORD = "المصدر".encode()


def _decoded_line(data: bytes, start: int, end: int) -> str:
    """One line of a UTF-8 file, decoded and cleaned as the parser decodes the whole file."""
    codec = "utf-8-sig" if start == 0 else "utf-8"
    return clean_text(data[start:end].decode(codec, errors="replace"), DefectLog())


def _label_line_in(
    data: bytes, word: bytes, pattern: re.Pattern[str], stop: int
) -> tuple[re.Match[str] | None, int]:
    """The first line before ``stop`` that ``pattern`` matches, found by ``word``, and its start."""
    at = data.find(word, 0, stop)
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        found = pattern.match(_decoded_line(data, start, end))
        if found is not None:
            return found, start
        at = data.find(word, end, stop)
    return None, stop


def _tag_line_of_text(text: str) -> tuple[str, str, str | None]:
    """``tag_line_of`` on a whole decoded text (the rare files the byte search cannot read)."""
    keywords = _label_line(text, "كلمات", _KEYWORDS_LINE)
    if keywords is None:
        return _scan_lines(text)
    source = _label_line(text, "المصدر", _SOURCE_LINE, keywords.start())
    head = text.lstrip()
    title = head[: head.find("\n")] if "\n" in head else head
    title = title.strip()
    if label_of(Line(1, title)) is not None:
        return _scan_lines(text)
    return (
        collapse_spaces(keywords.group(1)),
        title,
        (source.group(1).strip() or None) if source else None,
    )


def _scan_lines(text: str) -> tuple[str, str, str | None]:
    """``tag_line_of`` the slow way: every line through the parser's labeller."""
    title = ""
    source: str | None = None
    keywords = ""
    seen_keywords = False
    first = True
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped:
            continue
        # The labeller's own cheap test first: most lines are body text.
        maybe = stripped.startswith(_LABEL_STARTS) or _EARLY_MARKS.search(stripped[:8])
        labelled = label_of(Line(number, stripped)) if maybe else None
        if first:  # the title is the first non-blank line, unless that is a label
            first = False
            if labelled is None:
                title = stripped
                continue
        if labelled is None:
            continue
        if labelled.section is Section.SOURCE and source is None:
            source = labelled.value or None
        elif labelled.section is Section.KEYWORDS and not seen_keywords:
            keywords, seen_keywords = collapse_spaces(labelled.value), True
        elif labelled.section is Section.READ_ALSO:
            break
    return keywords, title, source
