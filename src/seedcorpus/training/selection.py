"""What a training script needs after parsing: stable splits and duplicates dropped.

Applied by ``load_dataset(split_by=..., dedup=True)`` and ``export(split_by=...)`` to a built
dataset, so both give the same splits. Counts that a user should know (undated articles put in
``train``, duplicates dropped) are logged on the ``seedcorpus`` logger.

Part of the ``training`` stage (splits, duplicates, links).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import datasets

from ..errors import CorpusError
from ..models import Article
from .dedup import duplicate_clusters, keep_one_per_cluster
from .splits import (
    SPLITS,
    UNDATED_SPLIT,
    SplitBy,
    check_cutoffs,
    split_of_date,
    split_of_id,
)

LOG = logging.getLogger("seedcorpus")


def assigner(
    split_by: SplitBy, fractions: Sequence[float], date_cutoffs: Sequence[datetime] | None
) -> Any:
    """A function from a row (``id``, ``published_at``) to its split name."""
    if split_by == "id":
        return lambda row: split_of_id(row["id"], fractions)
    cutoffs = check_cutoffs(date_cutoffs or ())
    return lambda row: split_of_date(row["published_at"], cutoffs)


def split_dataset(
    dataset: Any,
    split_by: SplitBy,
    fractions: Sequence[float],
    date_cutoffs: Sequence[datetime] | None,
) -> Any:
    """A ``DatasetDict`` (or ``IterableDatasetDict``) with ``train``, ``validation``, ``test``.

    A split left without articles is refused (``refuse_empty_splits``): ``datasets`` cannot
    load an empty split back, and a training run would fail late on it. Shared by
    ``load_dataset`` and ``export``, so both refuse the same requests (a stream is not counted).
    """
    which = assigner(split_by, fractions, date_cutoffs)
    if isinstance(dataset, datasets.IterableDataset):
        return datasets.IterableDatasetDict(
            {name: dataset.filter(lambda row, n=name: which(row) == n) for name in SPLITS}
        )
    names = [
        which({"id": i, "published_at": d})
        for i, d in zip(dataset["id"], dataset["published_at"], strict=True)
    ]
    if split_by == "date":
        undated = sum(d is None for d in dataset["published_at"])
        if undated:
            LOG.warning("%d article(s) without a date went to the %s split", undated, UNDATED_SPLIT)
    parts = datasets.DatasetDict(
        {name: dataset.select([i for i, n in enumerate(names) if n == name]) for name in SPLITS}
    )
    refuse_empty_splits({name: len(part) for name, part in parts.items()}, split_by)
    return parts


def refuse_empty_splits(counts: dict[str, int], split_by: SplitBy) -> None:
    """Refuse splits with no article (``counts``: articles per split), naming them and why."""
    empty = [name for name, count in counts.items() if count == 0]
    if not empty:
        return
    listed = ", ".join(f"{name} {count}" for name, count in counts.items())
    how = "--date-cutoffs (date_cutoffs)" if split_by == "date" else "--fractions (fractions)"
    raise CorpusError(
        f"the {' and '.join(empty)} split{'s' if len(empty) > 1 else ''} would be empty "
        f"({listed} articles), and an empty split cannot be loaded or trained on; nothing was "
        f"written or returned: choose {how} that give every split articles"
    )


def drop_duplicates(dataset: Any, threshold: float) -> Any:
    """The dataset with one article per duplicate cluster (earliest date, then smallest id)."""
    articles = [Article.model_validate(row) for row in dataset]
    clusters = duplicate_clusters(articles, threshold=threshold)
    keep, dropped = keep_one_per_cluster(articles, clusters)
    LOG.warning(
        "dropped %d duplicate article(s) of %d, in %d cluster(s)",
        dropped,
        len(articles),
        len(clusters),
    )
    return dataset.select([i for i, a in enumerate(articles) if a.id in keep])
