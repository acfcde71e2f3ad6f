"""`validate` tells a curator file:line and what to fix, for every kind of mistake."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.console.cli import main
from bot.core.faq_loader import read_faq, read_faq_report
from bot.core.raw_faq import display_path
from tests.conftest import ROOT

TODAY = dt.date(2026, 11, 22)


def problems_after(faq: Path, file: str, old: str, new: str) -> list[str]:
    path = faq / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, _, problems = read_faq(faq, TODAY)
    return [f"{Path(p.file).name}:{p.line}: {p.message}" for p in problems]


def edit(faq: Path, file: str, old: str, new: str) -> None:
    path = faq / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def located(problems: list) -> list[str]:  # type: ignore[type-arg]
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


# --- links and their publishers (faq/sources/publishers.yaml) --------------------------------

DANG_PHI_URL = "      url: https://example.org/dang-phi"
OLD_RULE_REF = "      ref: Mục 1.2.1"  # hoc-van also cites new-rule, on example.org


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("sources/docs.yaml", "  url: https://example.org/294",
         "  url: http://118.69.201.250:801/294",
         ("docs.yaml:20: đường dẫn 'http://118.69.201.250:801/294' dùng địa chỉ IP "
         "118.69.201.250, không cho biết ai đăng trang này")),
        ("dang-phi.yaml", DANG_PHI_URL, "      url: http://[2001:db8::1]/dang-phi",
         ("dang-phi.yaml:12: đường dẫn 'http://[2001:db8::1]/dang-phi' dùng địa chỉ IP "
         "2001:db8::1")),
        ("dang-phi.yaml", DANG_PHI_URL, "      url: https://chia-se.example.com/dang-phi",
         ("dang-phi.yaml:9: mục 'muc-dang-phi' chỉ dẫn tới nguồn loại 'other' "
         "(chia-se.example.com); thêm ít nhất một trang chính thức")),
        ("dang-phi.yaml", DANG_PHI_URL, "      url: https://khong-ro.example/dang-phi",
         ("dang-phi.yaml:9: mục 'muc-dang-phi' chỉ dẫn tới nguồn loại 'other' "
         "(khong-ro.example)")),
        ("sources/publishers.yaml", "example.org: official", "example.org: other",
         "dieu-kien.yaml:9: mục 'tuoi' chỉ dẫn tới nguồn loại 'other' (example.org)"),
        ("sources/publishers.yaml", "example.org: official", "example.org: blog",
         ("publishers.yaml:3: 'example.org' là 'blog', phải là một trong: official, "
         "legal-db, press, other")),
        ("sources/publishers.yaml", "example.org: official",
         "example.org: official\n118.69.201.250: official",
         "publishers.yaml:4: khóa '118.69.201.250' phải là tên miền viết thường"),
        ("sources/publishers.yaml", "example.org: official",
         "example.org: official\nhttps://x.vn: press",
         "publishers.yaml:4: khóa 'https://x.vn' phải là tên miền viết thường"),
    ],
    ids=["ip-document", "ipv6-citation", "all-other-entry", "unknown-counts-as-other",
         "all-other-by-document-url", "bad-class", "ip-domain-key", "url-as-domain-key"],
)
def test_link_problem_is_located(
    faq_copy: Path, file: str, old: str, new: str, expected: str
) -> None:
    problems = problems_after(faq_copy, file, old, new)
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("dieu-kien.yaml", OLD_RULE_REF, OLD_RULE_REF + "\n      url: https://khong-ro.example/x",
         [("dieu-kien.yaml:27: tên miền 'khong-ro.example' chưa có trong "
          "faq/sources/publishers.yaml; thêm một dòng 'khong-ro.example: official' "
          "(hoặc legal-db, press, other)")]),
        ("sources/docs.yaml", "  url: https://example.org/news",
         "  url: https://www.tin.example.net/news",
         [("docs.yaml:24: tên miền 'www.tin.example.net' chưa có trong "
          "faq/sources/publishers.yaml; thêm một dòng 'www.tin.example.net: official' "
          "(hoặc legal-db, press, other)")]),
        ("sources/docs.yaml", "  url: https://example.org/294",
         "  url: https://news.example.net/294",
         [("docs.yaml:20: văn bản 'new-rule' đang có hiệu lực nhưng đường dẫn là nguồn loại "
          "'press'; trỏ tới bản trên trang chính thức hoặc cơ sở dữ liệu pháp luật (báo đặt "
          "ở 'url' của từng trích dẫn)")]),
        ("dang-phi.yaml", DANG_PHI_URL, "      url: https://a.news.example.net/dang-phi",
         []),  # a subdomain of a listed domain is known; press beside nothing else is enough
        ("sources/docs.yaml", "  url: https://example.org/232",
         "  url: https://news.example.net/232", []),  # a superseded rule may sit in the press
    ],
    ids=["unknown-citation-domain", "unknown-document-domain", "in-force-rule-in-press",
         "subdomain-is-known", "superseded-rule-in-press"],
)
def test_link_warning_is_located(
    faq_copy: Path, file: str, old: str, new: str, expected: list[str]
) -> None:
    edit(faq_copy, file, old, new)
    report = read_faq_report(faq_copy, TODAY)
    assert located(report.problems) == []
    assert located(report.warnings) == expected


def test_missing_publisher_list(faq_copy: Path) -> None:
    (faq_copy / "sources" / "publishers.yaml").unlink()
    _, _, problems = read_faq(faq_copy, TODAY)
    assert located(problems) == ["publishers.yaml:1: thiếu tệp này; tạo lại theo faq/README.md"]


def test_cli_prints_warnings_and_still_passes(
    faq_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(faq_copy, "dieu-kien.yaml", OLD_RULE_REF,
         OLD_RULE_REF + "\n      url: https://khong-ro.example/x")
    assert main(["validate", str(faq_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    prefix = f"{display_path(faq_copy)}/"
    assert [line.removeprefix(prefix) for line in out] == [
        ("dieu-kien.yaml:27: cảnh báo: tên miền 'khong-ro.example' chưa có "
        "trong faq/sources/publishers.yaml; thêm một dòng 'khong-ro.example: official' "
        "(hoặc legal-db, press, other)"),
        "FAQ hợp lệ: 4 mục, 2 chủ đề, 4 văn bản nguồn. 1 cảnh báo.",
    ]


@pytest.mark.parametrize(
    ("phrasing", "expected"),
    [
        ("bo tung o tu thi con co vao dang duoc khong",
         ["dieu-kien.yaml:7: câu 'bo tung o tu thi con co vao dang duoc khong': 'bo' gõ không "
          "dấu không được hiểu là người thân (có thể là một từ khác), nên câu đọc như chuyện "
          "của chính người hỏi; viết có dấu hoặc thêm người được nói tới ('bo em', 'bo tôi')"]),
        ("bo em tung o tu thi co vao dang duoc khong", []),  # "bo em" is read as a father
        ("bố từng ở tù thì con có vào đảng được không", []),
    ],
    ids=["a-father-typed-alone-without-diacritics", "a-father-with-em", "with-diacritics"],
)
def test_a_relative_the_reader_cannot_see_is_a_warning(
    faq_copy: Path, phrasing: str, expected: list[str]
) -> None:
    """In an entry about relatives, a phrasing whose relative is lost reads as the writer's
    own situation, and the situation guard then lets the entry answer the wrong person."""
    shutil.copy(ROOT / "faq" / "reading.yaml", faq_copy / "reading.yaml")
    edit(faq_copy, "dieu-kien.yaml", "    - tuổi tối thiểu kết nạp đảng\n",
         f"    - {phrasing}\n    - bố em từng đi tù thì em có vào đảng được không\n"
         "    - mẹ em đang ở tù có ảnh hưởng gì không\n    - cha tôi có tiền án\n"
         "    - bố mẹ em từng ngồi tù\n")  # most of the entry now speaks of parents
    report = read_faq_report(faq_copy, TODAY)
    assert located(report.problems) == []
    assert [w for w in located(report.warnings) if "người thân" in w] == expected
