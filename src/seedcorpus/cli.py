"""The ``seedcorpus`` command line: list, show, validate, export and stats over a corpus.

Every command works on the bundled corpus when no PATH is given. Exit codes: 0 success, 1 when
``validate --strict`` finds defects, 2 on usage or environment errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

from ._version import __version__
from .corpus import Corpus, discover
from .errors import CorpusError, SeedcorpusError
from .export import FORMATS, export
from .models import Article
from .options import DEFAULT_MAX_BYTES, ID_RULES, ParseOptions
from .parser import parse_file

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
        "--id-rule",
        choices=ID_RULES,
        default="stem",
        help="ids from file names (stem, the default) or paths under the crawl root (relative)",
    )
    return flags


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

    show = commands.add_parser("show", help="one article, readable or as JSON", parents=[flags])
    show.add_argument("article_id", metavar="ID", help="article id (the file name without .txt)")
    show.add_argument("path", nargs="?", metavar="PATH", help="file, folder or glob")
    show.add_argument("--json", action="store_true", help="print the record as JSON")

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

    stats = commands.add_parser(
        "stats", help="counts, date range, top sources and keywords", parents=[flags]
    )
    stats.add_argument("path", nargs="?", metavar="PATH", help="file, folder or glob")
    stats.add_argument("--top", type=int, default=10, help="how many sources and keywords to list")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(_COMMANDS[args.command](args, sys.stdout))
    except (SeedcorpusError, OSError) as exc:
        print(f"seedcorpus: error: {exc}", file=sys.stderr)
        return 2


def _articles(files: list[str], ids: list[str], options: ParseOptions) -> Iterator[Article]:
    """Parse files in order, with a progress bar on a terminal for long runs."""
    pairs: Iterable[tuple[str, str]] = zip(files, ids, strict=True)
    if len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty():
        from tqdm import tqdm

        pairs = tqdm(pairs, total=len(files), unit="file", desc="parsing", file=sys.stderr)
    for file, article_id in pairs:
        yield parse_file(file, options=options, article_id=article_id)


def _listed(path: str | None, options: ParseOptions) -> Iterator[Article]:
    """The articles a PATH argument names, parsed in order."""
    listing = discover(path, options)
    return _articles(listing.files, listing.ids, options)


def _cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    """Print id, ISO date (or -) and title for each article."""
    for article in _listed(args.path, options_from(args)):
        date = article.published_at.date().isoformat() if article.published_at else "-"
        out.write(f"{article.id}\t{date}\t{article.title}\n")
    return 0


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    """Print one article: readable sections, or the JSON record."""
    articles = Corpus(args.path, options=options_from(args))
    if args.article_id not in articles:
        raise CorpusError(
            f"no article with id {args.article_id!r}; `seedcorpus list` shows the ids"
        )
    article = articles[args.article_id]
    if args.json:
        out.write(article.model_dump_json(indent=2) + "\n")
        return 0
    out.write(render(article))
    return 0


def render(article: Article) -> str:
    """A readable plain-text view of an article, section by section."""
    lines = [f"# {article.title}", f"id: {article.id}"]
    lines.append(f"published: {article.published_at.isoformat() if article.published_at else '-'}")
    lines.append(f"source: {article.source or '-'}")
    lines.append("keywords: " + (" | ".join(article.keywords) or "-"))
    lines.append("")
    lines.extend(article.body)
    for item in article.read_also:
        lines.extend(["", f"## {item.title}", *item.body])
    for defect in article.defects:
        lines.append(f"! line {defect.line or '-'}: {defect.code.value}: {defect.message}")
    return "\n".join(lines) + "\n"


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    """Print every defect as `path:line: code: message`; status 1 under --strict if any."""
    options = options_from(args).replace(strict=False)
    files: list[str] = []
    ids: list[str] = []
    for path in args.paths or [None]:
        listing = discover(path, options)
        files.extend(listing.files)
        ids.extend(listing.ids)
    found = 0
    for file, article in zip(files, _articles(files, ids, options), strict=True):
        for defect in article.defects:
            where = f"{file}:{defect.line}" if defect.line is not None else str(file)
            out.write(f"{where}: {defect.code.value}: {defect.message}\n")
            found += 1
    print(f"{len(files)} files, {found} defects", file=sys.stderr)
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
    )
    if args.out != "-":
        out.write(f"wrote {count} articles to {args.out}\n")
    return 0


def _cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    """Print counts, the date range, the most common sources and keywords, and defect codes."""
    summary = summarize(_listed(args.path, options_from(args)), top=args.top)
    out.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    return 0


def summarize(articles: Iterator[Article], *, top: int = 10) -> dict[str, object]:
    """Corpus statistics as a JSON-ready dict (also printed by `make demo`)."""
    count = paragraphs = related = 0
    dates = []
    sources: Counter[str] = Counter()
    keywords: Counter[str] = Counter()
    defects: Counter[str] = Counter()
    for article in articles:
        count += 1
        paragraphs += len(article.body)
        related += len(article.read_also)
        if article.published_at:
            dates.append(article.published_at)
        if article.source:
            sources[article.source] += 1
        keywords.update(article.keywords)
        defects.update(d.code.value for d in article.defects)
    return {
        "articles": count,
        "body_paragraphs": paragraphs,
        "read_also_items": related,
        "first_date": min(dates).isoformat() if dates else None,
        "last_date": max(dates).isoformat() if dates else None,
        "top_sources": dict(sources.most_common(top)),
        "top_keywords": dict(keywords.most_common(top)),
        "defects": dict(sorted(defects.items())),
    }


_COMMANDS = {
    "list": _cmd_list,
    "show": _cmd_show,
    "validate": _cmd_validate,
    "export": _cmd_export,
    "stats": _cmd_stats,
}
