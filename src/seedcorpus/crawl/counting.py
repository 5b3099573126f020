"""The crawl keyword pass's counting: in chunks with shared keys, and split over processes.

``LexiconCounter`` (``parse/lexicon_counts.py``) makes fresh strings for every token it counts,
so a crawl's counts held one string pair per pair key per source: memory grew with the crawl
(112 MiB of counters at 100,000 articles whose tags use a few hundred words). Here a crawl is
counted in chunks, and each chunk's keys are swapped for one shared copy of each token and
token pair before it is merged into the total: the same counts, so the same lexicon, in a
fraction of the memory. With ``processes`` the chunks are counted in worker processes (a
map-reduce: the counts are sums, and order sampling is by a checksum of each strip, so any
split gives the very lexicon one process gives).

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import Any

from ..errors import CorpusError
from ..options import ParseOptions
from ..parse.lexicon import KeywordLexicon
from ..parse.lexicon_counts import LexiconCounter, order_every_for
from ..parse.tag_lines import tag_line_of
from .listing import Crawl
from .sharding import count_groups

#: How a crawl's bytes are read: (file, id, bytes or the error that kept them), in order.
Reader = Callable[[Crawl, ParseOptions], Iterator[tuple[str, str, bytes | CorpusError]]]

#: Strips counted into a fresh counter before its keys are shared and it is merged.
CHUNK_STRIPS = 1_024
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
    processes = min(processes, len(listing.files) // MIN_FILES_PER_PROCESS)
    if processes <= 1 or listing.remote:
        return count_part(listing, options, read, order_every).lexicon()
    parts = [listing.select(group) for group in count_groups(len(listing.files), processes)]
    with multiprocessing.get_context().Pool(len(parts)) as pool:
        counters = pool.starmap(count_part, [(part, options, read, order_every) for part in parts])
    total = counters[0]
    for other in counters[1:]:  # keys stay per worker: the lexicon outlives no build
        total.merge(other)
    return total.lexicon()


def count_part(
    listing: Crawl, options: ParseOptions, read: Reader, order_every: int
) -> LexiconCounter:
    """The counts of a listing's tag lines, merged chunk by chunk with their keys shared."""
    total = LexiconCounter(order_every=order_every)
    chunk = LexiconCounter(order_every=order_every)
    keys: dict[Any, Any] = {}
    counted = 0
    for _, _, data in read(listing, options):
        if isinstance(data, CorpusError):
            continue
        chunk.add(*tag_line_of(data))
        counted += 1
        if counted % CHUNK_STRIPS == 0:
            total.merge(share_keys(chunk, keys))
            chunk = LexiconCounter(order_every=order_every)
    total.merge(share_keys(chunk, keys))
    return total


def share_keys(counter: LexiconCounter, keys: dict[Any, Any]) -> LexiconCounter:
    """``counter`` with every count key replaced by its one copy in ``keys`` (added if new).

    Keys are tokens (strings) and token pairs (tuples of strings); equal keys become one
    object, so a merged total holds each token and each pair once, however many counters of
    however many sources count it. The counts are untouched.
    """
    for counts in counter.sources.values():
        for item in fields(counts):
            value = getattr(counts, item.name)
            if isinstance(value, Counter):
                setattr(counts, item.name, Counter({_shared(k, keys): n for k, n in value.items()}))
    return counter


def _shared(key: Any, keys: dict[Any, Any]) -> Any:
    """The one copy of a token or token pair (a pair's tokens are shared too)."""
    found = keys.get(key)
    if found is None:
        if isinstance(key, tuple):
            key = tuple(_shared(part, keys) for part in key)
        found = keys[key] = key
    return found
