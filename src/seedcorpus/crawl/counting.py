"""The crawl keyword pass's counting: in chunks with shared keys, and split over processes.

``LexiconCounter`` (``parse/lexicon_counts.py``) makes fresh strings for every token it counts,
so a crawl's counts held one string pair per pair key per source: memory grew with the crawl
(112 MiB of counters at 100,000 articles whose tags use a few hundred words). Here a crawl is
counted in chunks, and each chunk's keys are made of one shared copy of each token before it
is merged into the total (which keeps one tuple per pair, the pairs of all sources in one
counter): the same counts, so the same lexicon, in a fraction of the memory. With
``processes`` the chunks are counted in worker processes (a map-reduce: the counts are sums,
and order sampling is by a checksum of each strip, so any split gives the very lexicon one
process gives).

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
    keys: dict[str, str] = {}
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


def share_keys(counter: LexiconCounter, keys: dict[str, str]) -> LexiconCounter:
    """``counter`` with every token in its count keys replaced by its one copy in ``keys``.

    Keys are tokens (strings) and token pairs (tuples of strings); equal tokens become one
    object (added to ``keys`` if new), and a pair is made again of shared tokens. A pair is
    not remembered in ``keys``: the total a chunk is merged into keeps the first tuple of each
    pair and the chunk's others go, so each pair is held once without a second table of
    every pair (a crawl's pairs grow with it). The counts are untouched.
    """
    counted = [counter.pairs]
    counted += [
        value
        for counts in counter.sources.values()
        for item in fields(counts)
        if isinstance(value := getattr(counts, item.name), Counter)
    ]
    for counts in counted:
        shared = Counter({_shared(k, keys): n for k, n in counts.items()})
        counts.clear()
        counts.update(shared)
    return counter


def _shared(key: Any, keys: dict[str, str]) -> Any:
    """The one copy of a token, or a token pair made of the one copies of its tokens."""
    if isinstance(key, tuple):
        return tuple(keys.setdefault(part, part) for part in key)
    return keys.setdefault(key, key)
