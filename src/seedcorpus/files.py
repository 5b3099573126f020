"""Finding article files (bundled seeds, a file, a folder or a glob) and reading them as records.

Environment problems raise ``CorpusError`` with what to do: a missing path, a bundled seed that
does not match its checksum manifest, two files with one id. Folders are read in id order, only
``*.txt`` files count, hidden files are skipped and symlinks leading outside the folder ignored.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Collection, Iterable, Iterator
from itertools import pairwise
from pathlib import Path

from .errors import CorpusError
from .models import Article
from .parser import article_id, parse_file

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


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(folder: Path) -> dict[str, str]:
    """Parse a `sha256sum`-format manifest: file name -> expected hex digest."""
    entries: dict[str, str] = {}
    for line in (folder / MANIFEST_NAME).read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            entries[name.lstrip("*")] = digest
    return entries


def verify_bundled(folder: Path) -> tuple[Path, ...]:
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
        if sha256_of(file) != digest:
            raise CorpusError(
                f"{file}: checksum does not match {MANIFEST_NAME} (the file was changed); "
                f"{_RESTORE_HINT}"
            )
    return tuple(folder / name for name in sorted(expected))


def discover(path: PathLike | None = None) -> list[str]:
    """The article files a path names, sorted by id; raises on missing paths and duplicate ids.

    Paths come back as strings: a million ``Path`` objects cost seconds that nobody needs.
    """
    if path is None:
        found = [str(f) for f in verify_bundled(bundled_seeds_dir())]
    else:
        text = os.fspath(path)
        if _GLOB_CHARS & set(text) and not Path(text).exists():
            found = [
                p
                for p in glob.glob(text, recursive=True)
                if _is_article(Path(p)) and Path(p).is_file()
            ]
        else:
            found = _files_at(Path(text))
    # Sort by id (the file name without .txt: every article name ends alike, so the file name
    # orders the same), then path. Strings, not Paths: a million Paths cost seconds.
    if _one_folder(found):
        found.sort()  # one folder: path order is name order, and a plain sort is much faster
    else:
        found.sort(key=lambda f: (os.path.basename(f), f))
    for previous, current in pairwise(found):
        if os.path.basename(previous) == os.path.basename(current):
            raise CorpusError(
                f"two files have the id {article_id(current)!r}: {previous} and {current}; "
                "rename one, since ids must be unique"
            )
    return found


def _one_folder(files: list[str]) -> bool:
    """Whether all files lie directly in the same folder."""
    folder = os.path.dirname(files[0]) if files else ""
    prefix = folder + os.sep
    cut = len(prefix)
    return all(f.startswith(prefix) and os.sep not in f[cut:] for f in files)


def _files_at(path: Path) -> list[str]:
    """A file itself, or the article files under a folder (recursively, no escaping symlinks)."""
    if path.is_file():
        return [os.fspath(path)]
    if not path.is_dir():
        raise CorpusError(f"{path}: no such file or folder; check the path")
    root = path.resolve()
    found: list[str] = []
    pending = [os.fspath(path)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.name.endswith(ARTICLE_SUFFIX) and (
                    entry.is_file(follow_symlinks=False)
                    or (entry.is_symlink() and _inside(Path(entry.path), root))
                ):
                    found.append(entry.path)
    return found


def _is_article(file: Path) -> bool:
    """The rule for which files are articles: visible `*.txt` files."""
    return file.suffix == ARTICLE_SUFFIX and not file.name.startswith(".")


def _inside(file: Path, root: Path) -> bool:
    """Whether a symlink's target lies inside the folder being read."""
    try:
        file.resolve().relative_to(root)
    except ValueError:
        return False
    return file.resolve().is_file()


def iter_articles(
    path: PathLike | None = None,
    *,
    strict: bool = False,
    known_phrases: Collection[tuple[str, ...]] = (),
) -> Iterator[Article]:
    """Stream the articles a path names (None = the bundled corpus), in id order.

    ``known_phrases`` (see ``keywords.corpus_lexicon``) lets recurring tags settle keyword
    boundaries that an article's own text leaves open.
    """
    for file in discover(path):
        yield parse_file(file, strict=strict, known_phrases=known_phrases)


def load_articles(
    path: PathLike | None = None,
    *,
    strict: bool = False,
    known_phrases: Collection[tuple[str, ...]] = (),
) -> list[Article]:
    """All the articles a path names, as a list, in id order."""
    return list(iter_articles(path, strict=strict, known_phrases=known_phrases))


def write_jsonl(articles: Iterable[Article], out: Path) -> int:
    """Write one JSON record per line (UTF-8, Arabic unescaped); returns the count."""
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(article.model_dump_json() + "\n")
            count += 1
    return count


class Corpus:
    """A set of article files with ``len()``, iteration in id order and lookup by id."""

    def __init__(self, path: PathLike | None = None, *, strict: bool = False) -> None:
        self.files = discover(path)
        self.strict = strict
        self._by_id = {article_id(f): f for f in self.files}

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Article]:
        for file in self.files:
            yield parse_file(file, strict=self.strict)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def __getitem__(self, article_id: str) -> Article:
        try:
            file = self._by_id[article_id]
        except KeyError:
            raise KeyError(f"no article with id {article_id!r} in this corpus") from None
        return parse_file(file, strict=self.strict)

    @property
    def ids(self) -> list[str]:
        """The article ids, sorted."""
        return [article_id(f) for f in self.files]

    def path_of(self, article_id: str) -> Path:
        """The file an id was read from."""
        return Path(self._by_id[article_id])

    def __repr__(self) -> str:
        return f"Corpus({len(self)} articles)"


def corpus(path: PathLike | None = None, *, strict: bool = False) -> Corpus:
    """Open a corpus (None = the bundled one) for counting, iteration and lookup by id."""
    return Corpus(path, strict=strict)
