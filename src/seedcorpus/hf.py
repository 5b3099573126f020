"""The Hugging Face layer: the dataset builder, ``load_dataset`` and ``parse_batch``.

Imports ``datasets`` (over a second), so ``seedcorpus/__init__.py`` loads it on first use only.
The builder is ``_info``, ``_split_generators`` and ``_generate_examples``, nothing more; its
cache is named by the files' content, the library's source and the options that change rows.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import datasets
from datasets.builder import Key

from ._version import __version__
from .corpus import PathLike, discover
from .digests import Status, content_fingerprint, snapshot
from .errors import CorpusError, SeedcorpusError
from .options import ParseOptions, resolve
from .parser import parse_article, parse_file
from .schema import FEATURES, article_to_row

#: With ``num_proc=None``, a cold build uses one process per this many files (up to the cores).
AUTO_PROCESS_FILES = 1_000


def parse_batch(
    batch: dict[str, list[Any]], options: ParseOptions | None = None
) -> dict[str, list[Any]]:
    """Parse a batch of raw article texts (columns ``id`` and ``text``) into ``FEATURES`` columns.

    Use with ``ds.map(parse_batch, batched=True, remove_columns=ds.column_names,
    features=seedcorpus.FEATURES)`` on a Parquet or JSONL crawl (``fn_kwargs={"options": ...}``
    passes options); ``num_proc`` scales it.
    """
    chosen = resolve(options)
    columns: dict[str, list[Any]] = {name: [] for name in FEATURES}
    for article_id, text in zip(batch["id"], batch["text"], strict=True):
        row = article_to_row(parse_article(text, article_id=str(article_id), options=chosen))
        for name in columns:
            columns[name].append(row[name])
    return columns


def source_digest() -> str:
    """A hash of the package's own source, so an edited parser never reuses an old cache."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode() + b"\0")
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(
    files: Sequence[str],
    store_dir: str | None = None,
    options: ParseOptions | None = None,
    statuses: Sequence[Status] | None = None,
) -> str:
    """The cache key: the library version and source, the row-changing options, every file.

    Content, not modification times, so that a changed file or a new parser is never served
    from a stale cache; digests are remembered in ``store_dir`` so a reload does not re-read.
    """
    chosen = resolve(options)
    salt = f"seedcorpus {__version__} {source_digest()} {chosen.cache_key()}"
    return content_fingerprint(
        files, salt=salt, store_dir=store_dir, statuses=statuses, max_bytes=chosen.max_bytes
    )


class Seedcorpus(datasets.GeneratorBasedBuilder):  # type: ignore[misc]  # untyped base
    """Builds the article dataset from files; keyed by file index."""

    VERSION = datasets.Version(__version__)

    def __init__(
        self,
        *args: Any,
        files: Sequence[str] = (),
        ids: Sequence[str] = (),
        options: ParseOptions | None = None,
        **kwargs: Any,
    ) -> None:
        # The file list is not builder config: datasets would hash it into the config id on
        # every load. The content fingerprint passed as `hash` already names the cache.
        self.files = list(files)
        self.ids = list(ids)
        self.options = resolve(options)
        #: The files' statuses when the cache key was made; a build is kept only if unchanged.
        self.statuses: list[Status] = []
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
                name=str(datasets.Split.TRAIN),
                gen_kwargs={"files": self.files, "ids": self.ids, "options": self.options},
            )
        ]

    def _generate_examples(
        self, files: list[str], ids: list[str], options: ParseOptions
    ) -> Iterator[tuple[Key, dict[str, Any]]]:
        for index, (file, article_id) in enumerate(zip(files, ids, strict=True)):
            yield (
                Key(index, 0),
                article_to_row(parse_file(file, options=options, article_id=article_id)),
            )


def builder(
    path: PathLike | None = None,
    *,
    options: ParseOptions | None = None,
    cache_dir: str | None = None,
    cached: bool = True,
) -> Seedcorpus:
    """The dataset builder for a path (None = the bundled corpus).

    With ``cached`` (building Arrow files), the cache is named by a content fingerprint;
    streaming reads the files directly and needs none, so it skips reading them twice.
    """
    chosen = resolve(options)
    listing = discover(path, chosen)
    digest = None
    statuses = snapshot(listing.files, chosen.max_bytes)
    if cached:
        store = os.path.join(cache_dir or str(datasets.config.HF_DATASETS_CACHE), "seedcorpus")
        digest = fingerprint(listing.files, store, chosen, statuses)
    built = Seedcorpus(
        cache_dir=cache_dir,
        config_name="default",
        hash=digest,
        files=listing.files,
        ids=listing.ids,
        options=chosen,
    )
    built.statuses = statuses
    return built


def prepare(built: Seedcorpus, num_proc: int | None = None) -> None:
    """Build the Arrow cache, keeping it only if no file changed while it was built.

    A file edited mid-build could leave rows that match neither version under a key made from
    the old bytes; such a build is discarded and made again once, then refused. A build error
    surfaces as its cause (one line on the command line), not as ``DatasetGenerationError``.
    """
    if num_proc is None:
        num_proc = min(os.cpu_count() or 1, len(built.files) // AUTO_PROCESS_FILES) or 1
    for _attempt in range(2):
        try:
            built.download_and_prepare(num_proc=num_proc if num_proc > 1 else None)
        except datasets.exceptions.DatasetGenerationError as exc:
            raise _cause(exc) from None
        if snapshot(built.files, built.options.max_bytes) == built.statuses:
            return
        shutil.rmtree(built.cache_dir, ignore_errors=True)
        built.statuses = snapshot(built.files, built.options.max_bytes)
    raise CorpusError(
        "article files kept changing while the dataset was built; build again once the crawl "
        "is written"
    )


def _cause(exc: BaseException) -> BaseException:
    """The library error that started a chain of build errors, or the error itself."""
    seen = exc
    while seen.__cause__ is not None or seen.__context__ is not None:
        seen = seen.__cause__ or seen.__context__  # type: ignore[assignment]
        if isinstance(seen, SeedcorpusError):
            return seen
    return exc


def load_dataset(
    path: PathLike | None = None,
    *,
    options: ParseOptions | None = None,
    split: str = "train",
    streaming: bool = False,
    num_proc: int | None = None,
    cache_dir: str | None = None,
) -> datasets.Dataset | datasets.IterableDataset:
    """Load articles as a ``Dataset`` (or, streaming, an ``IterableDataset`` with a shard per file).

    ``path`` is a file, folder or glob (None = the bundled corpus). The cache is keyed by the
    files' content, the library's source and the options, and nothing is downloaded.
    ``num_proc=None`` builds with one process per core once there are ``AUTO_PROCESS_FILES`` files
    per process (1 = one process).
    """
    built = builder(path, options=options, cache_dir=cache_dir, cached=not streaming)
    if streaming:
        return built.as_streaming_dataset(split=split)
    prepare(built, num_proc)
    return built.as_dataset(split=split)
