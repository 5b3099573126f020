"""Finding article files (bundled seeds, a file, a folder or a glob) and reading them as records.

One rule for which files are articles, the same for folders and globs: visible ``*.txt`` regular
files, hidden names skipped, and no symlink that leads outside the crawl root (the folder, or a
glob's fixed leading folder) or into a loop. Environment problems raise ``CorpusError`` with
what to do: a missing path, a bundled seed that does not match its checksum manifest, two files
with one id, a path that names no article file.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import errno
import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CorpusError
from ..models import Article
from ..options import ParseOptions, resolve
from ..parse.lexicon import KeywordLexicon
from ..parse.lexicon_counts import LexiconCounter, order_every_for
from ..parse.parser import id_for, parse_bytes, read_article_bytes
from ..parse.tag_lines import tag_line_of
from . import remote
from .digests import sha256_file, snapshot
from .globbing import GLOB_CHARS, glob_regex, glob_root

ARTICLE_SUFFIX = ".txt"
MANIFEST_NAME = "SHA256SUMS"
_RESTORE_HINT = (
    "restore it with `git checkout -- seeds/` in a source checkout, or "
    "`pip install --force-reinstall seedcorpus` for an installed package"
)

PathLike = str | os.PathLike[str]


def bundled_seeds_dir() -> Path:
    """The folder of the bundled corpus: inside the installed package, or the checkout's seeds/."""
    package_dir = Path(__file__).resolve().parent.parent  # the seedcorpus package
    for candidate in (package_dir / "seeds", package_dir.parent.parent / "seeds"):
        if (candidate / MANIFEST_NAME).is_file():
            return candidate
    raise CorpusError(
        f"the bundled seeds are missing (looked in {package_dir / 'seeds'} and "
        f"{package_dir.parent.parent / 'seeds'}); {_RESTORE_HINT}"
    )


def read_manifest(folder: Path) -> dict[str, str]:
    """Parse a `sha256sum`-format manifest: file name -> expected hex digest."""
    entries: dict[str, str] = {}
    for line in (folder / MANIFEST_NAME).read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            entries[name.lstrip("*")] = digest
    return entries


def verify_bundled(folder: Path) -> list[str]:
    """Check every bundled seed against the manifest; return the files in name order."""
    expected = read_manifest(folder)
    present = {p.name for p in folder.glob("*" + ARTICLE_SUFFIX)}
    for name in sorted(present - expected.keys()):
        raise CorpusError(
            f"{folder / name}: not listed in {MANIFEST_NAME}; remove it, or if it belongs to the "
            "corpus, add its checksum (`sha256sum *.txt > SHA256SUMS` in the seeds folder)"
        )
    for name, digest in sorted(expected.items()):
        file = folder / name
        if not file.is_file():
            raise CorpusError(f"{file}: bundled seed is missing; {_RESTORE_HINT}")
        if sha256_file(str(file)) != digest:
            raise CorpusError(
                f"{file}: checksum does not match {MANIFEST_NAME} (the file was changed); "
                f"{_RESTORE_HINT}"
            )
    return [str(folder / name) for name in sorted(expected)]


@dataclass(frozen=True)
class Listing:
    """The article files a path names, in id order, with their ids and the crawl root.

    ``skipped`` lists the entries left out on the way (path, reason), for callers to report.
    """

    files: list[str]
    ids: list[str]
    root: str
    skipped: list[tuple[str, str]] = field(default_factory=list)
    storage_options: dict[str, Any] = field(default_factory=dict)


def discover(
    path: PathLike | None = None,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
) -> Listing:
    """The article files a path names, sorted by id; raises on missing paths and duplicate ids.

    ``path`` is a local file, folder or glob, an fsspec URL (``s3://...``, with
    ``storage_options``), or ``@list`` for a paths file. Paths are kept as strings: a million
    ``Path`` objects cost seconds that nobody needs.
    """
    chosen = resolve(options)
    storage = dict(storage_options or {})
    skipped: list[tuple[str, str]] = []
    if path is None:
        folder = bundled_seeds_dir()
        root, found = str(folder), verify_bundled(folder)
    elif os.fspath(path).startswith("@"):
        root, found = _paths_file(os.fspath(path), storage)
    elif remote.is_url(os.fspath(path)):
        root, found, what = remote.list_url(os.fspath(path), storage, is_article_name)
        if not found:
            raise CorpusError(f"{what}; article files are visible `*{ARTICLE_SUFFIX}` files")
    else:
        text = os.fspath(path)
        if not _utf8(text):
            raise CorpusError(f"{text!r}: the path is not valid UTF-8; rename it")
        if GLOB_CHARS & set(text) and not os.path.exists(text):
            root, relative = glob_root(text)
            pattern = glob_regex(relative)
            found = _walk(root, lambda rel: pattern.fullmatch(rel) is not None, skipped)
            what = f"the pattern {text!r} matches no article file"
        elif os.path.isdir(text):
            root, found = text, _walk(text, None, skipped)
            what = f"the folder {text} holds no article file"
        elif os.path.lexists(text):
            snapshot([text], chosen.max_bytes)  # a FIFO, device or huge file is refused here
            root, found, what = os.path.dirname(text) or ".", [text], ""
        else:
            raise CorpusError(f"{text}: no such file or folder; check the path")
        if not found:
            raise CorpusError(
                f"{what}; article files are visible `*{ARTICLE_SUFFIX}` files "
                "(hidden names and symlinks leading outside the folder are skipped)"
            )
    ids = [id_for(f, root, chosen.id_rule) for f in found]
    order = sorted(range(len(found)), key=lambda i: (ids[i], found[i]))
    files = [found[i] for i in order]
    ids = [ids[i] for i in order]
    for index in range(1, len(ids)):
        if ids[index] == ids[index - 1]:
            raise CorpusError(
                f"two files have the id {ids[index]!r}: {files[index - 1]} and {files[index]}; "
                "rename one, or use id_rule='relative' (--id-rule relative) for a crawl laid "
                "out in folders"
            )
    return Listing(files, ids, root, skipped, storage)


