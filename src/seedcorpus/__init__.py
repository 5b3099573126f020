"""seedcorpus: scraped Arabic news articles as validated records and a typed HF dataset.

``import seedcorpus`` stays light: the Hugging Face layer (and so ``datasets``) is imported only
when one of its names is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import CorpusError, DefectCode, ParseError, SeedcorpusError
from .files import Corpus, corpus, iter_articles, load_articles
from .models import Article, Defect, RelatedArticle
from .parser import parse_article, parse_bytes, parse_file

if TYPE_CHECKING:  # pragma: no cover - names resolved lazily at run time
    from .hf import FEATURES, export, load_dataset, parse_batch

#: Names served by the Hugging Face layer, imported on first use.
_LAZY_HF = frozenset({"FEATURES", "load_dataset", "parse_batch", "export"})

__all__ = [
    "FEATURES",
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
    "export",
    "iter_articles",
    "load_articles",
    "load_dataset",
    "parse_article",
    "parse_batch",
    "parse_bytes",
    "parse_file",
]


def __getattr__(name: str) -> Any:
    """Import the Hugging Face layer the first time one of its names is asked for."""
    if name in _LAZY_HF:
        from . import hf

        return getattr(hf, name)
    raise AttributeError(f"module 'seedcorpus' has no attribute {name!r}")
