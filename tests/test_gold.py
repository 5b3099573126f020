"""The seed and the dev articles parse to exactly their hand-checked gold, every field."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import seedcorpus
from conftest import ARTICLES, GOLD, REPO, SEED_ID, load_gold

ARTICLE_IDS = sorted(p.stem for p in GOLD.glob("*.json"))


def test_every_test_article_has_gold() -> None:
    assert sorted(p.stem for p in ARTICLES.glob("*.txt")) == ARTICLE_IDS
    assert len(ARTICLE_IDS) >= 3


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_article_matches_gold(article_id: str) -> None:
    article = seedcorpus.parse_file(ARTICLES / f"{article_id}.txt", strict=True)
    gold = load_gold(article_id)
    dumped = article.model_dump(mode="json")
    for field, expected in gold.items():
        if field == "published_at" and expected is not None:
            assert article.published_at == datetime.fromisoformat(expected), field
        else:
            assert dumped[field] == expected, field
    assert article.defects == []


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_keywords_text_is_phrases_joined(article_id: str) -> None:
    article = seedcorpus.parse_file(ARTICLES / f"{article_id}.txt")
    assert article.keywords_text == " ".join(article.keywords)


def test_bundled_seed_is_the_test_copy() -> None:
    bundled = REPO / "seeds" / f"{SEED_ID}.txt"
    assert bundled.read_bytes() == (ARTICLES / f"{SEED_ID}.txt").read_bytes()


def test_seed_has_eleven_keyword_phrases_and_three_related_items() -> None:
    article = seedcorpus.Corpus()[SEED_ID]
    assert len(article.keywords) == 11
    assert [len(item.body) for item in article.read_also] == [10, 1, 1]


def test_json_round_trip_of_gold_articles(tmp_path: Path) -> None:
    for article in seedcorpus.iter_articles(ARTICLES):
        assert type(article).model_validate_json(article.model_dump_json()) == article
