"""The one guard every output passes: where OUT may be, what it may replace, how it appears.

``export`` (Python and the command line) and the datatrove ``ArticleWriter`` write through it:

- **Where:** OUT is never an input file, never a folder that holds input files (``--overwrite``
  would delete them), and never inside a folder or glob input.
- **What it replaces:** an existing OUT only with ``overwrite``, and only what an export wrote.
  A folder carries a manifest (``.seedcorpus-manifest.json``) of the files its export wrote;
  any other file in it is foreign and is named in the refusal. A single file must be an
  export's own (Parquet with the ``seedcorpus`` key, JSONL of records).
- **One at a time:** a lock file beside OUT; a lock left by a dead process is taken over.
- **Complete or absent:** output is built under a temporary name beside OUT and renamed into
  place whole. Temporaries of a killed run are removed by the next run for the same OUT, and a
  swap killed between its two renames is undone.
- **Never the working folder:** a folder OUT that is (or holds) the current directory is
  refused, since swapping it in whole would leave the shell in a deleted folder.
- **Readable by others:** files and folders are created with the process's umask; an OUT that
  is replaced keeps its own permissions.
- **Failed writes** (a full disk, a file over the size limit) are one line naming OUT.

Light on purpose (``import seedcorpus`` reaches it): ``pyarrow`` is imported only to recognise
an earlier Parquet export. Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..crawl.overlap import check_not_over_input
from ..crawl.overlap import local_input as local_path
from ..crawl.walk import inside
from ..destinations import keep_mode, replacing
from ..errors import KEPT, CorpusError, write_failure, writing
from .manifest import (
    BOOKKEEPING,
    MANIFEST_NAME,
    SHOWN,
    STAGING_NAME,
    folder_files,
    foreign_among,
    local_manifest,
    looks_like_an_export,
    manifest_text,
    read_manifest,
    refuse_foreign,
)

#: Re-exported: the guard is the one place callers ask about outputs.
__all__ = [
    "BOOKKEEPING",
    "KEPT",
    "MANIFEST_NAME",
    "SHOWN",
    "STAGING_NAME",
    "OutputBusy",
    "check_destination",
    "check_not_over_input",
    "claimed",
    "folder_files",
    "foreign_among",
    "is_claimed",
    "local_manifest",
    "local_path",
    "looks_like_an_export",
    "manifest_text",
    "read_manifest",
    "refuse_current_folder",
    "refuse_foreign",
    "replacing_file",
    "replacing_folder",
    "write_failure",
    "writing",
]

_TEMPORARY = ".seedcorpus-tmp-"
_PREVIOUS = ".seedcorpus-old-"
_LOCK = ".seedcorpus-lock"
#: The OUTs this process holds (absolute paths), so it never takes over its own lock.
_HELD: set[str] = set()


class OutputBusy(CorpusError):
    """Another export holds OUT (its lock file names a live process)."""


def check_destination(out: str, output_format: str, overwrite: bool) -> None:
    """Refuse an existing OUT that this export may not replace (before anything is parsed)."""
    if not os.path.lexists(out):
        return
    if os.path.islink(out):  # replacing it would drop the link, not write where it points
        raise CorpusError(
            f"{out}: is a symbolic link; give the path it points to ({os.path.realpath(out)})"
        )
    if output_format == "hf":
        if not os.path.isdir(out):
            raise CorpusError(f"{out}: is a file; the hf format writes a folder")
        refuse_current_folder(out)
        listed = local_manifest(out)
        refuse_foreign(out, foreign_among(folder_files(out), listed))
        if listed is not None and not overwrite:
            raise CorpusError(
                f"{out}: already holds an export; pass --overwrite (command line) or "
                "overwrite=True to replace it"
            )
        return
    if os.path.isdir(out) and not os.path.islink(out):
        raise CorpusError(f"{out}: is a folder; the {output_format} format writes one file")
    if not overwrite:
        raise CorpusError(
            f"{out}: already exists; pass --overwrite (command line) or overwrite=True to "
            "replace it"
        )
    if not looks_like_an_export(out, output_format):
        raise CorpusError(
            f"{out}: holds data that no export wrote; --overwrite replaces only an earlier "
            "export: remove it yourself, or choose another OUT"
        )


def refuse_current_folder(out: str) -> None:
    """Refuse an OUT folder that is the working folder or holds it.

    A folder export is swapped in whole (complete or absent), so the folder a shell stands in
    would be replaced by a new one, leaving the shell in a deleted folder. Refused rather than
    rewritten file by file, which would give up the whole swap: run it from the parent.
    """
    try:
        here = os.path.realpath(os.getcwd())
    except OSError:  # the working folder is gone already: nothing to protect
        return
    if inside(here, os.path.realpath(out)):
        raise CorpusError(
            f"{out}: is the folder you are in (or holds it), and an export replaces its folder "
            "whole, which would leave your shell in a deleted folder: run it from another "
            "folder (cd .. and export to the folder's name)"
        )


def _parts(out: str) -> tuple[str, str]:
    """(parent folder, name) of OUT, made absolute so that ``.`` has a name."""
    full = os.path.abspath(out)
    return os.path.dirname(full), os.path.basename(full)


def _alive(pid: int) -> bool:
    """Whether a process of this host is running (a reused id of ours does not count).

    Ids below 1 are no process (``kill(-1, 0)`` would ask about every process).
    """
    if pid < 1 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: str) -> None:
    """Remove a file, link or folder, whatever it is."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _take_lock(out: str, lock: str) -> None:
    """Create the lock file exclusively; take it over when its process is gone."""
    holder = f"{os.getpid()} {socket.gethostname()}\n"
    for _attempt in range(3):
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:
            try:
                pid_text, _, host = Path(lock).read_text(encoding="utf-8").strip().partition(" ")
                pid = int(pid_text)
            except (OSError, ValueError):
                pid, host = -1, socket.gethostname()  # half-written by a killed run
            if host == socket.gethostname() and not _alive(pid):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(lock)
                continue
            raise OutputBusy(
                f"{out}: another export to it is running (process {pid} on {host}); wait for "
                f"it to end, or delete {lock} if none runs"
            ) from None
        except OSError as exc:
            raise CorpusError(
                f"{out}: cannot write there ({exc.strerror}); choose a folder you can write to"
            ) from None
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(holder)
        return
    raise CorpusError(f"{out}: could not take the lock {lock}; delete it if no export runs")


