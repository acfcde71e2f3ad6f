"""`validate` tells a curator file:line and what to fix, for every kind of mistake."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.console.cli import main
from bot.core.faq_loader import read_faq

TODAY = dt.date(2026, 11, 22)


def problems_after(faq: Path, file: str, old: str, new: str) -> list[str]:
    path = faq / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, _, problems = read_faq(faq, TODAY)
    return [f"{Path(p.file).name}:{p.line}: {p.message}" for p in problems]


def test_fixture_is_valid(faq_copy: Path) -> None:
    faq, _, problems = read_faq(faq_copy, TODAY)
    assert problems == []
    assert faq is not None and len(faq.entries) == 4


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("dieu-kien.yaml", "- id: hoc-van", "- id: tuoi",
         "dieu-kien.yaml:14: id 'tuoi' đã dùng ở"),
        ("dieu-kien.yaml", "- id: hoc-van", "- id: Học-Vấn",
         "dieu-kien.yaml:14: 'id' là 'Học-Vấn': chỉ dùng chữ thường không dấu"),
        ("dieu-kien.yaml", "  topic: dieu-kien\n  question: Vào",
         "  topic: khong-co\n  question: Vào",
         "dieu-kien.yaml:15: chủ đề 'khong-co' không có trong faq/topics.yaml"),
        ("dieu-kien.yaml", "related: [hoc-van]", "related: [khong-ton-tai]",
         "dieu-kien.yaml:13: 'related' trỏ tới mục 'khong-ton-tai' không tồn tại"),
        ("dieu-kien.yaml", "    - doc: dieu-le\n      ref: Điều 4",
         "    - doc: dieu-le-x\n      ref: Điều 4",
         "dieu-kien.yaml:38: không có văn bản 'dieu-le-x' trong faq/sources/"),
        ("dieu-kien.yaml", "  reviewed: 2026-11-22\n  related: [hoc-van]",
         "  reviewed: 2026-13-40\n  related: [hoc-van]",
         "dieu-kien.yaml:12: ngày '2026-13-40' không có thật"),
        ("dieu-kien.yaml", "  reviewed: 2026-11-22\n  related: [hoc-van]",
         "  reviewed: 22/11/2026\n  related: [hoc-van]",
         "dieu-kien.yaml:12: ngày '22/11/2026' phải viết dạng YYYY-MM-DD"),
        ("dieu-kien.yaml", "  reviewed: 2026-11-22\n  related: [hoc-van]",
         "  reviewed: 2027-01-01\n  related: [hoc-van]",
         "dieu-kien.yaml:12: ngày rà soát 2027-01-01 ở tương lai"),
        ("dieu-kien.yaml", "    - tuổi tối thiểu kết nạp đảng", "    - Đảng phí đóng bao nhiêu",
         "dieu-kien.yaml:7: câu 'Đảng phí đóng bao nhiêu' trùng với một câu của mục"),
        ("dieu-kien.yaml", "  question: Bao nhiêu tuổi thì được vào Đảng?\n", "",
         "dieu-kien.yaml:1: thiếu trường 'question'"),
        ("dieu-kien.yaml", "  answer: Phải", "  anwser: x\n  answer: Phải",
         "dieu-kien.yaml:1: trường 'anwser' không có trong mẫu"),
        ("dieu-kien.yaml", "    - doc: dieu-le\n      ref: Điều 1, khoản 2",
         "    - doc: old-rule\n      ref: Mục 1",
         "dieu-kien.yaml:9: mục 'tuoi' chỉ dựa vào văn bản đã bị thay thế: "
         "232-QĐ/TW (thay bằng 294-QĐ/TW)"),
        ("dieu-kien.yaml", "    - doc: dieu-le\n      ref: Điều 1, khoản 2",
         "    - doc: news\n      ref: bài báo",
         "dieu-kien.yaml:9: mục 'tuoi' cần ít nhất một văn bản"),
        ("dieu-kien.yaml", "  question: Bao", "\tquestion: Bao",
         "dieu-kien.yaml:3: có ký tự Tab"),
        ("dieu-kien.yaml", "related: [hoc-van]", "related: [hoc-van",
         "dieu-kien.yaml:"),
        ("sources/docs.yaml", "  superseded_by: new-rule\n", "",
         "docs.yaml:12: văn bản 'old-rule' đã bị thay thế: ghi 'superseded_by"),
        ("sources/docs.yaml", "  status: superseded", "  status: old",
         "docs.yaml:12: 'status' là 'old', phải là một trong: in-force, superseded, unverified"),
        ("topics.yaml", "- id: dang-phi\n  name: Đảng phí\n",
         "- id: dang-phi\n  name: Đảng phí\n- id: trong\n  name: Trống\n",
         "topics.yaml:5: chủ đề 'trong' chưa có mục hỏi đáp nào"),
        ("topics.yaml", "- id: dang-phi\n", "- id: Đảng Phí\n",
         "topics.yaml:3: 'id' là 'Đảng Phí': chỉ dùng chữ thường không dấu"),
        ("topics.yaml", "  name: Đảng phí\n", "  name: '  '\n",
         "topics.yaml:4: 'name' đang trống"),
        ("topics.yaml", "  name: Đảng phí\n", "",
         "topics.yaml:3: thiếu trường 'name'"),
        ("glossary.yaml", "  dv: đảng viên\n", "  dv: ''\n",
         "glossary.yaml:7: 'dv' đang trống"),
        ("glossary.yaml", "fillers:\n  - dạ\n", "fillers: dạ\nfilers:\n  - dạ\n",
         "glossary.yaml:114: 'fillers' phải là danh sách"),
        ("glossary.yaml", "fillers:\n  - dạ\n", "fillers: []\nfilers:\n  - dạ\n",
         "glossary.yaml:6: trường 'filers' không có trong mẫu"),
    ],
    ids=["duplicate-id", "bad-slug", "unknown-topic", "unknown-related", "unknown-doc",
         "impossible-date", "date-format", "future-date", "phrasing-in-two-entries",
         "missing-field", "misspelt-field", "only-superseded", "only-article", "tab",
         "unclosed-bracket", "superseded-without-successor", "bad-status", "empty-topic",
         "topic-slug", "topic-blank-name", "topic-no-name", "glossary-blank-meaning",
         "glossary-not-a-list", "glossary-misspelt-key"],
)
def test_problem_is_located(
    faq_copy: Path, file: str, old: str, new: str, expected: str
) -> None:
    problems = problems_after(faq_copy, file, old, new)
    assert any(p.startswith(expected) for p in problems), problems


def test_marking_a_document_superseded_lists_every_entry_relying_on_it(faq_copy: Path) -> None:
    problems = problems_after(faq_copy, "sources/docs.yaml",
                              "new-rule:\n  kind: party\n  number: 294-QĐ/TW\n  title: "
                              "Quy định 294-QĐ/TW\n  status: in-force",
                              "new-rule:\n  kind: party\n  number: 294-QĐ/TW\n  title: "
                              "Quy định 294-QĐ/TW\n  status: superseded\n  superseded_by: dieu-le")
    relying = sorted(p.split(": ", 1)[1].split("'")[1] for p in problems if "thay thế" in p)
    assert relying == ["hoc-van", "muc-dang-phi"]


def test_answer_too_long_for_telegram(faq_copy: Path) -> None:
    long_answer = "Phải đủ 18 tuổi. " * 300
    problems = problems_after(faq_copy, "dieu-kien.yaml",
                              "answer: Phải **đủ 18 tuổi** khi chi bộ xét kết nạp.",
                              f"answer: {long_answer}")
    assert any("dài" in p and p.startswith("dieu-kien.yaml:8:") for p in problems), problems


def test_cli_exit_codes(faq_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(faq_copy)]) == 0
    assert "FAQ hợp lệ: 4 mục" in capsys.readouterr().out
    (faq_copy / "dieu-kien.yaml").write_text("- id: [\n", encoding="utf-8")
    assert main(["validate", str(faq_copy)]) == 1
    out = capsys.readouterr().out
    assert "dieu-kien.yaml:" in out and "Traceback" not in out


def test_missing_faq_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert "không tìm thấy thư mục FAQ" in capsys.readouterr().out
