"""The scenarios of ``attack_outputs.py`` for points 1 to 7 of issue 20's "Why" list.

Each builder makes its scratch files under the folder it is given and returns the scenarios
that attack them. A Python scenario exits 2 after a clean refusal (a ``CorpusError`` or
``ValueError`` naming the problem), 0 when all is well, and 1 with ``WRONG:`` when the library
did the wrong thing; anything else shows as a traceback. Points 8 to 15: ``attack_more.py``.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from attack_more import MORE
from attack_outputs import Scenario, hostile_crawl, nothing_beside, py, write_crawl


def point_1(root: Path) -> list[Scenario]:
    """`export P P/crawl --overwrite` must never delete the input, on any input surface."""
    parent = root / "P"
    crawl = write_crawl(parent / "crawl")
    (parent / "thesis.tex").write_text("my thesis", "utf-8")
    paths = root / "list.txt"
    paths.write_text("\n".join(str(p) for p in sorted(crawl.iterdir())) + "\n", "utf-8")
    inputs = {
        "folder": str(crawl),
        "glob": f"{crawl}/*.txt",
        "@paths": f"@{paths}",
        "single file": str(crawl / "a000.txt"),
        "file:// URL": f"file://{crawl}",
    }
    found = [
        Scenario("1", f"CLI export, {name}", ["export", str(parent), given, "--overwrite"])
        for name, given in inputs.items()
    ]
    found.append(
        Scenario(
            "1",
            "Python export",
            code=py(
                f"sys.exit(2 if refused(lambda: seedcorpus.export({str(parent)!r}, "
                f"{str(crawl)!r}, overwrite=True)) else 0)"
            ),
        )
    )
    found.append(
        Scenario(
            "1",
            "datatrove writer",
            code=py(f"""
                from seedcorpus.integrations.datatrove import ArticleWriter
                sys.exit(2 if refused(lambda: ArticleWriter({str(parent)!r})) else 0)
            """),
        )
    )
    for scenario in found:
        scenario.precious = [parent, paths]
    return found


def point_2(root: Path) -> list[Scenario]:
    """`--overwrite` replaces only an earlier export's files, never a user's."""
    crawl = write_crawl(root / "crawl")
    out = root / "out"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", "utf-8")
    card = root / "card"
    card.mkdir()
    (card / "README.md").write_text("my card", "utf-8")
    labels = root / "labels.jsonl"
    labels.write_text(json.dumps({"id": "a000", "label": 1}) + "\n", "utf-8")
    precious = [out, card, labels, crawl]
    return [
        Scenario(
            "2",
            "CLI export, folder",
            ["export", str(out), str(crawl), "--overwrite"],
            expect="notes.txt",
            precious=precious,
        ),
        Scenario(
            "2",
            "CLI export, jsonl file",
            ["export", str(labels), str(crawl), "--overwrite"],
            precious=precious,
        ),
        Scenario(
            "2",
            "Python export",
            precious=precious,
            code=py(
                f"sys.exit(2 if refused(lambda: seedcorpus.export({str(out)!r}, {str(crawl)!r}, "
                "overwrite=True)) else 0)"
            ),
        ),
        Scenario(
            "2",
            "datatrove writer",
            precious=precious,
            code=py(f"""
            from seedcorpus.integrations.datatrove import ArticleWriter
            sys.exit(2 if refused(lambda: ArticleWriter({str(card)!r})) else 0)
        """),
        ),
    ]


def point_3(root: Path) -> list[Scenario]:
    """A paths file names article files only: never /etc/passwd nor /proc/self/environ."""
    crawl = write_crawl(root / "crawl")
    paths = root / "list.txt"
    paths.write_text(f"{crawl}/a000.txt\n/etc/passwd\n/proc/self/environ\n", "utf-8")
    reader = py(f"""
        from seedcorpus.integrations.datatrove import ArticleReader
        def read():
            for doc in ArticleReader("/", paths_file={str(paths)!r}).run():
                print(doc.text)
        sys.exit(2 if refused(read) else 0)
    """)
    remote = py(f"""
        import fsspec
        with fsspec.open("memory://lists/l.txt", "w") as handle:
            handle.write("/etc/passwd\\n{crawl}/a000.txt\\n")
        def load():
            for row in seedcorpus.load_dataset("@memory://lists/l.txt"):
                print(row["body"])
        sys.exit(2 if refused(load) else 0)
    """)
    local = py(f"""
        def load():
            for row in seedcorpus.load_dataset("@{paths}", cache_dir="c"):
                print(row["body"])
        sys.exit(2 if refused(load) else 0)
    """)
    return [
        Scenario("3", "CLI list @paths", ["list", f"@{paths}"]),
        Scenario("3", "CLI export - @paths", ["export", "-", f"@{paths}"]),
        Scenario("3", "Python load_dataset @paths", code=local),
        Scenario("3", "remote paths file", code=remote),
        Scenario("3", "datatrove reader paths_file", code=reader),
    ]


def point_4(root: Path) -> list[Scenario]:
    """file:// (and every local surface): no /etc/passwd, no hang on a FIFO, no stale cache."""
    crawl = hostile_crawl(root / "crawl")
    found = []
    for name, given in (
        ("folder", str(crawl)),
        ("glob", f"{crawl}/*.txt"),
        ("file:// URL", f"file://{crawl}"),
    ):
        found.append(Scenario("4", f"CLI list, {name}", ["list", given]))
        found.append(
            Scenario(
                "4",
                f"Python load_dataset, {name}",
                codes=(0,),
                code=py(f"""
            warnings.simplefilter("ignore")
            for row in seedcorpus.load_dataset({given!r}, cache_dir="c"):
                print(row["body"])
        """),
            )
        )
    for name, scheme in (("folder", ""), ("file:// URL", "file://")):
        edit = write_crawl(root / f"edit-{len(found)}", 2)
        given = f"{scheme}{edit}"
        found.append(
            Scenario(
                "4",
                f"same-size edit, mtime put back, {name}",
                codes=(0,),
                code=py(f"""
            path = {str(edit / "a000.txt")!r}
            first = seedcorpus.load_dataset({given!r}, cache_dir="c")["body"]
            stat = os.stat(path)
            text = open(path, encoding="utf-8").read()
            open(path, "w", encoding="utf-8").write(text.replace("نص", "متن"))
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            again = seedcorpus.load_dataset({given!r}, cache_dir="c")["body"]
            if again == first:
                wrong("a same-size edit was served from the cache")
        """),
            )
        )
    return found


