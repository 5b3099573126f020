"""The Hugging Face layer: the dataset builder, ``load_dataset`` and ``parse_batch``.

Imports ``datasets`` (over a second), so ``seedcorpus/__init__.py`` loads it on first use only.
The builder is ``_info``, ``_split_generators`` and ``_generate_examples``, nothing more; its
cache is named by the files' content, the library's source and the options that change rows.

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa
from datasets.builder import Key

from .._version import __version__
from ..crawl import remote
from ..crawl.corpus import Listing, PathLike, discover, parse_all, with_crawl_lexicon
from ..crawl.digests import Status, content_fingerprint, snapshot
from ..crawl.sharding import balanced_groups, rank_part, sizes
from ..errors import CorpusError, SeedcorpusError
from ..options import ParseOptions, resolve
from ..training.selection import drop_duplicates, split_dataset
from ..training.splits import DEFAULT_FRACTIONS, SplitBy, check_split_request
from .about import CITATION, DESCRIPTION, HOMEPAGE, identity
from .arrow import parse_arrow
from .schema import FEATURES, TEXT_FEATURES, article_to_row

#: With ``num_proc=None``, a cold build uses one process per this many files (up to the cores).
AUTO_PROCESS_FILES = 1_000


def parse_batch(
    batch: dict[str, list[Any]], options: ParseOptions | None = None
) -> dict[str, list[Any]]:
    """Parse a batch of raw article texts (columns ``id`` and ``text``) into ``FEATURES`` columns.

    Use with ``ds.map(parse_batch, batched=True, remove_columns=ds.column_names,
    features=seedcorpus.FEATURES)`` on a Parquet or JSONL crawl (``fn_kwargs={"options": ...}``
    passes options); ``num_proc`` scales it. A thin wrapper over ``parse_arrow``, which skips the
    Python round trip: ``ds.with_format("arrow").map(parse_arrow, batched=True)``.

    Args:
        batch: a ``Dataset.map`` batch: lists under ``id`` and ``text`` (str or bytes).
        options: how to parse (``ParseOptions``); the defaults when None.

    Returns:
        The parsed rows, column by column (the keys of ``FEATURES``).
    """
    table = pa.table({"id": pa.array(batch["id"]), "text": pa.array(batch["text"])})
    return dict(parse_arrow(table, options).to_pydict())


@functools.cache
def source_digest() -> str:
    """A hash of the package's own source, so an edited parser never reuses an old cache.

    Computed once per process (a running process keeps the code it imported).
    """
    digest = hashlib.sha256()
    package = Path(__file__).parent.parent  # the whole seedcorpus package
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode() + b"\0")
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def cache_salt(options: ParseOptions) -> str:
    """What besides the files names a cache: the library version and source, the options."""
    return f"seedcorpus {__version__} {source_digest()} {options.cache_key()}"


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
    salt = cache_salt(chosen)
    return content_fingerprint(
        files, salt=salt, store_dir=store_dir, statuses=statuses, max_bytes=chosen.max_bytes
    )


class Seedcorpus(datasets.GeneratorBasedBuilder):  # type: ignore[misc]  # untyped base
    """Builds the article dataset from files, in shards of files; keyed by (shard, example)."""

    VERSION = datasets.Version(__version__)

    def __init__(
        self,
        *args: Any,
        listing: Listing | None = None,
        shards: list[list[int]] | None = None,
        options: ParseOptions | None = None,
        bundled: bool = False,
        text_column: bool = False,
        **kwargs: Any,
    ) -> None:
        # The file list is not builder config: datasets would hash it into the config id on
        # every load. The content fingerprint passed as `hash` already names the cache.
        self.listing = listing or Listing([], [], ".")
        self.files = self.listing.files
        #: Indexes into the listing, one list per shard (None: a shard per file).
        self.shards = shards
        self.options = resolve(options)
        self.bundled = bundled
        self.text_column = text_column
        #: The files' statuses when the cache key was made; a build is kept only if unchanged.
        self.statuses: list[Any] = []
        kwargs.setdefault("dataset_name", "seedcorpus")
        super().__init__(*args, **kwargs)
        # Named for the library, not after this module (`hf`).
        self.name = "seedcorpus"
        self.info.builder_name = "seedcorpus"

    def _info(self) -> datasets.DatasetInfo:
        who = identity(getattr(self, "bundled", False))
        details = f" {who.license_details}" if who.license_details else ""
        return datasets.DatasetInfo(
            description=DESCRIPTION,
            citation=CITATION,
            homepage=HOMEPAGE,
            license=f"{who.license}.{details}",
            features=TEXT_FEATURES if getattr(self, "text_column", False) else FEATURES,
        )

    def _split_generators(self, dl_manager: Any) -> list[datasets.SplitGenerator]:
        listing = self.listing
        pairs = list(zip(listing.files, listing.ids, strict=True))
        if self.shards is None:
            shards = [[pair] for pair in pairs]
        else:
            shards = [[pairs[i] for i in shard] for shard in self.shards]
        generator = datasets.SplitGenerator(
            name=str(datasets.Split.TRAIN),
            gen_kwargs={
                "shards": shards,
                "options": self.options,
                "storage_options": listing.storage_options,
                "text_column": self.text_column,
            },
        )
        generator.split_info.num_examples = len(listing.files)  # a total, so the bar has an ETA
        return [generator]

    def _generate_examples(
        self,
        shards: list[list[tuple[str, str]]],
        options: ParseOptions,
        storage_options: dict[str, Any],
        text_column: bool = False,
    ) -> Iterator[tuple[Key, dict[str, Any]]]:
        for shard_index, shard in enumerate(shards):
            files, ids = [f for f, _ in shard], [i for _, i in shard]
            listing = Listing(files, ids, ".", [], storage_options)
            for index, (_, article) in enumerate(parse_all(listing, options)):
                if isinstance(article, CorpusError):
                    raise article
                yield Key(shard_index, index), article_to_row(article, text=text_column)


def _statuses(listing: Listing, options: ParseOptions) -> list[Any]:
    """What identifies every file's current content: local status, or remote size and tag."""
    if any(remote.is_url(f) for f in listing.files):
        return remote.versions(listing.files, listing.storage_options)
    return list(snapshot(listing.files, options.max_bytes))


