"""Step 3b: keyword phrase recovery, each signal on a small hand-made text."""

from __future__ import annotations

from pathlib import Path

import pytest

import seedcorpus
from conftest import list_articles
from seedcorpus.parse.keywords import (
    Link,
    classify_links,
    corpus_lexicon,
    evidenced_phrases,
    gather_evidence,
    known_phrase_key,
    segment,
    segment_keywords,
)
from seedcorpus.parse.normalize import match_key


def run(keyword_text: str, *texts: str, known: tuple[str, ...] = ()) -> list[str]:
    return segment(keyword_text.split(), list(texts), {known_phrase_key(k) for k in known})


def links(keyword_text: str, *texts: str) -> list[Link]:
    keys = [match_key(t) for t in keyword_text.split()]
    return classify_links(keys, gather_evidence(texts, keys))


def test_adjacent_tokens_join_and_unrelated_ones_cut() -> None:
    text = "زار وزير الخارجية القاهرة أمس والتقى رئيس الوزراء."
    assert run("وزير الخارجية رئيس الوزراء", text) == ["وزير الخارجية", "رئيس الوزراء"]


def test_punctuation_between_tokens_is_a_boundary() -> None:
    text = "قال الرئيس الروسي، فلاديمير بوتين إن الاجتماع مهم."
    assert links("الرئيس الروسي فلاديمير بوتين", text) == [Link.JOIN, Link.CUT, Link.JOIN]


def test_one_separation_outweighs_adjacency_elsewhere() -> None:
    texts = ["التقى الزعيم الكوري كيم أمس.", "وقال الزعيم الكوري، كيم إن البلدين متفقان."]
    assert run("الزعيم الكوري كيم", *texts) == ["الزعيم الكوري", "كيم"]


def test_conjunction_clitic_on_the_second_token_is_a_boundary() -> None:
    text = "ناقش فلاديمير بوتين والزعيم الصيني الملف."
    assert run("فلاديمير بوتين الزعيم الصيني", text) == ["فلاديمير بوتين", "الزعيم الصيني"]


def test_proclitics_on_the_first_token_are_tolerated() -> None:
    text = "وأشار للمتحدث باسم الحكومة في بيانه."
    assert run("المتحدث باسم الحكومة", text) == ["المتحدث باسم الحكومة"]


def test_spelling_variants_match_but_output_keeps_the_written_form() -> None:
    text = "أعلنت الامم المتحده عن خطة جديدة"
    assert run("الأمم المتحدة", text) == ["الأمم المتحدة"]
    assert run("الأمم المتحدة", "أعلنت الأُمم المتّحدة عن الخطة") == ["الأمم المتحدة"]


def test_arabic_indic_digits_match_ascii_digits() -> None:
    assert run("عيار 21 الذهب", "سجل عيار ٢١ ارتفاعا والذهب مستقر.") == ["عيار 21", "الذهب"]


def test_joined_run_that_never_occurs_whole_is_cut_at_its_weakest_link() -> None:
    texts = [
        "ارتفاع أسعار الذهب اليوم",
        "ارتفعت أسعار الذهب في السوق.",
        "وسجل جرام الذهب عيار 21 نحو ألفين، وعيار 24 أكثر.",
    ]
    assert run("أسعار الذهب عيار 21", *texts) == ["أسعار الذهب", "عيار 21"]


def test_unmentioned_token_joins_a_following_indefinite_neighbour() -> None:
    # "تاس" never appears: a definite word before it ends the phrase, the adjective after joins.
    text = "قال المتحدث باسم الكرملين إن وكالة روسية نشرت الخبر، وكوريا الشمالية ترحب."
    result = run("المتحدث باسم الكرملين تاس الروسية كوريا الشمالية", text)
    assert result == ["المتحدث باسم الكرملين", "تاس الروسية", "كوريا الشمالية"]


