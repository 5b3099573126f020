"""A stream's shards without a dict per shard: ``datasets``' examples iterable, made lazy.

``datasets.iterable_dataset.ExamplesIterable`` turns its ``gen_kwargs`` into one dict per shard
(``_split_gen_kwargs``) every time a stream starts, is sharded or resharded: a stream of
100,000 files, a shard each, held 100,000 dicts and lists (27 MiB) while it ran, so its memory
grew with the crawl. ``LazyShards`` is the same iterable with the per-shard arguments made one
shard at a time, and its shards kept as the sequence they are (a ``range`` for one shard per
file), so nothing per shard is held. What a stream yields, its ``n_shards``, its order when
shuffled (``datasets``' own shuffle), how ranks and workers split it and its state dicts are
those ``ExamplesIterable`` gives.

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from copy import deepcopy
from itertools import islice
from typing import Any

import numpy as np
from datasets.iterable_dataset import ExamplesIterable
from datasets.utils.sharding import _shuffle_gen_kwargs

#: The ``gen_kwargs`` entry that holds the shards (every other entry is the same for all).
SHARDS = "shards"


class LazyShards(ExamplesIterable):  # type: ignore[misc]  # untyped base
    """``ExamplesIterable`` over ``kwargs["shards"]`` (a list or range), one shard at a time.

    ``generate_examples_fn`` is called once per shard with ``shards`` a one-item slice of
    the sequence, as ``ExamplesIterable`` calls it with a one-item list.
    """

    @property
    def shards(self) -> Sequence[Any]:
        """The shards, in the order read."""
        found: Sequence[Any] = self.kwargs[SHARDS]
        return found

    @property
    def num_shards(self) -> int:
        """As ``datasets`` counts them: the length of the shards, at least one."""
        return max(1, len(self.shards))

    def _init_state_dict(self) -> dict[str, Any]:
        # The state dict ExamplesIterable keeps, its type name included, so a checkpoint of
        # a stream resumes whichever of the two made it.
        self._state_dict = {"shard_idx": 0, "shard_example_idx": 0, "type": "ExamplesIterable"}
        return self._state_dict

    def _with_shards(self, shards: Sequence[Any]) -> LazyShards:
        copy = LazyShards(self.generate_examples_fn, {**self.kwargs, SHARDS: shards})
        # ``datasets`` 5 keeps a flag for stopping threads; older versions have none.
        if hasattr(self, "_sleep_on_threads_shutdown"):
            copy._sleep_on_threads_shutdown = self._sleep_on_threads_shutdown
        return copy

    def __iter__(self) -> Iterator[tuple[Any, dict[str, Any]]]:
        shards = self.shards
        state: dict[str, Any] | None = self._state_dict
        start = state["shard_idx"] if state else 0
        for shard_idx in range(start, self.num_shards):
            skip = state["shard_example_idx"] if state else 0
            kwargs = {**self.kwargs, SHARDS: shards[shard_idx : shard_idx + 1]}
            for key_example in islice(self.generate_examples_fn(**kwargs), skip, None):
                if state:
                    state["shard_example_idx"] += 1
                yield key_example
            if state:
                state["shard_idx"] += 1
                state["shard_example_idx"] = 0

    def shuffle_data_sources(self, generator: np.random.Generator) -> LazyShards:
        """The shards in the order ``datasets`` shuffles a list of them into."""
        kwargs = {**self.kwargs, SHARDS: list(self.shards)}
        shuffled = _shuffle_gen_kwargs(deepcopy(generator), kwargs)
        return self._with_shards(shuffled[SHARDS])

    def shard_data_sources(
        self, num_shards: int, index: int, contiguous: bool = True
    ) -> LazyShards:
        """The shards ``datasets`` gives worker (or rank) ``index`` of ``num_shards``."""
        picked = self.split_shard_indices_by_worker(num_shards, index, contiguous=contiguous)
        if not picked:  # more workers than shards: the error ExamplesIterable raises
            return super().shard_data_sources(num_shards, index, contiguous)  # type: ignore[no-any-return]
        return self._with_shards(picked_shards(self.shards, picked))

    def reshard_data_sources(self) -> LazyShards:
        """A file is not cut into smaller shards: the same shards again."""
        return self._with_shards(self.shards)


def picked_shards(shards: Sequence[Any], picked: list[int]) -> Sequence[Any]:
    """``[shards[i] for i in picked]``, as a slice when ``picked`` is evenly spaced.

    ``split_shard_indices_by_worker`` picks a contiguous run or every n-th shard, so a range
    of shards stays a range (nothing per shard held); an empty crawl's single shard is empty.
    """
    if not shards:
        return shards[:0]
    step = picked[1] - picked[0] if len(picked) > 1 else 1
    spaced = range(picked[0], picked[-1] + 1, step) if step > 0 else range(0)
    if len(spaced) == len(picked) and all(a == b for a, b in zip(spaced, picked, strict=True)):
        return shards[spaced.start : spaced.stop : spaced.step]
    return [shards[i] for i in picked]
