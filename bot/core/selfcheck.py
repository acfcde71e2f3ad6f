"""The guided self-check: five questions, then a short checklist of next steps.

A plain function over the answers, so the console (`chat`, /kiemtra) and Telegram share it
and a table test can run every combination. Each item links the FAQ entry that explains it;
the tests check that every linked id exists in the real FAQ.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.core import replies
from bot.core.settings import Contact


@dataclass(frozen=True, slots=True)
class Option:
    key: str  # [a-z0-9]{1,8}: it travels in callback data
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    key: str  # an ASCII slug
    text: str
    options: tuple[Option, ...]

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    entry_id: str


@dataclass(frozen=True, slots=True)
class Checklist:
    items: tuple[Item, ...]
    contact: str


AGE, EDUCATION, CLASS, UNION, CELL = "tuoi", "hoc-van", "lop", "doan-the", "chi-bo"
YOUNG = ("u18", "a18")  # up to 30: still of Đoàn age

QUESTIONS: tuple[Question, ...] = (
    Question(AGE, "Bạn bao nhiêu tuổi?", (
        Option("u18", "Dưới 18"), Option("a18", "Từ 18 đến 30"),
        Option("a31", "Từ 31 đến 60"), Option("o60", "Trên 60"))),
    Question(EDUCATION, "Bạn học hết lớp mấy?", (
        Option("duoi9", "Chưa tốt nghiệp lớp 9 (THCS)"),
        Option("thcs", "Tốt nghiệp THCS trở lên"))),
    Question(CLASS, "Bạn đã học lớp nhận thức về Đảng (lớp cảm tình Đảng) chưa?", (
        Option("chua", "Chưa học"), Option("moi", "Đã học, từ 07/2025 đến nay"),
        Option("cu", "Đã học trước 07/2025, chưa quá 5 năm"),
        Option("qua5", "Đã học hơn 5 năm trước"))),
    Question(UNION, "Bạn là đoàn viên Đoàn Thanh niên hay công đoàn?", (
        Option("doan", "Đoàn Thanh niên"), Option("congdoan", "Công đoàn"),
        Option("cahai", "Cả hai"), Option("khong", "Chưa tham gia"))),
    Question(CELL, "Công ty bạn đã có chi bộ Đảng chưa?", (
        Option("co", "Đã có"), Option("khong", "Chưa có"), Option("chuaro", "Không biết"))),
)

Answers = Mapping[str, str]  # question key -> option key


def question(key: str) -> Question | None:
    return next((q for q in QUESTIONS if q.key == key), None)


def next_question(answers: Answers) -> Question | None:
    """The first question not answered yet; None when the checklist can be made."""
    return next((q for q in QUESTIONS if q.key not in answers), None)


def checklist(answers: Answers, contact: Contact) -> Checklist:
    """The next steps for these answers, most urgent first; KeyError if one is missing."""
    items = [*_age(answers[AGE]), *_education(answers[EDUCATION])]
    items += _start(answers[CELL], answers[CLASS])
    items += _introducers(answers[UNION], answers[AGE] in YOUNG)
    items.append(Item("Xem cả lộ trình, các bước và thời hạn (/lotrinh).", "cac-buoc-ket-nap"))
    return Checklist(tuple(items), replies.contact_line(contact))


def _age(age: str) -> list[Item]:
    if age == "u18":
        return [Item("Bạn cần đủ 18 tuổi (tính theo tháng) khi chi bộ họp xét; trong lúc chờ, "
                     "hãy rèn luyện trong Đoàn, công đoàn.", "tuoi-vao-dang")]
    if age == "o60":
        return [Item("Trên 60 tuổi chỉ được kết nạp trong trường hợp đặc biệt, do tỉnh ủy, "
                     "thành ủy quyết định: hỏi đảng ủy cơ sở trước.", "tren-60-tuoi")]
    return []


def _education(education: str) -> list[Item]:
    if education == "duoi9":
        return [Item("Cần bằng tốt nghiệp THCS (hết lớp 9): học bổ túc để lấy bằng trước khi "
                     "làm hồ sơ.", "hoc-van")]
    return []


def _start(cell: str, klass: str) -> list[Item]:
    items = []
    if cell == "khong":
        items.append(Item("Công ty chưa có chi bộ: hỏi công đoàn cơ sở hoặc đảng ủy xã, phường "
                          "nơi công ty đặt trụ sở; cấp trên sẽ giao một chi bộ giúp đỡ bạn.",
                          "cty-chua-co-chi-bo"))
    elif cell == "chuaro":
        items.append(Item("Hỏi chủ tịch công đoàn hoặc bí thư Đoàn xem công ty đã có chi bộ "
                          "chưa và ai là bí thư.", "lien-he-ai"))
    if klass == "chua":
        if cell == "co":
            items.append(Item("Nói nguyện vọng với bí thư chi bộ để được đưa vào danh sách cảm "
                              "tình Đảng.", "buoc-dau-tien"))
        items.append(Item("Có tên trong danh sách cảm tình Đảng, chi bộ sẽ cử bạn đi học lớp "
                          "nhận thức về Đảng; bạn không tự đăng ký.", "ai-cu-di-hoc"))
    elif klass == "qua5":
        items.append(Item("Giấy chứng nhận thường chỉ dùng được 5 năm: nhiều khả năng bạn phải "
                          "học lại; hỏi chi bộ.", "gia-tri-giay-chung-nhan"))
    else:
        if klass == "cu":
            items.append(Item("Giấy do trung tâm chính trị huyện cấp trước 07/2025: mang bản gốc "
                              "hỏi chi bộ xem còn dùng được không.", "chung-nhan-cu-truoc-2025"))
        items.append(Item("Đã có giấy chứng nhận: bước tiếp là viết đơn, tự khai lý lịch.",
                          "sau-khi-hoc-xong"))
    return items


def _introducers(union: str, young: bool) -> list[Item]:
    if young and union in ("doan", "cahai"):
        return [Item("Là đoàn viên: Ban Chấp hành Đoàn cơ sở cùng một đảng viên chính thức "
                     "giới thiệu bạn; báo với bí thư chi đoàn.", "doan-gioi-thieu")]
    if young:
        return [Item("Còn tuổi thanh niên mà chưa là đoàn viên: nơi có tổ chức Đoàn thì phải vào "
                     "Đoàn; nếu không, đi đường công đoàn.", "cong-nhan-tre-chua-co-doan")]
    if union == "doan":
        return [Item("Đã quá tuổi Đoàn: cách chắc chắn là được hai đảng viên chính thức giới "
                     "thiệu.", "qua-tuoi-doan")]
    if union in ("congdoan", "cahai"):
        return [Item("Là đoàn viên công đoàn: hỏi chủ tịch công đoàn về việc giới thiệu bạn "
                     "(mỗi nơi áp dụng hơi khác).", "cong-doan-gioi-thieu")]
    return [Item("Cần hai đảng viên chính thức giới thiệu; tham gia công đoàn công ty cũng "
                 "giúp bạn được biết đến và giới thiệu.", "nguoi-gioi-thieu")]
