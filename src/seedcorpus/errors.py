"""Error types and the catalogue of defect codes.

Content problems become ``Defect`` records (lenient) or one ``ParseError`` (strict), as in
Python's ``email`` package. Problems of the environment (missing files, checksum mismatches,
duplicate ids) are ``CorpusError`` and always raise, with a message that says what to do; a
write that fails for lack of room (``writing``) is one naming its target, on every output.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from enum import Enum


class DefectCode(str, Enum):
    """Every defect code the parser can record, with the meaning documented in ``docs/``."""

    INVALID_UTF8 = "invalid-utf8"
    NOT_UTF8 = "not-utf8"
    INVALID_CHARACTER = "invalid-character"
    CONTROL_CHARACTER = "control-character"
    MISSING_TITLE = "missing-title"
    MISSING_DATE = "missing-date"
    UNKNOWN_DATE = "unknown-date"
    IMPOSSIBLE_DATE = "impossible-date"
    RELATIVE_DATE = "relative-date"
    ORDINAL_MISMATCH = "ordinal-mismatch"
    UNKNOWN_ZONE = "unknown-zone"
    AMBIGUOUS_CALENDAR = "ambiguous-calendar"
    MISSING_BODY = "missing-body"
    EMPTY_SOURCE = "empty-source"
    DUPLICATE_SECTION = "duplicate-section"
    SECTION_OUT_OF_ORDER = "section-out-of-order"
    STRAY_LINE = "stray-line"
    EMPTY_READ_ALSO = "empty-read-also"
    READ_ALSO_UNTITLED = "read-also-untitled"
    TEASER_UNSPLIT = "teaser-unsplit"
    MARKUP = "markup"


#: One sentence per code: what happened and what the record holds as a result.
DEFECT_DESCRIPTIONS: dict[DefectCode, str] = {
    DefectCode.INVALID_UTF8: "Bytes that are not UTF-8 were decoded as U+FFFD; the message "
    "names the first byte offset.",
    DefectCode.NOT_UTF8: "The file is UTF-16 (it starts with a UTF-16 byte order mark), not the "
    "format's UTF-8; it was decoded all the same.",
    DefectCode.INVALID_CHARACTER: "The text held lone surrogates, replaced by U+FFFD so that the "
    "record can be written as JSON.",
    DefectCode.CONTROL_CHARACTER: "The text holds C0 control characters (NUL and the like); they "
    "are kept as they are.",
    DefectCode.MISSING_TITLE: "The first non-blank line is a section label, or the file is "
    "empty; the title is the empty string.",
    DefectCode.MISSING_DATE: "No `تاريخ النشر:` line; published_at and date_text are None.",
    DefectCode.UNKNOWN_DATE: "The date is in no form the grammar knows; published_at is None "
    "and date_text keeps the text.",
    DefectCode.IMPOSSIBLE_DATE: "The date has a known form but names no real day or time "
    "(31 February); published_at is None.",
    DefectCode.RELATIVE_DATE: "The date is relative (`منذ 3 ساعات`, `yesterday`); nothing is "
    "filled in from today, so published_at is None.",
    DefectCode.ORDINAL_MISMATCH: "The day's ordinal suffix does not fit it (`3th`); the date is "
    "kept, read from the number.",
    DefectCode.UNKNOWN_ZONE: "The date names a place's clock the grammar does not know, or a "
    "name two zones share (`بتوقيت عمان`: Amman or Oman); the clock time is not guessed, so "
    "published_at is None (a date with no clock time keeps its day).",
    DefectCode.AMBIGUOUS_CALENDAR: "A numeric date whose year looks Hijri (1300-1500) carries no "
    "`هـ`; it is never read as a Gregorian year, so published_at is None.",
    DefectCode.MISSING_BODY: "The article has no body paragraph.",
    DefectCode.EMPTY_SOURCE: "A `المصدر:` line with nothing after the label; source is None.",
    DefectCode.DUPLICATE_SECTION: "A section label seen a second time; the whole line is kept "
    "as text where it stands.",
    DefectCode.SECTION_OUT_OF_ORDER: "A section appears after one that should follow it; it is "
    "parsed all the same.",
    DefectCode.STRAY_LINE: "A text line between the closing sections (source, keywords) fits "
    "no section; it is kept at the end of the body.",
    DefectCode.EMPTY_READ_ALSO: "A read-also heading with nothing after it.",
    DefectCode.READ_ALSO_UNTITLED: "Read-also paragraphs before any title line; they are kept "
    "in an item whose title is empty.",
    DefectCode.TEASER_UNSPLIT: "A teaser card glued to a paragraph whose title and lead could not "
    "be told apart; its text stays a paragraph of the host item.",
    DefectCode.MARKUP: "The file is HTML, or lines hold HTML tags (`<p>`, `<!DOCTYPE html>`): "
    "a page saved instead of its text; the text is kept as written, tags and all.",
}


class SeedcorpusError(Exception):
    """Base class of every error this library raises on purpose."""


class ParseError(SeedcorpusError, ValueError):
    """A content problem, raised in strict mode; carries the defect code, line and file path."""

    def __init__(
        self, message: str, *, code: DefectCode, line: int | None = None, path: str | None = None
    ) -> None:
        self.message = message
        self.code = code
        self.line = line
        self.path = path
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<string>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.code.value}: {self.message}"


class CorpusError(SeedcorpusError, OSError):
    """An environment problem: missing path, checksum mismatch, duplicate ids, oversized file."""


def too_big(path: str, size: int, limit: int) -> CorpusError:
    """The over-limit error for an article file, naming both ways to raise the limit."""
    return CorpusError(
        f"{path}: {size} bytes is over the {limit}-byte limit for one article; raise it with "
        "--max-bytes (command line) or ParseOptions(max_bytes=...) if the file is genuine"
    )


#: What a failed write looks like: a full disk or quota, a file over the size limit, a
#: read-only file system. Other OSErrors (input files) keep their own message.
WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS})


#: What a failed write to an OUT file or folder leaves behind, and what to do.
KEPT = "nothing was written, and an earlier export there is kept: free space, or choose another OUT"


def write_failure(target: str, exc: BaseException, after: str = KEPT) -> CorpusError | None:
    """The one line for a failed write to ``target``, or None when ``exc`` is no write failure."""
    if not isinstance(exc, OSError) or isinstance(exc, CorpusError):
        return None
    if exc.errno not in WRITE_FAILURES:
        return None
    return CorpusError(f"{target}: cannot write it ({os.strerror(exc.errno)}); {after}")


@contextlib.contextmanager
def writing(target: str, after: str = KEPT) -> Iterator[None]:
    """Report a write that fails (``ENOSPC``, ``EFBIG``, ...) as one line naming ``target``.

    The raw errors name no file (``[Errno 28] No space left on device``), or a temporary one.
    """
    try:
        yield
    except OSError as exc:
        failure = write_failure(target, exc, after)
        if failure is None:
            raise
        raise failure from None
