"""The scenarios of ``attack_outputs.py`` for points 8 to 15 of issue 20's "Why" list.

Built as in ``attack_scenarios.py`` (points 1 to 7), which gathers both into ``ALL``.
"""

from __future__ import annotations

import os
from pathlib import Path

from attack_outputs import ARTICLE, Result, Scenario, py, write_crawl


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


MORE = [point_8, point_10_11, point_12, point_13, point_14, point_15]
