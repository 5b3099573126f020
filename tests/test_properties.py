"""Properties over generated input: never raises, nothing lost, round trip, determinism."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

import seedcorpus
from conftest import content_chars, visible_chars

# Every label the parser may consume, as the generator writes them.
DATE_LABEL = "تاريخ النشر:"
SOURCE_LABEL = "المصدر:"
KEYWORDS_LABEL = "كلمات دلالية:"
HEADINGS = ["إقرأ أيضاً:", "اقرأ أيضاً:", "اقرأ أيضا:", "إقرأ أيضا:", "اقرأ ايضا:", "اقرأ أيضا"]
ARABIC_WORD = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى", min_size=2, max_size=8)
NOISE = st.sampled_from(["", " ", "\u200f", "\u200b", "\t"])
TEXT_NOISE = st.sampled_from(["", " ", "\u200f", "\u200b", "\t", "ـ"])


def sentence(min_words: int = 2, end: str = ".") -> st.SearchStrategy[str]:
    words = st.lists(ARABIC_WORD, min_size=min_words, max_size=12)
    return words.map(lambda ws: " ".join(ws) + end)


@st.composite
def article_texts(draw: st.DrawFn) -> tuple[str, Counter[str]]:
    """A generated article in the format, and the multiset of label characters it contains."""
    labels = Counter[str]()
    lines = [draw(TEXT_NOISE) + draw(sentence(end="")) + draw(TEXT_NOISE)]
    if draw(st.booleans()):
        lines.append(f"{DATE_LABEL} {draw(st.integers(1, 28))}th, March 2024 GMT")
        labels += visible_chars(DATE_LABEL)
    lines += draw(st.lists(sentence(), min_size=0, max_size=5))
    if draw(st.booleans()):
        lines.append(f"{SOURCE_LABEL} {draw(sentence(1, end=''))}")
        labels += visible_chars(SOURCE_LABEL)
    if draw(st.booleans()):
        lines.append(f"{KEYWORDS_LABEL} {' '.join(draw(st.lists(ARABIC_WORD, max_size=10)))}")
        labels += visible_chars(KEYWORDS_LABEL)
    if draw(st.booleans()):
        heading = draw(st.sampled_from(HEADINGS))
        lines.append(heading)
        labels += visible_chars(heading)
        lines += draw(st.lists(st.one_of(sentence(end=""), sentence()), max_size=6))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    noisy = [draw(NOISE) + line + draw(NOISE) for line in lines]
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + ending.join(noisy) + draw(st.sampled_from(["", ending])), labels


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_lenient_parsing_never_raises_and_loses_nothing(raw: str) -> None:
    article = seedcorpus.parse_article(raw, id="any")
    expected = visible_chars(raw.replace("\ud800", "\ufffd"))
    kept = content_chars(article)
    assert not kept - expected  # no character invented
    label_chars = visible_chars(DATE_LABEL + SOURCE_LABEL + KEYWORDS_LABEL + "".join(HEADINGS))
    assert set(expected - kept) <= set(label_chars)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_strict_parsing_raises_only_parse_error(raw: str) -> None:
    try:
        article = seedcorpus.parse_article(raw, id="any", strict=True)
    except seedcorpus.ParseError as exc:
        assert exc.code in {code.value for code in seedcorpus.DefectCode}
    else:
        assert article.defects == []


@settings(max_examples=300, deadline=None)
@given(article_texts())
def test_generated_articles_lose_exactly_their_labels(case: tuple[str, Counter[str]]) -> None:
    raw, labels = case
    article = seedcorpus.parse_article(raw, id="gen")
    assert visible_chars(raw) == content_chars(article) + labels


@settings(max_examples=300, deadline=None)
@given(article_texts())
def test_round_trip_determinism_and_strict_agreement(case: tuple[str, Counter[str]]) -> None:
    raw, _ = case
    article = seedcorpus.parse_article(raw, id="gen")
    assert seedcorpus.Article.model_validate_json(article.model_dump_json()) == article
    assert seedcorpus.parse_article(raw, id="gen") == article
    if not article.defects:
        assert seedcorpus.parse_article(raw, id="gen", strict=True) == article
    if article.keywords_text is not None:
        assert " ".join(article.keywords) == article.keywords_text
