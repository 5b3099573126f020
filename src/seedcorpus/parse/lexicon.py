"""Crawl-level keyword evidence: what a whole crawl's tag strips say about phrase boundaries.

One article's text often never mentions its tags, so its strip alone cannot say where one tag
ends. The crawl can: a tag recurs across many strips with varying neighbours. ``KeywordLexicon``
counts, over every strip of a crawl, each token and each pair of neighbouring tokens (on folded
keys), and decides a link from those counts, leaving the article's own strip out of them
(so an article is never its own evidence):

* **join** when the pair recurs far more often than its tokens' popularity explains: the share
  of one token's occurrences that the other sits beside, minus the other's share of all strips
  (a tag a strip holds by chance sits beside it in about that share of strips at most, whether
  the outlet shuffles its tags or keeps them in a stable editorial order);
* **cut** when both tokens recur and the pair does not (a cut that recurs is a cut);
* nothing (``None``) when the crawl has seen too little of them.

An outlet's convention is learnt per ``source``: where nearly every strip of a source is single
words of its title in title order, that source tags words, and its strips are left out of the
pair counts. The lexicon is plain counts, so it is saved as JSON, merged across shards, and its
digest names a dataset cache.

Part of the ``parse`` stage: pure statistics, no files (``crawl/lexicon.py`` reads them).
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from itertools import pairwise
from typing import Any

from .decoding import Line, _utf16_kind, clean_text, decode
from .defects import DefectLog
from .normalize import collapse_spaces, match_key
from .sections import _EARLY_MARKS, _LABEL_STARTS, Section, label_of

#: The lexicon file format's version (``seedcorpus lexicon -o FILE``).
LEXICON_FORMAT = 1
#: A join needs the pair seen beside each other in this many other strips.
MIN_PAIR_COUNT = 2
#: A cut needs each token seen in this many other strips (so a phrase would have recurred).
MIN_TOKEN_COUNT = 3
#: Association (see ``KeywordLexicon.association``) at or above which a pair is one tag ...
JOIN_ASSOCIATION = 0.3
#: ... or the lift (pair count over what independent tags give) at or above which it is one
#: tag: separate tags, shuffled or in a stable order, stand side by side no more than chance ...
JOIN_LIFT = 4.0
#: ... and the association at or below which it is two.
CUT_ASSOCIATION = 0.1
#: A source tags single title words when at least this share of its strips (of at least
#: ``MIN_SOURCE_STRIPS``) are words of the title in title order.
WORD_SOURCE_SHARE = 0.8
MIN_SOURCE_STRIPS = 10
#: A token never seen at a strip edge is inside tags when it would have been expected there at
#: least this many times (by the edge rate): the chance of that by luck is about e^-4.
EDGE_EVIDENCE = 4.0
#: About how many strips of a crawl have their token order sampled (every n-th by a checksum of
#: the strip, so the sample does not depend on how the crawl is split among processes), and
#: the evidence for a stable order: at least ``MIN_ORDER_PAIRS`` co-occurrences, at most this
#: share of them in the minority order.
ORDER_SAMPLE = 3_000
MIN_ORDER_PAIRS = 50
STABLE_ORDER_CROSSINGS = 0.1
_EDGE_PUNCTUATION = "\"'«»“”‘’()[]…,.،:;!?؟-#"
_EDGE_MARKS = re.compile("[" + re.escape(_EDGE_PUNCTUATION) + "]")


def bare(key: str) -> str:
    """A folded word without punctuation at its edges."""
    return key.strip(_EDGE_PUNCTUATION)


def title_word_positions(tokens: list[str], title: str) -> list[int] | None:
    """Where each token stands in the title, when every token is a title word in title order.

    Words compare folded, edge punctuation ignored, no clitic stripped; None when some token is
    not the next such word of the title.
    """
    keys = [bare(k) for k in match_key(" ".join(tokens)).lower().split(" ")]
    return _positions(keys, match_key(title).lower())


def _in_title_order(keys: list[str], folded_title: str) -> bool:
    """``title_word_positions`` on keys and a title already folded (the first pass's hot path)."""
    if keys[0] not in folded_title:  # a substring check rules most strips out at once
        return False
    return _positions(keys, folded_title) is not None


def _positions(keys: list[str], folded_title: str) -> list[int] | None:
    title_words = [bare(w) for w in folded_title.split()]
    positions: list[int] = []
    position = -1
    for key in keys:
        try:
            position = title_words.index(key, position + 1)
        except ValueError:
            return None
        positions.append(position)
    return positions


@dataclass(frozen=True, eq=False)
class KeywordLexicon:
    """Token and neighbour-pair counts over a crawl's tag strips, and each outlet's convention.

    ``tokens`` and ``pairs`` count every strip but a word-tagging source's; ``edge_tokens``,
    ``ends`` and ``starts`` count the strips of sources that do not keep a stable tag order
    (where the last token of a strip ends a tag and the first starts one, in any position).
    Immutable; equal and hashed by content (``digest``), so it can sit in ``ParseOptions``.
    Made by ``seedcorpus.keyword_lexicon``; saved and read as JSON (``to_json``, ``from_json``).

    Attributes:
        strips: how many strips ``tokens`` and ``pairs`` count.
        tokens: folded token -> occurrences (tokens seen once are dropped).
        pairs: (token, next token) -> occurrences side by side (pairs seen once are dropped).
        word_sources: sources whose strips are single title words in title order.
        stable_sources: sources that keep their tags in a stable editorial order.
        edge_strips: how many strips the edge counts see (those of the other sources).
        edge_tokens: folded token -> occurrences in those strips.
        ends: folded token -> times it ended a strip.
        starts: folded token -> times it started a strip.
        ordered_strips: the same four counts over the stable-order sources' strips, where a
            position says less (an early tag rarely ends a strip) ...
        ordered_tokens: ... token occurrences there ...
        ordered_ends: ... strip ends there ...
        ordered_starts: ... and strip starts there.
    """

    strips: int = 0
    tokens: dict[str, int] = field(default_factory=dict)
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    word_sources: frozenset[str] = frozenset()
    stable_sources: frozenset[str] = frozenset()
    edge_strips: int = 0
    edge_tokens: dict[str, int] = field(default_factory=dict)
    ends: dict[str, int] = field(default_factory=dict)
    starts: dict[str, int] = field(default_factory=dict)
    ordered_strips: int = 0
    ordered_tokens: dict[str, int] = field(default_factory=dict)
    ordered_ends: dict[str, int] = field(default_factory=dict)
    ordered_starts: dict[str, int] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        """A short hash of the content, for cache keys."""
        cached: str | None = self.__dict__.get("_digest")
        if cached is None:
            cached = hashlib.sha256(self.to_json().encode()).hexdigest()[:16]
            object.__setattr__(self, "_digest", cached)
        return cached

    def edge_rate(self, ordered: bool = False) -> float:
        """Strip ends per token in edge-counted (or stable-order) strips.

        A lower bound of how often a tag-final token ends its strip (a tag has 1+ tokens).
        """
        name = "_ordered_rate" if ordered else "_edge_rate"
        cached: float | None = self.__dict__.get(name)
        if cached is None:
            tokens, strips = (
                (self.ordered_tokens, self.ordered_strips)
                if ordered
                else (self.edge_tokens, self.edge_strips)
            )
            total = sum(tokens.values())
            cached = strips / total if total else 0.0
            object.__setattr__(self, name, cached)
        return cached

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KeywordLexicon) and self.digest == other.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return (
            f"KeywordLexicon({self.strips} strips, {len(self.tokens)} tokens, "
            f"{len(self.pairs)} pairs, word-tagging sources {sorted(self.word_sources)}, "
            f"stable-order sources {sorted(self.stable_sources)})"
        )

    def tags_words(self, source: str | None) -> bool:
        """Whether the crawl shows this source tagging single title words."""
        return (source or "").strip() in self.word_sources

    def association(
        self, first: str, second: str, own: Counter[str], own_pairs: Counter[tuple[str, str]]
    ) -> float | None:
        """How much more often than chance two keys stand side by side, the article left out.

        ``own`` and ``own_pairs`` are the article's own strip counts, subtracted so an
        article never counts as its own evidence. The larger of ``pair / count(first) -
        share(second)`` and ``pair / count(second) - share(first)``, where ``share`` is a
        token's occurrences per strip; None when a token is too rare to tell.
        """
        strips = self.strips - 1
        count_a = self.tokens.get(first, 0) - own[first]
        count_b = self.tokens.get(second, 0) - own[second]
        if strips < 1 or count_a < 1 or count_b < 1:
            return None
        pair = self.pairs.get((first, second), 0) - own_pairs[(first, second)]
        return max(pair / count_a - count_b / strips, pair / count_b - count_a / strips)

    def lift(self, first: str, second: str, own: Counter[str], pair: int) -> float:
        """How many times more often the pair occurs than if its tokens were independent tags."""
        count_a = self.tokens.get(first, 0) - own[first]
        count_b = self.tokens.get(second, 0) - own[second]
        return pair * (self.strips - 1) / (count_a * count_b) if count_a and count_b else 0.0

    def never_at_edge(
        self, key: str, end: bool, ordered: bool, own_count: int, own_edge: int
    ) -> bool:
        """Whether a token was expected at a strip edge often enough and never stood there.

        Such a token never ends (``end``) or never starts a tag. ``ordered`` asks the counts
        of the stable-order sources; ``own_*`` are the article's own share of them.
        """
        if ordered:
            tokens, edges = self.ordered_tokens, self.ordered_ends if end else self.ordered_starts
        else:
            tokens, edges = self.edge_tokens, self.ends if end else self.starts
        count = tokens.get(key, 0) - own_count
        at_edge = edges.get(key, 0) - own_edge
        return at_edge <= 0 and count * self.edge_rate(ordered) >= EDGE_EVIDENCE

    def decide(
        self,
        keys: list[str],
        index: int,
        own: Counter[str],
        own_pairs: Counter[tuple[str, str]],
        source: str | None = None,
    ) -> bool | None:
        """Whether the link after ``keys[index]`` is inside a tag (True), a cut (False), or open.

        Joined when the pair recurs as a unit (``association``) or when the first token never
        ends a tag / the second never starts one across the crawl; cut when both tokens recur
        and the pair does not; open otherwise.
        """
        first, second = keys[index], keys[index + 1]
        score = self.association(first, second, own, own_pairs)
        pair = self.pairs.get((first, second), 0) - own_pairs[(first, second)]
        if (
            score is not None
            and pair >= MIN_PAIR_COUNT
            and (score >= JOIN_ASSOCIATION or self.lift(first, second, own, pair) >= JOIN_LIFT)
        ):
            return True
        # Edges: where the order is shuffled, a token that never ends a strip never ends a tag
        # (likewise for starts); where it is stable, an early tag rarely ends one, so only a
        # pair whose first never ends and whose second never starts a strip counts.
        mine = (source or "").strip() in self.stable_sources
        ends_a, starts_b = (keys[-1] == first), (keys[0] == second)
        if self.never_at_edge(
            first, True, False, own[first] * (not mine), ends_a * (not mine)
        ) or self.never_at_edge(
            second, False, False, own[second] * (not mine), starts_b * (not mine)
        ):
            return True
        if self.never_at_edge(
            first, True, True, own[first] * mine, ends_a * mine
        ) and self.never_at_edge(second, False, True, own[second] * mine, starts_b * mine):
            return True
        if score is None:
            return None
        rare = min(self.tokens.get(first, 0) - own[first], self.tokens.get(second, 0) - own[second])
        if score <= CUT_ASSOCIATION and rare >= MIN_TOKEN_COUNT:
            return False
        return None

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        """Pickle as its JSON text: one string, fast under ``dill`` too (datasets' workers)."""
        return (KeywordLexicon.from_json, (self.to_json(),))

    def to_json(self) -> str:
        """The lexicon as JSON (sorted, so equal lexicons give equal text); made once."""
        cached: str | None = self.__dict__.get("_json")
        if cached is None:
            cached = self._make_json()
            object.__setattr__(self, "_json", cached)
        return cached

    def _make_json(self) -> str:
        payload: dict[str, Any] = {
            "format": LEXICON_FORMAT,
            "strips": self.strips,
            "word_sources": sorted(self.word_sources),
            "stable_sources": sorted(self.stable_sources),
            "tokens": dict(sorted(self.tokens.items())),
            "pairs": sorted([a, b, n] for (a, b), n in self.pairs.items()),
            "edge_strips": self.edge_strips,
            "edge_tokens": dict(sorted(self.edge_tokens.items())),
            "ends": dict(sorted(self.ends.items())),
            "starts": dict(sorted(self.starts.items())),
            "ordered_strips": self.ordered_strips,
            "ordered_tokens": dict(sorted(self.ordered_tokens.items())),
            "ordered_ends": dict(sorted(self.ordered_ends.items())),
            "ordered_starts": dict(sorted(self.ordered_starts.items())),
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> KeywordLexicon:
        """Read a lexicon written by ``to_json``; a wrong format raises ``ValueError``."""
        try:
            payload = json.loads(text)
            if payload.get("format") != LEXICON_FORMAT:
                raise ValueError(f"lexicon format {payload.get('format')!r}")
            return cls(
                strips=int(payload["strips"]),
                tokens=_counts(payload["tokens"]),
                pairs={(str(a), str(b)): int(n) for a, b, n in payload["pairs"]},
                word_sources=frozenset(map(str, payload["word_sources"])),
                stable_sources=frozenset(map(str, payload["stable_sources"])),
                edge_strips=int(payload["edge_strips"]),
                edge_tokens=_counts(payload["edge_tokens"]),
                ends=_counts(payload["ends"]),
                starts=_counts(payload["starts"]),
                ordered_strips=int(payload["ordered_strips"]),
                ordered_tokens=_counts(payload["ordered_tokens"]),
                ordered_ends=_counts(payload["ordered_ends"]),
                ordered_starts=_counts(payload["ordered_starts"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(
                f"not a seedcorpus keyword lexicon (format {LEXICON_FORMAT}): {exc}; make one "
                "with `seedcorpus lexicon PATH -o FILE`"
            ) from None


def _counts(raw: dict[str, Any]) -> dict[str, int]:
    return {str(key): int(value) for key, value in raw.items()}


def strip_keys(keyword_text: str) -> list[str]:
    """The folded keys of a tag line's tokens, as ``keywords.segment`` compares them."""
    return [bare(k) or k for k in match_key(keyword_text).lower().split()] if keyword_text else []


@dataclass
class _SourceCounts:
    """One source's share of the first pass: its counts, its convention, its edges."""

    strips: int = 0
    title_word_strips: int = 0
    counted_strips: int = 0
    tokens: Counter[str] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
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
    #: Sample the token order of every n-th strip (``order_every_for``).
    order_every: int = 1

    def merge(self, other: LexiconCounter) -> None:
        """Add another counter's counts (a part of the same crawl, counted elsewhere)."""
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
        counts = self.sources.get((source or "").strip())
        if counts is None:
            counts = self.sources[(source or "").strip()] = _SourceCounts()
        if len(keys) >= 2:
            counts.strips += 1
            if _in_title_order(keys, folded_title):
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
        counts.pairs.update(pairwise(keys))
        counts.ends[keys[-1]] += 1
        counts.starts[keys[0]] += 1

    def lexicon(self) -> KeywordLexicon:
        """The counts as a lexicon; keys seen once are dropped (no other strip has them)."""
        tokens: Counter[str] = Counter()
        pairs: Counter[tuple[str, str]] = Counter()
        unordered: tuple[Counter[str], ...] = (Counter(), Counter(), Counter())
        ordered: tuple[Counter[str], ...] = (Counter(), Counter(), Counter())
        strips_of = [0, 0]  # edge-counted strips: [shuffled sources, stable-order sources]
        strips = 0
        word_sources, stable_sources = set(), set()
        for name, counts in self.sources.items():
            tokens.update(counts.tokens)
            pairs.update(counts.pairs)
            strips += counts.counted_strips
            if counts.tags_words():
                word_sources.add(name)
            else:
                tokens.update(counts.held_tokens)
                pairs.update(counts.held_pairs)
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


#: The source and keyword label lines as the parser's labels read them (``sections._LABELS``),
#: found by a plain search for their key word then one match at that line's start; a file
#: they miss (a label with a mark inside, one before the title) is read line by line through
#: the parser's own labeller instead.
_SOURCE_LINE = re.compile(r"[^\S\n]*المصدر[^\S\n]*:(.*)")
_KEYWORDS_LINE = re.compile(r"[^\S\n]*(?:ال)?كلمات[^\S\n]+(?:ال)?دلالي[ةه][^\S\n]*:(.*)")


def _label_line(
    text: str, word: str, pattern: re.Pattern[str], end: int | None = None
) -> re.Match[str] | None:
    """The first line (before ``end``) that ``pattern`` matches from its start, via ``word``."""
    stop = len(text) if end is None else end
    at = text.find(word, 0, stop)
    while at >= 0:
        found = pattern.match(text, text.rfind("\n", 0, at) + 1, stop)
        if found is not None:
            return found
        at = text.find(word, at + 1, stop)
    return None


def tag_line_of(data: bytes) -> tuple[str, str, str | None]:
    """(keyword text, title, source) of one article file, read without a full parse.

    Only three lines are decoded, found in the bytes: the first non-blank line, the tag line
    and the source line before it. A file the byte search cannot read the way the parser does
    (UTF-16, CR line endings, no tag line found) is decoded whole, and when even that misses,
    read line by line through the parser's own labeller.
    """
    if b"\r" in data or _utf16_kind(data) is not None:
        return _tag_line_of_text(clean_text(decode(data, DefectLog()), DefectLog()))
    keywords, start = _label_line_in(data, _KEYWORDS_WORD, _KEYWORDS_LINE, len(data))
    if keywords is None:
        return _tag_line_of_text(clean_text(decode(data, DefectLog()), DefectLog()))
    source, _ = _label_line_in(data, _SOURCE_WORD, _SOURCE_LINE, start)
    title = ""
    position = 0
    while position < len(data) and not title:
        end = data.find(b"\n", position)
        end = len(data) if end < 0 else end
        title = _decoded_line(data, position, end).strip()
        position = end + 1
    if label_of(Line(1, title)) is not None:
        return _tag_line_of_text(clean_text(decode(data, DefectLog()), DefectLog()))
    return (
        collapse_spaces(keywords.group(1)),
        title,
        (source.group(1).strip() or None) if source else None,
    )


_KEYWORDS_WORD = "كلمات".encode()
_SOURCE_WORD = "المصدر".encode()


def _decoded_line(data: bytes, start: int, end: int) -> str:
    """One line of a UTF-8 file, decoded and cleaned as the parser decodes the whole file."""
    codec = "utf-8-sig" if start == 0 else "utf-8"
    return clean_text(data[start:end].decode(codec, errors="replace"), DefectLog())


def _label_line_in(
    data: bytes, word: bytes, pattern: re.Pattern[str], stop: int
) -> tuple[re.Match[str] | None, int]:
    """The first line before ``stop`` that ``pattern`` matches, found by ``word``, and its start."""
    at = data.find(word, 0, stop)
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        found = pattern.match(_decoded_line(data, start, end))
        if found is not None:
            return found, start
        at = data.find(word, end, stop)
    return None, stop


def _tag_line_of_text(text: str) -> tuple[str, str, str | None]:
    """``tag_line_of`` on a whole decoded text (the rare files the byte search cannot read)."""
    keywords = _label_line(text, "كلمات", _KEYWORDS_LINE)
    if keywords is None:
        return _scan_lines(text)
    source = _label_line(text, "المصدر", _SOURCE_LINE, keywords.start())
    head = text.lstrip()
    title = head[: head.find("\n")] if "\n" in head else head
    title = title.strip()
    if label_of(Line(1, title)) is not None:
        return _scan_lines(text)
    return (
        collapse_spaces(keywords.group(1)),
        title,
        (source.group(1).strip() or None) if source else None,
    )


def _scan_lines(text: str) -> tuple[str, str, str | None]:
    """``tag_line_of`` the slow way: every line through the parser's labeller."""
    title = ""
    source: str | None = None
    keywords = ""
    seen_keywords = False
    first = True
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped:
            continue
        # The labeller's own cheap test first: most lines are body text.
        maybe = stripped.startswith(_LABEL_STARTS) or _EARLY_MARKS.search(stripped[:8])
        labelled = label_of(Line(number, stripped)) if maybe else None
        if first:  # the title is the first non-blank line, unless that is a label
            first = False
            if labelled is None:
                title = stripped
                continue
        if labelled is None:
            continue
        if labelled.section is Section.SOURCE and source is None:
            source = labelled.value or None
        elif labelled.section is Section.KEYWORDS and not seen_keywords:
            keywords, seen_keywords = collapse_spaces(labelled.value), True
        elif labelled.section is Section.READ_ALSO:
            break
    return keywords, title, source
