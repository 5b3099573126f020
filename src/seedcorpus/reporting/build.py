"""``seedcorpus.report``: parse a crawl once and write its one-page HTML report.

The page is self-contained (styles inline, plots as inline SVG, no script, no web font), so it
opens offline and can be mailed or archived as one file. The template is rendered with jinja2,
the ``seedcorpus[report]`` extra; duplicate clusters need the ``seedcorpus[dedup]`` extra and
are left out, with a note saying so, where it is missing.

Part of the ``report`` stage (a crawl at a glance).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from typing import Any

from .._version import __version__
from ..crawl.corpus import Listing, PathLike, articles_of, discover
from ..crawl.overlap import refuse_output_over_input
from ..destinations import check_file_destination, replacing
from ..errors import DEFECT_DESCRIPTIONS, DefectCode
from ..models import Article
from ..options import ParseOptions, resolve
from ..training.dedup import duplicate_clusters
from . import charts
from .collect import PRECISIONS, CrawlSummary

#: Runs over at least this many files show a progress bar (when stderr is a terminal).
PROGRESS_MIN_FILES = 200
#: Rows in the sources and top-phrases lists, and clusters listed.
TOP_ROWS = 20
TOP_CLUSTERS = 20
#: Ids listed per cluster; the rest are counted.
CLUSTER_IDS = 10
INSTALL_HINT = "pip install 'seedcorpus[report]'"


def report(
    path: PathLike | None = None,
    out: PathLike = "report.html",
    *,
    options: ParseOptions | None = None,
    storage_options: dict[str, Any] | None = None,
    overwrite: bool = False,
    dedup_threshold: float = 0.8,
    progress: bool | None = None,
) -> CrawlSummary:
    """Write a one-page HTML report of a crawl: dates, sources, defects, keywords, duplicates.

    The page shows articles per month split by date precision, the date parse rate, articles
    per source, defects by code with three examples each, keyword phrases per article, the top
    phrases and the share resting on text evidence, body lengths, duplicate clusters and the
    read-also resolution rate. It needs no network to open: plots are inline SVG.

    Args:
        path: a file, folder, glob, fsspec URL or ``@paths-file``; the bundled corpus when None.
        out: the HTML file to write (written whole or not at all).
        options: how to parse (``ParseOptions``); the defaults when None.
        storage_options: options for fsspec when ``path`` is a URL.
        overwrite: replace an existing ``out`` (refused otherwise).
        dedup_threshold: the shingle Jaccard similarity for near duplicates.
        progress: draw a progress bar on stderr; None draws one for long runs on a terminal.

    Returns:
        The figures the page shows.

    Raises:
        ImportError: jinja2 (the ``seedcorpus[report]`` extra) is not installed.
        CorpusError: the path names no articles, a file cannot be read, or ``out`` is refused.
    """
    environment = _environment()
    chosen = resolve(options).replace(strict=False)
    listing = discover(path, chosen, storage_options)
    target = os.fspath(out)
    check_output(target, listing, overwrite, path)
    summary = summarize_crawl(
        _with_progress(articles_of(listing, chosen), len(listing.files), progress),
        dedup_threshold,
    )
    summary.skipped = list(listing.skipped)
    where = "the bundled corpus" if path is None else os.fspath(path)
    page = environment.get_template("report.html.j2").render(
        **page_context(summary, where, dedup_threshold)
    )
    kept = "nothing was written, and an earlier report there is kept"
    with replacing(target, kept) as partial, open(partial, "w", encoding="utf-8") as handle:
        handle.write(page)
    return summary


def _environment() -> Any:
    """The jinja2 environment over the package's templates, or one line saying what to install."""
    try:
        import jinja2
    except ImportError:
        raise ImportError(f"the HTML report needs jinja2: {INSTALL_HINT}") from None
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("seedcorpus.reporting", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["series"] = series_class
    return environment


def series_class(name: str) -> str:
    """The CSS class that colours a series (``day``, ``missing``, ...)."""
    return "s-" + re.sub(r"[^a-z0-9]+", "-", name.lower())


def summarize_crawl(articles: Iterable[Article], dedup_threshold: float = 0.8) -> CrawlSummary:
    """Every figure of the report, in one pass over ``articles``."""
    summary = CrawlSummary()
    stream = summary.observe(articles)
    try:
        summary.duplicate_clusters = duplicate_clusters(stream, threshold=dedup_threshold)
    except ImportError as missing:
        summary.duplicates_note = f"Duplicates not computed: {missing}"
        for _ in stream:  # count the rest all the same
            pass
    summary.resolve_read_also()
    return summary


def _with_progress(articles: Iterator[Article], total: int, progress: bool | None) -> Any:
    """The articles, with a tqdm bar on stderr when asked, or for long runs on a terminal."""
    if progress is None:
        progress = total >= PROGRESS_MIN_FILES and sys.stderr is not None and sys.stderr.isatty()
    if not progress:
        return articles
    from tqdm import tqdm

    return tqdm(articles, total=total, unit="file", desc="report", file=sys.stderr)


def _percent(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent, 0 for an empty whole."""
    return 100 * part / whole if whole else 0.0


def page_context(summary: CrawlSummary, where: str, threshold: float) -> dict[str, Any]:
    """What the template needs: the summary, chart geometry and the lists, ready to draw."""
    titles = {record.id: record.title for record in summary.titles}
    clusters = sorted(summary.duplicate_clusters or [], key=lambda c: (-len(c), c))
    defects = [
        (code, count, _meaning(code), summary.defect_examples[code])
        for code, count in sorted(summary.defects.items(), key=lambda item: (-item[1], item[0]))
    ]
    phrases = summary.keyword_phrases
    return {
        "s": summary,
        "where": where,
        "version": __version__,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "threshold": threshold,
        "left": charts.LEFT_MARGIN,
        "top": charts.TOP_MARGIN,
        "plot": charts.PLOT_HEIGHT,
        "precisions": PRECISIONS,
        "months": charts.month_chart(summary.months, PRECISIONS),
        "date_rate": _percent(summary.dated, summary.articles),
        "date_parts": charts.shares(
            [
                ("parsed", summary.dated, "parsed"),
                ("written but not read", summary.unread_dates, "unread"),
                ("no date line", summary.undated, "missing"),
            ]
        ),
        "sources": charts.ranked_rows(summary.sources, TOP_ROWS),
        "defects": defects,
        "defect_total": sum(summary.defects.values()),
        "phrase_counts": charts.phrase_count_chart(summary.phrases_per_article),
        "top_phrases": charts.ranked_rows(summary.phrases, TOP_ROWS),
        "evidence_rate": _percent(summary.evidenced_phrases, phrases),
        "evidence_parts": charts.shares(
            [
                ("on evidence", summary.evidenced_phrases, "evidence"),
                ("guessed", phrases - summary.evidenced_phrases, "guessed"),
            ]
        ),
        "body_lengths": charts.body_length_chart(summary.body_words),
        "duplicate_articles": sum(len(c) for c in clusters),
        "clusters": [
            (len(c), [(i, titles.get(i, "")) for i in c[:CLUSTER_IDS]], len(c) - CLUSTER_IDS)
            for c in clusters[:TOP_CLUSTERS]
        ],
        "read_also_rate": _percent(summary.read_also_resolved, summary.read_also_links),
        "read_also_parts": charts.shares(
            [
                ("resolved", summary.read_also_resolved, "resolved"),
                (
                    "unresolved",
                    summary.read_also_links - summary.read_also_resolved,
                    "unresolved",
                ),
            ]
        ),
    }


def _meaning(code: str) -> str:
    """The catalogue's sentence for a defect code (every recorded code has one)."""
    return DEFECT_DESCRIPTIONS[DefectCode(code)]


def check_output(out: str, listing: Listing, overwrite: bool, path: PathLike | None) -> None:
    """Refuse, before parsing, an ``out`` over the input, or one that may not be replaced."""
    refuse_output_over_input(out, listing, path)
    check_file_destination(out, overwrite, "HTML file")
