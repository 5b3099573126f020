"""Crawls on object storage and paths files, read through ``fsspec``.

A URL (``s3://``, ``gs://``, ``hf://``, ``file://``, ``memory://``) names a file, folder or glob
as a local path does; ``storage_options`` go to ``fsspec`` unchanged. A path starting with
``@`` is a paths file: one path or URL per line (blank lines and ``#`` comments skipped), read
in place of listing a folder, since listing tens of millions of objects takes hours. Remote
files are fetched in batches with ``cat_ranges`` (concurrent on asynchronous file systems),
never more than the size limit plus one byte each.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import CorpusError, too_big

#: Remote files fetched per request batch.
FETCH_BATCH = 64
_GLOB_CHARS = frozenset("*?[")
# Keys of ``fs.info`` that change whenever an object's content does, most specific first.
# Times are not among them: a same-size edit can put a modification time back.
_VERSION_KEYS = ("ETag", "etag", "md5Hash", "crc32c", "sha256", "checksum", "blob_id")


def is_url(text: str) -> bool:
    """Whether a path is an fsspec URL (``protocol://...``)."""
    head, sep, _ = text.partition("://")
    return bool(sep) and head.replace("+", "").replace("-", "").isalnum()


def _fs(url: str, storage_options: dict[str, Any]) -> tuple[Any, str]:
    """The file system and the bare path of a URL; a missing driver is one clear line."""
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(url, **storage_options)
    except ImportError as exc:
        from fsspec.registry import known_implementations

        protocol = url.partition("://")[0]
        known = known_implementations.get(protocol, {})
        package = str(known.get("class", "")).split(".")[0] or "the fsspec driver"
        raise CorpusError(
            f"{url}: reading {protocol}:// URLs needs {package}, which is not installed "
            f"({exc}); run `pip install {package}`"
        ) from None
    return fs, str(path)


def list_url(
    url: str, storage_options: dict[str, Any], is_article: Any
) -> tuple[str, list[str], str]:
    """(crawl root, article URLs, what was looked at) for a URL naming a file, folder or glob."""
    from .globbing import glob_regex

    fs, path = _fs(url, storage_options)
    if _GLOB_CHARS & set(path):
        parts = path.split("/")
        fixed = []
        for part in parts[:-1]:
            if _GLOB_CHARS & set(part):
                break
            fixed.append(part)
        root = "/".join(fixed)
        glob_regex("/".join(parts[len(fixed) :]))  # a reversed range is a clear error
        matches = fs.glob(path, detail=True)
        what = f"the pattern {url!r} matches no article file"
    elif fs.isdir(path):
        root, matches = path.rstrip("/"), fs.find(path, detail=True)
        what = f"the folder {url} holds no article file"
    elif fs.exists(path):
        if fs.info(path).get("type") != "file":
            raise CorpusError(f"{url}: not a regular file; only article files are read")
        return fs.unstrip_protocol(posixpath.dirname(path)), [fs.unstrip_protocol(path)], ""
    else:
        raise CorpusError(f"{url}: no such file or folder; check the URL and storage options")
    found = [
        fs.unstrip_protocol(name)
        for name, info in sorted(matches.items())
        if info.get("type") == "file"
        and is_article(posixpath.basename(name))
        and not any(p.startswith(".") for p in posixpath.relpath(name, root or "/").split("/"))
    ]
    return fs.unstrip_protocol(root), found, what


def read_paths_file(location: str, storage_options: dict[str, Any]) -> list[tuple[int, str]]:
    """The entries of a paths file with their line numbers: one path or URL per line.

    Blank lines and ``#`` comments are skipped; a NUL byte in an entry is an error naming it.
    """
    try:
        if is_url(location):
            fs, path = _fs(location, storage_options)
            data = fs.cat_file(path)
        else:
            with open(location, "rb") as handle:
                data = handle.read()
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{location}: cannot read the paths file ({exc})") from None
    entries: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if "\0" in entry:
            raise CorpusError(
                f"{location}:{number}: the entry {entry!r} holds a NUL byte; a paths file lists "
                "one path or URL per line"
            )
        entries.append((number, entry))
    return entries


def fetch(
    urls: Sequence[str], max_bytes: int, storage_options: dict[str, Any]
) -> Iterator[bytes | CorpusError]:
    """The bytes of each URL, in order, fetched in batches; an unreadable one is its error."""
    for start in range(0, len(urls), FETCH_BATCH):
        batch = urls[start : start + FETCH_BATCH]
        fs, _ = _fs(batch[0], storage_options)
        paths = [fs._strip_protocol(url) for url in batch]
        data = fs.cat_ranges(
            paths, [0] * len(paths), [max_bytes + 1] * len(paths), on_error="return"
        )
        for url, item in zip(batch, data, strict=True):
            if isinstance(item, BaseException):
                yield CorpusError(f"{url}: cannot read ({item})")
            elif len(item) > max_bytes:
                yield too_big(url, len(item), max_bytes)
            else:
                yield bytes(item)


def versions(urls: Sequence[str], storage_options: dict[str, Any]) -> list[str]:
    """What identifies each object's current content (size and ETag, mtime, ...), for cache keys.

    Objects whose store reports no such field are identified by a hash of their bytes.
    """
    out: list[str] = []
    for url in urls:
        fs, path = _fs(url, storage_options)
        try:
            info = fs.info(path)
            tag = next((str(info[k]) for k in _VERSION_KEYS if info.get(k) is not None), None)
            if tag is None:
                tag = hashlib.sha256(fs.cat_file(path)).hexdigest()
        except OSError as exc:
            raise CorpusError(f"{url}: cannot read ({exc})") from None
        if info.get("type", "file") != "file":
            raise CorpusError(f"{url}: not a regular file; only article files are read")
        out.append(f"{info.get('size')}:{tag}")
    return out
