"""Stable train/validation/test splits: by a hash of each article's id, or by date cut-offs.

By id, an article's split depends on its id alone (a SHA-256 of it read as a number in [0, 1)),
so adding or removing other files never moves it. By date, two cut-off instants divide the
timeline; articles without a date go to ``train`` (documented, and counted for the caller).

Part of the ``training`` stage (splits, duplicates, links).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Literal

SPLITS = ("train", "validation", "test")
DEFAULT_FRACTIONS = (0.8, 0.1, 0.1)
SplitBy = Literal["id", "date"]
#: Where articles without a publish date go in a split by date.
UNDATED_SPLIT = "train"


def check_fractions(fractions: Sequence[float]) -> tuple[float, float, float]:
    """Three finite, non-negative fractions that add up to 1 (``nan`` compares false: refused)."""
    finite = len(fractions) == 3 and all(math.isfinite(f) for f in fractions)
    if not finite or min(fractions) < 0 or abs(sum(fractions) - 1) > 1e-9:
        raise ValueError(
            f"fractions must be three non-negative numbers adding up to 1, not {fractions!r}"
        )
    return (float(fractions[0]), float(fractions[1]), float(fractions[2]))


def split_of_id(article_id: str, fractions: Sequence[float] = DEFAULT_FRACTIONS) -> str:
    """The split an id falls in, from a stable hash of the id alone."""
    train, validation, _ = check_fractions(fractions)
    digest = hashlib.sha256(article_id.encode("utf-8")).digest()
    position = int.from_bytes(digest[:8], "big") / 2**64
    if position < train:
        return "train"
    return "validation" if position < train + validation else "test"


def check_cutoffs(cutoffs: Sequence[datetime]) -> tuple[datetime, datetime]:
    """Two ordered, timezone-aware cut-off instants."""
    if len(cutoffs) != 2:
        raise ValueError(f"date_cutoffs must be two instants, not {cutoffs!r}")
    first, second = cutoffs
    if first.tzinfo is None or second.tzinfo is None:
        raise ValueError("date_cutoffs must be timezone-aware (for example with tzinfo=UTC)")
    if first > second:
        raise ValueError("the first date cut-off must not be after the second")
    try:
        return first.astimezone(timezone.utc), second.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(
            "date_cutoffs must lie within the years 1 to 9999 in UTC, not "
            f"{first.isoformat()}, {second.isoformat()}"
        ) from None


def split_of_date(published_at: datetime | None, cutoffs: Sequence[datetime]) -> str:
    """``train`` before the first cut-off, ``validation`` before the second, else ``test``.

    An article without a date goes to ``UNDATED_SPLIT``.
    """
    first, second = check_cutoffs(cutoffs)
    if published_at is None:
        return UNDATED_SPLIT
    if published_at < first:
        return "train"
    return "validation" if published_at < second else "test"


def check_split_request(
    split_by: SplitBy | None,
    fractions: Sequence[float] | None,
    date_cutoffs: Sequence[datetime] | None,
) -> tuple[float, float, float]:
    """Refuse a bad split request before anything is parsed; returns the fractions to use.

    ``fractions`` belong to ``split_by="id"`` and ``date_cutoffs`` to ``split_by="date"``: given
    to any other request they would be silently ignored, so they are refused (None means
    "not given", and the default fractions are returned).
    """
    if split_by not in (None, "id", "date"):
        raise ValueError(f"split_by must be 'id' or 'date', not {split_by!r}")
    given = "without split_by" if split_by is None else f"with split_by={split_by!r}"
    if fractions is not None and split_by != "id":
        raise ValueError(
            f"fractions (--fractions) apply to split_by='id' (--split-by id) only; {given} "
            "they would be ignored"
        )
    if date_cutoffs is not None and split_by != "date":
        raise ValueError(
            f"date_cutoffs (--date-cutoffs) apply to split_by='date' (--split-by date) only; "
            f"{given} they would be ignored"
        )
    if split_by == "date":
        if date_cutoffs is None:
            raise ValueError("split_by='date' needs date_cutoffs=(first, second)")
        check_cutoffs(date_cutoffs)
    return check_fractions(DEFAULT_FRACTIONS if fractions is None else fractions)
