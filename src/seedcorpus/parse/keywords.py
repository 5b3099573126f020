"""Step 3b: recover keyword phrase boundaries lost when the page's tag links were flattened.

Each link between neighbouring tag tokens is decided by the strongest evidence that speaks to
it, and every phrase records which kind that was (``KeywordEvidence``):

1. **text**: the article's own title and body (``keyword_evidence``: adjacent and never
   separated joins; punctuation, a conjunction clitic, or both mentioned but never adjacent
   cuts; a joined run must occur whole), explicit delimiters in the strip itself (a comma, a
   hashtag), and a strip of single title words;
2. **crawl**: what the whole crawl's strips say (``lexicon.KeywordLexicon``): recurring pairs
   join, pairs whose tokens recur apart cut, a source that tags title words keeps words; also
   phrases other articles' texts settle (``known_phrases``). Strong crawl evidence also
   overrides the text's weakest cut (both mentioned, never side by side);
3. **guess**: a small grammatical prior for what nothing settles: a definite word then an
   indefinite one ends a phrase (`الكرملين | تاس`); an indefinite word then a definite one is an
   idafa (`أفلام الفنانة`), unless the first is a number or a Latin word; a modifier that cannot
   start a tag (`غير`, a number, a nisba adjective agreeing with a definite word before it)
   stays with the word before (`غير` and a number even where the text only mentions both
   apart); otherwise a guess never extends a phrase the text confirms.

A phrase is ``guess`` when any link it rests on (inside it or at its edges) was guessed,
``crawl`` when one came from the crawl, ``text`` otherwise. Matching folds spelling variants
(``match_key``); the output phrases are the input tokens as written (a hashtag without its
`#`), so joining them with single spaces gives the keyword text back, less the `#` marks.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import pairwise

from ..models import KeywordEvidence
from .keyword_evidence import (
    _SEPARATOR_END,
    MAX_PHRASE_TOKENS,
    Evidence,
    Link,
    classify_links,
    confirm_runs,
    core,
    follower,
    gather_evidence,
)
from .lexicon import MIN_PAIR_COUNT, KeywordLexicon, bare, title_word_positions
from .normalize import match_key

__all__ = [
    "Evidence",
    "KeywordEvidence",
    "Link",
    "Segmentation",
    "classify_links",
    "core",
    "corpus_lexicon",
    "evidenced_phrases",
    "gather_evidence",
    "is_title_word_strip",
    "known_phrase_key",
    "segment",
    "segment_keywords",
]

_DEFINITE = ("ال", "لل", "بال", "وال", "فال", "كال")
#: Words that continue a noun phrase after a definite word: prepositions, `باسم` and the like.
_CONTINUERS = frozenset(
    ["باسم", "في", "من", "على", "عن", "الى", "مع", "لدى", "لشؤون", "ضد", "حول", "عند", "بين"]
)
#: Words that modify the word before them and never start a tag (`الأسلحة غير التقليدية`).
_BOUND_MODIFIERS = frozenset(["غير", "ضد", "عبر", "دون", "بلا"])
HASHTAG = "#"

TEXT, CRAWL, GUESS = KeywordEvidence.TEXT, KeywordEvidence.CRAWL, KeywordEvidence.GUESS


def is_definite(key: str) -> bool:
    """Whether a token carries the definite article, possibly behind a proclitic."""
    return len(key) > 3 and key.startswith(_DEFINITE)


def is_number_or_latin(key: str) -> bool:
    """Whether a token is a number (`2024`, `٢١`) or a Latin word (`G20`): never an idafa head."""
    return bool(key) and key.isascii() and key.isalnum()


def ends_noun_phrase(first: str, second: str) -> bool:
    """Whether grammar puts a phrase boundary between two keys (`الشمالي | كيم`).

    A definite word followed by one that is neither definite, a number, nor a preposition: an
    Arabic noun phrase cannot continue that way: an adjective after a definite noun is
    definite too, and an idafa's first term never carries the article.
    """
    return (
        is_definite(first)
        and not is_definite(second)
        and not second[:1].isdigit()
        and second not in _CONTINUERS
    )


def bound_to_previous(first: str, second: str) -> bool:
    """Whether ``second`` is bound to ``first`` whatever the text's spacing says.

    `غير` and its like (and the word they govern), and a number after a word, as in model
    numbers and years (`بلايستيشن 5`, `أولمبياد باريس 2024`): such a word never starts a tag.
    """
    if second in _BOUND_MODIFIERS or first in _BOUND_MODIFIERS:
        return True
    return second.isdigit() and not first.isdigit()


def cannot_start_tag(first: str, second: str) -> bool:
    """Whether ``second`` modifies ``first`` and so never opens a tag of its own.

    ``bound_to_previous``, or a definite nisba adjective after a definite word
    (`الأسلحة | التقليدية`, agreeing in definiteness).
    """
    if bound_to_previous(first, second):
        return True
    nisba = second.endswith(("يه", "ي")) and len(second) > 5
    return is_definite(first) and is_definite(second) and nisba


@dataclass(frozen=True)
class Segmentation:
    """Phrases recovered from a tag line, and what each rests on (same order, same length)."""

    phrases: list[str]
    evidence: list[KeywordEvidence]


def segment(
    tokens: list[str],
    texts: Iterable[str],
    known_phrases: Collection[tuple[str, ...]] = (),
    title: str | None = None,
) -> list[str]:
    """Group keyword tokens into phrases using the texts as evidence; returns the phrases."""
    return segment_keywords(tokens, texts, known_phrases=known_phrases, title=title).phrases


def segment_keywords(
    tokens: list[str],
    texts: Iterable[str],
    *,
    known_phrases: Collection[tuple[str, ...]] = (),
    title: str | None = None,
    lexicon: KeywordLexicon | None = None,
    source: str | None = None,
) -> Segmentation:
    """Group keyword tokens into phrases: the text, then the crawl, then a guess.

    ``title`` (also among ``texts``) lets a strip of single title words be recognised;
    ``lexicon`` and ``source`` bring the crawl's evidence (see the module docstring).
    """
    if not tokens:
        return Segmentation([], [])
    if title is not None:
        positions = title_word_positions(tokens, title)  # folded once, asked twice
        if _is_strip(tokens, positions):
            return Segmentation([t.lstrip(HASHTAG) for t in tokens], [TEXT] * len(tokens))
        words = lexicon is not None and lexicon.tags_words(source)
        if words and positions is not None:
            return Segmentation([t.lstrip(HASHTAG) for t in tokens], [CRAWL] * len(tokens))
    if len(tokens) == 1:  # no link to decide: the one token is the phrase, resting on the text
        phrase = tokens[0].lstrip(HASHTAG)
        return Segmentation([phrase], [TEXT]) if phrase else Segmentation([], [])
    links, bases = _decide(tokens, list(texts), known_phrases, lexicon, source)
    return _phrases(tokens, links, bases)


#: A strip of single-word tags has at least this many tokens, and skips title words at least
#: this many times (one skip is a human's phrase pair: `دونالد ترامب | البيت الأبيض`).
MIN_STRIP_TOKENS = 3
MIN_STRIP_GAPS = 2


def is_title_word_strip(tokens: list[str], title: str) -> bool:
    """Whether the tag line is single words picked from the title, as some CMSs make it.

    Every token is a word of the title exactly as written there (spelling-folded, edge
    punctuation ignored, no clitic stripped), the tokens follow the title's order, and the
    strip skips title words in at least ``MIN_STRIP_GAPS`` places. Measured on the test and
    real-world gold sets: it fires on the one CMS strip there and on no person's tag line.
    """
    if len(tokens) < MIN_STRIP_TOKENS:
        return False
    return _is_strip(tokens, title_word_positions(tokens, title))


def _is_strip(tokens: list[str], positions: list[int] | None) -> bool:
    """``is_title_word_strip`` given the tokens' title positions (None: not all title words)."""
    if len(tokens) < MIN_STRIP_TOKENS or positions is None:
        return False
    return sum(b > a + 1 for a, b in pairwise(positions)) >= MIN_STRIP_GAPS


