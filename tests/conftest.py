"""Test configuration: offline Hugging Face, a throw-away HF_HOME, and shared fixtures."""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

# Set before anything imports `datasets` or `huggingface_hub`: no network, no user cache.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="seedcorpus-hf-home-")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import pytest

import seedcorpus
from seedcorpus import Article
from seedcorpus.parse.normalize import FORMAT_CONTROLS

DATA = Path(__file__).parent / "data"
ARTICLES = DATA / "articles"
GOLD = DATA / "gold"
REPO = Path(__file__).parent.parent
SEED_ID = "000_778974e6473988db"


@pytest.fixture
def articles_dir() -> Path:
    """The folder of test articles (the seed and the dev articles), each with a gold file."""
    return ARTICLES


def list_articles(path: Any = None, **options: Any) -> list[Article]:
    """Every article a path names, parsed, as a list."""
    return list(seedcorpus.iter_articles(path, **options))


def load_gold(article_id: str) -> dict[str, Any]:
    """The hand-checked expected parse of a test article."""
    return dict(json.loads((GOLD / f"{article_id}.json").read_text(encoding="utf-8")))


def content_chars(article: Article) -> Counter[str]:
    """Every non-space character of the text fields of a record, as a multiset."""
    parts = [article.title, article.date_text or "", article.source or ""]
    parts += [article.keywords_text or "", *article.body]
    for item in article.read_also:
        parts += [item.title, *item.body]
    return visible_chars("".join(parts))


def visible_chars(text: str) -> Counter[str]:
    """Non-space, non-format-control characters of a text, as a multiset."""
    return Counter(c for c in text if not c.isspace() and c not in FORMAT_CONTROLS)