def _recover(parent: str, name: str) -> None:
    """Undo a swap killed between its renames, then remove every leftover temporary."""
    out = os.path.join(parent, name)
    temporary, previous = f".{name}{_TEMPORARY}", f".{name}{_PREVIOUS}"
    try:
        leftovers = [e for e in os.listdir(parent) if e.startswith((temporary, previous))]
    except OSError:
        return
    olds = sorted(e for e in leftovers if e.startswith(previous))
    if olds and not os.path.lexists(out):
        os.replace(os.path.join(parent, olds[-1]), out)
        leftovers.remove(olds[-1])
    for entry in leftovers:
        _remove(os.path.join(parent, entry))


def _make_folders(folder: str) -> list[str]:
    """Create a folder and its missing parents; returns those created, deepest first."""
    created: list[str] = []
    current = folder
    while current and not os.path.isdir(current):
        created.append(current)
        current = os.path.dirname(current)
    for path in reversed(created):
        try:
            os.mkdir(path)
        except FileExistsError:
            pass
        except OSError as exc:
            raise CorpusError(
                f"{path}: cannot create the folder ({exc.strerror}); choose an OUT you can write to"
            ) from None
    return created


@contextlib.contextmanager
def claimed(out: str) -> Iterator[None]:
    """Hold OUT for one export: lock it, clean a killed run's leftovers; release at the end.

    Taking the lock also proves, before anything is parsed, that OUT's folder can be written.
    Folders created for OUT are removed again when the export fails.
    """
    parent, name = _parts(out)
    full = os.path.join(parent, name)
    if full in _HELD:
        raise OutputBusy(f"{out}: another export to it is running in this process")
    created = _make_folders(parent)
    lock = os.path.join(parent, f".{name}{_LOCK}")
    try:
        _take_lock(out, lock)
    except BaseException:
        _remove_empty(created)
        raise
    _HELD.add(full)
    try:
        _recover(parent, name)
        yield
    except BaseException:
        _remove_empty(created)
        raise
    finally:
        _HELD.discard(full)
        with contextlib.suppress(OSError):
            os.unlink(lock)


def is_claimed(out: str) -> bool:
    """Whether this process holds OUT (inside ``claimed(out)``)."""
    parent, name = _parts(out)
    return os.path.join(parent, name) in _HELD


def _remove_empty(folders: Sequence[str]) -> None:
    """Remove folders created for an export that failed, deepest first, if still empty."""
    for folder in folders:
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def _temporary_name(out: str) -> str:
    parent, name = _parts(out)
    return os.path.join(parent, f".{name}{_TEMPORARY}{os.getpid()}-{secrets.token_hex(4)}")


@contextlib.contextmanager
def replacing_file(out: str, output_format: str, overwrite: bool) -> Iterator[str]:
    """A temporary file beside OUT (umask permissions), renamed onto OUT on success.

    Call it under ``claimed(out)``; OUT is checked again just before the rename.
    """
    full = os.path.abspath(out)
    with replacing(
        out,
        temporary=_temporary_name(full),
        check=lambda: check_destination(full, output_format, overwrite),
    ) as partial:
        yield partial


@contextlib.contextmanager
def replacing_folder(out: str, overwrite: bool) -> Iterator[Path]:
    """A temporary folder beside OUT, given a manifest and swapped in whole on success.

    Call it under ``claimed(out)``. Just before the swap OUT is checked again (no foreign file
    may have appeared); the previous OUT is moved aside, the new one renamed into place and the
    previous one removed, so a reader sees the old export or the new one, never a mix.
    """
    full = os.path.abspath(out)  # once: renaming OUT moves the working folder when OUT is it
    partial = _temporary_name(full)
    os.mkdir(partial, 0o777)
    try:
        with writing(out):
            yield Path(partial)
            written = [f for f in folder_files(partial) if f.split("/", 1)[0] not in BOOKKEEPING]
            Path(partial, MANIFEST_NAME).write_text(manifest_text(written), encoding="utf-8")
        check_destination(full, "hf", overwrite)
        keep_mode(full, partial)
        if os.path.lexists(full):
            parent, name = _parts(full)
            previous = os.path.join(parent, f".{name}{_PREVIOUS}{secrets.token_hex(4)}")
            os.replace(full, previous)
            os.replace(partial, full)
            _remove(previous)
        else:
            os.replace(partial, full)
    except BaseException:
        _remove(partial)
        raise
