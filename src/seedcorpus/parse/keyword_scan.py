"""Step 3b, scanning: where the keyword cores occur in an article's text, and what follows.

A text word spells a keyword core when it is the core, bare or behind a proclitic sequence
(``PROCLITICS``: `و`, `بال`, `لل`, ...). A word is a run of word characters and `-`; a clause
ends at any other character that is not white space (punctuation, symbols); texts are joined
with newlines, and nothing crosses a newline. ``hits`` finds the words that spell a core;
``next_word`` then says what follows one: the next word of its clause (adjacent), or the first
word of the next clause (separated); ``clause_words`` reads the rest of the clause.

Two scans give the same hits. A keyword line of ordinary size (up to ``MAX_SEARCHED_CORES``
distinct cores) is found by searching the text for each core at C speed and looking only at
what it finds, which skips tokenising the whole text. A huge, hostile line is matched word by
word instead, so the cost stays linear in the text and the line.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

#: Proclitic sequences a text word may carry before a keyword's core (`و`, `بال`, `للـ`, ...).
PROCLITICS = frozenset(
    conjunction + preposition + article
    for conjunction in ("", "و", "ف")
    for preposition in ("", "ب", "ل", "ك")
    for article in ("", "ال")
    if not (preposition == "ل" and article)
) | {conjunction + "لل" for conjunction in ("", "و", "ف")}
_PROCLITIC_ORDER = tuple(sorted(PROCLITICS))
_STRIPPABLE = tuple(p for p in _PROCLITIC_ORDER if p)
_LONGEST_PROCLITIC = max(map(len, PROCLITICS))

#: Up to this many distinct cores the text is searched core by core; above it (only hostile
#: lines are that long) every word is looked up once instead.
MAX_SEARCHED_CORES = 64
#: Above this many distinct cores, words are matched by stripping proclitics (a few lookups per
#: word) instead of through a table of every spelling (about 24 per core).
MAX_SPELLING_TABLE_CORES = 2_000

#: One hit: the cores a word spells and where the word ends in the folded text.
Hit = tuple[tuple[str, ...], int]

_WORD = re.compile(r"[\w-]+")
# After a word: the next word of the clause, or punctuation then the next clause's first word.
# `[^\S\n]` is white space other than the newline that ends a text.
_NEXT = re.compile(r"[^\S\n]*(?:([\w-]+)|[^\w\s-](?:[^\w\s-]|[^\S\n])*([\w-]+)?)")
_FOLLOWING = re.compile(r"[^\S\n]*([\w-]+)")


@lru_cache(maxsize=1 << 14)
def surface_forms(core_key: str) -> tuple[str, ...]:
    """Every spelling of a keyword core in running text: bare, or behind a proclitic sequence."""
    if len(core_key) < 2:
        return (core_key,)
    return tuple(prefix + core_key for prefix in _PROCLITIC_ORDER)


def hits(folded: str, cores: set[str]) -> list[Hit]:
    """Every word of the folded, newline-joined texts that spells one of the cores."""
    if len(cores) <= MAX_SEARCHED_CORES:
        return _searched(folded, cores)
    return _streamed(folded, cores)


def next_word(folded: str, end: int) -> tuple[str | None, bool, int]:
    """The word after the one ending at ``end``: (word, separated by punctuation, its end).

    None when the text ends first. A separated word is the first of the next clause.
    """
    found = _NEXT.match(folded, end)
    if found is None:
        return None, False, end
    if found.group(1):
        return found.group(1), False, found.end(1)
    return found.group(2), found.group(2) is not None, found.end()


def clause_words(folded: str, position: int) -> Iterator[str]:
    """The words after ``position`` up to the end of its clause."""
    while (found := _FOLLOWING.match(folded, position)) is not None:
        yield found.group(1)
        position = found.end()


def _is_word_char(char: str) -> bool:
    """Whether a character belongs to a word (a word character or `-`)."""
    return char.isalnum() or char in "_-"


def _searched(folded: str, cores: set[str]) -> list[Hit]:
    """Find each core with ``str.find`` and keep the hits that are whole words."""
    size = len(folded)
    is_word = _is_word_char
    find = folded.find
    found: list[Hit] = []
    for core in sorted(cores):
        # A core holding punctuation or a symbol spans a clause break, so no word spells it.
        if not _WORD.fullmatch(core):
            continue
        length = len(core)
        matched = (core,)
        at = find(core)
        while at >= 0:
            end = at + length
            if end == size or not is_word(folded[end]):
                start = at
                limit = at - _LONGEST_PROCLITIC - 1 if at > _LONGEST_PROCLITIC else 0
                while start > limit and is_word(folded[start - 1]):
                    start -= 1
                if start == at or (
                    length >= 2
                    and folded[start:at] in PROCLITICS
                    and (start == 0 or not is_word(folded[start - 1]))
                ):
                    found.append((matched, end))
            at = find(core, at + 1)
    return found


def _streamed(folded: str, cores: set[str]) -> list[Hit]:
    """Look every word of the text up (for keyword lines too long to search core by core)."""
    lookup = _lookup(cores)
    found: list[Hit] = []
    for word in _WORD.finditer(folded):
        matched = lookup(word.group())
        if matched:
            found.append((matched, word.end()))
    return found


def _lookup(cores: set[str]) -> Callable[[str], tuple[str, ...] | None]:
    """A function from a word to the cores it spells (None when it spells none)."""
    if len(cores) <= MAX_SPELLING_TABLE_CORES:
        table: dict[str, tuple[str, ...]] = {}
        for core in sorted(cores):
            for form in surface_forms(core):
                table[form] = (*table.get(form, ()), core)
        return table.get

    def strip(word: str) -> tuple[str, ...] | None:
        matched = tuple(
            word[len(p) :]
            for p in _STRIPPABLE
            if word.startswith(p) and len(word) - len(p) >= 2 and word[len(p) :] in cores
        )
        if word in cores and word not in matched:
            matched = (word, *matched)
        return matched or None

    return strip
