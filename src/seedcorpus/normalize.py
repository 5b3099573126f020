"""Character-level helpers shared by the parsers.

Two different kinds of normalisation live here and must not be confused:

* ``strip_format_controls`` removes invisible zero-width and bidi controls. It is applied to the
  text the records are built from, because those characters are scrape noise, not content.
* ``match_key`` folds spelling variants (alef/hamza forms, taa marbuta, alef maqsura, diacritics,
  tatweel, digits) for *comparison only*. Its output never reaches a record.
"""

from __future__ import annotations

import re

#: Invisible formatting characters treated like white space: zero-width space/joiners, the
#: directional marks and embeddings/isolates, word joiner and friends, the Arabic letter mark and
#: the BOM / zero-width no-break space.
FORMAT_CONTROLS = frozenset(
    "\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069"
    "\ufeff\u061c"
)
_DROP_CONTROLS = {ord(c): None for c in FORMAT_CONTROLS}

TATWEEL = "\u0640"
#: Arabic diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic marks).
_DIACRITICS = (
    "".join(chr(c) for c in range(0x0610, 0x061B))
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06EE))
)

_KEY_TABLE: dict[int, int | str | None] = {ord(c): None for c in _DIACRITICS + TATWEEL}
_KEY_TABLE.update({ord(c): None for c in FORMAT_CONTROLS})
_KEY_TABLE.update({ord(c): "ا" for c in "أإآٱ"})
_KEY_TABLE.update({ord("ة"): "ه", ord("ى"): "ي", ord("ؤ"): "و", ord("ئ"): "ي"})
# Arabic-Indic and extended (Persian) digits fold to ASCII so "١٤" matches "14".
_KEY_TABLE.update({0x0660 + i: str(i) for i in range(10)})
_KEY_TABLE.update({0x06F0 + i: str(i) for i in range(10)})

_ARABIC_INDIC_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {
    0x06F0 + i: str(i) for i in range(10)
}

#: Sentence-final punctuation, Latin and Arabic.
SENTENCE_END = ".!?؟…"
#: Closing marks that may follow sentence-final punctuation (`."`, `.»`, `.)`).
CLOSERS = "\"'»”’)]"

_SPACE_RUN = re.compile(r"\s+")


def strip_format_controls(text: str) -> str:
    """Remove zero-width and bidi control characters (a no-op, and cheap, when there are none)."""
    if text.isascii():
        return text
    return text.translate(_DROP_CONTROLS)


def match_key(text: str) -> str:
    """Fold spelling variants so that two spellings of one word compare equal; matching only."""
    return text.translate(_KEY_TABLE)


def ascii_digits(text: str) -> str:
    """Turn Arabic-Indic and Persian digits into ASCII digits."""
    return text.translate(_ARABIC_INDIC_DIGITS)


def collapse_spaces(text: str) -> str:
    """Collapse every run of white space into one space and trim the ends."""
    return _SPACE_RUN.sub(" ", text).strip()


def ends_sentence(line: str) -> bool:
    """Whether a line ends with sentence-final punctuation, allowing closing quotes after it."""
    stripped = line.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in SENTENCE_END
