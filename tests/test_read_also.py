"""Step 3c: read-also items: plain lists, titles only, spliced teaser cards."""

from __future__ import annotations

from seedcorpus.decoding import Line
from seedcorpus.read_also import is_headline, parse_read_also, split_glued, split_teaser


def items(*lines: str) -> list[tuple[str, list[str]]]:
    parsed, _ = parse_read_also([Line(i + 1, text) for i, text in enumerate(lines)])
    return [(item.title, item.body) for item in parsed]


def test_plain_list() -> None:
    assert items("عنوان أول", "فقرة أولى.", "فقرة ثانية.", "عنوان ثان", "فقرة.") == [
        ("عنوان أول", ["فقرة أولى.", "فقرة ثانية."]),
        ("عنوان ثان", ["فقرة."]),
    ]


def test_titles_only() -> None:
    assert items("عنوان أول", "عنوان ثان", "عنوان ثالث") == [
        ("عنوان أول", []),
        ("عنوان ثان", []),
        ("عنوان ثالث", []),
    ]


def test_short_question_is_a_headline_but_long_sentence_is_not() -> None:
    assert is_headline("هل تنجح المفاوضات؟")
    assert not is_headline("وتساءل المسؤول، في حديثه للصحفيين، هل تنجح المفاوضات؟")
    assert not is_headline(" ".join(["كلمة"] * 30))
    assert not is_headline('وقال: "انتهى الأمر".')


TEASER = (
    "وزير يكشف تفاصيل خطة النقل الجديدة للعاصمة "
    "أعلن وزير النقل، الأحد، عن خطة لتطوير شبكة القطارات في العاصمة."
)


def test_teaser_card_is_split_into_its_own_item_and_the_host_continues() -> None:
    result = items(
        "عنوان المقال المضيف",
        "الفقرة الأولى من المقال.",
        TEASER + "وأوضح المتحدث أن العمل يبدأ قريبا.",
        "فقرة أخيرة.",
    )
    assert result == [
        (
            "عنوان المقال المضيف",
            ["الفقرة الأولى من المقال.", "وأوضح المتحدث أن العمل يبدأ قريبا.", "فقرة أخيرة."],
        ),
        (
            "وزير يكشف تفاصيل خطة النقل الجديدة للعاصمة",
            ["أعلن وزير النقل، الأحد، عن خطة لتطوير شبكة القطارات في العاصمة."],
        ),
    ]


def test_lead_verb_is_the_one_nearest_the_dateline() -> None:
    teaser = split_teaser("سكان تلقوا تحذيرات جديدة قالت الشرطة المحلية، الخميس، إن الطرق أغلقت.")
    assert teaser is not None
    assert teaser.title == "سكان تلقوا تحذيرات جديدة"


def test_abbreviations_and_numbers_are_not_glue_points() -> None:
    for text in ["قال د.أحمد إن الوضع مستقر.", "ذكرت أ.ف.ب الخبر.", "بلغ النمو 3.5 بالمئة."]:
        assert split_glued(text) == [text]
    assert split_glued('انتهى الأمر".وقال آخرون شيئا.') == ['انتهى الأمر".', "وقال آخرون شيئا."]


def test_glued_paragraphs_without_a_teaser_become_two_paragraphs() -> None:
    assert items("عنوان", "جملة أولى هنا.جملة ثانية هنا.") == [
        ("عنوان", ["جملة أولى هنا.", "جملة ثانية هنا."])
    ]


def test_glued_text_with_dateline_but_no_verb_is_recorded() -> None:
    parsed, defects = parse_read_also(
        [Line(1, "عنوان"), Line(2, "كلام كثير هنا، الأحد، ولا فعل فيه.ثم تكملة الفقرة.")]
    )
    assert [d.code for d in defects] == ["teaser-unsplit"]
    assert parsed[0].body == ["كلام كثير هنا، الأحد، ولا فعل فيه.", "ثم تكملة الفقرة."]


def test_glued_teaser_before_any_headline_keeps_the_continuation_in_an_untitled_host() -> None:
    parsed, defects = parse_read_also([Line(1, TEASER + "وأوضح المتحدث أن العمل يبدأ قريبا.")])
    assert [(r.title, r.body) for r in parsed] == [
        ("", ["وأوضح المتحدث أن العمل يبدأ قريبا."]),
        (
            "وزير يكشف تفاصيل خطة النقل الجديدة للعاصمة",
            ["أعلن وزير النقل، الأحد، عن خطة لتطوير شبكة القطارات في العاصمة."],
        ),
    ]
    assert [d.code for d in defects] == ["read-also-untitled"]
