"""The command line's arguments: every command, its flags, and how they map onto options.

Kept apart from the commands (``cli/main.py``) so the docs can render the reference from it and a
reader finds every flag in one place; ``parse_arguments`` also checks what argparse cannot alone
(a PATH after the flags, split flags that would be ignored, more processes than cores).

Part of the ``cli`` stage (the command line).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

from .._version import __version__
from ..crawl.corpus import corpus_lexicon_of
from ..crawl.lexicon import load_lexicon
from ..crawl.sharding import usable_cores
from ..hf.export import FORMATS
from ..options import DEFAULT_MAX_BYTES, ID_RULES, ParseOptions
from ..training.splits import check_split_request
from .display import printable

#: What PATH may be, in every command's help.
PATH_HELP = "file, folder, glob, fsspec URL (s3://...) or @paths-file (one path per line)"


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
        type=_positive,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse article files larger than N bytes (default: {DEFAULT_MAX_BYTES})",
    )
    group.add_argument(
        "--corpus-lexicon",
        action="store_true",
        help="settle keyword phrases with tags other articles of PATH settle (two passes)",
    )
    group.add_argument(
        "--lexicon",
        metavar="FILE",
        help="keyword lexicon from `seedcorpus lexicon` (default: computed from PATH)",
    )
    group.add_argument(
        "--no-crawl-lexicon",
        action="store_true",
        help="segment keywords on each article's own text only (no crawl-level pass)",
    )
    group.add_argument(
        "--num-proc",
        type=_positive,
        default=1,
        metavar="N",
        help="parse with N processes (default: 1; at most one per core)",
    )
    group.add_argument(
        "--id-rule",
        choices=ID_RULES,
        default="stem",
        help="ids from file names (stem, the default) or paths under the crawl root (relative)",
    )
    group.add_argument(
        "--id-root",
        metavar="DIR",
        help="ids are paths under DIR, however PATH names the crawl (implies --id-rule relative)",
    )
    flags.add_argument(
        "--skip-unreadable",
        action="store_true",
        help="go on without input entries that cannot be read (they are still named on "
        "stderr); without it they make the exit status 2 and export writes nothing",
    )
    flags.add_argument(
        "--storage-options",
        type=_json_object,
        default={},
        metavar="JSON",
        help="fsspec options for URL paths, as JSON (e.g. '{\"anon\": true}')",
    )
    return flags


def _at_least(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``minimum``."""

    def whole_number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(
                f"expected a number of at least {minimum}, not {value}"
            )
        return value

    return whole_number


_positive = _at_least(1)
_count = _at_least(0)


def _fractions(text: str) -> tuple[float, ...]:
    """Three finite shares from `0.8,0.1,0.1` (``nan`` and ``inf`` are refused)."""
    try:
        shares = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("expected three numbers such as 0.8,0.1,0.1") from None
    if not all(math.isfinite(share) for share in shares):
        raise argparse.ArgumentTypeError(f"expected finite numbers such as 0.8,0.1,0.1, not {text}")
    return shares


def _cutoffs(text: str) -> tuple[datetime, ...]:
    """Two instants from `2023-01-01,2024-01-01`, in UTC (UTC when no zone is given)."""
    try:
        moments = [datetime.fromisoformat(part.strip()) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            "expected two ISO dates such as 2023-01-01,2024-01-01"
        ) from None
    try:
        return tuple(
            m.astimezone(timezone.utc) if m.tzinfo else m.replace(tzinfo=timezone.utc)
            for m in moments
        )
    except OverflowError:
        raise argparse.ArgumentTypeError(
            f"{text}: outside the range of dates (years 1 to 9999 in UTC)"
        ) from None


