"""The bundled corpus: the seeds shipped with the package, checked against their manifest.

Part of the ``crawl`` stage (a whole crawl).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CorpusError
from .digests import sha256_file
from .walk import ARTICLE_SUFFIX

MANIFEST_NAME = "SHA256SUMS"
_RESTORE_HINT = (
    "restore it with `git checkout -- seeds/` in a source checkout, or "
    "`pip install --force-reinstall seedcorpus` for an installed package"
)


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
