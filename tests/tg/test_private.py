"""Private chats: commands, questions, answers, suggestions, no match, non-text."""

from __future__ import annotations

import pytest

from tests.tg.harness import ADMIN_ID, USER_ID, Harness, message, update_with
from tests.tg.telegram_html import visible_text

NON_TEXT = "Mình chỉ đọc được tin nhắn chữ. Bạn gõ câu hỏi giúp mình nhé."


def only_send(calls: list) -> object:
    assert [c.method for c in calls] == ["sendMessage"]
    return calls[0]


async def test_start_welcomes_with_topic_buttons(harness: Harness) -> None:
    call = only_send(await harness.private("/start"))
    assert "kết nạp Đảng" in visible_text(call.text)
    assert call.callback_data() == ["t:dieu-kien", "t:ho-so", "t:dang-phi"]
    assert call.params["chat_id"] == USER_ID
    assert call.params["parse_mode"] == "HTML"
    assert call.params["link_preview_options"] == {"is_disabled": True}


async def test_deep_link_opens_the_entry(harness: Harness) -> None:
    call = only_send(await harness.private("/start hoc-van"))
    text = visible_text(call.text)
    assert text.startswith("❓ Vào Đảng cần trình độ học vấn gì?")
    assert "Cần tốt nghiệp trung học cơ sở trở lên." in text


@pytest.mark.parametrize(
    "payload",
    ["khong-co-muc-nay", "<script>", "a" * 300, "inline", "../../etc/passwd"],
    ids=["unknown", "html", "long", "inline-button", "path"],
)
async def test_unknown_deep_link_just_welcomes(harness: Harness, payload: str) -> None:
    call = only_send(await harness.private(f"/start {payload}"))
    assert call.callback_data() == ["t:dieu-kien", "t:ho-so", "t:dang-phi"]
    assert payload not in call.text


async def test_help_explains_how_to_ask(harness: Harness) -> None:
    text = visible_text(only_send(await harness.private("/help")).text)
    assert "/hoi câu hỏi" in text
    assert "@HoiDapTestBot câu hỏi" in text


async def test_answer_has_sources_date_and_buttons(harness: Harness) -> None:
    call = only_send(await harness.private("mấy tuổi được vào đảng"))
    assert call.text.splitlines() == [
        "❓ <b>Bao nhiêu tuổi thì được vào Đảng?</b>",
        "",
        "Bạn phải <b>đủ 18 tuổi</b> khi chi bộ họp xét kết nạp.",
        "• Tuổi tính đến tháng.",
        "",
        "📚 <b>Nguồn:</b>",
        ('• Điều lệ Đảng, Điều 1, khoản 2 — <a href="https://example.org/dieu-le?a=1&amp;b=2">'
        "example.org</a> (trang chính thức)"),
        "🗓 Cập nhật: 22/11/2026",
    ]
    visible_text(call.text)
    assert call.callback_data() == [
        "a:hoc-van", "a:nguoi-gioi-thieu", "v:tuoi-vao-dang:up", "v:tuoi-vao-dang:down",
    ]
    share = [b for b in call.buttons if b["text"] == "📤 Chia sẻ"]
    assert share == [{"text": "📤 Chia sẻ",
                      "switch_inline_query": "Bao nhiêu tuổi thì được vào Đảng?"}]


async def test_answer_marks_superseded_sources(harness: Harness) -> None:
    text = visible_text(only_send(await harness.private("/start hoc-van")).text)
    assert "• 294-QĐ/TW, Mục 1.2 — example.org (trang chính thức)" in text
    assert ("• 232-QĐ/TW, Mục 1.2.1 (văn bản cũ, đã được thay thế) — example.org "
            "(trang chính thức)") in text


async def test_curator_text_is_escaped(harness: Harness) -> None:
    call = only_send(await harness.private("vào đảng cần giấy tờ gì"))
    assert "lý lịch &lt;mẫu 2-KNĐ&gt; &amp; giấy giới thiệu; điểm &lt; 5" in call.text
    assert 'là "chưa đạt"' in call.text
    assert "Mục 3 &lt;hồ sơ&gt;" in call.text
    assert "🗓 Cập nhật: 05/01/2026" in visible_text(call.text)


