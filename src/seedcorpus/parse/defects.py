"""The one defect funnel: every parsing step reports content problems through ``DefectLog``.

Lenient parsing keeps them on the record; strict parsing raises the one with the earliest line
(file-level problems, which have no line, come first) as a ``ParseError``.

Part of the ``parse`` stage (one article).
"""

from __future__ import annotations

from ..errors import DefectCode, ParseError
from ..models import Defect


class DefectLog:
    """Collects the defects of one article, in the order the steps found them."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[Defect] = []

    def report(self, code: DefectCode, message: str, line: int | None = None) -> None:
        """Record one problem: a catalogue code, what happened, and the 1-based line (or None)."""
        self.items.append(Defect(code=code, message=message, line=line))

    def __bool__(self) -> bool:
        return bool(self.items)

    def earliest(self) -> Defect | None:
        """The defect strict mode raises: the earliest line, file-level problems first."""
        if not self.items:
            return None
        return min(self.items, key=lambda d: 0 if d.line is None else d.line)

    def raise_earliest(self, path: str) -> None:
        """Raise the earliest defect as ``ParseError`` (nothing happens when there is none)."""
        first = self.earliest()
        if first is not None:
            raise ParseError(first.message, code=first.code, line=first.line, path=path)