def _paths_file(spec: str, storage_options: dict[str, Any]) -> tuple[str, list[str]]:
    """(crawl root, entries) of a paths file; relative local entries are under its folder."""
    entries = remote.read_paths_file(spec, storage_options)
    if not entries:
        raise CorpusError(f"{spec[1:]}: the paths file lists no article file")
    base = os.path.dirname(spec[1:]) if not remote.is_url(spec[1:]) else ""
    found = [e if remote.is_url(e) or os.path.isabs(e) else os.path.join(base, e) for e in entries]
    folders = {os.path.dirname(f) or "." for f in found}
    try:
        root = os.path.commonpath(sorted(folders))
    except ValueError:  # local and remote entries mixed: ids by the stem rule stay unique
        root = "."
    return root, found


def read_all(
    listing: Listing, options: ParseOptions
) -> Iterator[tuple[str, str, bytes | CorpusError]]:
    """(file, id, bytes or the error that kept them) for every file of a listing, in order.

    Local files are read one by one (non-blocking, size-checked); URLs in batches.
    """
    pending: list[tuple[str, str]] = []

    def flush() -> Iterator[tuple[str, str, bytes | CorpusError]]:
        urls = [file for file, _ in pending]
        fetched = remote.fetch(urls, options.max_bytes, listing.storage_options)
        for (file, article_id), data in zip(pending, fetched, strict=True):
            yield file, article_id, data
        pending.clear()

    for file, article_id in zip(listing.files, listing.ids, strict=True):
        if remote.is_url(file):
            pending.append((file, article_id))
            if len(pending) >= remote.FETCH_BATCH:
                yield from flush()
            continue
        if pending:
            yield from flush()
        try:
            yield file, article_id, read_article_bytes(file, options.max_bytes)
        except CorpusError as exc:
            yield file, article_id, exc
    if pending:
        yield from flush()


def parse_all(
    listing: Listing, options: ParseOptions
) -> Iterator[tuple[str, Article | CorpusError]]:
    """(file, record or the environment error that kept it) for every file, in id order."""
    for file, article_id, data in read_all(listing, options):
        if isinstance(data, CorpusError):
            yield file, data
        else:
            yield file, parse_bytes(data, article_id=article_id, options=options, path=file)


def crawl_lexicon(listing: Listing, options: ParseOptions) -> KeywordLexicon:
    """The crawl-level keyword pass: every tag line of a listing counted into a lexicon.

    Reads only the title, source and tag line of each file, never a full parse; files that
    cannot be read are skipped here (the parse reports them).
    """
    counter = LexiconCounter(order_every=order_every_for(len(listing.files)))
    for _, _, data in read_all(listing, options):
        if not isinstance(data, CorpusError):
            counter.add(*tag_line_of(data))
    return counter.lexicon()


def with_crawl_lexicon(listing: Listing, options: ParseOptions) -> ParseOptions:
    """The options a crawl is parsed with: ``lexicon`` filled from the crawl, unless given or off.

    The one hook of the default crawl-level keyword pass: ``load_dataset``, ``Corpus`` (and so
    ``iter_articles``), ``export``, the command line and datatrove's reader each call it once.
    """
    if options.lexicon is not None or not options.crawl_lexicon:
        return options
    return options.replace(lexicon=crawl_lexicon(listing, options))


def articles_of(listing: Listing, options: ParseOptions) -> Iterator[Article]:
    """The records of a listing, in id order; an unreadable file raises its ``CorpusError``."""
    for _, article in parse_all(listing, options):
        if isinstance(article, CorpusError):
            raise article
        yield article


def is_article_name(name: str) -> bool:
    """The rule for which names are articles: visible `*.txt` files."""
    return name.endswith(ARTICLE_SUFFIX) and not name.startswith(".")


