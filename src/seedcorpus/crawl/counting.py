"""The crawl keyword pass's counting: one pass with shared tokens, split over processes.

``LexiconCounter`` (``parse/lexicon_counts.py``) counts every token as one shared string and
the pairs of all sources in one counter, so a crawl's counts stay as small as its vocabulary.
With ``processes`` the parts of a crawl are counted in worker processes (a map-reduce: the
counts are sums, and order sampling is by a checksum of each strip, so any split gives the
very lexicon one process gives).

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ..errors import CorpusError
from ..options import ParseOptions
from ..parse.lexicon import KeywordLexicon
from ..parse.lexicon_counts import LexiconCounter, order_every_for
from ..parse.parser import read_article_bytes
from ..parse.tag_lines import tag_line_of
from .digests import bytes_digest
from .listing import Crawl
from .sharding import bulk_collection, count_groups, frozen_heap

#: How a crawl's bytes are read: (file, id, bytes or the error that kept them), in order.
Reader = Callable[[Crawl, ParseOptions], Iterator[tuple[str, str, bytes | CorpusError]]]

T = TypeVar("T")

#: Below this many files per process, a worker costs more than it saves (start and merge).
MIN_FILES_PER_PROCESS = 500


def crawl_counts(
    listing: Crawl, options: ParseOptions, read: Reader, processes: int = 1
) -> KeywordLexicon:
    """The lexicon of every tag line of a listing, counted in ``processes`` processes.

    ``read`` is the crawl's reader (``corpus.read_all``). Only the title, source and tag line
    of each file are decoded; files that cannot be read are skipped here (the parse reports
    them). Remote crawls, and small ones, are counted in this process.
    """
    order_every = order_every_for(len(listing.files))
    counters = _in_parts(listing, processes, count_part, options, read, order_every)
    return _merged(counters).lexicon()


def count_part(
    listing: Crawl, options: ParseOptions, read: Reader, order_every: int
) -> LexiconCounter:
    """The counts of a listing's tag lines (the counter shares its tokens as it counts)."""
    total = LexiconCounter(order_every=order_every)
    with bulk_collection():
        for _, _, data in read(listing, options):
            if not isinstance(data, CorpusError):
                total.add(*tag_line_of(data))
    return total


def hash_and_count(
    listing: Crawl, options: ParseOptions, processes: int = 1
) -> tuple[list[str], KeywordLexicon]:
    """Every local file's content digest and the crawl's lexicon, from one read of each file.

    A cold build needs both: its cache key hashes every file, its rows need the keyword pass.
    Reading each file once for the two, in one set of worker processes, saves a pass over the
    crawl and a pool. A file that cannot be read raises its ``CorpusError`` (as hashing does).
    The digests are ``file_digest``'s and the lexicon is ``crawl_counts``'.
    """
    order_every = order_every_for(len(listing.files))
    parts = _in_parts(listing, processes, hash_and_count_part, options.max_bytes, order_every)
    found = [digest for part, _ in parts for digest in part]
    return found, _merged([counter for _, counter in parts]).lexicon()


def hash_and_count_part(
    listing: Crawl, max_bytes: int, order_every: int
) -> tuple[list[str], LexiconCounter]:
    """The digests of a local listing's files, in order, and the counts of their tag lines."""
    counter = LexiconCounter(order_every=order_every)
    found = []
    with bulk_collection():
        for file in listing.files:
            data = read_article_bytes(file, max_bytes)
            found.append(bytes_digest(data))
            counter.add(*tag_line_of(data))
    return found, counter


def _in_parts(listing: Crawl, processes: int, work: Callable[..., T], *args: Any) -> list[T]:
    """``work(part, *args)`` for contiguous parts of a listing, each in its own process.

    One part (in this process) for remote listings and for fewer than
    ``MIN_FILES_PER_PROCESS`` files per process.
    """
    processes = min(processes, len(listing.files) // MIN_FILES_PER_PROCESS)
    if processes <= 1 or listing.remote:
        return [work(listing, *args)]
    parts = [listing.select(group) for group in count_groups(len(listing.files), processes)]
    with frozen_heap(), multiprocessing.get_context().Pool(len(parts)) as pool:
        return pool.starmap(work, [(part, *args) for part in parts])


def _merged(counters: list[LexiconCounter]) -> LexiconCounter:
    """The first counter with the others' counts added (keys stay per worker)."""
    total = counters[0]
    for other in counters[1:]:
        total.merge(other)
    return total
