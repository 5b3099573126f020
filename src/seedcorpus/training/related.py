"""Read-also links resolved into article pairs: free positives for retrieval training.

Each read-also title an article shows is matched to the article in the same corpus whose title
it names: through the same spelling folds the keyword parser uses (alef and hamza forms, taa
marbuta, diacritics, digits), punctuation and white space ignored; a title the page cut short
(`...`, `…`) matches by prefix when exactly one article fits. Anything else stays unresolved.

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


@dataclass(frozen=True)
class RelatedLink:
    """One read-also item of an article, and the article it names.

    Attributes:
        article_id: the article whose read-also section shows the item.
        title: the item's title, as written there.
        target_id: the article of the same corpus that the title names; None when no single
            article fits (unknown, ambiguous, or the article itself).
    """

    article_id: str
    title: str
    target_id: str | None


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
        stripped = title.rstrip()
        cut = stripped.endswith(_CUT_SHORT)
        key = title_key(stripped.rstrip(".…") if cut else stripped)
        if not key:
            return None
        exact = self.by_key.get(key, set())
        if len(exact) == 1:
            return next(iter(exact))
        if exact or not cut:
            return None
        # A cut title: its last word may itself be cut (`وبناء ال...`), so match by prefix.
        start = bisect.bisect_left(self.keys, key)
        found: set[str] = set()
        for candidate in self.keys[start:]:
            if not candidate.startswith(key):
                break
            found |= self.by_key[candidate]
            if len(found) > 1:
                return None
        return next(iter(found)) if len(found) == 1 else None


def resolve_links(articles: list[Article]) -> Iterator[RelatedLink]:
    """Every read-also item of every article, with the article it names in the same corpus."""
    index = TitleIndex(articles)
    for article in articles:
        for item in article.read_also:
            target = index.resolve(item.title)
            yield RelatedLink(article.id, item.title, None if target == article.id else target)


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
        ``RelatedLink(article_id, title, target_id)`` for every read-also item, in id order.
    """
    articles = list(Corpus(path, options=options, storage_options=storage_options))
    return resolve_links(articles)
