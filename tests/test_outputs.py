"""The output guard, proved on every surface: Python ``export``, the CLI, the datatrove writer.

Each test tries one way to lose data or publish a wrong dataset and checks the files byte for
byte afterwards. docs/reliability.md lists every guarantee with the test that proves it here.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import datasets
import pytest

import seedcorpus
from conftest import ARTICLES
from seedcorpus.cli.main import main
from seedcorpus.hf import output
from seedcorpus.hf.export import SkippedEntriesError, SkippedEntriesWarning

ARTICLE = "عنوان الخبر\nتاريخ النشر: 24/09/2023\nنص الخبر.\n"


def crawl(folder: Path, count: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"a{i:03d}.txt").write_text(ARTICLE.replace("الخبر", f"الخبر {i}"), "utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (hidden ones too) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "seedcorpus", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_clean_line(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """The single `seedcorpus: error:` line of a failed run (no traceback)."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("seedcorpus: error")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


# Where OUT may be: never the input, never a folder holding it.


@pytest.mark.parametrize("form", ["folder", "glob", "paths", "file"])
def test_export_never_writes_over_a_folder_holding_its_input(tmp_path: Path, form: str) -> None:
    parent = tmp_path / "P"
    corpus = crawl(parent / "crawl")
    (parent / "thesis.tex").write_text("years of work", "utf-8")
    (tmp_path / "list").write_text(f"{corpus / 'a000.txt'}\n", "utf-8")
    source = {
        "folder": str(corpus),
        "glob": str(corpus / "*.txt"),
        "paths": f"@{tmp_path / 'list'}",
        "file": str(corpus / "a000.txt"),
    }[form]
    before = tree(tmp_path)
    with pytest.raises(seedcorpus.CorpusError, match="OUT holds the input"):
        seedcorpus.export(parent, source, output_format="hf", overwrite=True)
    with pytest.raises(seedcorpus.CorpusError, match="OUT holds the input"):
        seedcorpus.export(tmp_path, source, output_format="hf", overwrite=True)
    assert tree(tmp_path) == before


def test_cli_export_over_the_parent_of_its_input_exits_2_and_keeps_it(tmp_path: Path) -> None:
    parent = tmp_path / "P"
    crawl(parent / "crawl")
    (parent / "thesis.tex").write_text("years of work", "utf-8")
    before = tree(tmp_path)
    for source in (str(parent / "crawl"), str(parent / "crawl" / "*.txt")):
        line = one_clean_line(cli("export", str(parent), source, "--overwrite"))
        assert "OUT holds the input" in line
    (tmp_path / "list").write_text("P/crawl/a001.txt\n", "utf-8")
    line = one_clean_line(cli("export", "P", "@list", "--overwrite", cwd=tmp_path))
    assert "OUT holds the input" in line
    before["list"] = b"P/crawl/a001.txt\n"
    assert tree(tmp_path) == before


def test_the_datatrove_writer_refuses_a_folder_holding_the_crawl(tmp_path: Path) -> None:
    writer_module = pytest.importorskip("seedcorpus.integrations.datatrove")
    crawl(tmp_path / "crawl")
    before = tree(tmp_path)
    with pytest.raises(seedcorpus.CorpusError, match=r"no export wrote \(crawl/a000.txt"):
        writer_module.ArticleWriter(str(tmp_path))
    assert tree(tmp_path) == before


# What --overwrite may replace: an earlier export's own files, never others.


def test_overwrite_replaces_an_earlier_export_and_refuses_foreign_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert seedcorpus.export(out, ARTICLES, output_format="hf") == 3
    with pytest.raises(seedcorpus.CorpusError, match="already holds an export"):
        seedcorpus.export(out, ARTICLES, output_format="hf")
    assert seedcorpus.export(out, ARTICLES, output_format="hf", overwrite=True) == 3
    (out / "notes.md").write_text("mine", "utf-8")
    (out / "data" / "extra.parquet").write_bytes(b"mine too")
    before = tree(out)
    with pytest.raises(seedcorpus.CorpusError, match=r"\(data/extra.parquet, notes.md\)"):
        seedcorpus.export(out, ARTICLES, output_format="hf", overwrite=True)
    assert tree(out) == before
    single = tmp_path / "x.jsonl"
    assert seedcorpus.export(single, ARTICLES) == 3
    assert seedcorpus.export(single, ARTICLES, overwrite=True) == 3
    single.write_text("my own log\n", "utf-8")
    with pytest.raises(seedcorpus.CorpusError, match="holds data that no export wrote"):
        seedcorpus.export(single, ARTICLES, overwrite=True)
    assert single.read_text("utf-8") == "my own log\n"