async def test_unsure_question_offers_suggestions(harness: Harness) -> None:
    call = only_send(await harness.private("hồ sơ"))
    assert visible_text(call.text) == "🤔 Có phải bạn muốn hỏi:"
    assert call.callback_data() == ["s:ho-so-gom-gi", "m:chude"]
    assert call.buttons[0]["text"] == "Hồ sơ vào Đảng gồm những giấy tờ gì?"


async def test_no_match_is_honest_and_offers_help(harness: Harness) -> None:
    call = only_send(await harness.private("thời tiết hôm nay thế nào"))
    text = visible_text(call.text)
    assert text.startswith("Xin lỗi, mình chưa có câu trả lời chắc chắn")
    assert "Bí thư <chi bộ> & công đoàn" in text
    assert "<b>Bí thư &lt;chi bộ&gt; &amp; công đoàn</b>" in call.text
    assert call.callback_data() == ["t:dieu-kien", "t:ho-so", "t:dang-phi"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chào", "Chào bạn!"),
        ("cảm ơn", "Không có gì ạ."),
        ("???", "Bạn hãy gõ câu hỏi bằng chữ"),
        ("   \u200b  ", "Bạn hãy gõ câu hỏi bằng chữ"),
    ],
    ids=["greeting", "thanks", "punctuation", "invisible"],
)
async def test_small_talk_gets_a_short_friendly_reply(
    harness: Harness, text: str, expected: str
) -> None:
    call = only_send(await harness.private(text))
    assert expected in visible_text(call.text)
    assert call.buttons == []


@pytest.mark.parametrize(
    "extra",
    [
        {"sticker": {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 512,
                     "height": 512, "is_animated": False, "is_video": False}},
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
        {"location": {"latitude": 21.0, "longitude": 105.8}},
        {"document": {"file_id": "d", "file_unique_id": "d"}},
    ],
    ids=["sticker", "photo", "voice", "location", "file"],
)
async def test_non_text_gets_one_polite_reply(harness: Harness, extra: dict) -> None:
    call = only_send(await harness.send(update_with(message=message(extra=extra))))
    assert visible_text(call.text) == NON_TEXT


async def test_unknown_command_points_to_help(harness: Harness) -> None:
    call = only_send(await harness.private("/xoa_het"))
    assert "/help" in visible_text(call.text)


async def test_html_in_a_question_is_never_echoed_raw(harness: Harness) -> None:
    """The reply is valid Telegram HTML; where the question comes back (an admin's /misses),
    it is escaped: the reader sees exactly what was typed, tags and all."""
    typed = "<b>thời tiết</b> </a> & *_ hôm nay"
    reply = only_send(await harness.private(typed))
    assert visible_text(reply.text).startswith("Xin lỗi, mình chưa có câu trả lời chắc chắn")
    _, misses = await harness.private("/misses", user_id=ADMIN_ID)  # a header, then the group
    assert "&lt;b&gt;thời tiết&lt;/b&gt; &lt;/a&gt; &amp; *_ hôm nay" in misses.text
    assert f"«{typed}»" in visible_text(misses.text)


async def test_an_edited_question_is_answered_again_in_private_only(harness: Harness) -> None:
    typo = message("mấy tủi được vào đảng")
    await harness.send(update_with(message=typo))
    fixed = {**typo, "text": "mấy tuổi được vào đảng", "edit_date": typo["date"] + 5}
    [answer] = await harness.send(update_with(edited_message=fixed))
    assert visible_text(answer.text).startswith("❓ Bao nhiêu tuổi")
    in_group = {**fixed, "chat": {"id": -100777, "type": "supergroup", "title": "Tổ"}}
    assert await harness.send(update_with(edited_message=in_group)) == []
    command = {**fixed, "text": "/help", "entities": [
        {"type": "bot_command", "offset": 0, "length": 5}]}
    assert await harness.send(update_with(edited_message=command)) == []
