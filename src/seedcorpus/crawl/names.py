"""A crawl's file names and ids held compactly: one joined text and an array of end offsets.

A list of 100,000 paths is 100,000 ``str`` objects (about 80 bytes each, and a pointer), and a
crawl holds its paths and its ids: 16 MiB at 100,000 files, held for as long as the crawl is,
so a stream's memory grew with the crawl. ``Names`` reads as a list of strings (length,
index, slices, iteration, equality with a list) but holds one string and one offset per name
(about a fifth of the memory); an item is made when it is read.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import Any, overload


class Names(Sequence[str]):
    """Strings in order, as one text and their end offsets (a read-only list of ``str``).

    Equal to a ``Names`` or a ``list`` of the same strings; pickles as its text and offsets.
    """

    __slots__ = ("_ends", "_text")

    def __init__(self, names: Iterable[str] = ()) -> None:
        if isinstance(names, Names):
            self._text: str = names._text
            self._ends: array[int] = names._ends
            return
        items = names if isinstance(names, list | tuple) else list(names)
        self._text = "".join(items)
        self._ends = array("q", accumulate(map(len, items)))

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Names: ...

    def __getitem__(self, index: int | slice) -> str | Names:
        if isinstance(index, slice):
            return Names(self[i] for i in range(len(self))[index])
        ends = self._ends
        if index < 0:
            index += len(ends)
        if not 0 <= index < len(ends):
            raise IndexError("Names index out of range")
        return self._text[ends[index - 1] if index else 0 : ends[index]]

    def __iter__(self) -> Iterator[str]:
        text, start = self._text, 0
        for end in self._ends:
            yield text[start:end]
            start = end

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Names):
            return self._ends == other._ends and self._text == other._text
        if isinstance(other, list):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, as a list is unhashable

    def __repr__(self) -> str:
        return repr(list(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_from_parts, (self._text, self._ends))


def _from_parts(text: str, ends: array[int]) -> Names:
    """A ``Names`` of a pickled text and offsets."""
    names = Names()
    names._text, names._ends = text, ends
    return names


def compact(names: Sequence[str]) -> Names:
    """``names`` as ``Names`` (itself when it is one already)."""
    return names if isinstance(names, Names) else Names(names)
