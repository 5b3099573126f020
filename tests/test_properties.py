"""Properties over generated input: never raises, nothing lost, round trip, determinism.

Counts: 1,000 well-formed and 1,000 messy generated articles plus 600 arbitrary strings per run.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seedcorpus
from conftest import content_chars, visible_chars
from seedcorpus.parse.normalize import FORMAT_CONTROLS
from strategies import (
    DATE_LABEL,
    HEADINGS,
    KEYWORDS_LABEL,
    SOURCE_LABEL,
    Expected,
    edge_dates,
    messy,
    well_formed,
)

LABEL_CHARS = set(visible_chars(DATE_LABEL + SOURCE_LABEL + KEYWORDS_LABEL + "".join(HEADINGS)))
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(SETTINGS, max_examples=1000)
@given(well_formed())
def test_well_formed_articles_parse_back_to_their_fields(case: tuple[str, Expected]) -> None:
    raw, expected = case
    article = seedcorpus.parse_article(raw, article_id="gen", strict=True)
    assert article.title == expected.title
    assert article.published_at == expected.published_at
    assert article.body == expected.body
    assert article.source == expected.source
    if expected.keywords is None:
        assert article.keywords_text is None
    else:
        assert article.keywords == expected.keywords
    assert [(r.title, r.body) for r in article.read_also] == expected.read_also


def title_markers(raw: str, article: seedcorpus.Article) -> Counter[str]:
    """The characters lines lost before their read-also titles: short prefixes, no Arabic word.

    Found from the input alone: after the first read-also heading, each item's title is looked
    for in order, on a line equal to it or ending with it after a marker-like prefix (`1- `,
    `• `, `📰 `). Anything longer than a list marker would be text lost, and is left uncounted
    so the test fails.
    """
    lines = [
        "".join(c for c in line if c not in FORMAT_CONTROLS).strip()
        for line in re.split(r"\r\n|\r|\n", raw)
    ]
    start = next((i + 1 for i, line in enumerate(lines) if line in HEADINGS), len(lines))
    region = lines[start:]
    lost: Counter[str] = Counter()
    at = 0
    for item in (item for item in article.read_also if item.title):
        for index in range(at, len(region)):
            line = region[index]
            prefix = line[: len(line) - len(item.title)]
            if line == item.title or (line.endswith(item.title) and _marker_like(prefix)):
                lost += visible_chars(prefix) if line != item.title else Counter()
                at = index + 1
                break
    return lost


def _marker_like(prefix: str) -> bool:
    """A list marker's size and shape: at most 5 visible characters, no two Arabic letters."""
    return 0 < len(prefix.strip()) <= 5 and not re.search("[\u0621-\u064a]{2}", prefix)


@settings(SETTINGS, max_examples=1000)
@given(messy())
def test_messy_articles_keep_every_property(case: tuple[str, Counter[str]]) -> None:
    raw, consumed = case
    article = seedcorpus.parse_article(raw, article_id="gen")
    # Nothing lost: apart from the labels the parser consumed and the list markers it strips
    # from read-also titles (layout, by policy), every visible character survives.
    assert visible_chars(raw) == content_chars(article) + consumed + title_markers(raw, article)
    # JSON round trip and determinism.
    assert seedcorpus.Article.model_validate_json(article.model_dump_json()) == article
    assert seedcorpus.parse_article(raw, article_id="gen") == article
    # Strict agrees with lenient: raises the earliest defect, or accepts exactly when none.
    if article.defects:
        with pytest.raises(seedcorpus.ParseError) as caught:
            seedcorpus.parse_article(raw, article_id="gen", strict=True)
        first = min(article.defects, key=lambda d: d.line or 0)
        assert (caught.value.code, caught.value.line) == (first.code, first.line)
    else:
        assert seedcorpus.parse_article(raw, article_id="gen", strict=True) == article
    if article.keywords_text is not None:  # hashtags come out without their `#`
        unmarked = (t.lstrip("#") for t in article.keywords_text.split(" "))
        assert " ".join(article.keywords) == " ".join(t for t in unmarked if t)
        assert len(article.keyword_evidence) == len(article.keywords)


@settings(SETTINGS, max_examples=300)
@given(st.text())
def test_arbitrary_text_never_raises_and_invents_nothing(raw: str) -> None:
    article = seedcorpus.parse_article(raw, article_id="any")
    expected = visible_chars(raw)
    kept = content_chars(article)
    assert not kept - expected - visible_chars("\ufffd")
    assert set(expected - kept) <= LABEL_CHARS


@settings(SETTINGS, max_examples=300)
@given(st.binary())
def test_arbitrary_bytes_strict_raises_only_parse_error(data: bytes) -> None:
    lenient = seedcorpus.parse_bytes(data, article_id="any")
    if not lenient.defects:
        assert seedcorpus.parse_bytes(data, article_id="any", strict=True) == lenient
        return
    with pytest.raises(seedcorpus.ParseError) as caught:
        seedcorpus.parse_bytes(data, article_id="any", strict=True, path="any.txt")
    assert caught.value.code in set(seedcorpus.DefectCode)
    assert str(caught.value).startswith("any.txt")


@settings(SETTINGS, max_examples=300)
@given(edge_dates())
def test_dates_at_the_limits_parse_or_are_refused_but_never_crash(
    case: tuple[str, datetime | None],
) -> None:
    text, instant = case
    raw = f"عنوان\nتاريخ النشر: {text}\nنص.\n"
    article = seedcorpus.parse_article(raw, article_id="edge")
    assert article.published_at == instant
    if instant is None:
        assert {d.code.value for d in article.defects} == {"impossible-date"}
        with pytest.raises(seedcorpus.ParseError):
            seedcorpus.parse_article(raw, article_id="edge", strict=True)
