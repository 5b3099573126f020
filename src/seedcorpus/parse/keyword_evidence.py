"""Step 3b, evidence: what an article's own text says about neighbouring keyword tokens.

For each pair of neighbouring keyword tokens the text is asked three questions, all answered
from one linear scan: are they ever adjacent (the first may carry a proclitic: `و ف ب ل ك ال لل`)?
are they ever *separated* (punctuation between them, or a conjunction clitic on the second,
`بوتين والزعيم`)? does the text mention each of them at all? ``classify_links`` turns the
answers into JOIN / CUT / UNKNOWN, and ``confirm_runs`` splits joined runs that never occur whole.
``keywords`` decides what the text leaves open.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from itertools import pairwise

from .normalize import match_key

#: Longest phrase checked for occurring as a whole in the text, in tokens.
MAX_PHRASE_TOKENS = 8

_CLAUSE_SPLIT = re.compile(r"[^\w\s-]+")
_SEPARATOR_END = tuple("،,;؛|/")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


class Link(Enum):
    """What the text says about two neighbouring keyword tokens."""

    JOIN = "join"
    CUT = "cut"
    UNKNOWN = "unknown"


def follower(key: str) -> str:
    """A word's key after another, its definite article dropped (`اقتصادية` = `الاقتصادية`).

    Only the article: a preposition on a following word (`للخزانات`) marks a new phrase.
    """
    return key[2:] if len(key) > 3 and key.startswith("ال") else key


def core(key: str) -> str:
    """A token's key without its definite article, so `الأمم`, `للأمم` and `أمم` compare equal."""
    if len(key) > 3 and key.startswith(("ال", "لل")):
        return key[2:]
    return key


#: Proclitic sequences a text word may carry before a keyword's core (`و`, `بال`, `للـ`, ...).
PROCLITICS = frozenset(
    conjunction + preposition + article
    for conjunction in ("", *_CONJUNCTIONS)
    for preposition in ("", *_PREPOSITIONS)
    for article in ("", "ال")
    if not (preposition == "ل" and article)
) | {conjunction + "لل" for conjunction in ("", *_CONJUNCTIONS)}


_PROCLITIC_ORDER = tuple(sorted(PROCLITICS))
# Non-empty proclitic sequences, for matching a word by stripping (see ``_surface_lookup``).
_PROCLITIC_LENGTHS = tuple(p for p in _PROCLITIC_ORDER if p)


@lru_cache(maxsize=1 << 16)
def surface_forms(core_key: str) -> tuple[str, ...]:
    """Every spelling of a keyword core in running text: bare, or behind a proclitic sequence."""
    if len(core_key) < 2:
        return (core_key,)
    return tuple(prefix + core_key for prefix in _PROCLITIC_ORDER)


@dataclass
class Evidence:
    """What the text says about the keyword tokens, gathered in one pass over the text."""

    counts: dict[str, int] = field(default_factory=dict)
    adjacent: dict[tuple[str, str], int] = field(default_factory=dict)
    separated: dict[tuple[str, str], int] = field(default_factory=dict)
    phrases: set[tuple[str, ...]] = field(default_factory=set)


#: Keyword lines longer than this (real ones hold a few dozen tokens) confirm runs of two tokens
#: at most, so the evidence kept stays a few entries per token.
MAX_WINDOWED_TOKENS = 5_000
#: Above this many distinct keyword cores, text words are matched by stripping proclitics
#: (a few lookups per word) instead of through a table of every spelling (about 30 per core).
MAX_SPELLING_TABLE_CORES = 2_000


def _surface_lookup(core_keys: set[str]) -> Callable[[str], tuple[str, ...] | None]:
    """A function from a text word to the keyword cores it spells (None when it spells none).

    Small keyword lines get one dictionary of every spelling (one lookup per word); huge ones
    strip each possible proclitic from the word instead, so memory stays linear in the line.
    """
    if len(core_keys) <= MAX_SPELLING_TABLE_CORES:
        table: dict[str, tuple[str, ...]] = {}
        for c in core_keys:
            for form in surface_forms(c):
                table[form] = (*table.get(form, ()), c) if form in table else (c,)
        return table.get

    def strip(word: str) -> tuple[str, ...] | None:
        cores = tuple(
            word[len(p) :]
            for p in _PROCLITIC_LENGTHS
            if word.startswith(p) and word[len(p) :] in core_keys and len(word) - len(p) >= 2
        )
        if word in core_keys and word not in cores:
            cores = (word, *cores)
        return cores or None

    return strip


def gather_evidence(texts: Iterable[str], keys: list[str]) -> Evidence:
    """Scan the texts once, recording only what concerns the given keyword keys (linear time).

    Each text is split into clauses at punctuation; words inside a clause are adjacent, and the
    last word of a clause and the first of the next are separated.
    """
    # A following word is compared on its core too (`أزمة اقتصادية` shows `الأزمة الاقتصادية`):
    # adjacency uses the same article folding as presence. A conjunction or preposition on it
    # is not stripped: `بوتين والزعيم` is a boundary.
    key_cores = [core(k) for k in keys]
    followers = [follower(k) for k in keys]
    wanted = set(key_cores)
    wanted_next = set(followers)
    # Only runs that are windows of the keyword line can ever be asked about, so only those are
    # kept: memory stays bounded by the line, however often the text repeats it. A hostile,
    # huge line keeps pairs only (longer runs then split into evidenced pairs).
    longest = MAX_PHRASE_TOKENS if len(keys) <= MAX_WINDOWED_TOKENS else 2
    windows = {
        (key_cores[i], *followers[i + 1 : j])
        for i in range(len(keys) - 1)
        for j in range(i + 2, min(len(keys), i + longest) + 1)
    }
    lookup = _surface_lookup(wanted)
    evidence = Evidence()
    # One folding pass over all texts (lines never hold a newline); adjacency stops at each text.
    for text in match_key("\n".join(texts)).lower().split("\n"):
        before_break: tuple[str, ...] | None = None
        for clause in _CLAUSE_SPLIT.split(text):
            words = clause.split()
            if not words:
                continue
            if before_break:
                _record_pair(evidence, before_break, words[0], True, wanted_next)
            for i, word in enumerate(words):
                cores = lookup(word)
                if cores is None:
                    continue
                for c in cores:
                    evidence.counts[c] = evidence.counts.get(c, 0) + 1
                if i + 1 < len(words) and _record_pair(
                    evidence, cores, words[i + 1], False, wanted_next
                ):
                    _record_phrases(evidence, cores, words, i, windows)
            before_break = lookup(words[-1])
    return evidence


