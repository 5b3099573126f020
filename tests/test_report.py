"""`seedcorpus report`: one self-contained HTML page of a crawl's figures, and what it counts."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

import seedcorpus
from conftest import ARTICLES
from seedcorpus.cli.main import main
from seedcorpus.reporting import build, charts, collect
from test_architecture import PACKAGE, imports_of, stage_of

#: A source whose Latin run must stay whole inside the Arabic label.
MIXED_SOURCE = "قناة France 24 الإخبارية"


def write_crawl(folder: Path) -> Path:
    """A small crawl with every figure the report shows: dates, defects, duplicates, links."""
    folder.mkdir(parents=True, exist_ok=True)
    story = "وقال المتحدث باسم الوزارة إن الاجتماع بحث سبل التعاون في مجالات الطاقة والمياه."
    articles = {
        "a1": [
            "الوزير يستقبل وفدا من رجال الأعمال",
            "تاريخ النشر: 3rd, January 2024 GMT",
            "استقبل الرئيس الروسي، فلاديمير بوتين، وفدا من رجال الأعمال.",
            story,
            f"المصدر: {MIXED_SOURCE}",
            "كلمات دلالية: الرئيس الروسي فلاديمير بوتين تاس الروسية",
            "اقرأ أيضا:",
            "ارتفاع أسعار النفط في الأسواق العالمية",
            "عنوان لا يعرفه أحد",
        ],
        "a2": [
            "ارتفاع أسعار النفط في الأسواق العالمية",
            "تاريخ النشر: 20th, March 2024 GMT",
            "ارتفعت أسعار النفط اليوم في الأسواق العالمية بعد قرار أوبك.",
            "المصدر: كونا",
        ],
        "a3": ["خبر بلا تاريخ", "فقرة وحيدة من الخبر."],
        "a4": ["خبر بتاريخ غريب", "تاريخ النشر: منذ 3 ساعات", "فقرة."],
        "a5": ["خبر بتاريخ غريب آخر", "تاريخ النشر: أمس", "فقرة."],
        "a6": ["خبر بتاريخ ثالث", "تاريخ النشر: قبل يومين", "فقرة."],
        "a7": ["خبر بتاريخ رابع", "تاريخ النشر: البارحة", "فقرة."],
        "d1": ["الاجتماع الوزاري يبحث التعاون", "تاريخ النشر: 1st, March 2024 GMT", story],
        "d2": ["الاجتماع الوزاري يبحث التعاون", "تاريخ النشر: 2nd, March 2024 GMT", story],
    }
    for name, lines in articles.items():
        (folder / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_crawl(tmp_path_factory.mktemp("crawl") / "crawl")


@pytest.fixture(scope="module")
def page(crawl: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "report.html"
    seedcorpus.report(crawl, out)
    return out.read_text(encoding="utf-8")


def test_the_page_is_self_contained_with_inline_svg_plots(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert len(re.findall(r"<svg class=\"chart\"", page)) >= 3  # months, phrases, body lengths
    assert "<script" not in page
    assert "<link" not in page
    assert "@import" not in page
    assert not re.search(r"(src|href)=", page)
    assert "http://" not in page
    assert "https://" not in page
    assert "url(" not in page


def test_the_page_names_the_sources_and_the_defect_codes_with_examples(
    page: str, crawl: Path
) -> None:
    assert MIXED_SOURCE in page
    assert "كونا" in page
    assert collect.NO_SOURCE in page
    defects = Counter(d.code.value for a in seedcorpus.iter_articles(crawl) for d in a.defects)
    assert defects  # the crawl has defects to show
    for code in defects:
        assert f'id="defect-{code}"' in page
    relative = re.search(r'id="defect-relative-date".*?</tr>', page, re.DOTALL)
    assert relative is not None
    assert len(re.findall(r"<li><code", relative.group(0))) == 3  # three examples, not four
    assert "a4:2</code>" in relative.group(0)  # id and line


def test_the_figures_count_what_the_crawl_holds(crawl: Path, tmp_path: Path) -> None:
    summary = seedcorpus.report(crawl, tmp_path / "r.html")
    assert summary.articles == 9
    assert (summary.dated, summary.unread_dates, summary.undated) == (4, 4, 1)
    assert sum(summary.months.values()) == 4
    assert {month for month, _ in summary.months} == {"2024-01", "2024-03"}
    assert summary.sources[MIXED_SOURCE] == 1
    assert summary.sources[collect.NO_SOURCE] == 7
    assert summary.duplicate_clusters == [["d1", "d2"]]
    assert (summary.read_also_resolved, summary.read_also_links) == (1, 2)
    assert summary.defects["relative-date"] == 4
    assert len(summary.defect_examples["relative-date"]) == collect.EXAMPLES_PER_CODE
    assert summary.keyword_phrases == 3
    assert summary.evidenced_phrases == 1
    assert sorted(summary.body_words)[-1] == len(
        " ".join(seedcorpus.Corpus(crawl)["a1"].body).split()
    )


def test_keyword_evidence_counts_the_phrases_the_text_settles() -> None:
    article = seedcorpus.parse_article(
        "عنوان\nتاريخ النشر: 2nd, May 2024\nقال الرئيس الروسي، فلاديمير بوتين، اليوم.\n"
        "كلمات دلالية: الرئيس الروسي فلاديمير بوتين تاس الروسية",
        article_id="x",
    )
    assert article.keywords == ["الرئيس الروسي", "فلاديمير بوتين", "تاس الروسية"]
    # `تاس الروسية` is never in the text, so it and the edge before it are the prior's guess.
    assert collect.keyword_evidence(article) == (1, 3)
    settled = seedcorpus.parse_article(
        "عنوان\nقال الرئيس الروسي، فلاديمير بوتين، اليوم.\n"
        "كلمات دلالية: الرئيس الروسي فلاديمير بوتين",
        article_id="z",
    )
    assert collect.keyword_evidence(settled) == (2, 2)
    bare = seedcorpus.parse_article("عنوان\nنص.", article_id="y")
    assert collect.keyword_evidence(bare) == (0, 0)


def test_months_without_articles_keep_their_column() -> None:
    months = Counter({("2023-11", "day"): 2, ("2024-02", "minute"): 1})
    chart = charts.month_chart(months, collect.PRECISIONS)
    assert [t.label for t in chart.x_ticks] == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert [(r.series, round(r.height)) for r in chart.rects] == [
        ("day", charts.PLOT_HEIGHT),
        ("minute", charts.PLOT_HEIGHT // 2),
    ]
    assert charts.month_chart(Counter(), collect.PRECISIONS).rects == []


def test_body_lengths_fall_in_doubling_bins() -> None:
    assert [charts._bin(n) for n in (0, 1, 49, 50, 99, 100, 5000)] == [0, 1, 1, 2, 2, 3, 8]
    chart = charts.body_length_chart([0, 1, 49, 50, 5000])
    labels = [t.label for t in chart.x_ticks]
    assert labels[:3] == ["0", "1–49", "50–99"]
    assert labels[-1] == "≥3200"
    assert [round(r.height) for r in chart.rects] == [80, 160, 80, 80]


def test_the_command_writes_the_page_and_refuses_to_overwrite(
    crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(crawl), "-o", str(out)]) == 0
    assert "wrote a report of 9 articles" in capsys.readouterr().out
    assert oct(out.stat().st_mode & 0o044) == oct(0o044)  # readable by others
    assert main(["report", str(crawl), "-o", str(out)]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main(["report", str(crawl), "-o", str(out), "--overwrite"]) == 0
    assert main(["report", str(crawl), "-o", str(crawl / "a1.txt"), "--overwrite"]) == 2
    assert "one of the input articles" in capsys.readouterr().err
    assert (crawl / "a1.txt").read_text(encoding="utf-8").startswith("الوزير")


def test_a_missing_extra_is_one_line_with_the_install_hint(
    crawl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)  # as if it were not installed
    assert main(["report", str(crawl), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pip install 'seedcorpus[report]'" in err
    assert not (tmp_path / "r.html").exists()


def test_without_the_dedup_extra_the_page_says_why_duplicates_are_missing(
    crawl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "datasketch", None)
    summary = seedcorpus.report(crawl, tmp_path / "r.html")
    assert summary.duplicate_clusters is None
    assert summary.articles == 9
    assert "seedcorpus[dedup]" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_progress_bar_only_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(build, "PROGRESS_MIN_FILES", 1)
    seedcorpus.report(ARTICLES, tmp_path / "quiet.html")
    assert "report:" not in capsys.readouterr().err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    seedcorpus.report(ARTICLES, tmp_path / "bar.html")
    assert "report: 100%" in capsys.readouterr().err
    monkeypatch.setattr(build, "PROGRESS_MIN_FILES", 10)
    seedcorpus.report(ARTICLES, tmp_path / "short.html")  # 3 files: too short for a bar
    assert "report:" not in capsys.readouterr().err


def test_the_report_imports_neither_hf_nor_the_command_line() -> None:
    for module in (PACKAGE / "report").glob("*.py"):
        assert {stage_of(m) for m in imports_of(module)} <= {
            "shared",
            "parse",
            "crawl",
            "training",
            "report",
        }, module.name


def test_entries_left_out_of_the_listing_are_named_on_the_page(tmp_path: Path) -> None:
    crawl = write_crawl(tmp_path / "crawl")
    (crawl / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    summary = seedcorpus.report(crawl, tmp_path / "r.html")
    assert [path for path, _ in summary.skipped] == [str(crawl / "gone.txt")]
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="skipped"' in page
    assert "gone.txt" in page


def test_a_large_cluster_lists_ten_ids_and_counts_the_rest(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    body = "وقال المتحدث باسم الوزارة إن الاجتماع بحث سبل التعاون في مجالات الطاقة والمياه."
    for i in range(13):
        (crawl / f"c{i:02d}.txt").write_text(f"خبر مكرر\n{body}\n", encoding="utf-8")
    summary = seedcorpus.report(crawl, tmp_path / "r.html")
    assert summary.duplicate_clusters == [[f"c{i:02d}" for i in range(13)]]
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "c09</code>" in page
    assert "c10</code>" not in page
    assert "… and 3 more" in page


def test_articles_with_many_phrases_share_the_last_column() -> None:
    chart = charts.phrase_count_chart(Counter({0: 1, 3: 2, 15: 1, 40: 3}))
    labels = [t.label for t in chart.x_ticks]
    assert labels[0] == "0"
    assert labels[-1] == f"≥{charts.MAX_PHRASE_COLUMN}"
    assert len(labels) == charts.MAX_PHRASE_COLUMN + 1
    assert round(chart.rects[-1].height) == charts.PLOT_HEIGHT  # 1 + 3 articles, the tallest


def test_a_folder_as_out_is_refused_before_parsing(crawl: Path, tmp_path: Path) -> None:
    with pytest.raises(seedcorpus.CorpusError, match="is a folder"):
        seedcorpus.report(crawl, tmp_path)
