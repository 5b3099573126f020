"""The ``seedcorpus`` command line: list, show, validate, export, stats and report over a corpus.

Every command works on the bundled corpus when no PATH is given. Exit codes: 0 success, 1 when
``validate --strict`` finds defects, 2 on usage or environment errors (an input entry that
cannot be read is named on stderr and the run goes on, then ends with 2 unless
``--skip-unreadable``; ``export`` writes nothing then), 130 when interrupted. An environment
problem is one escaped line, never a traceback. A closed pipe (``| head``) ends the run quietly.

Part of the ``cli`` stage (the command line).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from itertools import repeat
from typing import TextIO

from ..crawl.corpus import Corpus, Listing, discover, parse_all, with_crawl_lexicon
from ..crawl.lexicon import keyword_lexicon, save_lexicon
from ..crawl.listing import SkippedFilesWarning
from ..crawl.overlap import refuse_output_over_input
from ..destinations import check_file_destination
from ..errors import CorpusError
from ..hf.jsonl import terminal_safe_json
from ..models import Article
from ..options import ParseOptions
from ..reporting import report
from ..training.dedup import duplicate_clusters, kept_id
from ..training.related import resolve_links
from .arguments import build_parser, options_from, parse_arguments
from .display import printable, render, stats_table, summarize
from .errors import environment_problem
from .export_command import cmd_export
from .stdout import named, settle

#: Runs over at least this many files show a progress bar (on a terminal only).
PROGRESS_MIN_FILES = 200


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, 1 for --strict defects, 2, 130)."""
    parser = build_parser()
    args = parse_arguments(parser, argv)
    out = named(sys.stdout if sys.stdout is not None else open(os.devnull, "w"))  # noqa: SIM115
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SkippedFilesWarning)
            status = int(_COMMANDS[args.command](args, out))
            out.flush()  # a full disk under `> file` shows here, as one line
        return _report_warnings(caught, args, status)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, and keep Python's final flush quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        settle()  # output a full disk refused is dropped, not retried at exit
        message = environment_problem(exc)
        if message is None:
            raise
        print(f"seedcorpus: error: {printable(message)}", file=sys.stderr)
        return 2


def _report_warnings(
    caught: list[warnings.WarningMessage], args: argparse.Namespace, status: int
) -> int:
    """Print what a command's library calls warned about; skipped input entries fail the run.

    Commands that list through ``_run`` name skipped entries themselves; the others (``show``,
    ``report``) reach them as the crawl's ``SkippedFilesWarning``, printed here as one escaped
    line, with exit 2 unless ``--skip-unreadable``, so no surface drops a file silently.
    """
    skipped = False
    for caught_warning in caught:
        if isinstance(caught_warning.message, SkippedFilesWarning):
            skipped = True
            print(f"seedcorpus: {printable(str(caught_warning.message))}", file=sys.stderr)
        else:
            warnings.showwarning(
                caught_warning.message,
                caught_warning.category,
                caught_warning.filename,
                caught_warning.lineno,
            )
    if skipped and status == 0 and not getattr(args, "skip_unreadable", False):
        print(
            "seedcorpus: input entries could not be read (named above); exit status 2 "
            "(--skip-unreadable accepts that)",
            file=sys.stderr,
        )
        return 2
    return status


class _Run:
    """Parses the files a command names, reporting unreadable ones and going on."""

    def __init__(
        self,
        listing: Listing,
        options: ParseOptions,
        num_proc: int,
        bar: bool,
        skip_unreadable: bool = False,
    ) -> None:
        self.listing = listing
        self.options = options
        self.num_proc = num_proc
        self.bar = bar and len(listing.files) >= PROGRESS_MIN_FILES and sys.stderr.isatty()
        self.skip_unreadable = skip_unreadable
        self.problems = 0
        for path, reason in listing.skipped:
            self.problem(path, f"skipped: {reason}")

    def problem(self, path: str, message: str) -> None:
        """Report a file that could not be parsed; the run goes on and exits 2 at the end."""
        self.problems += 1
        print(f"seedcorpus: {printable(path)}: {printable(message)}", file=sys.stderr)

    def articles(self) -> Iterator[tuple[str, Article]]:
        """(file, record) for every readable file, in id order."""
        files, ids = self.listing.files, self.listing.ids
        results: Iterable[Article | str]
        pool = None
        if self.num_proc > 1 and not self.listing.storage_options:
            pool = ProcessPoolExecutor(self.num_proc)
            results = pool.map(_parse_one, files, ids, repeat(self.options), chunksize=32)
        else:
            results = (
                str(a).removeprefix(f"{f}: ") if isinstance(a, CorpusError) else a
                for f, a in parse_all(self.listing, self.options)
            )
        if self.bar:
            from tqdm import tqdm

            results = tqdm(results, total=len(files), unit="file", desc="parsing", file=sys.stderr)
        try:
            for file, result in zip(files, results, strict=True):
                if isinstance(result, str):
                    self.problem(file, result)
                else:
                    yield file, result
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        if self.problems:
            print(_unread_summary(self.problems, self.skip_unreadable), file=sys.stderr)

    @property
    def status(self) -> int:
        """2 when an input entry could not be read (unless --skip-unreadable), else 0."""
        return 2 if self.problems and not self.skip_unreadable else 0


