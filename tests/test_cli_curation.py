"""`misses`, `add-phrasing`, `changes` and `validate` with drafts, as a curator runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.store.storage import Storage
from tests.conftest import ROOT


@pytest.fixture
def setup(tmp_path: Path, faq_copy: Path) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({
        "faq_dir": str(faq_copy), "storage": {"path": str(tmp_path / "data" / "bot.sqlite3")},
    }), encoding="utf-8")
    return config


def run(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(config), *args],
        capture_output=True, text=True, timeout=60, cwd=ROOT, check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )


def test_misses_prints_groups_most_asked_first(setup: Path, tmp_path: Path) -> None:
    store = Storage(tmp_path / "data" / "bot.sqlite3", retention_days=30)
    for text in ("lương hưu của đảng viên", "xổ số hôm nay", "luong huu dang vien bao nhieu",
                 "gọi 0912345678: lương hưu đảng viên"):
        store.record_miss("u", text, "no_match", None)
    store.close()
    result = run(setup, "misses")
    assert result.returncode == 0, result.stderr
    groups = yaml.safe_load(result.stdout)
    assert [(g["count"], g["question"][:5]) for g in groups] == [(3, "lương"), (1, "xổ số")]
    assert len(groups[0]["asked_as"]) == 3
    assert "0912" not in result.stdout
    assert result.stderr.strip() == "2 nhóm câu hỏi chưa có câu trả lời."


def test_misses_without_a_database_creates_none(setup: Path, tmp_path: Path) -> None:
    result = run(setup, "misses")
    assert (result.returncode, yaml.safe_load(result.stdout)) == (0, [])
    assert not (tmp_path / "data" / "bot.sqlite3").exists()  # the engine cache may be there


def test_add_phrasing_then_changes(setup: Path, faq_copy: Path) -> None:
    result = run(setup, "add-phrasing", "muc-dang-phi", "mỗi tháng đóng đảng phí hết bao nhiêu")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("Đã thêm «mỗi tháng đóng đảng phí hết bao nhiêu» vào mục "
                                     "muc-dang-phi (dang-phi.yaml), thay đổi #1.")
    assert "- mỗi tháng đóng đảng phí hết bao nhiêu\n" in (
        faq_copy / "dang-phi.yaml").read_text(encoding="utf-8")
    log = run(setup, "changes")
    assert log.returncode == 0
    assert log.stdout.startswith("#1 ")
    assert ("console: ➕ thêm cách hỏi muc-dang-phi (dang-phi.yaml) «mỗi tháng đóng đảng phí "
            "hết bao nhiêu»") in log.stdout
    assert run(setup, "validate").returncode == 0


def test_a_refused_phrasing_is_one_line_and_exit_1(setup: Path, faq_copy: Path) -> None:
    before = (faq_copy / "dang-phi.yaml").read_bytes()
    result = run(setup, "add-phrasing", "muc-dang-phi", "mấy tuổi được vào đảng")
    assert result.returncode == 1
    assert result.stderr.startswith("Lỗi: không thêm được: FAQ sẽ có lỗi")
    assert "mấy tuổi được vào đảng' trùng với một câu của mục" in result.stderr
    assert "faq-edit-" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert (faq_copy / "dang-phi.yaml").read_bytes() == before
    assert run(setup, "changes").stdout.strip() == "Chưa có thay đổi nào."


def test_validate_keeps_drafts_apart(setup: Path, faq_copy: Path) -> None:
    (faq_copy / "drafts").mkdir()
    (faq_copy / "drafts" / "nhap.yaml").write_text(
        "- id: nhap-x\n  question: Câu chưa có trả lời?\n  alternates: []\n  answer: ''\n",
        encoding="utf-8")
    result = run(setup, "validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == (
        "1 mục nháp trong drafts/nhap.yaml chờ hoàn thiện (bot chưa dùng).")
