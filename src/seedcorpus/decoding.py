"""Step 1: bytes to text, and text to numbered, trimmed, non-blank lines.

Accepts a UTF-8 BOM, LF / CRLF / CR line endings, trailing spaces, blank lines and zero-width or
bidi controls. UTF-16 with a BOM is decoded and recorded (the format is UTF-8); invalid UTF-8 is
decoded with U+FFFD and recorded. Lenient parsing never raises here.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import DefectCode
from .models import Defect
from .normalize import FORMAT_CONTROLS

_CONTROLS_RE = re.compile("[" + "".join(sorted(FORMAT_CONTROLS)) + "]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_C0_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# One scan that finds any of the three above; clean text (the common case) needs nothing more.
_ANY_UNUSUAL = re.compile(
    "[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f" + "".join(sorted(FORMAT_CONTROLS)) + "]"
)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: its 1-based number in the file and its trimmed text."""

    number: int
    text: str


def decode(data: bytes) -> tuple[str, list[Defect]]:
    """Decode a file's bytes: UTF-8 (BOM optional) or BOM-marked UTF-16; bad bytes become U+FFFD."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        utf16 = Defect(
            code=DefectCode.NOT_UTF8.value,
            message="the file is UTF-16 with a byte order mark, not UTF-8; decoded as UTF-16",
        )
        try:
            return data.decode("utf-16"), [utf16]
        except UnicodeDecodeError as exc:
            return data.decode("utf-16", errors="replace"), [utf16, _bad_bytes(exc, "UTF-16")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return data.decode("utf-8-sig", errors="replace"), [_bad_bytes(exc, "UTF-8")]


def _bad_bytes(exc: UnicodeDecodeError, encoding: str) -> Defect:
    """Describe the first undecodable byte by offset, so the user can find it with a hex viewer."""
    return Defect(
        code=DefectCode.INVALID_UTF8.value,
        message=f"invalid {encoding} at byte offset {exc.start}: {exc.reason}; "
        "decoded with U+FFFD replacement characters",
        line=None,
    )


def clean_text(text: str) -> tuple[str, list[Defect]]:
    """Unify line endings to LF, drop invisible format controls, replace lone surrogates."""
    defects: list[Defect] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _ANY_UNUSUAL.search(text):
        return text, defects
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub("\ufffd", text)
        defects.append(
            Defect(
                code=DefectCode.INVALID_CHARACTER.value,
                message="lone surrogate code points replaced by U+FFFD",
            )
        )
    if _CONTROLS_RE.search(text):
        text = _CONTROLS_RE.sub("", text)
    found = _C0_RE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        defects.append(
            Defect(
                code=DefectCode.CONTROL_CHARACTER.value,
                message=f"control character U+{ord(found.group()):04X} in the text (kept)",
                line=line,
            )
        )
    return text, defects


def split_lines(text: str) -> list[Line]:
    """Split cleaned text on LF only (not other Unicode breaks); trim; keep non-blank lines."""
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lines.append(Line(number, stripped))
    return lines
