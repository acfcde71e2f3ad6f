"""Grouping missed questions by need, with the real FAQ's matcher features."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from bot.core.engine import Engine
from bot.core.miss_groups import SIMILAR, find_group, group_misses, similarity

START = dt.datetime(2026, 11, 1, 8, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Asked:
    id: int
    at: dt.datetime
    kind: str
    text: str
    parent: int | None = None


def asked(*texts: str, kind: str = "no_match") -> list[Asked]:
    return [Asked(i + 1, START + dt.timedelta(hours=i), kind, t) for i, t in enumerate(texts)]


def ids(groups: list) -> list[list[int]]:  # type: ignore[type-arg]
    return [[m.id for m in g.members] for g in groups]


def test_the_same_need_asked_several_ways_is_one_group(real_engine: Engine) -> None:
    misses = asked(
        "đảng viên có được đi xuất khẩu lao động không",  # 1: need A
        "thời tiết hôm nay thế nào",  # 2: chatter
        "dang vien di xuat khau lao dong duoc ko",  # 3: A without diacritics
        "vào đảng rồi còn đi xuất khẩu lao động được không ạ",  # 4: A, other words
        "đảng viên đi xuat khau lao dong nhat ban duoc khong",  # 5: A, mixed
    )
    groups = group_misses(misses, real_engine)
    assert ids(groups) == [[1, 3, 4, 5], [2]]
    assert groups[0].count == 4 and groups[0].anchor == 1
    assert groups[0].last_asked == START + dt.timedelta(hours=4)


@pytest.mark.parametrize(("a", "b"), [
    ("đảng viên có được đi xuất khẩu lao động không", "đảng viên có được ly hôn không"),
    ("đi họp chi bộ có được nghỉ phép không", "đảng viên có được đi xuất khẩu lao động không"),
    ("lương hưu của đảng viên", "đảng phí đóng ở đâu khi đi làm xa"),
], ids=["same-frame-other-need", "leave-vs-labour-export", "pension-vs-dues"])
def test_different_needs_stay_apart(real_engine: Engine, a: str, b: str) -> None:
    assert similarity(real_engine.features(a), real_engine.features(b)) < SIMILAR
    assert len(group_misses(asked(a, b), real_engine)) == 2


def test_a_follow_up_joins_the_group_of_its_downvote(real_engine: Engine) -> None:
    down = Asked(1, START, "downvote", "đảng phí bao nhiêu")
    follow = Asked(2, START + dt.timedelta(minutes=1), "clarify",
                   "em làm thời vụ thì đóng đảng phí ở đâu", parent=1)
    [group] = group_misses([down, follow], real_engine)
    assert group.ids == (1, 2) and group.downvotes == 1


def test_most_asked_first_then_most_recent(real_engine: Engine) -> None:
    misses = asked("lương hưu của đảng viên", "xổ số hôm nay", "lương hưu đảng viên bao nhiêu",
                   "giá vàng hôm nay")
    groups = group_misses(misses, real_engine)
    assert ids(groups) == [[1, 3], [4], [2]]
    assert find_group(groups, 4) is groups[1] and find_group(groups, 3) is None


def test_closest_entries_come_from_the_matcher(real_engine: Engine) -> None:
    [group] = group_misses(asked("mấy tuổi thì được vào đảng vậy ad ơi"), real_engine)
    ranked = [c.entry.id for c in real_engine.rank(group.question, 3)]
    assert [e.id for e in group.closest] == ranked[: len(group.closest)]
    assert "tuoi-vao-dang" in [e.id for e in group.closest]


def test_wordings_are_distinct_and_start_with_the_question(real_engine: Engine) -> None:
    [group] = group_misses(asked("lương hưu đảng viên", "Lương hưu  đảng viên",
                                 "luong huu dang vien"), real_engine)
    assert group.wordings[0] == group.question
    assert len(group.wordings) == 2
