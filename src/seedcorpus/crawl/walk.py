"""The one rule for which local entries are read as articles, for folders, globs and lists.

Visible ``*.txt`` regular files. Hidden names are skipped; folder symlinks are never followed
(so no walk can loop); a file symlink is kept only when it leads to a regular file inside the
crawl root (so a link to ``/etc/passwd`` is never read); FIFOs, devices and sockets are never
opened (so nothing hangs); a name that is not valid UTF-8 is never dropped quietly. Everything
left out for a reason is returned as ``(path, reason)`` for the caller to count and name.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import errno
import os
import stat

from .globbing import FolderFilter, glob_regex

#: Files that are articles: visible names ending in this suffix.
ARTICLE_SUFFIX = ".txt"
NOT_UTF8 = "name is not valid UTF-8; rename it"
NOT_REGULAR = "not a regular file (a FIFO, device or socket); only article files are read"

Skipped = list[tuple[str, str]]


def is_article_name(name: str) -> bool:
    """The rule for which names are articles: visible `*.txt` files."""
    return name.endswith(ARTICLE_SUFFIX) and not name.startswith(".")


def utf8(name: str) -> bool:
    """Whether a name decoded from the file system is valid UTF-8 (no escaped bytes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def inside(real: str, root_real: str) -> bool:
    """Whether a resolved path is ``root_real`` or below it."""
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def link_problem(link: str, root_real: str) -> str | None:
    """Why a symlinked article must be skipped, or None when it leads to a file in the crawl."""
    try:
        real = os.path.realpath(link, strict=True)
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, OSError) and exc.errno == errno.ENOENT:
            return "dangling symlink"
        return "symlink loop"
    if not inside(real, root_real):
        return "symlink leads outside the crawl"
    if not os.path.isfile(real):
        return "symlink to something that is not a regular file"
    return None


def entry_problem(path: str, root_real: str) -> str | None:
    """Why one named local file (a single path, a paths-file entry) is not read, or None.

    A missing file is not a problem here: reading it raises, naming it.
    """
    if not utf8(path):
        return NOT_UTF8
    try:
        status = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(status.st_mode):
        return link_problem(path, root_real)
    if not stat.S_ISREG(status.st_mode):
        return NOT_REGULAR
    return None


def walk(root: str, pattern: str | None, skipped: Skipped) -> list[str]:
    """Article files under ``root`` whose path relative to it matches the glob ``pattern``.

    Folders that cannot hold a match are not entered; every entry skipped for a reason is
    appended to ``skipped``.
    """
    regex = glob_regex(pattern) if pattern is not None else None
    folders = FolderFilter(pattern) if pattern is not None else None
    root_real = os.path.realpath(root)
    prefix = root.rstrip(os.sep) + os.sep
    found: list[str] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            skipped.append((folder, f"cannot list the folder ({exc.strerror})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            # The path under the root, cut from the string (no relpath for a million files).
            relative = entry.path[len(prefix) :] if entry.path.startswith(prefix) else entry.name
            relative = relative.replace(os.sep, "/")
            if entry.is_dir(follow_symlinks=False):
                if folders is None or folders.accepts(relative):
                    if utf8(entry.name):
                        pending.append(entry.path)
                    else:
                        skipped.append((entry.path, NOT_UTF8))
                continue
            if not is_article_name(entry.name) or (regex and not regex.fullmatch(relative)):
                continue
            if not utf8(entry.name):
                skipped.append((entry.path, NOT_UTF8))
            elif entry.is_file(follow_symlinks=False):
                found.append(entry.path)
            elif entry.is_symlink():
                problem = link_problem(entry.path, root_real)
                if problem is None:
                    found.append(entry.path)
                else:
                    skipped.append((entry.path, problem))
            else:
                skipped.append((entry.path, NOT_REGULAR))
    return found
