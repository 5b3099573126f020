"""A datatrove pipeline for article crawls: read files, parse them, write hub-ready Parquet.

Hugging Face's ``datatrove`` runs one pipeline on its Local, Slurm and Ray executors and reads
through fsspec, so a crawl of millions of files on object storage is parsed by many tasks::

    from datatrove.executor import LocalPipelineExecutor
    from seedcorpus.integrations.datatrove import ArticleReader, ArticleWriter, ParseArticles

    LocalPipelineExecutor(
        pipeline=[ArticleReader("s3://bucket/crawl"), ParseArticles(), ArticleWriter("out")],
        tasks=64,
        logging_dir="logs",
    ).run()

``ParseArticles`` also follows datatrove's own JSONL or Parquet readers on packed crawls (any
document whose ``text`` is the article and ``id`` its id). ``ArticleWriter`` writes one shard
per task with exactly ``FEATURES.arrow_schema`` into OUT's hidden staging folder; the task that
finishes last publishes them as ``data/train-<folder id>-<rank>-of-<tasks>.parquet`` with the
dataset card and Croissant file that ``seedcorpus export --format hf`` writes (see
``publishing.py``), so ``datasets.load_dataset(out)`` returns exactly ``FEATURES``, and a run
with a failed task publishes nothing. Needs the ``seedcorpus[datatrove]`` extra.

Part of the ``integrations`` stage (engines).
"""

from __future__ import annotations

import hashlib
import posixpath
from string import Template
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.io import DataFolderLike, get_datafolder
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.pipeline.writers.parquet import ParquetWriter

from ..crawl.corpus import is_article_name
from ..hf.about import identity
from ..hf.arrow import ARROW_SCHEMA
from ..options import ParseOptions, resolve
from ..parse.parser import id_for, parse_article, parse_bytes
from . import publishing

#: Where the parsed row travels on a document, from ``ParseArticles`` to ``ArticleWriter``.
ROW_KEY = "seedcorpus"
#: Marks a document whose text holds the file's raw bytes (undecodable ones escaped), so
#: ``ParseArticles`` decodes them exactly as a file would be and encoding defects survive.
RAW_KEY = "seedcorpus_raw_bytes"


class ArticleReader(BaseDiskReader):  # type: ignore[misc]  # untyped base
    """One document per article file (a folder, a glob or a paths file), id = article id."""

    name = "📰 seedcorpus articles"

    def __init__(
        self,
        data_folder: DataFolderLike,
        paths_file: Any = None,
        glob_pattern: str | None = "**/*.txt",
        options: ParseOptions | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_folder, paths_file=paths_file, glob_pattern=glob_pattern, **kwargs)
        self.options = resolve(options)

    def read_file(self, filepath: str) -> DocumentsPipeline:
        """The one document of an article file; oversized and hidden files are skipped."""
        name = posixpath.basename(filepath)
        if not is_article_name(name):
            return
        with self.data_folder.open(filepath, "rb") as handle:
            data = handle.read(self.options.max_bytes + 1)
        if len(data) > self.options.max_bytes:
            self.stat_update("over_max_bytes")
            return
        article_id = id_for(filepath, ".", self.options.id_rule)
        document = Document(
            text=data.decode("utf-8", "surrogateescape"),
            id=article_id,
            metadata={RAW_KEY: True, "file_path": self.data_folder.resolve_paths(filepath)},
        )
        yield document


class ParseArticles(PipelineStep):  # type: ignore[misc]  # untyped base
    """Parse each document into a ``FEATURES`` row, kept in ``metadata["seedcorpus"]``."""

    name = "📰 parse articles"
    type = "🔻 - FILTER"

    def __init__(self, options: ParseOptions | None = None) -> None:
        super().__init__()
        self.options = resolve(options)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Parse every document; content problems are recorded on the row, never raised."""
        for document in data or ():
            with self.track_time():
                if document.metadata.get(RAW_KEY):
                    raw = document.text.encode("utf-8", "surrogateescape")
                    article = parse_bytes(raw, article_id=document.id, options=self.options)
                else:
                    article = parse_article(
                        document.text, article_id=str(document.id), options=self.options
                    )
            self.stat_update("articles")
            if article.defects:
                self.stat_update("with_defects")
            document.metadata[ROW_KEY] = article.model_dump()
            document.text = article.text
            yield document


def _row(self: ParquetWriter, document: Document) -> dict[str, Any]:
    """The parsed row a document carries (the writer's adapter)."""
    return dict(document.metadata[ROW_KEY])


class ArticleWriter(ParquetWriter):  # type: ignore[misc]  # untyped base
    """Parquet shards with exactly ``FEATURES.arrow_schema``, published whole with the card.

    OUT may hold only what an earlier export or run wrote (refused here, before any task runs,
    naming the foreign files). Each task stages its shard; the last task to finish publishes
    every shard, the card (with the row count) and the Croissant file at once, replacing the
    previous publication's files, so partial or stale output is never readable as the dataset.
    """

    name = "📰 seedcorpus hub folder"

    def __init__(
        self,
        output_folder: DataFolderLike,
        *,
        dataset_name: str | None = None,
        license_id: str | None = None,
        version: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.name_, self.license_id, self.version = dataset_name, license_id, version
        if "output_filename" in kwargs:
            raise TypeError("ArticleWriter names its shards itself; pass no output_filename")
        folder = get_datafolder(output_folder)
        # One id per output folder, the same in every task and every rerun: it names the
        # shards and the card's data_files, because `datasets` names its cache of a folder
        # after the folder's name and the card alone (two same-named folders with one card
        # would share rows).
        where = folder.fs.unstrip_protocol(folder.path)
        publishing.check_output_folder(folder, where)
        self.run_id = hashlib.sha256(where.encode()).hexdigest()[:16]
        self.rows = 0
        super().__init__(
            output_folder, adapter=_row, schema=ARROW_SCHEMA, max_file_size=-1, **kwargs
        )

    def write(self, document: Document, rank: int = 0, **kwargs: Any) -> None:
        """Write one row (counted, so the card can give the total)."""
        super().write(document, rank, **kwargs)
        self.rows += 1

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Stage this task's shard; once every task's is staged, publish them all."""
        self.rows = 0
        self.output_filename = Template(publishing.staged_shard_name(self.run_id, world_size))
        yield from super().run(data, rank, world_size)
        # Reached only when every document was written: a failed task leaves no done marker.
        who = identity(False, self.name_, self.license_id, self.version)
        publishing.finish_task(
            self.output_folder,
            run_id=self.run_id,
            rank=rank,
            world_size=world_size,
            rows=self.rows,
            who=who,
        )
