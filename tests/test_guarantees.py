"""The last gaps of issue 20, each closed in the one shared place and proved here.

Two datatrove runs never publish a mix; OUT keeps its mode; a failed write names its target;
split flags that would be ignored are refused; ``parse_arrow``'s rule for relative paths;
``load_dataset`` refuses empty splits as ``export`` does and surfaces a worker's cause.
docs/reliability.md names each test with its guarantee.
"""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

import datasets
import pyarrow as pa
import pytest

import seedcorpus
from conftest import ARTICLES
from seedcorpus.cli.main import main
from seedcorpus.hf.arrow import parse_arrow
from test_outputs import ARTICLE, crawl, pipeline, tree

LATE = (datetime(2030, 1, 1, tzinfo=timezone.utc), datetime(2031, 1, 1, tzinfo=timezone.utc))


def cli(
    *args: str,
    cwd: Path | None = None,
    file_limit: int | None = None,
    stdout: IO[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh process, optionally under `ulimit -f` (bytes)."""

    def limit() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run(
        [sys.executable, "-m", "seedcorpus", *args],
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        timeout=300,
        preexec_fn=limit,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single error line of a run that failed with exit 2, with no traceback."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("seedcorpus: error")]
    assert len(lines) == 1, result.stderr
    return lines[0]


# 1. Two datatrove runs into one OUT never publish a mix; a resumed run still publishes.


def test_two_datatrove_runs_never_publish_a_mix_and_a_resume_still_publishes(
    tmp_path: Path,
) -> None:
    pytest.importorskip("datatrove")
    first, second = crawl(tmp_path / "first", 20), crawl(tmp_path / "second", 6)
    out, logs_a, logs_b = tmp_path / "out", tmp_path / "logs-a", tmp_path / "logs-b"
    with pytest.raises(RuntimeError, match="task failed"):
        pipeline(first, out, logs_a, tasks=2, fail_rank=1)  # run A: task 0 staged, task 1 failed
    staged = tree(out)
    # Run B into the same OUT: its task 0 would complete A's set of markers. Refused, naming A.
    with pytest.raises(seedcorpus.CorpusError, match="another datatrove run") as refused:
        pipeline(second, out, logs_b, tasks=2)
    assert str(logs_a) in str(refused.value)
    assert ".seedcorpus-staging" in str(refused.value)
    assert tree(out) == staged  # nothing of B staged, nothing published
    assert not (out / "README.md").exists()
    pipeline(first, out, logs_a, tasks=2)  # A resumed (same logging_dir): only task 1 runs
    loaded = datasets.load_dataset(str(out), split="train")
    assert sorted(loaded["id"]) == [f"a{i:03d}" for i in range(20)]
    assert not (out / ".seedcorpus-staging").exists()
    pipeline(second, out, tmp_path / "logs-c", tasks=2)  # after A published, a new run may
    assert len(datasets.load_dataset(str(out), split="train")) == 6


def test_tasks_of_one_run_running_at_once_share_its_claim(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor

    from seedcorpus.integrations.datatrove import ArticleReader, ArticleWriter, ParseArticles

    corpus, out = crawl(tmp_path / "crawl", 24), tmp_path / "out"
    steps = [ArticleReader(str(corpus)), ParseArticles(), ArticleWriter(str(out))]
    LocalPipelineExecutor(
        pipeline=steps, tasks=6, workers=3, logging_dir=str(tmp_path / "logs")
    ).run()
    assert len(datasets.load_dataset(str(out), split="train")) == 24


def test_a_runs_claim_is_never_seen_half_written(tmp_path: Path) -> None:
    """Eight sibling tasks claim at once, 40 times: none may find an empty run.json."""
    pytest.importorskip("datatrove")
    import threading

    from datatrove.io import get_datafolder

    from seedcorpus.integrations import publishing

    run = publishing.Run.named("logs/one-run")
    refused: list[Exception] = []
    for attempt in range(40):
        folder = get_datafolder(str(tmp_path / f"out{attempt}"))
        start = threading.Barrier(8)

        def task(folder: object = folder, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                publishing.start_task(folder, run, 8, "out")
            except seedcorpus.CorpusError as exc:
                refused.append(exc)

        threads = [threading.Thread(target=task) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert refused == []


def test_a_done_marker_of_another_run_is_never_published(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.io import get_datafolder

    from seedcorpus.hf.about import identity
    from seedcorpus.integrations import publishing

    folder = get_datafolder(str(tmp_path / "out"))
    mine, other = publishing.Run.named("logs/mine"), publishing.Run.named("logs/other")
    publishing.start_task(folder, mine, 2, str(tmp_path / "out"))
    with pytest.raises(seedcorpus.CorpusError, match="logs/mine"):  # the claim holds
        publishing.start_task(folder, other, 2, str(tmp_path / "out"))
    stage = tmp_path / "out" / publishing.stage_folder(2)
    stage.mkdir(parents=True)
    (stage / "done-00001.json").write_text('{"rows": 0, "shard": null, "run": "x"}', "utf-8")
    with pytest.raises(seedcorpus.CorpusError, match="tasks 1 belong to another run"):
        publishing.finish_task(
            folder, run_id="r", run=mine, rank=0, world_size=2, rows=0, who=identity(False)
        )
    assert not (tmp_path / "out" / "README.md").exists()


# 3. An existing OUT keeps its mode.


def test_an_existing_out_keeps_its_mode_on_every_surface(tmp_path: Path) -> None:
    for index, (name, mode) in enumerate([("hf", 0o750), ("o.jsonl", 0o640), ("o.parquet", 0o604)]):
        python_out, cli_out = tmp_path / f"py{index}" / name, tmp_path / f"cli{index}" / name
        for out in (python_out, cli_out):
            out.parent.mkdir()
            if name == "hf":
                out.mkdir()  # an empty folder the user made
            else:
                seedcorpus.export(out, ARTICLES)  # an earlier export
            out.chmod(mode)
        seedcorpus.export(python_out, ARTICLES, overwrite=True)
        assert cli("export", str(cli_out), str(ARTICLES), "--overwrite").returncode == 0
        for out in (python_out, cli_out):
            assert stat.S_IMODE(out.stat().st_mode) == mode, out


def test_the_datatrove_writer_keeps_the_mode_and_refuses_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("datatrove")
    from seedcorpus.integrations.datatrove import ArticleWriter

    corpus, out = crawl(tmp_path / "crawl", 4), tmp_path / "out"
    out.mkdir()
    out.chmod(0o750)
    pipeline(corpus, out, tmp_path / "logs", tasks=2)
    assert stat.S_IMODE(out.stat().st_mode) == 0o750
    assert len(datasets.load_dataset(str(out), split="train")) == 4
    monkeypatch.chdir(out / "data")
    with pytest.raises(seedcorpus.CorpusError, match="is the folder you are in"):
        ArticleWriter(str(out))


# 4. A failed write is one line naming its target, exit 2, no traceback.


def test_a_failed_write_names_its_target_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))  # for the processes
    warm = cli("export", str(tmp_path / "warm.parquet"), str(ARTICLES))  # the cache, unlimited
    assert warm.returncode == 0, warm.stderr
    for name, reason in (("o.jsonl", "File too large"), ("o.parquet", "File too large")):
        line = one_line(cli("export", str(tmp_path / name), str(ARTICLES), file_limit=4096))
        assert f"{tmp_path / name}: cannot write it ({reason})" in line
    line = one_line(cli("export", str(tmp_path / "hub"), str(ARTICLES), file_limit=4096))
    assert f"{tmp_path / 'hub'}: cannot write it (File too large)" in line
    report, lexicon = tmp_path / "r.html", tmp_path / "lexicon.json"
    line = one_line(cli("report", str(ARTICLES), "-o", str(report), file_limit=4096))
    assert f"{report}: cannot write it (File too large)" in line
    line = one_line(cli("lexicon", str(ARTICLES), "-o", str(lexicon), file_limit=1))
    assert f"{lexicon}: cannot write it (File too large)" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "warm.parquet"]
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        for args in (["export", "-", str(ARTICLES)], ["list", str(ARTICLES)]):
            line = one_line(cli(*args, stdout=full))
            assert "standard output: cannot write it (No space left on device)" in line


# 5. Split flags that would be ignored are refused.


def test_split_flags_that_would_be_ignored_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ["export", str(tmp_path / "o"), str(ARTICLES), "--fractions", "0.5,0.25,0.25"],
        ["export", str(tmp_path / "o"), "--split-by", "date", "--fractions", "0.5,0.25,0.25"],
        ["export", str(tmp_path / "o"), "--date-cutoffs", "2020-01-01,2021-01-01"],
    ):
        with pytest.raises(SystemExit) as exited:
            main(args)
        assert exited.value.code == 2
        err = capsys.readouterr().err
        assert "usage: seedcorpus export" in err  # the command's usage, not the top level's
        assert "only" in err
        assert "would be ignored" in err
    out = tmp_path / "o"
    with pytest.raises(ValueError, match=r"fractions .* apply to split_by='id'"):
        seedcorpus.export(out, ARTICLES, fractions=(0.5, 0.25, 0.25))
    with pytest.raises(ValueError, match=r"fractions .* apply to split_by='id'"):
        seedcorpus.load_dataset(ARTICLES, fractions=(0.5, 0.25, 0.25))
    with pytest.raises(ValueError, match=r"date_cutoffs .* apply to split_by='date'"):
        seedcorpus.export(out, ARTICLES, split_by="id", date_cutoffs=LATE)
    with pytest.raises(ValueError, match=r"date_cutoffs .* apply to split_by='date'"):
        seedcorpus.load_dataset(ARTICLES, split_by="id", date_cutoffs=LATE)
    assert list(tmp_path.iterdir()) == []


# 6. parse_arrow: a relative path under id_root is refused (workers share no working folder).


def test_parse_arrow_refuses_a_relative_path_when_id_root_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = crawl(tmp_path / "crawl" / "2023", 1).parent
    monkeypatch.chdir(tmp_path)
    options = seedcorpus.ParseOptions(id_rule="relative", id_root=str(root))
    for path in ("crawl/2023/a000.txt", "2023/a000.txt", "./a000.txt"):
        table = pa.table({"path": [path], "text": [ARTICLE]})
        with pytest.raises(ValueError, match=r"row 0 .*a relative path.*absolute"):
            parse_arrow(table, options)
    absolute = str(root / "2023" / "a000.txt")
    for path in (absolute, "file://" + absolute, "file:" + absolute):
        ids = parse_arrow(pa.table({"path": [path], "text": [ARTICLE]}), options)["id"]
        assert ids.to_pylist() == ["2023/a000"]
    folder_ids = seedcorpus.load_dataset(root, options=options, cache_dir=str(tmp_path / "c"))
    assert folder_ids["id"] == ["2023/a000"]


# 7. load_dataset refuses an empty split, as export does (one shared check).


def test_load_dataset_refuses_an_empty_split_as_export_does(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    for call in (
        lambda: seedcorpus.load_dataset(
            ARTICLES, split_by="date", date_cutoffs=LATE, cache_dir=cache
        ),
        lambda: seedcorpus.load_dataset(
            ARTICLES, split=None, split_by="id", fractions=(1.0, 0.0, 0.0), cache_dir=cache
        ),
        lambda: seedcorpus.export(tmp_path / "o", ARTICLES, split_by="date", date_cutoffs=LATE),
    ):
        with pytest.raises(seedcorpus.CorpusError, match=r"split.* would be empty \(train 3"):
            call()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]
    kept = seedcorpus.load_dataset(
        crawl(tmp_path / "crawl", 40), split_by="id", split=None, cache_dir=cache
    )
    assert sum(len(part) for part in kept.values()) == 40  # non-empty splits still load


# 8. load_dataset(num_proc=2): a worker's failure surfaces as its cause.


def test_load_dataset_with_two_processes_raises_the_workers_cause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = crawl(tmp_path / "crawl", 8)
    corpus_module = sys.modules["seedcorpus.crawl.corpus"]
    real = corpus_module.read_article_bytes

    def vanishing(path: str, *args: object) -> object:
        if path.endswith("a005.txt") and os.path.exists(path):
            os.unlink(path)  # deleted during the build, in a worker
        return real(path, *args)

    monkeypatch.setattr(corpus_module, "read_article_bytes", vanishing)
    with pytest.raises(seedcorpus.CorpusError, match=r"a005\.txt") as raised:
        seedcorpus.load_dataset(folder, num_proc=2, cache_dir=str(tmp_path / "cache"))
    assert not isinstance(raised.value, datasets.exceptions.DatasetGenerationError)


def test_a_run_resumed_under_another_spelling_of_its_logs_still_publishes(
    tmp_path: Path,
) -> None:
    pytest.importorskip("datatrove")
    first = crawl(tmp_path / "first", 8)
    out, logs = tmp_path / "out", tmp_path / "logs"
    with pytest.raises(RuntimeError, match="task failed"):
        pipeline(first, out, logs, tasks=2, fail_rank=1)
    (tmp_path / "elsewhere").mkdir()
    again = tmp_path / "elsewhere" / ".." / "logs"  # the same folder, spelt another way
    pipeline(first, out, again, tasks=2)
    assert len(datasets.load_dataset(str(out), split="train")) == 8
