"""Counting a crawl's tag strips into a ``KeywordLexicon``: one pass, sums that merge.

``LexiconCounter.add`` takes one article's tag line, title and source; per source it keeps
token, pair and strip-edge counts, whether the strip is title words in title order, and (on a
checksum sample of strips) the order of tokens that share a strip. ``lexicon()`` then learns
each source's convention and returns the lexicon.

Every token is counted as one shared string (``LexiconCounter.token_copies``), and pairs are made of
those strings; each counter keeps the first tuple of each pair. A crawl's tag lines use a few
hundred words, and a fresh string per strip made the counts grow with the crawl (112 MiB at
100,000 articles); sharing tokens as they are counted costs a dict lookup each, where re-keying
whole counters afterwards cost a third of the pass.

Part of the ``parse`` stage (pure statistics).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from itertools import pairwise
from typing import Any

from .lexicon import (
    _EDGE_PUNCTUATION,
    MIN_ORDER_PAIRS,
    MIN_SOURCE_STRIPS,
    ORDER_SAMPLE,
    STABLE_ORDER_CROSSINGS,
    WORD_SOURCE_SHARE,
    KeywordLexicon,
    bare,
    in_title_order,
)
from .normalize import match_key

_EDGE_MARKS = re.compile("[" + re.escape(_EDGE_PUNCTUATION) + "]")


@dataclass
class _SourceCounts:
    """One source's share of the first pass: its counts, its convention, its edges.

    Its counted pairs are summed over every source (``LexiconCounter.pairs``): the lexicon
    needs only their total, and a dict of pairs per source made the count's memory grow
    with the crawl (five sources held five copies of nearly every pair).
    """

    strips: int = 0
    title_word_strips: int = 0
    counted_strips: int = 0
    tokens: Counter[str] = field(default_factory=Counter)
    ends: Counter[str] = field(default_factory=Counter)
    starts: Counter[str] = field(default_factory=Counter)
    held_strips: int = 0
    held_tokens: Counter[str] = field(default_factory=Counter)
    held_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    order: Counter[tuple[str, str]] = field(default_factory=Counter)

    def tags_words(self) -> bool:
        """Whether nearly every strip of the source is single title words in title order."""
        return (
            self.strips >= MIN_SOURCE_STRIPS
            and self.title_word_strips >= WORD_SOURCE_SHARE * self.strips
        )

    def keeps_order(self) -> bool:
        """Whether tokens that share strips (not side by side) nearly always come in one order."""
        both = crossed = 0
        for (a, b), forward in self.order.items():
            backward = self.order.get((b, a), 0)
            if (backward and a > b) or forward + backward < 2:
                continue  # each unordered pair once (from its first key), and seen twice
            both += forward + backward
            crossed += min(forward, backward)
        return both >= MIN_ORDER_PAIRS and crossed <= STABLE_ORDER_CROSSINGS * both


@dataclass
class LexiconCounter:
    """Accumulates strips into a ``KeywordLexicon`` (one pass, memory linear in distinct keys)."""

    sources: dict[str, _SourceCounts] = field(default_factory=dict)
    #: (token, next token) -> occurrences in counted strips, every source's together.
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Sample the token order of every n-th strip (``order_every_for``).
    order_every: int = 1
    #: The one copy of every token counted: every key, and every pair's two tokens, is it.
    token_copies: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without ``token_copies``: the counts already hold each token once."""
        return {**self.__dict__, "token_copies": {}}

    def merge(self, other: LexiconCounter) -> None:
        """Add another counter's counts (a part of the same crawl, counted elsewhere)."""
        self.pairs.update(other.pairs)
        for name, theirs in other.sources.items():
            mine = self.sources.setdefault(name, _SourceCounts())
            for item in fields(_SourceCounts):
                value = getattr(theirs, item.name)
                if isinstance(value, Counter):
                    getattr(mine, item.name).update(value)
                else:
                    setattr(mine, item.name, getattr(mine, item.name) + value)

    def add(self, keyword_text: str, title: str = "", source: str | None = None) -> None:
        """Count one article's tag line (as written), with its title and source."""
        if not keyword_text:
            return
        folded_title, _, folded = match_key(f"{title}\n{keyword_text}").lower().partition("\n")
        keys = folded.split()
        if not keys:
            return
        if _EDGE_MARKS.search(folded):
            keys = [bare(k) or k for k in keys]
        shared = self.token_copies.setdefault  # the one copy of each token, as it is counted
        keys = [shared(k, k) for k in keys]
        counts = self.sources.get((source or "").strip())
        if counts is None:
            counts = self.sources[(source or "").strip()] = _SourceCounts()
        if len(keys) >= 2:
            counts.strips += 1
            if in_title_order(keys, folded_title):
                counts.title_word_strips += 1
                counts.held_strips += 1
                counts.held_tokens.update(keys)
                counts.held_pairs.update(pairwise(keys))
                return
            if self.order_every == 1 or zlib.crc32(folded.encode()) % self.order_every == 0:
                # The end tokens of a strip belong to its first and last tags: compared with
                # tokens two or more places away, they are mostly pairs of different tags.
                last = len(keys) - 1
                counts.order.update((keys[0], keys[j]) for j in range(2, last + 1))
                counts.order.update((keys[i], keys[last]) for i in range(1, last - 1))
        counts.counted_strips += 1
        counts.tokens.update(keys)
        self.pairs.update(pairwise(keys))
        counts.ends[keys[-1]] += 1
        counts.starts[keys[0]] += 1

    def lexicon(self) -> KeywordLexicon:
        """The counts as a lexicon; keys seen once are dropped (no other strip has them)."""
        tokens: Counter[str] = Counter()
        held_pairs: Counter[tuple[str, str]] = Counter()
        unordered: tuple[Counter[str], ...] = (Counter(), Counter(), Counter())
        ordered: tuple[Counter[str], ...] = (Counter(), Counter(), Counter())
        strips_of = [0, 0]  # edge-counted strips: [shuffled sources, stable-order sources]
        strips = 0
        word_sources, stable_sources = set(), set()
        for name, counts in self.sources.items():
            tokens.update(counts.tokens)
            strips += counts.counted_strips
            if counts.tags_words():
                word_sources.add(name)
            else:
                tokens.update(counts.held_tokens)
                held_pairs.update(counts.held_pairs)
                strips += counts.held_strips
            stable = counts.keeps_order()
            if stable:
                stable_sources.add(name)
            edges = ordered if stable else unordered
            edges[0].update(counts.tokens)
            edges[1].update(counts.ends)
            edges[2].update(counts.starts)
            strips_of[stable] += counts.counted_strips
        kept = {k: n for k, n in tokens.items() if n >= 2}
        pairs = self.pairs
        if held_pairs:  # a copy only when held strips count (the counter stays as it was)
            pairs = pairs.copy()
            pairs.update(held_pairs)

        def pruned(counts: Counter[str]) -> dict[str, int]:
            return {k: n for k, n in counts.items() if k in kept}

        return KeywordLexicon(
            strips=strips,
            tokens=kept,
            pairs={k: n for k, n in pairs.items() if n >= 2},
            word_sources=frozenset(word_sources),
            stable_sources=frozenset(stable_sources),
            edge_strips=strips_of[False],
            edge_tokens=pruned(unordered[0]),
            ends=pruned(unordered[1]),
            starts=pruned(unordered[2]),
            ordered_strips=strips_of[True],
            ordered_tokens=pruned(ordered[0]),
            ordered_ends=pruned(ordered[1]),
            ordered_starts=pruned(ordered[2]),
        )


def order_every_for(files: int) -> int:
    """How sparsely a crawl of this many files samples token order (about ``ORDER_SAMPLE``)."""
    return max(1, files // ORDER_SAMPLE)


def build_lexicon(strips: Iterable[tuple[str, str, str | None]]) -> KeywordLexicon:
    """A lexicon from (keyword text, title, source) triples, one per article."""
    counter = LexiconCounter()
    for keyword_text, title, source in strips:
        counter.add(keyword_text, title, source)
    return counter.lexicon()
