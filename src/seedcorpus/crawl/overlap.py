"""An output never lands on, over or inside the crawl it was made from: one rule for writers.

``export``, ``seedcorpus.report`` and ``seedcorpus lexicon -o`` call ``refuse_output_over_input``
before anything is parsed, so a swapped PATH and OUT is refused instead of replacing an article.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from ..errors import CorpusError
from .globbing import GLOB_CHARS
from .ids import is_remote, local_path
from .listing import Crawl, PathLike
from .walk import inside


def local_input(location: str) -> str | None:
    """The local path of an input: a plain path as given, a ``file:`` URL's path, else None.

    ``file:`` URLs are read as the crawl reads them (``ids.local_path``: `file:/x`,
    `file:///x`, `file://localhost/x`), so every spelling of an input is compared.
    """
    if is_remote(location):
        return None
    return local_path(location) or location


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
        local = local_input(item)
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


def refuse_output_over_input(out: str, listing: Crawl, path: PathLike | None) -> None:
    """Refuse an OUT that is an input article or the paths file, holds one, or lies in the input.

    ``path`` is how the crawl was named: a folder or glob was walked (nothing may be written
    inside it), a ``@paths-file`` is read too (it may not be replaced).
    """
    text = "" if path is None else os.fspath(path)
    paths_file = text[1:] if text.startswith("@") else None
    local = local_input(text)  # a `file://` folder is walked as a plain one
    folder = local is not None and os.path.isdir(local)
    walked = listing.root if path is None or folder or GLOB_CHARS & set(text) else None
    extra = [paths_file] if paths_file is not None else []
    check_not_over_input(out, listing.files, walked, extra)
