"""What the library and its bundled corpus say about themselves: one source for every card.

The dataset builder's ``DatasetInfo``, the exported dataset card and the Croissant file all
take their description, citation, licence and homepage from here, so they cannot disagree.

Part of the ``hf`` stage (Hugging Face).
"""

from __future__ import annotations

from dataclasses import dataclass

from .._version import CORPUS_VERSION, __version__

HOMEPAGE = "https://github.com/seedcorpus/seedcorpus"
DESCRIPTION = (
    "Arabic news articles parsed by seedcorpus into typed records: title, publish date (UTC), "
    "body paragraphs, source, keyword phrases and related read-also items, with the parser's "
    "defects recorded per article."
)
#: How to cite the library (BibTeX).
CITATION = f"""@software{{seedcorpus,
  title = {{seedcorpus: Arabic news articles as validated records and a typed dataset}},
  author = {{{{seedcorpus maintainers}}}},
  year = {{2026}},
  version = {{{__version__}}},
  url = {{{HOMEPAGE}}}
}}"""


@dataclass(frozen=True)
class DatasetIdentity:
    """The name, licence and version a dataset made by seedcorpus claims.

    The bundled corpus claims its own; a user's crawl claims only what the user states, with
    neutral defaults (never the bundled corpus's name, licence or version).
    """

    name: str
    license: str
    license_details: str
    version: str | None
    bundled: bool


BUNDLED = DatasetIdentity(
    name="seedcorpus Arabic news articles",
    license="other",
    license_details="The article texts belong to their publishers and are shared for research "
    "use only; the seedcorpus code is MIT-licensed.",
    version=CORPUS_VERSION,
    bundled=True,
)


def identity(
    bundled: bool,
    name: str | None = None,
    license_id: str | None = None,
    version: str | None = None,
) -> DatasetIdentity:
    """The identity of a dataset: the bundled corpus's, or a user's crawl's (as stated)."""
    if bundled and name is None and license_id is None and version is None:
        return BUNDLED
    return DatasetIdentity(
        name=name or "Arabic news articles",
        license=license_id or "unknown",
        license_details="" if license_id else "Not stated; the texts belong to their publishers.",
        version=version,
        bundled=bundled,
    )