DATATROVE_RUNS = """
import contextlib, io
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.base import PipelineStep
from seedcorpus.integrations.datatrove import ArticleReader, ArticleWriter, ParseArticles
import datasets
class FailOn(PipelineStep):
    name = "fail"
    def __init__(self, rank):
        super().__init__()
        self.fail = rank
    def run(self, data, rank=0, world_size=1):
        for document in data:
            if rank == self.fail:
                raise RuntimeError("task failed")
            yield document
def pipeline(crawl, out, logs, tasks, fail=None):
    steps = [ArticleReader(crawl), ParseArticles(), FailOn(fail), ArticleWriter(out)]
    # datatrove logs a failed task's traceback itself (the raised error is judged here)
    with contextlib.redirect_stderr(io.StringIO()):
        LocalPipelineExecutor(pipeline=steps, tasks=tasks, workers=1, logging_dir=logs).run()
def rows(out):
    return len(datasets.load_dataset(out, split="train"))
"""


def point_5(root: Path) -> list[Scenario]:
    """The datatrove reader and writer: no partial, stale or mixed output; the reader's rules."""
    big, small = write_crawl(root / "big", 20), write_crawl(root / "small", 5)
    hostile = hostile_crawl(root / "hostile")
    runs = py(
        DATATROVE_RUNS
        + textwrap.dedent(f"""
        out = {str(root / "out")!r}
        try:
            pipeline({str(big)!r}, out, "logs-a", 2, fail=1)
        except RuntimeError:
            pass
        try:
            partial = rows(out)
        except FileNotFoundError:  # datasets finds no data files: nothing was published
            partial = None
        if partial is not None:
            wrong(f"a failed run's partial output is readable ({{partial}} rows)")
        if not refused(lambda: pipeline({str(small)!r}, out, "logs-b", 2)):
            wrong("a second run staged into an unpublished run's OUT")
        pipeline({str(big)!r}, out, "logs-a", 2)
        if rows(out) != 20:
            wrong("the resumed run did not publish every row")
        pipeline({str(small)!r}, out, "logs-c", 1)
        if rows(out) != 5 or len(os.listdir(out + "/data")) != 1:
            wrong("a rerun with fewer tasks kept stale shards")
    """)
    )
    reader = py(
        DATATROVE_RUNS
        + textwrap.dedent(f"""
        warnings.simplefilter("ignore")
        pipeline({str(hostile)!r}, {str(root / "out2")!r}, "logs-h", 2)
        for body in datasets.load_dataset({str(root / "out2")!r}, split="train")["body"]:
            print(body)
    """)
    )
    none_id = py("""
        from datatrove.data import Document
        from seedcorpus.integrations.datatrove import ParseArticles
        def parse():
            list(ParseArticles().run([Document(text="عنوان\\nنص.", id=None)]))
        sys.exit(2 if refused(parse) else 0)
    """)
    return [
        Scenario(
            "5",
            "datatrove writer: failed, mixed and fewer-task runs",
            codes=(0,),
            code=runs,
            precious=[big, small],
        ),
        Scenario(
            "5", "datatrove reader: /etc/passwd link, FIFO, non-UTF-8 name", codes=(0,), code=reader
        ),
        Scenario("5", "datatrove ParseArticles: a None id", code=none_id),
    ]


