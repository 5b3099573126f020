"""The two keyword scans (search core by core, and word by word) find the same words.

``keyword_scan`` picks the search for ordinary keyword lines and the word-by-word scan for
huge ones; the evidence must not depend on which one ran.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from seedcorpus.parse.keyword_scan import Hit, _searched, _streamed, clause_words, hits, next_word

# Letters that form proclitics and cores, other letters, punctuation, a symbol that is no word
# character, a hyphen, white space of several kinds, and the newline that ends a text.
_ALPHABET = "والبكفلمنست" + "1_" + "-" + "،.:!؟" + "\u00a9" + "  \t\u00a0" + "\n"
_TEXTS = st.text(alphabet=_ALPHABET, max_size=120)
_CORES = st.sets(st.text(alphabet="والبكفلمنست-1©", min_size=0, max_size=5), max_size=8)


def _per_core(found: list[Hit]) -> list[tuple[str, int]]:
    """Hits as (core, end) pairs in order (the scans order them differently)."""
    return sorted((core, end) for cores, end in found for core in cores)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, cores=_CORES, words=st.lists(st.integers(0, 30), max_size=4))
def test_search_and_word_scan_agree(text: str, cores: set[str], words: list[int]) -> None:
    # Cores taken from the text itself make hits likely; the rest are free strings.
    tokens = text.split()
    cores |= {tokens[i % len(tokens)] for i in words} if tokens else set()
    assert _per_core(_searched(text, cores)) == _per_core(_streamed(text, cores))


def test_a_word_behind_proclitics_is_found_and_a_longer_word_is_not() -> None:
    text = "وبالاقتصاد قوي، السوق\nالاقتصادي"
    assert _per_core(hits(text, {"اقتصاد"})) == [("اقتصاد", len("وبالاقتصاد"))]


def test_punctuation_separates_and_a_newline_ends_the_text() -> None:
    text = "مصر، السودان\nمصر\nالسودان"
    first, second = sorted(end for _, end in hits(text, {"مصر"}))
    assert next_word(text, first)[:2] == ("السودان", True)
    assert next_word(text, second)[:2] == (None, False)


def test_the_clause_words_stop_at_punctuation() -> None:
    text = "مصر الجديدة اليوم. غدا"
    [(_, end)] = hits(text, {"مصر"})
    word, separated, after = next_word(text, end)
    assert (word, separated, list(clause_words(text, after))) == ("الجديدة", False, ["اليوم"])
