"""The one-file writers (`report -o`, `lexicon -o`) obey the same destination rules as export.

One rule (``destinations`` and ``crawl/overlap.py``): an output never replaces an input article
or the paths file, never lands inside a walked input folder, never replaces a symbolic link, a
FIFO, a device or a folder, replaces an existing file only when asked, and keeps its mode.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from test_outputs import crawl, run, tree

WRITERS = [("report", "report.html"), ("lexicon", "lexicon.json")]


def _command(writer: str, source: Path, out: Path, *extra: str) -> list[str]:
    return [writer, str(source), "-o", str(out), *extra]


@pytest.mark.parametrize(("writer", "name"), WRITERS)
def test_an_input_article_is_never_the_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, writer: str, name: str
) -> None:
    source = crawl(tmp_path / "in")
    before = tree(source)
    for flags in ((), ("--overwrite",)):
        code, _, err = run(capsys, *_command(writer, source, source / "a000.txt", *flags))
        assert code == 2
        assert "input" in err
    assert tree(source) == before


@pytest.mark.parametrize(("writer", "name"), WRITERS)
def test_nothing_is_written_inside_the_input_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, writer: str, name: str
) -> None:
    source = crawl(tmp_path / "in")
    before = tree(source)
    code, _, err = run(capsys, *_command(writer, source, source / name))
    assert code == 2
    assert "inside the input" in err
    assert tree(source) == before


@pytest.mark.parametrize(("writer", "name"), WRITERS)
def test_an_existing_file_is_replaced_only_when_asked_and_keeps_its_mode(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, writer: str, name: str
) -> None:
    source = crawl(tmp_path / "in")
    out = tmp_path / name
    out.write_text("a user's notes", "utf-8")
    out.chmod(0o600)
    code, _, err = run(capsys, *_command(writer, source, out))
    assert code == 2
    assert "--overwrite" in err
    assert out.read_text("utf-8") == "a user's notes"
    code, _, _ = run(capsys, *_command(writer, source, out, "--overwrite"))
    assert code == 0
    assert out.read_text("utf-8") != "a user's notes"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", name])  # no temporary


@pytest.mark.parametrize(("writer", "name"), WRITERS)
def test_a_link_a_fifo_or_a_folder_is_never_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, writer: str, name: str
) -> None:
    source = crawl(tmp_path / "in")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("kept", "utf-8")
    link = tmp_path / "link"
    link.symlink_to(elsewhere)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for out, says in ((link, "symbolic link"), (fifo, "not a regular file"), (folder, "folder")):
        code, _, err = run(capsys, *_command(writer, source, out, "--overwrite"))
        assert code == 2, err
        assert says in err, err
        assert err.count("\n") == 1
        assert "Traceback" not in err
    assert link.is_symlink()
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert folder.is_dir()
    assert elsewhere.read_text("utf-8") == "kept"


@pytest.mark.parametrize("spelling", ["{}", "file://{}", "file:{}", "file://localhost{}"])
def test_every_spelling_of_an_input_is_compared_with_out(tmp_path: Path, spelling: str) -> None:
    from seedcorpus.crawl.overlap import check_not_over_input
    from seedcorpus.errors import CorpusError

    article = crawl(tmp_path / "in") / "a000.txt"
    with pytest.raises(CorpusError, match="one of the input articles"):
        check_not_over_input(str(article), [spelling.format(article), "memory://x/a.txt"], None)


@pytest.mark.parametrize(
    "command", [["export", "{out}.parquet", "{path}"], ["report", "{path}", "-o", "{out}.html"]]
)
@pytest.mark.parametrize("spelling", ["{}", "file://{}", "{}/*.txt"])
def test_nothing_is_written_inside_a_walked_folder_however_it_is_spelt(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str], spelling: str
) -> None:
    source = crawl(tmp_path / "in")
    before = tree(source)
    path, out = spelling.format(source), str(source / "out")
    code, _, err = run(capsys, *(part.format(path=path, out=out) for part in command))
    assert code == 2, err
    assert "inside the input" in err
    assert tree(source) == before
