"""The mistakes curators make in faq/*.yaml: each reported once, at its line, with advice that
works — doing what the message says makes the FAQ valid again.

Each row breaks tests/fixtures/faq/dieu-kien.yaml (entry 'hoc-van' starts at line 14: id 14,
topic 15, question 16, alternates 17-20, answer 21, sources 22-26, reviewed 27, related 28),
expects one problem at `line` whose message contains `advice`, then applies `fix` — what the
advice tells the curator to write — and expects no problem at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.faq_loader import read_faq

TODAY = dt.date(2026, 11, 30)
FILE = "dieu-kien.yaml"
ANSWER = "  answer: Cần tốt nghiệp trung học cơ sở trở lên."
ALTERNATES = ("  alternates:\n    - học hết lớp mấy thì được vào đảng\n"
              "    - bằng cấp 2 có vào đảng được không\n    - trình độ văn hóa tối thiểu\n")
SOURCES = "    - doc: new-rule\n      ref: Mục 1.2\n"
HOC_VAN = ("- id: hoc-van\n  topic: dieu-kien\n  question: Vào Đảng cần trình độ học vấn gì?\n"
           + ALTERNATES + ANSWER + "\n  sources:\n" + SOURCES
           + "    - doc: old-rule\n      ref: Mục 1.2.1\n  reviewed: 2026-11-22\n"
           "  related: [tuoi]\n")

# (old, broken, line, advice, fixed): `broken` replaces `old`; `fixed` replaces `broken`.
MISTAKES = [
    pytest.param("  topic: dieu-kien\n  question: Vào", "   topic: dieu-kien\n  question: Vào",
                 15, "thụt lề sai: dòng này có 3 dấu cách, cần 2",
                 "  topic: dieu-kien\n  question: Vào", id="indent-3-spaces"),
    pytest.param("  topic: dieu-kien\n  question: Vào", " topic: dieu-kien\n  question: Vào",
                 15, "thụt lề sai: dòng này có 1 dấu cách, cần 2",
                 "  topic: dieu-kien\n  question: Vào", id="indent-1-space"),
    pytest.param("  question: Vào", "\tquestion: Vào", 16, "có ký tự Tab",
                 "  question: Vào", id="tab"),
    pytest.param(ANSWER, '  answer: "Cần tốt nghiệp trung học cơ sở trở lên.', 21,
                 "dấu ngoặc kép mở ở dòng này chưa đóng; thêm dấu ngoặc kép ở cuối câu",
                 '  answer: "Cần tốt nghiệp trung học cơ sở trở lên."', id="unclosed-quote"),
    pytest.param("  question: Vào Đảng cần trình độ học vấn gì?",
                 '  question: "Vào Đảng cần trình độ học vấn gì?', 16,
                 "dấu ngoặc kép mở ở dòng này chưa đóng",
                 '  question: "Vào Đảng cần trình độ học vấn gì?"', id="unclosed-quote-early"),
    pytest.param("- id: hoc-van", "id: hoc-van", 14, "thiếu '- ' ở đầu dòng",
                 "- id: hoc-van", id="missing-dash-entry"),
    pytest.param(SOURCES, "    doc: new-rule\n    ref: Mục 1.2\n", 23,
                 "thiếu '- ' ở đầu dòng: mọi phần tử của danh sách này bắt đầu bằng '- '",
                 SOURCES, id="missing-dash-source"),
    pytest.param("- id: nguoi-gioi-thieu", HOC_VAN + "- id: nguoi-gioi-thieu", 29,
                 "giống hệt mục ở", "- id: nguoi-gioi-thieu", id="pasted-duplicate-entry"),
    pytest.param(ANSWER, "  answer: Lưu ý: cần tốt nghiệp trung học cơ sở.", 21,
                 "có dấu ':' trong văn bản; hãy đặt cả câu trong dấu ngoặc kép",
                 '  answer: "Lưu ý: cần tốt nghiệp trung học cơ sở."', id="colon-in-text"),
    pytest.param(ANSWER, "  answer: “Lưu ý: cần tốt nghiệp trung học cơ sở.”", 21,
                 'dùng ngoặc kép thẳng "..."',
                 '  answer: "Lưu ý: cần tốt nghiệp trung học cơ sở."', id="curly-quotes"),
    pytest.param("  question: Vào Đảng", "  question:Vào Đảng", 16,
                 "thiếu dấu cách sau dấu ':'", "  question: Vào Đảng", id="no-space-after-colon"),
    pytest.param("    - bằng cấp 2", "    -bằng cấp 2", 19, "thiếu dấu cách sau dấu '-'",
                 "    - bằng cấp 2", id="no-space-after-dash"),
    pytest.param(ANSWER, "  answer: Cần tốt nghiệp\ntrung học cơ sở trở lên.", 22,
                 "thụt vào sâu hơn tên trường ở trên (thêm 2 dấu cách)",
                 "  answer: Cần tốt nghiệp\n    trung học cơ sở trở lên.",
                 id="line-not-indented"),
    pytest.param(ANSWER, "  answer: |\n  Cần tốt nghiệp trung học cơ sở trở lên.", 22,
                 "thụt vào sâu hơn tên trường ở trên",
                 "  answer: |\n    Cần tốt nghiệp trung học cơ sở trở lên.",
                 id="block-not-indented"),
    pytest.param("  related: [tuoi]", "  related: [tuoi", 28, "'[' hoặc '{' ở dòng này chưa đóng",
                 "  related: [tuoi]", id="unclosed-bracket"),
    pytest.param(ALTERNATES, "  alternates: học hết lớp mấy thì được vào đảng\n", 17,
                 "'alternates' phải là danh sách (mỗi dòng bắt đầu bằng '- ')", ALTERNATES,
                 id="list-written-as-text"),
    pytest.param(ANSWER, "  answer: x\n" + ANSWER, 22, "khóa 'answer' bị lặp lại", ANSWER,
                 id="duplicate-key"),
    pytest.param(ANSWER, ANSWER.replace("answer", "anwser"), 21,
                 "trường 'anwser' viết sai chính tả; sửa thành 'answer'", ANSWER,
                 id="misspelt-field"),
    pytest.param(ANSWER + "\n  sources:", "  answer:\n  sources:", 21, "'answer' đang trống",
                 ANSWER + "\n  sources:", id="empty-value"),
    pytest.param("  reviewed: 2026-11-22\n  related: [tuoi]",
                 "  reviewed: 2026-11-31\n  related: [tuoi]", 27,
                 "ngày '2026-11-31' không có thật; viết dạng YYYY-MM-DD",
                 "  reviewed: 2026-11-30\n  related: [tuoi]", id="impossible-date"),
    pytest.param("  reviewed: 2026-11-22\n  related: [tuoi]",
                 "  reviewed: 22/11/2026\n  related: [tuoi]", 27, "phải viết dạng YYYY-MM-DD",
                 "  reviewed: 2026-11-22\n  related: [tuoi]", id="date-day-first"),
    pytest.param("  topic: dieu-kien\n  question: Vào", "  topic: dieu-kienn\n  question: Vào",
                 15, "có phải 'dieu-kien'?", "  topic: dieu-kien\n  question: Vào",
                 id="misspelt-topic"),
    pytest.param("  related: [tuoi]", "  related: [&r tuoi, *r]", 28,
                 "không dùng neo '&' và bí danh '*'", "  related: [tuoi]", id="yaml-anchor"),
]


def problems(faq: Path) -> list[str]:
    _, _, found = read_faq(faq, TODAY)
    return [f"{Path(p.file).name}:{p.line}: {p.message}" for p in found]


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_base_file_is_valid_and_as_described(faq_copy: Path) -> None:
    assert problems(faq_copy) == []
    text = (faq_copy / FILE).read_text(encoding="utf-8")
    assert HOC_VAN in text and text.splitlines()[13] == "- id: hoc-van"


@pytest.mark.parametrize(("old", "broken", "line", "advice", "fixed"), MISTAKES)
def test_a_mistake_is_reported_once_at_its_line_and_the_advice_fixes_it(
    faq_copy: Path, old: str, broken: str, line: int, advice: str, fixed: str
) -> None:
    path = faq_copy / FILE
    replace_once(path, old, broken)
    found = problems(faq_copy)
    assert len(found) == 1, found
    assert found[0].startswith(f"{FILE}:{line}: "), found
    assert advice in found[0], found
    replace_once(path, broken, fixed)
    assert problems(faq_copy) == []


def test_the_table_covers_at_least_fifteen_mistakes() -> None:
    assert len(MISTAKES) >= 15