def _record_pair(
    evidence: Evidence, first: tuple[str, ...], nxt: str, separated: bool, wanted: set[str]
) -> bool:
    """Count adjacency or separation between a matched word and the word after it.

    Returns whether the next word is a keyword core itself (so a longer run may start here).
    """
    second = follower(nxt)
    clitic_free = follower(nxt[1:]) if len(nxt) > 2 and nxt.startswith(_CONJUNCTIONS) else None
    found = second in wanted
    for c in first:
        if found:
            table = evidence.separated if separated else evidence.adjacent
            table[(c, second)] = table.get((c, second), 0) + 1
        if clitic_free is not None and clitic_free in wanted:
            evidence.separated[(c, clitic_free)] = evidence.separated.get((c, clitic_free), 0) + 1
    return found


def _record_phrases(
    evidence: Evidence,
    first: tuple[str, ...],
    words: list[str],
    start: int,
    windows: set[tuple[str, ...]],
) -> None:
    """Record every window of the keyword line that the clause shows starting at ``start``."""
    end = min(len(words), start + MAX_PHRASE_TOKENS)
    for c in first:
        run: tuple[str, ...] = (c,)
        for j in range(start + 1, end):
            run = (*run, follower(words[j]))
            if run not in windows:
                break
            evidence.phrases.add(run)


def classify_links(keys: list[str], evidence: Evidence) -> list[Link]:
    """Decide JOIN / CUT / UNKNOWN for each neighbouring pair of keyword keys."""
    links: list[Link] = []
    for a, b in pairwise(keys):
        pair = (core(a), follower(b))
        adjacent = evidence.adjacent.get(pair, 0)
        if evidence.separated.get(pair, 0):
            links.append(Link.CUT)
        elif adjacent:
            links.append(Link.JOIN)
        elif evidence.counts.get(core(a)) and evidence.counts.get(core(b)):
            links.append(Link.CUT)
        else:
            links.append(Link.UNKNOWN)
    return links


def _occurs(keys: list[str], start: int, end: int, evidence: Evidence) -> bool:
    """Whether keys[start:end] occurs contiguously in the text."""
    if end - start < 2:
        return True
    return (core(keys[start]), *map(follower, keys[start + 1 : end])) in evidence.phrases


def _dice(a: str, b: str, evidence: Evidence) -> float:
    """Association of two tokens: 2 * adjacent / (count a + count b)."""
    total = evidence.counts.get(core(a), 0) + evidence.counts.get(core(b), 0)
    return 2 * evidence.adjacent.get((core(a), follower(b)), 0) / total if total else 0.0


def _split_run(keys: list[str], start: int, end: int, evidence: Evidence) -> list[int]:
    """Cut points splitting a joined run into the fewest pieces that occur in the text.

    Dynamic programming over the run with back-pointers (linear time and memory); among equally
    short splits the one whose cut links have the smallest total Dice score wins, i.e. the
    weakest links are the ones cut.
    """
    size = end - start
    # best[stop] = (pieces, cost, begin of the last piece) for keys[start:start + stop].
    best: list[tuple[int, float, int] | None] = [None] * (size + 1)
    best[0] = (0, 0.0, 0)
    for stop in range(1, size + 1):
        for begin in range(max(0, stop - MAX_PHRASE_TOKENS), stop):
            previous = best[begin]
            if previous is None or not _occurs(keys, start + begin, start + stop, evidence):
                continue
            cut_cost = 0.0
            if begin > 0:
                cut_cost = _dice(keys[start + begin - 1], keys[start + begin], evidence)
            candidate = (previous[0] + 1, previous[1] + cut_cost, begin)
            current = best[stop]
            if current is None or candidate[:2] < current[:2]:
                best[stop] = candidate
    cuts: list[int] = []
    stop = size
    while stop > 0:
        final = best[stop]
        assert final is not None  # single tokens always occur, so a split always exists
        if final[2] > 0:
            cuts.append(start + final[2])
        stop = final[2]
    return cuts[::-1]


def confirm_runs(keys: list[str], links: list[Link], evidence: Evidence) -> None:
    """Split joined runs that never occur whole into the fewest pieces that do."""
    i = 0
    while i < len(links):
        if links[i] is not Link.JOIN:
            i += 1
            continue
        start = i
        while i < len(links) and links[i] is Link.JOIN:
            i += 1
        end = i + 1  # tokens start..end-1 form the joined run
        cuts = [] if _occurs(keys, start, end, evidence) else _split_run(keys, start, end, evidence)
        for cut in cuts:
            links[cut - 1] = Link.CUT
