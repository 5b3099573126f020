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
document whose ``text`` is the article and ``id`` its id). ``ArticleWriter`` writes
``data/train-<folder id>-<rank>.parquet`` with exactly ``FEATURES.arrow_schema``, plus the
dataset card and Croissant file that ``seedcorpus export --format hf`` writes, so
``datasets.load_dataset(out)`` returns exactly ``FEATURES``. Needs the ``seedcorpus[datatrove]``
extra.

Part of the ``integrations`` stage (engines).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.io import DataFolderLike, get_datafolder, get_shard_from_paths_file
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.pipeline.writers.parquet import ParquetWriter

from ..crawl.corpus import is_article_name
from ..hf.about import identity
from ..hf.arrow import ARROW_SCHEMA
from ..hf.card import croissant_metadata, dataset_card
from ..options import ParseOptions, resolve
from ..parse.lexicon import KeywordLexicon
from ..parse.lexicon_counts import LexiconCounter
from ..parse.parser import id_for, parse_article, parse_bytes
from ..parse.tag_lines import tag_line_of

#: Where the parsed row travels on a document, from ``ParseArticles`` to ``ArticleWriter``.
ROW_KEY = "seedcorpus"
#: Marks a document whose text holds the file's raw bytes (undecodable ones escaped), so
#: ``ParseArticles`` decodes them exactly as a file would be and encoding defects survive.
RAW_KEY = "seedcorpus_raw_bytes"
#: Carries the crawl's keyword lexicon from ``ArticleReader`` to ``ParseArticles`` (in memory,
#: removed before anything is written).
LEXICON_KEY = "seedcorpus_lexicon"


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

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> Any:
        """Yield the task's documents, each carrying the whole crawl's keyword lexicon.

        Every task counts the tag lines of every file of the crawl once (the default keyword
        pass); pass ``ParseOptions(lexicon=seedcorpus.keyword_lexicon(...))`` to compute it
        once for all tasks instead.
        """
        lexicon = self._crawl_lexicon()
        for document in super().run(data, rank, world_size):
            if lexicon is not None and document.metadata.get(RAW_KEY):
                document.metadata[LEXICON_KEY] = lexicon
            yield document

    def _crawl_lexicon(self) -> KeywordLexicon | None:
        """The lexicon of every file this reader's tasks share, unless given or turned off."""
        if self.options.lexicon is not None or not self.options.crawl_lexicon:
            return None
        if self.paths_file:
            files = list(get_shard_from_paths_file(self.paths_file, 0, 1))
        else:
            files = self.data_folder.get_shard(
                0, 1, recursive=self.recursive, glob_pattern=self.glob_pattern
            )
        counter = LexiconCounter()
        for filepath in files or ():
            if not is_article_name(posixpath.basename(filepath)):
                continue
            with self.data_folder.open(filepath, "rb") as handle:
                data = handle.read(self.options.max_bytes + 1)
            if len(data) <= self.options.max_bytes:
                counter.add(*tag_line_of(data))
        return counter.lexicon()

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
        options = self.options
        for document in data or ():
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


def _row(self: ParquetWriter, document: Document) -> dict[str, Any]:
    """The parsed row a document carries (the writer's adapter)."""
    return dict(document.metadata[ROW_KEY])


class ArticleWriter(ParquetWriter):  # type: ignore[misc]  # untyped base
    """Parquet shards with exactly ``FEATURES.arrow_schema``, plus the card and Croissant file."""

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
        folder = get_datafolder(output_folder)
        # One id per output folder, the same in every task and every rerun: it names the
        # shards and the card's data_files, because `datasets` names its cache of a folder
        # after the folder's name and the card alone (two same-named folders with one card
        # would share rows).
        where = folder.fs.unstrip_protocol(folder.path)
        self.run_id = hashlib.sha256(where.encode()).hexdigest()[:16]
        kwargs.setdefault("output_filename", f"data/train-{self.run_id}-${{rank}}.parquet")
        super().__init__(
            output_folder, adapter=_row, schema=ARROW_SCHEMA, max_file_size=-1, **kwargs
        )

    def close(self) -> None:
        """Close the shards, then write the card and Croissant file.

        Every task writes the same card: no task knows the row count, so it has none.
        """
        super().close()
        folder = get_datafolder(self.output_folder)
        run_id = f"datatrove-{self.run_id}"
        pattern = f"data/train-{self.run_id}-*.parquet"
        who = identity(False, self.name_, self.license_id, self.version)
        card = dataset_card(None, None, run_id, who=who, data_files={"train": pattern})
        with folder.open("README.md", "wt", encoding="utf-8") as handle:
            handle.write(card)
        croissant = croissant_metadata(None, run_id, who=who)
        with folder.open("croissant.json", "wt", encoding="utf-8") as handle:
            handle.write(json.dumps(croissant, ensure_ascii=False, indent=2) + "\n")
