"""The scenarios of ``attack_outputs.py``: one builder per point of issue 20's "Why" list.

Each builder makes its scratch files under the folder it is given and returns the scenarios
that attack them. A Python scenario exits 2 after a clean refusal (a ``CorpusError`` or
``ValueError`` naming the problem), 0 when all is well, and 1 with ``WRONG:`` when the library
did the wrong thing; anything else shows as a traceback.
"""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Callable
from pathlib import Path

from attack_outputs import ARTICLE, Result, Scenario, write_crawl

PRELUDE = """
import os, sys, warnings, subprocess
import seedcorpus
from seedcorpus.errors import CorpusError
def refused(call):
    try:
        call()
    except (CorpusError, ValueError) as exc:
        print("refused:", exc, file=sys.stderr)
        return True
    return False
def wrong(why):
    print("WRONG:", why, file=sys.stderr)
    sys.exit(1)
"""


def py(body: str) -> str:
    """A Python scenario: the prelude, then ``body``."""
    return PRELUDE + textwrap.dedent(body)


def nothing_beside(folder: Path, allowed: set[str]) -> Callable[[Result], str | None]:
    """A check: ``folder`` holds only ``allowed`` names afterwards (no temporaries)."""

    def check(_: Result) -> str | None:
        extra = sorted(set(os.listdir(folder)) - allowed)
        return f"left beside OUT: {extra}" if extra else None

    return check


def hostile_crawl(folder: Path) -> Path:
    """A crawl with a link to /etc/passwd, a FIFO, a name that is not UTF-8 and a link loop."""
    write_crawl(folder, 2)
    (folder / "leak.txt").symlink_to("/etc/passwd")
    os.mkfifo(folder / "fifo.txt")
    with open(os.path.join(os.fsencode(folder), b"bad-\xff.txt"), "wb") as handle:
        handle.write(ARTICLE.format(i=9).encode())
    (folder / "x.txt").symlink_to(folder / "y.txt")
    (folder / "y.txt").symlink_to(folder / "x.txt")
    return folder


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


def point_8(root: Path) -> list[Scenario]:
    """Caches: a renamed folder under relative ids is new rows, never the old ones."""
    crawl = write_crawl(root / "crawl" / "2023").parent
    code = py(f"""
        options = seedcorpus.ParseOptions(id_rule="relative", id_root={str(crawl)!r})
        first = seedcorpus.load_dataset({str(crawl)!r}, options=options, cache_dir="c")["id"]
        os.rename({str(crawl / "2023")!r}, {str(crawl / "2024")!r})
        again = seedcorpus.load_dataset({str(crawl)!r}, options=options, cache_dir="c")["id"]
        if again != [i.replace("2023", "2024") for i in first]:
            wrong(f"stale ids after a rename: {{again}}")
    """)
    return [Scenario("8", "Python load_dataset, relative ids", codes=(0,), code=code)]


def point_10_11(root: Path) -> list[Scenario]:
    """Exports follow the umask (a replaced OUT keeps its mode); two exports never both win."""
    crawl = write_crawl(root / "crawl")
    modes = py(f"""
        import stat
        os.umask(0o022)
        from seedcorpus.cli.main import main
        for out in ("o.jsonl", "o.parquet", "hub"):
            assert main(["export", out, {str(crawl)!r}]) == 0
        for path in ["o.jsonl", "o.parquet", "hub", "hub/README.md", "hub/data"]:
            mode = stat.S_IMODE(os.stat(path).st_mode)
            if mode not in (0o644, 0o755):
                wrong(f"{{path}} is {{oct(mode)}} under umask 022")
        os.chmod("hub", 0o750)
        assert main(["export", "hub", {str(crawl)!r}, "--overwrite"]) == 0
        if stat.S_IMODE(os.stat("hub").st_mode) != 0o750:
            wrong("a replaced OUT lost its mode")
    """)
    race = py(f"""
        command = [sys.executable, "-m", "seedcorpus", "export", "race", {str(crawl)!r}]
        runs = [subprocess.Popen(command, stderr=subprocess.PIPE) for _ in range(2)]
        codes = sorted(run.wait(timeout=120) for run in runs)
        if codes != [0, 2]:
            wrong(f"two exports to one new OUT ended {{codes}}")
        if len(os.listdir("race/data")) != 1:
            wrong("the winning export is not whole")
    """)
    return [
        Scenario("10", "CLI export jsonl, parquet, hf under umask 022", codes=(0,), code=modes),
        Scenario("11", "two CLI exports to one new OUT", codes=(0,), code=race),
    ]


