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

Part of the ``parse`` stage: pure statistics (``tag_lines`` reads a file's tag line,
``crawl/corpus.py`` a whole crawl's).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from .normalize import match_key

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


def bare(key: str) -> str:
    """A folded word without punctuation at its edges."""
    return key.strip(_EDGE_PUNCTUATION)


def title_word_positions(tokens: list[str], title: str) -> list[int] | None:
    """Where each token stands in the title, when every token is a title word in title order.

    Words compare folded, edge punctuation ignored, no clitic stripped; None when some token is
    not the next such word of the title.
    """
    keys = [bare(k) for k in match_key(" ".join(tokens)).lower().split(" ")]
    folded_title = match_key(title).lower()
    if keys[0] not in folded_title:  # a substring check rules most strips out at once
        return None
    return _positions(keys, folded_title)


def in_title_order(keys: list[str], folded_title: str) -> bool:
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

    # A plain class, not a dataclass: tools that turn options into JSON through
    # ``dataclasses.asdict`` (datatrove's executor dumps its steps so) would otherwise copy
    # ``pairs``, whose tuple keys JSON cannot hold, and fail; this way they see its repr.
    strips: int
    tokens: dict[str, int]
    pairs: dict[tuple[str, str], int]
    word_sources: frozenset[str]
    stable_sources: frozenset[str]
    edge_strips: int
    edge_tokens: dict[str, int]
    ends: dict[str, int]
    starts: dict[str, int]
    ordered_strips: int
    ordered_tokens: dict[str, int]
    ordered_ends: dict[str, int]
    ordered_starts: dict[str, int]

    def __init__(
        self,
        *,
        strips: int = 0,
        tokens: dict[str, int] | None = None,
        pairs: dict[tuple[str, str], int] | None = None,
        word_sources: frozenset[str] = frozenset(),
        stable_sources: frozenset[str] = frozenset(),
        edge_strips: int = 0,
        edge_tokens: dict[str, int] | None = None,
        ends: dict[str, int] | None = None,
        starts: dict[str, int] | None = None,
        ordered_strips: int = 0,
        ordered_tokens: dict[str, int] | None = None,
        ordered_ends: dict[str, int] | None = None,
        ordered_starts: dict[str, int] | None = None,
    ) -> None:
        given = {
            "strips": strips,
            "tokens": tokens or {},
            "pairs": pairs or {},
            "word_sources": word_sources,
            "stable_sources": stable_sources,
            "edge_strips": edge_strips,
            "edge_tokens": edge_tokens or {},
            "ends": ends or {},
            "starts": starts or {},
            "ordered_strips": ordered_strips,
            "ordered_tokens": ordered_tokens or {},
            "ordered_ends": ordered_ends or {},
            "ordered_starts": ordered_starts or {},
        }
        for name, value in given.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"KeywordLexicon is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"KeywordLexicon is immutable; cannot delete {name!r}")

    @property
    def digest(self) -> str:
        """A short hash of the content, for cache keys.

        Made from the JSON text without keeping it (a stream needs the key, not the text,
        which is as large as the lexicon and grows with the crawl); ``to_json`` keeps it.
        """
        cached: str | None = self.__dict__.get("_digest")
        if cached is None:
            text = self.__dict__.get("_json") or self._make_json()
            cached = hashlib.sha256(text.encode()).hexdigest()[:16]
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
