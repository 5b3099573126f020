"""Glob patterns matched by hand, so a walk that follows no folder links can use them.

Python's ``glob`` follows folder symlinks under ``**`` (and loops on self-links); the corpus
walker lists files itself and asks these regexes which relative paths a pattern takes, and
which folders can still hold a match (a one-level glob never walks the sub-folders). A pattern
that cannot be compiled (a reversed range ``[z-a]``) is a ``CorpusError`` naming it.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import os
import re

from ..errors import CorpusError

#: Characters that make a path a glob.
GLOB_CHARS = frozenset("*?[")


def glob_root(pattern: str) -> tuple[str, str]:
    """A glob's fixed leading folder (the crawl root) and the pattern relative to it."""
    parts = pattern.replace(os.sep, "/").split("/")
    fixed: list[str] = []
    for part in parts[:-1]:
        if GLOB_CHARS & set(part):
            break
        fixed.append(part)
    root = "/".join(fixed) or ("/" if pattern.startswith("/") else ".")
    if pattern.startswith("/") and not fixed[1:]:
        root = "/"
    return root, "/".join(parts[len(fixed) :])


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A regex for a relative glob: `*`, `?`, `[...]` within a name, `**` across folders."""
    out: list[str] = []
    parts = pattern.split("/")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        out.append(_glob_part(part) + ("" if last else "/"))
    return _compile("".join(out), pattern)


class FolderFilter:
    """Which folders under a glob's root can hold a match, so the walk prunes the rest.

    ``accepts("2023/01")`` is True when the folder's path fits the pattern's leading folder
    parts; a pattern with ``**`` accepts every folder below the parts before it.
    """

    def __init__(self, pattern: str) -> None:
        parts = pattern.split("/")[:-1]
        self.deep = "**" in parts
        if self.deep:
            parts = parts[: parts.index("**")]
        self.parts = [_compile(_glob_part(p), pattern) for p in parts]

    def accepts(self, folder: str) -> bool:
        """Whether the walk should descend into ``folder`` (relative to the root, `/` form)."""
        names = folder.split("/")
        if len(names) > len(self.parts) and not self.deep:
            return False
        return all(
            regex.fullmatch(name) is not None
            for regex, name in zip(self.parts, names, strict=False)
        )


def _compile(regex: str, pattern: str) -> re.Pattern[str]:
    """Compile a glob's regex; an impossible pattern is a clear error, not ``re.error``."""
    try:
        return re.compile(regex)
    except re.error as exc:
        raise CorpusError(
            f"the pattern {pattern!r} is not a valid glob ({exc.msg}); a range such as [a-z] "
            "must go from the lower character to the higher"
        ) from None


def _glob_part(part: str) -> str:
    """One path component of a glob as a regex that never crosses `/`."""
    out: list[str] = []
    i = 0
    while i < len(part):
        char = part[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and (close := part.find("]", i + 2)) > 0:
            body = part[i + 1 : close]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = close
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)
