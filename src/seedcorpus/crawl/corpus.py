"""Reading a crawl's articles: iteration in id order, lookup by id, and the lexicon pass.

``Corpus`` and ``iter_articles`` take a path or a ``Crawl`` (``listing.py`` holds the one set
of input rules: which files, which ids, what is skipped). Environment problems raise
``CorpusError`` with what to do.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import CorpusError
from ..models import Article
from ..options import ParseOptions
from ..parse.lexicon import KeywordLexicon
from ..parse.parser import parse_bytes, read_article_bytes
from . import remote
from .bundled import MANIFEST_NAME as MANIFEST_NAME
from .bundled import bundled_seeds_dir as bundled_seeds_dir
from .bundled import read_manifest as read_manifest
from .bundled import verify_bundled as verify_bundled
from .counting import crawl_counts, hash_and_count
from .digests import Hasher, bytes_digest, hashed_files
from .listing import Crawl, as_crawl
from .listing import PathLike as PathLike
from .listing import discover as discover
from .walk import ARTICLE_SUFFIX as ARTICLE_SUFFIX
from .walk import is_article_name as is_article_name

#: The old name of ``Crawl`` (a crawl's listing), kept for callers that build one by hand.
Listing = Crawl


def read_all(
    listing: Listing, options: ParseOptions
) -> Iterator[tuple[str, str, bytes | CorpusError]]:
    """(file, id, bytes or the error that kept them) for every file of a listing, in order.

    Local files are read one by one (non-blocking, size-checked); URLs in batches.
    """
    pending: list[tuple[str, str]] = []

    def flush() -> Iterator[tuple[str, str, bytes | CorpusError]]:
        urls = [file for file, _ in pending]
        fetched = remote.fetch(urls, options.max_bytes, listing.storage_options)
        for (file, article_id), data in zip(pending, fetched, strict=True):
            yield file, article_id, data
        pending.clear()

    for file, article_id in zip(listing.files, listing.ids, strict=True):
        if remote.is_url(file):
            pending.append((file, article_id))
            if len(pending) >= remote.FETCH_BATCH:
                yield from flush()
            continue
        if pending:
            yield from flush()
        # The read, not the yield, is in the try: a stream dropped at interpreter exit is
        # closed at its yield, when the module's names may already be gone.
        try:
            data: bytes | CorpusError = read_article_bytes(file, options.max_bytes)
        except CorpusError as exc:
            data = exc
        yield file, article_id, data
    if pending:
        yield from flush()


class ContentChanged(CorpusError):
    """A file's bytes, read to be parsed, are not the bytes its cache key was made from."""


def parse_all(
    listing: Listing, options: ParseOptions, digests: Sequence[str | None] | None = None
) -> Iterator[tuple[str, Article | CorpusError]]:
    """(file, record or the environment error that kept it) for every file, in id order.

    With ``digests`` (``Crawl.digests``: what a cache key was made from), a file whose bytes
    differ is ``ContentChanged`` instead of a record, so no key names bytes it did not see.
    """
    for index, (file, article_id, data) in enumerate(read_all(listing, options)):
        if isinstance(data, CorpusError):
            yield file, data
        elif digests and digests[index] and bytes_digest(data) != digests[index]:
            yield file, ContentChanged(f"{file}: changed while it was being read")
        else:
            yield file, parse_bytes(data, article_id=article_id, options=options, path=file)


def crawl_lexicon(listing: Listing, options: ParseOptions, processes: int = 1) -> KeywordLexicon:
    """The crawl-level keyword pass: every tag line of a listing counted into a lexicon.

    Reads only the title, source and tag line of each file, never a full parse; files that
    cannot be read are skipped here (the parse reports them). ``processes`` splits the reading
    and counting among that many processes (``counting.crawl_counts``): the same lexicon.
    """
    return crawl_counts(listing, options, read_all, processes)


def lexicon_hasher(listing: Listing, options: ParseOptions) -> Hasher | None:
    """A hasher for ``Crawl.digests`` that counts the keyword pass on the same read, or None.

    When every file of the crawl is to be hashed (a cold build of a crawl not seen before), its
    bytes are read once for both, in the same processes (``counting.hash_and_count``), and the
    lexicon is remembered on the crawl for ``with_crawl_lexicon``. None when the options need no
    crawl pass. A build served from its cache has no use for the lexicon, but such a build
    hashes nothing (its digests are remembered), so the count is almost never wasted.
    """
    if options.lexicon is not None or not options.crawl_lexicon:
        return None

    def hasher(files: list[str], processes: int) -> list[str]:
        # The files to hash are the crawl's in order: as many as it has means all of them.
        if len(files) != len(listing.files):  # some digests remembered: hash the rest only
            return hashed_files(files, processes)
        found, lexicon = hash_and_count(listing, options, processes)
        listing.remembered(_lexicon_key(options), lambda: lexicon)
        return found

    return hasher


