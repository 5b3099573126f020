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
import os
import socket
import sys
import warnings
from collections.abc import Iterator
from string import Template
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.executor.base import PipelineExecutor
from datatrove.io import DataFolderLike, get_datafolder
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.pipeline.writers.parquet import ParquetWriter
from fsspec.implementations.local import LocalFileSystem

from ..crawl.corpus import read_all, with_crawl_lexicon
from ..crawl.listing import Crawl, as_crawl, discover, duplicate_id, listed, warn_skipped
from ..crawl.remote import read_paths_file
from ..errors import CorpusError
from ..hf.about import identity
from ..hf.arrow import ARROW_SCHEMA
from ..options import ParseOptions, resolve
from ..parse.parser import parse_article, parse_bytes
from . import publishing

#: Where the parsed row travels on a document, from ``ParseArticles`` to ``ArticleWriter``.
ROW_KEY = "seedcorpus"
#: Marks a document whose text holds the file's raw bytes (undecodable ones escaped), so
#: ``ParseArticles`` decodes them exactly as a file would be and encoding defects survive.
RAW_KEY = "seedcorpus_raw_bytes"
#: Carries the crawl's keyword lexicon from ``ArticleReader`` to ``ParseArticles`` (in memory,
#: removed before anything is written).
LEXICON_KEY = "seedcorpus_lexicon"


class ArticleReader(BaseDiskReader):  # type: ignore[misc]  # untyped base
    """One document per article file (a folder, a glob, a paths file or a ``Crawl``), id = its id.

    The crawl is listed by ``seedcorpus.Crawl`` (the same in every task), so the reader gets
    every input guarantee of the library: regular files only, the one symlink rule, names that
    cannot be decoded skipped and named (warned, and counted as ``skipped`` on rank 0), ids by
    ``id_rule``/``id_root`` and never duplicated. Each task reads its count-balanced part.
    ``paths_file`` entries are relative to ``data_folder``, as datatrove's own readers take them.
    A ``Crawl`` given as ``data_folder`` is read as it is (its ids, its options).
    """

    name = "📰 seedcorpus articles"

    def __init__(
        self,
        data_folder: DataFolderLike,
        paths_file: Any = None,
        glob_pattern: str | None = "**/*.txt",
        options: ParseOptions | None = None,
        **kwargs: Any,
    ) -> None:
        self.given: Crawl | None = None
        self.options = resolve(options)
        if isinstance(data_folder, Crawl):  # listed once already: used as it is
            self.given, self.options = as_crawl(data_folder, options)
            data_folder = data_folder.root
        super().__init__(data_folder, paths_file=paths_file, glob_pattern=glob_pattern, **kwargs)

    def crawl(self) -> Crawl:
        """The whole crawl this reader names, listed by the library's one set of rules."""
        if self.given is not None:
            return self.given
        fs = self.data_folder.fs
        protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
        local = protocol in ("file", "local")
        folder = self.data_folder.path if local else fs.unstrip_protocol(self.data_folder.path)
        storage = {} if local else dict(getattr(fs, "storage_options", {}))
        if self.paths_file is not None:
            source = str(self.paths_file)
            entries = [entry for _, entry in read_paths_file(source, storage)]
            return listed(entries, folder, self.options, storage, source=source)
        pattern = self.glob_pattern or ("**/*.txt" if self.recursive else "*.txt")
        return discover(folder.rstrip("/") + "/" + pattern, self.options, storage)

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> Any:
        """Yield the documents of one task: its part of the crawl, read under the library rules."""
        if data:
            yield from data
        crawl = self.crawl()
        if rank == 0:
            warn_skipped(crawl)
            if crawl.skipped:
                self.stat_update("skipped", value=len(crawl.skipped))
        # The default keyword pass: every task counts the whole crawl's tag lines once (pass
        # ParseOptions(lexicon=seedcorpus.keyword_lexicon(...)) to compute it once for all).
        lexicon = with_crawl_lexicon(crawl, self.options).lexicon
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a task without files is normal here
            part = crawl.part(rank, world_size)
        end = len(part) if self.limit == -1 else self.skip + self.limit
        part = part.select(range(self.skip, min(end, len(part))))  # one document per file
        for document in self._documents(part):
            if lexicon is not None and self.options.lexicon is None:
                document.metadata[LEXICON_KEY] = lexicon
            self.update_doc_stats(document)
            yield document

    def _documents(self, part: Crawl) -> Iterator[Document]:
        """One document per file; a file that cannot be read raises, naming it."""
        for file, article_id, data in read_all(part, self.options):
            self.stat_update("input_files")
            if isinstance(data, CorpusError):
                raise data
            yield Document(
                text=data.decode("utf-8", "surrogateescape"),
                id=article_id,
                metadata={RAW_KEY: True, "file_path": file},
            )

    def read_file(self, filepath: str) -> DocumentsPipeline:
        """Not used: ``run`` reads the crawl's files itself (datatrove's abstract method)."""
        raise NotImplementedError("ArticleReader reads through run(), not read_file()")