def _utf8(name: str) -> bool:
    """Whether a name decoded from the file system is valid UTF-8 (no escaped bytes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _link_problem(link: str, root_real: str) -> str | None:
    """Why a symlinked article must be skipped, or None when it leads to a file in the crawl."""
    try:
        real = os.path.realpath(link, strict=True)
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, OSError) and exc.errno == errno.ENOENT:
            return "dangling symlink"
        return "symlink loop"
    if not (real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)):
        return "symlink leads outside the crawl"
    if not os.path.isfile(real):
        return "symlink to something that is not a regular file"
    return None


def _walk(
    root: str, accept: Callable[[str], bool] | None, skipped: list[tuple[str, str]]
) -> list[str]:
    """Article files under ``root`` whose path relative to it ``accept`` takes.

    One rule for folders and globs: hidden names skipped, folder symlinks never followed (so no
    walk can loop), file symlinks kept only when they lead to a regular file inside the root,
    names that are not valid UTF-8 skipped; everything skipped for a reason is reported.
    """
    root_real = os.path.realpath(root)
    prefix = root.rstrip(os.sep) + os.sep
    found: list[str] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            skipped.append((folder, f"cannot list the folder ({exc.strerror})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if not _utf8(entry.name):
                skipped.append((repr(entry.path), "name is not valid UTF-8; rename it"))
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
                continue
            if not is_article_name(entry.name):
                continue
            if accept is not None:  # the path under the root, cut from the string (no relpath)
                relative = entry.path[len(prefix) :] if entry.path.startswith(prefix) else ""
                if not accept(relative.replace(os.sep, "/")):
                    continue
            if entry.is_file(follow_symlinks=False):
                found.append(entry.path)
            elif entry.is_symlink():
                problem = _link_problem(entry.path, root_real)
                if problem is None:
                    found.append(entry.path)
                else:
                    skipped.append((entry.path, problem))
    return found


class Corpus:
    """A set of article files: ``len()``, iteration in id order, lookup by id, ``ids``.

    ``Corpus()`` is the bundled corpus; ``Corpus(path)`` a file, folder, glob, fsspec URL or
    ``@paths-file``. The one way to read a corpus: ``iter_articles`` is iteration over it.

    Args:
        path: what to read; the bundled corpus when None.
        options: how to parse (``ParseOptions``); the defaults when None.
        strict: shortcut for ``options.strict``.
        storage_options: options for fsspec when ``path`` is a URL.

    Raises:
        CorpusError: a missing path, no article file, two files with one id, a changed seed.
    """

    def __init__(
        self,
        path: PathLike | None = None,
        *,
        options: ParseOptions | None = None,
        strict: bool | None = None,
        storage_options: dict[str, Any] | None = None,
    ) -> None:
        self._requested = resolve(options, strict=strict)
        listing = discover(path, self._requested, storage_options)
        self.listing = listing
        self.files = listing.files
        self.ids = listing.ids
        self.root = listing.root
        #: Entries skipped while listing (path, reason): symlink loops, names not UTF-8, ...
        self.skipped = listing.skipped
        self._by_id = dict(zip(self.ids, self.files, strict=True))

    @functools.cached_property
    def options(self) -> ParseOptions:
        """The options articles are parsed with, the crawl's keyword lexicon filled in.

        Filled on first use (``with_crawl_lexicon``), so lookup by id and iteration agree.
        """
        return with_crawl_lexicon(self.listing, self._requested)

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Article]:
        return articles_of(self.listing, self.options)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def __getitem__(self, article_id: str) -> Article:
        try:
            file = self._by_id[article_id]
        except KeyError:
            raise KeyError(f"no article with id {article_id!r} in this corpus") from None
        single = Listing([file], [article_id], self.root, [], self.listing.storage_options)
        ((_, article),) = parse_all(single, self.options)
        if isinstance(article, CorpusError):
            raise article
        return article

    def path_of(self, article_id: str) -> str:
        """The file an id was read from."""
        return self._by_id[article_id]

    def __repr__(self) -> str:
        return f"Corpus({len(self)} articles from {self.root})"


def iter_articles(
    path: PathLike | None = None,
    *,
    options: ParseOptions | None = None,
    strict: bool | None = None,
    storage_options: dict[str, Any] | None = None,
) -> Iterator[Article]:
    """Stream the articles a path names, in id order.

    Args:
        path: a file, folder, glob, fsspec URL or ``@paths-file``; the bundled corpus when None.
        options: how to parse (``ParseOptions``); the defaults when None.
        strict: shortcut for ``options.strict``.
        storage_options: options for fsspec when ``path`` is a URL.

    Returns:
        An iterator of records (files are read as it advances).
    """
    return iter(Corpus(path, options=options, strict=strict, storage_options=storage_options))


def corpus_lexicon_of(
    path: PathLike | None = None,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
    *,
    min_count: int = 1,
) -> frozenset[tuple[str, ...]]:
    """Keyword phrases that some article of a corpus settles: a first pass for ``known_phrases``.

    Pass the result as ``ParseOptions(known_phrases=...)`` (``--corpus-lexicon`` on the command
    line) so recurring tags settle what one article's text leaves open. Costs one extra parse.
    """
    from ..parse.keywords import corpus_lexicon

    pairs = (
        (article.keywords_text or "", [article.title, *article.body])
        for article in Corpus(path, options=options, storage_options=storage_options)
    )
    return corpus_lexicon(pairs, min_count=min_count)
