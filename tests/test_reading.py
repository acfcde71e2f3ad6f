"""The letter reader: greetings, stories and questions, with the real faq/reading.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.faq_loader import READING_FILE, load_lexicon
from bot.core.glossary import load_glossary
from bot.core.normalize import Normalizer
from bot.core.reading import Reader
from tests.conftest import ROOT

FAQ = ROOT / "faq"


@pytest.fixture(scope="module")
def reader() -> Reader:
    glossary, problems = load_glossary(FAQ / "glossary.yaml", "glossary.yaml",
                                       FAQ / "schema" / "glossary.schema.json")
    lexicon, more = load_lexicon(FAQ / READING_FILE, FAQ / "schema" / "reading.schema.json")
    assert problems + more == []
    return Reader(Normalizer(glossary), lexicon)


def _focus(reader: Reader, text: str) -> str:
    return " ".join(t.text for t in reader.read(text).focus)


@pytest.mark.parametrize(
    ("message", "focus"),
    [
        ("ai giới thiệu em vào đảng", "~who giới thiệu em vào đảng"),
        ("Thưa luật sư, tôi muốn hỏi đảng phí đóng ở đâu?", "đảng phí đóng ~where"),
        (("Chào ban biên tập. Em năm nay 25 tuổi, làm công nhân may ở khu công nghiệp. "
         "Em có được vào đảng không ạ? Em xin cảm ơn."), "em có được vào đảng không"),
        (("Tôi tên là X, sinh năm 1990, hiện làm kỹ sư cho một công ty vốn Nhật ở Bắc Ninh. "
         "Lớp cảm tình đảng học mất bao lâu?"), "lớp cảm tình đảng học ~duration"),
        (("Kính gửi luật sư. Tôi có một câu hỏi mong được giải đáp. Rất mong luật sư trả lời "
         "sớm. Trân trọng."), "tôi có một câu hỏi mong được giải đáp"),
        (("Xin chào luật sư X:Tôi làm công nhân. Tôi có được vào đảng không? "
          "Tôi xin chân thành cảm ơn?"), "tôi có được vào đảng không"),
    ],
    ids=["one-line", "salutation-clause", "letter-with-closing", "self-introduction",
         "no-question-found", "salutation-colon-and-thanks-with-a-question-mark"],
)
def test_focus_is_the_question_sentence(reader: Reader, message: str, focus: str) -> None:
    assert _focus(reader, message) == focus


@pytest.mark.parametrize(
    ("message", "pairs"),
    [
        ("bố em từng đi tù, em có vào đảng được không", {("parent", "prison")}),
        ("bo em di tu 3 nam, e co vao dang dc ko", {("parent", "prison")}),
        ("em từng bị án treo thì có vào đảng được không", {(None, "prison")}),
        ("chi bo em co 5 dang vien, em bi xam hinh co vao dang dc ko", {(None, "tattoo")}),
        ("bố vợ em đi xuất khẩu lao động Hàn Quốc", {("in-law", "abroad")}),
        ("vợ em là người nước ngoài, em vào đảng được không", {("spouse", "abroad")}),
        ("Anh trai em năm 2015 bị bắt, đi tù 2 năm. Em có vào đảng được không?",
         {("sibling", "prison")}),
        ("công nhân may có vào đảng được không", set()),
        ("đảng viên dự bị mấy tháng thì chuyển chính thức", set()),
        ("em làm ở công ty liên doanh với nước ngoài, làm ca nên hay vắng họp", set()),
        ("sếp em là người nước ngoài, em vào đảng có sao không", set()),
        ("tia em tung o tu may nam, em vo dang dc ko", {("parent", "prison")}),
        ("Bố em là đảng viên, em có hình xăm thì có vào Đảng được không?", {(None, "tattoo")}),
        ("vo e la dang vien, e dang no ngan hang co vao dang dc ko", {(None, "debt")}),
        ("em trai em đi tù 2 năm, em có vào đảng được không", {("sibling", "prison")}),
        ("em làm công ty điện tử Hàn Quốc, bố em từng đi tù", {("parent", "prison")}),
        ("nhà máy may của Đài Loan, em vào đảng được không", set()),
        ("chồng em là người Hàn Quốc, em vào đảng được không", {("spouse", "abroad")}),
        ("em làm công ty chồng em người Hàn", {("spouse", "abroad")}),
        ("người lao động ở xưởng may có vào đảng được không", set()),
        ("Công ty em là doanh nghiệp FDI của Hàn Quốc, em vào đảng được không?", set()),
        ("bố dượng em từng đi tù, em vào đảng được không", {("step-parent", "prison")}),
        ("me ke e bi an treo, e co vao dang dc ko", {("step-parent", "prison")}),
        ("chồng sau của mẹ em có tiền án", {("step-parent", "prison")}),
        ("bố mẹ nuôi em có tiền án thì em vào đảng được không", {("step-parent", "prison")}),
        ("em đi theo đơn hàng ở Đức 3 năm thì sinh hoạt đảng thế nào", {(None, "abroad")}),
        ("em lam xuong han quoc, e vao dang dc ko", set()),
    ],
    ids=["father-prison", "father-prison-texted", "own-suspended-sentence",
         "chi-bo-is-not-father", "in-law-abroad", "married-to-foreigner",
         "who-carries-over-clauses", "garment-worker", "probation-months",
         "joint-venture-is-a-workplace", "foreign-boss-is-not-family", "southern-father",
         "the-writer-again-after-a-relative", "the-writer-again-texted",
         "a-relative-named-after-em", "the-employer-s-country", "a-foreign-factory",
         "a-foreign-husband", "a-relative-between-employer-and-country",
         "a-worker-is-not-a-laotian", "fdi-of-korea", "a-stepfather-is-not-a-father",
         "a-stepmother-texted", "mother-s-second-husband", "adoptive-parents",
         "an-order-is-no-firm", "a-factory-texted"],
)
def test_situation_pairs(reader: Reader, message: str, pairs: set[tuple[str | None, str]]) -> None:
    assert set(reader.read(message).pairs) == pairs


@pytest.mark.parametrize(
    ("message", "kinds"),
    [
        ("hoc cam tinh dang mat bao lau", {"duration"}),
        ("hoc cam tinh dang co mat tien khong", {"money"}),
        ("ai giới thiệu em vào đảng", {"who"}),
        ("học lớp cảm tình ở đâu", {"where"}),
        ("lớp cảm tình học những gì", {"what"}),
        ("điều kiện vào đảng", set()),
    ],
    ids=["mat-bao-lau-is-time", "mat-tien-is-money", "who", "where", "what", "none"],
)
def test_question_kind(reader: Reader, message: str, kinds: set[str]) -> None:
    assert reader.read(message).kinds == kinds


def test_two_questions_are_read_apart(reader: Reader) -> None:
    reading = reader.read("Em đã học lớp cảm tình đảng. Giấy chứng nhận dùng được mấy năm? "
                          "Và đảng phí mỗi tháng đóng bao nhiêu?")
    assert len(reading.questions) == 2
    assert reading.has_story


@pytest.mark.parametrize(
    ("message", "questions"),
    [
        ("em 17 tuoi co vao dang dc ko, can giay to gi", 2),
        ("Tôi muốn vào Đảng thì có được không, cần điều kiện gì, và công ty tôi có phải lập "
         "chi bộ không?", 3),
        ("Cho em hỏi, em có hình xăm thì có vào Đảng được không?", 1),
        ("Bố em từng đi tù, em có vào Đảng được không?", 1),
        ("Nếu được kết nạp thì, sau bao lâu được chính thức?", 1),
    ],
    ids=["two-in-one-texted", "three-in-one-letter", "a-greeting-is-no-question",
         "story-clause-and-question", "a-condition-is-no-question"],
)
def test_one_sentence_asking_twice_is_two_questions(reader: Reader, message: str,
                                                   questions: int) -> None:
    reading = reader.read(message)
    assert len(reading.questions) == questions
    # the answer still weighs the whole sentence
    assert len(reading.focus) == len(reading.tokens)


def test_a_story_is_read_beside_its_question(reader: Reader) -> None:
    reading = reader.read("Em làm công nhân ở công ty giày. Bố em từng đi tù. "
                          "Em có được vào đảng không?")
    assert reading.has_story
    assert {"bo", "di", "tu"} <= reading.situation_words


def test_an_absent_reading_file_reads_every_message_whole(tmp_path: Path) -> None:
    lexicon, problems = load_lexicon(tmp_path / READING_FILE, tmp_path / "x.json")
    assert problems == []
    glossary, _ = load_glossary(FAQ / "glossary.yaml", "g",
                                FAQ / "schema" / "glossary.schema.json")
    plain = Reader(Normalizer(glossary), lexicon)
    reading = plain.read("Thưa luật sư. Bố em đi tù. Em vào đảng được không?")
    assert reading.focus == reading.tokens
    assert reading.pairs == frozenset()


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("em co vao dang dc khong", True),
        ("em có vào đảng được không", True),
        ("em làm công nhân may ở khu công nghiệp", False),
        ("cong nhan may o kcn", False),
        ("hoc lop cam tinh o dau", True),
        ("đầu tiên em làm đơn", False),
    ],
    ids=["khong-texted", "khong", "may-is-sewing", "may-is-sewing-texted", "o-dau", "dau-tien"],
)
def test_what_makes_a_question(reader: Reader, message: str, asks: bool) -> None:
    assert reader.phrase(message).asks is asks
