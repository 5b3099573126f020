"""Glob patterns matched by hand, so a walk that follows no folder links can use them.

Python's ``glob`` follows folder symlinks under ``**`` (and loops on self-links); the corpus
walker lists files itself and asks these regexes which relative paths a pattern takes.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import os
import re

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
    return re.compile("".join(out))


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
