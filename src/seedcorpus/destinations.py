"""Where an output may be written, and writing one file there safely: one rule for every writer.

``export`` (through ``hf/output.py``), ``seedcorpus.report`` and ``seedcorpus lexicon -o`` all
pass through here, so an output never replaces an input article or lands inside a walked input
folder (``check_not_over_input``), never replaces a symbolic link, a device, a FIFO or a folder
(``check_file_destination``), replaces an existing file only when asked, keeps the replaced
file's permissions, and is never seen half-written (``replacing``).

Part of the shared stage (imported by crawl, hf, reporting and the command line).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable, Iterator, Sequence

from .errors import KEPT, CorpusError, writing


def local_path(path: str) -> str | None:
    """The local file-system path of an input (``file://`` stripped), None for other URLs."""
    if "://" not in path:
        return path
    if path.startswith("file://"):
        return path[len("file://") :]
    head, sep, _ = path.partition("://")
    if sep and head.replace("+", "").replace("-", "").isalnum():
        return None
    return path


def inside(path: str, folder: str) -> bool:
    """Whether a real path is ``folder`` itself or under it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def check_not_over_input(
    out: str, inputs: Sequence[str], walked_root: str | None, extra: Iterable[str] = ()
) -> None:
    """Refuse an OUT that is an input, holds an input, or lies inside a walked input folder.

    ``inputs`` are the article files, ``extra`` other files the run reads (a paths file);
    ``walked_root`` is the folder a folder or glob input was listed from (None otherwise).
    Real paths are compared, so a symlink or ``..`` cannot hide the overlap; folders are
    resolved once each, not once per file.
    """
    target = os.path.realpath(out)
    target_folder, target_name = os.path.split(target)
    extra = list(extra)
    real_folders: dict[str, str] = {}
    for item in [*inputs, *extra]:
        local = local_path(item)
        if local is None:
            continue
        folder, _, name = local.rpartition(os.sep)
        real = real_folders.get(folder)
        if real is None:  # once per folder: a million files sit in a few thousand folders
            real = real_folders[folder] = os.path.realpath(folder or os.curdir)
            if inside(real, target):
                raise CorpusError(
                    f"{out}: OUT holds the input ({item}); writing there would replace it: "
                    "choose an OUT outside the input"
                )
        if (real == target_folder and name == target_name) or (
            len(inputs) == 1 and os.path.realpath(local) == target
        ):
            what = "the paths file" if item in extra else "one of the input articles"
            raise CorpusError(f"{out}: OUT is {what}; did you swap OUT and PATH?")
    if walked_root is not None and inside(target, os.path.realpath(walked_root)):
        raise CorpusError(f"{out}: OUT lies inside the input {walked_root}; write it elsewhere")


def check_file_destination(out: str, overwrite: bool, what: str = "file") -> None:
    """Refuse a one-file OUT that is not a regular file, or exists and may not be replaced.

    Replacing a symbolic link, a device (`/dev/null`) or a FIFO would swap the entry itself
    for a regular file instead of writing where it leads, so those are refused, as is a folder.
    """
    if not os.path.lexists(out):
        return
    if os.path.islink(out):
        raise CorpusError(
            f"{out}: is a symbolic link; give the path it points to ({os.path.realpath(out)})"
        )
    mode = os.stat(out).st_mode
    if stat.S_ISDIR(mode):
        raise CorpusError(f"{out}: is a folder; name the {what} to write")
    if not stat.S_ISREG(mode):
        raise CorpusError(f"{out}: is not a regular file (a device or FIFO); name a {what}")
    if not overwrite:
        raise CorpusError(
            f"{out}: already exists; pass --overwrite (command line) or overwrite=True to "
            "replace it"
        )


def keep_mode(out: str, partial: str) -> None:
    """Give a new output the permissions of the OUT it replaces (a user's chmod stays)."""
    try:
        mode = stat.S_IMODE(os.stat(out).st_mode)
    except FileNotFoundError:
        return  # a new OUT: created with the umask
    os.chmod(partial, mode)


@contextlib.contextmanager
def replacing(out: str, after: str = KEPT) -> Iterator[str]:
    """A uniquely named temporary file beside ``out``, renamed onto it on success.

    Never half a file at ``out``, two writers never share a temporary, a new file gets the
    umask's permissions and a replaced one keeps its own, and a failed write is one line
    naming ``out`` (``writing``); the temporary is removed on any failure.
    """
    folder = os.path.dirname(os.path.abspath(out))
    os.makedirs(folder, exist_ok=True)
    partial = os.path.join(folder, f".{os.path.basename(out)}.{os.getpid()}-{secrets.token_hex(4)}")
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))  # umask applies
    try:
        with writing(out, after):
            yield partial
            keep_mode(out, partial)
            os.replace(partial, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
