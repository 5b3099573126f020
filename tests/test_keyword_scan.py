"""The two keyword scans (search core by core, and word by word) give the same answers.

``keyword_scan`` picks the search for ordinary keyword lines and the word-by-word scan for
huge ones; the evidence must not depend on which one ran.
"""

from __future__ import annotations

from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from seedcorpus.parse.keyword_scan import Match, _searched, _streamed, scan

# Letters that form proclitics and cores, other letters, punctuation, a symbol that is no word
# character, a hyphen, white space of several kinds, and the newline that ends a text.
_ALPHABET = "والبكفلمنست" + "1_" + "-" + "،.:!؟" + "\u00a9" + "  \t\u00a0" + "\n"
_TEXTS = st.text(alphabet=_ALPHABET, max_size=120)
_CORES = st.sets(st.text(alphabet="والبكفلمنست-1©", min_size=0, max_size=5), max_size=8)


def _answers(matches: Iterable[Match]) -> list[tuple[tuple[str, ...], str | None, bool, list[str]]]:
    """Each match with its remaining clause words drawn, sorted (the scans' orders differ)."""
    flat = [(cores, nxt, separated, list(rest)) for cores, nxt, separated, rest in matches]
    per_core = [((c,), nxt, sep, rest) for cores, nxt, sep, rest in flat for c in cores]
    return sorted(per_core, key=repr)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, cores=_CORES, words=st.lists(st.integers(0, 30), max_size=4))
def test_search_and_word_scan_agree(text: str, cores: set[str], words: list[int]) -> None:
    # Cores taken from the text itself make hits likely; the rest are free strings.
    tokens = text.split()
    cores |= {tokens[i % len(tokens)] for i in words} if tokens else set()
    assert _answers(_searched(text, cores)) == _answers(_streamed(text, cores))


def test_a_word_behind_proclitics_is_found_and_a_longer_word_is_not() -> None:
    text = "وبالاقتصاد قوي، السوق\nالاقتصادي"
    found = _answers(scan(text, {"اقتصاد"}))
    assert found == [(("اقتصاد",), "قوي", False, [])]


def test_punctuation_separates_and_a_newline_ends_the_text() -> None:
    found = _answers(scan("مصر، السودان\nمصر\nالسودان", {"مصر"}))
    assert sorted(found, key=lambda match: match[2]) == [
        (("مصر",), None, False, []),
        (("مصر",), "السودان", True, []),
    ]


def test_the_clause_rest_stops_at_punctuation() -> None:
    found = _answers(scan("مصر الجديدة اليوم. غدا", {"مصر"}))
    assert found == [(("مصر",), "الجديدة", False, ["اليوم"])]
