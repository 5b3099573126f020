"""Exact and near-duplicate articles: clusters of ids that tell the same story.

News crawls are full of republished stories. Exact duplicates share their normalised title and
body (spelling-folded, punctuation and white space ignored); near duplicates have word-shingle
sets whose Jaccard similarity is at least a threshold. MinHash signatures come from
``datasketch`` (the ``seedcorpus[dedup]`` extra: numpy and scipy, about 150 MB installed).

The cost stays near-linear even when most of a crawl is copies of a few wire stories:
candidates come from LSH bands, but a bucket never hands a newcomer all its members. Members are
grouped by cluster (union-find over verified pairs), and a bucket keeps at most
``MAX_MEMBERS_PER_CLUSTER`` members of each of at most ``MAX_CLUSTERS_PER_BUCKET`` clusters, so
a newcomer meets a bounded number of candidates however large the clusters grow. Its candidates
from every band are gathered first, so each pair is verified once (one vectorised comparison of
signatures).

The threshold adapts to length: it applies as given from ``REFERENCE_SHINGLES`` shingles up; a
shorter pair tolerates the same number of differing shingles instead (two words edited in a
70-word article), never below ``SHORT_FLOOR``.

Part of the ``training`` stage (splits, duplicates, links).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ..crawl.corpus import Corpus, PathLike
from ..errors import SeedcorpusError
from ..models import Article
from ..options import ParseOptions
from ..parse.normalize import match_key

#: Words per shingle.
SHINGLE_WORDS = 3
#: MinHash permutations: more is more exact and slower.
NUM_PERM = 128
#: How far below the lowest threshold in use LSH looks for candidates (banding misses some
#: pairs near it).
LSH_MARGIN = 0.15
#: Shingles from which the threshold applies as given; shorter pairs get an adapted one.
REFERENCE_SHINGLES = 100
#: The lowest an adapted threshold goes (half the shingles shared).
SHORT_FLOOR = 0.5
#: Work caps per LSH bucket: clusters it remembers, and members remembered per cluster.
MAX_CLUSTERS_PER_BUCKET = 4
MAX_MEMBERS_PER_CLUSTER = 2
_NON_WORD = re.compile(r"[^\w]+")
_INSTALL_HINT = "pip install 'seedcorpus[dedup]'"


class MissingExtraError(SeedcorpusError, ImportError):
    """An optional dependency is not installed; the message gives the pip line that adds it."""


def normalised_words(article: Article) -> list[str]:
    """The article's title and body as folded words, punctuation dropped."""
    text = match_key(" ".join([article.title, *article.body])).lower()
    return _NON_WORD.sub(" ", text).split()


