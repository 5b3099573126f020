"""Every way out of the library, behind one dispatch used by the Python API and the CLI.

Formats: ``jsonl`` (one JSON record per line; ``-`` is standard output), ``parquet`` (one file)
and ``hf`` (a hub-ready folder that ``datasets.load_dataset(folder)`` reads offline with
exactly ``FEATURES``: ``data/train-<fingerprint>-*.parquet``, ``README.md``,
``croissant.json``). The format is inferred from OUT's extension when not given:
``.jsonl`` / ``.parquet``, else a folder (``hf``).

Nothing is destroyed or faked: every check (format, shards, an existing OUT, OUT inside the
input) runs before anything is parsed; output is written under a temporary name beside OUT and
renamed into place at the end, so an interrupted export leaves the previous output intact.

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import typing
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO

from ..crawl.corpus import Listing, PathLike, articles_of, discover, with_crawl_lexicon
from ..errors import CorpusError
from ..models import Article
from ..options import ParseOptions, resolve
from ..training.splits import DEFAULT_FRACTIONS, SplitBy, check_split_request
from .about import DatasetIdentity, identity

FORMATS = ("jsonl", "parquet", "hf", "pairs")
#: OUT's extension -> format; anything else is a folder in the ``hf`` layout.
EXTENSIONS = {".jsonl": "jsonl", ".json": "jsonl", ".parquet": "parquet"}
STDOUT = "-"


def infer_format(out: str, output_format: str | None = None) -> str:
    """The format to write: the one asked for, else from OUT's extension (``-`` is JSONL)."""
    if output_format is not None:
        if output_format not in FORMATS:
            raise ValueError(
                f"unknown export format {output_format!r}; choose {', '.join(FORMATS)}"
            )
        return output_format
    if out == STDOUT:
        return "jsonl"
    return EXTENSIONS.get(os.path.splitext(out)[1].lower(), "hf")


def check_output(out: str, output_format: str, listing: Listing, overwrite: bool) -> None:
    """Refuse, before parsing, an OUT that would destroy the user's files or the input."""
    if out == STDOUT:
        if output_format != "jsonl":
            raise CorpusError(f"only jsonl can be written to standard output, not {output_format}")
        return
    target = os.path.realpath(out)
    inputs = {os.path.realpath(f) for f in listing.files}
    if target in inputs:
        raise CorpusError(f"{out}: OUT is one of the input articles; did you swap OUT and PATH?")
    root = os.path.realpath(listing.root)
    if target == root or target.startswith(root.rstrip(os.sep) + os.sep):
        raise CorpusError(f"{out}: OUT lies inside the input {listing.root}; write it elsewhere")
    if overwrite or not os.path.lexists(out):
        return
    if os.path.isdir(out) and not os.listdir(out):
        return
    raise CorpusError(
        f"{out}: already exists; pass --overwrite (command line) or overwrite=True to replace it"
    )