def point_12(root: Path) -> list[Scenario]:
    """Environment problems are one line and exit 2, never a traceback."""
    crawl = write_crawl(root / "crawl", 8)
    vanish = py(f"""
        os.environ["HF_DATASETS_CACHE"] = "c2"
        import seedcorpus.crawl.corpus as corpus
        real = corpus.read_article_bytes
        def vanishing(path, *args):
            if path.endswith("a005.txt") and os.path.exists(path):
                os.unlink(path)
            return real(path, *args)
        corpus.read_article_bytes = vanishing
        from seedcorpus.cli.main import main
        sys.exit(main(["export", "o.parquet", {str(crawl)!r}, "--num-proc", "2"]))
    """)
    full_cache = py(f"""
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        os.environ["HF_DATASETS_CACHE"] = "c3"
        from seedcorpus.cli.main import main
        sys.exit(main(["export", "o2.parquet", {str(root / "crawl")!r}]))
    """)
    no_extra = py(f"""
        sys.modules["datasketch"] = None
        from seedcorpus.cli.main import main
        sys.exit(main(["dedup", {str(root / "crawl")!r}]))
    """)
    return [
        Scenario("12", "reversed glob range", ["list", f"{crawl}/[z-a].txt"], expect="glob"),
        Scenario("12", "s3:// without s3fs", ["list", "s3://bucket/crawl"], expect="pip install"),
        Scenario(
            "12",
            "date cut-off out of range",
            [
                "export",
                "o",
                str(crawl),
                "--split-by",
                "date",
                "--date-cutoffs",
                "0001-01-01T00:00+05:00,2020-01-01",
            ],
        ),
        Scenario("12", "full cache disk", code=full_cache, expect="dataset cache"),
        Scenario("12", "file deleted during a --num-proc 2 build", code=vanish, expect="a005.txt"),
        Scenario(
            "12", "dedup without the extra", code=no_extra, expect="pip install 'seedcorpus[dedup]'"
        ),
        Scenario(
            "12",
            "stdout on a full disk",
            code=py(f"""
            with open("/dev/full", "w") as full:
                done = subprocess.run([sys.executable, "-m", "seedcorpus", "export", "-",
                                       {str(crawl)!r}], stdout=full, stderr=subprocess.PIPE,
                                      text=True, timeout=120)
            sys.stderr.write(done.stderr)
            sys.exit(done.returncode)
        """),
            expect="standard output: cannot write it",
        ),
    ]


HOSTILE = "x\u202etxt\x1b[2J"


def point_13(root: Path) -> list[Scenario]:
    """Terminal escapes and bidi overrides from file names never reach the terminal raw."""
    for folder in ("one", "two"):
        (root / folder).mkdir()
        (root / folder / f"{HOSTILE}.txt").write_text(ARTICLE.format(i=0), "utf-8")

    def escaped(result: Result) -> str | None:
        text = result.out + result.err
        return "a raw escape reached the terminal" if "\x1b" in text or "\u202e" in text else None

    one = str(root / "one")
    runs = [
        (["list", str(root)], (2,)),
        (["list", one, "--max-bytes", "3"], (2,)),
        (["list", one], (0,)),
        (["dedup", one], (0,)),
        (["export", "-", one], (0,)),
    ]
    return [
        Scenario("13", " ".join(argv[:1] + argv[2:]) or argv[0], argv, codes=codes, check=escaped)
        for argv, codes in runs
    ]


