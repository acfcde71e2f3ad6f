"""The self-check: every combination of answers gives a short checklist of valid entry ids."""

from __future__ import annotations

import io
from itertools import product

import pytest

from bot.console.selfcheck import run_self_check
from bot.core import selfcheck
from bot.core.engine import Engine
from bot.core.settings import Contact
from bot.tg import callbacks

CONTACT = Contact(name="Chị Hoa, chủ tịch công đoàn", how="Gọi văn phòng công đoàn.")
# Every combination of answers: 4 ages x 2 schoolings x 4 classes x 4 unions x 3 cells.
COMBINATIONS = [
    {q.key: o.key for q, o in zip(selfcheck.QUESTIONS, choice, strict=True)}
    for choice in product(*(q.options for q in selfcheck.QUESTIONS))
]


def test_the_table_is_every_combination() -> None:
    assert len({tuple(a.items()) for a in COMBINATIONS}) == 4 * 2 * 4 * 4 * 3


@pytest.mark.parametrize(
    "answers", COMBINATIONS, ids=["-".join(a.values()) for a in COMBINATIONS])
def test_every_combination_links_only_real_entries(
    answers: dict[str, str], real_engine: Engine
) -> None:
    result = selfcheck.checklist(answers, CONTACT)
    ids = [item.entry_id for item in result.items]
    assert [i for i in ids if real_engine.faq.get(i) is None] == []
    assert 2 <= len(ids) <= 7 and len(ids) == len(set(ids))  # short, and no item twice
    assert ids[-1] == "cac-buoc-ket-nap"
    assert CONTACT.name in result.contact and CONTACT.how in result.contact


@pytest.mark.parametrize(
    ("changes", "expected", "absent"),
    [
        ({"tuoi": "u18"}, ["tuoi-vao-dang"], ["tren-60-tuoi"]),
        ({"tuoi": "o60"}, ["tren-60-tuoi"], ["tuoi-vao-dang"]),
        ({"hoc-van": "duoi9"}, ["hoc-van"], []),
        ({"chi-bo": "khong"}, ["cty-chua-co-chi-bo"], ["buoc-dau-tien"]),
        ({"chi-bo": "chuaro"}, ["lien-he-ai"], []),
        ({"lop": "chua", "chi-bo": "co"}, ["buoc-dau-tien", "ai-cu-di-hoc"], ["sau-khi-hoc-xong"]),
        ({"lop": "moi"}, ["sau-khi-hoc-xong"], ["ai-cu-di-hoc", "chung-nhan-cu-truoc-2025"]),
        ({"lop": "cu"}, ["chung-nhan-cu-truoc-2025", "sau-khi-hoc-xong"], []),
        ({"lop": "qua5"}, ["gia-tri-giay-chung-nhan"], ["sau-khi-hoc-xong"]),
        ({"tuoi": "a18", "doan-the": "doan"}, ["doan-gioi-thieu"], ["qua-tuoi-doan"]),
        ({"tuoi": "a31", "doan-the": "doan"}, ["qua-tuoi-doan"], ["doan-gioi-thieu"]),
        ({"tuoi": "a31", "doan-the": "congdoan"}, ["cong-doan-gioi-thieu"], []),
        ({"tuoi": "a18", "doan-the": "khong"}, ["cong-nhan-tre-chua-co-doan"], []),
        ({"tuoi": "a31", "doan-the": "khong"}, ["nguoi-gioi-thieu"], []),
    ],
    ids=["under-18", "over-60", "no-thcs", "no-cell", "cell-unknown", "no-class",
         "class-recent", "class-before-2025", "class-over-5-years", "young-doan", "older-doan",
         "older-union", "young-none", "older-none"],
)
def test_answers_lead_to_the_right_entries(
    changes: dict[str, str], expected: list[str], absent: list[str]
) -> None:
    answers = {"tuoi": "a31", "hoc-van": "thcs", "lop": "moi", "doan-the": "congdoan",
               "chi-bo": "co"} | changes
    ids = [item.entry_id for item in selfcheck.checklist(answers, CONTACT).items]
    assert [i for i in expected if i not in ids] == []
    assert [i for i in absent if i in ids] == []


def test_questions_are_asked_in_order_until_all_are_answered() -> None:
    answers: dict[str, str] = {}
    asked = []
    while (q := selfcheck.next_question(answers)) is not None:
        asked.append(q.key)
        answers[q.key] = q.options[0].key
    assert asked == [q.key for q in selfcheck.QUESTIONS]
    assert asked == ["tuoi", "hoc-van", "lop", "doan-the", "chi-bo"]


def test_every_option_fits_in_callback_data() -> None:
    for q in selfcheck.QUESTIONS:
        for option in q.options:
            data = callbacks.selfcheck(q.key, option.key)
            decoded = callbacks.decode(data)
            assert decoded is not None and (decoded.id, decoded.arg) == (q.key, option.key)


def test_console_self_check_by_numbers(real_engine: Engine, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    # age 31-60, a wrong number, THCS, class recent, Công đoàn, no cell
    stdin = io.StringIO("3\n9\n2\n2\n2\n2\n")
    entries = run_self_check(stdin, CONTACT, real_engine.faq)
    out = capsys.readouterr().out
    assert [e.id for e in entries] == ["cty-chua-co-chi-bo", "sau-khi-hoc-xong",
                                       "cong-doan-gioi-thieu", "cac-buoc-ket-nap"]
    assert "Câu 5/5" in out and "Hãy gõ một số từ 1 đến 2" in out
    assert CONTACT.name in out


@pytest.mark.parametrize("stdin", ["1\n/huy\n", "1\n2\n"], ids=["cancel", "end-of-input"])
def test_console_self_check_stops_without_a_checklist(
    stdin: str, real_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_self_check(io.StringIO(stdin), CONTACT, real_engine.faq) == []
    assert "Việc bạn nên làm tiếp" not in capsys.readouterr().out
