"""The emulator against a plain telegram.Bot: it must behave as the Bot API does."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict

from tests.emulator import Emulator, User, group_chat
from tests.emulator.conftest import TOKEN

ANH = User(1001, "Anh", username="anh_cn")
BINH = User(1002, "Bình")
GROUP = group_chat(-1001234567890, "Tổ công đoàn")


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d)] for d in data])


async def test_get_me_reports_the_bot_and_takes_its_id_from_any_token(emu: Emulator) -> None:
    async with Bot("987654:OTHER", base_url=emu.base_url) as other:
        me = await other.get_me()
    assert (me.id, me.username, me.supports_inline_queries) == (987654, "hoidap_test_bot", True)


async def test_updates_are_confirmed_by_offset_and_limited(emu: Emulator, bot: Bot) -> None:
    for text in ("một", "hai", "ba"):
        emu.send_text(ANH, text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first] == ["một", "hai"]
    again = await bot.get_updates()  # nothing confirmed yet: same updates again
    assert [u.message.text for u in again] == ["một", "hai", "ba"]
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in rest] == ["ba"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()


async def test_long_poll_returns_when_an_update_arrives(emu: Emulator, bot: Bot) -> None:
    threading.Timer(0.2, emu.send_text, (ANH, "câu hỏi")).start()
    started = time.monotonic()
    updates = await bot.get_updates(timeout=5)
    assert [u.message.text for u in updates] == ["câu hỏi"]
    assert 0.15 < time.monotonic() - started < 2


async def test_long_poll_waits_for_its_timeout_when_nothing_comes(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=0.5) == ()
    assert 0.45 < time.monotonic() - started < 2


async def test_a_second_poller_terminates_the_first_with_conflict(
    emu: Emulator, bot: Bot
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=3, read_timeout=10))
    await asyncio.sleep(0.2)  # let the first request reach the server
    async with Bot(TOKEN, base_url=emu.base_url) as twin:  # a second instance of the bot
        assert await twin.get_updates(timeout=0.1) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await first


async def test_commands_and_mentions_carry_utf16_entities(emu: Emulator, bot: Bot) -> None:
    emu.send_text(ANH, "/start tuoi-vao-dang")
    emu.send_text(ANH, "😀 hỏi @hoidap_test_bot: đảng phí?", chat=GROUP)
    start, mention = [u.message for u in await bot.get_updates()]
    assert list(start.parse_entities(["bot_command"]).values()) == ["/start"]
    assert list(mention.parse_entities(["mention"]).values()) == ["@hoidap_test_bot"]
    assert (mention.chat.type, mention.chat.id) == ("supergroup", GROUP.id)


async def test_send_message_parses_html_and_links_the_reply(emu: Emulator, bot: Bot) -> None:
    question = emu.send_text(ANH, "Đảng phí?")
    sent = await bot.send_message(ANH.id, "<b>Đảng phí</b> &amp; <i>nguồn</i>",
                                  parse_mode=ParseMode.HTML,
                                  reply_to_message_id=question["message_id"],
                                  reply_markup=keyboard("a:1"))
    assert (sent.text, sent.reply_to_message.text) == ("Đảng phí & nguồn", "Đảng phí?")
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 8), ("italic", 11, 5)]
    [record] = emu.replies_to(question)
    assert (record.text, record.reply_to, record.callback_buttons()[0]["callback_data"]) == (
        "Đảng phí & nguồn", question["message_id"], "a:1")


@pytest.mark.parametrize(("text", "kwargs", "error"), [
    ("a <br> b", {"parse_mode": "HTML"}, 'Unsupported start tag "br"'),
    ("1 < 2", {"parse_mode": "HTML"}, "can't parse entities"),
    ("<b>không đóng", {"parse_mode": "HTML"}, "Can't find end tag"),
    ("&nbsp;", {"parse_mode": "HTML"}, "Unsupported HTML entity"),
    ("x" * 4097, {}, "message is too long"),
    ("   ", {}, "message text is empty"),
    ("ok", {"reply_markup": keyboard("x" * 65)}, "BUTTON_DATA_INVALID"),
    ("ok", {"reply_to_message_id": 999}, "message to be replied not found"),
], ids=["br", "raw-lt", "unclosed", "nbsp", "too-long", "blank", "long-data", "no-reply"])
async def test_what_telegram_rejects_is_rejected_and_not_delivered(
    emu: Emulator, bot: Bot, text: str, kwargs: dict[str, object], error: str
) -> None:
    emu.send_text(ANH, "xin chào")
    with pytest.raises(BadRequest, match=f"(?i){error}"):  # PTB capitalises the description
        await bot.send_message(ANH.id, text, **kwargs)
    assert emu.bot_messages() == []
    assert emu.calls("sendMessage", "error")[0].status == 400


async def test_a_chat_nobody_wrote_from_is_not_found(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_message(424242, "xin chào")


async def test_a_callback_query_is_answered_once(emu: Emulator, bot: Bot) -> None:
    emu.send_text(ANH, "đảng phí")
    sent = await bot.send_message(ANH.id, "Có phải bạn muốn hỏi…", reply_markup=keyboard(
        "q:dang-phi", "q:muc-dong"))
    query_id = emu.tap_button(BINH, emu.bot_messages()[0], index=1)
    update = (await bot.get_updates())[-1]
    query = update.callback_query
    assert (query.id, query.data, query.message.message_id) == (
        query_id, "q:muc-dong", sent.message_id)
    assert await query.answer("Đang mở…")
    assert emu.callback_answer(query_id)["text"] == "Đang mở…"
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await query.answer()


async def test_edit_message_text_updates_the_record(emu: Emulator, bot: Bot) -> None:
    emu.send_text(ANH, "chủ đề")
    sent = await bot.send_message(ANH.id, "Chọn chủ đề", reply_markup=keyboard("t:1"))
    edited = await sent.edit_text("<b>Hồ sơ</b>", parse_mode=ParseMode.HTML)
    assert edited.text == "Hồ sơ"
    [record] = emu.bot_messages(ANH.id)
    assert (record.text, record.edits, record.reply_markup) == ("Hồ sơ", ["Chọn chủ đề"], None)
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await sent.edit_text("<b>Hồ sơ</b>", parse_mode=ParseMode.HTML)


def article(n: int, text: str = "Trả lời") -> InlineQueryResultArticle:
    return InlineQueryResultArticle(str(n), f"Câu {n}", InputTextMessageContent(
        f"<b>{text}</b>", parse_mode=ParseMode.HTML))


async def test_inline_queries_are_answered_and_checked(emu: Emulator, bot: Bot) -> None:
    query_id = emu.inline_query(ANH, "đảng phí")
    [update] = await bot.get_updates()
    assert (update.inline_query.id, update.inline_query.query) == (query_id, "đảng phí")
    assert await update.inline_query.answer([article(1), article(2)], cache_time=0)
    assert [r["title"] for r in emu.inline_answer(query_id)["results"]] == ["Câu 1", "Câu 2"]
    too_many = emu.inline_query(ANH, "x")
    with pytest.raises(BadRequest, match="(?i)RESULTS_TOO_MUCH"):
        await bot.answer_inline_query(too_many, [article(n) for n in range(51)])
    broken = emu.inline_query(ANH, "y")
    with pytest.raises(BadRequest, match="(?i)Unsupported start tag"):
        await bot.answer_inline_query(broken, [article(1, "<br>")])
    assert emu.inline_answer(too_many) is None and emu.inline_answer(broken) is None


async def test_commands_round_trip_and_bad_ones_are_refused(emu: Emulator, bot: Bot) -> None:
    commands = [BotCommand("start", "Bắt đầu"), BotCommand("chude", "Các chủ đề")]
    assert await bot.set_my_commands(commands)
    assert await bot.get_my_commands() == tuple(commands)
    assert [c["command"] for c in emu.commands()] == ["start", "chude"]
    with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Chủ_đề", "x")])


async def test_send_photo_uploads_multipart(emu: Emulator, bot: Bot) -> None:
    emu.send_text(ANH, "ảnh")
    sent = await bot.send_photo(ANH.id, b"\x89PNG fake image bytes", caption="<i>Sơ đồ</i>",
                                parse_mode=ParseMode.HTML)
    assert (sent.caption, len(sent.photo)) == ("Sơ đồ", 3)
    call = emu.calls("sendPhoto")[0]
    assert call.params["photo"].startswith("<file ") and call.params["chat_id"] == ANH.id
    assert emu.bot_messages()[0].method == "sendPhoto"


async def test_non_text_and_replies_arrive_as_telegram_sends_them(
    emu: Emulator, bot: Bot
) -> None:
    emu.send_text(ANH, "chào nhóm", chat=GROUP)
    sent = await bot.send_message(GROUP.id, "Mình là bot hỏi đáp.")
    emu.send_sticker(ANH)
    emu.send_photo(ANH, caption="hồ sơ của em")
    emu.send_text(BINH, "cho hỏi thêm", chat=GROUP, reply_to=emu.bot_messages()[0])
    updates = await bot.get_updates()
    sticker, photo, reply = (u.message for u in updates[1:])
    assert (sticker.sticker.emoji, sticker.text) == ("👍", None)
    assert (photo.caption, len(photo.photo)) == ("hồ sơ của em", 3)
    assert reply.reply_to_message.from_user.id == bot.id
    assert reply.reply_to_message.message_id == sent.message_id


async def test_privacy_mode_forwards_only_what_concerns_the_bot() -> None:
    with Emulator(privacy_mode=True) as emu:
        async with Bot("1:X", base_url=emu.base_url) as bot:
            emu.send_text(ANH, "chuyện phiếm", chat=GROUP)
            emu.send_text(ANH, "/hoi đảng phí", chat=GROUP)
            emu.send_text(ANH, "@hoidap_test_bot ơi", chat=GROUP)
            emu.send_text(ANH, "riêng tư vẫn đến")
            texts = [u.message.text for u in await bot.get_updates()]
    assert texts == ["/hoi đảng phí", "@hoidap_test_bot ơi", "riêng tư vẫn đến"]


async def test_json_and_form_bodies_decode_alike_and_unknown_methods_404(
    emu: Emulator,
) -> None:
    emu.send_text(ANH, "xin chào")
    url = f"{emu.base_url}42:A/"
    async with httpx.AsyncClient() as client:
        by_json = await client.post(url + "sendMessage", json={"chat_id": ANH.id, "text": "123"})
        by_form = await client.post(url + "sendMessage", data={"chat_id": ANH.id, "text": "123"})
        unknown = await client.post(url + "sendTelepathy", json={})
    assert by_json.json()["result"]["text"] == by_form.json()["result"]["text"] == "123"
    assert (unknown.status_code, unknown.json()["ok"]) == (404, False)


async def test_webhook_blocks_polling_and_drop_pending_clears(emu: Emulator, bot: Bot) -> None:
    emu.send_text(ANH, "cũ")
    assert await bot.set_webhook("https://bot.example.org/telegram", secret_token="s3cret")
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


def test_waits_are_bounded_and_show_the_call_log(emu: Emulator) -> None:
    question = emu.send_text(ANH, "có ai không?")
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="emulator call log"):
        emu.wait_reply(question, timeout=0.3)
    assert time.monotonic() - started < 2


async def test_listeners_see_each_delivery(emu: Emulator, bot: Bot) -> None:
    seen: list[str] = []
    emu.on_bot_message(lambda m: seen.append(m.text))
    emu.send_text(ANH, "xin chào")
    await bot.send_message(ANH.id, "một")
    await bot.send_message(ANH.id, "hai")
    assert seen == ["một", "hai"]


def test_the_command_line_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "tests.emulator", "--help"],
                          capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 0 and "--fault-rate" in done.stdout
