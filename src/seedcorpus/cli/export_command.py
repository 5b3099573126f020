"""The ``export`` command: write a crawl in a chosen format, naming every entry left out.

Part of the ``cli`` stage (the command line).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from typing import TextIO

from ..errors import CorpusError
from ..hf.export import SkippedEntriesError, SkippedEntriesWarning, export
from .arguments import options_from
from .display import printable


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """Write the articles in the chosen format; skipped input entries are named, never hidden."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SkippedEntriesWarning)
        try:
            count = export(
                args.out,
                args.path,
                output_format=args.output_format,
                shards=args.shards,
                options=options_from(args, args.path),
                overwrite=args.overwrite,
                num_proc=args.num_proc,
                storage_options=args.storage_options,
                name=args.name,
                license_id=args.license,
                version=args.dataset_version,
                text_column=args.text_column,
                split_by=args.split_by,
                fractions=args.fractions,
                date_cutoffs=args.date_cutoffs,
                skip_unreadable=args.skip_unreadable,
            )
        except SkippedEntriesError as exc:
            _name_skipped(exc.skipped)
            raise CorpusError(
                f"{len(exc.skipped)} input entr{'y' if len(exc.skipped) == 1 else 'ies'} could "
                "not be read (named above); nothing was written: fix them, or pass "
                "--skip-unreadable to export without them"
            ) from None
    skipped = []
    for warning in caught:
        if isinstance(warning.message, SkippedEntriesWarning):
            skipped.extend(warning.message.skipped)
        else:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    _name_skipped(skipped)
    if args.out != "-":
        entries = "entry" if len(skipped) == 1 else "entries"
        note = f" ({len(skipped)} input {entries} left out, named above)" if skipped else ""
        noun = "article" if count == 1 else "articles"
        out.write(f"wrote {count} {noun} to {printable(args.out)}{note}\n")
    return 0


def _name_skipped(skipped: Sequence[tuple[str, str]]) -> None:
    """Name every input entry left out, one escaped line each."""
    for path, reason in skipped:
        print(f"seedcorpus: {printable(path)}: skipped: {printable(reason)}", file=sys.stderr)
