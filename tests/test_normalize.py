from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.glossary import Glossary, load_glossary
from bot.core.normalize import Normalizer
from bot.core.text import clean, fold
from tests.conftest import ROOT

GLOSSARY, _ = load_glossary(ROOT / "faq" / "glossary.yaml", "glossary.yaml",
                            ROOT / "faq" / "schema" / "glossary.schema.json")
NORMALIZER = Normalizer(GLOSSARY)


def words(text: str) -> list[str]:
    return [t.text for t in NORMALIZER.tokens(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng viên", "Dang vien"),
        ("đảng ủy đồng ý", "dang uy dong y"),
        ("đ", "d"),
        ("ĐẢNG", "DANG"),
        ("thẩm tra lý lịch", "tham tra ly lich"),
        ("nghị định 98/2014", "nghi dinh 98/2014"),
    ],
    ids=["d-stroke", "d-stroke-lower", "d-stroke-alone", "upper", "tones", "digits-untouched"],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (unicodedata.normalize("NFD", "Đảng viên"), "đảng viên"),
        ("vào\u200bđảng", "vàođảng"),
        ("dạaaaa", "dạ"),
        ("xoong", "xoong"),
        ("a\x00b\tc", "a b c"),
        ("trách nhiệm hữu hạn", "trách nhiệm hữu hạn"),
        ("Ưu tú, nghỉ hưu", "ưu tú, nghỉ hưu"),
        ("cứuuuu", "cứu"),
    ],
    ids=["nfd-to-nfc", "zero-width", "stretched", "oo-kept", "control-chars",
         "huu-is-not-stretched", "uu-tu-is-not-stretched", "stretched-after-u-horn"],
)
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dv dự bị", ["đảng", "viên", "dự", "bị"]),
        ("đv", ["đảng", "viên"]),
        ("cty em ko có cb", ["công", "ty", "em", "không", "có", "chi", "bộ"]),
        ("dạ cho em hỏi vào đảng ạ", ["vào", "đảng"]),
        ("ad ơi đảng phí bn", ["đảng", "phí", "bao", "nhiêu"]),
        ("mấy % đảng phí", ["mấy", "phần", "trăm", "đảng", "phí"]),
        ("1% lương", ["1%", "lương"]),
    ],
    ids=["abbrev-dv", "abbrev-accented-key", "several-abbrevs", "fillers", "ad-oi", "percent",
         "percent-number"],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_accented_word_never_taken_for_unaccented_abbreviation() -> None:
    glossary = Glossary(expansions={("du",): ((("du",), ("đảng", "ủy")),)})
    normalizer = Normalizer(glossary)
    assert [t.text for t in normalizer.tokens("dự bị")] == ["dự", "bị"]
    assert [t.text for t in normalizer.tokens("du")] == ["đảng", "ủy"]


@given(st.text(max_size=3000))
def test_tokens_never_raise_and_are_clean(text: str) -> None:
    for token in NORMALIZER.tokens(text):
        assert token.text
        assert token.folded == fold(token.text)
        assert token.text == unicodedata.normalize("NFC", token.text)


@pytest.mark.parametrize(
    ("text", "about_the_party"),
    [
        ("Em muốn vào Đảng", True),
        ("em muon vao dang", True),
        ("dang phi dong bao nhieu", True),
        ("the dang bi mat", True),
        ("dv du bi co dc bau cu ko", True),  # "dv" is "đảng viên", typed in full by the glossary
        ("anh e bi khai tru nam 2022 gio xin lai dc ko", True),
        ("chi bo cty hop khi nao", True),
        ("em đang làm công nhân", False),
        ("em dang lam cong nhan o kcn", False),
        ("nguoi yeu e theo dao, e dang xin vao nganh ca thi co lay nhau dc ko", False),
        ("mẫu đơn xin nghỉ phép", False),
    ],
)
def test_the_party_is_named_by_a_phrase_when_typed_without_diacritics(
        text: str, about_the_party: bool) -> None:
    """Typed without diacritics "dang" is mostly "đang" (doing): alone it names nothing."""
    assert NORMALIZER.mentions_domain(NORMALIZER.tokens(text)) is about_the_party


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("e 17t vao dang dc ko", ["em", "17", "tuổi", "vao", "dang", "được", "không"]),
        ("năm nay 61tuổi", ["năm", "nay", "61", "tuổi"]),
        ("18tuoi", ["18", "tuổi"]),
        ("nam 2019", ["nam", "2019"]),  # a year is not an age
        ("3tr", ["3tr"]),
    ],
    ids=["texted-age", "age-with-diacritics", "age-without", "year", "not-an-age"],
)
def test_a_texted_age_is_a_number_and_tuoi(text: str, expected: list[str]) -> None:
    assert words(text) == expected