def export(
    out: PathLike,
    path: PathLike | None = None,
    *,
    output_format: str | None = None,
    shards: int = 1,
    options: ParseOptions | None = None,
    overwrite: bool = False,
    num_proc: int | None = None,
    storage_options: dict[str, typing.Any] | None = None,
    name: str | None = None,
    license_id: str | None = None,
    version: str | None = None,
    text_column: bool = False,
    split_by: SplitBy | None = None,
    fractions: Sequence[float] = DEFAULT_FRACTIONS,
    date_cutoffs: Sequence[datetime] | None = None,
) -> int:
    """Write the articles a path names (None = the bundled corpus); returns how many.

    ``output_format`` is ``jsonl``, ``parquet`` or ``hf`` (default: from OUT's extension, a
    folder otherwise). An existing OUT is refused unless ``overwrite``; ``shards`` (hf only) is
    the number of Parquet files.

    Args:
        out: the output file (``.jsonl``, ``.parquet``), folder (``hf``), or ``-`` (stdout).
        path: a file, folder, glob, fsspec URL or ``@paths-file``; the bundled corpus when None.
        output_format: ``jsonl``, ``parquet`` or ``hf``; from OUT's extension when None.
        shards: the number of Parquet files (``hf`` only).
        options: how to parse (``ParseOptions``); the defaults when None.
        overwrite: replace an existing OUT instead of refusing.
        num_proc: processes for building (``parquet`` and ``hf``).
        storage_options: options for fsspec when ``path`` is a URL.
        name: the dataset's name in the card (a crawl never claims the bundled corpus's).
        license_id: a hub licence id for the card, such as ``cc-by-4.0`` (default ``unknown``).
        version: the dataset's version for the card and Croissant file.
        text_column: add ``Article.text`` as a ``text`` column.
        split_by: ``"id"`` or ``"date"``: train, validation and test splits, one folder per
            split in the hub layout (``hf`` only; see ``load_dataset``).
        fractions: the split shares for ``split_by="id"``.
        date_cutoffs: two aware instants for ``split_by="date"``.

    Returns:
        The number of articles written.

    Raises:
        CorpusError: OUT exists, is an input file or lies inside the input; input problems.
        ValueError: an unknown format, or ``shards`` below 1.
    """
    target = os.fspath(out)
    chosen_format = infer_format(target, output_format)
    if shards < 1:
        raise ValueError(f"shards must be at least 1, not {shards}")
    check_split_request(split_by, fractions, date_cutoffs)
    if split_by is not None and chosen_format != "hf":
        raise ValueError("split_by writes one folder per split: use the hf format")
    chosen = resolve(options)
    listing = discover(path, chosen, storage_options)
    check_output(target, chosen_format, listing, overwrite)
    chosen = with_crawl_lexicon(listing, chosen)
    if chosen_format == "jsonl":
        return write_jsonl(articles_of(listing, chosen), target, text_column=text_column)
    if chosen_format == "pairs":
        return write_pairs(listing, chosen, target)
    who = identity(path is None, name, license_id, version)
    splitting = (split_by, fractions, date_cutoffs)
    return _write_arrow(
        target, chosen_format, who, listing, chosen, shards, num_proc, text_column, splitting
    )


def write_jsonl(articles: Iterable[Article], out: str, *, text_column: bool = False) -> int:
    """Write one JSON record per line (UTF-8, Arabic unescaped); returns the count."""
    if out == STDOUT:
        return _jsonl_to(articles, sys.stdout, text_column)
    with _replacing_file(out) as partial, open(partial, "w", encoding="utf-8") as handle:
        return _jsonl_to(articles, handle, text_column)


def _jsonl_to(articles: Iterable[Article], handle: IO[str], text_column: bool) -> int:
    count = 0
    for article in articles:
        line = article.model_dump_json()
        if text_column:
            line = line[:-1] + "," + json.dumps({"text": article.text}, ensure_ascii=False)[1:]
        handle.write(line + "\n")
        count += 1
    return count


