"""The ``datasets`` builder of a crawl: split generators and rows, one shard of files at a time.

``_info``, ``_split_generators`` and ``_generate_examples``, nothing more: the crawl, its cache
key and the build's processes are chosen in ``dataset.py``. Shards are indexes into the crawl,
and the crawl and digests pickle as joined strings, so a parallel build's workers start without
seconds of pickling in the parent.

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

import datasets
import multiprocess
import pyarrow as pa
from datasets.builder import Key

from .._version import __version__
from ..crawl.corpus import parse_all
from ..crawl.listing import Crawl
from ..crawl.sharding import bulk_collection
from ..errors import CorpusError
from ..options import ParseOptions
from .about import CITATION, DESCRIPTION, HOMEPAGE, identity
from .schema import article_to_row, records_table
from .shards import LazyShards
from .views import row_features

#: The options of the parallel builds running in this process, for their forked workers.
_FORKED_OPTIONS: dict[str, ParseOptions] = {}

#: Rows turned into one Arrow table at a time (``datasets``' own writer batch).
TABLE_ROWS = 1_000
#: Files read as one part of the crawl (bounded: a stream holds one part at a time).
PART_FILES = 1_000


class Seedcorpus(datasets.ArrowBasedBuilder):  # type: ignore[misc]  # untyped base
    """Builds the article dataset from files, in shards of files; keyed by (shard, table).

    Rows come from ``_generate_examples``; a build writes them as Arrow tables made in one call
    through the rows' schema (``_generate_tables``), where ``datasets`` would otherwise encode
    and check each row in Python (a tenth of a cold build's time). A stream yields the rows.
    """

    VERSION = datasets.Version(__version__)

    def __init__(
        self,
        *args: Any,
        listing: Crawl | None = None,
        shards: list[list[int]] | None = None,
        options: ParseOptions | None = None,
        bundled: bool = False,
        text_column: bool = False,
        with_path: bool = False,
        **kwargs: Any,
    ) -> None:
        # The file list is not builder config: datasets would hash it into the config id on
        # every load. The content fingerprint passed as `hash` already names the cache.
        self.crawl = self.listing = listing or Crawl([], [], ".")
        self.files = self.crawl.files
        #: Indexes into the crawl, one list per shard (None: a shard per file).
        self.shards = shards
        self.options = options or self.crawl.options
        self.bundled = bundled
        self.text_column = text_column
        #: Each file's content digest as keyed (local builds): parsed bytes must match them.
        self.digests: list[str] | None = None
        #: The ``cache_dir`` asked for (None: datasets' default), for a rebuild under a new key.
        self.cache_root: str | None = None
        #: While a parallel build's forked workers run: where they find ``options`` (``forked``).
        self.forked_key: str | None = None
        self.with_path = with_path
        kwargs.setdefault("dataset_name", "seedcorpus")
        super().__init__(*args, **kwargs)
        # Named for the library, not after this module (`hf`).
        self.name = "seedcorpus"
        self.info.builder_name = "seedcorpus"

    def _info(self) -> datasets.DatasetInfo:
        who = identity(getattr(self, "bundled", False))
        details = f" {who.license_details}" if who.license_details else ""
        return datasets.DatasetInfo(
            description=DESCRIPTION,
            citation=CITATION,
            homepage=HOMEPAGE,
            license=f"{who.license}.{details}",
            features=row_features(
                getattr(self, "text_column", False), getattr(self, "with_path", False)
            ),
        )

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (to a build's workers, by ``dill``) with the digests as one string.

        ``dill`` pickles in pure Python, one object at a time: 20,000 digests or file names
        cost serial time before every parallel build (a tenth of a second for the names kept
        beside the crawl's); one joined string costs nothing.
        """
        state = dict(super().__getstate__())
        if state.get("digests") is not None:
            state["digests"] = " ".join(state["digests"])
        if state.get("forked_key") is not None:  # a forked worker has them in its memory
            state["options"] = None
        state.pop("files", None)  # the crawl's, which pickles them as one string
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """The builder ``__getstate__`` packed, with its list of digests again."""
        if isinstance(state.get("digests"), str):
            state["digests"] = state["digests"].split(" ") if state["digests"] else []
        if state.get("forked_key") is not None:
            state["options"] = _FORKED_OPTIONS[state["forked_key"]]
        super().__setstate__(state)
        if "crawl" in state:
            self.files = self.crawl.files

    @contextlib.contextmanager
    def forked(self) -> Iterator[None]:
        """While a parallel build runs, its workers take the options from their forked memory.

        ``datasets`` pickles the builder to each worker, and the crawl's lexicon pickles as its
        JSON: made in this process, then parsed again in every worker (a third of a second at
        20,000 files, before any row). Its pool forks (the default start method on Linux)
        after this registers the options, so workers find them by key instead. Elsewhere
        (another start method, no lexicon) the builder pickles whole, as any other time.
        """
        if self.options.lexicon is None or multiprocess.get_start_method() != "fork":
            yield
            return
        key = f"{os.getpid()}-{id(self)}"
        _FORKED_OPTIONS[key] = self.options
        self.forked_key = key
        try:
            yield
        finally:
            self.forked_key = None
            del _FORKED_OPTIONS[key]

    def _split_generators(self, dl_manager: Any) -> list[datasets.SplitGenerator]:
        crawl = self.crawl
        # Shards are indexes into the crawl (an int: one file), not copies of its names: a
        # stream of 100,000 files held a list and a tuple per file, and a parallel build
        # pickled them all, in pure Python, before any worker started. A stream's shard per
        # file is a range (``LazyShards`` reads it); a build's workers split a list.
        shards: Sequence[int] | list[list[int]]
        if self.shards is not None:
            shards = self.shards
        elif isinstance(dl_manager, datasets.StreamingDownloadManager):
            shards = range(len(crawl.files))
        else:
            shards = list(range(len(crawl.files)))
        generator = datasets.SplitGenerator(
            name=str(datasets.Split.TRAIN),
            gen_kwargs={  # the options go with the builder (see ``forked``)
                "shards": shards,
                "text_column": self.text_column,
                "with_path": self.with_path,
            },
        )
        generator.split_info.num_examples = len(crawl.files)  # a total, so the bar has an ETA
        return [generator]

    def _generate_examples(
        self,
        shards: Sequence[int | list[int]],
        text_column: bool = False,
        with_path: bool = False,
        options: ParseOptions | None = None,
        records: bool = False,
    ) -> Iterator[tuple[Key, Any]]:
        """Rows keyed by (shard, row); with ``records``, (file, record) pairs instead.

        Files are read in parts of up to ``PART_FILES`` (one ``Crawl.select`` each, not one
        per file: a shard is often one file).
        """
        options = options or self.options
        for indexes, places in _parts(shards):
            part = self.crawl.select(indexes)
            checked = [self.digests[i] for i in indexes] if self.digests is not None else None
            parsed = parse_all(part, options, checked)
            for (shard_index, row_index), (file, article) in zip(places, parsed, strict=True):
                if isinstance(article, CorpusError):
                    raise article
                if records:
                    yield Key(shard_index, row_index), (file, article)
                    continue
                row = article_to_row(article, text=text_column)
                if with_path:
                    row["path"] = file
                yield Key(shard_index, row_index), row

    def _get_examples_iterable_for_split(self, split_generator: Any) -> Any:
        """A stream yields ``_generate_examples``' rows as a generator builder's stream does.

        A stream has a shard per file, and one-row tables cost more than the rows they carry
        (a stream of 4,000 articles took 1.7-2.5x as long), so only builds write tables. The
        iterable is ``LazyShards``: no dict per shard, so a stream's memory does not grow with
        the crawl.
        """
        return LazyShards(self._generate_examples, split_generator.gen_kwargs)

    def _generate_tables(self, **kwargs: Any) -> Iterator[tuple[Key, pa.Table]]:
        """The records of ``_generate_examples`` as tables of up to ``TABLE_ROWS`` rows.

        Built column by column from the records (``records_table``), not from row dicts: a
        third of the time ``model_dump`` and ``Table.from_pylist`` took. A table is keyed by
        the shard of its first row (``datasets`` keeps no per-shard counts by default) and
        the table's place in this call.
        """
        schema = self.info.features.arrow_schema
        text, with_path = kwargs.get("text_column", False), kwargs.get("with_path", False)
        records = iter(self._generate_examples(**kwargs, records=True))
        batch = 0
        while True:
            # Parsed with young garbage collected less often, but never across the yield: a
            # build abandoned or failed in ``datasets`` leaves the collector as it found it.
            with bulk_collection():
                rows = list(islice(records, TABLE_ROWS))
                if not rows:
                    return
                paths = [file for _, (file, _) in rows] if with_path else None
                articles = [article for _, (_, article) in rows]
                table = records_table(articles, schema, text=text, paths=paths)
            yield Key(rows[0][0].original_shard_id, batch), table
            batch += 1


def _parts(shards: Sequence[int | list[int]]) -> Iterator[tuple[list[int], list[tuple[int, int]]]]:
    """Shards' files in parts of up to ``PART_FILES``: (crawl indexes, (shard, row) of each)."""
    indexes: list[int] = []
    places: list[tuple[int, int]] = []
    for shard_index, shard in enumerate(shards):
        for row_index, index in enumerate([shard] if isinstance(shard, int) else shard):
            indexes.append(index)
            places.append((shard_index, row_index))
            if len(indexes) >= PART_FILES:
                yield indexes, places
                indexes, places = [], []
    if indexes:
        yield indexes, places
