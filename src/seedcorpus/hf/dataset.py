"""The Hugging Face layer: ``load_dataset``, the builder's cache key and build, ``parse_batch``.

Imports ``datasets`` (over a second), so ``seedcorpus/__init__.py`` loads it on first use only.
The builder (``builder.py``) is named by the files' content, the library's source and the
options that change rows; a cold build hashes, counts the keyword pass and parses in the same
processes (``num_proc``, chosen from the crawl's size when None).

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa

from .._version import FORMAT_VERSION, __version__
from ..crawl.corpus import ContentChanged, lexicon_hasher, with_crawl_lexicon
from ..crawl.digests import Status, content_fingerprint
from ..crawl.listing import Balance, Crawl, PathLike, as_crawl
from ..crawl.sharding import frozen_heap, usable_cores
from ..errors import CorpusError, SeedcorpusError, write_failure
from ..options import ParseOptions, resolve
from ..parse.parser import id_for
from ..training.selection import drop_duplicates, split_dataset
from ..training.splits import SplitBy, check_split_request
from .about import identity
from .arrow import parse_arrow
from .builder import Seedcorpus as Seedcorpus
from .views import refuse_defects, sliced

#: What to do when the dataset cache cannot be written.
CACHE_FULL = "free space there, or pass cache_dir= (HF_DATASETS_CACHE) on a disk with room"
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
    """What besides the files names a cache: library and format versions, source, options."""
    return (
        f"seedcorpus {__version__} format {FORMAT_VERSION} {source_digest()} {options.cache_key()}"
    )


def fingerprint(
    files: Sequence[str],
    store_dir: str | None = None,
    options: ParseOptions | None = None,
    statuses: Sequence[Status] | None = None,
) -> str:
    """The cache key of files named by their stems: version, source, options, every file.

    The key ``load_dataset`` uses for such a crawl (``Crawl.fingerprint(cache_salt(...))``):
    content, not modification times, so that a changed file or a new parser is never served
    from a stale cache; digests are remembered in ``store_dir`` so a reload does not re-read.
    """
    chosen = resolve(options)
    return content_fingerprint(
        files,
        salt=cache_salt(chosen),
        store_dir=store_dir,
        statuses=statuses,
        max_bytes=chosen.max_bytes,
        names=[id_for(file) for file in files],
    )


def builder(
    path: PathLike | Crawl | None = None,
    *,
    options: ParseOptions | None = None,
    cache_dir: str | None = None,
    cached: bool = True,
    storage_options: dict[str, Any] | None = None,
    listing: Crawl | None = None,
    shards: list[list[int]] | None = None,
    text_column: bool = False,
    bundled: bool | None = None,
    with_path: bool = False,
    num_proc: int = 1,
) -> Seedcorpus:
    """The dataset builder for a path or ``Crawl`` (None = the bundled corpus).

    With ``cached`` (building Arrow files), the cache is named by the crawl's fingerprint (every
    file's id and content, the library's source, the options); streaming reads the files
    directly and needs none, so it skips reading them twice. A stream still gets a key of its
    own (no file is read for it), so ``datasets`` never compares it with other versions' cache
    folders and warns of "a different version" that is not in use. Files whose digests are not
    remembered are hashed in ``num_proc`` processes.
    """
    if listing is not None:  # a crawl listed by the caller, its ids as given
        crawl, chosen = listing, resolve(options or listing.options)
    else:
        crawl, chosen = as_crawl(path, options, storage_options)
    if bundled is None:
        bundled = crawl.bundled
    digest = None
    digests = None
    if cached:
        store = os.path.join(cache_dir or str(datasets.config.HF_DATASETS_CACHE), "seedcorpus")
        # Another table (a text or path column), another key.
        salt = (
            cache_salt(chosen) + (" text" if text_column else "") + (" path" if with_path else "")
        )
        # Files hashed for the key have their tag lines counted on the same read.
        digest = crawl.fingerprint(salt, store, num_proc, lexicon_hasher(crawl, chosen))
        digests = crawl.digests(store)
    else:
        digest = hashlib.sha256(f"{cache_salt(chosen)} stream".encode()).hexdigest()[:16]
    built = Seedcorpus(
        cache_dir=cache_dir,
        config_name="default",
        hash=digest,
        listing=crawl,
        shards=shards,
        options=chosen,
        bundled=bundled,
        text_column=text_column,
        with_path=with_path,
        version=identity(bundled).version or __version__,
    )
    built.digests = digests
    built.cache_root = cache_dir
    return built


def processes_for(files: int, num_proc: int | None) -> int:
    """The processes a build of this many files uses: ``num_proc``, or chosen from the size.

    None gives one process per ``AUTO_PROCESS_FILES`` files, up to the cores; fewer than one
    is refused. A number asked for is used as given, as ``datasets`` does (the command line
    caps ``--num-proc`` to the cores, saying so).
    """
    cores = usable_cores()
    if num_proc is None:
        return min(cores, files // AUTO_PROCESS_FILES) or 1
    if num_proc < 1:
        raise ValueError(f"num_proc={num_proc}: give 1 or more, or None to choose from the size")
    return num_proc


def prepare(built: Seedcorpus, num_proc: int | None = None) -> Seedcorpus:
    """Build the Arrow cache under a key that matches the bytes parsed; returns the builder.

    Every local file's bytes are checked against the digest its key was made from as they are
    parsed (remote files' tags once more after the build): a file edited mid-build makes the
    build be discarded and made again under the new content's key (the returned builder),
    then refused if the crawl keeps changing. A build error surfaces as its
    cause (one line on the command line), not as ``DatasetGenerationError``.
    """
    num_proc = processes_for(len(built.files), num_proc)
    requested = built.options
    for _attempt in range(3):
        cached = os.path.exists(
            os.path.join(built.cache_dir, datasets.config.DATASET_INFO_FILENAME)
        )
        if not cached:  # the crawl's keyword pass, only when rows are made (the key sees files);
            # counted in as many processes as the build uses, so it is no serial step before it
            built.options = with_crawl_lexicon(built.listing, requested, num_proc)
        try:
            _download_and_prepare(built, num_proc)
        except datasets.exceptions.DatasetGenerationError as exc:
            cause = _cause(exc)
            if not isinstance(cause, ContentChanged):
                where = f"the dataset cache {built.cache_dir}"
                raise write_failure(where, _deepest(exc), CACHE_FULL) or cause from None
        else:
            # A hit; or local files, whose every parsed byte was checked against its digest;
            # or remote ones whose tags did not change meanwhile.
            if cached or built.digests is not None or not built.crawl.changed():
                return built
            shutil.rmtree(built.cache_dir, ignore_errors=True)
        built = builder(
            options=requested,  # the refreshed crawl's own keyword pass
            cache_dir=built.cache_root,
            listing=built.crawl.refreshed(),
            shards=built.shards,
            text_column=built.text_column,
            bundled=built.bundled,
            with_path=built.with_path,
        )
    raise CorpusError(
        "article files kept changing while the dataset was built; build again once the crawl "
        "is written"
    )


def _download_and_prepare(built: Seedcorpus, num_proc: int) -> None:
    """Build the Arrow cache; a worker's failure is built again here to learn its cause.

    A worker's error comes back as a ``DatasetGenerationError`` whose cause is the worker's
    traceback as text (``RemoteTraceback``): the error itself does not survive pickling.
    Building in this process either succeeds (the failure was passing) or raises with the
    cause attached (a file deleted meanwhile, a full disk), which ``prepare`` then raises
    itself, for ``load_dataset`` and ``export`` alike.
    """
    try:
        with built.forked(), frozen_heap(num_proc > 1):
            built.download_and_prepare(num_proc=num_proc if num_proc > 1 else None)
    except datasets.exceptions.DatasetGenerationError as exc:
        remote = exc.__cause__ is None or type(exc.__cause__).__name__ == "RemoteTraceback"
        if num_proc <= 1 or not remote:  # only the worker's text came back, not its error
            raise
        built.download_and_prepare(num_proc=None)


def _deepest(exc: BaseException) -> BaseException:
    """The error that started a chain (a full disk behind ``DatasetGenerationError``)."""
    seen = [exc]
    while (nxt := seen[-1].__cause__ or seen[-1].__context__) is not None and nxt not in seen:
        seen.append(nxt)
    return seen[-1]


def _cause(exc: BaseException) -> BaseException:
    """The library error that started a chain of build errors, or the error itself."""
    seen = exc
    while seen.__cause__ is not None or seen.__context__ is not None:
        seen = seen.__cause__ or seen.__context__  # type: ignore[assignment]
        if isinstance(seen, SeedcorpusError):
            return seen
    return exc


def load_dataset(
    path: PathLike | Crawl | None = None,
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
    fractions: Sequence[float] | None = None,
    date_cutoffs: Sequence[datetime] | None = None,
    dedup: bool = False,
    dedup_threshold: float = 0.8,
    balance: Balance = "count",
    with_path: bool = False,
    strict: bool | None = None,
) -> Any:
    """Load articles as a ``Dataset``, or streaming as an ``IterableDataset``.

    ``path`` is a file, folder, glob, fsspec URL (with ``storage_options``), ``@paths-file`` or
    a ``Crawl`` listed once and shared (None = the bundled corpus). The cache is keyed by the
    files' ids and content, the library's source and the options; nothing is downloaded.
    ``num_proc=None`` builds with one process per core once there are ``AUTO_PROCESS_FILES``
    files per process (1 = one process).

    Streaming has one shard per file unless ``num_shards`` groups the files into that many
    shards balanced by count (sizes within one, larger first), so ``split_dataset_by_node``
    gives every rank the same number of articles within one, for any world size. ``rank`` and
    ``world_size`` return that rank's own part instead (7 files over 3 ranks: 3, 2 and 2); a
    rank left without files is warned about. ``balance="bytes"`` balances bytes instead
    (preprocessing, where time follows bytes).

    ``text_column=True`` adds a ``text`` column (``Article.text``: the title and body as one
    string), the habit of language-model training; rows still convert back to records.
    The dataset's ``info`` carries a description, a citation, the licence and homepage, and,
    for the bundled corpus, its version. ``with_path=True`` adds a ``path`` column, the file each
    row was parsed from (provenance; ``export`` never writes it); drop it
    (``ds.remove_columns("path")``) before turning rows back into records.

    ``split`` takes the slices ``datasets`` takes: ``"train[:10%]"``, ``"train[100:200]"``,
    ``"train[:50%]+validation"`` (not when streaming: a stream has ``take`` and ``skip``).

    Args:
        path: a file, folder, glob, fsspec URL, ``@paths-file`` or ``Crawl``; the bundled
            corpus when None.
        options: how to parse (``ParseOptions``); part of the cache key where it changes rows.
        split: the split to return, optionally sliced (``"train[:10%]"``); None returns every
            split as a ``DatasetDict``.
        streaming: return an ``IterableDataset`` that parses as it is read.
        num_proc: processes for building the cache (None: one per core for large corpora).
        cache_dir: where the Arrow cache goes (``datasets``' default when None).
        storage_options: options for fsspec when ``path`` is a URL.
        num_shards: streaming only: group the files into this many count-balanced shards.
        rank: streaming only: this rank (0-based), with ``world_size``.
        world_size: streaming only: how many ranks share the files.
        text_column: add a ``text`` column (``Article.text``).
        split_by: ``"id"`` (a stable hash of each id, by ``fractions``) or ``"date"`` (by
            ``date_cutoffs``) for ``train``, ``validation`` and ``test`` splits; None keeps
            one ``train`` split with every article.
        fractions: the train, validation and test shares for ``split_by="id"`` (default 0.8,
            0.1, 0.1); refused without it, as ``date_cutoffs`` are without ``split_by="date"``.
            A split left without articles is refused (``CorpusError``), as ``export`` does.
        date_cutoffs: two aware instants for ``split_by="date"``: train before the first,
            validation before the second, test after; undated articles go to train.
        dedup: keep one article per duplicate cluster (the earliest date, then the smallest
            id); the number dropped is logged. Needs the ``seedcorpus[dedup]`` extra.
        dedup_threshold: the shingle Jaccard similarity for near duplicates.
        balance: streaming only: ``"count"`` (training) or ``"bytes"`` (preprocessing).
        with_path: add a ``path`` column: the file each row was parsed from.
        strict: shortcut for ``options.strict``: raise the first article's earliest defect as
            ``ParseError`` (also when the rows come from the cache).

    Returns:
        The ``split`` asked for as a ``datasets.Dataset`` (``IterableDataset`` when streaming),
        or every split as a ``DatasetDict`` when ``split`` is None.
    """
    if not streaming and (num_shards or rank is not None or world_size is not None):
        raise ValueError("num_shards, rank and world_size apply to streaming=True only")
    shares = check_split_request(split_by, fractions, date_cutoffs)
    if streaming and dedup:
        raise ValueError("dedup needs the whole corpus at once; use streaming=False")
    crawl, chosen = as_crawl(path, options, storage_options, strict=strict)
    if streaming:
        chosen = with_crawl_lexicon(crawl, chosen)  # the whole crawl's, the same on every rank
        crawl = crawl.part(rank, world_size, balance)
        shards = crawl.shards(num_shards, balance) if num_shards else None
        built = builder(
            options=chosen,
            cached=False,
            listing=crawl,
            shards=shards,
            text_column=text_column,
            with_path=with_path,
        )
        return _pick(
            built.as_streaming_dataset(split="train"), split, split_by, shares, date_cutoffs
        )
    num_proc = processes_for(len(crawl), num_proc)  # the key's hashing uses them too
    built = builder(
        options=chosen,
        cache_dir=cache_dir,
        listing=crawl,
        text_column=text_column,
        with_path=with_path,
        num_proc=num_proc,
    )
    built = prepare(built, num_proc)
    dataset = built.as_dataset(split="train")
    if chosen.strict:
        refuse_defects(dataset, built.listing.files)
    if dedup:
        dataset = drop_duplicates(dataset, dedup_threshold)
    return _pick(dataset, split, split_by, shares, date_cutoffs)


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
    if split in parts:
        return parts[split]
    if "[" not in split and "+" not in split:
        raise ValueError(f"no split {split!r}; the splits are {', '.join(parts)}")
    return sliced(parts, split)
