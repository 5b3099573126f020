"""The ``seedcorpus`` command line: list, show, validate, export and stats over a corpus.

Every command works on the bundled corpus when no PATH is given. Exit codes: 0 success, 1 when
``validate --strict`` finds defects, 2 on usage or environment errors (a file that cannot be
read is reported and the run goes on, then ends with 2), 130 when interrupted. A closed pipe
(``| head``) ends the run quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from typing import TextIO

from ._version import __version__
from .corpus import Corpus, Listing, discover, parse_all
from .display import printable, render, stats_table, summarize
from .errors import CorpusError, SeedcorpusError
from .export import FORMATS, export
from .models import Article
from .options import DEFAULT_MAX_BYTES, ID_RULES, ParseOptions

#: Runs over at least this many files show a progress bar (on a terminal only).
PROGRESS_MIN_FILES = 200


def _option_flags() -> argparse.ArgumentParser:
    """The flags that map onto ``ParseOptions``, shared by every command."""
    flags = argparse.ArgumentParser(add_help=False)
    group = flags.add_argument_group("parse options (seedcorpus.ParseOptions)")
    group.add_argument(
        "--default-timezone",
        default="UTC",
        metavar="ZONE",
        help="IANA zone for dates written without one (default: UTC)",
    )
    group.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse article files larger than N bytes (default: {DEFAULT_MAX_BYTES})",
    )
    group.add_argument(
        "--num-proc",
        type=int,
        default=1,
        metavar="N",
        help="parse with N processes (default: 1)",
    )
    group.add_argument(
        "--id-rule",
        choices=ID_RULES,
        default="stem",
        help="ids from file names (stem, the default) or paths under the crawl root (relative)",
    )
    flags.add_argument(
        "--storage-options",
        type=_json_object,
        default={},
        metavar="JSON",
        help="fsspec options for URL paths, as JSON (e.g. '{\"anon\": true}')",
    )
    return flags


def _json_object(text: str) -> dict[str, object]:
    """A JSON object from the command line."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError("expected a JSON object")
    return value


def options_from(args: argparse.Namespace) -> ParseOptions:
    """The ``ParseOptions`` the command-line flags describe."""
    return ParseOptions(
        strict=getattr(args, "strict", False),
        default_timezone=args.default_timezone,
        max_bytes=args.max_bytes,
        id_rule=args.id_rule,
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also the source of the command-line reference in the docs)."""
    parser = argparse.ArgumentParser(
        prog="seedcorpus",
        description="Parse, inspect, validate and export Arabic news article files. "
        "Without PATH, each command works on the bundled corpus.",
    )
    parser.add_argument("--version", action="version", version=f"seedcorpus {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    flags = _option_flags()

    listing = commands.add_parser(
        "list", help="one line per article: id, date, title", parents=[flags]
    )
    listing.add_argument("path", nargs="?", metavar="PATH", help="file, folder or glob")

    show = commands.add_parser(
        "show", help="articles by id, readable or as JSON (ID... [PATH])", parents=[flags]
    )
    show.add_argument(
        "article_ids", nargs="+", metavar="ID", help="article ids (file names without .txt)"
    )
    show.add_argument(
        "--path", metavar="PATH", help="file, folder or glob (a trailing PATH also works)"
    )
    show.add_argument("--json", action="store_true", help="print the records as JSON")

    validate = commands.add_parser(
        "validate", help="print each defect as path:line: code: message", parents=[flags]
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or globs")
    validate.add_argument(
        "--strict", action="store_true", help="exit with status 1 when any defect is found"
    )

    exporting = commands.add_parser(
        "export", help="write the articles as JSONL, Parquet or a hub-ready folder", parents=[flags]
    )
    exporting.add_argument(
        "out", metavar="OUT", help="output file (.jsonl, .parquet), folder (hf), or - for stdout"
    )
    exporting.add_argument("path", nargs="?", metavar="PATH", help="file, folder or glob")
    exporting.add_argument(
        "--format",
        dest="output_format",
        choices=FORMATS,
        default=None,
        help="output format (default: from OUT's extension: .jsonl, .parquet, else hf)",
    )
    exporting.add_argument(
        "--shards", type=int, default=1, help="number of Parquet files (hf format only)"
    )
    exporting.add_argument(
        "--overwrite", action="store_true", help="replace an existing OUT (refused otherwise)"
    )
    exporting.add_argument(
        "--text-column", action="store_true", help="add a text column (title and body)"
    )
    card = exporting.add_argument_group(
        "dataset card (hf format; a crawl never claims the bundled corpus's name or licence)"
    )
    card.add_argument("--name", help="the dataset's name (default: 'Arabic news articles')")
    card.add_argument("--license", help="a hub licence id such as cc-by-4.0 (default: unknown)")
    card.add_argument(
        "--version", dest="dataset_version", help="the dataset's version (default: none)"
    )

    stats = commands.add_parser(
        "stats", help="counts, date range, top sources and keywords", parents=[flags]
    )
    stats.add_argument("path", nargs="?", metavar="PATH", help="file, folder or glob")
    stats.add_argument("--top", type=int, default=10, help="how many sources and keywords to list")
    stats.add_argument("--json", action="store_true", help="print the statistics as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, 1 for --strict defects, 2, 130)."""
    args = build_parser().parse_args(argv)
    out = sys.stdout if sys.stdout is not None else open(os.devnull, "w")  # noqa: SIM115
    try:
        return int(_COMMANDS[args.command](args, out))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, and keep Python's final flush quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (SeedcorpusError, OSError, ValueError) as exc:
        print(f"seedcorpus: error: {exc}", file=sys.stderr)
        return 2


