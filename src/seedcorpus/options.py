"""One frozen policy object for every parse option, in the manner of ``email.policy``.

Every entry point (the parse functions, ``iter_articles``, ``Corpus``, ``load_dataset``,
``parse_batch``, ``parse_arrow``, ``export`` and the command line) takes ``options=``; keyword
shortcuts such as ``strict=True`` only build a changed copy of it. Options that change the rows
are part of the dataset cache key (``ParseOptions.cache_key``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: Files larger than this are refused before reading (a news article is a few kB).
DEFAULT_MAX_BYTES = 16 * 1024 * 1024

#: How an article id is made from its file: the file name without ``.txt`` ("stem"), or the path
#: relative to the crawl root without ``.txt`` ("relative", for crawls laid out by date).
IdRule = Literal["stem", "relative"]
ID_RULES: tuple[IdRule, ...] = ("stem", "relative")


@runtime_checkable
class KeywordLexiconLike(Protocol):
    """What the options need of a crawl lexicon (``seedcorpus.parse.lexicon.KeywordLexicon``).

    A protocol, so this shared module does not import the parse stage.
    """

    @property
    def digest(self) -> str:
        """A short hash of the lexicon's content, for cache keys."""


def _has_digest(value: Any) -> bool:
    """Whether a value is ``KeywordLexiconLike``, without computing its ``digest``.

    ``isinstance`` against the protocol reads the property, and a lexicon's digest hashes its
    whole JSON (a sixth of a second at 20,000 files), which a crawl's own lexicon never needs:
    the cache key sees its files instead.
    """
    if any("digest" in vars(kind) for kind in type(value).__mro__):
        return True
    # A proxy or stand-in that finds its attributes dynamically is asked the ordinary way.
    return "digest" in getattr(value, "__dict__", {}) or hasattr(value, "digest")


@dataclass(frozen=True)
class ParseOptions:
    """How articles are parsed; immutable, hashable and picklable so workers can share it.

    Attributes:
        strict: raise the earliest content defect as ``ParseError`` instead of recording it.
        default_timezone: IANA zone in which a date written without a zone is read.
        known_phrases: keyword phrases known from elsewhere (``keywords.corpus_lexicon``), as
            folded token tuples; they settle keyword links an article's own text leaves open.
        max_bytes: files larger than this are refused (an environment error), not parsed.
        id_rule: ``"stem"`` (file name without ``.txt``) or ``"relative"`` (path under the
            crawl root without ``.txt``, for crawls such as ``2023/01/0001.txt``).
        id_root: the folder (local path or URL) ids are relative to; setting it implies
            ``id_rule="relative"``. The same file then has the same id however the crawl is
            named (folder, glob, paths file, URL, an engine's path column), and a file outside
            it is an error. Unset, relative ids are under the path that was named.
        lexicon: crawl-level keyword evidence (``seedcorpus.keyword_lexicon``, or
            ``KeywordLexicon.from_json`` of a file ``seedcorpus lexicon`` wrote); settles links
            an article's own text leaves open. Part of the cache key.
        crawl_lexicon: whether entry points that parse a whole crawl (``load_dataset``,
            ``iter_articles``, ``Corpus``, ``export``, the command line, datatrove) compute
            ``lexicon`` from the crawl first when it is None (a light first pass over the tag
            lines). ``parse_file`` and ``parse_arrow`` see one article or batch and never do.

    """

    strict: bool = False
    default_timezone: str = "UTC"
    known_phrases: frozenset[tuple[str, ...]] = field(default_factory=frozenset)
    max_bytes: int = DEFAULT_MAX_BYTES
    id_rule: IdRule = "stem"
    id_root: str | None = None
    lexicon: KeywordLexiconLike | None = None
    crawl_lexicon: bool = True

    def __post_init__(self) -> None:
        """Check every value once, so a typo fails here and not deep inside a worker."""
        try:
            ZoneInfo(self.default_timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise ValueError(
                f"default_timezone {self.default_timezone!r} is not an IANA time zone name "
                "(for example 'UTC', 'Africa/Cairo' or 'Asia/Riyadh')"
            ) from None
        if not isinstance(self.known_phrases, frozenset):
            object.__setattr__(self, "known_phrases", frozenset(map(tuple, self.known_phrases)))
        if self.lexicon is not None and not _has_digest(self.lexicon):
            raise TypeError(
                f"lexicon must be a KeywordLexicon (seedcorpus.keyword_lexicon), not "
                f"{type(self.lexicon).__name__}"
            )
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.id_rule not in ID_RULES:
            raise ValueError(f"id_rule must be one of {', '.join(ID_RULES)}, not {self.id_rule!r}")
        if self.id_root is not None:
            root = os.fspath(self.id_root)
            if not isinstance(root, str) or not root:
                raise ValueError(f"id_root must be a folder path or URL, not {self.id_root!r}")
            object.__setattr__(self, "id_root", root)
            object.__setattr__(self, "id_rule", "relative")  # ids under id_root are relative

    @property
    def zone(self) -> ZoneInfo:
        """The ``default_timezone`` as a ``tzinfo``."""
        return ZoneInfo(self.default_timezone)

    def replace(self, **changes: Any) -> ParseOptions:
        """A copy with some options changed (``email.policy``'s ``clone``)."""
        return dataclasses.replace(self, **changes)

    def cache_key(self) -> str:
        """A short hash of the options that change rows (``strict`` and ``max_bytes`` do not).

        ``id_root`` is left out: the cache key covers every file's id itself.
        """
        payload = {
            "default_timezone": self.default_timezone,
            "known_phrases": sorted(self.known_phrases),
            "id_rule": self.id_rule,
            # A lexicon the crawl gives is a function of the files, which the key already sees.
            "lexicon": self.lexicon.digest if self.lexicon is not None else self.crawl_lexicon,
        }
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()[:16]


#: The options used when none are given.
DEFAULT = ParseOptions()


def resolve(
    options: ParseOptions | None = None,
    *,
    strict: bool | None = None,
    default_timezone: str | None = None,
    known_phrases: Iterable[tuple[str, ...]] | None = None,
    max_bytes: int | None = None,
    id_rule: IdRule | None = None,
    id_root: str | None = None,
    lexicon: KeywordLexiconLike | None = None,
) -> ParseOptions:
    """The options an entry point runs with: ``options`` (or the default) with shortcuts applied."""
    base = options or DEFAULT
    changes: dict[str, Any] = {
        name: value
        for name, value in (
            ("strict", strict),
            ("default_timezone", default_timezone),
            ("known_phrases", known_phrases),
            ("max_bytes", max_bytes),
            ("id_rule", id_rule),
            ("id_root", id_root),
            ("lexicon", lexicon),
        )
        if value is not None
    }
    return base.replace(**changes) if changes else base
