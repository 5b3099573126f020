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
_VERSION_KEYS = ("ETag", "etag", "md5Hash", "crc32c", "sha256", "LastModified", "mtime", "created")


def is_url(text: str) -> bool:
    """Whether a path is an fsspec URL (``protocol://...``)."""
    head, sep, _ = text.partition("://")
    return bool(sep) and head.replace("+", "").replace("-", "").isalnum()


def _fs(url: str, storage_options: dict[str, Any]) -> tuple[Any, str]:
    """The file system and the bare path of a URL."""
    import fsspec

    fs, path = fsspec.core.url_to_fs(url, **storage_options)
    return fs, str(path)


def list_url(
    url: str, storage_options: dict[str, Any], is_article: Any
) -> tuple[str, list[str], str]:
    """(crawl root, article URLs, what was looked at) for a URL naming a file, folder or glob."""
    fs, path = _fs(url, storage_options)
    if _GLOB_CHARS & set(path):
        parts = path.split("/")
        fixed = []
        for part in parts[:-1]:
            if _GLOB_CHARS & set(part):
                break
            fixed.append(part)
        root = "/".join(fixed)
        matches = fs.glob(path)
        what = f"the pattern {url!r} matches no article file"
    elif fs.isdir(path):
        root, matches = path.rstrip("/"), fs.find(path)
        what = f"the folder {url} holds no article file"
    elif fs.exists(path):
        return fs.unstrip_protocol(posixpath.dirname(path)), [url], ""
    else:
        raise CorpusError(f"{url}: no such file or folder; check the URL and storage options")
    found = [
        fs.unstrip_protocol(m)
        for m in matches
        if is_article(posixpath.basename(m))
        and not any(p.startswith(".") for p in posixpath.relpath(m, root or "/").split("/"))
    ]
    return fs.unstrip_protocol(root), found, what


def read_paths_file(spec: str, storage_options: dict[str, Any]) -> list[str]:
    """The entries of a paths file (``@list``): one path or URL per line."""
    location = spec[1:]
    try:
        if is_url(location):
            import fsspec

            with fsspec.open(location, "rt", encoding="utf-8", **storage_options) as handle:
                lines = handle.read().splitlines()
        else:
            with open(location, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{location}: cannot read the paths file ({exc})") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


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
        except OSError as exc:
            raise CorpusError(f"{url}: cannot read ({exc})") from None
        tag = next((str(info[key]) for key in _VERSION_KEYS if info.get(key) is not None), None)
        if tag is None:
            tag = hashlib.sha256(fs.cat_file(path)).hexdigest()
        out.append(f"{info.get('size')}:{tag}")
    return out
