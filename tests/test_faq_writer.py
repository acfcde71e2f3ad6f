"""Machine edits of faq/: round trip, validation first, atomic, locked, scrubbed, undoable."""

from __future__ import annotations

import difflib
import threading
from pathlib import Path

import pytest

from bot.core.faq_loader import entry_files, read_faq
from bot.core.settings import MatchingConfig
from bot.curation import faq_writer
from bot.curation.faq_writer import EditRefused, add_draft, add_phrasing, restore
from tests.conftest import ROOT

MATCHING = MatchingConfig()
COMMENTED = """\
# yaml-language-server: $schema=schema/entries.schema.json
# Topic: who may join. A curator's note that must survive machine edits.

"""


@pytest.fixture
def faq(faq_copy: Path) -> Path:
    """The fixture FAQ, its dieu-kien.yaml with comments like the real files have."""
    path = faq_copy / "dieu-kien.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  alternates:\n", "  alternates:  # real ways people ask\n", 1).replace(
        "    - mấy tuổi được vào đảng\n", "    # texted forms first\n"
        "    - mấy tuổi được vào đảng  # most asked\n", 1).replace(
        "  reviewed: 2026-11-22\n", "  reviewed: 2026-11-22   # checked against Điều lệ\n", 1)
    path.write_text(COMMENTED + text, encoding="utf-8")
    return faq_copy


def added_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.ndiff(before.decode().splitlines(), after.decode().splitlines())
    changed = [line for line in diff if line[:2] in ("+ ", "- ")]
    assert all(line.startswith("+ ") for line in changed), changed
    return [line[2:] for line in changed]


def test_adds_one_line_and_keeps_everything_else(faq: Path) -> None:
    path = faq / "dieu-kien.yaml"
    before = path.read_bytes()
    edit = add_phrasing(faq, "tuoi", "tuổi tối đa để vào đảng là bao nhiêu", MATCHING)
    assert (edit.file, edit.entry_id, edit.before) == ("dieu-kien.yaml", "tuoi", before)
    assert path.read_bytes() == edit.after
    assert added_lines(before, edit.after) == ["    - tuổi tối đa để vào đảng là bao nhiêu"]
    assert edit.engine is not None
    assert edit.engine.ask("tuổi tối đa để vào đảng là bao nhiêu").entry.id == "tuoi"  # type: ignore[union-attr]


@pytest.mark.parametrize("path", entry_files(ROOT / "faq"), ids=lambda p: p.name)
def test_every_real_faq_file_round_trips_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert faq_writer._dump(faq_writer._load(path, text)) == text


def test_an_edit_of_the_real_faq_changes_one_line(tmp_path: Path) -> None:
    from tests.tg.conftest import copy_real_faq

    faq = copy_real_faq(tmp_path)
    before = (faq / "dieu-kien.yaml").read_bytes()
    edit = add_phrasing(faq, "tuoi-vao-dang", "con em 17 tuổi rưỡi đã vào đảng được chưa",
                        MATCHING)
    assert added_lines(before, edit.after) == ["    - con em 17 tuổi rưỡi đã vào đảng được chưa"]
    _, _, problems = read_faq(faq)
    assert problems == []


@pytest.mark.parametrize(("text", "written"), [
    ("gọi em 0912 345 678 hỏi đảng phí đóng ở đâu", "gọi em hỏi đảng phí đóng ở đâu"),
    ("mail lan.nguyen@example.com , tuổi kết nạp đảng tính sao",
     "mail, tuổi kết nạp đảng tính sao"),
    ("cccd 012345678901 thì bao nhiêu tuổi được vào đảng",
     "cccd thì bao nhiêu tuổi được vào đảng"),
    ("đã che [số điện thoại] rồi, tuổi vào đảng tính ra sao",
     "đã che rồi, tuổi vào đảng tính ra sao"),
], ids=["phone", "email", "id-card", "stored-mark"])
def test_contact_details_never_reach_the_yaml(faq: Path, text: str, written: str) -> None:
    edit = add_phrasing(faq, "tuoi", text, MATCHING)
    content = (faq / "dieu-kien.yaml").read_text(encoding="utf-8")
    assert edit.text == written and f"- {written}\n" in content
    for secret in ("0912", "345 678", "@", "example", "012345678901", "[số"):
        assert secret not in content


@pytest.mark.parametrize(("entry", "text", "reason"), [
    ("hoc-van", "mấy tuổi được vào đảng", "trùng với một câu của mục 'tuoi'"),
    ("tuoi", "Mấy tuổi được vào Đảng ạ", "đã có cách hỏi này"),
    ("khong-co", "mấy tuổi được vào đảng nhỉ", "không có mục 'khong-co'"),
    ("tuoi", "0912345678", "quá ngắn"),
    ("tuoi", "tuổi " * 60, "dài hơn 200 ký tự"),
], ids=["other-entry", "same-entry", "unknown-entry", "only-a-phone", "too-long"])
def test_a_refused_edit_changes_nothing(faq: Path, entry: str, text: str, reason: str) -> None:
    before = {p: p.read_bytes() for p in faq.rglob("*") if p.is_file()}
    with pytest.raises(EditRefused, match=reason):
        add_phrasing(faq, entry, text, MATCHING)
    assert {p: p.read_bytes() for p in faq.rglob("*") if p.is_file()} == before


