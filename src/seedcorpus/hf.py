"""The Hugging Face layer: typed schema, dataset builder, ``load_dataset`` and ``parse_batch``.

This is the only module that imports ``datasets``; ``seedcorpus/__init__.py`` loads it on first
use, so record-only users and the command line's ``list`` and ``show`` start fast.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import datasets
from datasets import Features, List, Value
from datasets.builder import Key

from ._version import __version__
from .digests import content_fingerprint
from .files import PathLike, discover, iter_articles, write_jsonl
from .models import Article, Defect, RelatedArticle
from .parser import parse_article, parse_file

#: With ``num_proc=None``, a cold build uses one process per this many files (up to the cores).
AUTO_PROCESS_FILES = 1_000
#: Arrow type of ``published_at``: microseconds, UTC (the model stores UTC instants).
TIMESTAMP = "timestamp[us, tz=UTC]"

_SCALARS: dict[Any, str] = {str: "string", int: "int32"}


def _feature_for(annotation: Any) -> Any:
    """Map one model field annotation to a ``datasets`` feature (nullable types stay nullable)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _feature_for(inner)
    if origin is typing.Annotated:
        return _feature_for(typing.get_args(annotation)[0])
    if origin is list:
        (item,) = typing.get_args(annotation)
        return List(_feature_for(item))
    if isinstance(annotation, type) and issubclass(annotation, (Defect, RelatedArticle)):
        return features_of(annotation)
    if annotation.__name__ == "datetime":
        return Value(TIMESTAMP)
    return Value(_SCALARS[annotation])


def features_of(
    model: type[Article] | type[Defect] | type[RelatedArticle],
) -> Features | dict[str, Any]:
    """Derive the ``datasets`` schema of a record type from its Pydantic fields, in field order."""
    fields = {name: _feature_for(info.annotation) for name, info in model.model_fields.items()}
    return Features(fields) if model is Article else fields


#: The explicit schema of an article row, derived from ``Article`` so neither can change alone.
FEATURES: Features = typing.cast(Features, features_of(Article))


def article_to_row(article: Article) -> dict[str, Any]:
    """A record as a row of ``FEATURES`` (datetimes stay datetimes)."""
    return article.model_dump()


def parse_batch(batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Parse a batch of raw article texts (columns ``id`` and ``text``) into ``FEATURES`` columns.

    Use with ``ds.map(parse_batch, batched=True, remove_columns=ds.column_names,
    features=seedcorpus.FEATURES)`` on a Parquet or JSONL crawl; ``num_proc`` scales it.
    """
    columns: dict[str, list[Any]] = {name: [] for name in FEATURES}
    for article_id, text in zip(batch["id"], batch["text"], strict=True):
        row = article_to_row(parse_article(text, id=str(article_id)))
        for name in columns:
            columns[name].append(row[name])
    return columns


def fingerprint(files: Sequence[str], store_dir: str | None = None) -> str:
    """The cache key: a hash of the library version and every file's name and bytes.

    Content, not modification times, so that a changed file or a new parser is never served
    from a stale cache; digests are remembered in ``store_dir`` so a reload does not re-read.
    """
    return content_fingerprint(files, salt=f"seedcorpus {__version__}", store_dir=store_dir)


class Seedcorpus(datasets.GeneratorBasedBuilder):  # type: ignore[misc]  # untyped base
    """Builds the article dataset from files; one shard per file, keyed by file index."""

    VERSION = datasets.Version(__version__)

    def __init__(self, *args: Any, files: Sequence[str] = (), **kwargs: Any) -> None:
        # The file list is not builder config: datasets would hash it into the config id on
        # every load. The content fingerprint passed as `hash` already names the cache.
        self.files = list(files)
        kwargs.setdefault("dataset_name", "seedcorpus")
        super().__init__(*args, **kwargs)
        # Named for the library, not after this module (`hf`).
        self.name = "seedcorpus"
        self.info.builder_name = "seedcorpus"

    def _info(self) -> datasets.DatasetInfo:
        return datasets.DatasetInfo(
            description="Scraped Arabic news articles parsed into typed records by seedcorpus.",
            features=FEATURES,
            homepage="https://pypi.org/project/seedcorpus/",
        )

    def _split_generators(self, dl_manager: Any) -> list[datasets.SplitGenerator]:
        return [
            datasets.SplitGenerator(
                name=str(datasets.Split.TRAIN), gen_kwargs={"files": self.files}
            )
        ]

    def _generate_examples(self, files: list[str]) -> Iterator[tuple[Key, dict[str, Any]]]:
        for index, file in enumerate(files):
            yield Key(index, 0), article_to_row(parse_file(file))


def builder(
    path: PathLike | None = None, *, cache_dir: str | None = None, cached: bool = True
) -> Seedcorpus:
    """The dataset builder for a path (None = the bundled corpus).

    With ``cached`` (building Arrow files), the cache is named by a content fingerprint;
    streaming reads the files directly and needs none, so it skips reading them twice.
    """
    files = discover(path)
    digest = None
    if cached:
        store = os.path.join(cache_dir or str(datasets.config.HF_DATASETS_CACHE), "seedcorpus")
        digest = fingerprint(files, store)
    return Seedcorpus(cache_dir=cache_dir, config_name="default", hash=digest, files=files)


def load_dataset(
    path: PathLike | None = None,
    *,
    split: str = "train",
    streaming: bool = False,
    num_proc: int | None = None,
    cache_dir: str | None = None,
) -> datasets.Dataset | datasets.IterableDataset:
    """Load articles as a ``Dataset`` (or, streaming, an ``IterableDataset`` with a shard per file).

    ``path`` is a file, folder or glob (None = the bundled corpus). The cache is keyed by the files'
    content and the library version, and nothing is downloaded. ``num_proc=None`` builds with
    one process per core once there are ``AUTO_PROCESS_FILES`` files per process (1 = one process).
    """
    built = builder(path, cache_dir=cache_dir, cached=not streaming)
    if streaming:
        return built.as_streaming_dataset(split=split)
    if num_proc is None:
        num_proc = min(os.cpu_count() or 1, len(built.files) // AUTO_PROCESS_FILES) or 1
    built.download_and_prepare(num_proc=num_proc if num_proc > 1 else None)
    return built.as_dataset(split=split)


def export(
    out: PathLike, path: PathLike | None = None, *, format: str = "hf", shards: int = 1
) -> int:
    """Write the articles as ``jsonl``, one ``parquet`` file, or a hub-ready ``hf`` folder.

    Returns the number of articles written. The ``hf`` layout is described in ``publish.write_hf``.
    """
    from .publish import write_hf, write_parquet

    if format == "jsonl":
        return write_jsonl(iter_articles(path), Path(out))
    if format not in ("parquet", "hf"):
        raise ValueError(f"unknown export format {format!r}; choose jsonl, parquet or hf")
    built = builder(path)
    built.download_and_prepare()
    dataset = typing.cast(datasets.Dataset, built.as_dataset(split="train"))
    if format == "parquet":
        return write_parquet(dataset, Path(out), fingerprint=str(built.hash))
    return write_hf(dataset, Path(out), shards=shards, fingerprint=str(built.hash))


__all__ = [
    "FEATURES",
    "Seedcorpus",
    "article_to_row",
    "builder",
    "export",
    "fingerprint",
    "load_dataset",
    "parse_batch",
]
