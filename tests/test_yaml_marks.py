from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.yaml_marks import MarkedDict, MarkedList, load_marked


def load(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    data, problems = load_marked(path, "x.yaml")
    return data, [str(p) for p in problems]


def test_lines_are_kept(tmp_path: Path) -> None:
    data, problems = load(tmp_path, "- id: a\n  topic: b\n- id: c\n")
    assert problems == []
    assert isinstance(data, MarkedList)
    assert data.item_lines == [1, 3]
    assert isinstance(data[1], MarkedDict)
    assert data[0].line_of("topic") == 2


def test_dates_stay_text(tmp_path: Path) -> None:
    data, _ = load(tmp_path, "reviewed: 2026-11-22\n")
    assert data == {"reviewed": "2026-11-22"}


@pytest.mark.parametrize(
    ("text", "expected_start"),
    [
        ("- id: a\n\ttopic: b\n", "x.yaml:2: có ký tự Tab"),
        ("alternates: [a, b\nid: c\n", "x.yaml:"),
        ("id: a\nid: b\n", "x.yaml:2: khóa 'id' bị lặp"),
        ("- id: a\n  answer: Bước 1: học lớp\n", "x.yaml:2: có dấu ':' trong văn bản"),
        ("- id: a\n   topic: b\n", "x.yaml:2: thụt lề sai"),
    ],
    ids=["tab", "unclosed-bracket", "duplicate-key", "colon-in-text", "bad-indent"],
)
def test_broken_yaml_is_a_located_problem(tmp_path: Path, text: str, expected_start: str) -> None:
    data, problems = load(tmp_path, text)
    assert data is None
    assert len(problems) == 1
    assert problems[0].startswith(expected_start)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("id: đảng".encode("utf-16"))
    _, problems = load_marked(path, "x.yaml")
    assert "UTF-8" in str(problems[0])
