"""The crawl-level keyword lexicon as a product: compute it for a path, save it, load it.

``keyword_lexicon`` is the public function behind ``seedcorpus lexicon PATH -o FILE``: compute
once, then pass the lexicon to streaming runs and engines. The pass itself
(``corpus.crawl_lexicon``, ``corpus.with_crawl_lexicon``) lives beside the listing it reads.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import os
from typing import Any

from ..destinations import check_file_destination, replacing
from ..errors import CorpusError
from ..options import ParseOptions
from ..parse.lexicon import KeywordLexicon
from .corpus import PathLike, crawl_lexicon
from .listing import Crawl, as_crawl


def keyword_lexicon(
    path: PathLike | Crawl | None = None,
    *,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
) -> KeywordLexicon:
    """The crawl-level keyword lexicon of a path (None = the bundled corpus).

    Compute it once and pass it as ``ParseOptions(lexicon=...)`` where a run sees only part of
    a crawl: streaming ranks, ``parse_arrow`` batches, Spark or Ray tasks. Save it with
    ``save_lexicon`` (``seedcorpus lexicon PATH -o FILE`` on the command line).

    Args:
        path: a file, folder, glob, fsspec URL, ``@paths-file`` or ``Crawl``; the bundled
            corpus when None.
        options: how files are found and read (``max_bytes``, ``id_rule``); defaults when None.
        storage_options: options for fsspec when ``path`` is a URL.

    Returns:
        The lexicon: counts over every tag line of the crawl (only tag lines, titles and
        sources are read, never a full parse).
    """
    crawl, chosen = as_crawl(path, options, storage_options)
    return crawl_lexicon(crawl, chosen)


def save_lexicon(
    lexicon: KeywordLexicon, out: str | os.PathLike[str], *, overwrite: bool = False
) -> None:
    """Write a lexicon as JSON (written beside, then renamed: never half a file).

    An existing ``out`` is replaced only with ``overwrite`` (and only a regular file, never a
    link, device or folder), keeping its permissions.
    """
    target = os.fspath(out)
    check_file_destination(target, overwrite, "JSON file")
    kept = "nothing was written"
    with replacing(target, kept) as partial, open(partial, "w", encoding="utf-8") as stream:
        stream.write(lexicon.to_json() + "\n")


def load_lexicon(path: str | os.PathLike[str]) -> KeywordLexicon:
    """Read a lexicon file that ``save_lexicon`` (``seedcorpus lexicon``) wrote."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise CorpusError(f"{os.fspath(path)}: cannot read the lexicon ({exc.strerror})") from None
    try:
        return KeywordLexicon.from_json(text)
    except ValueError as exc:
        raise CorpusError(f"{os.fspath(path)}: {exc}") from None
