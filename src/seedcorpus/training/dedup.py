"""Exact and near-duplicate articles: clusters of ids that tell the same story.

News crawls are full of republished stories. Exact duplicates share their normalised title and
body (spelling-folded, punctuation and white space ignored); near duplicates have word-shingle
sets whose Jaccard similarity is at least ``threshold``, found with MinHash and LSH so the cost
grows linearly with the corpus. MinHash comes from ``datasketch`` (the ``seedcorpus[dedup]``
extra: numpy and scipy, about 150 MB installed).

Part of the ``training`` stage (splits, duplicates, links).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from ..crawl.corpus import Corpus, PathLike
from ..models import Article
from ..options import ParseOptions
from ..parse.normalize import match_key

#: Words per shingle.
SHINGLE_WORDS = 3
#: MinHash permutations: more is more exact and slower.
NUM_PERM = 128
#: How far below the threshold LSH looks for candidates, for recall near the threshold.
LSH_MARGIN = 0.15
_NON_WORD = re.compile(r"[^\w]+")


def normalised_words(article: Article) -> list[str]:
    """The article's title and body as folded words, punctuation dropped."""
    text = match_key(" ".join([article.title, *article.body])).lower()
    return _NON_WORD.sub(" ", text).split()


def shingles(words: list[str], size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word shingles (the whole text for shorter ones)."""
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _minhash(items: set[str]) -> Any:
    """A MinHash of a shingle set."""
    from datasketch import MinHash

    signature = MinHash(num_perm=NUM_PERM)
    signature.update_batch([item.encode("utf-8") for item in items])
    return signature


class _Clusters:
    """Union-find over article ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[str]]:
        found: dict[str, list[str]] = {}
        for item in self.parent:
            found.setdefault(self.find(item), []).append(item)
        return sorted(sorted(g) for g in found.values() if len(g) > 1)


def duplicate_clusters(articles: Iterable[Article], *, threshold: float = 0.8) -> list[list[str]]:
    """Clusters (sorted lists of ids, two or more each) of exact and near-duplicate articles.

    Args:
        articles: the records to compare (any iterable; each is looked at once).
        threshold: the Jaccard similarity of word-shingle sets from which two articles are
            near duplicates (0 < threshold <= 1).

    Returns:
        The clusters, each sorted, in order of their first id.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    try:
        from datasketch import MinHashLSH
    except ImportError:  # pragma: no cover - the extra is installed for the tests
        raise ImportError(
            "near-duplicate detection needs the dedup extra: pip install 'seedcorpus[dedup]'"
        ) from None
    clusters = _Clusters()
    exact: dict[str, str] = {}
    # Candidates come from LSH tuned below the threshold (banding misses some pairs near it);
    # each candidate pair is then checked against the threshold by its MinHash estimate.
    lsh = MinHashLSH(threshold=max(0.3, threshold - LSH_MARGIN), num_perm=NUM_PERM)
    signatures: dict[str, Any] = {}
    for article in articles:
        words = normalised_words(article)
        key = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
        clusters.find(article.id)
        if key in exact:
            clusters.union(exact[key], article.id)
            continue
        exact[key] = article.id
        signature = _minhash(shingles(words))
        for other in lsh.query(signature):
            if signature.jaccard(signatures[other]) >= threshold:
                clusters.union(other, article.id)
        lsh.insert(article.id, signature)
        signatures[article.id] = signature
    return clusters.groups()


def keep_one_per_cluster(
    articles: list[Article], clusters: list[list[str]]
) -> tuple[set[str], int]:
    """The ids to keep, and how many were dropped.

    Each cluster keeps its earliest dated article (undated ones last), then its smallest id.
    """
    by_id = {a.id: a for a in articles}
    dropped: set[str] = set()
    for cluster in clusters:
        ranked = sorted(
            cluster,
            key=lambda i: (by_id[i].published_at is None, by_id[i].published_at or 0, i),
        )
        dropped.update(ranked[1:])
    return {a.id for a in articles} - dropped, len(dropped)


def duplicates(
    path: PathLike | None = None,
    *,
    threshold: float = 0.8,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
) -> list[list[str]]:
    """Clusters of article ids that are exact or near duplicates, in a corpus.

    Args:
        path: a file, folder, glob, fsspec URL or ``@paths-file``; the bundled corpus when None.
        threshold: the shingle Jaccard similarity from which two articles are near duplicates.
        options: how to parse (``ParseOptions``); the defaults when None.
        storage_options: options for fsspec when ``path`` is a URL.

    Returns:
        Sorted clusters of two or more ids each; an article in no cluster has no duplicate.
    """
    corpus = Corpus(path, options=options, storage_options=storage_options)
    return duplicate_clusters(corpus, threshold=threshold)
