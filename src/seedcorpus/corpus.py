"""Finding article files (bundled seeds, a file, a folder or a glob) and reading them as records.

One rule for which files are articles, the same for folders and globs: visible ``*.txt`` regular
files, hidden names skipped, and no symlink that leads outside the crawl root (the folder, or a
glob's fixed leading folder) or into a loop. Environment problems raise ``CorpusError`` with
what to do: a missing path, a bundled seed that does not match its checksum manifest, two files
with one id, a path that names no article file.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .digests import sha256_file
from .errors import CorpusError
from .models import Article
from .options import ParseOptions, resolve
from .parser import id_for, parse_file

ARTICLE_SUFFIX = ".txt"
MANIFEST_NAME = "SHA256SUMS"
_GLOB_CHARS = frozenset("*?[")
_RESTORE_HINT = (
    "restore it with `git checkout -- seeds/` in a source checkout, or "
    "`pip install --force-reinstall seedcorpus` for an installed package"
)

PathLike = str | os.PathLike[str]


def bundled_seeds_dir() -> Path:
    """The folder of the bundled corpus: inside the installed package, or the checkout's seeds/."""
    package_dir = Path(__file__).resolve().parent
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
    """The article files a path names, in id order, with their ids and the crawl root."""

    files: list[str]
    ids: list[str]
    root: str


def discover(path: PathLike | None = None, options: ParseOptions | None = None) -> Listing:
    """The article files a path names, sorted by id; raises on missing paths and duplicate ids.

    Paths are kept as strings: a million ``Path`` objects cost seconds that nobody needs.
    """
    chosen = resolve(options)
    if path is None:
        folder = bundled_seeds_dir()
        root, found = str(folder), verify_bundled(folder)
    else:
        text = os.fspath(path)
        if _GLOB_CHARS & set(text) and not os.path.exists(text):
            root, found = _glob_root(text), _glob_files(text)
            what = f"the pattern {text!r} matches no article file"
        elif os.path.isdir(text):
            root, found = text, _folder_files(text)
            what = f"the folder {text} holds no article file"
        elif os.path.lexists(text):
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
    return Listing(files, ids, root)


def is_article_name(name: str) -> bool:
    """The rule for which names are articles: visible `*.txt` files."""
    return name.endswith(ARTICLE_SUFFIX) and not name.startswith(".")


def _inside(file: str, root_real: str) -> bool:
    """Whether a (possibly symlinked) file resolves to a regular file inside the crawl root."""
    try:
        real = os.path.realpath(file, strict=True)
    except (OSError, RuntimeError):  # a dangling link or a loop
        return False
    return (real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)) and (
        os.path.isfile(real)
    )


def _folder_files(folder: str) -> list[str]:
    """The article files under a folder, recursively; folder symlinks are not followed."""
    root_real = os.path.realpath(folder)
    found: list[str] = []
    pending = [folder]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif is_article_name(entry.name) and (
                    entry.is_file(follow_symlinks=False)
                    or (entry.is_symlink() and _inside(entry.path, root_real))
                ):
                    found.append(entry.path)
    return found


def _glob_root(pattern: str) -> str:
    """A glob's fixed leading folder: the crawl root its matches must stay inside."""
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts[:-1]:
        if _GLOB_CHARS & set(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."


def _glob_files(pattern: str) -> list[str]:
    """Article files a glob matches, by the same rule as folders (``**`` follows no links)."""
    root_real = os.path.realpath(_glob_root(pattern))
    found = []
    for match in glob.iglob(pattern, recursive=True):
        if not is_article_name(os.path.basename(match)) or _through_link(match, pattern):
            continue
        if os.path.islink(match):
            if _inside(match, root_real):
                found.append(match)
        elif os.path.isfile(match) and _inside(match, root_real):
            found.append(match)
    return found


def _through_link(match: str, pattern: str) -> bool:
    """Whether a match was reached through a folder symlink below the glob's fixed root."""
    root = _glob_root(pattern)
    relative = os.path.relpath(os.path.dirname(match), root)
    if relative in (".", ""):
        return False
    current = root
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        if os.path.islink(current):
            return True
    return False


class Corpus:
    """A set of article files: ``len()``, iteration in id order, lookup by id, ``ids``.

    ``Corpus()`` is the bundled corpus; ``Corpus(path)`` a file, folder or glob. The one
    way to read a corpus: ``iter_articles`` is iteration over a ``Corpus``.
    """

    def __init__(
        self,
        path: PathLike | None = None,
        *,
        options: ParseOptions | None = None,
        strict: bool | None = None,
    ) -> None:
        self.options = resolve(options, strict=strict)
        listing = discover(path, self.options)
        self.files = listing.files
        self.ids = listing.ids
        self.root = listing.root
        self._by_id = dict(zip(self.ids, self.files, strict=True))

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Article]:
        for file, article_id in zip(self.files, self.ids, strict=True):
            yield parse_file(file, options=self.options, article_id=article_id)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def __getitem__(self, article_id: str) -> Article:
        try:
            file = self._by_id[article_id]
        except KeyError:
            raise KeyError(f"no article with id {article_id!r} in this corpus") from None
        return parse_file(file, options=self.options, article_id=article_id)

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
) -> Iterator[Article]:
    """Stream the articles a path names (None = the bundled corpus), in id order."""
    return iter(Corpus(path, options=options, strict=strict))