def test_unmentioned_tokens_never_extend_a_confirmed_phrase() -> None:
    text = "استقبل وزير الخارجية نظيره أمس."
    assert run("وزير الخارجية بلينكن", text) == ["وزير الخارجية", "بلينكن"]


def test_text_evidence_wins_over_the_definite_article_prior() -> None:
    # Shown whole and never broken: one phrase, though a definite word precedes a name.
    text = "استقبل وزير الخارجية سامح شكري نظيره، وتحدث المتحدث باسم الوزارة."
    result = run("وزير الخارجية سامح شكري المتحدث باسم الوزارة", text)
    assert result == ["وزير الخارجية سامح شكري", "المتحدث باسم الوزارة"]
    text = "استقبل الرئيس عبد الفتاح السيسي الوفد، وقالت وزارة المياه والري إن الخطة جاهزة."
    assert run("الرئيس عبد الفتاح السيسي وزارة المياه والري", text) == [
        "الرئيس عبد الفتاح السيسي",
        "وزارة المياه والري",
    ]
    text = "أعلنت وزارة الصحة ووقاية المجتمع تسجيل إصابات جديدة بفيروس كورونا."
    assert run("وزارة الصحة ووقاية المجتمع فيروس كورونا", text) == [
        "وزارة الصحة ووقاية المجتمع",
        "فيروس كورونا",
    ]
    # Once separated in the text, the boundary holds.
    text = "قال وزير الخارجية، سامح شكري إن الاجتماع مهم. وأكد وزير الخارجية سامح شكري ذلك."
    assert run("وزير الخارجية سامح شكري", text) == ["وزير الخارجية", "سامح شكري"]
    assert run("كأس العالم 2022", "استضافت قطر كأس العالم 2022 بنجاح") == ["كأس العالم 2022"]


def test_an_unmentioned_indefinite_word_joins_a_definite_one_as_an_idafa() -> None:
    text = "أعلن خبر إصابة الفنانة يسرا، وقدمت أعمال الفنانة يسرا الكثير."
    assert run("أفلام الفنانة يسرا", text) == ["أفلام الفنانة يسرا"]


def test_a_strip_of_single_title_words_stays_single_words() -> None:
    title = "شعر وردي يشعل السخرية لغز لون شعر دونالد ترامب يربك الجمهور وخبير يشرح السبب"
    body = "أثار ظهور دونالد ترامب بشعر وردي موجة من السخرية."
    tokens = "يشعل السخرية دونالد ترامب الجمهور وخبير السبب".split()
    assert segment(tokens, [title, body], title=title) == tokens
    # A person's phrases taken from the title, with one skip between them, are not a strip.
    title = "دونالد ترامب في البيت الأبيض"
    phrases = segment("دونالد ترامب البيت الأبيض".split(), [title], title=title)
    assert phrases == ["دونالد ترامب", "البيت الأبيض"]
    # Words the title does not hold exactly (a clitic differs) are no strip either.
    title = "مصر تسجل 30 إصابة جديدة بفيروس كورونا"
    assert segment("مصر فيروس كورونا".split(), [title], title=title) == ["مصر", "فيروس كورونا"]


def test_huge_keyword_lines_use_the_stripping_matcher_with_the_same_result() -> None:
    tokens = [f"كلمة{chr(0x0628 + i % 20)}{i}" for i in range(3000)]
    text = " ".join(tokens[:5]) + "، " + " ".join(tokens[5:10])
    small = segment(tokens[:10], [text])
    assert small == [" ".join(tokens[:5]), " ".join(tokens[5:10])]
    assert segment(tokens, [text])[:2] == small


def test_no_evidence_at_all_uses_the_definite_then_indefinite_boundary() -> None:
    assert run("الرئيس الأمريكي جو بايدن البيت الأبيض") == [
        "الرئيس الأمريكي",
        "جو بايدن البيت الأبيض",
    ]


