"""Step 1: bytes to text and lines: BOM, line endings, controls, invalid bytes."""

from __future__ import annotations

import codecs

import pytest

import seedcorpus
from conftest import ARTICLES, SEED_ID
from seedcorpus.parse.decoding import clean_text, decode, split_lines
from seedcorpus.parse.defects import DefectLog

SEED = (ARTICLES / f"{SEED_ID}.txt").read_bytes()
REFERENCE = seedcorpus.parse_bytes(SEED, article_id=SEED_ID)


@pytest.mark.parametrize(
    "variant",
    [
        codecs.BOM_UTF8 + SEED,
        SEED.replace(b"\n", b"\r\n"),
        SEED.replace(b"\n", b"\r"),
        SEED.replace(b"\n", b"   \n\n\n") + b"\n\n",
        SEED.replace(b"\n", b" \t\n"),
        SEED.replace(b"\n", "\u200f\n\u200e".encode()),
    ],
    ids=["bom", "crlf", "cr", "blank-lines", "trailing-space", "bidi-marks"],
)
def test_text_variants_parse_like_the_original(variant: bytes) -> None:
    article = seedcorpus.parse_bytes(variant, article_id=SEED_ID, strict=True)
    assert article == REFERENCE


def test_utf16_with_bom_is_decoded_and_recorded() -> None:
    for data in (SEED.decode("utf-8").encode("utf-16-le"), SEED.decode("utf-8").encode("utf-16")):
        bom = b"" if data.startswith(codecs.BOM_UTF16_LE) else codecs.BOM_UTF16_LE
        article = seedcorpus.parse_bytes(bom + data, article_id=SEED_ID)
        assert [d.code for d in article.defects] == ["not-utf8"]
        assert article.model_copy(update={"defects": []}) == REFERENCE
    with pytest.raises(seedcorpus.ParseError, match="not-utf8"):
        seedcorpus.parse_bytes(
            SEED.decode("utf-8").encode("utf-16"), article_id=SEED_ID, strict=True
        )


def test_zero_width_characters_inside_words_are_removed() -> None:
    log = DefectLog()
    assert clean_text("كلمة\u200bأخرى\u2066x\u2069", log) == "كلمةأخرىx"
    assert log.items == []


def test_invalid_utf8_is_replaced_and_recorded_with_offset() -> None:
    data = "عنوان\n".encode() + b"\xff\xfe" + "نص".encode()
    log = DefectLog()
    assert "\ufffd" in decode(data, log)
    assert [d.code for d in log.items] == ["invalid-utf8"]
    assert "byte offset 11" in log.items[0].message


def test_invalid_utf8_raises_in_strict_mode_naming_the_offset() -> None:
    data = "عنوان\n".encode() + b"\xc3\x28"
    with pytest.raises(seedcorpus.ParseError) as caught:
        seedcorpus.parse_bytes(data, article_id="bad", strict=True, path="bad.txt")
    assert caught.value.code == "invalid-utf8"
    assert "byte offset 11" in str(caught.value)
    assert str(caught.value).startswith("bad.txt")


def test_lone_surrogates_are_replaced_and_recorded() -> None:
    article = seedcorpus.parse_article("عنوان\ud800\nنص", article_id="x")
    assert article.title == "عنوان\ufffd"
    assert "invalid-character" in [d.code for d in article.defects]
    assert type(article).model_validate_json(article.model_dump_json()) == article


def test_nul_bytes_are_kept_and_recorded_with_their_line() -> None:
    article = seedcorpus.parse_bytes("عنوان\nنص\x00 هنا".encode(), article_id="x")
    assert article.body == ["نص\x00 هنا"]
    control = [d for d in article.defects if d.code == "control-character"]
    assert control
    assert control[0].line == 2


def test_only_lf_cr_and_crlf_break_lines() -> None:
    text = clean_text("a\u2028b\x1cc\r\nd\re", DefectLog())
    assert [line.text for line in split_lines(text)] == ["a\u2028b\x1cc", "d", "e"]
    assert [line.number for line in split_lines(text)] == [1, 2, 3]


def test_utf16_without_a_bom_is_detected_and_recorded() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        data = SEED.decode("utf-8-sig").encode(encoding)
        article = seedcorpus.parse_bytes(data, article_id=SEED_ID)
        assert article.title == REFERENCE.title
        assert article.body == REFERENCE.body
        assert [d.code for d in article.defects] == ["not-utf8"]
        assert encoding.upper() in article.defects[0].message


def test_line_numbers_count_blank_lines() -> None:
    lines = split_lines("\n\nتاريخ\n\n  \nنص  \n")
    assert [(line.number, line.text) for line in lines] == [(3, "تاريخ"), (6, "نص")]


def test_the_fast_unusual_character_check_covers_the_same_characters() -> None:
    # Long decoded texts are checked character by character; the set must be the pattern's.
    from seedcorpus.parse import decoding

    pattern = {
        chr(code)
        for code in range(0x10000)
        if not 0xD800 <= code <= 0xDFFF and decoding._ANY_UNUSUAL.match(chr(code))
    }
    assert pattern == set(decoding._UNUSUAL_IN_DECODED)


def test_the_fast_fold_check_covers_the_same_characters() -> None:
    from seedcorpus.parse import normalize

    dropped = {chr(code) for code in range(0x10000) if normalize._KEY_DROP.match(chr(code))}
    assert dropped == set(normalize._DROPPED)
    # Folding is character by character, so the long-text path must agree with the short one.
    long_text = "كلمة " * 100
    for char in sorted(dropped) + [old for old, _ in normalize._RARE_FOLDS]:
        assert normalize.match_key(long_text + char) == (
            normalize.match_key(long_text) + normalize.match_key(char)
        )