def builder(
    path: PathLike | None = None,
    *,
    options: ParseOptions | None = None,
    cache_dir: str | None = None,
    cached: bool = True,
    storage_options: dict[str, Any] | None = None,
    listing: Listing | None = None,
    shards: list[list[int]] | None = None,
    text_column: bool = False,
    bundled: bool | None = None,
) -> Seedcorpus:
    """The dataset builder for a path (None = the bundled corpus), or for a given listing.

    With ``cached`` (building Arrow files), the cache is named by a content fingerprint;
    streaming reads the files directly and needs none, so it skips reading them twice.
    """
    chosen = resolve(options)
    if bundled is None:
        bundled = listing is None and path is None
    listing = listing or discover(path, chosen, storage_options)
    digest = None
    statuses: list[Any] = []
    if cached:
        statuses = _statuses(listing, chosen)
        store = os.path.join(cache_dir or str(datasets.config.HF_DATASETS_CACHE), "seedcorpus")
        if statuses and isinstance(statuses[0], str):  # remote: sizes and tags, no bytes read
            joined = "\0".join([cache_salt(chosen), *listing.files, *statuses])
            digest = hashlib.sha256(joined.encode()).hexdigest()[:16]
        else:
            digest = fingerprint(listing.files, store, chosen, statuses)
        if text_column:  # another table, another cache
            digest = hashlib.sha256(f"{digest} text".encode()).hexdigest()[:16]
    built = Seedcorpus(
        cache_dir=cache_dir,
        config_name="default",
        hash=digest,
        listing=listing,
        shards=shards,
        options=chosen,
        bundled=bundled,
        text_column=text_column,
        version=identity(bundled).version or __version__,
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
    requested = built.options
    for _attempt in range(2):
        cached = os.path.exists(
            os.path.join(built.cache_dir, datasets.config.DATASET_INFO_FILENAME)
        )
        if not cached:  # the crawl's keyword pass, only when rows are made (the key sees files)
            built.options = with_crawl_lexicon(built.listing, requested)
        try:
            built.download_and_prepare(num_proc=num_proc if num_proc > 1 else None)
        except datasets.exceptions.DatasetGenerationError as exc:
            raise _cause(exc) from None
        if cached:  # nothing was built now: the key already matched the files' content
            return
        now = _statuses(built.listing, built.options)
        if now == built.statuses:
            return
        shutil.rmtree(built.cache_dir, ignore_errors=True)
        built.statuses = now
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
    split: str | None = "train",
    streaming: bool = False,
    num_proc: int | None = None,
    cache_dir: str | None = None,
    storage_options: dict[str, Any] | None = None,
    num_shards: int | None = None,
    rank: int | None = None,
    world_size: int | None = None,
    text_column: bool = False,
    split_by: SplitBy | None = None,
    fractions: Sequence[float] = DEFAULT_FRACTIONS,
    date_cutoffs: Sequence[datetime] | None = None,
    dedup: bool = False,
    dedup_threshold: float = 0.8,
) -> Any:
    """Load articles as a ``Dataset``, or streaming as an ``IterableDataset``.

    ``path`` is a file, folder, glob, fsspec URL (with ``storage_options``) or ``@paths-file``
    (None = the bundled corpus). The cache is keyed by the files' content, the library's source
    and the options, and nothing is downloaded. ``num_proc=None`` builds with one process per
    core once there are ``AUTO_PROCESS_FILES`` files per process (1 = one process).

    Streaming has one shard per file unless ``num_shards`` groups the files into that many
    shards balanced by size (so ``split_dataset_by_node`` hands each rank whole shards when
    ``num_shards`` is a multiple of the world size). ``rank`` and ``world_size`` return that
    rank's own balanced part of the files instead; a rank left without files is warned about.

    ``text_column=True`` adds a ``text`` column (``Article.text``: the title and body as one
    string), the habit of language-model training; rows still convert back to records.
    The dataset's ``info`` carries a description, a citation, the licence and homepage, and,
    for the bundled corpus, its version.

    Args:
        path: a file, folder, glob, fsspec URL or ``@paths-file``; the bundled corpus when None.
        options: how to parse (``ParseOptions``); part of the cache key where it changes rows.
        split: the split to return; None returns every split as a ``DatasetDict``.
        streaming: return an ``IterableDataset`` that parses as it is read.
        num_proc: processes for building the cache (None: one per core for large corpora).
        cache_dir: where the Arrow cache goes (``datasets``' default when None).
        storage_options: options for fsspec when ``path`` is a URL.
        num_shards: streaming only: group the files into this many size-balanced shards.
        rank: streaming only: this rank (0-based), with ``world_size``.
        world_size: streaming only: how many ranks share the files.
        text_column: add a ``text`` column (``Article.text``).
        split_by: ``"id"`` (a stable hash of each id, by ``fractions``) or ``"date"`` (by
            ``date_cutoffs``) for ``train``, ``validation`` and ``test`` splits; None keeps
            one ``train`` split with every article.
        fractions: the train, validation and test shares for ``split_by="id"``.
        date_cutoffs: two aware instants for ``split_by="date"``: train before the first,
            validation before the second, test after; undated articles go to train.
        dedup: keep one article per duplicate cluster (the earliest date, then the smallest
            id); the number dropped is logged. Needs the ``seedcorpus[dedup]`` extra.
        dedup_threshold: the shingle Jaccard similarity for near duplicates.

    Returns:
        The ``split`` asked for as a ``datasets.Dataset`` (``IterableDataset`` when streaming),
        or every split as a ``DatasetDict`` when ``split`` is None.
    """
    chosen = resolve(options)
    if not streaming and (num_shards or rank is not None or world_size is not None):
        raise ValueError("num_shards, rank and world_size apply to streaming=True only")
    check_split_request(split_by, fractions, date_cutoffs)
    if streaming and dedup:
        raise ValueError("dedup needs the whole corpus at once; use streaming=False")
    if streaming:
        listing = discover(path, chosen, storage_options)
        chosen = with_crawl_lexicon(listing, chosen)  # the whole crawl's, the same on every rank
        listing = rank_part(listing, rank, world_size)
        shards = balanced_groups(sizes(listing), num_shards) if num_shards else None
        built = builder(
            options=chosen,
            cached=False,
            listing=listing,
            shards=shards,
            text_column=text_column,
            bundled=path is None,
        )
        return _pick(
            built.as_streaming_dataset(split="train"), split, split_by, fractions, date_cutoffs
        )
    built = builder(
        path,
        options=chosen,
        cache_dir=cache_dir,
        storage_options=storage_options,
        text_column=text_column,
    )
    prepare(built, num_proc)
    dataset = built.as_dataset(split="train")
    if dedup:
        dataset = drop_duplicates(dataset, dedup_threshold)
    return _pick(dataset, split, split_by, fractions, date_cutoffs)


def _pick(
    dataset: Any,
    split: str | None,
    split_by: SplitBy | None,
    fractions: Sequence[float],
    date_cutoffs: Sequence[datetime] | None,
) -> Any:
    """The split asked for, or all of them as a dict when ``split`` is None."""
    if split_by is not None:
        parts = split_dataset(dataset, split_by, fractions, date_cutoffs)
    elif isinstance(dataset, datasets.IterableDataset):
        parts = datasets.IterableDatasetDict({"train": dataset})
    else:
        parts = datasets.DatasetDict({"train": dataset})
    if split is None:
        return parts
    if split not in parts:
        raise ValueError(f"no split {split!r}; the splits are {', '.join(parts)}")
    return parts[split]