def test_cli_overwrite_names_the_foreign_files_and_keeps_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("my notes", "utf-8")
    (out / "croissant.json").write_text("{}", "utf-8")
    before = tree(out)
    line = one_clean_line(cli("export", str(out), str(ARTICLES), "--overwrite"))
    assert "holds files that no export wrote (README.md, croissant.json)" in line
    assert tree(out) == before


def test_the_datatrove_writer_never_overwrites_a_users_card(tmp_path: Path) -> None:
    writer_module = pytest.importorskip("seedcorpus.integrations.datatrove")
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("my notes", "utf-8")
    (out / "croissant.json").write_text("{}", "utf-8")
    before = tree(out)
    with pytest.raises(seedcorpus.CorpusError, match=r"\(README.md, croissant.json\)"):
        writer_module.ArticleWriter(str(out))
    assert tree(out) == before


# Files and folders follow the umask.


def modes(folder: Path) -> set[tuple[str, int]]:
    kinds = {True: "dir", False: "file"}
    return {
        (kinds[p.is_dir()], stat.S_IMODE(p.stat().st_mode)) for p in [folder, *folder.rglob("*")]
    }


def test_exports_follow_the_umask(tmp_path: Path, umask_022: None) -> None:
    seedcorpus.export(tmp_path / "hub", ARTICLES, output_format="hf")
    assert modes(tmp_path / "hub") == {("dir", 0o755), ("file", 0o644)}
    for name in ("a.parquet", "a.jsonl"):
        seedcorpus.export(tmp_path / name, ARTICLES)
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644


def test_cli_exports_follow_the_umask(tmp_path: Path) -> None:
    result = subprocess.run(
        f"umask 027 && {sys.executable} -m seedcorpus export {tmp_path / 'hub'} {ARTICLES}",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert modes(tmp_path / "hub") == {("dir", 0o750), ("file", 0o640)}


def test_the_datatrove_output_follows_the_umask(tmp_path: Path, umask_022: None) -> None:
    pytest.importorskip("datatrove")
    out = tmp_path / "out"
    pipeline(crawl(tmp_path / "crawl", 4), out, tmp_path / "logs", tasks=2)
    assert modes(out) == {("dir", 0o755), ("file", 0o644)}


# One export at a time per OUT.


HOLDER = """
    import sys, time
    from seedcorpus.hf import output
    with output.claimed(sys.argv[1]):
        print("held", flush=True)
        sys.stdin.read()
"""


def test_an_export_refuses_an_out_another_export_holds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLDER), str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "held\n"
    try:
        with pytest.raises(output.OutputBusy, match="another export to it is running"):
            seedcorpus.export(out, ARTICLES, output_format="hf")
        line = one_clean_line(cli("export", str(out), str(ARTICLES)))
        assert "another export to it is running" in line
    finally:
        holder.communicate("", timeout=60)
    assert not out.exists()
    assert seedcorpus.export(out, ARTICLES, output_format="hf") == 3  # the lock was released


def test_two_cli_exports_to_one_new_out_never_both_win(tmp_path: Path) -> None:
    corpus = crawl(tmp_path / "crawl", 40)
    out = tmp_path / "out"
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "seedcorpus", "export", str(out), str(corpus)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [r.communicate(timeout=300) for r in runs]
    assert sorted(r.returncode for r in runs) == [0, 2], outputs
    loser = next(err for r, (_, err) in zip(runs, outputs, strict=True) if r.returncode == 2)
    assert "another export to it is running" in loser or "already holds an export" in loser
    assert len(datasets.load_dataset(str(out), split="train")) == 40


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    ).stdout.strip()
    lock = tmp_path / ".out.jsonl.seedcorpus-lock"
    lock.write_text(f"{dead} {os.uname().nodename}\n", "utf-8")
    assert seedcorpus.export(tmp_path / "out.jsonl", ARTICLES) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


# Temporaries are removed; an export is complete or absent.


KILLED = """
    import os, signal, sys, seedcorpus
    from seedcorpus.hf import export
    real = export._to_parquet
    calls = []
    def dying(*args):
        calls.append(1)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        real(*args)
    export._to_parquet = dying
    seedcorpus.export(sys.argv[1], sys.argv[2], output_format="hf", shards=3, overwrite=True)
"""


