"""Writing one output file safely: one rule for every one-file writer.

``seedcorpus.report`` and ``seedcorpus lexicon -o`` (and export's own checks, ``hf/output.py``)
pass through here: an output never replaces a symbolic link, a device, a FIFO or a folder
(``check_file_destination``), replaces an existing file only when asked, keeps the replaced
file's permissions (``keep_mode``), and is never seen half-written (``replacing``). Where an
output may lie against its input crawl is ``crawl/overlap.py``.

Part of the shared stage (imported by crawl, hf, reporting and the command line).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Iterator

from .errors import KEPT, CorpusError, writing


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
def replacing(
    out: str,
    after: str = KEPT,
    *,
    temporary: str | None = None,
    check: Callable[[], None] | None = None,
) -> Iterator[str]:
    """A uniquely named temporary file beside ``out``, renamed onto it on success.

    Never half a file at ``out``, two writers never share a temporary, a new file gets the
    umask's permissions and a replaced one keeps its own, and a failed write is one line
    naming ``out`` (``writing``); the temporary is removed on any failure. ``temporary``
    names the temporary (export marks its own so a later run can clear a killed one's);
    ``check`` runs just before the rename (export looks at OUT once more there).
    """
    folder = os.path.dirname(os.path.abspath(out))
    os.makedirs(folder, exist_ok=True)
    partial = temporary or os.path.join(
        folder, f".{os.path.basename(out)}.{os.getpid()}-{secrets.token_hex(4)}"
    )
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))  # umask applies
    try:
        with writing(out, after):
            yield partial
            if check is not None:
                check()
            keep_mode(out, partial)
            os.replace(partial, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
