"""seedcorpus: scraped Arabic news articles as validated records and a typed HF dataset.

Every public name loads from its module the first time it is used (PEP 562), so
``import seedcorpus`` costs milliseconds: Pydantic (the records, about 0.2 s) loads with the
first record or parser, and ``datasets`` (over a second) only with ``FEATURES``,
``load_dataset``, ``parse_batch`` or ``parse_arrow``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import CORPUS_VERSION as CORPUS_VERSION
from ._version import __version__ as __version__

if TYPE_CHECKING:  # pragma: no cover - the same names, resolved lazily at run time
    from .crawl.corpus import Corpus as Corpus
    from .crawl.corpus import iter_articles as iter_articles
    from .crawl.lexicon import keyword_lexicon as keyword_lexicon
    from .crawl.listing import Crawl as Crawl
    from .crawl.listing import SkippedFilesWarning as SkippedFilesWarning
    from .errors import CorpusError as CorpusError
    from .errors import DefectCode as DefectCode
    from .errors import ParseError as ParseError
    from .errors import SeedcorpusError as SeedcorpusError
    from .hf.arrow import parse_arrow as parse_arrow
    from .hf.dataset import load_dataset as load_dataset
    from .hf.dataset import parse_batch as parse_batch
    from .hf.export import export as export
    from .hf.schema import FEATURES as FEATURES
    from .models import Article as Article
    from .models import Defect as Defect
    from .models import KeywordEvidence as KeywordEvidence
    from .models import RelatedArticle as RelatedArticle
    from .options import ParseOptions as ParseOptions
    from .parse.lexicon import KeywordLexicon as KeywordLexicon
    from .parse.parser import parse_article as parse_article
    from .parse.parser import parse_bytes as parse_bytes
    from .parse.parser import parse_file as parse_file
    from .reporting import report as report
    from .training.dedup import duplicates as duplicates
    from .training.related import RelatedLink as RelatedLink
    from .training.related import related as related

#: Each public name and the module (under the package) that defines it.
_LAZY = {
    "Article": "models",
    "Defect": "models",
    "RelatedArticle": "models",
    "KeywordEvidence": "models",
    "KeywordLexicon": "parse.lexicon",
    "keyword_lexicon": "crawl.lexicon",
    "ParseOptions": "options",
    "CorpusError": "errors",
    "DefectCode": "errors",
    "ParseError": "errors",
    "SeedcorpusError": "errors",
    "parse_article": "parse.parser",
    "parse_bytes": "parse.parser",
    "parse_file": "parse.parser",
    "Corpus": "crawl.corpus",
    "iter_articles": "crawl.corpus",
    "Crawl": "crawl.listing",
    "SkippedFilesWarning": "crawl.listing",
    "duplicates": "training.dedup",
    "related": "training.related",
    "RelatedLink": "training.related",
    "report": "reporting",
    "export": "hf.export",
    "FEATURES": "hf.schema",
    "load_dataset": "hf.dataset",
    "parse_batch": "hf.dataset",
    "parse_arrow": "hf.arrow",
}

#: The public names: the versions and every lazily loaded name.
__all__ = sorted(["CORPUS_VERSION", "__version__", *_LAZY])


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module 'seedcorpus' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
