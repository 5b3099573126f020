"""seedcorpus: scraped Arabic news articles as validated records and a typed HF dataset.

The records, parsers, corpus and export API import eagerly; the Hugging Face layer
(``FEATURES``, ``load_dataset``, ``parse_batch``) loads ``datasets`` (over a second) only when one
of its names is first used (PEP 562).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import CORPUS_VERSION as CORPUS_VERSION
from ._version import __version__ as __version__
from .crawl.corpus import Corpus as Corpus
from .crawl.corpus import iter_articles as iter_articles
from .crawl.lexicon import keyword_lexicon as keyword_lexicon
from .errors import CorpusError as CorpusError
from .errors import DefectCode as DefectCode
from .errors import ParseError as ParseError
from .errors import SeedcorpusError as SeedcorpusError
from .hf.export import export as export
from .models import Article as Article
from .models import Defect as Defect
from .models import KeywordEvidence as KeywordEvidence
from .models import RelatedArticle as RelatedArticle
from .options import ParseOptions as ParseOptions
from .parse.lexicon import KeywordLexicon as KeywordLexicon
from .parse.parser import parse_article as parse_article
from .parse.parser import parse_bytes as parse_bytes
from .parse.parser import parse_file as parse_file
from .training.dedup import duplicates as duplicates
from .training.related import RelatedLink as RelatedLink
from .training.related import related as related

if TYPE_CHECKING:  # pragma: no cover - the same names, resolved lazily at run time
    from .hf.arrow import parse_arrow as parse_arrow
    from .hf.dataset import load_dataset as load_dataset
    from .hf.dataset import parse_batch as parse_batch
    from .hf.schema import FEATURES as FEATURES

#: Names that import ``datasets``, and the module that defines each.
_LAZY = {
    "FEATURES": "hf.schema",
    "load_dataset": "hf.dataset",
    "parse_batch": "hf.dataset",
    "parse_arrow": "hf.arrow",
}

#: The public names, derived: every class and function imported above, the versions, the lazy.
__all__ = sorted(
    [
        name
        for name, value in dict(globals()).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith(__name__)
    ]
    + ["CORPUS_VERSION", "__version__", *_LAZY]
)


def __getattr__(name: str) -> Any:
    """Import a Hugging Face name from its module the first time it is asked for."""
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module 'seedcorpus' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
