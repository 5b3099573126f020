"""Character-level helpers shared by the parsers.

Two different kinds of normalisation live here and must not be confused:

* ``FORMAT_CONTROLS`` are invisible zero-width and bidi controls; ``decoding`` removes them from
  the text the records are built from, because they are scrape noise, not content.
* ``match_key`` folds spelling variants (alef/hamza forms, taa marbuta, alef maqsura, diacritics,
  tatweel, Persian yeh/kaf, Eastern Arabic and Persian digits) for *comparison only*. Its output
  never reaches a record.

Part of the ``parse`` stage (one article).
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

TATWEEL = "\u0640"
#: Arabic diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic marks).
_DIACRITICS = (
    "".join(chr(c) for c in range(0x0610, 0x061B))
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06EE))
)

#: Marks that matching keys drop (diacritics, Quranic marks, tatweel): a line holding one may
#: still be a section label once folded.
LABEL_MARKS = _DIACRITICS + TATWEEL
# Characters dropped from matching keys: those marks and invisible controls.
_KEY_DROP = re.compile("[" + re.escape(LABEL_MARKS + "".join(sorted(FORMAT_CONTROLS))) + "]")
# Spelling folds for matching keys. `str.replace` per present character is far faster than
# `str.translate` with a table, which looks every non-ASCII character up in a dict.
#: Letters that matching keys fold into a bare alef.
ALEF_VARIANTS = "أإآٱ"
_KEY_FOLDS = (
    *((c, "ا") for c in ALEF_VARIANTS),
    ("ة", "ه"),
    ("ى", "ي"),
    ("ؤ", "و"),
    ("ئ", "ي"),
    # Persian yeh, kaf and heh with yeh, typed by Persian keyboards: the Arabic letters.
    ("\u06cc", "ي"),
    ("\u06a9", "ك"),
    ("\u06c0", "ه"),
    *((chr(0x0660 + i), str(i)) for i in range(10)),
    *((chr(0x06F0 + i), str(i)) for i in range(10)),
)
# Folds of characters from U+0660 up (digits, Persian letters, alef wasla) are tried only when
# the text holds one of them: most texts hold none, and one search is cheaper than 24 scans.
_RARE_FROM = "\u0660"
_COMMON_FOLDS = tuple(fold for fold in _KEY_FOLDS if fold[0] < _RARE_FROM)
_RARE_FOLDS = tuple(fold for fold in _KEY_FOLDS if fold[0] >= _RARE_FROM)
_ANY_RARE = re.compile("[" + re.escape("".join(old for old, _ in _RARE_FOLDS)) + "]")
#: Sentence-final punctuation, Latin and Arabic.
SENTENCE_END = ".!?؟…"
#: Closing marks that may follow sentence-final punctuation (`."`, `.»`, `.)`).
CLOSERS = "\"'»”’)]"

_SPACE_RUN = re.compile(r"\s+")


# On a long text, asking `char in text` for each dropped or rare character (a fast memory scan
# each) beats one regular-expression scan, which steps through the text a character at a time;
# on a short one the single scan is cheaper.
_LONG_TEXT = 256
_DROPPED = tuple(LABEL_MARKS + "".join(sorted(FORMAT_CONTROLS)))


def match_key(text: str) -> str:
    """Fold spelling variants so that two spellings of one word compare equal; matching only."""
    long = len(text) > _LONG_TEXT
    if any(c in text for c in _DROPPED) if long else _KEY_DROP.search(text):
        text = _KEY_DROP.sub("", text)
    for old, new in _COMMON_FOLDS:
        if old in text:
            text = text.replace(old, new)
    if long or _ANY_RARE.search(text):
        for old, new in _RARE_FOLDS:
            if old in text:
                text = text.replace(old, new)
    return text


def collapse_spaces(text: str) -> str:
    """Collapse every run of white space into one space and trim the ends."""
    return _SPACE_RUN.sub(" ", text).strip()


def ends_sentence(line: str) -> bool:
    """Whether a line ends with sentence-final punctuation, allowing closing quotes after it."""
    stripped = line.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in SENTENCE_END
