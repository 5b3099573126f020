"""The crawl-level keyword lexicon as a product: compute it for a path, save it, load it.

``keyword_lexicon`` is the public function behind ``seedcorpus lexicon PATH -o FILE``: compute
once, then pass the lexicon to streaming runs and engines. The pass itself
(``corpus.crawl_lexicon``, ``corpus.with_crawl_lexicon``) lives beside the listing it reads.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import CorpusError, replacing
from ..options import ParseOptions, resolve
from ..parse.lexicon import KeywordLexicon
from .corpus import PathLike, crawl_lexicon, discover


def keyword_lexicon(
    path: PathLike | None = None,
    *,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
) -> KeywordLexicon:
    """The crawl-level keyword lexicon of a path (None = the bundled corpus).

    Compute it once and pass it as ``ParseOptions(lexicon=...)`` where a run sees only part of
    a crawl: streaming ranks, ``parse_arrow`` batches, Spark or Ray tasks. Save it with
    ``save_lexicon`` (``seedcorpus lexicon PATH -o FILE`` on the command line).

    Args:
        path: a file, folder, glob, fsspec URL or ``@paths-file``; the bundled corpus when None.
        options: how files are found and read (``max_bytes``, ``id_rule``); defaults when None.
        storage_options: options for fsspec when ``path`` is a URL.

    Returns:
        The lexicon: counts over every tag line of the crawl (only tag lines, titles and
        sources are read, never a full parse).
    """
    chosen = resolve(options)
    return crawl_lexicon(discover(path, chosen, storage_options), chosen)


def save_lexicon(lexicon: KeywordLexicon, out: str | os.PathLike[str]) -> None:
    """Write a lexicon as JSON (written beside, then renamed: never half a file)."""
    target = os.fspath(out)
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