def test_a_killed_exports_temporaries_are_removed_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    seedcorpus.export(out, ARTICLES, output_format="hf")
    before = tree(out)
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED), str(out), str(ARTICLES)],
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -9
    assert tree(out) == before
    assert any(".seedcorpus-" in p.name for p in tmp_path.iterdir())  # the kill left them
    assert seedcorpus.export(out, ARTICLES, output_format="hf", overwrite=True) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_swap_killed_between_its_renames_is_undone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    seedcorpus.export(out, ARTICLES, output_format="hf")
    before = tree(out)
    out.rename(tmp_path / ".out.seedcorpus-old-1234")  # the state a kill there leaves
    with pytest.raises(seedcorpus.CorpusError, match="already holds an export"):
        seedcorpus.export(out, ARTICLES, output_format="hf")
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_export_into_the_current_folder_is_refused_and_leaves_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`export . --overwrite` inside OUT would swap the shell's folder for a new one: refused."""
    out = tmp_path / "out"
    assert cli("export", "out", str(ARTICLES), cwd=tmp_path).returncode == 0
    before = tree(out)
    for where in (out, out / "data"):  # OUT itself, or a folder inside it
        line = one_clean_line(cli("export", str(out), str(ARTICLES), "--overwrite", cwd=where))
        assert "is the folder you are in" in line
        assert "cd .." in line
        assert tree(out) == before
    monkeypatch.chdir(out)
    with pytest.raises(seedcorpus.CorpusError, match="is the folder you are in"):
        seedcorpus.export(".", ARTICLES, overwrite=True)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    monkeypatch.chdir(tmp_path)  # from the parent, the same export replaces it
    assert cli("export", "out", str(ARTICLES), "--overwrite", cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# The datatrove writer: published whole by the last task, never partial, never stale.


def pipeline(folder: Path, out: Path, logs: Path, tasks: int, fail_rank: int | None = None) -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.base import PipelineStep

    from seedcorpus.integrations.datatrove import ArticleReader, ArticleWriter, ParseArticles

    class FailOn(PipelineStep):  # type: ignore[misc]
        name = "fail"

        def run(self, data: object, rank: int = 0, world_size: int = 1) -> object:
            for document in data:  # type: ignore[attr-defined]
                if rank == fail_rank:
                    raise RuntimeError("task failed")
                yield document

    LocalPipelineExecutor(
        pipeline=[ArticleReader(str(folder)), ParseArticles(), FailOn(), ArticleWriter(str(out))],
        tasks=tasks,
        workers=1,
        logging_dir=str(logs),
    ).run()


def test_one_failed_task_publishes_nothing_and_the_rerun_publishes_all(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    corpus, out = crawl(tmp_path / "crawl", 20), tmp_path / "out"
    with pytest.raises(Exception, match="failed"):
        pipeline(corpus, out, tmp_path / "logs", tasks=2, fail_rank=1)
    with pytest.raises(FileNotFoundError, match="any data files"):
        datasets.load_dataset(str(out), split="train")
    assert not (out / "README.md").exists()
    pipeline(corpus, out, tmp_path / "logs", tasks=2)  # resumes: only the failed task runs
    assert len(datasets.load_dataset(str(out), split="train")) == 20


def test_a_rerun_with_fewer_tasks_keeps_no_stale_shard(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    out = tmp_path / "out"
    pipeline(crawl(tmp_path / "big", 20), out, tmp_path / "logs1", tasks=4)
    assert len(list((out / "data").iterdir())) == 4
    pipeline(crawl(tmp_path / "small", 5), out, tmp_path / "logs2", tasks=1)
    assert len(list((out / "data").iterdir())) == 1
    assert len(datasets.load_dataset(str(out), split="train")) == 5
    croissant = json.loads((out / "croissant.json").read_text("utf-8"))
    assert croissant["description"].startswith("5 Arabic news articles")


# Refused before anything is written: empty splits, unknown formats, unusable OUTs.


def test_an_empty_split_is_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import datetime, timezone

    late = (datetime(2030, 1, 1, tzinfo=timezone.utc), datetime(2031, 1, 1, tzinfo=timezone.utc))
    with pytest.raises(seedcorpus.CorpusError, match="validation and test splits would be empty"):
        seedcorpus.export(tmp_path / "o", ARTICLES, split_by="date", date_cutoffs=late)
    code, _, err = run(
        capsys,
        "export",
        str(tmp_path / "o"),
        str(ARTICLES),
        "--split-by",
        "date",
        "--date-cutoffs",
        "2030-01-01,2031-01-01",
    )
    assert code == 2
    assert "would be empty" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["x.csv", "x.json", "x.txt"])
def test_an_unknown_extension_is_refused_with_the_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    with pytest.raises(ValueError, match=r"unknown extension.*\.jsonl.*\.parquet"):
        seedcorpus.export(tmp_path / "out" / name, ARTICLES)
    code, _, err = run(capsys, "export", str(tmp_path / "out" / name), str(ARTICLES))
    assert code == 2
    assert ".jsonl (jsonl), .parquet (parquet)" in err
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="the extension says parquet"):
        seedcorpus.export(tmp_path / "x.parquet", ARTICLES, output_format="jsonl")


def test_an_unusable_out_is_found_before_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def never(*_: object, **__: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(seedcorpus.crawl.corpus, "parse_bytes", never)
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    for out in (blocker / "out", blocker / "sub" / "out.jsonl"):
        with pytest.raises(seedcorpus.CorpusError, match="cannot"):
            seedcorpus.export(out, ARTICLES)
        code, _, err = run(capsys, "export", str(out), str(ARTICLES))
        assert code == 2
        assert "cannot" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


# Nothing silently lost: skipped input entries.


def skipping_crawl(folder: Path) -> Path:
    crawl(folder, 2)
    (folder / "x.txt").symlink_to(folder / "y.txt")
    (folder / "y.txt").symlink_to(folder / "x.txt")
    return folder


def test_python_export_warns_about_skipped_entries_or_refuses_them(tmp_path: Path) -> None:
    corpus = skipping_crawl(tmp_path / "crawl")
    with pytest.warns(SkippedEntriesWarning, match="2 input entries left out") as caught:
        assert seedcorpus.export(tmp_path / "a.jsonl", corpus) == 2
    warning = caught[0].message
    assert isinstance(warning, SkippedEntriesWarning)
    assert [reason for _, reason in warning.skipped] == ["symlink loop"] * 2
    with pytest.raises(SkippedEntriesError, match=r"x\.txt: symlink loop"):
        seedcorpus.export(tmp_path / "b.jsonl", corpus, skip_unreadable=False)
    assert not (tmp_path / "b.jsonl").exists()


def test_cli_export_names_skipped_entries_and_exits_2_unless_told(tmp_path: Path) -> None:
    corpus = skipping_crawl(tmp_path / "crawl")
    refused = cli("export", str(tmp_path / "a.jsonl"), str(corpus))
    assert "2 input entries could not be read" in one_clean_line(refused)
    assert "x.txt: skipped: symlink loop" in refused.stderr
    assert "y.txt: skipped: symlink loop" in refused.stderr
    assert not (tmp_path / "a.jsonl").exists()
    accepted = cli("export", str(tmp_path / "a.jsonl"), str(corpus), "--skip-unreadable")
    assert accepted.returncode == 0, accepted.stderr
    assert "wrote 2 articles" in accepted.stdout
    assert "2 input entries left out" in accepted.stdout
    assert "x.txt: skipped: symlink loop" in accepted.stderr
    listed = cli("list", str(corpus))
    assert listed.returncode == 2
    assert "2 input entries could not be read" in listed.stderr
    assert cli("list", str(corpus), "--skip-unreadable").returncode == 0


def test_python_export_refuses_nan_fractions_and_out_of_range_cutoffs(tmp_path: Path) -> None:
    from datetime import datetime, timedelta, timezone

    with pytest.raises(ValueError, match="fractions must be three"):
        seedcorpus.export(
            tmp_path / "o", ARTICLES, split_by="id", fractions=(float("nan"), 0.5, 0.5)
        )
    east = timezone(timedelta(hours=5))
    cutoffs = (datetime(1, 1, 1, tzinfo=east), datetime(2020, 1, 1, tzinfo=timezone.utc))
    with pytest.raises(ValueError, match="within the years 1 to 9999"):
        seedcorpus.export(tmp_path / "o", ARTICLES, split_by="date", date_cutoffs=cutoffs)
    assert list(tmp_path.iterdir()) == []


# The guard's own rules, one by one.


def test_the_guards_rules_for_names_manifests_and_locks(tmp_path: Path) -> None:
    assert output.local_path("file:///data/a.txt") == "/data/a.txt"
    assert output.local_path("s3://bucket/a.txt") is None
    assert output.local_path("plain/a.txt") == "plain/a.txt"
    for text in ("not json", '{"files": "a"}', '{"files": [1]}', "[]"):
        assert output.read_manifest(text) is None
    assert output.read_manifest(output.manifest_text(["b", "a"])) == {"a", "b"}
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "link").symlink_to(tmp_path)
    (out / output.STAGING_NAME).mkdir()
    (out / output.STAGING_NAME / "x.parquet").write_bytes(b"")
    assert output.folder_files(str(out)) == ["link"]  # a folder link is listed, not followed
    (tmp_path / "x.jsonl").write_text("", "utf-8")
    assert output.looks_like_an_export(str(tmp_path / "x.jsonl"), "jsonl")  # an empty export
    assert not output.looks_like_an_export(str(tmp_path / "none.jsonl"), "jsonl")
    with pytest.raises(seedcorpus.CorpusError, match="is a folder; the jsonl format"):
        output.check_destination(str(out), "jsonl", overwrite=True)
    lock = tmp_path / ".o.jsonl.seedcorpus-lock"
    lock.write_text("garbage", "utf-8")  # half-written by a killed run: taken over
    with output.claimed(str(tmp_path / "o.jsonl")):
        assert output.is_claimed(str(tmp_path / "o.jsonl"))
        with pytest.raises(output.OutputBusy, match="running in this process"):
            seedcorpus.export(tmp_path / "o.jsonl", ARTICLES)
    assert not lock.exists()
    lock.write_text("1 another-host\n", "utf-8")  # another machine's export: never taken over
    with pytest.raises(output.OutputBusy, match="process 1 on another-host"):
        seedcorpus.export(tmp_path / "o.jsonl", ARTICLES)
    assert lock.read_text("utf-8") == "1 another-host\n"


# Found by an outside attack after the guard landed.


def test_a_url_out_is_refused_not_written_to_a_local_folder_named_after_it(
    tmp_path: Path,
) -> None:
    source = crawl(tmp_path / "in")
    for out in ("s3://bucket/out", "memory://out.jsonl", f"file://{tmp_path}/o.jsonl"):
        with pytest.raises(seedcorpus.CorpusError, match="not to a URL"):
            seedcorpus.export(out, source)
    line = one_clean_line(cli("export", "s3://bucket/out", str(source), cwd=tmp_path))
    assert "not to a URL" in line
    assert not (tmp_path / "s3:").exists()


def test_overwrite_never_replaces_a_users_jsonl_that_merely_has_ids(tmp_path: Path) -> None:
    source = crawl(tmp_path / "in")
    labels = tmp_path / "labels.jsonl"
    labels.write_text('{"id": 17, "label": "sports"}\n', "utf-8")
    before = labels.read_bytes()
    with pytest.raises(seedcorpus.CorpusError, match="no export wrote"):
        seedcorpus.export(labels, source, overwrite=True)
    assert labels.read_bytes() == before
    ours = tmp_path / "ours.jsonl"
    assert seedcorpus.export(ours, source) == 3
    assert seedcorpus.export(ours, source, overwrite=True) == 3  # an export is replaced


def test_a_symlinked_out_is_refused_naming_where_it_points(tmp_path: Path) -> None:
    source = crawl(tmp_path / "in")
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(seedcorpus.CorpusError, match="symbolic link"):
        seedcorpus.export(link, source, overwrite=True)
    assert link.is_symlink()
    assert list(real.iterdir()) == []


def test_export_to_a_closed_stdout_is_one_line() -> None:
    program = "import sys; sys.stdout = None; from seedcorpus.cli.main import main; "
    program += f"sys.exit(main(['export', '-', {str(ARTICLES)!r}]))"
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "standard output is closed" in result.stderr


def test_report_names_skipped_entries_and_exits_2_unless_told(tmp_path: Path) -> None:
    pytest.importorskip("jinja2", reason="the report extra (jinja2) is part of the dev install")
    source = crawl(tmp_path / "in")
    (source / "passwd.txt").symlink_to("/etc/passwd")
    refused = cli("report", str(source), "-o", str(tmp_path / "r.html"))
    assert refused.returncode == 2
    assert "passwd.txt: skipped: symlink leads outside the crawl" in refused.stderr
    told = cli("report", str(source), "-o", str(tmp_path / "r2.html"), "--skip-unreadable")
    assert told.returncode == 0, told.stderr
