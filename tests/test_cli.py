"""The command line: every command, its output and exit codes."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import seedcorpus
from conftest import ARTICLES, SEED_ID, list_articles
from seedcorpus.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_id_date_title(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert f"{SEED_ID}\t2023-09-24\tلافروف يطير إلى كوريا الشمالية الشهر المقبل\n" in out


def test_show_readable_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", SEED_ID)
    assert code == 0
    assert "# لافروف" in out
    assert "تاس الروسية" in out
    code, out, _ = run(capsys, "show", SEED_ID, "--json")
    assert code == 0
    assert seedcorpus.Article.model_validate_json(out) == seedcorpus.Corpus()[SEED_ID]


def test_show_unknown_id_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "nope")
    assert code == 2
    assert "no article with id 'nope'" in err


def test_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate")[0] == 0
    assert run(capsys, "validate", "--strict", str(ARTICLES))[0] == 0
    bad = tmp_path / "bad.txt"
    bad.write_text("عنوان\nتاريخ النشر: 31st, February 2024 GMT\nنص.\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 0
    assert out.startswith(f"{bad}:2: impossible-date: ")
    assert run(capsys, "validate", "--strict", str(bad))[0] == 1
    assert run(capsys, "validate", str(tmp_path / "missing"))[0] == 2


def test_export_jsonl_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "export", str(out_file), str(ARTICLES), "--format", "jsonl")
    assert code == 0
    assert "wrote 3 articles" in out
    rows = out_file.read_text(encoding="utf-8").splitlines()
    assert [seedcorpus.Article.model_validate_json(r) for r in rows] == list_articles(ARTICLES)


def test_stats(capsys: pytest.CaptureFixture[str]) -> None:
    code, table, _ = run(capsys, "stats", str(ARTICLES))
    assert code == 0
    assert table.splitlines()[0].split() == ["articles", "3"]
    assert "top sources" in table
    code, out, _ = run(capsys, "stats", str(ARTICLES), "--json")
    summary = json.loads(out)
    assert code == 0
    assert summary["articles"] == 3
    assert summary["first_date"].startswith("2023-09-24")
    assert summary["last_date"].startswith("2024-07-11")
    assert summary["top_sources"] == {"صدى البلد": 1, "مصراوي": 1, "كونا": 1}


@pytest.mark.parametrize("command", ["list", "show", "validate", "export", "stats"])
def test_every_command_has_help(command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "seedcorpus", command, "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "usage: seedcorpus " + command in result.stdout


def test_usage_error_exits_2() -> None:
    result = subprocess.run([sys.executable, "-m", "seedcorpus", "frobnicate"], capture_output=True)
    assert result.returncode == 2


def test_show_takes_several_ids_and_a_trailing_path(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = ["h02_gold_prices", "h05_heat"]
    code, out, _ = run(capsys, "show", *ids, str(ARTICLES), "--json")
    assert code == 0
    assert [seedcorpus.Article.model_validate_json(line).id for line in out.splitlines()] == ids
    code, out, _ = run(capsys, "show", *ids, "--path", str(ARTICLES))
    assert code == 0
    assert out.count("\nid: ") == 2


def test_an_id_missing_from_the_bundled_corpus_says_to_pass_the_path(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "show", "h05_heat")
    assert code == 2
    assert "pass your crawl's PATH" in err


def test_show_prints_the_written_date_when_it_was_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("عنوان\nتاريخ النشر: منذ 3 ساعات\nنص.\n", encoding="utf-8")
    code, out, _ = run(capsys, "show", "a", str(tmp_path))
    assert code == 0
    assert "published: - (written 'منذ 3 ساعات'" in out
    assert "relative-date" in out


def test_control_characters_from_files_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "عنوان\x1b]0;pwned\x07\x1b[2J"
    (tmp_path / "a.txt").write_text(hostile + "\nتاريخ النشر: 24/09/2023\nنص.\n", "utf-8")
    (tmp_path / "new\nline.txt").write_text("عنوان\nتاريخ النشر: 24/09/2023\nنص.\n", "utf-8")
    for command in (["list", str(tmp_path)], ["show", "a", str(tmp_path)]):
        code, out, _ = run(capsys, *command)
        assert code == 0
        assert "\x1b" not in out
        assert "\x07" not in out
        assert "\\x1b]0;pwned\\x07" in out
    _, out, _ = run(capsys, "list", str(tmp_path))
    assert [len(row.split("\t")) for row in out.splitlines()] == [3, 3]
    assert "new\\nline\t" in out


def test_validate_counts_a_file_named_twice_once(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "validate", str(ARTICLES), str(ARTICLES / "h05_heat.txt"))
    assert err.strip().startswith("3 files,")


def test_validate_reports_unreadable_files_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "big.txt").write_text("عنوان\n" + "نص " * 400, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("عنوان\nتاريخ النشر: 31/02/2024\nنص.\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(tmp_path), "--max-bytes", "500")
    assert code == 2
    assert "impossible-date" in out  # the file after the over-limit one was still checked
    assert "big.txt" in err
    assert "--max-bytes" in err
    assert "1 files, 1 defects, 1 unreadable" in err


def test_num_proc_gives_the_same_output(capsys: pytest.CaptureFixture[str]) -> None:
    one = run(capsys, "list", str(ARTICLES))
    two = run(capsys, "list", str(ARTICLES), "--num-proc", "2")
    assert one == two


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    for i in range(300):
        (tmp_path / f"a{i:03d}.txt").write_text(f"عنوان {i}\nنص.\n", encoding="utf-8")
    listing = subprocess.Popen(
        [sys.executable, "-m", "seedcorpus", "list", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert listing.stdout is not None
    assert listing.stdout.readline().startswith(b"a000\t")
    listing.stdout.close()
    _, err = listing.communicate()
    assert listing.returncode == 0
    assert b"Traceback" not in err
    assert b"Broken pipe" not in err


def test_a_closed_stdout_ends_quietly() -> None:
    result = subprocess.run(
        f"{sys.executable} -m seedcorpus list >&-", shell=True, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "Traceback" not in result.stderr


def test_ctrl_c_prints_interrupted_and_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from seedcorpus.cli import main as cli

    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli._COMMANDS, "list", interrupted)
    code, _, err = run(capsys, "list")
    assert (code, err.strip()) == (130, "interrupted")


def test_a_full_disk_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export_module = importlib.import_module("seedcorpus.hf.export")

    def full(*_: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "_jsonl_to", full)
    code, _, err = run(capsys, "export", str(tmp_path / "o.jsonl"), str(ARTICLES))
    assert code == 2
    assert err.strip() == (
        f"seedcorpus: error: {tmp_path / 'o.jsonl'}: cannot write it (No space left on device); "
        "nothing was written, and an earlier export there is kept: free space, or choose "
        "another OUT"
    )
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone too


# Environment problems: one escaped line, exit 2, never a traceback.


def script(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in a fresh interpreter after `code` set the scene."""
    program = textwrap.dedent(code) + "\nimport sys\nfrom seedcorpus.cli.main import main\n"
    program += "sys.exit(main(sys.argv[1:]))\n"
    return subprocess.run(
        [sys.executable, "-c", program, *args], capture_output=True, text=True, timeout=300
    )


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_bad_globs_urls_and_dates_are_one_line(tmp_path: Path) -> None:
    line = error_line(script("", "list", str(tmp_path / "[z-a]*.txt")))
    assert "not a valid glob (bad character range z-a" in line
    blocked = "import sys; sys.modules['s3fs'] = None"
    assert "pip install s3fs" in error_line(script(blocked, "list", "s3://bucket/crawl"))
    cutoffs = "0001-01-01T00:00+05:00,2024-01-01"
    line = error_line(script("", "export", "o", "--split-by", "date", "--date-cutoffs", cutoffs))
    assert "outside the range of dates" in line


