"""What a crawl report shows, gathered in one streaming pass over the records.

Every figure is a counter or a short list, so a crawl of millions of articles is summarised
without keeping its records: only each article's id, title and read-also titles are kept, for
resolving read-also links once the whole crawl has been seen.

Part of the ``report`` stage (a crawl at a glance).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..models import Article, RelatedArticle
from ..parse.keywords import evidenced_phrases
from ..training.related import resolve_links

#: Examples kept for each defect code.
EXAMPLES_PER_CODE = 3
#: The label of dated articles whose record does not say the date's precision.
UNKNOWN_PRECISION = "unknown"
#: Precision labels in the order the month chart stacks them.
PRECISIONS = ("day", "minute", "second", UNKNOWN_PRECISION)
#: The label of articles without a source line.
NO_SOURCE = "(no source)"


@dataclass(frozen=True)
class DefectExample:
    """One place a defect code was recorded: the article, its line (None: the whole file)."""

    article_id: str
    line: int | None
    message: str


def keyword_evidence(article: Article) -> tuple[int, int]:
    """(phrases resting on text evidence, all phrases) for one article's keywords.

    A phrase rests on evidence when the article's own title and body settle both its edges and
    every link inside it, without the grammatical prior's guess. Until records carry their own
    evidence mark, this asks the keyword parser again; it is the one place to switch over.
    """
    if not article.keywords:
        return 0, 0
    tokens = " ".join(article.keywords).split(" ")
    settled = Counter(evidenced_phrases(tokens, [article.title, *article.body]))
    backed = 0
    for phrase in article.keywords:
        if settled[phrase] > 0:
            settled[phrase] -= 1
            backed += 1
    return backed, len(article.keywords)


@dataclass
class CrawlSummary:
    """The figures of a crawl report, filled by ``add`` one article at a time."""

    articles: int = 0
    #: (YYYY-MM, precision) -> articles.
    months: Counter[tuple[str, str]] = field(default_factory=Counter)
    dated: int = 0
    #: Articles whose date line was written but not read as a date.
    unread_dates: int = 0
    sources: Counter[str] = field(default_factory=Counter)
    defects: Counter[str] = field(default_factory=Counter)
    defect_examples: dict[str, list[DefectExample]] = field(default_factory=dict)
    #: Number of keyword phrases -> articles.
    phrases_per_article: Counter[int] = field(default_factory=Counter)
    phrases: Counter[str] = field(default_factory=Counter)
    evidenced_phrases: int = 0
    #: Body length of every article, in words.
    body_words: array[int] = field(default_factory=lambda: array("L"))
    #: Slim records (id, title, read-also titles) for resolving links at the end.
    titles: list[Article] = field(default_factory=list)
    #: Clusters of duplicate ids; None when duplicate detection could not run.
    duplicate_clusters: list[list[str]] | None = None
    #: Why duplicate detection did not run (the missing extra), or None.
    duplicates_note: str | None = None
    read_also_links: int = 0
    read_also_resolved: int = 0
    #: Entries the listing left out (path, reason): symlink loops, names not UTF-8, ...
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def add(self, article: Article) -> None:
        """Count one article into every figure."""
        self.articles += 1
        if article.published_at is not None:
            self.dated += 1
            month = article.published_at.strftime("%Y-%m")
            self.months[month, article.date_precision or UNKNOWN_PRECISION] += 1
        elif article.date_text:
            self.unread_dates += 1
        self.sources[article.source or NO_SOURCE] += 1
        for defect in article.defects:
            code = defect.code.value
            self.defects[code] += 1
            examples = self.defect_examples.setdefault(code, [])
            if len(examples) < EXAMPLES_PER_CODE:
                examples.append(DefectExample(article.id, defect.line, defect.message))
        self.phrases_per_article[len(article.keywords)] += 1
        self.phrases.update(article.keywords)
        self.evidenced_phrases += keyword_evidence(article)[0]
        self.body_words.append(sum(len(p.split()) for p in article.body))
        self.titles.append(
            Article(
                id=article.id,
                title=article.title,
                read_also=[RelatedArticle(title=item.title) for item in article.read_also],
            )
        )

    def observe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The articles, passed through unchanged, each counted on the way (one pass)."""
        for article in articles:
            self.add(article)
            yield article

    def resolve_read_also(self) -> None:
        """Resolve every read-also title against the crawl's titles (once all are seen)."""
        links = list(resolve_links(self.titles))
        self.read_also_links = len(links)
        self.read_also_resolved = sum(link.target_id is not None for link in links)

    @property
    def keyword_phrases(self) -> int:
        """All keyword phrases of the crawl."""
        return sum(self.phrases.values())

    @property
    def undated(self) -> int:
        """Articles with no date line at all."""
        return self.articles - self.dated - self.unread_dates
