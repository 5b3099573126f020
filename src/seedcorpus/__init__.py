"""seedcorpus: scraped Arabic news articles as validated records and a typed HF dataset."""

from __future__ import annotations

from ._version import __version__
from .errors import CorpusError, DefectCode, ParseError, SeedcorpusError
from .files import Corpus, corpus, iter_articles, load_articles
from .models import Article, Defect, RelatedArticle
from .parser import parse_article, parse_bytes, parse_file

__all__ = [
    "Article",
    "Corpus",
    "CorpusError",
    "Defect",
    "DefectCode",
    "ParseError",
    "RelatedArticle",
    "SeedcorpusError",
    "__version__",
    "corpus",
    "iter_articles",
    "load_articles",
    "parse_article",
    "parse_bytes",
    "parse_file",
]
