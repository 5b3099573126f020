"""Content digests of article files for cache keys, remembered by file status as git's index does.

Hashing every byte of a million files on each load would make a cached reload slow; hashing
nothing but modification times would serve stale rows after a same-second edit. So each file's
SHA-256 is stored with its size, modification time and inode, reused while those are unchanged,
and recomputed for files modified within ``RACY_SECONDS`` of the time the store was written
(their time stamp cannot prove they were not edited again since).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path

#: Files modified this close to the store's writing are always hashed again.
RACY_SECONDS = 2.0
_STORE_VERSION = 2


#: Bytes hashed at a time, so a huge file never sits in memory whole.
HASH_CHUNK = 1 << 20


def sha256_file(path: str) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks (the one hashing helper)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_digest(path: str) -> str:
    """The first 128 bits of a file's SHA-256, in hex (plenty to tell versions of a file apart)."""
    return sha256_file(path)[:32]


def content_fingerprint(files: Sequence[str], *, salt: str, store_dir: str | None) -> str:
    """One hash over ``salt`` and every file's name and content digest, in order.

    With ``store_dir``, digests are remembered there between calls (see the module docstring).
    """
    store_path = _store_path(files, store_dir) if store_dir else None
    known, written_ns = _load(store_path)
    trusted_before = written_ns - int(RACY_SECONDS * 1e9)
    changed = False
    total = hashlib.sha256(salt.encode() + b"\0")
    for file in files:
        status = os.stat(file)
        entry = known.get(file)
        if (
            entry is None
            or entry[0] != status.st_size
            or entry[1] != status.st_mtime_ns
            or entry[2] != status.st_ino
            or status.st_mtime_ns >= trusted_before
        ):
            entry = [status.st_size, status.st_mtime_ns, status.st_ino, file_digest(file)]
            known[file] = entry
            changed = True
        total.update(os.path.basename(file).encode() + b"\0" + str(entry[3]).encode())
    if store_path is not None and (changed or len(known) != len(files)):
        _save(store_path, {file: known[file] for file in files})
    return total.hexdigest()[:16]


def _store_path(files: Sequence[str], store_dir: str) -> Path:
    """One store per set of folders, named by a hash of the first file's folder."""
    root = os.path.dirname(os.path.abspath(files[0])) if files else ""
    name = hashlib.sha1(root.encode()).hexdigest()[:16]
    return Path(store_dir) / f"file-digests-{name}.json"


def _load(store: Path | None) -> tuple[dict[str, list[int | str]], int]:
    """The remembered digests and when they were written (empty when absent or unreadable)."""
    if store is None:
        return {}, 0
    try:
        data = json.loads(store.read_text(encoding="utf-8"))
        if data.get("version") != _STORE_VERSION:
            return {}, 0
        return dict(data["files"]), int(data["written_ns"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}, 0


def _save(store: Path, files: dict[str, list[int | str]]) -> None:
    """Write the store atomically; a failure only costs re-hashing next time."""
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        partial = store.with_suffix(f".{os.getpid()}.tmp")
        payload = {"version": _STORE_VERSION, "written_ns": time.time_ns(), "files": files}
        partial.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(partial, store)
    except OSError:
        pass