class ParseArticles(PipelineStep):  # type: ignore[misc]  # untyped base
    """Parse each document into a ``FEATURES`` row, kept in ``metadata["seedcorpus"]``."""

    name = "📰 parse articles"
    type = "🔻 - FILTER"

    def __init__(self, options: ParseOptions | None = None) -> None:
        super().__init__()
        self.options = resolve(options)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Parse every document; content problems are recorded on the row, never raised.

        A document without an id, or with an id seen before in this task, is an error naming
        it: a null id never becomes "None", and no two rows share an id. A document the reader
        gave the crawl's keyword lexicon is parsed with it.
        """
        seen: dict[str, str] = {}
        options = self.options
        for document in data or ():
            where = str(document.metadata.get("file_path", "a document"))
            if document.id is None or not str(document.id).strip():
                raise CorpusError(f"{where}: the document has no id; give every document one")
            if document.id in seen:
                raise duplicate_id(str(document.id), seen[document.id], where)
            seen[str(document.id)] = where
            lexicon = document.metadata.pop(LEXICON_KEY, None)
            if (
                lexicon is not None
                and self.options.lexicon is None
                and options.lexicon is not lexicon
            ):
                options = self.options.replace(lexicon=lexicon)  # the reader's crawl pass
            with self.track_time():
                if document.metadata.get(RAW_KEY):
                    raw = document.text.encode("utf-8", "surrogateescape")
                    article = parse_bytes(raw, article_id=document.id, options=options)
                else:
                    article = parse_article(
                        document.text, article_id=str(document.id), options=options
                    )
            self.stat_update("articles")
            if article.defects:
                self.stat_update("with_defects")
            document.metadata[ROW_KEY] = article.model_dump()
            document.text = article.text
            yield document


def current_run() -> publishing.Run:
    """The datatrove run this task belongs to: its executor's ``logging_dir``.

    datatrove resumes a run by its logging folder, so that folder is what names a run: found
    on the executor that is running this task (up the call stack, from ``_run_for_rank``).
    A step driven without an executor is a run of its own process.
    """
    frame = sys._getframe(1)
    while frame is not None:
        owner = frame.f_locals.get("self")
        if isinstance(owner, PipelineExecutor):
            logs = owner.logging_dir
            where = logs.path
            if isinstance(logs.fs, LocalFileSystem):  # `a/../logs` and a link name one run
                where = os.path.realpath(where)
            return publishing.Run.named(logs.fs.unstrip_protocol(where))
        frame = frame.f_back  # type: ignore[assignment]
    return publishing.Run.named(f"process {os.getpid()} on {socket.gethostname()}")


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
        run = current_run()
        where = self.output_folder.fs.unstrip_protocol(self.output_folder.path)
        publishing.start_task(self.output_folder, run, world_size, where)  # before any write
        yield from super().run(data, rank, world_size)
        # Reached only when every document was written: a failed task leaves no done marker.
        who = identity(False, self.name_, self.license_id, self.version)
        publishing.finish_task(
            self.output_folder,
            run_id=self.run_id,
            run=run,
            rank=rank,
            world_size=world_size,
            rows=self.rows,
            who=who,
        )