def _keys(tokens: list[str]) -> list[str]:
    """One folded key per token (a hashtag's `#` dropped, so `#مصر` matches `مصر`)."""
    return [bare(k) or k for k in match_key(" ".join(tokens)).lower().split(" ")]


def _text_links(tokens: list[str], texts: Iterable[str]) -> tuple[list[str], list[Link]]:
    """Keys and the links the text decides (runs that never occur whole already split)."""
    keys, links, _ = _text_evidence(tokens, texts)
    return keys, links


def _text_evidence(
    tokens: list[str], texts: Iterable[str]
) -> tuple[list[str], list[Link], list[bool]]:
    """Keys, the links the text decides, and which cuts are weak (mentioned, never adjacent)."""
    keys = _keys(tokens)
    evidence = gather_evidence(texts, keys)
    links = classify_links(keys, evidence)
    weak = [False] * len(links)
    for i, link in enumerate(links):
        first, second = tokens[i], tokens[i + 1]
        if first.endswith(_SEPARATOR_END) or first[:1] == HASHTAG or second[:1] == HASHTAG:
            links[i] = Link.CUT
        elif link is Link.CUT and not evidence.separated.get(
            (core(keys[i]), follower(keys[i + 1]))
        ):
            weak[i] = True
    confirm_runs(keys, links, evidence)
    return keys, links, weak


