"""Rendering: valid, escaped Telegram HTML within the limits, and the right keyboards."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram.constants import MessageLimit

from bot.console.render_text import render_entry
from bot.core.decision import Candidate
from bot.core.model import Citation, Document, Entry, Faq, SourceKind, Topic
from bot.core.settings import Contact
from bot.tg import render
from bot.tg.html_split import telegram_length
from bot.tg.render import BotInfo
from bot.tg.reply import Reply
from tests.conftest import ROOT
from tests.tg.telegram_html import visible_text

DOC = Document(key="d", kind="party", title="Điều lệ <Đảng>", url="https://x.org/a?b=1&c=2",
               number="Điều lệ Đảng", status="in-force")
INLINE = BotInfo("HoiDapTestBot", supports_inline=True)
NO_INLINE = BotInfo("HoiDapTestBot", supports_inline=False)


def entry(entry_id: str, topic: str = "t1", answer: str = "Trả lời.", question: str = "",
          related: tuple[str, ...] = ()) -> Entry:
    return Entry(
        id=entry_id, topic=topic, question=question or f"Câu hỏi {entry_id}?", alternates=(),
        answer=answer, sources=(Citation(DOC, "Điều 1 & 2", DOC.url),),
        reviewed=dt.date(2026, 3, 4), related=related,
    )


def faq(*entries: Entry) -> Faq:
    return Faq(topics=(Topic("t1", "Chủ đề <1>"), Topic("t2", "Trống")), entries=entries,
               documents=(DOC,))


def check(reply: Reply) -> list[str]:
    texts = [visible_text(p) for p in reply.parts]
    assert all(telegram_length(p) <= MessageLimit.MAX_TEXT_LENGTH for p in reply.parts)
    return texts


def test_answer_lines() -> None:
    e = entry("a", answer="Dòng **một** <x>\n- ý")
    text = check(render.answer(e, faq(e), INLINE))[0]
    assert text.splitlines() == [
        "❓ Câu hỏi a?", "", "Dòng một <x>", "• ý", "", "📚 Nguồn:",
        "• Điều lệ Đảng, Điều 1 & 2 — x.org (nguồn khác)", "🗓 Cập nhật: 04/03/2026",
    ]


@pytest.mark.parametrize(
    ("kind", "shown"),
    [("official", "trang chính thức"), ("legal-db", "trang tra cứu luật"), ("press", "báo"),
     ("other", "nguồn khác")],
)
def test_each_link_says_what_kind_of_page_it_opens(kind: SourceKind, shown: str) -> None:
    cited = Citation(DOC, "Điều 4", "https://x.org/a", kind)
    e = dataclasses.replace(entry("k"), sources=(cited,))
    telegram = check(render.answer(e, faq(e), INLINE))[0].splitlines()
    console = render_entry(e, faq(e)).splitlines()
    assert f"• Điều lệ Đảng, Điều 4 — x.org ({shown})" in telegram
    assert f"• Điều lệ Đảng, Điều 4 — https://x.org/a ({shown})" in console


def test_related_are_filled_from_the_topic_and_capped() -> None:
    entries = [entry(f"e{i}") for i in range(6)]
    lonely = entries[0]
    assert [e.id for e in render.related(lonely, faq(*entries))] == ["e1", "e2"]
    chosen = entry("z", related=("e5", "e4", "e3", "e2"))
    assert [e.id for e in render.related(chosen, faq(chosen, *entries))] == ["e5", "e4", "e3"]
    missing = entry("y", related=("gone",))
    assert [e.id for e in render.related(missing, faq(missing, *entries))] == ["e0", "e1"]


def test_share_falls_back_to_a_deep_link_without_inline_mode() -> None:
    button = render.share_button(entry("tuoi"), NO_INLINE)
    assert button is not None and button.url == (
        "https://t.me/share/url?url=https%3A%2F%2Ft.me%2FHoiDapTestBot%3Fstart%3Dtuoi"
        "&text=C%C3%A2u+h%E1%BB%8Fi+tuoi%3F"
    )
    inline = render.share_button(entry("tuoi"), INLINE)
    assert inline is not None and inline.switch_inline_query == "Câu hỏi tuoi?"


def test_a_long_answer_is_split_with_the_keyboard_last() -> None:
    long = entry("long", answer="\n".join(f"- ý thứ {i} **quan trọng** & dài" for i in range(400)))
    reply = render.answer(long, faq(long), INLINE)
    texts = check(reply)
    assert len(texts) >= 3
    assert texts[-1].endswith("🗓 Cập nhật: 04/03/2026")
    assert reply.keyboard is not None


def test_empty_topics_are_not_offered() -> None:
    e = entry("a")
    reply = render.topic_menu(faq(e))
    assert reply.keyboard is not None
    assert [b.text for row in reply.keyboard.inline_keyboard for b in row] == ["Chủ đề <1>"]


def test_no_match_escapes_the_contact() -> None:
    reply = render.no_match(faq(entry("a")), Contact(name="<Bí thư>", how="Gọi & hỏi."))
    assert "Bạn có thể hỏi trực tiếp: <Bí thư>. Gọi & hỏi." in check(reply)[0]


def test_suggestions_are_buttons() -> None:
    a, b = entry("a"), entry("b")
    reply = render.suggest((Candidate(a, 60), Candidate(b, 55)))
    assert reply.keyboard is not None
    rows = reply.keyboard.inline_keyboard
    assert [r[0].callback_data for r in rows] == ["s:a", "s:b", "m:chude"]


@settings(max_examples=100, deadline=None)
@given(
    question=st.text(min_size=1, max_size=200),
    answer=st.text(max_size=5000),
    ref=st.text(max_size=50),
)
def test_any_entry_renders_as_valid_html(question: str, answer: str, ref: str) -> None:
    e = Entry(id="x", topic="t1", question=question, alternates=(), answer=answer,
              sources=(Citation(DOC, ref, DOC.url),), reviewed=dt.date(2026, 1, 1))
    check(render.answer(e, faq(e), INLINE))


def test_the_longest_answer_the_schema_allows_is_one_telegram_message() -> None:
    """faq/schema's limits leave room in one message for the longest question and answer
    with three sources, their links and the date: such an answer is never cut in two."""
    schema = json.loads((ROOT / "faq" / "schema" / "entries.schema.json").read_text("utf-8"))
    fields = schema["$defs"]["entry"]["properties"]
    answer = ("Một câu trả lời dài, viết có dấu đầy đủ. " * 100)[: fields["answer"]["maxLength"]]
    question = ("Hỏi " * 100)[: fields["question"]["maxLength"]]
    doc = Document(key="d", kind="party", title="Quy định", number="294-QĐ/TW",
                   url="https://tulieuvankien.dangcongsan.vn/he-thong-van-ban/van-ban-cua-dang/"
                       "quy-dinh-so-294-qdtw-ngay-2652025-thi-hanh-dieu-le-dang-11543",
                   status="in-force")
    sources = tuple(Citation(doc, "Mục 3, điểm 3.4, tiết a", doc.url) for _ in range(3))
    e = Entry(id="dai", topic="t1", question=question, alternates=(), answer=answer,
              sources=sources, reviewed=dt.date(2026, 11, 30))
    assert len(check(render.answer(e, faq(e), INLINE))) == 1
