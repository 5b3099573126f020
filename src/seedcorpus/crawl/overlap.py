"""An output must never land on, over or inside the crawl it was made from: one rule for writers.

``export``, ``seedcorpus.report`` and ``seedcorpus lexicon -o`` call ``refuse_output_over_input``
before anything is parsed, so a swapped PATH and OUT is refused instead of replacing an article.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import os

from ..destinations import check_not_over_input
from .globbing import GLOB_CHARS
from .listing import Crawl, PathLike


def refuse_output_over_input(out: str, listing: Crawl, path: PathLike | None) -> None:
    """Refuse an OUT that is an input article or the paths file, holds one, or lies in the input.

    ``path`` is how the crawl was named: a folder or glob was walked (nothing may be written
    inside it), a ``@paths-file`` is read too (it may not be replaced).
    """
    text = "" if path is None else os.fspath(path)
    paths_file = text[1:] if text.startswith("@") else None
    walked = listing.root if path is None or os.path.isdir(text) or GLOB_CHARS & set(text) else None
    extra = [paths_file] if paths_file is not None else []
    check_not_over_input(out, listing.files, walked, extra)
