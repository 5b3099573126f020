"""How far the parse is from its floor: the work any parse of these files must do.

The floor reads each file, decodes and cleans it, splits its lines, folds the text once for
matching and cuts it into words: every rule (sections, dates, keywords, read also) needs at
least that. Measured side by side with plain read-and-split and with the real parse, with and
without the crawl's keyword pass, so the gap between the floor and the target is visible.

Two prototypes bound what any faster keyword step could win: the crawl's keyword pass alone,
and the whole default parse with the keyword step replaced by one that decides nothing. If
that parse is already over the target, no keyword algorithm reaches it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from unittest import mock

import seedcorpus
from seedcorpus.parse import parser
from seedcorpus.parse.decoding import clean_text, decode, split_lines
from seedcorpus.parse.defects import DefectLog
from seedcorpus.parse.keyword_evidence import core
from seedcorpus.parse.keyword_scan import hits
from seedcorpus.parse.keywords import Segmentation
from seedcorpus.parse.normalize import match_key
from seedcorpus.parse.parser import read_article_bytes

_WORD = re.compile(r"[\w-]+")


def floor_runs(folder: Path) -> dict[str, Callable[[], object]]:
    """The callables to time: split, the floor, and the parse without and with the crawl pass."""
    files = sorted(str(f) for f in folder.glob("*.txt"))
    no_pass = seedcorpus.ParseOptions(crawl_lexicon=False)

    def read_and_split() -> None:
        for file in files:
            Path(file).read_text(encoding="utf-8").splitlines()

    def floor() -> None:
        for file in files:
            log = DefectLog()
            text = clean_text(decode(read_article_bytes(file, 1 << 24), log), log, decoded=True)
            folded = match_key("\n".join(line.text for line in split_lines(text))).lower()
            _WORD.findall(folded)

    def with_keyword_step(step: Callable[..., Segmentation]) -> Callable[[], int]:
        def run() -> int:
            with mock.patch.object(parser, "segment_keywords", step):
                return sum(1 for _ in seedcorpus.iter_articles(folder))

        return run

    return {
        "split": read_and_split,
        "crawl pass": lambda: seedcorpus.keyword_lexicon(folder),
        "parse, no keyword step": with_keyword_step(_decides_nothing),
        "parse, keyword step only searches": with_keyword_step(_only_searches),
        "floor": floor,
        "parse, no crawl pass": lambda: sum(
            1 for _ in seedcorpus.iter_articles(folder, options=no_pass)
        ),
        "parse": lambda: sum(1 for _ in seedcorpus.iter_articles(folder)),
    }


def _decides_nothing(*args: object, **kwargs: object) -> Segmentation:
    """The prototype's keyword step: no phrases, at no cost."""
    return Segmentation([], [])


def _only_searches(tokens: list[str], texts: Iterable[str], **kwargs: object) -> Segmentation:
    """The least a keyword step that reads the text must do, and no decision.

    Fold the tag line and the text once, and find where each tag token's core occurs
    (``keyword_scan.hits``).
    """
    if tokens:
        cores = {core(k) for k in match_key(" ".join(tokens)).lower().split(" ")}
        hits(match_key("\n".join(texts)).lower(), cores)
    return Segmentation([], [])
