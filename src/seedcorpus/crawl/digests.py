"""Content digests of article files for cache keys, remembered by file status as git's index does.

Hashing every byte of a million files on each load would make a cached reload slow; hashing
nothing but modification times would serve stale rows after a same-second edit. So each file's
SHA-256 is stored with its size, modification time, inode, device and change time (ctime, which
no tool can set back), reused while all are unchanged, and recomputed for files modified within
``RACY_SECONDS`` of the time the store was written (their time stamps cannot prove they were
not edited again since). Files are hashed in chunks, after their size was checked.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import multiprocessing
import os
import stat
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import CorpusError, too_big
from .sharding import frozen_heap

#: Files modified this close to the store's writing are always hashed again.
RACY_SECONDS = 2.0
_STORE_VERSION = 4


#: Bytes hashed at a time, so a huge file never sits in memory whole.
HASH_CHUNK = 1 << 20


def sha256_file(path: str) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks (the one hashing helper)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def bytes_digest(data: bytes) -> str:
    """The digest ``file_digest`` gives a file holding ``data`` (bytes already read)."""
    return hashlib.sha256(data).hexdigest()[:32]


def file_digest(path: str) -> str:
    """The first 128 bits of a file's SHA-256, in hex (plenty to tell versions of a file apart).

    A file deleted between the crawl's listing and its hashing is the reader's error
    (``CorpusError``, as a later deletion gives), not a bare ``FileNotFoundError``.
    """
    try:
        return sha256_file(path)[:32]
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such article file; check the path") from None


#: What a file's status must keep for its remembered digest to be trusted: size, mtime, inode,
#: device and ctime (no tool can set ctime back, as git's index relies on).
Status = tuple[int, int, int, int, int]


def snapshot(files: Sequence[str], max_bytes: int) -> list[Status]:
    """Every file's status, refusing anything but regular files within ``max_bytes``.

    Checked before any byte is hashed, so a FIFO never blocks and a huge file is never read.
    """
    statuses: list[Status] = []
    for file in files:
        try:
            status = os.stat(file)
        except OSError as exc:
            raise CorpusError(f"{file}: cannot read ({exc.strerror}); check the path") from None
        if not stat.S_ISREG(status.st_mode):
            raise CorpusError(f"{file}: not a regular file; only article files are read")
        if status.st_size > max_bytes:
            raise too_big(file, status.st_size, max_bytes)
        statuses.append(
            (status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev, status.st_ctime_ns)
        )
    return statuses


def content_fingerprint(
    files: Sequence[str],
    *,
    salt: str,
    store_dir: str | None,
    statuses: Sequence[Status] | None = None,
    max_bytes: int = 1 << 62,
    names: Sequence[str] | None = None,
) -> str:
    """One hash over ``salt`` and every file's name and content digest, in order.

    ``names`` are what the rows call the files (their ids; the file names when None), so a
    renamed folder under relative ids is a new key. With ``store_dir``, digests are remembered
    there between calls (see the module docstring). ``statuses`` (from ``snapshot``) saves
    statting the files again.
    """
    if statuses is None:
        statuses = snapshot(files, max_bytes)
    found = file_digests(files, statuses, store_dir)
    if names is None:
        names = [file[file.rfind(os.sep) + 1 :] for file in files]
    return combine(salt, names, found)


def combine(salt: str, names: Sequence[str], found: Sequence[str]) -> str:
    """The cache key over a salt and (name, content digest) pairs, in order."""
    # One update of the pairs joined and encoded at once hashes the very bytes one update per
    # pair did (the file system encoding encodes character by character).
    joined = os.fsencode("".join([f"{n}\0{d}" for n, d in zip(names, found, strict=True)]))
    return hashlib.sha256(salt.encode() + b"\0" + joined).hexdigest()[:16]


#: Below this many files to hash per process, a worker costs more than it saves.
MIN_HASHES_PER_PROCESS = 500


#: How the files to hash are hashed: (files, processes) -> their digests, in order.
Hasher = Callable[[list[str], int], list[str]]


def file_digests(
    files: Sequence[str],
    statuses: Sequence[Status],
    store_dir: str | None,
    processes: int = 1,
    hasher: Hasher | None = None,
) -> list[str]:
    """Every file's content digest, remembered in ``store_dir`` while its status is unchanged.

    The files to hash are hashed in ``processes`` processes when there are enough of them: a
    cold build's key is otherwise a serial pass over every byte before its workers start.
    ``hasher`` hashes them instead (``file_digest``'s digests, with work of its own done on
    the same read: a cold build's keyword pass).
    """
    store_path = _store_path(files, store_dir) if store_dir else None
    names, remembered, found, written_ns = _load(store_path)
    trusted_before = written_ns - int(RACY_SECONDS * 1e9)
    flat = list(itertools.chain.from_iterable(statuses))
    if names == list(files) and remembered == flat and max(flat[1::5], default=0) < trusted_before:
        return found  # a reload: every file as remembered, compared in bulk
    known = {name: (tuple(remembered[i * 5 : i * 5 + 5]), found[i]) for i, name in enumerate(names)}
    stale = [
        index
        for index, (file, status) in enumerate(zip(files, statuses, strict=True))
        if (entry := known.get(file)) is None or entry[0] != status or status[1] >= trusted_before
    ]
    hashed = (hasher or hashed_files)([files[i] for i in stale], processes)
    for index, digest in zip(stale, hashed, strict=True):
        known[files[index]] = (statuses[index], digest)
    out = [known[file][1] for file in files]
    if store_path is not None and (stale or names != list(files)):
        _save(store_path, list(files), flat, out)
    return out


def hashed_files(files: list[str], processes: int) -> list[str]:
    """``file_digest`` of each file, in order, in up to ``processes`` processes."""
    processes = min(processes, len(files) // MIN_HASHES_PER_PROCESS)
    if processes <= 1:
        return [file_digest(file) for file in files]
    with frozen_heap(), multiprocessing.get_context().Pool(processes) as pool:
        return pool.map(file_digest, files, chunksize=max(1, len(files) // (processes * 4)))


def _store_path(files: Sequence[str], store_dir: str) -> Path:
    """One store per set of folders, named by a hash of the first file's folder."""
    root = os.path.dirname(os.path.abspath(files[0])) if files else ""
    name = hashlib.sha1(root.encode()).hexdigest()[:16]
    return Path(store_dir) / f"file-digests-{name}.json"


def _load(store: Path | None) -> tuple[list[str], list[int], list[str], int]:
    """The remembered files, statuses, digests, and when they were written.

    Statuses are flat, five numbers a file; all are empty when absent or unreadable.
    """
    if store is None:
        return [], [], [], 0
    try:
        data = json.loads(store.read_text(encoding="utf-8"))
        if data.get("version") != _STORE_VERSION:
            return [], [], [], 0
        files, statuses = list(map(str, data["files"])), list(map(int, data["statuses"]))
        found = str(data["digests"]).split(" ") if files else []
        if len(statuses) != 5 * len(files) or len(found) != len(files):
            return [], [], [], 0
        return files, statuses, found, int(data["written_ns"])
    except (OSError, ValueError, KeyError, TypeError):
        return [], [], [], 0


def _save(store: Path, files: list[str], statuses: list[int], found: list[str]) -> None:
    """Write the store atomically; a failure only costs re-hashing next time.

    Compact, to be read fast on every reload: the names, the statuses as one flat list and
    the digests as one string.
    """
    partial = store.with_suffix(f".{os.getpid()}.tmp")
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "version": _STORE_VERSION,
            "written_ns": time.time_ns(),
            "files": files,
            "statuses": statuses,
            "digests": " ".join(found),
        }
        partial.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, store)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
