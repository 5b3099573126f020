"""seedcorpus: scraped Arabic news articles as validated records and a typed HF dataset.

``import seedcorpus`` is nearly free: each public name is imported from its module on first use
(PEP 562), so the records load Pydantic when first touched and the Hugging Face layer loads
``datasets`` only when ``load_dataset``, ``FEATURES`` and the rest are used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import CORPUS_VERSION, __version__

if TYPE_CHECKING:  # pragma: no cover - the same names, resolved lazily at run time
    from .errors import CorpusError, DefectCode, ParseError, SeedcorpusError
    from .files import Corpus, corpus, iter_articles, load_articles
    from .hf import FEATURES, export, load_dataset, parse_batch
    from .models import Article, Defect, RelatedArticle
    from .parser import parse_article, parse_bytes, parse_file

#: Public name -> the module that defines it.
_HOMES = {
    "Article": "models",
    "Defect": "models",
    "RelatedArticle": "models",
    "CorpusError": "errors",
    "DefectCode": "errors",
    "ParseError": "errors",
    "SeedcorpusError": "errors",
    "Corpus": "files",
    "corpus": "files",
    "iter_articles": "files",
    "load_articles": "files",
    "parse_article": "parser",
    "parse_bytes": "parser",
    "parse_file": "parser",
    "FEATURES": "hf",
    "export": "hf",
    "load_dataset": "hf",
    "parse_batch": "hf",
}

__all__ = [
    "CORPUS_VERSION",
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
    """Import a public name from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'seedcorpus' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
