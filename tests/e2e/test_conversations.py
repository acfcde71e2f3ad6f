"""The real bot process over HTTP against the emulator: what users do, end to end.

One bot process serves the whole module; each test uses its own users and chats.
"""

from __future__ import annotations

import zlib

import pytest

from tests.e2e import faqdata
from tests.e2e.botproc import TOKEN, BotProcess
from tests.emulator import Emulator, User, group_chat
from tests.emulator.htmltext import parse_html

pytestmark = pytest.mark.e2e
REPLY_TIMEOUT = 15.0


def test_sets_the_command_menu_at_start(emu: Emulator, running_bot: BotProcess) -> None:
    private = {c["command"] for c in emu.commands()}
    groups = {c["command"] for c in emu.commands("all_group_chats")}
    assert {"start", "help", "chude"} <= private, running_bot.diagnostics()
    assert "hoi" in groups, running_bot.diagnostics()


def test_a_private_question_is_answered_with_its_source(
    emu: Emulator, running_bot: BotProcess
) -> None:
    [entry] = faqdata.answered(running_bot.config_path, 1)
    question = emu.send_text(User(2001, "An"), entry.question)
    [reply] = emu.wait_reply(question, timeout=REPLY_TIMEOUT)
    assert faqdata.shows_source(reply.text, entry), reply.text
    labels = [b["text"] for b in reply.buttons()]
    assert "👍" in labels and "👎" in labels, labels


def test_a_tap_on_a_suggestion_answers(emu: Emulator, running_bot: BotProcess) -> None:
    user = User(2002, "Bình")
    query, suggest = faqdata.vague(running_bot.config_path)
    question = emu.send_text(user, query)
    [offer] = emu.wait_reply(question, timeout=REPLY_TIMEOUT)
    assert len(offer.callback_buttons()) >= len(suggest.candidates), offer
    chosen = suggest.candidates[1].entry
    query_id = emu.tap_button(user, offer, text_contains=chosen.question[:20])
    emu.wait_callback_answer(query_id, timeout=REPLY_TIMEOUT)

    def answered() -> bool:
        shown = [m.text for m in emu.bot_messages(user.id) if m.message_id != offer.message_id]
        edited = [m.text for m in emu.bot_messages(user.id) if m.edits]
        return any(faqdata.shows_source(text, chosen) for text in shown + edited)
    emu.wait_for(answered, REPLY_TIMEOUT, f"the answer to {chosen.id!r} after the tap")


def test_a_deep_link_opens_the_entry(emu: Emulator, running_bot: BotProcess) -> None:
    entry = faqdata.answered(running_bot.config_path, 2)[1]
    question = emu.send_text(User(2003, "Chi"), f"/start {entry.id}")
    [reply] = emu.wait_reply(question, timeout=REPLY_TIMEOUT)
    assert faqdata.shows_source(reply.text, entry), reply.text


def test_start_welcomes_with_topic_buttons(emu: Emulator, running_bot: BotProcess) -> None:
    question = emu.send_text(User(2004, "Dũng"), "/start")
    [reply] = emu.wait_reply(question, timeout=REPLY_TIMEOUT)
    topics = faqdata.engine(running_bot.config_path).faq.topics
    labels = " ".join(b["text"] for b in reply.callback_buttons())
    assert all(topic.name in labels for topic in topics), labels


def test_an_inline_query_gets_sourced_results(emu: Emulator, running_bot: BotProcess) -> None:
    [entry] = faqdata.answered(running_bot.config_path, 1)
    query_id = emu.inline_query(User(2005, "Giang"), entry.question)
    results = emu.wait_inline_answer(query_id, timeout=REPLY_TIMEOUT)["results"]
    assert 1 <= len(results) <= 50
    texts = [parse_html(r["input_message_content"]["message_text"])[0] for r in results]
    assert any(faqdata.shows_source(text, entry) for text in texts), texts[:2]
    empty = emu.wait_inline_answer(emu.inline_query(User(2005, "Giang"), ""), REPLY_TIMEOUT)
    assert len(empty["results"]) >= 1


def test_group_chatter_is_ignored_and_hoi_is_answered_in_thread(
    emu: Emulator, running_bot: BotProcess
) -> None:
    group, worker = group_chat(-100_200_300_400, "Tổ may 3"), User(2006, "Hà")
    [entry] = faqdata.answered(running_bot.config_path, 1)
    chatter = [emu.send_text(worker, text, chat=group)
               for text in ("Chiều nay tăng ca không mọi người?", entry.question)]
    asked = emu.send_text(worker, f"/hoi {entry.question}", chat=group)
    chatter.append(emu.send_text(User(2007, "Hải"), "ok nhé", chat=group))
    [reply] = emu.wait_reply(asked, timeout=REPLY_TIMEOUT)
    assert reply.reply_to == asked["message_id"] and faqdata.shows_source(reply.text, entry)
    emu.wait_idle(quiet=0.5, timeout=REPLY_TIMEOUT)
    assert [m.reply_to for m in emu.bot_messages(group.id)] == [asked["message_id"]], (
        running_bot.diagnostics())


