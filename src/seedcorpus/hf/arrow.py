"""One engine-neutral parse step: raw articles in an Arrow batch to rows of ``FEATURES``.

``parse_arrow`` takes a ``pyarrow.RecordBatch`` or ``Table`` (or an iterator of batches, as
Spark's ``mapInArrow`` passes) and returns the same kind of object, with exactly
``FEATURES.arrow_schema``. It is lenient on content (defects are recorded on the row) and a
module-level function, so it pickles for every engine: ``Dataset.with_format("arrow").map(
parse_arrow, batched=True)``, Ray Data's ``map_batches(parse_arrow, batch_format="pyarrow")``
and Spark's ``mapInArrow(parse_arrow, schema)``. Column names follow the engines' own readers:
the text is ``text``, ``content`` (Spark's ``binaryFile``) or ``bytes`` (Ray's
``read_binary_files``); the id is ``id``, or made from ``path`` by the crawl's id rule
(``ParseOptions.id_root`` gives the same ids as a folder or paths file; Spark's ``file:/``
URIs are understood). With ``id_root``, a relative path is refused: it would resolve against
each worker's own working folder, so paths must be absolute or URLs. Binary text goes through
the same decoding as files, so encoding defects survive.

The input is checked up front, and a bad row is one clear error naming it, never a half
batch: a null or empty id, a path that is not an article file, a text that is null, not a
string or bytes, or over ``max_bytes``, and two rows with one id (within one call, which for
an iterator is all its batches).

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..crawl.ids import id_under, local_path
from ..crawl.remote import is_url
from ..crawl.walk import ARTICLE_SUFFIX, is_article_name
from ..errors import too_big
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
        options: how to parse (``ParseOptions``); the defaults when None. With a ``path``
            column, ``id_rule`` and ``id_root`` make the ids as for files.
        lexicon: the crawl's keyword lexicon (``seedcorpus.keyword_lexicon``, computed once
            over the whole crawl): a batch sees only part of a crawl, so without one the
            keywords rest on each article's own text (``ParseOptions(lexicon=...)`` works too).

    Returns:
        The same kind of object, with exactly ``FEATURES.arrow_schema``.

    Raises:
        ValueError: a missing column, or a bad row (named by its index and id or path).
        CorpusError: a text over ``max_bytes``, a path outside ``id_root``.
    """
    chosen = resolve(options, lexicon=lexicon)
    if isinstance(batch, pa.RecordBatch):
        return pa.RecordBatch.from_pydict(_columns(batch, chosen, {}), schema=ARROW_SCHEMA)
    if isinstance(batch, pa.Table):
        return pa.Table.from_pydict(_columns(batch, chosen, {}), schema=ARROW_SCHEMA)
    return _parse_batches(batch, chosen)


def _parse_batches(batches: Any, options: ParseOptions) -> Iterator[Any]:
    """Each batch of an iterator parsed, with duplicate ids refused across all of them."""
    seen: dict[str, str] = {}
    for item in batches:
        yield pa.RecordBatch.from_pydict(_columns(item, options, seen), schema=ARROW_SCHEMA)


def _columns(batch: Any, options: ParseOptions, seen: dict[str, str]) -> dict[str, list[Any]]:
    """The parsed rows of a batch, column by column, after the whole batch is checked."""
    ids, texts = checked_rows(batch, options, seen)
    columns: dict[str, list[Any]] = {name: [] for name in ARROW_SCHEMA.names}
    for article_id, text in zip(ids, texts, strict=True):
        if isinstance(text, bytes):
            article = parse_bytes(text, article_id=article_id, options=options)
        else:
            article = parse_article(text, article_id=article_id, options=options)
        row = article.model_dump()
        for name, column in columns.items():
            column.append(row[name])
    return columns


def checked_rows(
    batch: Any, options: ParseOptions, seen: dict[str, str]
) -> tuple[list[str], list[str | bytes]]:
    """(ids, texts) of a batch, every row checked; ``seen`` maps ids to where they came from."""
    names = batch.schema.names
    text_name = next((n for n in TEXT_COLUMNS if n in names), None)
    id_name = next((n for n in ID_COLUMNS if n in names), None)
    if text_name is None or id_name is None:
        raise ValueError(
            f"parse_arrow needs a text column ({', '.join(TEXT_COLUMNS)}) and an id column "
            f"({', '.join(ID_COLUMNS)}); the batch has {', '.join(names)}"
        )
    text_column = batch.column(text_name)
    kind = text_column.type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)) and not (
        pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_null(kind)
    ):
        raise ValueError(
            f"parse_arrow: the {text_name!r} column is {kind}; the article text must be a "
            "string or binary column"
        )
    raw_ids = batch.column(id_name).to_pylist()
    lengths = pc.binary_length(text_column).to_pylist() if len(raw_ids) else []
    texts: list[Any] = text_column.to_pylist()
    ids: list[str] = []
    for row, (raw, text, length) in enumerate(zip(raw_ids, texts, lengths, strict=True)):
        where = f"parse_arrow: row {row} ({id_name} {raw!r})"
        article_id = _row_id(raw, id_name, options, where)
        if text is None:
            raise ValueError(f"{where}: the text is null; give every row its article text")
        if length > options.max_bytes:
            raise too_big(where, length, options.max_bytes)
        origin = raw if id_name == "path" else f"row {row}"
        if article_id in seen:
            raise ValueError(
                f"parse_arrow: two rows have the id {article_id!r}: {seen[article_id]} and "
                f"{origin}; ids must be unique (use ParseOptions(id_root=...) for a crawl "
                "laid out in folders)"
            )
        seen[article_id] = str(origin)
        ids.append(article_id)
    return ids, texts


def _row_id(raw: Any, id_name: str, options: ParseOptions, where: str) -> str:
    """A row's id from its ``id`` or ``path`` value, or a ValueError naming the row."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError(f"{where}: the {id_name} is not valid UTF-8") from None
    if id_name == "id" and isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)  # an integer id column, as many datasets have
    if not isinstance(raw, str):
        raise ValueError(f"{where}: the {id_name} is {type(raw).__name__}, not a string")
    if not raw.strip():
        raise ValueError(f"{where}: the {id_name} is empty")
    if id_name == "id":
        return raw
    name = raw.rsplit("/", 1)[-1]
    if raw.endswith("/") or not is_article_name(name):
        raise ValueError(
            f"{where}: not an article file; a path column names visible `*{ARTICLE_SUFFIX}` files"
        )
    if options.id_rule == "relative":
        if options.id_root is None:
            raise ValueError(
                f"{where}: relative ids from a path column need ParseOptions(id_root=...), "
                "the folder ids are relative to (an engine's batch carries no crawl root)"
            )
        if local_path(raw) is None and not is_url(raw) and not raw.startswith("/"):
            raise ValueError(
                f"{where}: a relative path; with id_root a path column needs absolute paths or "
                "URLs (an engine's workers have no common working folder, so a relative path "
                "could name another file): make them absolute (os.path.abspath) first"
            )
        return id_under(raw, options.id_root)
    return id_for(local_path(raw) or raw, None, "stem")
