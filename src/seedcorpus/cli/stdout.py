"""Standard output for the commands: a failed write is one line naming it, never a traceback.

``seedcorpus list CRAWL > /dev/full`` (or a disk that fills, or a file over ``ulimit -f``) fails
inside a write or at the final flush with a bare ``[Errno 28]`` that names no file. The
commands write through ``NamedOutput``, which reports such a failure as "standard output:
cannot write it (...)", and ``settle`` keeps Python's own flush at exit from adding a second
message.

Part of the ``cli`` stage (the command line).
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, TextIO, cast

from ..errors import write_failure

#: The name a failed write gives, and what it means for the output.
NAME = "standard output"
STOPPED = "the output stopped there"


class NamedOutput:
    """A text stream whose failed writes name it (the rest is the wrapped stream's)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write, turning a full disk into one line that names standard output."""
        try:
            return self.stream.write(text)
        except OSError as exc:
            raise write_failure(NAME, exc, STOPPED) or exc from None

    def flush(self) -> None:
        """Flush, as ``write`` does."""
        try:
            self.stream.flush()
        except OSError as exc:
            raise write_failure(NAME, exc, STOPPED) or exc from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def named(stream: TextIO) -> TextIO:
    """``stream`` behind a ``NamedOutput`` (typed as the stream it stands for)."""
    return cast(TextIO, NamedOutput(stream))


def settle() -> None:
    """Flush standard output once more; if that fails, point it at ``/dev/null``.

    Called when a command ends with an error: data still buffered for a full disk would
    otherwise fail again at exit, printing "Exception ignored" and exiting 120.
    """
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
