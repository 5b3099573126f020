"""Article ids as a contract: one spelling per file, ids under ``ParseOptions.id_root``.

A file can be named many ways (``crawl/2023/x.txt``, ``./crawl/../crawl/2023/x.txt``,
``file:///abs/crawl/2023/x.txt``, Spark's ``file:/abs/crawl/2023/x.txt``, a path under a folder
symlink). ``canonical`` gives one spelling for all of them (folders resolved, the file itself
not, so a file symlink keeps its own name), and ``crawl_id`` makes the id from it: with
``id_root`` the path under that folder, so the same file has the same id however the crawl is
addressed and adding files never changes an existing id.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import functools
import os
import posixpath

from ..errors import CorpusError
from ..options import ParseOptions
from ..parse.parser import id_for
from . import remote

#: Protocols that name the local file system.
LOCAL_PROTOCOLS = ("file", "local")


def local_path(location: str) -> str | None:
    """The local path a ``file://`` (or Spark's ``file:/``) URL names; None for other URLs."""
    head, sep, rest = location.partition(":")
    if not sep or head not in LOCAL_PROTOCOLS or not rest.startswith("/"):
        return None  # a local name such as `file:x.txt` is a name, not a URL
    if rest.startswith("//"):
        rest = rest[2:]
        if not rest.startswith("/"):  # file://host/path: only the local host is a local path
            host, _, tail = rest.partition("/")
            if host not in ("", "localhost"):
                return None
            rest = "/" + tail
    return rest or "/"


def is_remote(location: str) -> bool:
    """Whether a location is a URL of a file system other than the local one."""
    return remote.is_url(location) and local_path(location) is None


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    """A local folder with symlinks and ``..`` resolved (cached: a crawl has few folders)."""
    return os.path.realpath(folder)


def canonical(location: str) -> str:
    """One spelling of a file or folder: a resolved local path, or a normalised URL."""
    local = local_path(location)
    if local is None and remote.is_url(location):
        protocol, _, rest = location.partition("://")
        return f"{protocol}://" + posixpath.normpath("/" + rest.lstrip("/"))
    path = os.path.abspath(local if local is not None else location)
    head, name = os.path.split(path)
    return os.path.join(_real_folder(head), name) if name else _real_folder(head)


def crawl_id(file: str, root: str, options: ParseOptions) -> str:
    """The id of a crawl's file: by ``id_root`` when set, else ``id_for`` under ``root``.

    Raises:
        CorpusError: the file lies outside ``id_root``.
    """
    if options.id_rule != "relative":
        return id_for(file, root, options.id_rule)
    if options.id_root is None:
        return id_under(file, root, "the crawl root")
    return id_under(file, options.id_root)


def id_under(file: str, id_root: str, what: str = "id_root") -> str:
    """The path of ``file`` under ``id_root`` without ``.txt``, in ``/`` form (the id)."""
    base = canonical(id_root).rstrip("/")
    where = canonical(file)
    if remote.is_url(base) != remote.is_url(where) or not where.startswith(base + "/"):
        raise CorpusError(
            f"{file}: lies outside {what} {id_root}; relative ids are paths under it, so "
            "every file must be inside it (set id_root to a folder that holds the whole crawl)"
        )
    relative = where[len(base) + 1 :]
    if not remote.is_url(where):
        relative = relative.replace(os.sep, "/")
    stem, dot, _ = relative.rpartition(".")
    return stem if dot and "/" not in relative[len(stem) :] and stem else relative
