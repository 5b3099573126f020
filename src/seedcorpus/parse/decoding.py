"""Step 1: bytes to text, and text to numbered, trimmed, non-blank lines.

Accepts a UTF-8 BOM, LF / CRLF / CR line endings, trailing spaces, blank lines and zero-width or
bidi controls. UTF-16 (with a BOM, or recognised by its byte pattern) is decoded and recorded (the
format is UTF-8); invalid UTF-8 is decoded with U+FFFD and recorded. Never raises.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import DefectCode
from .defects import DefectLog
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


def decode(data: bytes, log: DefectLog) -> str:
    """Decode a file's bytes: UTF-8 (BOM optional) or UTF-16; bad bytes become U+FFFD.

    UTF-16 is recognised by its byte order mark, or without one by the high bytes of Latin or
    Arabic code units at every other position (no UTF-8 text has them), and recorded as
    ``not-utf8``.
    """
    encoding = _utf16_kind(data)
    if encoding is not None:
        log.report(
            DefectCode.NOT_UTF8,
            f"the file is {encoding.upper()}, not UTF-8; decoded as {encoding.upper()}",
        )
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            _bad_bytes(log, exc, encoding.upper())
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _bad_bytes(log, exc, "UTF-8")
        return data.decode("utf-8-sig", errors="replace")


#: High bytes of UTF-16 code units for Latin (0x00) and Arabic (0x06) text. In UTF-8 text a byte
#: 0x00 or 0x06 is a control character, so a file with one at nearly every other position is
#: UTF-16 that lost its byte order mark.
_UTF16_HIGH_BYTES = frozenset(b"\x00\x06")


def _utf16_kind(data: bytes) -> str | None:
    """The UTF-16 codec a file needs (with or without its byte order mark), or None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2 or (b"\x00" not in sample and b"\x06" not in sample):
        return None
    half = len(sample) // 2
    odd = sum(sample[1::2].count(byte) for byte in _UTF16_HIGH_BYTES)
    even = sum(sample[0::2].count(byte) for byte in _UTF16_HIGH_BYTES)
    if odd >= 0.9 * half and even < 0.5 * half:
        return "utf-16-le"
    if even >= 0.9 * half and odd < 0.5 * half:
        return "utf-16-be"
    return None


def _bad_bytes(log: DefectLog, exc: UnicodeDecodeError, encoding: str) -> None:
    """Record the first undecodable byte by offset, so the user can find it in a hex viewer."""
    log.report(
        DefectCode.INVALID_UTF8,
        f"invalid {encoding} at byte offset {exc.start}: {exc.reason}; "
        "decoded with U+FFFD replacement characters",
    )


# Decoded bytes never hold a lone surrogate, so for them the other unusual characters are
# looked for one by one (`char in text`, a fast memory scan each), which on a long text beats one
# regular-expression scan.
_UNUSUAL_IN_DECODED = tuple(
    "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
    "\x1a\x1b\x1c\x1d\x1e\x1f\x7f" + "".join(sorted(FORMAT_CONTROLS))
)
_LONG_TEXT = 256


def clean_text(text: str, log: DefectLog, *, decoded: bool = False) -> str:
    """Unify line endings to LF, drop invisible format controls, replace lone surrogates.

    ``decoded`` says the text came from ``decode`` (so it holds no lone surrogate), which
    allows a faster check for the common clean text.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if decoded and len(text) > _LONG_TEXT:
        if not any(char in text for char in _UNUSUAL_IN_DECODED):
            return text
    elif not _ANY_UNUSUAL.search(text):
        return text
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub("\ufffd", text)
        log.report(DefectCode.INVALID_CHARACTER, "lone surrogate code points replaced by U+FFFD")
    if _CONTROLS_RE.search(text):
        text = _CONTROLS_RE.sub("", text)
    found = _C0_RE.search(text)
    if found:
        log.report(
            DefectCode.CONTROL_CHARACTER,
            f"control character U+{ord(found.group()):04X} in the text (kept)",
            text.count("\n", 0, found.start()) + 1,
        )
    return text


def split_lines(text: str) -> list[Line]:
    """Split cleaned text on LF only (not other Unicode breaks); trim; keep non-blank lines."""
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lines.append(Line(number, stripped))
    return lines