def point_6(root: Path) -> list[Scenario]:
    """Entries an export skips are named, and fail the run unless --skip-unreadable."""
    crawl = hostile_crawl(root / "crawl")
    out = root / "o.jsonl"
    found = [
        Scenario(
            "6",
            f"CLI export, {name}",
            ["export", str(out), given],
            expect="skipped",
            check=lambda _: "OUT written" if out.exists() else None,
        )
        for name, given in (
            ("folder", str(crawl)),
            ("glob", f"{crawl}/*.txt"),
            ("file:// URL", f"file://{crawl}"),
        )
    ]
    found.append(
        Scenario(
            "6",
            "CLI export --skip-unreadable",
            codes=(0,),
            expect="left out",
            argv=["export", str(root / "k.jsonl"), str(crawl), "--skip-unreadable"],
        )
    )
    found.append(
        Scenario(
            "6",
            "Python export",
            codes=(0,),
            code=py(f"""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            seedcorpus.export({str(root / "p.jsonl")!r}, {str(crawl)!r})
        if not any("left out" in str(w.message) for w in caught):
            wrong("skipped entries were not warned about")
        if not refused(lambda: seedcorpus.export({str(root / "q.jsonl")!r}, {str(crawl)!r},
                                                 skip_unreadable=False)):
            wrong("skip_unreadable=False did not refuse")
    """),
        )
    )
    return found


LATE = "2030-01-01,2031-01-01"


def point_7(root: Path) -> list[Scenario]:
    """An empty split is refused before writing, by export and load_dataset alike."""
    crawl = write_crawl(root / "crawl")
    cutoffs = (
        "(datetime(2030, 1, 1, tzinfo=timezone.utc), datetime(2031, 1, 1, tzinfo=timezone.utc))"
    )
    load = py(f"""
        from datetime import datetime, timezone
        sys.exit(2 if refused(lambda: seedcorpus.load_dataset({str(crawl)!r}, split_by="date",
                 date_cutoffs={cutoffs}, cache_dir="c")) else 0)
    """)
    export = py(f"""
        from datetime import datetime, timezone
        sys.exit(2 if refused(lambda: seedcorpus.export("o2", {str(crawl)!r}, split_by="date",
                 date_cutoffs={cutoffs})) else 0)
    """)
    gone = nothing_beside(root, {"crawl", "c"})
    return [
        Scenario(
            "7",
            "CLI export",
            ["export", "o", str(crawl), "--split-by", "date", "--date-cutoffs", LATE],
            expect="would be empty",
            check=gone,
        ),
        Scenario("7", "Python export", code=export, expect="would be empty", check=gone),
        Scenario("7", "Python load_dataset", code=load, expect="would be empty"),
    ]


ALL = [point_1, point_2, point_3, point_4, point_5, point_6, point_7, *MORE]