class _Run:
    """Parses the files a command names, reporting unreadable ones and going on."""

    def __init__(self, listing: Listing, options: ParseOptions, num_proc: int, bar: bool) -> None:
        self.listing = listing
        self.options = options
        self.num_proc = num_proc
        self.bar = bar and len(listing.files) >= PROGRESS_MIN_FILES and sys.stderr.isatty()
        self.problems = 0
        for path, reason in listing.skipped:
            self.problem(path, f"skipped: {reason}")

    def problem(self, path: str, message: str) -> None:
        """Report a file that could not be parsed; the run goes on and exits 2 at the end."""
        self.problems += 1
        print(f"seedcorpus: {printable(path)}: {message}", file=sys.stderr)

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

    @property
    def status(self) -> int:
        """2 when a file could not be read, else 0."""
        return 2 if self.problems else 0


def _parse_one(file: str, article_id: str, options: ParseOptions) -> Article | str:
    """Parse one file in a worker; an environment problem comes back as its message."""
    ((_, article),) = parse_all(Listing([file], [article_id], "."), options)
    if isinstance(article, CorpusError):
        return str(article).removeprefix(f"{file}: ")
    return article


def _run(args: argparse.Namespace, path: str | None, *, rows_on_stdout: bool) -> _Run:
    """The run for one PATH; the bar is drawn only where it cannot overwrite printed rows."""
    options = options_from(args).replace(strict=False)
    bar = not (rows_on_stdout and sys.stdout is not None and sys.stdout.isatty())
    return _Run(discover(path, options, args.storage_options), options, args.num_proc, bar)


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
        options=options_from(args).replace(strict=False),
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
            out.write(article.model_dump_json(indent=None if len(ids) > 1 else 2) + "\n")
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
    if problems:
        return 2
    return 1 if args.strict and found else 0


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """Write the articles in the chosen format."""
    count = export(
        args.out,
        args.path,
        output_format=args.output_format,
        shards=args.shards,
        options=options_from(args),
        overwrite=args.overwrite,
        num_proc=args.num_proc,
        storage_options=args.storage_options,
        name=args.name,
        license=args.license,
        version=args.dataset_version,
        text_column=args.text_column,
    )
    if args.out != "-":
        out.write(f"wrote {count} articles to {args.out}\n")
    return 0


def _cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    """Print counts, the date range, the most common sources and keywords, and defect codes."""
    run = _run(args, args.path, rows_on_stdout=False)
    summary = summarize((article for _, article in run.articles()), top=args.top)
    if args.json:
        out.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(stats_table(summary))
    return run.status


_COMMANDS = {
    "list": _cmd_list,
    "show": _cmd_show,
    "validate": _cmd_validate,
    "export": _cmd_export,
    "stats": _cmd_stats,
}