def point_14(root: Path) -> list[Scenario]:
    """parse_arrow checks its input up front: one clear error naming the row, never a crash."""
    code = py(f"""
        import pyarrow as pa
        from seedcorpus.hf.arrow import parse_arrow
        root = seedcorpus.ParseOptions(id_rule="relative", id_root={str(root)!r})
        bad = [
            ({{"id": [""], "text": ["x"]}}, None),
            ({{"id": [None], "text": ["x"]}}, None),
            ({{"path": ["{root}/crawl/"], "text": ["x"]}}, None),
            ({{"id": ["a"], "text": pa.array([5])}}, None),
            ({{"id": ["a"], "text": ["x" * 200]}}, seedcorpus.ParseOptions(max_bytes=100)),
            ({{"path": ["crawl/a.txt"], "text": ["x"]}}, root),
        ]
        for columns, options in bad:
            if not refused(lambda: parse_arrow(pa.table(columns), options)):
                wrong(f"accepted {{columns}}")
    """)
    return [Scenario("14", "parse_arrow bad rows", codes=(0,), code=code)]


def point_15(root: Path) -> list[Scenario]:
    """The smaller ones: numbers, trailing paths, temporaries, globs, NUL bytes, extensions."""
    crawl = write_crawl(root / "crawl")
    (crawl / "sub").mkdir()
    (crawl / "sub" / "deep.txt").write_text(ARTICLE.format(i=7), "utf-8")
    (root / ".o.jsonl.seedcorpus-tmp-999-dead").write_text("killed", "utf-8")
    nul = root / "nul.txt"
    nul.write_text(f"{crawl}/a000.txt\n{crawl}/a0\x0001.txt\n", "utf-8")
    blocker = root / "blocker"
    blocker.write_text("x", "utf-8")
    out = root / "current"
    out.mkdir()
    return [
        Scenario(
            "15",
            "--fractions nan",
            ["export", "o", "--split-by", "id", "--fractions", "nan,0.5,0.5"],
        ),
        Scenario(
            "15", "--fractions without --split-by", ["export", "o", "--fractions", "0.5,0.25,0.25"]
        ),
        Scenario("15", "stats --top -3", ["stats", "--top", "-3"]),
        Scenario(
            "15",
            "--num-proc 300",
            ["list", str(crawl), "--num-proc", "300"],
            codes=(0,),
            expect="cores",
        ),
        Scenario(
            "15",
            "export O --format hf C",
            ["export", "hub", "--format", "hf", str(crawl)],
            codes=(0,),
        ),
        Scenario(
            "15",
            "a killed export's temporary",
            ["export", "o.jsonl", str(crawl)],
            codes=(0,),
            check=lambda _: (
                "temporary kept" if any(".seedcorpus-tmp-" in n for n in os.listdir(root)) else None
            ),
        ),
        Scenario(
            "15",
            "export . --overwrite",
            code=py(f"""
            os.chdir({str(out)!r})
            from seedcorpus.cli.main import main
            sys.exit(main(["export", ".", {str(crawl)!r}, "--overwrite"]))
        """),
            check=lambda _: (
                "left beside" if any(".seedcorpus-old-" in n for n in os.listdir(root)) else None
            ),
        ),
        Scenario(
            "15",
            "a one-level glob",
            ["list", f"{crawl}/*.txt"],
            codes=(0,),
            check=lambda r: "walked a sub-folder" if "deep" in r.out else None,
        ),
        Scenario("15", "a NUL byte in a paths-file entry", ["list", f"@{nul}"], expect=f"{nul}:2:"),
        Scenario(
            "15", "an OUT under a file", ["export", str(blocker / "o"), str(crawl)], expect="cannot"
        ),
        Scenario("15", "OUT x.csv", ["export", "x.csv", str(crawl)], expect=".jsonl (jsonl)"),
        Scenario("15", "OUT x.json", ["export", "x.json", str(crawl)], expect=".jsonl (jsonl)"),
    ]


ALL = [
    point_1,
    point_2,
    point_3,
    point_4,
    point_5,
    point_6,
    point_7,
    point_8,
    point_10_11,
    point_12,
    point_13,
    point_14,
    point_15,
]