def evidenced_phrases(tokens: list[str], texts: Iterable[str]) -> list[str]:
    """The phrases the text and the definite-article boundary settle, with no guess in them."""
    if not tokens:
        return []
    keys, links = _text_links(tokens, texts)
    for i, link in enumerate(links):  # grammar settles a boundary the text leaves open
        if link is Link.UNKNOWN and ends_noun_phrase(keys[i], keys[i + 1]):
            links[i] = Link.CUT
    decided = [Link.CUT if link is Link.UNKNOWN else link for link in links]
    out: list[str] = []
    start = 0
    for end in range(1, len(tokens) + 1):
        if end < len(tokens) and decided[end - 1] is Link.JOIN:
            continue
        edges = links[max(0, start - 1) : end]
        if Link.UNKNOWN not in edges:
            out.append(" ".join(tokens[start:end]))
        start = end
    return out


def _decide(
    tokens: list[str],
    texts: list[str],
    known_phrases: Collection[tuple[str, ...]],
    lexicon: KeywordLexicon | None,
    source: str | None = None,
) -> tuple[list[Link], list[KeywordEvidence]]:
    """Every link JOIN or CUT, with the kind of evidence that decided it."""
    keys, links, weak = _text_evidence(tokens, texts)
    bases = [TEXT if link is not Link.UNKNOWN else GUESS for link in links]
    confirmed = _confirmed_tokens(links)
    if lexicon is not None:
        _settle_by_crawl(keys, links, bases, weak, lexicon, source)
    _settle_known(keys, links, bases, known_phrases)
    for i, link in enumerate(links):  # a text that merely never shows them side by side
        weak_cut = link is Link.CUT and weak[i] and bases[i] is TEXT
        if weak_cut and bound_to_previous(keys[i], keys[i + 1]):
            links[i], bases[i] = Link.UNKNOWN, GUESS
    for i, link in enumerate(links):
        if link is Link.UNKNOWN:
            links[i] = _guess(keys[i], keys[i + 1], confirmed[i] or confirmed[i + 1])
    return links, bases


def _guess(first: str, second: str, extends_confirmed: bool) -> Link:
    """The grammatical prior for a link no evidence settles."""
    if cannot_start_tag(first, second):
        return Link.JOIN
    if ends_noun_phrase(first, second):
        return Link.CUT
    if is_definite(second) and not is_definite(first):  # an idafa, unless no noun heads it
        return Link.CUT if is_number_or_latin(first) else Link.JOIN
    return Link.CUT if extends_confirmed else Link.JOIN