def _unread_summary(count: int, skipping: bool) -> str:
    """The closing line of a run that left input entries out."""
    what = f"{count} input entr{'y' if count == 1 else 'ies'} could not be read (named above)"
    if skipping:
        return f"seedcorpus: {what}; went on without them (--skip-unreadable)"
    return f"seedcorpus: {what}; exit status 2 (--skip-unreadable accepts that)"


def _parse_one(file: str, article_id: str, options: ParseOptions) -> Article | str:
    """Parse one file in a worker; an environment problem comes back as its message."""
    ((_, article),) = parse_all(Listing([file], [article_id], "."), options)
    if isinstance(article, CorpusError):
        return str(article).removeprefix(f"{file}: ")
    return article


def _run(args: argparse.Namespace, path: str | None, *, rows_on_stdout: bool) -> _Run:
    """The run for one PATH; the bar is drawn only where it cannot overwrite printed rows."""
    options = options_from(args, path).replace(strict=False)
    bar = not (rows_on_stdout and sys.stdout is not None and sys.stdout.isatty())
    listing = discover(path, options, args.storage_options)
    return _Run(
        listing,
        with_crawl_lexicon(listing, options),
        args.num_proc,
        bar,
        getattr(args, "skip_unreadable", False),
    )


def _cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    """Print id, ISO date (or -) and title for each article."""
    run = _run(args, args.path, rows_on_stdout=True)
    for _, article in run.articles():
        date = article.published_at.date().isoformat() if article.published_at else "-"
        out.write(f"{printable(article.id)}\t{date}\t{printable(article.title)}\n")
    return run.status


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    """Print articles by id: readable sections, or JSON records (one per line for several)."""
    ids, path = list(args.article_ids), args.path
    if path is None and len(ids) > 1 and _looks_like_path(ids[-1]):
        path = ids.pop()  # the documented `show ID PATH` form
    articles = Corpus(
        path,
        options=options_from(args, path).replace(strict=False),
        storage_options=args.storage_options,
    )
    missing = [i for i in ids if i not in articles]
    if missing:
        where = "this corpus" if path else "the bundled corpus; pass your crawl's PATH"
        raise CorpusError(
            f"no article with id {', '.join(map(repr, missing))} in {where} "
            "(`seedcorpus list` shows the ids)"
        )
    for index, article_id in enumerate(ids):
        article = articles[article_id]
        if args.json:
            text = article.model_dump_json(indent=None if len(ids) > 1 else 2)
            out.write(terminal_safe_json(text) + "\n")
        else:
            out.write(("\n" if index else "") + render(article))
    return 0


def _looks_like_path(text: str) -> bool:
    """Whether a trailing argument of `show` is a PATH rather than an id."""
    return os.path.exists(text) or "/" in text or bool(set("*?[") & set(text))


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    """Print every defect as `path:line: code: message`; status 1 under --strict if any."""
    seen: set[str] = set()
    found = files = problems = 0
    for path in args.paths or [None]:
        run = _run(args, path, rows_on_stdout=True)
        unique = [
            (f, i)
            for f, i in zip(run.listing.files, run.listing.ids, strict=True)
            if os.path.realpath(f) not in seen
        ]
        seen.update(os.path.realpath(f) for f, _ in unique)
        run.listing = Listing([f for f, _ in unique], [i for _, i in unique], run.listing.root)
        for file, article in run.articles():
            files += 1
            for defect in article.defects:
                where = f"{file}:{defect.line}" if defect.line is not None else file
                out.write(f"{printable(where)}: {defect.code.value}: {defect.message}\n")
                found += 1
        problems += run.problems
    print(f"{files} files, {found} defects, {problems} unreadable", file=sys.stderr)
    if problems and not args.skip_unreadable:
        return 2
    return 1 if args.strict and found else 0