@pytest.mark.parametrize("how", ["mention", "reply"])
def test_a_mention_or_a_reply_to_the_bot_is_answered_in_a_group(
    emu: Emulator, running_bot: BotProcess, how: str
) -> None:
    group, worker = group_chat(-100_200_300_500 - len(how), "Tổ đóng gói"), User(2008, "Khánh")
    first, second = faqdata.answered(running_bot.config_path, 2)
    opener = emu.send_text(worker, f"/hoi {first.question}", chat=group)
    [bot_said] = emu.wait_reply(opener, timeout=REPLY_TIMEOUT)
    if how == "mention":
        asked = emu.send_text(worker, f"@{emu.bot_username} {second.question}", chat=group)
    else:
        asked = emu.send_text(worker, second.question, chat=group, reply_to=bot_said)
    [reply] = emu.wait_reply(asked, timeout=REPLY_TIMEOUT)
    assert reply.reply_to == asked["message_id"] and faqdata.shows_source(reply.text, second)


@pytest.mark.parametrize("kind", ["sticker", "photo"])
def test_a_non_text_message_gets_one_polite_reply(
    emu: Emulator, running_bot: BotProcess, kind: str
) -> None:
    user = User(2010 + len(kind), "Lan")
    sent = emu.send_sticker(user) if kind == "sticker" else emu.send_photo(user, caption=None)
    emu.wait_reply(sent, timeout=REPLY_TIMEOUT)
    emu.wait_idle(quiet=0.5, timeout=REPLY_TIMEOUT)
    replies = emu.replies_to(sent)
    assert len(replies) == 1 and replies[0].text.strip(), running_bot.diagnostics()


def test_no_match_is_honest_and_names_a_person(emu: Emulator, running_bot: BotProcess) -> None:
    question = emu.send_text(User(2020, "Minh"), "xyz qwerty asdf")
    [reply] = emu.wait_reply(question, timeout=REPLY_TIMEOUT)
    contact = faqdata.engine_config(running_bot.config_path).contact
    assert contact.name in reply.text, reply.text


def test_a_forged_button_gets_a_polite_answer_and_the_bot_goes_on(
    emu: Emulator, running_bot: BotProcess
) -> None:
    user = User(2021, "Nam")
    [entry] = faqdata.answered(running_bot.config_path, 1)
    question = emu.send_text(user, entry.question)
    [reply] = emu.wait_reply(question, timeout=REPLY_TIMEOUT)
    for data in ("a:khong-co-muc-nay", "zz:9", "v:" + "x" * 60):
        emu.wait_callback_answer(emu.tap(user, reply, data), timeout=REPLY_TIMEOUT)
    again = emu.send_text(user, entry.question)
    [answer] = emu.wait_reply(again, timeout=REPLY_TIMEOUT)
    assert faqdata.shows_source(answer.text, entry)


@pytest.mark.parametrize("text", [
    "<b>đậm</b> </a> & *_gạch_* `code`",
    "x" * 10_000,
    "😀😀😀",
    "\u200b\u200d \x07",
    "/start ../../etc/passwd<script>",
    "/start khong-co-muc-nay",
    "'; DROP TABLE votes; --",
], ids=["markup", "10k-chars", "emoji", "invisible", "evil-deep-link", "unknown-deep-link",
        "sql"])
def test_bad_input_gets_a_reply_and_the_next_question_is_answered(
    emu: Emulator, running_bot: BotProcess, text: str
) -> None:
    user = User(3000 + zlib.crc32(text.encode()) % 100_000, "Oanh")
    sent = emu.send_text(user, text)
    emu.wait_reply(sent, timeout=REPLY_TIMEOUT)  # the emulator refuses invalid HTML or length
    [entry] = faqdata.answered(running_bot.config_path, 1)
    question = emu.send_text(user, entry.question)
    [reply] = emu.wait_reply(question, timeout=REPLY_TIMEOUT)
    assert faqdata.shows_source(reply.text, entry)


def test_stops_cleanly_and_never_logs_the_token(emu: Emulator, running_bot: BotProcess) -> None:
    """Runs last in the module: SIGTERM, then read everything the bot logged."""
    refused = [c for c in emu.calls() if c.outcome == "error"]
    assert refused == [], running_bot.diagnostics()  # the emulator refused nothing it sent
    assert running_bot.stop() == 0, running_bot.diagnostics()
    log = running_bot.log()
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert "Traceback" not in log, running_bot.diagnostics()