def test_a_missing_extra_names_its_pip_install_line() -> None:
    result = script("import sys; sys.modules['datasketch'] = None", "dedup", str(ARTICLES))
    assert "pip install 'seedcorpus[dedup]'" in error_line(result)


def test_a_full_disk_during_the_build_is_its_cause_in_one_line(tmp_path: Path) -> None:
    scene = f"""
        import os
        os.environ["HF_DATASETS_CACHE"] = {str(tmp_path / "cache")!r}
        import seedcorpus.crawl.corpus as corpus
        def full(*_, **__):
            raise OSError(28, "No space left on device")
        corpus.parse_bytes = full
    """
    result = script(scene, "export", str(tmp_path / "o.parquet"), str(ARTICLES))
    line = error_line(result)
    assert f"the dataset cache {tmp_path / 'cache'}" in line
    assert "cannot write it (No space left on device); free space there" in line
    assert not (tmp_path / "o.parquet").exists()


def test_a_file_deleted_during_a_two_process_build_names_the_file(tmp_path: Path) -> None:
    corpus = tmp_path / "crawl"
    corpus.mkdir()
    for i in range(8):
        (corpus / f"a{i}.txt").write_text(f"عنوان {i}\nتاريخ النشر: 24/09/2023\nنص.\n", "utf-8")
    scene = f"""
        import os
        os.environ["HF_DATASETS_CACHE"] = {str(tmp_path / "cache")!r}
        import seedcorpus.crawl.corpus as corpus
        real = corpus.read_article_bytes
        def vanishing(path, *args):
            if path.endswith("a5.txt") and os.path.exists(path):
                os.unlink(path)
            return real(path, *args)
        corpus.read_article_bytes = vanishing
    """
    out = str(tmp_path / "o.parquet")
    line = error_line(script(scene, "export", out, str(corpus), "--num-proc", "2"))
    assert "a5.txt" in line
    assert "An error occurred while generating" not in line


