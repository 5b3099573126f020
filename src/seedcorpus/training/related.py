"""Read-also links resolved into article pairs: free positives for retrieval training.

Each read-also title an article shows is matched to the article in the same corpus whose title
it names: through the same spelling folds the keyword parser uses (alef and hamza forms, taa
marbuta, diacritics, digits), punctuation and white space ignored; a title the page cut short
(`...`, `…`) matches by prefix when exactly one article fits. Anything else stays unresolved,
and the link says why (``reason``): no article has that title, several do (their ids in
``candidates``), or the title names the article that shows it.

Part of the ``training`` stage (splits, duplicates, links).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..crawl.corpus import Corpus, PathLike
from ..models import Article
from ..options import ParseOptions
from ..parse.normalize import match_key

_NON_WORD = re.compile(r"[^\w]+")
_CUT_SHORT = ("...", "…")
#: Candidates a link lists when a title is ambiguous (a cut title can fit thousands).
MAX_CANDIDATES = 10

#: Why a read-also title stays unresolved (``RelatedLink.reason``).
UNRESOLVED_REASONS = {
    "empty": "the title is empty once punctuation is dropped",
    "unknown": "no article of the corpus has this title",
    "ambiguous": "several articles share this title",
    "ambiguous-prefix": "the title was cut short and several titles start with it",
    "self": "the title names the article that shows it",
}


@dataclass(frozen=True)
class RelatedLink:
    """One read-also item of an article, and the article it names.

    Attributes:
        article_id: the article whose read-also section shows the item.
        title: the item's title, as written there.
        target_id: the article of the same corpus that the title names; None when no single
            article fits.
        reason: None when resolved, else why not: a key of ``UNRESOLVED_REASONS`` (``unknown``,
            ``ambiguous``, ``ambiguous-prefix``, ``self``, ``empty``).
        candidates: for an ambiguous title, the ids that fit (sorted, at most
            ``MAX_CANDIDATES``); empty otherwise.
    """

    article_id: str
    title: str
    target_id: str | None
    reason: str | None = None
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """What a title index says about one title: the one article, or why there is none."""

    target_id: str | None
    reason: str | None = None
    candidates: tuple[str, ...] = ()


def title_key(title: str) -> str:
    """A title folded for matching: spelling folds, no punctuation, single spaces."""
    return " ".join(_NON_WORD.sub(" ", match_key(title).lower()).split())


class TitleIndex:
    """Article titles by folded key, for exact lookups and unique prefix lookups."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.by_key: dict[str, set[str]] = {}
        for article in articles:
            if article.title:
                self.by_key.setdefault(title_key(article.title), set()).add(article.id)
        self.keys = sorted(self.by_key)

    def resolve(self, title: str) -> str | None:
        """The one article a read-also title names, or None (unknown or ambiguous)."""
        return self.explain(title).target_id

    def explain(self, title: str) -> Resolution:
        """The one article a read-also title names, or the reason no single article fits."""
        stripped = title.rstrip()
        cut = stripped.endswith(_CUT_SHORT)
        key = title_key(stripped.rstrip(".…") if cut else stripped)
        if not key:
            return Resolution(None, "empty")
        exact = self.by_key.get(key, set())
        if len(exact) == 1:
            return Resolution(next(iter(exact)))
        if exact:
            return Resolution(None, "ambiguous", _some(exact))
        if not cut:
            return Resolution(None, "unknown")
        # A cut title: its last word may itself be cut (`وبناء ال...`), so match by prefix.
        start = bisect.bisect_left(self.keys, key)
        found: set[str] = set()
        for candidate in self.keys[start:]:
            if not candidate.startswith(key):
                break
            found |= self.by_key[candidate]
            if len(found) > MAX_CANDIDATES:
                break
        if not found:
            return Resolution(None, "unknown")
        if len(found) > 1:
            return Resolution(None, "ambiguous-prefix", _some(found))
        return Resolution(next(iter(found)))


def _some(ids: set[str]) -> tuple[str, ...]:
    """At most ``MAX_CANDIDATES`` ids, sorted."""
    return tuple(sorted(ids)[:MAX_CANDIDATES])


def resolve_links(articles: list[Article]) -> Iterator[RelatedLink]:
    """Every read-also item of every article, with the article it names in the same corpus."""
    index = TitleIndex(articles)
    for article in articles:
        for item in article.read_also:
            found = index.explain(item.title)
            if found.target_id is not None and found.target_id == article.id:
                yield RelatedLink(article.id, item.title, None, "self")
            else:
                yield RelatedLink(
                    article.id, item.title, found.target_id, found.reason, found.candidates
                )


def related(
    path: PathLike | None = None,
    *,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
) -> Iterator[RelatedLink]:
    """Every read-also link of a corpus, resolved to the article it names where possible.

    Args:
        path: a file, folder, glob, fsspec URL or ``@paths-file``; the bundled corpus when None.
        options: how to parse (``ParseOptions``); the defaults when None.
        storage_options: options for fsspec when ``path`` is a URL.

    Returns:
        ``RelatedLink(article_id, title, target_id, reason, candidates)`` for every read-also
        item, in id order; ``reason`` says why a title stays unresolved.
    """
    articles = list(Corpus(path, options=options, storage_options=storage_options))
    return resolve_links(articles)