@contextlib.contextmanager
def _replacing_file(out: str) -> Iterator[str]:
    """A temporary file beside ``out``, renamed onto it on success and removed on failure."""
    folder = os.path.dirname(os.path.abspath(out))
    os.makedirs(folder, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{os.path.basename(out)}.", dir=folder)
    os.close(handle)
    try:
        yield partial
        os.replace(partial, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


@contextlib.contextmanager
def _replacing_folder(out: str) -> Iterator[Path]:
    """A temporary folder beside ``out``, swapped into place on success, removed on failure."""
    parent = os.path.dirname(os.path.abspath(out))
    os.makedirs(parent, exist_ok=True)
    partial = tempfile.mkdtemp(prefix=f".{os.path.basename(out)}.", dir=parent)
    try:
        yield Path(partial)
        if os.path.lexists(out):
            old = tempfile.mkdtemp(prefix=f".{os.path.basename(out)}.old.", dir=parent)
            os.replace(out, os.path.join(old, "previous"))
            os.replace(partial, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(partial, out)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _write_arrow(
    out: str,
    output_format: str,
    who: DatasetIdentity,
    listing: Listing,
    options: ParseOptions,
    shards: int,
    num_proc: int | None,
    text_column: bool,
    splitting: tuple[SplitBy | None, Sequence[float], Sequence[datetime] | None],
) -> int:
    """Build the Arrow dataset once, then write Parquet or the hub folder from it."""
    import datasets

    from ..training.selection import split_dataset
    from .card import provenance
    from .dataset import builder, prepare

    built = builder(options=options, listing=listing, text_column=text_column, bundled=who.bundled)
    prepare(built, num_proc)
    dataset = typing.cast(datasets.Dataset, built.as_dataset(split="train"))
    record = provenance(str(built.hash), bundled=who.bundled)
    if output_format == "parquet":
        with _replacing_file(out) as partial:
            _to_parquet(dataset, Path(partial), record)
        return len(dataset)
    split_by, fractions, date_cutoffs = splitting
    parts = {"train": dataset}
    if split_by is not None:
        parts = dict(split_dataset(dataset, split_by, fractions, date_cutoffs))
    with _replacing_folder(out) as folder:
        _write_hub(folder, parts, shards, str(built.hash), who, record, split_by is not None)
    return len(dataset)


def _write_hub(
    folder: Path,
    parts: dict[str, typing.Any],
    shards: int,
    fingerprint: str,
    who: DatasetIdentity,
    record: dict[str, str],
    one_folder_per_split: bool,
) -> None:
    """The hub layout: Parquet shards per split, the dataset card and the Croissant file.

    The content fingerprint is in the shard names and so in the card's data_files: `datasets`
    names its cache of a folder after the folder's name and the card alone, and would serve an
    older export's rows for a same-named folder with the same card.
    """
    from .card import croissant_metadata, dataset_card

    patterns: dict[str, str] = {}
    for name, part in parts.items():
        where = folder / "data" / name if one_folder_per_split else folder / "data"
        where.mkdir(parents=True, exist_ok=True)
        count = min(shards, max(1, len(part)))
        prefix = f"{name}-{fingerprint}"
        for index in range(count):
            piece = part.shard(num_shards=count, index=index, contiguous=True)
            _to_parquet(piece, where / f"{prefix}-{index:05d}-of-{count:05d}.parquet", record)
        patterns[name] = f"{where.relative_to(folder).as_posix()}/{prefix}-*.parquet"
    first = next(iter(parts.values()))
    counts = {name: len(part) for name, part in parts.items()}
    card = dataset_card(
        counts, shards, fingerprint, who=who, data_files=patterns, features=first.features
    )
    (folder / "README.md").write_text(card, encoding="utf-8")
    croissant = croissant_metadata(
        sum(counts.values()), fingerprint, who=who, features=first.features
    )
    (folder / "croissant.json").write_text(
        json.dumps(croissant, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def write_pairs(listing: Listing, options: ParseOptions, out: str) -> int:
    """Write (anchor, related) article pairs from resolved read-also links; returns the count.

    Columns (``PAIRS_FEATURES``): ``anchor_id``, ``anchor_title``, ``anchor_text``,
    ``related_id``, ``related_title`` (the read-also title as written), ``related_text``.
    Parquet, or JSONL when OUT ends in ``.jsonl``.
    """
    from ..training.related import resolve_links

    articles = list(articles_of(listing, options))
    by_id = {a.id: a for a in articles}
    rows = [
        {
            "anchor_id": link.article_id,
            "anchor_title": by_id[link.article_id].title,
            "anchor_text": by_id[link.article_id].text,
            "related_id": link.target_id,
            "related_title": link.title,
            "related_text": by_id[link.target_id].text,
        }
        for link in resolve_links(articles)
        if link.target_id is not None
    ]
    if out.endswith(".jsonl"):
        with _replacing_file(out) as partial, open(partial, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        return len(rows)
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .schema import PAIRS_FEATURES

    table = pa.Table.from_pylist(rows, schema=PAIRS_FEATURES.arrow_schema)
    with _replacing_file(out) as partial:
        pq.write_table(table, partial)
    return len(rows)


def _to_parquet(dataset: typing.Any, out: Path, record: dict[str, str]) -> None:
    """Write Parquet with datasets' own schema metadata plus a ``seedcorpus`` provenance key."""
    import pyarrow.parquet as pq

    table = dataset.with_format("arrow")[:]  # its schema carries datasets' `huggingface` key
    metadata = dict(table.schema.metadata or {})
    metadata[b"seedcorpus"] = json.dumps(record).encode()
    pq.write_table(table.replace_schema_metadata(metadata), out)