def _lexicon_key(options: ParseOptions) -> tuple[str, int]:
    """What a crawl remembers its lexicon under: the pass reads at most ``max_bytes``."""
    return ("lexicon", options.max_bytes)


def with_crawl_lexicon(listing: Listing, options: ParseOptions, processes: int = 1) -> ParseOptions:
    """The options a crawl is parsed with: ``lexicon`` filled from the crawl, unless given or off.

    The one hook of the default crawl-level keyword pass: ``load_dataset``, ``Corpus`` (and so
    ``iter_articles``), ``export``, the command line and datatrove's reader each call it once.
    ``processes`` counts in that many processes (a build passes its ``num_proc``).
    """
    if options.lexicon is not None or not options.crawl_lexicon:
        return options
    # One pass per crawl, however many entry points ask (a CLI run, an export, a build).
    lexicon = listing.remembered(
        _lexicon_key(options), lambda: crawl_lexicon(listing, options, processes)
    )
    return options.replace(lexicon=lexicon)


def articles_of(listing: Listing, options: ParseOptions) -> Iterator[Article]:
    """The records of a listing, in id order; an unreadable file raises its ``CorpusError``."""
    for _, article in parse_all(listing, options):
        if isinstance(article, CorpusError):
            raise article
        yield article


class Corpus:
    """A set of article files: ``len()``, iteration in id order, lookup by id, ``ids``.

    ``Corpus()`` is the bundled corpus; ``Corpus(path)`` a file, folder, glob, fsspec URL,
    ``@paths-file`` or ``Crawl``. The one way to read a corpus: ``iter_articles`` is iteration
    over it. Entries skipped while listing are warned about and kept on ``skipped``.

    Args:
        path: what to read (a path or a ``Crawl``); the bundled corpus when None.
        options: how to parse (``ParseOptions``); the defaults when None.
        strict: shortcut for ``options.strict``.
        storage_options: options for fsspec when ``path`` is a URL.

    Raises:
        CorpusError: a missing path, no article file, two files with one id, a changed seed.
    """

    def __init__(
        self,
        path: PathLike | Crawl | None = None,
        *,
        options: ParseOptions | None = None,
        strict: bool | None = None,
        storage_options: dict[str, Any] | None = None,
    ) -> None:
        listing, self._requested = as_crawl(path, options, storage_options, strict=strict)
        #: The crawl read (``listing`` is its old name).
        self.crawl = self.listing = listing
        self.files = listing.files
        self.ids = listing.ids
        self.root = listing.root
        #: Entries skipped while listing (path, reason): symlink loops, names not UTF-8, ...
        self.skipped = listing.skipped
        self._index = {article_id: i for i, article_id in enumerate(self.ids)}

    @functools.cached_property
    def options(self) -> ParseOptions:
        """The options articles are parsed with, the crawl's keyword lexicon filled in.

        Filled on first use (``with_crawl_lexicon``), so lookup by id and iteration agree.
        """
        return with_crawl_lexicon(self.listing, self._requested)

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Article]:
        return articles_of(self.listing, self.options)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._index

    def __getitem__(self, article_id: str) -> Article:
        try:
            index = self._index[article_id]
        except KeyError:
            raise KeyError(f"no article with id {article_id!r} in this corpus") from None
        single = self.listing.select([index])
        ((_, article),) = parse_all(single, self.options)
        if isinstance(article, CorpusError):
            raise article
        return article

    def path_of(self, article_id: str) -> str:
        """The file an id was read from."""
        return self.files[self._index[article_id]]

    def __repr__(self) -> str:
        return f"Corpus({len(self)} articles from {self.root})"


def iter_articles(
    path: PathLike | Crawl | None = None,
    *,
    options: ParseOptions | None = None,
    strict: bool | None = None,
    storage_options: dict[str, Any] | None = None,
) -> Iterator[Article]:
    """Stream the articles a path names, in id order.

    Args:
        path: a file, folder, glob, fsspec URL, ``@paths-file`` or ``Crawl``; the bundled
            corpus when None.
        options: how to parse (``ParseOptions``); the defaults when None.
        strict: shortcut for ``options.strict``.
        storage_options: options for fsspec when ``path`` is a URL.

    Returns:
        An iterator of records (files are read as it advances).
    """
    return iter(Corpus(path, options=options, strict=strict, storage_options=storage_options))


def corpus_lexicon_of(
    path: PathLike | Crawl | None = None,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
    *,
    min_count: int = 1,
) -> frozenset[tuple[str, ...]]:
    """Keyword phrases that some article of a corpus settles: a first pass for ``known_phrases``.

    Pass the result as ``ParseOptions(known_phrases=...)`` (``--corpus-lexicon`` on the command
    line) so recurring tags settle what one article's text leaves open. Costs one extra parse.
    """
    from ..parse.keywords import corpus_lexicon

    pairs = (
        (article.keywords_text or "", [article.title, *article.body])
        for article in Corpus(path, options=options, storage_options=storage_options)
    )
    return corpus_lexicon(pairs, min_count=min_count)