def _json_object(text: str) -> dict[str, object]:
    """A JSON object from the command line."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError("expected a JSON object")
    return value


def options_from(args: argparse.Namespace, path: str | None = None) -> ParseOptions:
    """The ``ParseOptions`` the command-line flags describe (for the corpus at ``path``).

    With ``--corpus-lexicon``, a first pass over ``path`` collects the keyword phrases its
    articles settle (``known_phrases``).
    """
    options = ParseOptions(
        strict=getattr(args, "strict", False),
        default_timezone=args.default_timezone,
        max_bytes=args.max_bytes,
        id_rule=args.id_rule,
        id_root=getattr(args, "id_root", None),
        lexicon=load_lexicon(args.lexicon) if getattr(args, "lexicon", None) else None,
        crawl_lexicon=not getattr(args, "no_crawl_lexicon", False),
    )
    if getattr(args, "corpus_lexicon", False):
        lexicon = corpus_lexicon_of(path, options.replace(strict=False), args.storage_options)
        options = options.replace(known_phrases=lexicon)
    return options


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
    listing.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)

    show = commands.add_parser(
        "show", help="articles by id, readable or as JSON (ID... [PATH])", parents=[flags]
    )
    show.add_argument(
        "article_ids", nargs="+", metavar="ID", help="article ids (file names without .txt)"
    )
    show.add_argument("--path", metavar="PATH", help=PATH_HELP + " (a trailing PATH also works)")
    show.add_argument("--json", action="store_true", help="print the records as JSON")

    validate = commands.add_parser(
        "validate", help="print each defect as path:line: code: message", parents=[flags]
    )
    validate.add_argument(
        "paths", nargs="*", metavar="PATH", help="files, folders, globs, URLs or @paths-files"
    )
    validate.add_argument(
        "--strict", action="store_true", help="exit with status 1 when any defect is found"
    )

    exporting = commands.add_parser(
        "export", help="write the articles as JSONL, Parquet or a hub-ready folder", parents=[flags]
    )
    exporting.add_argument(
        "out", metavar="OUT", help="output file (.jsonl, .parquet), folder (hf), or - for stdout"
    )
    exporting.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    exporting.add_argument(
        "--format",
        dest="output_format",
        choices=FORMATS,
        default=None,
        help="output format (default: from OUT's extension: .jsonl, .parquet, none for hf; "
        "other extensions are refused)",
    )
    exporting.add_argument(
        "--shards", type=_positive, default=1, help="number of Parquet files (hf format only)"
    )
    exporting.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an earlier export at OUT (refused otherwise; never files no export wrote)",
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

    split = exporting.add_argument_group("splits (hf format): train, validation and test")
    split.add_argument(
        "--split-by", choices=("id", "date"), help="by a stable hash of each id, or by date"
    )
    split.add_argument(
        "--fractions",
        type=_fractions,
        metavar="T,V,T",
        help="train, validation and test shares for --split-by id (default: 0.8,0.1,0.1)",
    )
    split.add_argument(
        "--date-cutoffs",
        type=_cutoffs,
        metavar="A,B",
        help="two ISO instants for --split-by date (undated articles go to train)",
    )

    lexicon = commands.add_parser(
        "lexicon",
        help="compute a crawl's keyword lexicon once (for streaming runs and engines)",
        parents=[flags],
    )
    lexicon.add_argument("path", nargs="?", metavar="PATH", help="file, folder or glob")
    lexicon.add_argument("-o", "--out", required=True, metavar="FILE", help="the JSON file")
    lexicon.add_argument(
        "--overwrite", action="store_true", help="replace an existing FILE (refused otherwise)"
    )

    dedup = commands.add_parser(
        "dedup", help="clusters of exact and near-duplicate articles", parents=[flags]
    )
    dedup.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    dedup.add_argument(
        "--threshold",
        type=float,
        default=0.8,
        help="shingle Jaccard similarity (default: 0.8; adapted for short articles)",
    )
    dedup.add_argument(
        "--json", action="store_true", help='one JSON object per cluster: {"ids", "keep"}'
    )

    linking = commands.add_parser(
        "related", help="read-also titles resolved to articles of the corpus", parents=[flags]
    )
    linking.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    linking.add_argument("--json", action="store_true", help="one JSON object per line")

    reporting = commands.add_parser(
        "report",
        help="one self-contained HTML page: dates, sources, defects, keywords, duplicates",
        parents=[flags],
    )
    reporting.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    reporting.add_argument(
        "-o", "--out", default="report.html", help="the HTML file to write (default: report.html)"
    )
    reporting.add_argument(
        "--overwrite", action="store_true", help="replace an existing OUT (refused otherwise)"
    )
    reporting.add_argument(
        "--threshold", type=float, default=0.8, help="near-duplicate shingle Jaccard (default: 0.8)"
    )

    stats = commands.add_parser(
        "stats", help="counts, date range, top sources and keywords", parents=[flags]
    )
    stats.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    stats.add_argument(
        "--top", type=_count, default=10, help="how many sources and keywords to list"
    )
    stats.add_argument("--json", action="store_true", help="print the statistics as JSON")
    return parser


def parse_arguments(
    parser: argparse.ArgumentParser, argv: Sequence[str] | None
) -> argparse.Namespace:
    """Parse the command line, then what argparse cannot check alone (usage errors exit 2)."""
    args, extras = parser.parse_known_args(argv)
    take_trailing_paths(parser, args, extras)
    check_split_flags(parser, args)
    cap_processes(args)
    return args


def take_trailing_paths(
    parser: argparse.ArgumentParser, args: argparse.Namespace, extras: list[str]
) -> None:
    """Accept a PATH after the flags (`export O --format hf C`, `show ID --json C`)."""
    if not extras:
        return
    if not any(e.startswith("-") for e in extras):
        if isinstance(getattr(args, "paths", None), list):
            args.paths.extend(extras)
            return
        if len(extras) == 1 and getattr(args, "path", "") is None:
            args.path = extras[0]
            return
    parser.error(f"unrecognized arguments: {' '.join(map(printable, extras))}")


def check_split_flags(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse split flags that would be ignored (`--fractions` without `--split-by id`).

    The library's own rule (``check_split_request``), reported as a usage error (exit 2).
    """
    if args.command != "export":
        return
    try:
        check_split_request(args.split_by, args.fractions, args.date_cutoffs)
    except ValueError as exc:
        command_parser(parser, "export").error(str(exc))


def command_parser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    """A command's own parser, so a usage error shows that command's usage line."""
    for action in parser._actions:  # argparse keeps its subcommands nowhere public
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return parser


def cap_processes(args: argparse.Namespace) -> None:
    """At most one process per core this run may use (saying so), not hundreds on two cores."""
    asked = getattr(args, "num_proc", 1)
    cores = usable_cores()
    if asked > cores:
        print(
            f"seedcorpus: --num-proc {asked} is more than the {cores} cores here; using {cores}",
            file=sys.stderr,
        )
        args.num_proc = cores