def test_known_corpus_phrases_settle_unknown_links() -> None:
    result = run("مصر السعودية", "نص لا يذكر أيا منهما.", known=("مصر", "السعودية"))
    assert result == ["مصر", "السعودية"]
    assert run("جو بايدن البيت الأبيض", known=("البيت الأبيض",)) == ["جو بايدن", "البيت الأبيض"]


def test_commas_inside_the_keyword_line_are_hard_boundaries() -> None:
    assert run("أسعار، الذهب") == ["أسعار،", "الذهب"]


def test_output_rejoins_to_the_input() -> None:
    keyword_text = "ا ب ج د ه و ز"
    assert " ".join(run(keyword_text, "ب ج، د ه و")) == keyword_text


def test_evidence_is_gathered_only_for_keyword_tokens() -> None:
    keys = [match_key(t) for t in ["الذهب", "عيار"]]
    evidence = gather_evidence(["الذهب عيار الفضة الذهب"], keys)
    assert evidence.counts == {"ذهب": 2, "عيار": 1}
    assert evidence.adjacent == {("ذهب", "عيار"): 1}


def test_corpus_lexicon_settles_what_one_article_leaves_open(tmp_path: Path) -> None:
    head = "عنوان\nتاريخ النشر: 2nd, November 2023 GMT\n"
    (tmp_path / "a.txt").write_text(
        head + "زار الوفد مصر، ثم السعودية.\nكلمات دلالية: مصر السعودية\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        head + "نص لا يذكر البلدين.\nكلمات دلالية: مصر السعودية\n", encoding="utf-8"
    )
    first = list_articles(tmp_path)
    assert [a.keywords for a in first] == [["مصر", "السعودية"], ["مصر السعودية"]]
    pairs = [(a.keywords_text or "", [a.title, *a.body]) for a in first]
    lexicon = corpus_lexicon(pairs)
    assert lexicon == {("مصر",), ("السعوديه",)}  # b's guess is not evidence
    options = seedcorpus.ParseOptions(known_phrases=lexicon)
    second = list(seedcorpus.iter_articles(tmp_path, options=options))
    assert [a.keywords for a in second] == [["مصر", "السعودية"], ["مصر", "السعودية"]]
    assert corpus_lexicon(pairs, min_count=2) == frozenset()


def test_evidenced_phrases_leave_out_guesses() -> None:
    text = "قال المتحدث باسم الكرملين إن وكالة روسية نشرت الخبر، وكوريا الشمالية ترحب."
    tokens = ["المتحدث", "باسم", "الكرملين", "تاس", "الروسية", "كوريا", "الشمالية"]
    # "تاس الروسية" rests on a guess (تاس is never mentioned): left out.
    assert evidenced_phrases(tokens, [text]) == ["المتحدث باسم الكرملين", "كوريا الشمالية"]


def evidence_of(keyword_text: str, *texts: str) -> list[tuple[str, str]]:
    found = segment_keywords(keyword_text.split(), list(texts))
    return [(p, e.value) for p, e in zip(found.phrases, found.evidence, strict=True)]


def test_hashtags_are_cuts_and_lose_their_mark_but_not_their_line() -> None:
    text = "تراجع الجنيه في مصر، وتأثر الاقتصاد المصري بالأزمة."
    assert run("#مصر الاقتصاد المصري", text) == ["مصر", "الاقتصاد المصري"]
    # A hashtag holds no space: the word after one starts a new tag.
    assert run("#الاقتصاد المصري", text) == ["الاقتصاد", "المصري"]
    # Adjacent in the text, yet each hashtag is a tag of its own.
    assert run("#البنك #المركزي", "قرر البنك المركزي رفع الفائدة.") == ["البنك", "المركزي"]
    raw = "عنوان\nتاريخ النشر: 2nd, May 2024\nنص عن مصر.\nكلمات دلالية: #مصر #السياحة\n"
    article = seedcorpus.parse_article(raw, article_id="h")
    assert article.keywords == ["مصر", "السياحة"]
    assert article.keywords_text == "#مصر #السياحة"


