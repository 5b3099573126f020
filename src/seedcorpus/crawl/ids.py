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

import os
import posixpath
from collections.abc import Sequence

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


def canonical_folder(folder: str) -> str:
    """One spelling of a folder: resolved (symlinks, ``..``) when local, normalised when a URL."""
    local = local_path(folder)
    if local is None and remote.is_url(folder):
        protocol, _, rest = folder.partition("://")
        return f"{protocol}://" + posixpath.normpath("/" + rest.lstrip("/"))
    return os.path.realpath(local if local is not None else folder or ".")


def canonical(location: str) -> str:
    """One spelling of a file: its folder's (``canonical_folder``) and its own name.

    The file itself is not resolved, so a file symlink keeps its own name and id.
    """
    location = local_path(location) or location
    head, sep, name = location.rpartition("/")
    folder = canonical_folder(head if head or not sep else "/")
    return folder.rstrip("/") + "/" + name


def crawl_id(file: str, root: str, options: ParseOptions) -> str:
    """The id of a crawl's file: by ``id_root`` when set, else ``id_for`` under ``root``.

    Raises:
        CorpusError: the file lies outside ``id_root``.
    """
    return crawl_ids([file], root, options)[0]


def crawl_ids(files: Sequence[str], root: str, options: ParseOptions) -> list[str]:
    """The ids of a crawl's files (``crawl_id`` for many, each folder resolved once)."""
    if options.id_rule != "relative":
        return [id_for(file, root, options.id_rule) for file in files]
    if options.id_root is None:
        return ids_under(files, root, "the crawl root")
    return ids_under(files, options.id_root)


def id_under(file: str, id_root: str, what: str = "id_root") -> str:
    """The path of ``file`` under ``id_root`` without ``.txt``, in ``/`` form (the id)."""
    return ids_under([file], id_root, what)[0]


def ids_under(files: Sequence[str], id_root: str, what: str = "id_root") -> list[str]:
    """The paths of files under ``id_root`` without ``.txt``, in ``/`` form (their ids).

    Raises:
        CorpusError: a file lies outside ``id_root`` (named ``what`` in the message).
    """
    base = canonical_folder(id_root).rstrip("/")
    prefix = base + "/"
    under: dict[str, str] = {}  # a file's folder as written -> its path under the root (each
    # folder is resolved once per call: a crawl has few folders and many files)
    out: list[str] = []
    for file in files:
        if file.startswith(LOCAL_PROTOCOLS):
            file = local_path(file) or file
        head, sep, name = file.rpartition("/")
        relative = under.get(head)
        if relative is None:
            real = canonical_folder(head if head or not sep else "/")
            if real == base:
                relative = ""
            elif real.startswith(prefix) and remote.is_url(real) == remote.is_url(base):
                relative = real[len(prefix) :] + "/"
            else:
                raise CorpusError(
                    f"{file}: lies outside {what} {id_root}; relative ids are paths under it, "
                    "so every file must be inside it (set id_root to a folder that holds the "
                    "whole crawl)"
                )
            under[head] = relative
        stem, dot, _ = name.rpartition(".")
        out.append(relative + (stem if dot and stem else name))
    return out
