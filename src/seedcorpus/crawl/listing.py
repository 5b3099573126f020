"""One ``Crawl``: the listing, root, ids, fingerprint and shards of a crawl, resolved once.

``Crawl.of(path)`` lists a local file, folder or glob, an fsspec URL (``file://`` is read as the
local path it names, so it gets every local guarantee), or ``@paths-file``, and every entry
point (``iter_articles``, ``Corpus``, ``load_dataset``, ``export``, the datatrove reader) takes
either a path or a ``Crawl``. Every guarantee about inputs lives here or in the modules it
calls: regular files only, one symlink rule (``walk``), ids under ``id_root`` (``ids``), no
duplicate id, paths-file entries that are article files, cache keys that see content
(``digests``), count-balanced shards (``sharding``), and every skipped entry counted, named on
``Crawl.skipped`` and warned about.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ..errors import CorpusError
from ..options import DEFAULT, ParseOptions, resolve
from . import remote
from .bundled import bundled_seeds_dir, verify_bundled
from .digests import Hasher, Status, combine, file_digests, snapshot
from .entries import checked_entries, local_files, paths_file_entries
from .ids import canonical, crawl_ids, is_remote, local_path
from .names import Names, compact
from .sharding import balanced_groups, count_groups
from .walk import ARTICLE_SUFFIX, is_article_name

PathLike = str | os.PathLike[str]
#: How shards are balanced: the same number of articles (training), or of bytes (preprocessing).
Balance = Literal["count", "bytes"]


class SkippedFilesWarning(UserWarning):
    """Entries of a crawl were left out (listed on ``Crawl.skipped``); nothing else was lost."""


@dataclass(frozen=True, eq=False)
class Crawl:
    """The article files a path names, in id order, with their ids and the crawl root.

    Made once (``Crawl.of(path, options)``) and shared: pass it instead of a path to any entry
    point and nothing is listed, statted or hashed twice.

    ``files`` and ``ids`` are kept as ``Names`` (one joined text each, read as a list of
    strings), so a crawl of 100,000 files holds two strings and two arrays, not 200,000
    strings: what a stream holds does not grow with the crawl by a string per file.

    Args:
        files: the article files (paths or URLs), in id order.
        ids: their ids, in the same order.
        root: the crawl root: the folder, a glob's fixed leading folder, the paths file's folder.
        skipped: the entries left out while listing, as (path, reason): counted, named, warned.
        storage_options: options for fsspec when the files are URLs.
        options: the options the ids were made with (``id_rule``, ``id_root``).
        bundled: whether this is the bundled corpus.
    """

    files: Sequence[str]
    ids: Sequence[str]
    root: str
    skipped: list[tuple[str, str]] = field(default_factory=list)
    storage_options: dict[str, Any] = field(default_factory=dict)
    options: ParseOptions = DEFAULT
    bundled: bool = False
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def of(
        cls,
        path: PathLike | None = None,
        options: ParseOptions | None = None,
        storage_options: dict[str, Any] | None = None,
    ) -> Crawl:
        """List a crawl (the bundled corpus when ``path`` is None), warning about skipped entries.

        Args:
            path: a local file, folder or glob, an fsspec URL, or ``@paths-file``.
            options: the options ids are made with (``id_rule``, ``id_root``) and kept.
            storage_options: options for fsspec when ``path`` is a URL.

        Raises:
            CorpusError: a missing path, no article file, two files with one id, a file outside
                ``id_root``, a bad paths-file entry, a changed bundled seed.
        """
        crawl = discover(path, options, storage_options)
        warn_skipped(crawl)
        return crawl

    def __post_init__(self) -> None:
        # Any sequence of names is accepted (a list, a select's names) and kept compact.
        object.__setattr__(self, "files", compact(self.files))
        object.__setattr__(self, "ids", compact(self.ids))

    def __len__(self) -> int:
        return len(self.files)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without its memo; the file names and ids pickle as one text each.

        A build's workers get the crawl with the builder, pickled by ``dill`` in pure Python,
        one object at a time: a list of 20,000 names cost a tenth of a second of serial time
        per worker, one joined text (``Names``) nothing. Statuses, digests and keys stay with
        the parent (a copy takes them again if asked).
        """
        return {**self.__dict__, "_memo": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """The crawl ``__getstate__`` packed."""
        self.__dict__.update(state)

    @property
    def remote(self) -> bool:
        """Whether any file is on a remote file system (read through fsspec); found once."""
        if "remote" not in self._memo:
            self._memo["remote"] = any(remote.is_url(f) for f in self.files)
        return bool(self._memo["remote"])

    def remembered(self, key: Any, make: Callable[[], Any]) -> Any:
        """``make()`` once per ``Crawl`` under ``key`` (a refreshed or partial Crawl forgets)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def statuses(self) -> list[Status] | list[str]:
        """What identifies each file's content now: local status, or remote size and tag.

        Taken once per ``Crawl`` (regular files within ``max_bytes`` only); ``refreshed`` forgets.
        """
        if "statuses" not in self._memo:
            self._memo["statuses"] = self._current_statuses()
        return list(self._memo["statuses"])

    def _current_statuses(self) -> list[Status] | list[str]:
        if self.remote:
            return remote.versions(self.files, self.storage_options)
        return snapshot(self.files, self.options.max_bytes)

    def changed(self) -> bool:
        """Whether any file's content identity differs from ``statuses()`` (taken earlier)."""
        return self._current_statuses() != self.statuses()

    def digests(
        self, store_dir: str | None = None, processes: int = 1, hasher: Hasher | None = None
    ) -> list[str] | None:
        """Each local file's content digest (None for remote crawls, which have tags).

        Files whose digest is not remembered are hashed in up to ``processes`` processes (by
        ``hasher`` when given: see ``digests.file_digests``).
        """
        if self.remote:
            return None
        if "digests" not in self._memo:
            statuses = self.statuses()
            self._memo["digests"] = file_digests(self.files, statuses, store_dir, processes, hasher)  # type: ignore[arg-type]  # local: Status
        return list(self._memo["digests"])

    def fingerprint(
        self,
        salt: str,
        store_dir: str | None = None,
        processes: int = 1,
        hasher: Hasher | None = None,
    ) -> str:
        """The cache key: ``salt`` and every file's id and content digest (or remote tag)."""
        key = ("fingerprint", salt)
        if key not in self._memo:
            found = self.digests(store_dir, processes, hasher)
            if found is None:  # remote: sizes and tags, no byte read
                found = [str(s) for s in self.statuses()]
            self._memo[key] = combine(salt, self.ids, found)
        return str(self._memo[key])

    def refreshed(self) -> Crawl:
        """The same files and ids with statuses, digests and keys taken again."""
        return replace(self)  # a fresh memo

    def select(self, indexes: Sequence[int]) -> Crawl:
        """A crawl of some of these files (in the order given); skipped entries stay here."""
        return replace(
            self,
            files=Names(self.files[i] for i in indexes),
            ids=Names(self.ids[i] for i in indexes),
            skipped=[],
        )

    def sizes(self) -> list[int]:
        """File sizes for byte balance (1 each for remote files, which would cost a request)."""
        if self.remote:
            return [1] * len(self.files)
        return [max(1, int(status[0])) for status in self.statuses()]

    def shards(self, count: int, balance: Balance = "count") -> list[list[int]]:
        """Indexes cut into ``count`` contiguous shards, in id order, none empty.

        By count, shard sizes differ by at most one and the larger come first, so whole shards
        dealt round-robin (``split_dataset_by_node``) give every rank the same number of
        articles within one. By bytes, shards hold about equal bytes (preprocessing).
        """
        if balance == "bytes":
            return balanced_groups(self.sizes(), count)
        if balance != "count":
            raise ValueError(f"balance must be 'count' or 'bytes', not {balance!r}")
        return count_groups(len(self.files), count)

    def part(self, rank: int | None, world_size: int | None, balance: Balance = "count") -> Crawl:
        """The files of one rank: its contiguous part (7 files over 3 ranks: 3, 2 and 2)."""
        if rank is None and world_size is None:
            return self
        if rank is None or world_size is None or not 0 <= rank < world_size:
            raise ValueError("pass both rank and world_size, with 0 <= rank < world_size")
        if balance == "bytes":
            groups = balanced_groups(self.sizes(), world_size)
        else:
            groups = count_groups(len(self.files), world_size, keep_empty=True)
        mine = groups[rank] if rank < len(groups) else []
        if not mine:
            warnings.warn(
                f"rank {rank} of {world_size} gets no article file: the corpus has only "
                f"{len(self.files)}; use fewer ranks",
                stacklevel=3,
            )
        return self.select(mine)

    def __repr__(self) -> str:
        return f"Crawl({len(self)} files from {self.root}, {len(self.skipped)} skipped)"


def warn_skipped(crawl: Crawl) -> None:
    """Warn once about the entries a crawl left out, naming the first few (nothing silent)."""
    if not crawl.skipped:
        return
    shown = "; ".join(f"{path!r}: {reason}" for path, reason in crawl.skipped[:3])
    more = f" and {len(crawl.skipped) - 3} more" if len(crawl.skipped) > 3 else ""
    warnings.warn(
        SkippedFilesWarning(
            f"{len(crawl.skipped)} entries of {crawl.root} were skipped and not read: "
            f"{shown}{more} (all on Crawl.skipped)"
        ),
        stacklevel=_outside_the_package(),
    )


def _outside_the_package() -> int:
    """The ``stacklevel`` of the first caller outside seedcorpus, so a warning names user code."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    frame = sys._getframe(1)
    level = 1
    while frame.f_back is not None and frame.f_code.co_filename.startswith(package):
        frame = frame.f_back
        level += 1
    return level


def as_crawl(
    path: PathLike | Crawl | None,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
    *,
    strict: bool | None = None,
) -> tuple[Crawl, ParseOptions]:
    """The crawl an entry point works on and the options it runs with, each resolved once.

    A ``Crawl`` is used as it is; its ids were made with its own ``id_rule`` and ``id_root``,
    so options that would make other ids are refused.
    """
    if isinstance(path, Crawl):
        chosen = resolve(options or path.options, strict=strict)
        if (chosen.id_rule, chosen.id_root) != (path.options.id_rule, path.options.id_root):
            raise ValueError(
                "the Crawl was listed with other id options "
                f"(id_rule={path.options.id_rule!r}, id_root={path.options.id_root!r}); "
                "make it again with Crawl.of(path, options)"
            )
        if storage_options:
            raise ValueError("storage_options go to Crawl.of when a Crawl is given")
        return path, chosen
    chosen = resolve(options, strict=strict)
    return Crawl.of(path, chosen, storage_options), chosen


def discover(
    path: PathLike | None = None,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
) -> Crawl:
    """The article files a path names, sorted by id; raises on missing paths and duplicate ids.

    ``path`` is a local file, folder or glob, an fsspec URL (``s3://...``, with
    ``storage_options``), or ``@list`` for a paths file. Paths are kept as strings: a million
    ``Path`` objects cost seconds that nobody needs. Skipped entries are on ``skipped``, not
    warned about (``Crawl.of`` warns; the command line prints its own lines).
    """
    chosen = resolve(options)
    storage = dict(storage_options or {})
    skipped: list[tuple[str, str]] = []
    text = os.fspath(path) if path is not None else None
    if text is not None and not text.startswith("@"):
        text = local_path(text) or text
    if text is None:
        folder = bundled_seeds_dir()
        root, found = str(folder), verify_bundled(folder)
    elif text.startswith("@"):
        root, found = paths_file_entries(text[1:], storage, chosen, skipped)
    elif remote.is_url(text):
        root, found, what = remote.list_url(text, storage, is_article_name)
        if not found:
            raise CorpusError(f"{what}; article files are visible `*{ARTICLE_SUFFIX}` files")
    else:
        root, found = local_files(text, chosen, skipped)
    crawl = ordered(found, root, chosen)
    return replace(crawl, skipped=skipped, storage_options=storage, bundled=path is None)


def ordered(found: Sequence[str], root: str, options: ParseOptions) -> Crawl:
    """A crawl of files under ``root``, with their ids, in id order; duplicate ids refused."""
    ids = crawl_ids(found, root, options)
    order = sorted(range(len(found)), key=lambda i: (ids[i], found[i]))
    files = [found[i] for i in order]
    ids = [ids[i] for i in order]
    for index in range(1, len(ids)):
        if ids[index] == ids[index - 1]:
            raise duplicate_id(ids[index], files[index - 1], files[index])
    return Crawl(files, ids, root, options=options)


def listed(
    entries: Sequence[str],
    folder: str,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
    *,
    source: str,
) -> Crawl:
    """A crawl of listed entries (an engine's paths file), checked as a paths file's are.

    Relative entries are under ``folder``; ``source`` names the list in errors.
    """
    chosen = resolve(options)
    skipped: list[tuple[str, str]] = []
    numbered = [(n, e.strip()) for n, e in enumerate(entries, 1) if e.strip()]
    for number, entry in numbered:
        if "\0" in entry:
            raise CorpusError(f"{source}:{number}: the entry {entry!r} holds a NUL byte")
    found = checked_entries(numbered, folder, chosen, skipped, source=source)
    crawl = ordered(found, canonical(folder) if is_remote(folder) else folder, chosen)
    return replace(crawl, skipped=skipped, storage_options=dict(storage_options or {}))


def duplicate_id(article_id: str, first: str, second: str) -> CorpusError:
    """The error for two files with one id, naming both (the same words on every surface)."""
    return CorpusError(
        f"two files have the id {article_id!r}: {first} and {second}; rename one, or use "
        "id_rule='relative' (--id-rule relative) or id_root for a crawl laid out in folders"
    )
