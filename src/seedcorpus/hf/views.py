"""What ``load_dataset`` hands back: the rows' columns, a slice, and the strict-mode check.

Slices follow ``datasets``' own split syntax (``train[:10%]``, ``train[10:20]``,
``train[:50%]+test``) through its ``ReadInstruction``, so they mean exactly what they mean
there. Kept apart from the builder (``dataset.py``), which only builds.

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import datasets

from ..errors import DefectCode, ParseError
from .schema import FEATURES, TEXT_FEATURES


def sliced(parts: Any, split: str) -> Any:
    """A slice such as ``train[:10%]`` or ``train[:50%]+test``, by ``datasets``' own rules."""
    if isinstance(parts, datasets.IterableDatasetDict):
        raise ValueError(
            f"split {split!r}: a stream cannot be sliced by position or percent "
            "(as in datasets); use streaming=False, or .take(n) and .skip(n) on the stream"
        )
    instruction = datasets.ReadInstruction.from_spec(split)
    pieces = [
        parts[part.splitname].select(range(part.from_, part.to))
        for part in instruction.to_absolute({name: len(ds) for name, ds in parts.items()})
    ]
    return pieces[0] if len(pieces) == 1 else datasets.concatenate_datasets(pieces)


def refuse_defects(dataset: Any, files: Sequence[str]) -> None:
    """Strict mode on a built table (fresh or cached): the first article's earliest defect raises.

    A cached table was maybe built leniently (``strict`` does not change rows, so it is not in
    the cache key); its ``defects`` column says what a strict parse would have raised.
    """
    index = 0
    for batch in dataset.select_columns(["defects"]).iter(batch_size=1_000):
        for defects in batch["defects"]:
            if defects:
                first = min(defects, key=lambda d: (d["line"] is not None, d["line"] or 0))
                raise ParseError(
                    first["message"],
                    code=DefectCode(first["code"]),
                    line=first["line"],
                    path=files[index],
                )
            index += 1


def row_features(text_column: bool = False, with_path: bool = False) -> datasets.Features:
    """The rows' schema: ``FEATURES``, plus the ``text`` and provenance ``path`` columns asked."""
    features = TEXT_FEATURES if text_column else FEATURES
    if with_path:
        features = datasets.Features({**features, "path": datasets.Value("string")})
    return features
