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

from ..errors import CorpusError
from ..options import ParseOptions
from ..parse.lexicon import KeywordLexicon
from ..parse.lexicon_counts import LexiconCounter, order_every_for
from ..parse.tag_lines import tag_line_of
from .listing import Crawl
from .sharding import count_groups

#: How a crawl's bytes are read: (file, id, bytes or the error that kept them), in order.
Reader = Callable[[Crawl, ParseOptions], Iterator[tuple[str, str, bytes | CorpusError]]]

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
    """The counts of a listing's tag lines (the counter shares its tokens as it counts)."""
    total = LexiconCounter(order_every=order_every)
    for _, _, data in read(listing, options):
        if not isinstance(data, CorpusError):
            total.add(*tag_line_of(data))
    return total