def _settle_by_crawl(
    keys: list[str],
    links: list[Link],
    bases: list[KeywordEvidence],
    weak: list[bool],
    lexicon: KeywordLexicon,
    source: str | None,
) -> None:
    """Let the crawl decide links the text left open, and overturn the text's weak cuts."""
    own: Counter[str] | None = None
    own_pairs: Counter[tuple[str, str]] = Counter()
    for i, link in enumerate(links):
        # Only a pair the crawl has seen as a unit elsewhere overturns a weak text cut.
        recurs = lexicon.pairs.get((keys[i], keys[i + 1]), 0) >= 1 + MIN_PAIR_COUNT
        if link is not Link.UNKNOWN and not (weak[i] and recurs):
            continue
        if own is None:
            own, own_pairs = Counter(keys), Counter(pairwise(keys))
        decided = lexicon.decide(keys, i, own, own_pairs, source)
        if decided is None or (link is Link.CUT and not decided):
            continue
        links[i] = Link.JOIN if decided else Link.CUT
        bases[i] = CRAWL


def _confirmed_tokens(links: list[Link]) -> list[bool]:
    """For each token, whether it lies in a text-confirmed multi-word phrase (a JOIN run)."""
    confirmed = [False] * (len(links) + 1)
    for i, link in enumerate(links):
        if link is Link.JOIN:
            confirmed[i] = confirmed[i + 1] = True
    return confirmed


def _settle_known(
    keys: list[str],
    links: list[Link],
    bases: list[KeywordEvidence],
    known_phrases: Collection[tuple[str, ...]],
) -> None:
    """Let phrases known from elsewhere in a corpus decide links the text left unknown."""
    if not known_phrases:
        return
    for start in range(len(keys)):
        for end in range(min(len(keys), start + MAX_PHRASE_TOKENS), start, -1):
            inside = links[start : end - 1]
            if Link.CUT in inside or tuple(keys[start:end]) not in known_phrases:
                continue
            for i in range(start, end - 1):
                if links[i] is Link.UNKNOWN:
                    links[i], bases[i] = Link.JOIN, CRAWL
            for edge in (start - 1, end - 1):
                if 0 <= edge < len(links) and links[edge] is Link.UNKNOWN:
                    links[edge], bases[edge] = Link.CUT, CRAWL
            break


def _phrases(tokens: list[str], links: list[Link], bases: list[KeywordEvidence]) -> Segmentation:
    """Join tokens with single spaces between JOIN links; a phrase rests on its weakest link."""
    phrases: list[str] = []
    evidence: list[KeywordEvidence] = []
    start = 0
    for end in range(1, len(tokens) + 1):
        if end < len(tokens) and links[end - 1] is Link.JOIN:
            continue
        around = bases[max(0, start - 1) : end]
        phrase = " ".join(t.lstrip(HASHTAG) for t in tokens[start:end])
        if phrase:
            phrases.append(phrase)
            evidence.append(GUESS if GUESS in around else CRAWL if CRAWL in around else TEXT)
        start = end
    return Segmentation(phrases, evidence)


def known_phrase_key(phrase: str) -> tuple[str, ...]:
    """The folded token tuple under which a phrase is looked up in ``known_phrases``."""
    return tuple(match_key(phrase).split())


def corpus_lexicon(
    articles: Iterable[tuple[str, list[str]]], *, min_count: int = 1
) -> frozenset[tuple[str, ...]]:
    """Phrases some article's own text settles, as ``known_phrases`` keys for a second pass.

    ``articles`` yields (keyword text, evidence texts) pairs. Only evidenced phrases count, so a
    guess made in one article never becomes evidence for another; ``min_count`` asks for a
    phrase to be settled in that many articles.
    """
    counts: Counter[tuple[str, ...]] = Counter()
    for keyword_text, texts in articles:
        tokens = keyword_text.split(" ") if keyword_text else []
        counts.update({known_phrase_key(p) for p in evidenced_phrases(tokens, texts)})
    return frozenset(key for key, count in counts.items() if count >= min_count)