def test_a_broken_faq_refuses_every_edit(faq: Path) -> None:
    (faq / "dang-phi.yaml").write_text("- id: muc-dang-phi\n  topic: [\n", encoding="utf-8")
    before = (faq / "dieu-kien.yaml").read_bytes()
    with pytest.raises(EditRefused, match=r"FAQ sẽ có lỗi.*dang-phi.yaml:"):
        add_phrasing(faq, "tuoi", "tuổi vào đảng tính thế nào", MATCHING)
    assert (faq / "dieu-kien.yaml").read_bytes() == before


def test_a_file_the_library_would_reformat_is_refused(faq: Path) -> None:
    path = faq / "dieu-kien.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  question:", "  question:  ", 1),
                    encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(EditRefused, match="trình bày"):
        add_phrasing(faq, "tuoi", "tuổi vào đảng tính thế nào", MATCHING)
    assert path.read_bytes() == before


def test_concurrent_edits_all_land_and_the_file_stays_valid(faq: Path) -> None:
    texts = [f"năm {n} tuổi vào đảng tính theo tháng phải không" for n in range(2020, 2026)]
    errors: list[BaseException] = []

    def edit(text: str) -> None:
        try:
            add_phrasing(faq, "tuoi", text, MATCHING)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=edit, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    faq_data, _, problems = read_faq(faq)
    assert problems == [] and faq_data is not None
    alternates = faq_data.get("tuoi").alternates  # type: ignore[union-attr]
    assert sorted(a for a in alternates if a.startswith("năm ")) == sorted(texts)


def test_the_same_phrasing_tapped_twice_at_once_lands_once(faq: Path) -> None:
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def edit(entry: str) -> None:
        barrier.wait()
        try:
            add_phrasing(faq, entry, "người 17 tuổi rưỡi có vào đảng được chưa", MATCHING)
            outcomes.append("added")
        except EditRefused:
            outcomes.append("refused")

    threads = [threading.Thread(target=edit, args=(e,)) for e in ("tuoi", "hoc-van")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["added", "refused"]
    assert read_faq(faq)[2] == []


def test_undo_restores_the_file_byte_for_byte(faq: Path) -> None:
    path = faq / "dieu-kien.yaml"
    before = path.read_bytes()
    edit = add_phrasing(faq, "tuoi", "tuổi vào đảng tính thế nào", MATCHING)
    undone = restore(faq, edit.file, edit.before, edit.after_digest, MATCHING)
    assert path.read_bytes() == before
    assert undone.engine is not None and undone.engine.faq.get("tuoi") is not None


def test_undo_refuses_when_the_file_changed_since(faq: Path) -> None:
    path = faq / "dieu-kien.yaml"
    edit = add_phrasing(faq, "tuoi", "tuổi vào đảng tính thế nào", MATCHING)
    add_phrasing(faq, "tuoi", "tuổi vào đảng tính theo năm à", MATCHING)
    later = path.read_bytes()
    with pytest.raises(EditRefused, match="đã được sửa sau"):
        restore(faq, edit.file, edit.before, edit.after_digest, MATCHING)
    assert path.read_bytes() == later


def test_drafts_stay_apart_from_the_live_faq(faq: Path) -> None:
    entries = len(read_faq(faq)[0].entries)  # type: ignore[union-attr]
    edit = add_draft(faq, "đảng viên có được đi xuất khẩu lao động không",
                     ("đảng viên có được đi xuất khẩu lao động không",
                      "dang vien di xkld duoc ko sdt 0912345678"))
    assert edit.before is None and edit.engine is None
    text = (faq / "drafts" / "nhap.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Bản nháp")
    assert "- id: nhap-dang-vien-co-duoc-di-xuat-khau\n" in text
    assert "  answer: ''\n" in text and "0912" not in text
    faq_data, _, problems = read_faq(faq)
    assert problems == [] and len(faq_data.entries) == entries  # type: ignore[union-attr]
    second = add_draft(faq, "đảng viên có được đi xuất khẩu lao động không", ())
    assert second.entry_id == "nhap-dang-vien-co-duoc-di-xuat-khau-2"
    assert faq_writer.count_drafts(faq) == 2
    restore(faq, second.file, second.before, second.after_digest, MATCHING)
    restore(faq, edit.file, edit.before, edit.after_digest, MATCHING)
    assert not (faq / "drafts" / "nhap.yaml").exists()
