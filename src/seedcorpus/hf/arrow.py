"""One engine-neutral parse step: raw articles in an Arrow batch to rows of ``FEATURES``.

``parse_arrow`` takes a ``pyarrow.RecordBatch`` or ``Table`` (or an iterator of batches, as
Spark's ``mapInArrow`` passes) and returns the same kind of object, with exactly
``FEATURES.arrow_schema``. It is lenient (never raises on content) and a module-level function,
so it pickles for every engine: ``Dataset.with_format("arrow").map(parse_arrow, batched=True)``,
Ray Data's ``map_batches(parse_arrow, batch_format="pyarrow")`` and Spark's
``mapInArrow(parse_arrow, schema)``. Column names follow the engines' own readers: the text is
``text``, ``content`` (Spark's ``binaryFile``) or ``bytes`` (Ray's ``read_binary_files``); the
id is ``id``, or the file stem of ``path`` (an engine's batch carries no crawl root, so the
``relative`` id rule needs an ``id`` column made by the caller). Binary text goes through the
same decoding as files, so encoding defects survive.

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from ..options import ParseOptions, resolve
from ..parse.lexicon import KeywordLexicon
from ..parse.parser import id_for, parse_article, parse_bytes
from .schema import FEATURES

#: The Arrow schema of a row (``FEATURES.arrow_schema``).
ARROW_SCHEMA: pa.Schema = FEATURES.arrow_schema
TEXT_COLUMNS = ("text", "content", "bytes")
ID_COLUMNS = ("id", "path")


def parse_arrow(
    batch: Any, options: ParseOptions | None = None, lexicon: KeywordLexicon | None = None
) -> Any:
    """Parse a batch of raw articles (id and text columns) into rows of ``FEATURES``.

    Args:
        batch: a ``RecordBatch``, a ``Table``, or an iterator of ``RecordBatch`` (Spark's
            ``mapInArrow``), with a text column (``text``, ``content`` or ``bytes``; string or
            binary) and an id column (``id``, or ``path`` to make one from).
        options: how to parse (``ParseOptions``); the defaults when None.
        lexicon: the crawl's keyword lexicon (``seedcorpus.keyword_lexicon``, computed once
            over the whole crawl): a batch sees only part of a crawl, so without one the
            keywords rest on each article's own text (``ParseOptions(lexicon=...)`` works too).

    Returns:
        The same kind of object, with exactly ``FEATURES.arrow_schema``.
    """
    chosen = resolve(options, lexicon=lexicon)
    if isinstance(batch, pa.RecordBatch):
        return pa.RecordBatch.from_pydict(_columns(batch, chosen), schema=ARROW_SCHEMA)
    if isinstance(batch, pa.Table):
        return pa.Table.from_pydict(_columns(batch, chosen), schema=ARROW_SCHEMA)
    return (parse_arrow(item, chosen) for item in batch)


def _columns(batch: Any, options: ParseOptions) -> dict[str, list[Any]]:
    """The parsed rows of a batch, column by column."""
    names = batch.schema.names
    text_name = next((n for n in TEXT_COLUMNS if n in names), None)
    id_name = next((n for n in ID_COLUMNS if n in names), None)
    if text_name is None or id_name is None:
        raise ValueError(
            f"parse_arrow needs a text column ({', '.join(TEXT_COLUMNS)}) and an id column "
            f"({', '.join(ID_COLUMNS)}); the batch has {', '.join(names)}"
        )
    texts = batch.column(text_name).to_pylist()
    ids = batch.column(id_name).to_pylist()
    if id_name == "path":
        ids = [id_for(str(path), None, "stem") for path in ids]
    columns: dict[str, list[Any]] = {name: [] for name in ARROW_SCHEMA.names}
    for article_id, text in zip(ids, texts, strict=True):
        if isinstance(text, bytes):
            article = parse_bytes(text, article_id=str(article_id), options=options)
        else:
            article = parse_article(text or "", article_id=str(article_id), options=options)
        row = article.model_dump()
        for name, column in columns.items():
            column.append(row[name])
    return columns
