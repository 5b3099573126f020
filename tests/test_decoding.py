"""Step 1: bytes to text and lines: BOM, line endings, controls, invalid bytes."""

from __future__ import annotations

import codecs

import pytest

import seedcorpus
from conftest import ARTICLES, SEED_ID
from seedcorpus.decoding import clean_text, decode, split_lines

SEED = (ARTICLES / f"{SEED_ID}.txt").read_bytes()
REFERENCE = seedcorpus.parse_bytes(SEED, id=SEED_ID)


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
    article = seedcorpus.parse_bytes(variant, id=SEED_ID, strict=True)
    assert article == REFERENCE


def test_utf16_with_bom_is_decoded_and_recorded() -> None:
    for data in (SEED.decode("utf-8").encode("utf-16-le"), SEED.decode("utf-8").encode("utf-16")):
        bom = b"" if data.startswith(codecs.BOM_UTF16_LE) else codecs.BOM_UTF16_LE
        article = seedcorpus.parse_bytes(bom + data, id=SEED_ID)
        assert [d.code for d in article.defects] == ["not-utf8"]
        assert article.model_copy(update={"defects": []}) == REFERENCE
    with pytest.raises(seedcorpus.ParseError, match="not-utf8"):
        seedcorpus.parse_bytes(SEED.decode("utf-8").encode("utf-16"), id=SEED_ID, strict=True)


def test_zero_width_characters_inside_words_are_removed() -> None:
    text, defects = clean_text("كلمة\u200bأخرى\u2066x\u2069")
    assert text == "كلمةأخرىx"
    assert defects == []


def test_invalid_utf8_is_replaced_and_recorded_with_offset() -> None:
    data = "عنوان\n".encode() + b"\xff\xfe" + "نص".encode()
    text, defects = decode(data)
    assert "\ufffd" in text
    assert [d.code for d in defects] == ["invalid-utf8"]
    assert "byte offset 11" in defects[0].message


def test_invalid_utf8_raises_in_strict_mode_naming_the_offset() -> None:
    data = "عنوان\n".encode() + b"\xc3\x28"
    with pytest.raises(seedcorpus.ParseError) as caught:
        seedcorpus.parse_bytes(data, id="bad", strict=True, path="bad.txt")
    assert caught.value.code == "invalid-utf8"
    assert "byte offset 11" in str(caught.value)
    assert str(caught.value).startswith("bad.txt")


def test_lone_surrogates_are_replaced_and_recorded() -> None:
    article = seedcorpus.parse_article("عنوان\ud800\nنص", id="x")
    assert article.title == "عنوان\ufffd"
    assert "invalid-character" in [d.code for d in article.defects]
    assert type(article).model_validate_json(article.model_dump_json()) == article


def test_nul_bytes_are_kept_and_recorded_with_their_line() -> None:
    article = seedcorpus.parse_bytes("عنوان\nنص\x00 هنا".encode(), id="x")
    assert article.body == ["نص\x00 هنا"]
    control = [d for d in article.defects if d.code == "control-character"]
    assert control and control[0].line == 2


def test_only_lf_cr_and_crlf_break_lines() -> None:
    text, _ = clean_text("a\u2028b\x1cc\r\nd\re")
    assert [line.text for line in split_lines(text)] == ["a\u2028b\x1cc", "d", "e"]
    assert [line.number for line in split_lines(text)] == [1, 2, 3]


def test_line_numbers_count_blank_lines() -> None:
    lines = split_lines("\n\nتاريخ\n\n  \nنص  \n")
    assert [(line.number, line.text) for line in lines] == [(3, "تاريخ"), (6, "نص")]
