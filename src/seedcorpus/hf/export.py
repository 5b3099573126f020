"""Every way out of the library, behind one dispatch used by the Python API and the CLI.

Formats: ``jsonl`` (one JSON record per line; ``-`` is standard output), ``parquet`` (one file)
and ``hf`` (a hub-ready folder that ``datasets.load_dataset(folder)`` reads offline with
exactly ``FEATURES``: ``data/train-<fingerprint>-*.parquet``, ``README.md``,
``croissant.json``). The format is inferred from OUT's extension when not given:
``.jsonl`` / ``.parquet``, a folder (``hf``) when OUT has no extension; any other extension is
refused with the list of formats.

Nothing is destroyed, faked or silently left out: every check (format, shards, splits, OUT
against the input and against files no export wrote, OUT's folder being writable) runs before
anything is parsed, and every write goes through the one output guard (``output.py``).

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

import json
import os
import sys
import typing
import warnings
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO

from ..crawl.corpus import Listing, PathLike, articles_of, with_crawl_lexicon
from ..crawl.listing import Crawl, SkippedFilesWarning, as_crawl, discover
from ..crawl.overlap import refuse_output_over_input
from ..crawl.remote import is_url
from ..errors import CorpusError
from ..models import Article
from ..options import ParseOptions, resolve
from ..training.splits import SplitBy, check_split_request
from . import output
from .about import DatasetIdentity, identity
from .jsonl import STDOUT, terminal_safe_json

FORMATS = ("jsonl", "parquet", "hf", "pairs")
#: OUT's extension -> format; no extension is a folder in the ``hf`` layout, others are refused.
EXTENSIONS = {".jsonl": "jsonl", ".parquet": "parquet"}
_FORMAT_HELP = (
    "OUT's extension names the format: .jsonl (jsonl), .parquet (parquet), no extension (an hf "
    "folder), or - (JSONL on standard output); or pass --format (output_format=)"
)


class SkippedEntriesWarning(SkippedFilesWarning):
    """Entries of the input left out of an export (``skipped``: (path, reason) pairs).

    A ``SkippedFilesWarning``, the crawl's own, so one filter or ``pytest.warns`` catches both.
    """

    def __init__(self, message: str, skipped: Sequence[tuple[str, str]]) -> None:
        super().__init__(message)
        self.skipped = list(skipped)


class SkippedEntriesError(CorpusError):
    """An export refused because entries of the input would be left out (``skipped``)."""

    def __init__(self, message: str, skipped: Sequence[tuple[str, str]]) -> None:
        super().__init__(message)
        self.skipped = list(skipped)


def infer_format(out: str, output_format: str | None = None) -> str:
    """The format to write: the one asked for, else from OUT's extension (``-`` is JSONL).

    An extension that names no format (``x.csv``, ``x.json``) is refused rather than guessed,
    and so is an extension that contradicts the format asked for (``--format jsonl x.parquet``).
    """
    extension = "" if out == STDOUT else os.path.splitext(out.rstrip("/" + os.sep))[1].lower()
    named = EXTENSIONS.get(extension)
    if output_format is not None:
        if output_format not in FORMATS:
            raise ValueError(
                f"unknown export format {output_format!r}; choose {', '.join(FORMATS)}"
            )
        if output_format == "pairs" and out != STDOUT and named is None:
            raise ValueError(f"{out}: pairs are written to a .parquet or .jsonl file")
        if named is not None and output_format != "pairs" and named != output_format:
            raise ValueError(f"{out}: the extension says {named}, not {output_format}")
        return output_format
    if out == STDOUT:
        return "jsonl"
    if named is not None:
        return named
    if not extension or os.path.isdir(out):
        return "hf"
    raise ValueError(f"{out}: unknown extension {extension!r}; {_FORMAT_HELP}")


def check_output(
    out: str,
    output_format: str,
    listing: Listing,
    overwrite: bool,
    path: PathLike | None = None,
) -> None:
    """Refuse, before parsing, an OUT that would replace the input or files no export wrote."""
    if out == STDOUT:
        if output_format not in ("jsonl", "pairs"):
            raise CorpusError(f"only jsonl can be written to standard output, not {output_format}")
        return
    refuse_output_over_input(out, listing, path)
    output.check_destination(out, output_format, overwrite)


def report_skipped(listing: Listing, skip_unreadable: bool) -> None:
    """Refuse (or, with ``skip_unreadable``, warn about) input entries the listing left out."""
    if not listing.skipped:
        return
    count = len(listing.skipped)
    shown = "; ".join(f"{p}: {r}" for p, r in listing.skipped[: output.SHOWN])
    more = f"; and {count - output.SHOWN} more" if count > output.SHOWN else ""
    if not skip_unreadable:
        raise SkippedEntriesError(
            f"{count} input entr{'y' if count == 1 else 'ies'} would be left out ({shown}{more}); "
            "nothing was written: fix them, or pass --skip-unreadable (skip_unreadable=True) "
            "to export without them",
            listing.skipped,
        )
    warnings.warn(
        SkippedEntriesWarning(
            f"{count} input entr{'y' if count == 1 else 'ies'} left out of the export "
            f"({shown}{more})",
            listing.skipped,
        ),
        stacklevel=3,
    )


def export(
    out: PathLike,
    path: PathLike | Crawl | None = None,
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
    fractions: Sequence[float] | None = None,
    date_cutoffs: Sequence[datetime] | None = None,
    skip_unreadable: bool = True,
) -> int:
    """Write the articles a path names (None = the bundled corpus); returns how many.

    ``output_format`` is ``jsonl``, ``parquet`` or ``hf`` (default: from OUT's extension, a
    folder when it has none). An existing OUT is refused unless ``overwrite``, and even then
    only an earlier export is replaced, never files no export wrote; ``shards`` (hf only) is
    the number of Parquet files. An export is complete or absent, one at a time per OUT.

    Args:
        out: the output file (``.jsonl``, ``.parquet``), folder (``hf``), or ``-`` (stdout).
        path: a file, folder, glob, fsspec URL, ``@paths-file`` or ``Crawl``; the bundled
            corpus when None.
        output_format: ``jsonl``, ``parquet`` or ``hf``; from OUT's extension when None.
        shards: the number of Parquet files (``hf`` only).
        options: how to parse (``ParseOptions``); the defaults when None.
        overwrite: replace an earlier export at OUT instead of refusing.
        num_proc: processes for building (``parquet`` and ``hf``).
        storage_options: options for fsspec when ``path`` is a URL.
        name: the dataset's name in the card (a crawl never claims the bundled corpus's).
        license_id: a hub licence id for the card, such as ``cc-by-4.0`` (default ``unknown``).
        version: the dataset's version for the card and Croissant file.
        text_column: add ``Article.text`` as a ``text`` column.
        split_by: ``"id"`` or ``"date"``: train, validation and test splits, one folder per
            split in the hub layout (``hf`` only; see ``load_dataset``). A split that would be
            empty is refused before anything is written.
        fractions: the split shares for ``split_by="id"`` (default 0.8, 0.1, 0.1); refused
            without it, as ``date_cutoffs`` are without ``split_by="date"``.
        date_cutoffs: two aware instants for ``split_by="date"``.
        skip_unreadable: export without the input entries the listing had to leave out
            (symlink loops, links leading out, names that are not UTF-8), with a
            ``SkippedEntriesWarning`` naming them; False refuses them (``SkippedEntriesError``).

    Returns:
        The number of articles written.

    Raises:
        CorpusError: OUT exists, holds the input or foreign files, is locked by another export
            or cannot be written; input problems.
        ValueError: an unknown format or extension, ``shards`` below 1, a bad split request.
    """
    target = os.fspath(out)
    if is_url(target):  # read as a local path it would become a folder named `s3:`
        raise CorpusError(
            f"{target}: export writes to the local file system, not to a URL; export to a "
            "local path, then copy it (for example with fsspec or your cloud's CLI)"
        )
    if target == STDOUT and sys.stdout is None:
        raise CorpusError("standard output is closed; give OUT a file name, or open stdout")
    chosen_format = infer_format(target, output_format)
    if shards < 1:
        raise ValueError(f"shards must be at least 1, not {shards}")
    shares = check_split_request(split_by, fractions, date_cutoffs)
    if split_by is not None and chosen_format != "hf":
        raise ValueError("split_by writes one folder per split: use the hf format")
    if isinstance(path, Crawl):
        listing, chosen = as_crawl(path, options, storage_options)
    else:  # listed without the crawl's own warning: report_skipped refuses or warns once
        chosen = resolve(options)
        listing = discover(path, chosen, storage_options)
    check_output(
        target, chosen_format, listing, overwrite, None if isinstance(path, Crawl) else path
    )
    report_skipped(listing, skip_unreadable)
    # The crawl's keyword evidence: here for the record writers; the Arrow build leaves it to
    # `prepare`, which skips it on a cache hit and counts in the build's processes.
    requested = chosen
    if target == STDOUT or chosen_format in ("jsonl", "pairs"):
        chosen = with_crawl_lexicon(listing, chosen)
    if target == STDOUT:
        with output.writing("standard output", "the output stopped there"):
            if chosen_format == "pairs":
                from .pairs import write_pairs

                count = write_pairs(listing, chosen, target)
            else:
                count = write_jsonl(articles_of(listing, chosen), target, text_column=text_column)
            sys.stdout.flush()  # a full disk shows here, not at exit
        return count
    with output.claimed(target):
        if chosen_format == "jsonl":
            with output.replacing_file(target, "jsonl", overwrite) as partial:
                return _jsonl_file(articles_of(listing, chosen), partial, text_column)
        if chosen_format == "pairs":
            from .pairs import write_pairs

            return write_pairs(listing, chosen, target, overwrite=overwrite)
        who = identity(listing.bundled, name, license_id, version)
        splitting = (split_by, shares, date_cutoffs)
        return _write_arrow(
            target,
            chosen_format,
            who,
            listing,
            requested,
            (shards, num_proc, text_column, overwrite),
            splitting,
        )


def write_jsonl(articles: Iterable[Article], out: str, *, text_column: bool = False) -> int:
    """Write one JSON record per line (UTF-8, Arabic unescaped); returns the count.

    ``-`` is standard output; a file goes through the output guard (``export`` checks more).
    """
    if out == STDOUT:
        return _jsonl_to(articles, sys.stdout, text_column)
    with output.claimed(out), output.replacing_file(out, "jsonl", overwrite=True) as partial:
        return _jsonl_file(articles, partial, text_column)


def _jsonl_file(articles: Iterable[Article], partial: str, text_column: bool) -> int:
    with open(partial, "w", encoding="utf-8") as handle:
        return _jsonl_to(articles, handle, text_column)


def _jsonl_to(articles: Iterable[Article], handle: IO[str], text_column: bool) -> int:
    count = 0
    for article in articles:
        line = article.model_dump_json()
        if text_column:
            line = line[:-1] + "," + json.dumps({"text": article.text}, ensure_ascii=False)[1:]
        handle.write(terminal_safe_json(line) + "\n")
        count += 1
    return count


def _write_arrow(
    out: str,
    output_format: str,
    who: DatasetIdentity,
    listing: Listing,
    options: ParseOptions,
    writing: tuple[int, int | None, bool, bool],
    splitting: tuple[SplitBy | None, Sequence[float], Sequence[datetime] | None],
) -> int:
    """Build the Arrow dataset once, then write Parquet or the hub folder from it."""
    import datasets

    from ..training.selection import split_dataset
    from .card import provenance
    from .dataset import builder, prepare, processes_for

    shards, num_proc, text_column, overwrite = writing
    num_proc = processes_for(len(listing), num_proc)  # the key's hashing uses them too
    built = builder(
        options=options,
        listing=listing,
        text_column=text_column,
        bundled=who.bundled,
        num_proc=num_proc,
    )
    built = prepare(built, num_proc)  # a worker's failure surfaces as its cause
    dataset = typing.cast(datasets.Dataset, built.as_dataset(split="train"))
    record = provenance(str(built.hash), bundled=who.bundled)
    if output_format == "parquet":
        with output.replacing_file(out, "parquet", overwrite) as partial:
            _to_parquet(dataset, Path(partial), record)
        return len(dataset)
    split_by, fractions, date_cutoffs = splitting
    parts = {"train": dataset}
    if split_by is not None:
        parts = dict(split_dataset(dataset, split_by, fractions, date_cutoffs))  # none empty
    with output.replacing_folder(out, overwrite) as folder:
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


def _to_parquet(dataset: typing.Any, out: Path, record: dict[str, str]) -> None:
    """Write Parquet with datasets' own schema metadata plus a ``seedcorpus`` provenance key."""
    import pyarrow.parquet as pq

    table = dataset.with_format("arrow")[:]  # its schema carries datasets' `huggingface` key
    metadata = dict(table.schema.metadata or {})
    metadata[b"seedcorpus"] = json.dumps(record).encode()
    pq.write_table(table.replace_schema_metadata(metadata), out)
