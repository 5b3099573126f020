"""A run of keyword keys occurs in the text exactly when some clause shows it word by word.

``Evidence.occurs`` answers from the adjacency counts (a pair) or by reading on from where the
run's first pair occurs (a longer run), without listing every window of the keyword line. Here
it is checked against a plain oracle that cuts the text into clauses and words, and against
the list of every window (``Evidence.phrases``).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from seedcorpus.parse.keyword_evidence import MAX_PHRASE_TOKENS, core, follower, gather_evidence
from seedcorpus.parse.keyword_scan import PROCLITICS
from seedcorpus.parse.normalize import match_key

# Words that make runs likely: cores with and without the article, clitics, and marks.
_WORDS = ["الأمم", "المتحدة", "أمم", "متحدة", "للأمم", "والمتحدة", "مصر", "بمصر", "اليوم"]
_MARKS = [" ", " ", " ", "، ", ". ", "\n", " - ", "  "]


def _spells(word: str, key_core: str) -> bool:
    """Whether a text word spells a core: bare, or behind a proclitic sequence."""
    if word == key_core:
        return True
    return len(key_core) >= 2 and word.endswith(key_core) and word[: -len(key_core)] in PROCLITICS


def _shown(text: str, run: tuple[str, ...]) -> bool:
    """The oracle: some clause holds words w0..wn, w0 spelling run[0], the rest its followers."""
    folded = match_key(text).lower()
    for clause in re.split(r"[^\w\s-]|\n", folded):
        words = re.findall(r"[\w-]+", clause)
        for i in range(len(words) - len(run) + 1):
            rest = tuple(follower(w) for w in words[i + 1 : i + len(run)])
            if _spells(words[i], run[0]) and rest == run[1:]:
                return True
    return False


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_MARKS)), max_size=30),
    tags=st.lists(st.sampled_from(_WORDS), min_size=2, max_size=7),
)
def test_a_run_occurs_exactly_when_a_clause_shows_it(
    pieces: list[tuple[str, str]], tags: list[str]
) -> None:
    text = "".join(word + mark for word, mark in pieces)
    keys = [match_key(t) for t in tags]
    evidence = gather_evidence([text], keys)
    for start in range(len(keys) - 1):
        for end in range(start + 2, min(len(keys), start + MAX_PHRASE_TOKENS) + 1):
            run = (core(keys[start]), *map(follower, keys[start + 1 : end]))
            assert evidence.occurs(run) == _shown(text, run), run
            assert evidence.occurs(run) == (run in evidence.phrases), run


def test_a_long_run_is_read_on_from_its_first_pair() -> None:
    keys = [match_key(t) for t in ["الأمم", "المتحدة", "اليوم"]]
    shown = gather_evidence(["قالت الأمم المتحدة اليوم إن"], keys)
    broken = gather_evidence(["قالت الأمم المتحدة، اليوم إن"], keys)
    run = (core(keys[0]), follower(keys[1]), follower(keys[2]))
    assert shown.occurs(run)
    assert not broken.occurs(run)
    assert broken.occurs(run[:2])
