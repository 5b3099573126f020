"""Fair sharding for distributed training: files grouped into balanced, contiguous shards.

``datasets.distributed.split_dataset_by_node`` hands each rank whole shards only when the
shard count divides by the world size; these groups make that possible for any world size,
and give one rank its own part directly.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence

from . import remote
from .corpus import Listing


def balanced_groups(weights: Sequence[int], count: int) -> list[list[int]]:
    """Indexes 0..n-1 cut into ``count`` contiguous groups of about equal total weight.

    Contiguous, so each group keeps id order; no group is empty while there are items left.
    """
    if count < 1:
        raise ValueError(f"num_shards must be at least 1, not {count}")
    total = sum(weights) or 1
    groups: list[list[int]] = [[] for _ in range(count)]
    done = 0
    group = 0
    for index, weight in enumerate(weights):
        left_items, left_groups = len(weights) - index, count - group
        if groups[group] and (done >= total * (group + 1) / count or left_items < left_groups):
            group = min(group + 1, count - 1)
        groups[group].append(index)
        done += weight
    return [g for g in groups if g] or [[]]


def sizes(listing: Listing) -> list[int]:
    """File sizes for balancing (1 each for remote files, which would cost a request each)."""
    if any(remote.is_url(f) for f in listing.files):
        return [1] * len(listing.files)
    return [max(1, os.stat(f).st_size) for f in listing.files]


def rank_part(listing: Listing, rank: int | None, world_size: int | None) -> Listing:
    """The files of one rank: its contiguous, size-balanced part of the listing."""
    if rank is None and world_size is None:
        return listing
    if rank is None or world_size is None or not 0 <= rank < world_size:
        raise ValueError("pass both rank and world_size, with 0 <= rank < world_size")
    parts = balanced_groups(sizes(listing), world_size)
    mine = parts[rank] if rank < len(parts) else []
    if not mine:
        warnings.warn(
            f"rank {rank} of {world_size} gets no article file: the corpus has only "
            f"{len(listing.files)}; use fewer ranks",
            stacklevel=3,
        )
    return Listing(
        [listing.files[i] for i in mine],
        [listing.ids[i] for i in mine],
        listing.root,
        [],
        listing.storage_options,
    )
