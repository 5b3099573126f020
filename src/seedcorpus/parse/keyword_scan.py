"""Step 3b, scanning: where the keyword cores occur in an article's text, and what follows.

A text word spells a keyword core when it is the core, bare or behind a proclitic sequence
(``PROCLITICS``: `و`, `بال`, `لل`, ...). For each such word the scan reports the word after it:
*adjacent* when it is in the same clause, *separated* when punctuation comes between (the first
word of the next clause of the same text), and the further words of the clause, for phrases.
A clause ends at any run of characters that are neither word characters, white space nor `-`;
texts are joined with newlines, and nothing crosses a newline.

Two scans give the same answers. A keyword line of ordinary size (up to ``MAX_SEARCHED_CORES``
distinct cores) is found by searching the text for each core at C speed and looking only at
the hits, which skips tokenising the whole text. A huge, hostile line is matched word by word
over the tokenised text instead, so the cost stays linear in the text and the line.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import compress

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

#: One match: the cores the word spells, the next word (None at a text's end), whether
#: punctuation separates it, and the further words of the clause (for phrases).
Match = tuple[tuple[str, ...], str | None, bool, Iterator[str]]

# After a matched word: the next word of the clause, or punctuation then the next clause's
# first word. `[^\S\n]` is white space other than the newline that ends a text.
_NEXT = re.compile(r"[^\S\n]*(?:([\w-]+)|[^\w\s-](?:[^\w\s-]|[^\S\n])*([\w-]+)?)")
_FOLLOWING = re.compile(r"[^\S\n]*([\w-]+)")
_WORD = re.compile(r"[\w-]+")
_CLAUSE_SPLIT = re.compile(r"[^\u0621-\u063a\u0641-\u064a \w\s-]+")  # Arabic letters first: fast
# Marker tokens in the word stream: a clause break and a text break (control characters the
# clause split removes from the text itself, so no word can equal them).
_CLAUSE_BREAK = "\x00"
_TEXT_BREAK = "\x01"
_BREAKS = (_CLAUSE_BREAK, _TEXT_BREAK)
_NOTHING: Iterator[str] = iter(())


@lru_cache(maxsize=1 << 14)
def surface_forms(core_key: str) -> tuple[str, ...]:
    """Every spelling of a keyword core in running text: bare, or behind a proclitic sequence."""
    if len(core_key) < 2:
        return (core_key,)
    return tuple(prefix + core_key for prefix in _PROCLITIC_ORDER)


def scan(folded: str, cores: set[str]) -> Iterator[Match]:
    """Every word of the folded, newline-joined texts that spells one of the cores."""
    if len(cores) <= MAX_SEARCHED_CORES:
        return _searched(folded, cores)
    return _streamed(folded, cores)


def _is_word_char(char: str) -> bool:
    """Whether a character belongs to a word (a word character or `-`), as clauses see it."""
    return char.isalnum() or char in "_-"


def _searched(folded: str, cores: set[str]) -> Iterator[Match]:
    """Find each core with ``str.find`` and keep the hits that are whole words."""
    size = len(folded)
    is_word = _is_word_char
    find = folded.find
    for core in sorted(cores):
        # A core holding punctuation or a symbol spans a clause break, so no word spells it.
        if not _WORD.fullmatch(core):
            continue
        length = len(core)
        at = find(core)
        while at >= 0:
            end = at + length
            if end == size or not is_word(folded[end]):
                start = at
                limit = max(0, at - _LONGEST_PROCLITIC - 1)
                while start > limit and is_word(folded[start - 1]):
                    start -= 1
                if start == at or (
                    length >= 2
                    and folded[start:at] in PROCLITICS
                    and (start == 0 or not is_word(folded[start - 1]))
                ):
                    yield ((core,), *_after(folded, end))
            at = find(core, at + 1)


def _after(folded: str, end: int) -> tuple[str | None, bool, Iterator[str]]:
    """The word after a matched word ending at ``end``, whether it is separated, and the rest."""
    found = _NEXT.match(folded, end)
    if found is None:
        return None, False, _NOTHING
    if found.group(1):
        return found.group(1), False, _following(folded, found.end(1))
    return found.group(2), found.group(2) is not None, _NOTHING


def _following(folded: str, position: int) -> Iterator[str]:
    """The words after ``position`` up to the end of its clause."""
    while (found := _FOLLOWING.match(folded, position)) is not None:
        yield found.group(1)
        position = found.end()


def _streamed(folded: str, cores: set[str]) -> Iterator[Match]:
    """Look every word of the text up (for keyword lines too long to search core by core)."""
    tokens = _CLAUSE_SPLIT.sub(" " + _CLAUSE_BREAK + " ", folded)
    tokens_list = tokens.replace("\n", " " + _TEXT_BREAK + " ").split()
    lookup = _lookup(cores)
    found = list(map(lookup, tokens_list))
    size = len(tokens_list)
    for at in compress(range(size), found):
        matched = found[at]
        assert matched is not None  # compress keeps the hits only
        nxt = at + 1
        if nxt < size and tokens_list[nxt] not in _BREAKS:
            yield matched, tokens_list[nxt], False, _clause_rest(tokens_list, nxt + 1)
            continue
        while nxt < size and tokens_list[nxt] == _CLAUSE_BREAK:
            nxt += 1
        if at + 1 < nxt < size and tokens_list[nxt] != _TEXT_BREAK:
            yield matched, tokens_list[nxt], True, _NOTHING
        else:
            yield matched, None, False, _NOTHING


def _clause_rest(tokens: list[str], start: int) -> Iterator[str]:
    """Tokens from ``start`` up to the next break."""
    for token in tokens[start:]:
        if token in _BREAKS:
            return
        yield token


def _lookup(cores: set[str]) -> Callable[[str], tuple[str, ...] | None]:
    """A function from a word to the cores it spells (None when it spells none)."""
    if len(cores) <= MAX_SPELLING_TABLE_CORES:
        table: dict[str, tuple[str, ...]] = {}
        for core in sorted(cores):
            for form in surface_forms(core):
                table[form] = (*table.get(form, ()), core)
        return table.get

    def strip(word: str) -> tuple[str, ...] | None:
        if word in _BREAKS:
            return None
        matched = tuple(
            word[len(p) :]
            for p in _STRIPPABLE
            if word.startswith(p) and len(word) - len(p) >= 2 and word[len(p) :] in cores
        )
        if word in cores and word not in matched:
            matched = (word, *matched)
        return matched or None

    return strip
