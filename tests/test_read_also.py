"""Step 3c: read-also items: plain lists, titles only, spliced teaser cards."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from seedcorpus.models import RelatedArticle
from seedcorpus.parse.decoding import Line
from seedcorpus.parse.defects import DefectLog
from seedcorpus.parse.read_also import (
    is_headline,
    parse_read_also,
    split_glued,
    split_teaser,
)


def parse(*lines: str) -> tuple[list[RelatedArticle], list[str]]:
    log = DefectLog()
    parsed = parse_read_also([Line(i + 1, text) for i, text in enumerate(lines)], log)
    return parsed, [d.code.value for d in log.items]


def items(*lines: str) -> list[tuple[str, list[str]]]:
    return [(item.title, item.body) for item in parse(*lines)[0]]


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
    parsed, defects = parse("عنوان", "كلام كثير هنا، الأحد، ولا فعل فيه.ثم تكملة الفقرة.")
    assert defects == ["teaser-unsplit"]
    assert parsed[0].body == ["كلام كثير هنا، الأحد، ولا فعل فيه.", "ثم تكملة الفقرة."]


def test_glued_teaser_before_any_headline_keeps_the_continuation_in_an_untitled_host() -> None:
    parsed, defects = parse(TEASER + "وأوضح المتحدث أن العمل يبدأ قريبا.")
    assert [(r.title, r.body) for r in parsed] == [
        ("", ["وأوضح المتحدث أن العمل يبدأ قريبا."]),
        (
            "وزير يكشف تفاصيل خطة النقل الجديدة للعاصمة",
            ["أعلن وزير النقل، الأحد، عن خطة لتطوير شبكة القطارات في العاصمة."],
        ),
    ]
    assert defects == ["read-also-untitled"]


SECOND_TEASER = (
    "حريق كبير في مصنع للأثاث بالمنطقة الصناعية "
    "اندلع حريق كبير، الإثنين، في مصنع للأثاث دون إصابات."
)
TEASER_ITEMS = [
    (
        "وزير يكشف تفاصيل خطة النقل الجديدة للعاصمة",
        ["أعلن وزير النقل، الأحد، عن خطة لتطوير شبكة القطارات في العاصمة."],
    ),
    (
        "حريق كبير في مصنع للأثاث بالمنطقة الصناعية",
        ["اندلع حريق كبير، الإثنين، في مصنع للأثاث دون إصابات."],
    ),
]


def test_teaser_cards_spliced_back_to_back_all_come_out_in_order() -> None:
    host = ("عنوان المقال المضيف", ["الفقرة الأولى.", "وأوضح المتحدث أن العمل يبدأ قريبا."])
    continuation = "وأوضح المتحدث أن العمل يبدأ قريبا."
    # Glued to each other, and written one after the other with a space.
    for joiner in ("", " "):
        result = items(host[0], "الفقرة الأولى.", TEASER + joiner + SECOND_TEASER + continuation)
        assert result == [host, *TEASER_ITEMS], joiner


def test_headlines_cut_short_ending_in_a_question_or_holding_a_colon() -> None:
    titles = [
        "المرأة السعودية ركيزة أساسية بدفع عجلة التنمية وبناء ال...",
        "الكويت: وفاة واحدة و151 إصابة جديدة بكورونا خلال 24 ساع…",
        "هل تنجح المفاوضات بين الطرفين؟",
        "بدء تخفيف قيود الحركة في الإمارات...",
    ]
    assert items(*titles) == [(title, []) for title in titles]
    assert parse(*titles)[1] == []
    # A paragraph that trails off after a full sentence is still a paragraph.
    assert not is_headline("انتهى الاجتماع دون اتفاق. وقال المتحدث إن الحوار سيستمر...")


def test_long_titles_only_list() -> None:
    titles = [f"عنوان رقم {i} عن موضوع مختلف" for i in range(60)]
    assert items(*titles) == [(title, []) for title in titles]


# Question headlines with a fronted phrase and a comma


def test_question_headline_with_a_fronted_phrase_and_a_comma_is_a_headline() -> None:
    headlines = [
        "بعد خسارة النهائي، هل يرحل المدرب عن الفريق؟",
        "مع ارتفاع أسعار الوقود، ماذا ينتظر المواطنين في الشتاء المقبل؟",
        "في ظل الأزمة الاقتصادية، كيف تتعامل الأسر مع الغلاء؟",
        "قبل قمة الرياض، متى تعود العلاقات بين البلدين؟",
        # The interrogative may close the question, or carry a conjunction.
        "بعد التتويج بالدوري، الأهلي إلى أين؟",
        "بعد انتهاء الهدنة، ماذا بعد؟",
        "رغم التحذيرات، فهل تتراجع الحكومة؟",
    ]
    for headline in headlines:
        assert is_headline(headline), headline
    assert items(*headlines) == [(headline, []) for headline in headlines]


def test_questions_that_are_prose_stay_paragraphs() -> None:
    paragraphs = [
        # A verb of asking or saying opens the sentence.
        "وتساءل المسؤول، هل تنجح المفاوضات؟",
        "قال الوزير، هل يعقل أن ترتفع الأسعار بهذا الشكل؟",
        # A conjunction continues a text.
        "وفي ظل هذه الأزمة، هل تستطيع الحكومة مواجهة التحديات؟",
        # Two commas, or no interrogative after the comma.
        "بعد الخسارة، وبعد التعادل، هل يرحل المدرب؟",
        "بعد الخسارة، المدرب يرحل؟",
        # A full sentence before the question.
        "انتهى الاجتماع. بعد ذلك، هل يعود الحوار؟",
    ]
    for paragraph in paragraphs:
        assert not is_headline(paragraph), paragraph


# A teaser glued to the end of a host paragraph


END_TEASER_TITLE = "الحكومة تعلن خطة جديدة لدعم المزارعين"
END_TEASER_LEAD = "أعلنت وزارة الزراعة، الثلاثاء، عن حزمة دعم للمزارعين في المحافظات."


def test_teaser_glued_to_the_end_of_a_paragraph_is_split_out_with_its_lead() -> None:
    result = items(
        "عنوان المقال المضيف",
        "الفقرة الأولى من المقال.",
        "وأشار المتحدث إلى أن العمل مستمر." + END_TEASER_TITLE + " " + END_TEASER_LEAD,
        "فقرة أخيرة من المقال المضيف.",
    )
    assert result == [
        (
            "عنوان المقال المضيف",
            [
                "الفقرة الأولى من المقال.",
                "وأشار المتحدث إلى أن العمل مستمر.",
                "فقرة أخيرة من المقال المضيف.",
            ],
        ),
        (END_TEASER_TITLE, [END_TEASER_LEAD]),
    ]


def test_a_continuation_paragraph_after_glue_is_not_taken_for_an_end_teaser() -> None:
    # Prose openings (a conjunction and a verb of saying) and short subjects are not headlines.
    for continuation in [
        "وأضاف وزير الخارجية في مؤتمر صحفي أن الوزير قال، الثلاثاء، إن الحل سياسي.",
        "وزير الخارجية أكد، الثلاثاء، أن الحل سياسي.",
        # A comma in the would-be headline, a dateline far from the verb, or a would-be
        # headline that ends in a word needing more: prose.
        "الوزير الذي زار العاصمة، بعد جولة طويلة في المنطقة أكد، الثلاثاء، أن الحل سياسي.",
        "المسؤولون في الوزارة المعنية بالملف ذكروا أن الخطة ستنفذ على مراحل متتالية حتى "
        "نهاية العام المقبل كما هو مقرر في الاتفاق، الثلاثاء.",
        "المسؤولون في الوزارة المعنية بالملف قالوا إن الخطة التي أعلنت في الشهر الماضي "
        "ستنفذ على مراحل، الثلاثاء.",
    ]:
        parsed, defects = parse("عنوان", "جملة أولى هنا." + continuation)
        assert [(r.title, r.body) for r in parsed] == [
            ("عنوان", ["جملة أولى هنا.", continuation])
        ], continuation
        assert defects == []


def test_teasers_at_both_ends_of_one_line_come_out_in_order() -> None:
    line = TEASER + "وأوضح المتحدث أن العمل يبدأ قريبا." + END_TEASER_TITLE + " " + END_TEASER_LEAD
    assert items("عنوان المضيف", line) == [
        ("عنوان المضيف", ["وأوضح المتحدث أن العمل يبدأ قريبا."]),
        (
            "وزير يكشف تفاصيل خطة النقل الجديدة للعاصمة",
            ["أعلن وزير النقل، الأحد، عن خطة لتطوير شبكة القطارات في العاصمة."],
        ),
        (END_TEASER_TITLE, [END_TEASER_LEAD]),
    ]


# List markers: layout, not title (a decided policy, see docs/parsers.md)


def test_list_markers_are_stripped_from_titles() -> None:
    lines = [
        "1- ارتفاع أسعار الذهب في الأسواق",
        "2) الحكومة تعلن خطة جديدة للمياه",
        "• وفاة لاعب كرة قدم سابق",
        "- افتتاح معرض الكتاب الدولي",
        "٣- انخفاض درجات الحرارة غدا",
        "(4) هل تنجح المفاوضات؟",
        "5.انطلاق موسم الحج",
        "٦ـ افتتاح طريق جديد في المدينة",
        "◀ إغلاق الطرق بسبب الأمطار",
        "📌 نتائج الامتحانات اليوم",
        "أ- تعديل مواعيد القطارات",
    ]
    assert [title for title, _ in items(*lines)] == [
        "ارتفاع أسعار الذهب في الأسواق",
        "الحكومة تعلن خطة جديدة للمياه",
        "وفاة لاعب كرة قدم سابق",
        "افتتاح معرض الكتاب الدولي",
        "انخفاض درجات الحرارة غدا",
        "هل تنجح المفاوضات؟",
        "انطلاق موسم الحج",
        "افتتاح طريق جديد في المدينة",
        "إغلاق الطرق بسبب الأمطار",
        "نتائج الامتحانات اليوم",
        "تعديل مواعيد القطارات",
    ]


def test_numbers_that_are_title_text_and_marked_paragraphs_are_kept() -> None:
    titles = ["10 قتلى في حادث سير على الطريق الدولي", "2024 عام الانتخابات", "5-0 فوز كبير للفريق"]
    assert items(*titles) == [(title, []) for title in titles]
    # A bulleted paragraph is body text as written, marker and all.
    assert items("عنوان", "- قال الوزير إن العمل مستمر.") == [
        ("عنوان", ["- قال الوزير إن العمل مستمر."])
    ]
    assert items("-") == [("-", [])]


def test_several_teasers_glued_to_the_end_of_a_paragraph_all_come_out() -> None:
    second_title = "ارتفاع أسعار الذهب في الأسواق المحلية"
    second_lead = "ارتفعت أسعار الذهب، الأربعاء، في الأسواق المحلية بنسبة كبيرة."
    line = "وأشار المتحدث إلى أن العمل مستمر." + END_TEASER_TITLE + " " + END_TEASER_LEAD
    assert items("عنوان المضيف", line + " " + second_title + " " + second_lead) == [
        ("عنوان المضيف", ["وأشار المتحدث إلى أن العمل مستمر."]),
        (END_TEASER_TITLE, [END_TEASER_LEAD]),
        (second_title, [second_lead]),
    ]


# The glue split is searched from the full stop for speed; it must equal the plain pattern.
_PLAIN_GLUE = re.compile(
    '[\u0621-\u064a][\u0621-\u064a\u064b-\u0652]["\'»”’)\\]]?[.!?؟](?=["«“(]?[\u0621-\u064a]{2})'
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["اب", "ت", "\u064e", ".", "؟", "!", '"', "»", "«", "“", ")", " ", "x"])
    )
)
def test_glue_split_equals_the_plain_pattern(chunks: list[str]) -> None:
    text = "".join(chunks)
    expected, start = [], 0
    for found in _PLAIN_GLUE.finditer(text):
        expected.append(text[start : found.end()])
        start = found.end()
    expected.append(text[start:])
    assert split_glued(text) == expected
