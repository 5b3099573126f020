"""The typed schema: ``FEATURES`` derived from the record models, and records as rows.

Derived, not written twice: each model field maps to a ``datasets`` feature in field order, so
the models and the schema cannot drift apart. Imports ``datasets``; loaded on first use.

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any

import pyarrow as pa
from datasets import Features, List, Value
from pydantic import BaseModel

from ..models import Article

#: Arrow type of ``published_at``: microseconds, UTC (the model stores UTC instants).
TIMESTAMP = "timestamp[us, tz=UTC]"

_SCALARS: dict[Any, str] = {str: "string", int: "int32"}


def _feature_for(annotation: Any) -> Any:
    """Map one model field annotation to a ``datasets`` feature (nullable types stay nullable)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _feature_for(inner)
    if origin is typing.Literal:  # a closed set of strings (`date_precision`)
        return Value("string")
    if origin is typing.Annotated:
        return _feature_for(typing.get_args(annotation)[0])
    if origin is list:
        (item,) = typing.get_args(annotation)
        return List(_feature_for(item))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return features_of(annotation)
    if isinstance(annotation, type) and issubclass(annotation, str):  # str and str enums
        return Value("string")
    if getattr(annotation, "__name__", "") == "datetime":
        return Value(TIMESTAMP)
    return Value(_SCALARS[annotation])


def features_of(model: type[BaseModel]) -> dict[str, Any]:
    """The ``datasets`` feature of every field of a record type, in field order."""
    return {name: _feature_for(info.annotation) for name, info in model.model_fields.items()}


#: The explicit schema of an article row, derived from ``Article`` so neither can change alone.
FEATURES: Features = Features(features_of(Article))


#: ``FEATURES`` plus a ``text`` column (``Article.text``) for language-model training.
TEXT_FEATURES: Features = Features({**FEATURES, "text": Value("string")})


def article_to_row(article: Article, *, text: bool = False) -> dict[str, Any]:
    """A record as a row of ``FEATURES`` (datetimes stay datetimes, codes become strings).

    With ``text``, a row of ``TEXT_FEATURES``: the ``text`` column is ``Article.text``.
    """
    row = article.model_dump()
    if text:
        row["text"] = article.text
    return row


def _nested_fields() -> frozenset[str]:
    """The list fields of ``Article`` whose items are records (``read_also``, ``defects``)."""
    return frozenset(
        name
        for name, feature in FEATURES.items()
        if isinstance(feature, List) and isinstance(feature.feature, dict)
    )


_NESTED = _nested_fields()


def records_table(
    articles: Sequence[Article],
    schema: pa.Schema,
    *,
    text: bool = False,
    paths: Sequence[str] | None = None,
) -> pa.Table:
    """Records as one table of ``schema``, column by column: ``article_to_row``'s rows.

    Each column is one ``pyarrow.array`` of the records' attributes through the column's type:
    the code and evidence enums are strings (their values), nested records become structs. A
    ``text`` column is ``Article.text``, a ``path`` column ``paths``.
    """
    columns = []
    for name in schema.names:
        if name == "text" and text:
            values: list[Any] = [article.text for article in articles]
        elif name == "path" and paths is not None:
            values = list(paths)
        elif name in _NESTED:
            # A record's fields are its ``__dict__`` (``dict(item)`` goes through pydantic's
            # ``__iter__``, slower than the whole ``model_dump`` it replaces).
            values = [[vars(item) for item in getattr(a, name)] for a in articles]
        else:
            values = [getattr(article, name) for article in articles]
        columns.append(pa.array(values, type=schema.field(name).type))
    return pa.Table.from_arrays(columns, schema=schema)


#: The rows of ``export(..., output_format="pairs")``: an article and one it links to in its
#: read-also section, for retrieval and embedding training.
PAIRS_FEATURES: Features = Features(
    {
        name: Value("string")
        for name in (
            "anchor_id",
            "anchor_title",
            "anchor_text",
            "related_id",
            "related_title",
            "related_text",
        )
    }
)
