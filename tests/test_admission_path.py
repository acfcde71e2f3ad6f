"""faq/path.yaml: it loads, agrees with the FAQ entries it links, and `validate` reports
every way a curator can break it at file:line."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from bot.core.admission_path import (
    PATH_FILE,
    SCHEMA_FILE,
    AdmissionPath,
    Step,
    load_path,
    number_in,
    path_text,
)
from bot.core.engine import Engine
from bot.core.faq_loader import read_faq
from bot.core.markup import to_plain
from bot.core.problems import FaqError
from tests.conftest import ROOT

REAL_FAQ = ROOT / "faq"
# The steps the issue lists, in order; the data file may word them its own way.
EXPECTED_ORDER = ["cam-tinh", "lop-nhan-thuc", "don-ly-lich", "gioi-thieu", "tham-tra",
                  "chi-bo-xet", "dang-uy-xet", "quyet-dinh", "le-ket-nap", "du-bi", "chinh-thuc"]


@pytest.fixture(scope="module")
def real_path(real_engine: Engine) -> AdmissionPath:
    path = load_path(REAL_FAQ, real_engine.faq)
    assert path is not None
    return path


@pytest.fixture
def path_dir(tmp_path: Path) -> Path:
    """Only path.yaml and its schema: enough for load_path against the real FAQ."""
    (tmp_path / "schema").mkdir()
    shutil.copy(REAL_FAQ / PATH_FILE, tmp_path / PATH_FILE)
    shutil.copy(REAL_FAQ / SCHEMA_FILE, tmp_path / SCHEMA_FILE)
    return tmp_path


def edit(folder: Path, old: str, new: str) -> None:
    file = folder / PATH_FILE
    text = file.read_text(encoding="utf-8")
    assert old in text, f"path.yaml changed: {old!r} is gone"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(folder: Path, needle: str) -> int:
    """The line of the last occurrence (a duplicate is reported where it repeats)."""
    lines = (folder / PATH_FILE).read_text(encoding="utf-8").splitlines()
    return max(i for i, line in enumerate(lines, 1) if needle in line)


def numbers_shown(step: Step) -> list[str]:
    """Every number the picture shows for a step ('60', '2/3'), read here on its own."""
    shown = [step.note] + ([str(step.deadline.amount), step.deadline.after]
                           if step.deadline is not None else [])
    return [n for text in shown for n in re.findall(r"\d+(?:/\d+)?", text)]


def test_real_path_has_the_steps_of_the_issue_in_order(real_path: AdmissionPath) -> None:
    assert [s.id for s in real_path.steps] == EXPECTED_ORDER


def test_real_deadlines_are_the_known_ones(real_path: AdmissionPath) -> None:
    deadlines = {s.id: (s.deadline.amount, s.deadline.unit, s.deadline.hedged)
                 for s in real_path.steps if s.deadline is not None}
    assert deadlines == {
        "quyet-dinh": (60, "ngày làm việc", True),
        "le-ket-nap": (30, "ngày làm việc", True),
        "du-bi": (12, "tháng", False),  # Điều lệ, Điều 5: in force, not hedged
        "chinh-thuc": (30, "ngày làm việc", True),
    }


def test_every_number_on_the_picture_is_in_the_linked_answer(
    real_path: AdmissionPath, real_engine: Engine
) -> None:
    """Picture and text never disagree: checked here directly, not through the validator."""
    missing = []
    for step in real_path.steps:
        entry = real_engine.faq.get(step.entry_id)
        assert entry is not None, step.entry_id
        answer = to_plain(entry.answer)
        if step.deadline is not None:
            shown = f"{step.deadline.amount} {step.deadline.unit}"
            if shown not in answer:
                missing.append((step.id, shown))
        missing += [(step.id, n) for n in numbers_shown(step)
                    if not re.search(rf"(?<![\d/]){re.escape(n)}(?![\d/])", answer)]
    assert missing == []


def test_step_sources_are_cited_by_the_linked_entry(
    real_path: AdmissionPath, real_engine: Engine
) -> None:
    for step in real_path.steps:
        entry = real_engine.faq.get(step.entry_id)
        assert entry is not None
        cited = {c.document.key for c in entry.sources}
        assert {d.key for d in step.sources} <= cited, step.id


def test_hedged_deadlines_name_the_older_rules(real_path: AdmissionPath) -> None:
    assert {d.key for d in real_path.older} == {"qd-232-2025", "qd-29-2016"}
    assert all(d.status == "superseded" for d in real_path.older)


def test_text_version_shows_every_step_actor_and_deadline(real_path: AdmissionPath) -> None:
    text = to_plain(path_text(real_path))
    for number, step in enumerate(real_path.steps, 1):
        assert f"{number}. {step.label}" in text
        assert step.actor in text
        if step.deadline is not None:
            assert step.deadline.text in text
    assert "hãy hỏi chi bộ" in text
    assert "Nguồn: " in text and f"cập nhật {real_path.reviewed:%d/%m/%Y}" in text


def test_real_faq_validates_with_the_path(real_engine: Engine) -> None:
    _, _, problems = read_faq(REAL_FAQ, dt.date.today())  # real entries are reviewed up to today
    assert [str(p) for p in problems] == []
    assert (REAL_FAQ / PATH_FILE).exists()


def test_no_path_file_is_no_path_and_no_problem(tmp_path: Path, small_engine: Engine) -> None:
    assert load_path(tmp_path, small_engine.faq) is None


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("entry: thoi-han-quyet-dinh", "entry: khong-co-muc", "entry: khong-co-muc",
         "không có mục hỏi đáp 'khong-co-muc'"),
        ("sources: [dieu-le-2011]\n", "sources: [khong-co-van-ban]\n", "khong-co-van-ban",
         "không có văn bản 'khong-co-van-ban' trong faq/sources/"),
        ("sources: [dieu-le-2011]\n", "sources: [qd-58-2022]\n", "qd-58-2022",
         "mục 'nguoi-gioi-thieu' không trích 'qd-58-2022'"),
        ("      amount: 60\n", "      amount: 45\n", "      amount: 45",
         "số '45' không có trong câu trả lời của mục 'thoi-han-quyet-dinh'"),
        ("note: Khoảng 5 ngày", "note: Khoảng 7 tuần", "note: Khoảng 7 tuần",
         "số '7' không có trong câu trả lời của mục 'lop-nhan-thuc-la-gi'"),
        ("sources: [dieu-le-2011, qd-294-2025, qd-29-2016]", "sources: [dieu-le-2011]",
         "hedged: true",  # the last one in the file: the step whose old rule was dropped
         "thời hạn 'hedged: true' phải trích cả văn bản cũ"),
        ("  - id: le-ket-nap\n", "  - id: quyet-dinh\n", "  - id: quyet-dinh",
         "bước 'quyet-dinh' bị lặp"),
        ("    label: Lễ kết nạp\n", "", "  - id: le-ket-nap", "thiếu trường 'label'"),
        ("      unit: tháng\n", "      unit: tuần\n", "unit: tuần", "'unit' là 'tuần'"),
        ("reviewed: 2026-11-30", "reviewed: 2026-13-01", "reviewed:", "không có thật"),
    ],
    ids=["unknown-entry", "unknown-source", "source-not-cited", "deadline-not-in-answer",
         "note-not-in-answer", "hedged-without-old-rule", "duplicate-step", "missing-label",
         "bad-unit", "impossible-date"],
)
def test_each_mistake_is_reported_at_its_line(
    path_dir: Path, real_engine: Engine, old: str, new: str, needle: str, message: str
) -> None:
    edit(path_dir, old, new)
    expected_line = line_of(path_dir, needle)
    with pytest.raises(FaqError) as raised:
        load_path(path_dir, real_engine.faq)
    found = [(Path(p.file).name, p.line, p.message) for p in raised.value.problems]
    assert any(name == PATH_FILE and line == expected_line and message in text
               for name, line, text in found), found


def test_validate_reports_a_broken_path(tmp_path: Path) -> None:
    """The hook in read_faq: `python -m bot validate` covers faq/path.yaml."""
    faq = tmp_path / "faq"
    shutil.copytree(REAL_FAQ, faq)
    edit(faq, "entry: du-bi-bao-lau", "entry: du-bi-khong-co")
    loaded, _, problems = read_faq(faq, dt.date.today())
    assert loaded is None
    assert [(Path(p.file).name, p.line) for p in problems] == [
        (PATH_FILE, line_of(faq, "entry: du-bi-khong-co"))]


def test_path_yaml_is_not_read_as_entries(tmp_path: Path) -> None:
    faq = tmp_path / "faq"
    shutil.copytree(REAL_FAQ, faq)
    loaded, _, problems = read_faq(faq, dt.date.today())
    assert problems == [] and loaded is not None


@pytest.mark.parametrize(
    ("number", "answer", "expected"),
    [("60", "trong **60 ngày làm việc**", True), ("6", "trong 60 ngày", False),
     ("2/3", "từ hai phần ba (2/3) số", True), ("3", "từ 2/3 số", False),
     ("12", "12 tháng", True)],
    ids=["bold", "not-a-prefix", "fraction", "not-part-of-fraction", "plain"],
)
def test_number_in_matches_whole_numbers(number: str, answer: str, expected: bool) -> None:
    assert number_in(number, answer) is expected


def test_digest_changes_with_the_data(path_dir: Path, real_engine: Engine,
                                      real_path: AdmissionPath) -> None:
    same = load_path(path_dir, real_engine.faq)
    assert same is not None and same.digest == real_path.digest
    edit(path_dir, "title: Lộ trình kết nạp Đảng", "title: Lộ trình vào Đảng")
    changed = load_path(path_dir, real_engine.faq)
    assert changed is not None and changed.digest != real_path.digest
