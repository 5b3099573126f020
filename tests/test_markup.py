"""The `markup` defect: a saved HTML page, or text with HTML tags, is never parsed silently."""

from __future__ import annotations

import pytest

import seedcorpus
from conftest import REPO

DATE = "تاريخ النشر: 24th, September 2023 GMT\n"


def markup_defects(text: str) -> list[seedcorpus.Defect]:
    article = seedcorpus.parse_article(text, article_id="x")
    return [d for d in article.defects if d.code == "markup"]


def test_an_html_page_is_recorded_and_its_doctype_is_no_silent_title() -> None:
    page = (REPO / "fuzz" / "seeds" / "markup.txt").read_text("utf-8")
    article = seedcorpus.parse_article(page, article_id="page")
    assert article.title == "<!DOCTYPE html>"
    (defect,) = [d for d in article.defects if d.code == "markup"]
    assert defect.line == 1
    assert "HTML page" in defect.message
    assert "7 line(s)" in defect.message
    # Nothing lost: tagged lines stay in the body as written.
    assert "<p>نص <b>الخبر</b> الثاني.<br/></p>" in article.body
    with pytest.raises(seedcorpus.ParseError) as caught:
        seedcorpus.parse_article(page, article_id="page", strict=True)
    assert (caught.value.code, caught.value.line) == ("markup", 1)


@pytest.mark.parametrize(
    "tagged",
    [
        "نص <b>الخبر</b> هنا.",
        "نص الخبر.<br>",
        "نص الخبر.<br />",
        '<a href="https://example.com/x">رابط</a>',
        "<!-- تعليق -->",
        '<div class="content">',
        "</P>",
        "<o:p></o:p>",
    ],
)
def test_a_line_with_a_tag_is_recorded_once_at_its_line(tagged: str) -> None:
    defects = markup_defects("عنوان الخبر\n" + DATE + "فقرة.\n" + tagged + "\n" + tagged + "\n")
    assert [(d.line, "HTML tags in the text" in d.message) for d in defects] == [(4, True)]


@pytest.mark.parametrize(
    "text",
    [
        "ارتفع المؤشر إلى <3 نقاط> في التداول.",
        "السعر < 100 دولار و> 50 دولارا.",
        "قال «الوزير» إن <الخطة> جاهزة.",
        "المعادلة a<b و c>d صحيحة.",
        "سهم <- يشير إلى اليسار.",
    ],
)
def test_angle_brackets_that_are_not_tags_are_not_markup(text: str) -> None:
    assert markup_defects("عنوان الخبر\n" + DATE + text + "\n") == []
