"""`eval`'s arithmetic on the small fixture FAQ: outcomes, letters, suggestions that help."""

from __future__ import annotations

from bot.core.engine import LETTER_CHARS, Engine
from bot.core.evaluation import Case, evaluate, format_report

LETTER = ("Thưa ban biên tập, em là công nhân may ở khu công nghiệp đã được 5 năm, được tổ "
          "trưởng động viên phấn đấu, em cũng tham gia công đoàn rất tích cực, năm nào cũng "
          "được khen. Em năm nay 17 tuổi, em có vào đảng được không ạ?")


def test_outcomes_are_counted_apart(small_engine: Engine) -> None:
    cases = [
        Case("mấy tuổi được vào đảng", "answer", ("18",)),
        Case("mấy tuổi được vào đảng", "answer", ("khong co trong cau tra loi",)),
        Case("mẫu đơn xin nghỉ phép", "none", ()),
        Case(LETTER, "answer", ("18",)),
        Case("giá vàng hôm nay", "answer", ("18",)),
    ]
    summary = evaluate(small_engine, cases).summary()
    counted = ("correct", "wrong", "suggest", "none", "out_of_scope", "long_in_scope",
               "long_wrong")
    # The letter's story dilutes its scores: buttons, not an answer, on this small FAQ.
    assert [summary[k] for k in counted] == [1, 1, 1, 1, 1, 1, 0]
    assert len(LETTER) > LETTER_CHARS


def test_a_suggestion_with_the_right_button_is_counted(small_engine: Engine) -> None:
    # Two entries tie on this question: the bot offers both, one of them answers it.
    question = "vào đảng được không"
    helpful = Case(question, "answer", ("18",))
    useless = Case(question, "answer", ("khong co trong cau tra loi",))
    report = evaluate(small_engine, [helpful, useless])
    assert [(r.outcome, r.offered) for r in report.results] == [("suggest", True),
                                                                 ("suggest", False)]
    assert report.summary()["suggest_offered"] == 1
    assert "có nút đúng: 1" in format_report(report)