# Names from files are escaped in every message.


HOSTILE = "x\u202etxt.exe\x1b[2J"


def test_names_are_escaped_in_every_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{HOSTILE}.txt").write_text("عنوان\nنص.\n", "utf-8")
    outputs = [
        run(capsys, "list", str(tmp_path)),  # the duplicate-id error
        run(capsys, "list", str(tmp_path / "one"), "--max-bytes", "3"),  # over the limit
        run(capsys, "list", str(tmp_path / "one")),
        run(capsys, "dedup", str(tmp_path / "one")),
        run(capsys, "export", "-", str(tmp_path / "one")),
    ]
    story = "عنوان الخبر\n" + " ".join(f"كلمة{i}" for i in range(60)) + "\n"
    (tmp_path / "dup").mkdir()
    for copy in ("a", "b"):
        (tmp_path / "dup" / f"{HOSTILE}{copy}.txt").write_text(story, "utf-8")
    clusters = run(capsys, "dedup", str(tmp_path / "dup"), "--json")
    assert json.loads(clusters[1])["ids"] == [f"{HOSTILE}a", f"{HOSTILE}b"]
    outputs.append(clusters)
    for _, out, err in outputs:
        for raw in ("\u202e", "\x1b"):
            assert raw not in out
            assert raw not in err
    assert "two files have the id 'x\\u202etxt.exe\\x1b[2J'" in outputs[0][2]
    assert "x\\u202etxt.exe\\x1b[2J.txt: " in outputs[1][2]
    assert outputs[2][1].startswith("x\\u202etxt.exe\\x1b[2J\t")
    record = json.loads(outputs[4][1])
    assert record["id"] == HOSTILE  # escaped for the terminal, the same JSON value


# Smaller usage checks.


def test_bad_numbers_are_refused_and_processes_capped(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (
        ["export", "o", "--split-by", "id", "--fractions", "nan,0.5,0.5"],
        ["stats", "--top", "-3"],
        ["list", "--num-proc", "0"],
    ):
        with pytest.raises(SystemExit) as exited:
            main(args)
        assert exited.value.code == 2
    _, err = capsys.readouterr()
    assert "expected finite numbers" in err
    assert "expected a number of at least 0, not -3" in err
    code, _, err = run(capsys, "list", str(ARTICLES), "--num-proc", "300")
    assert code == 0
    assert f"--num-proc 300 is more than the {len(os.sched_getaffinity(0))} cores" in err


def test_a_path_after_the_flags_is_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "export", str(tmp_path / "o"), "--format", "hf", str(ARTICLES))
    assert code == 0, err
    assert "wrote 3 articles" in out
    code, out, _ = run(capsys, "show", "h05_heat", "--json", str(ARTICLES))
    assert code == 0
    assert json.loads(out)["id"] == "h05_heat"
    with pytest.raises(SystemExit):
        main(["list", str(ARTICLES), "extra"])
    assert "unrecognized arguments: extra" in capsys.readouterr().err


