"""Real-shaped messages against the real FAQ: letters, situations, question kinds."""

from __future__ import annotations

import pytest

from bot.core.decision import Answer, NoMatch, Suggest
from bot.core.engine import Engine


@pytest.mark.parametrize(
    ("message", "entry_id"),
    [
        ("hoc cam tinh dang mat bao lau", "thoi-gian-hoc"),
        ("học lớp cảm tình đảng có mất tiền không", "hoc-phi-lop"),
        (("Thưa luật sư, tôi tên là X, năm nay 27 tuổi, làm công nhân ở khu công nghiệp. "
         "Năm 2010 bố tôi bị tòa tuyên phạt 3 năm tù về tội đánh bạc, đã chấp hành xong. "
         "Nay tôi được công đoàn giới thiệu đi học lớp cảm tình đảng. Vậy tôi có được kết nạp "
         "vào Đảng không? Xin cảm ơn luật sư."), "bo-me-tung-di-tu"),
        (("Chào ban biên tập. Em làm công nhân may đã 5 năm, được tổ trưởng động viên phấn đấu. "
         "Trên cánh tay em có một hình xăm từ hồi đi học. Như vậy em có vào Đảng được không ạ?"),
         "hinh-xam"),
    ],
    ids=["mat-bao-lau-is-the-class", "mat-tien-is-money", "letter-father-prison",
         "letter-tattoo"],
)
def test_puts_first_what_is_asked(real_engine: Engine, message: str, entry_id: str) -> None:
    """Answered, or (a letter needs more certainty) offered as the first suggestion."""
    decision = real_engine.ask(message)
    match decision:
        case Answer(entry=entry):
            assert entry.id == entry_id
        case Suggest(candidates=candidates):
            assert len(message) > 200 and candidates[0].entry.id == entry_id
        case _:
            raise AssertionError(decision)


@pytest.mark.parametrize(
    ("message", "not_entry"),
    [
        ("vợ em là người nước ngoài thì em có vào đảng được không", "nguoi-nuoc-ngoai"),
        ("em từng đi tù vì trộm cắp, giờ có vào đảng được không", "bo-me-tung-di-tu"),
        ("bố em từng đi tù, em có vào đảng được không", "tien-an-ban-than"),
    ],
    ids=["married-to-a-foreigner", "own-record-not-father", "father-not-own-record"],
)
def test_never_answers_another_situation(real_engine: Engine, message: str,
                                         not_entry: str) -> None:
    decision = real_engine.ask(message)
    if isinstance(decision, Answer):
        assert decision.entry.id != not_entry
    else:
        assert isinstance(decision, Suggest | NoMatch)


def test_a_second_question_becomes_a_button(real_engine: Engine) -> None:
    decision = real_engine.ask("Giấy chứng nhận lớp cảm tình đảng dùng được mấy năm? Và vào "
                               "đảng rồi thì đảng phí mỗi tháng đóng bao nhiêu?")
    assert isinstance(decision, Answer)
    assert decision.entry.id == "gia-tri-giay-chung-nhan"
    assert decision.also is not None and decision.also.id == "muc-dang-phi"


def test_two_questions_in_one_sentence_give_a_button(real_engine: Engine) -> None:
    decision = real_engine.ask("em 17 tuoi co vao dang dc ko, can giay to gi")
    assert isinstance(decision, Answer)
    assert decision.entry.id == "tuoi-vao-dang"
    assert decision.also is not None and decision.also.id == "ho-so-ket-nap"


def test_one_question_has_no_second(real_engine: Engine) -> None:
    decision = real_engine.ask("giấy chứng nhận lớp cảm tình đảng dùng được mấy năm")
    assert isinstance(decision, Answer) and decision.also is None