def _cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    """Print counts, the date range, the most common sources and keywords, and defect codes."""
    run = _run(args, args.path, rows_on_stdout=False)
    summary = summarize((article for _, article in run.articles()), top=args.top)
    if args.json:
        out.write(terminal_safe_json(json.dumps(summary, ensure_ascii=False, indent=2)) + "\n")
    else:
        out.write(stats_table(summary))
    return run.status


def _cmd_dedup(args: argparse.Namespace, out: TextIO) -> int:
    """Print each cluster of duplicate ids on one line: tab-separated, or JSON with the id kept."""
    run = _run(args, args.path, rows_on_stdout=False)
    dates: dict[str, datetime | None] = {}

    def articles() -> Iterator[Article]:
        for _, article in run.articles():
            dates[article.id] = article.published_at
            yield article

    clusters = duplicate_clusters(articles(), threshold=args.threshold)
    for cluster in clusters:
        if args.json:
            row = {"ids": cluster, "keep": kept_id(cluster, dates)}
            out.write(terminal_safe_json(json.dumps(row, ensure_ascii=False)) + "\n")
        else:
            out.write("\t".join(printable(i) for i in cluster) + "\n")
    print(f"{len(clusters)} cluster(s) of duplicates", file=sys.stderr)
    return run.status


def _cmd_related(args: argparse.Namespace, out: TextIO) -> int:
    """Print every read-also link: article id, target id (or -), title as written."""
    run = _run(args, args.path, rows_on_stdout=False)
    links = list(resolve_links([a for _, a in run.articles()]))
    for link in links:
        if args.json:
            line = json.dumps(dataclasses.asdict(link), ensure_ascii=False)
            out.write(terminal_safe_json(line) + "\n")
        else:
            target = printable(link.target_id) if link.target_id else "-"
            row = f"{printable(link.article_id)}\t{target}\t{printable(link.title)}"
            if link.reason is not None:  # a fourth column says why it stays unresolved
                row += "\t" + printable(" ".join([link.reason, *link.candidates]))
            out.write(row + "\n")
    resolved = sum(link.target_id is not None for link in links)
    reasons = Counter(link.reason for link in links if link.reason is not None)
    why = ", ".join(f"{count} {reason}" for reason, count in sorted(reasons.items()))
    print(
        f"{resolved} of {len(links)} read-also titles resolved"
        + (f"; unresolved: {why}" if why else ""),
        file=sys.stderr,
    )
    return run.status


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    """Write the crawl's one-page HTML report; a missing extra is one line with its hint."""
    try:
        summary = report(
            args.path,
            args.out,
            options=options_from(args, args.path),
            storage_options=args.storage_options,
            overwrite=args.overwrite,
            dedup_threshold=args.threshold,
        )
    except ImportError as missing:
        print(f"seedcorpus: error: {missing}", file=sys.stderr)
        return 2
    for path, reason in summary.skipped:  # on the page too; here as for every command
        print(f"seedcorpus: {printable(path)}: skipped: {printable(reason)}", file=sys.stderr)
    out.write(f"wrote a report of {summary.articles} articles to {printable(str(args.out))}\n")
    if summary.skipped and not args.skip_unreadable:
        print(_unread_summary(len(summary.skipped), False), file=sys.stderr)
        return 2
    return 0


def _cmd_lexicon(args: argparse.Namespace, out: TextIO) -> int:
    """Compute the crawl's keyword lexicon once and save it, for streaming runs and engines."""
    options = options_from(args, args.path).replace(strict=False, lexicon=None)
    crawl = discover(args.path, options, args.storage_options)
    refuse_output_over_input(args.out, crawl, args.path)  # before the pass, not after it
    check_file_destination(args.out, args.overwrite, "JSON file")
    lexicon = keyword_lexicon(crawl, options=options)
    save_lexicon(lexicon, args.out, overwrite=args.overwrite)
    out.write(f"wrote {lexicon!r} to {printable(str(args.out))}\n")
    return 0


_COMMANDS = {
    "lexicon": _cmd_lexicon,
    "dedup": _cmd_dedup,
    "related": _cmd_related,
    "list": _cmd_list,
    "show": _cmd_show,
    "validate": _cmd_validate,
    "export": cmd_export,
    "stats": _cmd_stats,
    "report": _cmd_report,
}