def test_which_errors_are_environment_problems() -> None:
    from seedcorpus.cli.errors import environment_problem

    missing = ImportError("No module named 'datasketch'", name="datasketch")
    assert environment_problem(missing) == (
        "No module named 'datasketch': this needs the dedup extra: pip install 'seedcorpus[dedup]'"
    )
    assert environment_problem(ImportError("Install gcsfs to access GCS")) == (
        "Install gcsfs to access GCS (pip install gcsfs)"
    )
    assert environment_problem(ImportError("No module named 'zstd'", name="zstd")) == (
        "No module named 'zstd' (pip install zstd)"
    )
    assert environment_problem(ImportError("broken")) == "broken"
    assert environment_problem(OverflowError("date value out of range")) == (
        "a date or number is out of range (date value out of range)"
    )

    class DatasetGenerationError(Exception):
        pass

    def wrapped(cause: BaseException) -> BaseException:
        try:
            try:
                raise cause
            except BaseException as inner:
                raise DatasetGenerationError("An error occurred") from inner
        except DatasetGenerationError as outer:
            return outer

    assert environment_problem(wrapped(OSError(28, "No space left on device"))) == (
        "building the dataset failed: [Errno 28] No space left on device"
    )
    assert environment_problem(wrapped(ImportError("x", name="datatrove"))) == (
        "x: this needs the datatrove extra: pip install 'seedcorpus[datatrove]'"
    )
    assert environment_problem(wrapped(KeyError("bug"))) is None  # a bug keeps its traceback
    assert environment_problem(KeyError("bug")) is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--num-proc", "two"], "expected a whole number, not 'two'"),
        (["stats", "--top", "many"], "expected a whole number, not 'many'"),
        (["export", "o", "--fractions", "a,b,c"], "expected three numbers"),
        (["export", "o", "--date-cutoffs", "soon,later"], "expected two ISO dates"),
        (["list", "--storage-options", "[1]"], "expected a JSON object"),
        (["list", "--frobnicate"], "unrecognized arguments: --frobnicate"),
    ],
)
def test_bad_flags_are_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_skipped_entries_are_named_counted_and_exit_2_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "crawl"
    corpus.mkdir()
    (corpus / "a.txt").write_text("عنوان\nتاريخ النشر: 24/09/2023\nنص.\n", "utf-8")
    (corpus / "x.txt").symlink_to(corpus / "y.txt")
    (corpus / "y.txt").symlink_to(corpus / "x.txt")
    out = tmp_path / "o.jsonl"
    code, _, err = run(capsys, "export", str(out), str(corpus))
    assert code == 2
    assert f"{corpus / 'x.txt'}: skipped: symlink loop" in err
    assert "2 input entries could not be read (named above); nothing was written" in err
    assert not out.exists()
    code, stdout, err = run(capsys, "export", str(out), str(corpus), "--skip-unreadable")
    assert code == 0
    assert stdout == f"wrote 1 article to {out} (2 input entries left out, named above)\n"
    assert f"{corpus / 'y.txt'}: skipped: symlink loop" in err
    for command in ("list", "stats", "dedup", "related", "validate"):
        code, _, err = run(capsys, command, str(corpus))
        assert code == 2, command
        assert "symlink loop" in err
        assert run(capsys, command, str(corpus), "--skip-unreadable")[0] == 0, command
    code, stdout, _ = run(capsys, "related", str(ARTICLES), "--json")
    assert code == 0
    assert all(json.loads(line)["article_id"] for line in stdout.splitlines())
    code, _, err = run(capsys, "validate", str(ARTICLES), "--strict", str(corpus / "a.txt"))
    assert code == 0
    assert err.startswith("4 files, 0 defects")  # the PATH after the flag joined the others


def test_show_names_skipped_entries_in_one_line_and_exits_2_unless_told(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "a.txt").write_text("عنوان\nتاريخ النشر: 24/09/2023\nنص.\n", encoding="utf-8")
    (crawl / "passwd.txt").symlink_to("/etc/passwd")
    told = script("", "show", "a", str(crawl), "--json", "--skip-unreadable")
    assert told.returncode == 0, told.stderr
    assert seedcorpus.Article.model_validate_json(told.stdout).id == "a"
    refused = script("", "show", "a", str(crawl), "--json")
    assert refused.returncode == 2
    assert "passwd.txt" in refused.stderr
    assert "symlink leads outside the crawl" in refused.stderr
    assert "Warning" not in refused.stderr  # one line of ours, not Python's warning text
    assert "root:" not in refused.stdout + refused.stderr  # the linked file was never read
