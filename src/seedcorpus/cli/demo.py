"""`python -m seedcorpus.demo` (what `make demo` runs): the bundled sample, as a user meets it.

It shows, in order: what was parsed; one record as Python sees it; the same corpus as a
Hugging Face ``Dataset`` with its features; and the commands to run on one's own crawl, written
as they run from the current folder (``.venv/bin/seedcorpus`` when the venv is not activated).

Part of the ``cli`` stage (the command line).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from .._version import CORPUS_VERSION, __version__
from ..crawl.corpus import Corpus, bundled_seeds_dir
from ..models import Article

#: Body paragraphs and related items shown in full; the rest are counted.
SHOWN = 2
_CUT = 70


def _short(text: str) -> str:
    """A long string cut for the screen."""
    return text if len(text) <= _CUT else text[:_CUT] + " …"


def record_view(article: Article) -> str:
    """The record as Python sees it, long strings and lists shortened."""
    lines = ["Article("]
    lines.append(f"    id={article.id!r},")
    lines.append(f"    title={article.title!r},")
    lines.append(f"    published_at={article.published_at!r},")
    lines.append(f"    date_precision={article.date_precision!r},")
    lines.append(f"    date_text={article.date_text!r},")
    body = [repr(_short(p)) for p in article.body[:SHOWN]]
    more = len(article.body) - SHOWN
    lines.append(f"    body=[{', '.join(body)}{f', … {more} more' if more > 0 else ''}],")
    lines.append(f"    source={article.source!r},")
    lines.append(f"    keywords={article.keywords!r},")
    lines.append("    read_also=[")
    for item in article.read_also:
        lines.append(
            f"        RelatedArticle(title={_short(item.title)!r}, "
            f"body=[… {len(item.body)} paragraph(s)]),"
        )
    lines.append("    ],")
    lines.append(f"    defects={article.defects!r},")
    lines.append(")")
    return "\n".join(lines)


def shown(path: Path) -> str:
    """A path as a user types it here: relative below the current folder, else absolute."""
    absolute = path.absolute()
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        return shlex.quote(str(absolute))
    return shlex.quote(str(relative) if relative.parent != Path(".") else f"./{relative}")


def runnable(name: str) -> str:
    """How to run this environment's ``name`` (``seedcorpus``, ``python``) from here.

    The bare name when the shell finds this very environment's one (an activated venv);
    otherwise its path (``.venv/bin/seedcorpus``), so the printed command runs as printed.
    """
    here = Path(sys.executable).parent / name
    found = shutil.which(name)
    if found is not None and Path(found).absolute() == here.absolute():
        return name
    if name == "python" or here.exists():
        return shown(here if here.exists() else Path(sys.executable))
    return f"{runnable('python')} -m {name}"


def next_steps() -> str:
    """Commands on the bundled sample's folder that run as printed, to repeat on one's crawl."""
    cli, python, seeds = runnable("seedcorpus"), runnable("python"), shown(bundled_seeds_dir())
    code = f"import seedcorpus; print(seedcorpus.load_dataset({shlex.split(seeds)[0]!r}))"
    quoted = f'"{code}"' if not set('"$`\\!') & set(code) else shlex.quote(code)
    return (
        f"\n3. Next, on your own crawl: these run as printed on the sample's folder {seeds};\n"
        "   put your crawl's folder (a folder of .txt files in this format) in its place.\n"
        f"    {cli} validate {seeds}          # every defect, path:line: code\n"
        f"    {cli} stats {seeds}             # counts, dates, sources, keywords\n"
        f"    {cli} export crawl.parquet {seeds}\n"
        f"    {python} -c {quoted}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the four parts of the demo."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    corpus = Corpus()
    articles = list(corpus)
    defects = sum(len(a.defects) for a in articles)
    print(
        f"Parsed {len(articles)} sample article from the bundled corpus "
        f"(corpus {CORPUS_VERSION}, seedcorpus {__version__}): {defects} defects.\n"
    )
    print(f'1. The record, as Python sees it: seedcorpus.Corpus()["{articles[0].id}"]\n')
    print(record_view(articles[0]))

    import datasets

    from ..hf.dataset import load_dataset

    datasets.disable_progress_bars()
    dataset = load_dataset()
    print("\n2. The same corpus as a Hugging Face dataset: seedcorpus.load_dataset()\n")
    print(dataset)
    print("\nfeatures (seedcorpus.FEATURES):")
    for name, feature in dataset.features.items():
        print(f"    {name}: {feature}")
    print(next_steps())
    return 0


if __name__ == "__main__":
    sys.exit(main())