def shingles(words: list[str], size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word shingles (the whole text for shorter ones)."""
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def pair_threshold(threshold: float, shingles_a: int, shingles_b: int) -> float:
    """The Jaccard similarity from which two articles of these shingle counts are duplicates.

    From ``REFERENCE_SHINGLES`` up, ``threshold`` itself. Below, the pair tolerates as many
    differing shingles as ``threshold`` tolerates at the reference length, so a few edited words
    count the same in a short article as in a long one; never below ``SHORT_FLOOR`` (nor above
    ``threshold``). The larger article decides, so a short excerpt of a long story is judged as
    the long one.
    """
    size = max(shingles_a, shingles_b)
    if size >= REFERENCE_SHINGLES:
        return threshold
    tolerated = REFERENCE_SHINGLES * (1 - threshold) / (1 + threshold)
    adapted = (size - tolerated) / (size + tolerated)
    return min(threshold, max(adapted, SHORT_FLOOR))


def _datasketch() -> Any:
    """The datasketch module, or a clear error naming the extra that installs it."""
    try:
        import datasketch
    except ImportError:
        raise MissingExtraError(
            f"near-duplicate detection needs the dedup extra: {_INSTALL_HINT}"
        ) from None
    return datasketch


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


_Bucket = str | dict[str, list[str]]


class _NearDuplicates:
    """LSH banding with capped bucket work, union-find clusters and one check per pair."""

    def __init__(self, threshold: float, adapt_to_length: bool, clusters: _Clusters) -> None:
        datasketch = _datasketch()
        self.threshold = threshold
        self.adapt = adapt_to_length
        self.clusters = clusters
        lowest = min(threshold, SHORT_FLOOR) if adapt_to_length else threshold
        # datasketch picks the bands and rows that fit the candidate threshold best.
        params = datasketch.MinHashLSH(threshold=max(0.2, lowest - LSH_MARGIN), num_perm=NUM_PERM)
        self.rows: int = params.r
        self.bands: int = params.b
        self.template = datasketch.MinHash(num_perm=NUM_PERM)
        # Per band: bucket key -> its one member's id, or {cluster root: a few member ids} once
        # a second article arrives (most buckets of a crawl hold one article: kept small).
        self.buckets: list[dict[bytes, _Bucket]] = [{} for _ in range(self.bands)]
        self.signatures: dict[str, Any] = {}
        self.sizes: dict[str, int] = {}

    def add(self, article_id: str, items: set[str]) -> None:
        """Sign one article, join it to every candidate that verifies, then remember it."""
        import numpy as np

        signature = self.template.copy()
        signature.update_batch([item.encode("utf-8") for item in items])
        values = signature.hashvalues
        keys = [values[b * self.rows : (b + 1) * self.rows].tobytes() for b in range(self.bands)]
        # Candidates from every band, each once: a pair is verified a single time.
        candidates: dict[str, None] = {}
        for buckets, key in zip(self.buckets, keys, strict=True):
            bucket = buckets.get(key)
            if isinstance(bucket, str):
                candidates[bucket] = None
            elif bucket is not None:
                for members in bucket.values():
                    candidates.update(dict.fromkeys(members))
        self.signatures[article_id] = values
        self.sizes[article_id] = len(items)
        if candidates:
            ids = list(candidates)
            shared = (np.stack([self.signatures[i] for i in ids]) == values).sum(axis=1)
            for other, hits in zip(ids, shared.tolist(), strict=True):
                if hits / NUM_PERM >= self._needed(other, article_id):
                    self.clusters.union(other, article_id)
        root = self.clusters.find(article_id)
        for buckets, key in zip(self.buckets, keys, strict=True):
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = article_id
            elif isinstance(bucket, str):
                grown: dict[str, list[str]] = {self.clusters.find(bucket): [bucket]}
                buckets[key] = grown
                self._remember(grown, root, article_id)
            else:
                self._remember(bucket, root, article_id)

    def _needed(self, first: str, second: str) -> float:
        """The similarity a candidate pair needs (adapted to length unless told not to)."""
        if not self.adapt:
            return self.threshold
        return pair_threshold(self.threshold, self.sizes[first], self.sizes[second])

    def _remember(self, bucket: dict[str, list[str]], root: str, article_id: str) -> None:
        """Keep an article in a bucket, within the caps (a few clusters, a few members each)."""
        find = self.clusters.find
        if len(bucket) > 1 or root not in bucket:
            # Unions since the last visit may have merged its clusters: regroup them first.
            for stale in [r for r in bucket if find(r) != r]:
                merged = bucket.pop(stale)
                kept = bucket.setdefault(find(stale), [])
                kept.extend(merged[: MAX_MEMBERS_PER_CLUSTER - len(kept)])
        members = bucket.get(root)
        if members is None:
            if len(bucket) < MAX_CLUSTERS_PER_BUCKET:
                bucket[root] = [article_id]
        elif len(members) < MAX_MEMBERS_PER_CLUSTER:
            members.append(article_id)


def duplicate_clusters(
    articles: Iterable[Article], *, threshold: float = 0.8, adapt_to_length: bool = True
) -> list[list[str]]:
    """Clusters (sorted lists of ids, two or more each) of exact and near-duplicate articles.

    Args:
        articles: the records to compare (any iterable; each is looked at once).
        threshold: the Jaccard similarity of word-shingle sets from which two articles are
            near duplicates (0 < threshold <= 1).
        adapt_to_length: lower the threshold for articles under ``REFERENCE_SHINGLES``
            shingles, so a few edited words are found in short articles too
            (``pair_threshold``); False applies ``threshold`` to every pair.

    Returns:
        The clusters, each sorted, in order of their first id.

    Raises:
        MissingExtraError: the ``seedcorpus[dedup]`` extra is not installed.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    clusters = _Clusters()
    near = _NearDuplicates(threshold, adapt_to_length, clusters)
    exact: dict[str, str] = {}
    for article in articles:
        words = normalised_words(article)
        key = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
        clusters.find(article.id)
        if key in exact:
            clusters.union(exact[key], article.id)
            continue
        exact[key] = article.id
        near.add(article.id, shingles(words))
    return clusters.groups()


def kept_id(cluster: list[str], dates: dict[str, datetime | None]) -> str:
    """The id a cluster keeps: its earliest dated article (undated ones last), then smallest id."""
    return min(cluster, key=lambda i: (dates[i] is None, dates[i] or datetime.min, i))


def keep_one_per_cluster(
    articles: list[Article], clusters: list[list[str]]
) -> tuple[set[str], int]:
    """The ids to keep, and how many were dropped (``kept_id`` picks each cluster's survivor)."""
    dates = {a.id: a.published_at for a in articles}
    dropped: set[str] = set()
    for cluster in clusters:
        keep = kept_id(cluster, dates)
        dropped.update(i for i in cluster if i != keep)
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
        threshold: the shingle Jaccard similarity from which two articles are near duplicates
            (adapted below ``REFERENCE_SHINGLES`` shingles, see ``pair_threshold``).
        options: how to parse (``ParseOptions``); the defaults when None.
        storage_options: options for fsspec when ``path`` is a URL.

    Returns:
        Sorted clusters of two or more ids each; an article in no cluster has no duplicate.

    Raises:
        MissingExtraError: the ``seedcorpus[dedup]`` extra is not installed.
    """
    _datasketch()  # fail before parsing the whole corpus
    corpus = Corpus(path, options=options, storage_options=storage_options)
    return duplicate_clusters(corpus, threshold=threshold)
