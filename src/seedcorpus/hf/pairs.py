"""Training pairs from read-also links: (anchor, related) articles, as Parquet or JSONL.

The ``pairs`` format of ``export``; written through the same output guard as every export.

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

import contextlib
import json
import sys

from ..crawl.corpus import Listing, articles_of
from ..options import ParseOptions
from . import output
from .jsonl import STDOUT, terminal_safe_json


def write_pairs(
    listing: Listing, options: ParseOptions, out: str, *, overwrite: bool = True
) -> int:
    """Write (anchor, related) article pairs from resolved read-also links; returns the count.

    Columns (``PAIRS_FEATURES``): ``anchor_id``, ``anchor_title``, ``anchor_text``,
    ``related_id``, ``related_title`` (the read-also title as written), ``related_text``.
    Parquet, or JSONL when OUT ends in ``.jsonl`` or is ``-``; files go through the output guard.
    """
    from ..training.related import resolve_links

    articles = list(articles_of(listing, options))
    by_id = {a.id: a for a in articles}
    rows = [
        {
            "anchor_id": link.article_id,
            "anchor_title": by_id[link.article_id].title,
            "anchor_text": by_id[link.article_id].text,
            "related_id": link.target_id,
            "related_title": link.title,
            "related_text": by_id[link.target_id].text,
        }
        for link in resolve_links(articles)
        if link.target_id is not None
    ]
    lines = (terminal_safe_json(json.dumps(row, ensure_ascii=False)) + "\n" for row in rows)
    if out == STDOUT:
        sys.stdout.writelines(lines)
        return len(rows)
    with contextlib.ExitStack() as stack:
        if not output.is_claimed(out):
            stack.enter_context(output.claimed(out))
        partial = stack.enter_context(output.replacing_file(out, "pairs", overwrite))
        if out.endswith(".jsonl"):
            with open(partial, "w", encoding="utf-8") as handle:
                handle.writelines(lines)
            return len(rows)
        import pyarrow as pa
        import pyarrow.parquet as pq

        from .schema import PAIRS_FEATURES

        table = pa.Table.from_pylist(rows, schema=PAIRS_FEATURES.arrow_schema)
        metadata = dict(table.schema.metadata or {})
        metadata[b"seedcorpus"] = json.dumps({"pairs": True}).encode()
        pq.write_table(table.replace_schema_metadata(metadata), partial)
    return len(rows)
