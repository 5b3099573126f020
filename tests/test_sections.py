"""Step 2: section labels and the order of sections."""

from __future__ import annotations

import pytest

import seedcorpus

HEAD = "عنوان الخبر\nتاريخ النشر: 24th, September 2023 GMT\n"


@pytest.mark.parametrize(
    "heading",
    [
        "إقرأ أيضاً:",
        "اقرأ أيضاً:",
        "اقرأ أيضا:",
        "إقرأ أيضا:",
        "اقرأ ايضا:",
        "إقرأ أيضاً",
        "اقرأ ايضا",
        "اقرأ أيضًا :",
        "إقرأ أيـضاً:",
    ],
)
def test_every_read_also_heading_spelling(heading: str) -> None:
    raw = HEAD + "نص الخبر.\n" + heading + "\nعنوان مرتبط\nفقرة مرتبطة.\n"
    article = seedcorpus.parse_article(raw, article_id="x", strict=True)
    assert article.body == ["نص الخبر."]
    assert [(r.title, r.body) for r in article.read_also] == [("عنوان مرتبط", ["فقرة مرتبطة."])]


def test_read_also_words_inside_a_sentence_are_body_text() -> None:
    raw = HEAD + "اقرأ أيضا ما كتبه المحرر عن الموضوع.\n"
    article = seedcorpus.parse_article(raw, article_id="x", strict=True)
    assert article.body == ["اقرأ أيضا ما كتبه المحرر عن الموضوع."]
    assert article.read_also == []


def test_source_label_needs_a_colon() -> None:
    raw = HEAD + "المصدر ذاته أشار إلى ذلك.\nالمصدر : وكالة الأنباء\n"
    article = seedcorpus.parse_article(raw, article_id="x", strict=True)
    assert article.body == ["المصدر ذاته أشار إلى ذلك."]
    assert article.source == "وكالة الأنباء"


def test_optional_sections_may_all_be_missing() -> None:
    article = seedcorpus.parse_article(HEAD + "نص.\n", article_id="x", strict=True)
    assert (article.source, article.keywords, article.keywords_text) == (None, [], None)
    assert article.read_also == []


def test_empty_keyword_line_gives_empty_list_and_empty_text() -> None:
    article = seedcorpus.parse_article(HEAD + "نص.\nكلمات دلالية:\n", article_id="x", strict=True)
    assert article.keywords == []
    assert article.keywords_text == ""


def test_text_after_the_read_also_colon_is_the_first_item() -> None:
    article = seedcorpus.parse_article(HEAD + "نص.\nاقرأ أيضا: عنوان مرتبط\n", article_id="x")
    assert [r.title for r in article.read_also] == ["عنوان مرتبط"]


@pytest.mark.parametrize(
    "line",
    ["ال\u06d6مصدر: وكالة", "المـصدر: وكالة", "الْمَصْدَر: وكالة", "ٱلمصدر: وكالة", "آلمصدر: وكالة"],
)
def test_a_label_with_any_mark_folding_drops_is_a_label(line: str) -> None:
    article = seedcorpus.parse_article(HEAD + "نص.\n" + line + "\n", article_id="x", strict=True)
    assert article.source == "وكالة"
    assert article.body == ["نص."]
