"""Which exceptions are problems of the environment, and the one line the command line prints.

An environment problem (a missing file, a full disk, a missing extra, a bad glob, a date out of
range, a build that failed in a worker) is one clear line and exit status 2; anything else is a
bug and keeps its traceback. Errors that wrap another (``datasets``' ``DatasetGenerationError``,
a worker's re-raised error) are reported by the cause that started them.

Part of the ``cli`` stage (the command line).
"""

from __future__ import annotations

import re

from ..errors import SeedcorpusError

#: Optional packages and the extra that installs each.
EXTRAS = {"datasketch": "dedup", "datatrove": "datatrove", "matplotlib": "bench"}
#: Errors whose message is already the clear line.
_DIRECT = (SeedcorpusError, OSError, ValueError)
_INSTALL = re.compile(r"\binstall\s+['\"]?([A-Za-z0-9_.\-\[\]]+)", re.IGNORECASE)


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and every cause or context behind it, outermost first.

    A context hidden with ``raise ... from None`` is not followed (the message replaced it),
    except behind a build error, whose cause is what the user needs to see.
    """
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not s for s in seen):
        seen.append(current)
        wrapper = not isinstance(current, _DIRECT)
        hidden = current.__suppress_context__ and not wrapper
        current = current.__cause__ or (None if hidden else current.__context__)
    return seen


def _missing_package(exc: ImportError) -> str:
    """The line for a missing optional package, with the ``pip install`` that fixes it."""
    message = str(exc)
    if "pip install" in message:
        return message
    name = (exc.name or "").split(".")[0]
    if name in EXTRAS:
        extra = EXTRAS[name]
        return f"{message}: this needs the {extra} extra: pip install 'seedcorpus[{extra}]'"
    hint = _INSTALL.search(message)
    package = hint.group(1) if hint else name
    if package:
        return f"{message} (pip install {package})"
    return message


def environment_problem(exc: BaseException) -> str | None:
    """The one line to print for an environment problem, or None for a bug (keep the traceback)."""
    if isinstance(exc, ImportError):
        return _missing_package(exc)
    if isinstance(exc, re.error):
        return f"bad glob pattern ({exc.msg}); check the [...] ranges"
    if isinstance(exc, OverflowError):
        return f"a date or number is out of range ({exc})"
    if isinstance(exc, _DIRECT):
        return str(exc)
    chain = _chain(exc)
    # A wrapper (DatasetGenerationError, a worker's error): the deepest environment cause.
    for cause in reversed(chain):
        if isinstance(cause, ImportError):
            return _missing_package(cause)
        if isinstance(cause, _DIRECT):
            return f"{_kind(exc)}: {cause}"
    return None


def _kind(exc: BaseException) -> str:
    """How a wrapping error is named in the line (the build, or the error's own class)."""
    if type(exc).__name__ == "DatasetGenerationError":
        return "building the dataset failed"
    return type(exc).__name__
