"""The public API: every documented name resolves, lazily, to the object its module defines."""

from __future__ import annotations

import subprocess
import sys

import pytest

import seedcorpus

PUBLIC = {
    "Article",
    "RelatedArticle",
    "Defect",
    "ParseError",
    "CorpusError",
    "SeedcorpusError",
    "DefectCode",
    "parse_article",
    "parse_bytes",
    "parse_file",
    "iter_articles",
    "ParseOptions",
    "KeywordLexicon",
    "KeywordEvidence",
    "keyword_lexicon",
    "parse_arrow",
    "duplicates",
    "related",
    "RelatedLink",
    "Corpus",
    "Crawl",
    "SkippedFilesWarning",
    "FEATURES",
    "load_dataset",
    "parse_batch",
    "export",
    "report",
    "__version__",
    "CORPUS_VERSION",
}


def test_all_lists_exactly_the_public_names() -> None:
    assert set(seedcorpus.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(seedcorpus, name) is not None
    assert set(dir(seedcorpus)) >= PUBLIC


def test_names_are_the_module_objects() -> None:
    from seedcorpus import models
    from seedcorpus.hf import dataset as hf
    from seedcorpus.parse import parser

    assert seedcorpus.Article is models.Article
    assert seedcorpus.parse_file is parser.parse_file
    assert seedcorpus.load_dataset is hf.load_dataset


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="nope"):
        seedcorpus.nope  # noqa: B018


def test_bare_import_does_not_load_datasets() -> None:
    code = (
        "import sys, seedcorpus; "
        "assert 'datasets' not in sys.modules and 'pyarrow' not in sys.modules; "
        "assert 'pydantic' not in sys.modules; "
        "print(seedcorpus.__version__)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == seedcorpus.__version__


def test_convenience_properties() -> None:
    article = seedcorpus.parse_article(
        "عنوان\nتاريخ النشر: 2nd, May 2024\nأولى.\nثانية.", article_id="x"
    )
    assert article.text == "عنوان\n\nأولى.\n\nثانية."
    assert article.ok
    assert not seedcorpus.parse_article("عنوان", article_id="y").ok
