"""Which files a path names: a local file, folder or glob, or the entries of a paths file.

Local paths go through the one file rule (``walk``); paths-file entries must be article files,
relative ones are under the list's folder, a remote list names no local file, and local entries
obey the same symlink rule. What breaks a rule is skipped and named, or is an error naming it.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Sequence
from typing import Any

from ..errors import CorpusError
from ..options import ParseOptions
from . import remote
from .digests import snapshot
from .globbing import GLOB_CHARS, glob_root
from .ids import canonical, is_remote, local_path
from .walk import ARTICLE_SUFFIX, entry_problem, is_article_name, utf8, walk


def local_files(
    text: str, options: ParseOptions, skipped: list[tuple[str, str]]
) -> tuple[str, list[str]]:
    """(crawl root, files) of a local file, folder or glob."""
    if not utf8(text):
        raise CorpusError(f"{text!r}: the path is not valid UTF-8; rename it")
    if GLOB_CHARS & set(text) and not os.path.exists(text):
        root, relative = glob_root(text)
        found = walk(root, relative, skipped)
        what = f"the pattern {text!r} matches no article file"
    elif os.path.isdir(text):
        root, found = text, walk(text, None, skipped)
        what = f"the folder {text} holds no article file"
    elif os.path.lexists(text):
        root = os.path.dirname(text) or "."
        problem = entry_problem(text, os.path.realpath(options.id_root or root))
        if problem is not None:
            raise CorpusError(f"{text}: {problem}")
        snapshot([text], options.max_bytes)  # a huge file is refused here
        return root, [text]
    else:
        raise CorpusError(f"{text}: no such file or folder; check the path")
    if not found:
        raise CorpusError(
            f"{what}; article files are visible `*{ARTICLE_SUFFIX}` files "
            "(hidden names and symlinks leading outside the folder are skipped)"
        )
    return root, found


def paths_file_entries(
    location: str,
    storage_options: dict[str, Any],
    options: ParseOptions,
    skipped: list[tuple[str, str]],
) -> tuple[str, list[str]]:
    """(crawl root, entries) of a paths file: the file's folder, and its checked entries."""
    location = local_path(location) or location
    numbered = remote.read_paths_file(location, storage_options)
    if not numbered:
        raise CorpusError(f"{location}: the paths file lists no article file")
    from_remote = is_remote(location)
    folder = posixpath.dirname(location) if from_remote else os.path.dirname(location) or "."
    found = checked_entries(numbered, folder, options, skipped, source=location)
    return (canonical(folder) if from_remote else folder), found


def checked_entries(
    numbered: Sequence[tuple[int, str]],
    folder: str,
    options: ParseOptions,
    skipped: list[tuple[str, str]],
    *,
    source: str,
) -> list[str]:
    """Listed entries (line number, path or URL) resolved under ``folder`` and checked.

    Entries are article files (``*.txt``); relative ones are under ``folder``; entries listed
    from a remote ``source`` name no local file; local entries obey the one symlink rule
    (inside ``id_root``, or ``folder``), and what breaks it is skipped and named.
    """
    from_remote = is_remote(folder)
    link_root = os.path.realpath(options.id_root or folder) if not from_remote else ""
    found: list[str] = []
    # A list fetched from a URL names remote files only, whatever folder its entries are under
    # (an engine's remote paths file beside a local data folder included).
    remote_list = from_remote or is_remote(source)
    for number, entry in numbered:
        where = f"{source}:{number}: {entry!r}"
        target = local_path(entry) or entry
        if remote_list and not is_remote(target):
            if remote.is_url(entry) or target.startswith(("/", "~")) or not from_remote:
                raise CorpusError(f"{where}: a remote paths file may not name local files")
            target = canonical(posixpath.join(folder, target))  # no `..` left in a URL
        elif not remote.is_url(target) and not os.path.isabs(target):
            target = os.path.join(folder, target)
        if target.endswith("/") or not is_article_name(target.rsplit("/", 1)[-1]):
            raise CorpusError(
                f"{where}: not an article file; listed entries are visible "
                f"`*{ARTICLE_SUFFIX}` files"
            )
        if not remote.is_url(target):
            problem = entry_problem(target, link_root)
            if problem is not None:
                skipped.append((target, problem))
                continue
        found.append(target)
    if not found:
        why = f" ({skipped[0][0]!r}: {skipped[0][1]}, ...)" if skipped else ""
        raise CorpusError(f"{source}: lists no readable article file{why}")
    return found
