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
from enum import Enum
from itertools import chain

from .keyword_scan import _NEXT, clause_words, hits
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


class Evidence:
    """What the text says about the keyword tokens, gathered in one pass over the text.

    ``counts`` (mentions of each core), ``adjacent`` and ``separated`` (pair counts) are filled
    by the scan. ``phrases`` (runs of three or more keys that occur whole) is worked out only
    when first asked: most tag lines have no joined run that long, and a run of two occurs
    whole exactly when its pair is ``adjacent``.
    """

    __slots__ = (
        "_asked",
        "_folded",
        "_keys",
        "_longest",
        "_phrases",
        "_starts",
        "adjacent",
        "cores",
        "counts",
        "followers",
        "separated",
    )

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.adjacent: dict[tuple[str, str], int] = {}
        self.separated: dict[tuple[str, str], int] = {}
        self._phrases: set[tuple[str, ...]] | None = None
        #: Where each run may start: (its first word's cores, next word, end of the next word).
        self._starts: list[tuple[tuple[str, ...], str, int]] = []
        self._folded = ""
        self._keys: list[str] = []
        self._longest = MAX_PHRASE_TOKENS
        self._asked: dict[tuple[str, ...], bool] = {}
        #: Each keyword key's core and its follower form (``core``, ``follower``), computed once.
        self.cores: list[str] = []
        self.followers: list[str] = []

    @property
    def phrases(self) -> set[tuple[str, ...]]:
        """Every window of the keyword line (two keys or more) that the text shows whole."""
        if self._phrases is None:
            self._phrases = _windows_shown(self._folded, self._keys, self._starts, self._longest)
        return self._phrases

    def occurs(self, run: tuple[str, ...]) -> bool:
        """Whether a window of the keyword line (first key on its core) occurs whole.

        The same answer as ``run in phrases``, found without listing every window: a pair from
        the adjacency counts, a longer run by reading on from the places its pair occurs.
        """
        if len(run) == 2:
            return bool(self.adjacent.get((run[0], run[1])))
        if len(run) > self._longest:
            return False
        known = self._asked.get(run)
        if known is None:
            known = self._asked[run] = self._shows(run)
        return known

    def _shows(self, run: tuple[str, ...]) -> bool:
        """Whether the text reads ``run`` from one of the places its first pair occurs."""
        first, second, rest = run[0], run[1], run[2:]
        for cores, nxt, after in self._starts:
            if first not in cores or follower(nxt) != second:
                continue
            matched = 0
            for key, word in zip(rest, clause_words(self._folded, after), strict=False):
                if follower(word) != key:
                    break
                matched += 1
            if matched == len(rest):
                return True
        return False


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
    evidence = Evidence()
    key_cores = evidence.cores = [core(k) for k in keys]
    evidence.followers = [follower(k) for k in keys]
    wanted = set(evidence.followers)
    counts, adjacent, separated = evidence.counts, evidence.adjacent, evidence.separated
    starts = evidence._starts
    # One folding pass over all texts (lines never hold a newline); nothing crosses a newline.
    folded = match_key("\n".join(texts)).lower()
    match_next = _NEXT.match
    for cores, end in hits(folded, set(key_cores)):
        for c in cores:
            counts[c] = counts.get(c, 0) + 1
        # The word after (``keyword_scan.next_word``, inlined: this runs for every hit).
        found = match_next(folded, end)
        if found is None:
            continue
        nxt = found.group(1)
        if nxt:
            apart, after = False, found.end(1)
        else:
            nxt = found.group(2)
            if nxt is None:
                continue
            apart, after = True, found.end()
        second = nxt[2:] if len(nxt) > 3 and nxt.startswith("ال") else nxt  # follower(nxt)
        if len(nxt) > 2 and nxt.startswith(_CONJUNCTIONS):
            clitic_free: str | None = follower(nxt[1:])
            if clitic_free not in wanted:
                clitic_free = None
        else:
            clitic_free = None
        if second in wanted:
            table = separated if apart else adjacent
            for c in cores:
                table[c, second] = table.get((c, second), 0) + 1
            if not apart:
                starts.append((cores, nxt, after))
        if clitic_free is not None:
            for c in cores:
                separated[c, clitic_free] = separated.get((c, clitic_free), 0) + 1
    # Runs of three keys or more are read from the text only if asked (``Evidence.phrases``).
    evidence._folded, evidence._keys = folded, keys
    evidence._longest = MAX_PHRASE_TOKENS if len(keys) <= MAX_WINDOWED_TOKENS else 2
    return evidence


def _windows_shown(
    folded: str,
    keys: list[str],
    run_starts: list[tuple[tuple[str, ...], str, int]],
    longest: int,
) -> set[tuple[str, ...]]:
    """Every window of the keyword line that the text shows, from the scan's run starts.

    A window is a run of up to ``longest`` consecutive keys (the first on its core, the rest
    as followers); from each keyword word followed in its clause by a keyword follower, the run
    grows word by word (the next word, then the clause's next words) while a window matches.
    Only runs that are windows of the keyword line are kept: memory stays bounded by the line,
    however often the text repeats it.
    """
    followers = [follower(k) for k in keys]
    starts: dict[str, list[int]] = {}
    for i, key in enumerate(keys[:-1]):
        starts.setdefault(core(key), []).append(i)
    phrases: set[tuple[str, ...]] = set()
    for first, nxt, after in run_starts:
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
                    i
                    for i in candidates
                    if i + step < len(followers) and followers[i + step] == key
                ]
                if not candidates:
                    break
                run = (*run, key)
                phrases.add(run)
    return phrases


def classify_links(keys: list[str], evidence: Evidence) -> list[Link]:
    """Decide JOIN / CUT / UNKNOWN for each neighbouring pair of keyword keys."""
    cores, followers = _forms(keys, evidence)
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


def _forms(keys: list[str], evidence: Evidence) -> tuple[list[str], list[str]]:
    """The keys' cores and followers: the evidence's own when it was gathered for these keys."""
    if evidence._keys is keys:
        return evidence.cores, evidence.followers
    return [core(k) for k in keys], [follower(k) for k in keys]


def _occurs(keys: list[str], start: int, end: int, evidence: Evidence) -> bool:
    """Whether keys[start:end] occurs contiguously in the text."""
    if end - start < 2:
        return True
    cores, followers = _forms(keys, evidence)
    return evidence.occurs((cores[start], *followers[start + 1 : end]))


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
