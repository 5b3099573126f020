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

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from itertools import chain

from .keyword_scan import clause_words, hits, next_word
from .normalize import match_key

#: Longest phrase checked for occurring as a whole in the text, in tokens.
MAX_PHRASE_TOKENS = 8

_SEPARATOR_END = tuple("،,;؛|/")
_CONJUNCTIONS = ("و", "ف")


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


def gather_evidence(texts: Iterable[str], keys: list[str]) -> Evidence:
    """Scan the texts once, recording only what concerns the given keyword keys (linear time).

    Words inside a clause are adjacent; the last word of a clause and the first of the next
    are separated (``keyword_scan`` finds the words and their neighbours).
    """
    # A following word is compared on its core too (`أزمة اقتصادية` shows `الأزمة الاقتصادية`):
    # adjacency uses the same article folding as presence. A conjunction or preposition on it
    # is not stripped: `بوتين والزعيم` is a boundary.
    key_cores = [core(k) for k in keys]
    followers = [follower(k) for k in keys]
    wanted_next = set(followers)
    # Only runs that are windows of the keyword line can ever be asked about, so only those are
    # kept: memory stays bounded by the line, however often the text repeats it. A hostile,
    # huge line keeps pairs only (longer runs then split into evidenced pairs).
    longest = MAX_PHRASE_TOKENS if len(keys) <= MAX_WINDOWED_TOKENS else 2
    starts: dict[str, list[int]] = {}
    for i, c in enumerate(key_cores[:-1]):
        starts.setdefault(c, []).append(i)
    evidence = Evidence()
    counts = evidence.counts
    # One folding pass over all texts (lines never hold a newline); nothing crosses a newline.
    folded = match_key("\n".join(texts)).lower()
    for cores, end in hits(folded, set(key_cores)):
        for c in cores:
            counts[c] = counts.get(c, 0) + 1
        nxt, separated, after = next_word(folded, end)
        if nxt is None:
            continue
        if _record_pair(evidence, cores, nxt, separated, wanted_next) and not separated:
            _record_phrases(evidence, cores, nxt, folded, after, followers, starts, longest)
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
    nxt: str,
    folded: str,
    after: int,
    followers: list[str],
    starts: dict[str, list[int]],
    longest: int,
) -> None:
    """Record every window of the keyword line that the clause shows from a matched word on.

    A window is a run of up to ``longest`` consecutive keys (the first on its core, the rest
    as followers); the run grows word by word (``nxt``, then the clause's next words, read
    from ``after`` on) while a window matches.
    """
    for c in first:
        candidates = starts.get(c)
        if not candidates:
            continue
        run: tuple[str, ...] = (c,)
        for step, word in enumerate(chain((nxt,), clause_words(folded, after)), 1):
            if step >= longest:
                break
            key = follower(word)
            candidates = [
                i for i in candidates if i + step < len(followers) and followers[i + step] == key
            ]
            if not candidates:
                break
            run = (*run, key)
            evidence.phrases.add(run)


def classify_links(keys: list[str], evidence: Evidence) -> list[Link]:
    """Decide JOIN / CUT / UNKNOWN for each neighbouring pair of keyword keys."""
    cores = [core(k) for k in keys]
    followers = [follower(k) for k in keys]
    adjacent, separated, counts = evidence.adjacent, evidence.separated, evidence.counts
    links: list[Link] = []
    for i in range(len(keys) - 1):
        pair = (cores[i], followers[i + 1])
        if separated.get(pair, 0):
            links.append(Link.CUT)
        elif adjacent.get(pair, 0):
            links.append(Link.JOIN)
        elif counts.get(cores[i]) and counts.get(cores[i + 1]):
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