def test_adjacency_folds_the_definite_article_of_the_second_word_as_presence_does() -> None:
    text = "تفاقمت أزمة اقتصادية حادة، وارتفعت البطالة."
    assert run("الأزمة الاقتصادية البطالة", text) == ["الأزمة الاقتصادية", "البطالة"]


def test_a_preposition_on_the_first_word_keeps_the_tag_whole() -> None:
    text = "ارتفع المؤشر العام لبورصة الكويت اليوم، والتضخم مستقر."
    assert run("بورصة الكويت التضخم", text) == ["بورصة الكويت", "التضخم"]


def test_a_preposition_on_the_second_word_is_still_a_boundary() -> None:
    text = "دراسة السحب الآمن المستدام للخزانات الجوفية في مصر."
    assert run("الأمن المستدام الخزانات الجوفية", text) == ["الأمن المستدام", "الخزانات الجوفية"]


def test_a_number_or_latin_word_never_heads_a_construct_with_a_definite_word() -> None:
    assert run("انتخابات 2024 الرئاسة") == ["انتخابات 2024", "الرئاسة"]
    assert run("G20 القمة") == ["G20", "القمة"]
    assert run("أفلام الفنانة") == ["أفلام الفنانة"]  # a noun still heads an idafa


def test_a_guess_never_extends_a_phrase_the_text_confirms() -> None:
    text = "استقبل وزير الخارجية نظيره أمس."
    assert evidence_of("وزير الخارجية بلينكن", text) == [
        ("وزير الخارجية", "guess"),  # its right edge rests on the guess
        ("بلينكن", "guess"),
    ]


def test_no_phrase_starts_with_a_modifier_that_cannot_start_a_tag() -> None:
    assert run("مجلس الأمن الأسلحة غير التقليدية", "اجتمع مجلس الأمن أمس.") == [
        "مجلس الأمن",
        "الأسلحة غير التقليدية",
    ]
    # Mentioned apart in the text, `غير` still belongs to the word before it.
    text = "ناقش المجلس الأسلحة، وقال إن غير ذلك لا يهم، والتقليدية منها كثيرة."
    assert run("الأسلحة غير التقليدية", text) == ["الأسلحة غير التقليدية"]
    # A definite nisba adjective agrees with the definite word before it.
    assert run("مجلس الأمن الأسلحة الكيميائية", "اجتمع مجلس الأمن أمس.") == [
        "مجلس الأمن",
        "الأسلحة الكيميائية",
    ]


def test_latin_words_digits_and_brand_names_stay_whole_inside_phrases() -> None:
    assert run("قمة G20 الهند", "انطلقت قمة g20 في الهند.") == ["قمة G20", "الهند"]
    text = "أطلقت سوني جهاز بلايستيشن الجديد، وبيع منه 5 ملايين."
    assert run("بلايستيشن 5 سوني", text) == ["بلايستيشن 5", "سوني"]
    assert run("أولمبياد باريس 2024 الرياضة") == ["أولمبياد باريس 2024", "الرياضة"]


def test_every_phrase_says_what_it_rests_on() -> None:
    text = "قال الرئيس الروسي، فلاديمير بوتين إن الاجتماع مهم."
    assert evidence_of("الرئيس الروسي فلاديمير بوتين تاس", text) == [
        ("الرئيس الروسي", "text"),
        ("فلاديمير بوتين", "guess"),  # `تاس` is never mentioned: the edge after it is a guess
        ("تاس", "guess"),
    ]


@pytest.mark.parametrize("token", ["مصر", "#مصر", "#", "G20"])
def test_a_single_token_takes_the_short_path_to_the_same_answer(token: str) -> None:
    from seedcorpus.parse.keywords import _decide, _phrases

    texts = ["مصر اليوم", "G20 في مصر"]
    slow = _phrases([token], *_decide([token], texts, (), None))
    assert segment_keywords([token], texts, title="مصر اليوم") == slow
