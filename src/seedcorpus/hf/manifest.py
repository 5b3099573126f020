"""What an export wrote: its manifest, and how an earlier export's files are recognised.

A folder export carries ``.seedcorpus-manifest.json``, the files it wrote; any other file in an
output folder is foreign, and the output guard (``output.py``) refuses to replace it. A single
OUT file is recognised as an export by its content (Parquet with the ``seedcorpus`` key, JSONL
whose first record has every article or read-also pair field).

Part of the ``hf`` stage (Hugging Face); light on purpose, like ``output.py``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .._version import __version__
from ..errors import CorpusError

#: The list of files an export wrote into its folder (relative POSIX paths).
MANIFEST_NAME = ".seedcorpus-manifest.json"
#: Where datatrove tasks keep their shards until the last one publishes them.
STAGING_NAME = ".seedcorpus-staging"
#: Names of our own bookkeeping inside an output folder: never foreign, never listed.
BOOKKEEPING = frozenset({MANIFEST_NAME, STAGING_NAME})
#: How many foreign files a refusal names before it says "and N more".
SHOWN = 5


def read_manifest(text: str) -> set[str] | None:
    """The files a manifest lists, or None when the text is not a manifest."""
    try:
        files = json.loads(text)["files"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return set(files)


def manifest_text(files: Iterable[str]) -> str:
    """A manifest listing ``files`` (relative POSIX paths)."""
    body = {"written_by": f"seedcorpus {__version__}", "files": sorted(files)}
    return json.dumps(body, indent=1) + "\n"


def foreign_among(files: Iterable[str], listed: set[str] | None) -> list[str]:
    """The files (relative POSIX paths) that no export wrote: not listed, not bookkeeping."""
    known = listed or set()
    return sorted(f for f in files if f not in known and f.split("/", 1)[0] not in BOOKKEEPING)


def folder_files(folder: str) -> list[str]:
    """Every file and symlink under a local folder, relative, without following links."""
    found: list[str] = []
    for current, folders, names in os.walk(folder):
        relative = os.path.relpath(current, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for name in folders:
            if os.path.islink(os.path.join(current, name)):
                found.append(prefix + name)
        found.extend(prefix + name for name in names)
        if not prefix:
            folders[:] = [name for name in folders if name not in BOOKKEEPING]
    return found


def local_manifest(folder: str) -> set[str] | None:
    """The manifest of a local output folder, or None when it has none."""
    try:
        text = Path(folder, MANIFEST_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return read_manifest(text)


def refuse_foreign(out: str, foreign: Sequence[str]) -> None:
    """Refuse an OUT folder holding files no export wrote, naming them."""
    if not foreign:
        return
    shown = ", ".join(foreign[:SHOWN])
    more = f" and {len(foreign) - SHOWN} more" if len(foreign) > SHOWN else ""
    raise CorpusError(
        f"{out}: holds files that no export wrote ({shown}{more}); an export replaces only "
        "what an earlier export wrote: move them, or choose another OUT"
    )


#: Keys every exported record has: an article's fields, or a read-also pair's. A user's JSONL
#: with an ``id`` (labels, say) is not an export and is never replaced.
ARTICLE_KEYS = frozenset(
    {"id", "title", "published_at", "body", "keywords", "read_also", "defects"}
)
PAIR_KEYS = frozenset({"anchor_id", "anchor_title", "related_id"})


def looks_like_an_export(path: str, output_format: str) -> bool:
    """Whether a file is an earlier export's: Parquet with our key, or JSONL of records."""
    try:
        if output_format in ("parquet", "pairs") and not path.endswith(".jsonl"):
            import pyarrow.parquet as pq

            return b"seedcorpus" in (pq.read_schema(path).metadata or {})
        with open(path, "rb") as handle:
            first = handle.readline(1 << 24)
    except (OSError, ValueError):
        return False
    if not first.strip():  # an export of no rows (pairs); replacing it loses nothing
        return True
    try:
        record = json.loads(first)
    except ValueError:
        return False
    if not isinstance(record, dict):
        return False
    return record.keys() >= ARTICLE_KEYS or record.keys() >= PAIR_KEYS
