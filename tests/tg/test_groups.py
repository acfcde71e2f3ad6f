"""Groups: quiet on chatter; /hoi, mentions and replies to the bot are answered in thread."""

from __future__ import annotations

import pytest

from tests.tg.harness import (
    BOT_ID,
    GROUP_ID,
    Harness,
    bot_message,
    mention_entity,
    message,
    update_with,
)
from tests.tg.telegram_html import visible_text

QUESTION = "mấy tuổi được vào đảng"


def answered_in_thread(calls: list, asked: dict) -> str:
    assert [c.method for c in calls] == ["sendMessage"]
    call = calls[0]
    assert call.params["chat_id"] == GROUP_ID
    assert call.params["reply_parameters"]["message_id"] == asked["message_id"]
    return visible_text(call.text)


async def ask(harness: Harness, text: str, **kwargs: object) -> tuple[list, dict]:
    asked = message(text, chat_id=GROUP_ID, **kwargs)  # type: ignore[arg-type]
    return await harness.send(update_with(message=asked)), asked


@pytest.mark.parametrize(
    "text",
    [QUESTION, "chào mọi người", "hồ sơ", "@someone_else mấy tuổi được vào đảng",
     "/start@OtherBot", "/hoi@OtherBot mấy tuổi"],
    ids=["question", "greeting", "vague", "other-mention", "other-bot-command", "other-bot-hoi"],
)
async def test_chatter_is_ignored(harness: Harness, text: str) -> None:
    entities = None
    if text.startswith("@"):
        entities = [mention_entity(text, "@someone_else")]
    calls, _ = await ask(harness, text, entities=entities)
    assert calls == []


@pytest.mark.parametrize(
    "extra",
    [{"sticker": {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1,
                  "height": 1, "is_animated": False, "is_video": False}},
     {"new_chat_members": [{"id": 5, "is_bot": False, "first_name": "Mai"}]}],
    ids=["sticker", "service"],
)
async def test_non_text_in_groups_is_ignored(harness: Harness, extra: dict) -> None:
    calls, _ = await ask(harness, None, extra=extra)  # type: ignore[arg-type]
    assert calls == []


@pytest.mark.parametrize("command", ["/hoi", "/hoi@HoiDapTestBot"], ids=["plain", "addressed"])
async def test_hoi_is_answered_in_thread(harness: Harness, command: str) -> None:
    calls, asked = await ask(harness, f"{command} {QUESTION}")
    assert answered_in_thread(calls, asked).startswith("❓ Bao nhiêu tuổi thì được vào Đảng?")


async def test_hoi_without_a_question_explains(harness: Harness) -> None:
    calls, asked = await ask(harness, "/hoi")
    assert "/hoi vào đảng cần điều kiện gì" in answered_in_thread(calls, asked)


@pytest.mark.parametrize(
    "text",
    [f"@HoiDapTestBot {QUESTION}", f"{QUESTION} @hoidaptestbot", f"👋 @HoiDapTestBot {QUESTION}"],
    ids=["before", "after-any-case", "after-emoji"],
)
async def test_a_mention_is_answered_without_the_mention(harness: Harness, text: str) -> None:
    mention = next(w for w in text.split() if w.startswith("@"))
    calls, asked = await ask(harness, text, entities=[mention_entity(text, mention)])
    assert answered_in_thread(calls, asked).startswith("❓ Bao nhiêu tuổi thì được vào Đảng?")


async def test_a_text_mention_counts(harness: Harness) -> None:
    text = f"Bot ơi {QUESTION}"
    entity = {"type": "text_mention", "offset": 0, "length": 3,
              "user": {"id": BOT_ID, "is_bot": True, "first_name": "Hỏi đáp"}}
    calls, asked = await ask(harness, text, entities=[entity])
    assert answered_in_thread(calls, asked).startswith("❓ Bao nhiêu tuổi")


async def test_a_bare_mention_explains_how_to_ask(harness: Harness) -> None:
    text = "@HoiDapTestBot"
    calls, asked = await ask(harness, text, entities=[mention_entity(text, text)])
    assert "/hoi" in answered_in_thread(calls, asked)


async def test_a_reply_to_the_bot_is_answered(harness: Harness) -> None:
    calls, asked = await ask(harness, "đảng phí bao nhiêu tiền",
                             reply_to=bot_message(GROUP_ID, 321))
    assert answered_in_thread(calls, asked).startswith("❓ Đảng phí đóng bao nhiêu mỗi tháng?")


async def test_a_reply_to_someone_else_is_chatter(harness: Harness) -> None:
    other = message("ai biết không", chat_id=GROUP_ID, user_id=77)
    calls, _ = await ask(harness, QUESTION, reply_to=other)
    assert calls == []


async def test_no_match_in_a_group_is_still_polite(harness: Harness) -> None:
    calls, asked = await ask(harness, "/hoi thời tiết hôm nay thế nào")
    assert "Xin lỗi" in answered_in_thread(calls, asked)


async def test_unknown_commands_in_groups_stay_quiet(harness: Harness) -> None:
    calls, _ = await ask(harness, "/xoa_het@HoiDapTestBot")
    assert calls == []


async def test_anonymous_admins_are_answered(harness: Harness) -> None:
    anonymous = {"from": {"id": 1087968824, "is_bot": True, "first_name": "Group",
                          "username": "GroupAnonymousBot"},
                 "sender_chat": {"id": GROUP_ID, "type": "supergroup", "title": "Tổ"}}
    calls, asked = await ask(harness, f"/hoi {QUESTION}", extra=anonymous)
    assert answered_in_thread(calls, asked).startswith("❓ Bao nhiêu tuổi")


async def test_a_command_with_300_arguments(harness: Harness) -> None:
    calls, asked = await ask(harness, "/hoi " + " ".join(["tuổi"] * 300))
    visible_text(calls[0].text)
    assert calls[0].params["reply_parameters"]["message_id"] == asked["message_id"]


async def test_a_group_that_adds_the_bot_gets_one_greeting_about_hoi(harness: Harness) -> None:
    bot = {"id": BOT_ID, "is_bot": True, "first_name": "Hỏi đáp"}
    person = {"id": 5151, "is_bot": False, "first_name": "Lan"}
    added = message(chat_id=GROUP_ID, extra={"new_chat_members": [bot]})
    [greeting] = await harness.send(update_with(message=added))
    assert greeting.params["chat_id"] == GROUP_ID
    assert "/hoi vào đảng cần điều kiện gì" in visible_text(greeting.text)
    joined = message(chat_id=GROUP_ID, extra={"new_chat_members": [person]})
    assert await harness.send(update_with(message=joined)) == []  # others joining: quiet
    created = message(chat_id=GROUP_ID, extra={"group_chat_created": True})
    assert len(await harness.send(update_with(message=created))) == 1


@pytest.mark.parametrize(("command", "start"), [("/kiemtra", "kiemtra"), ("/lotrinh", "lotrinh")])
async def test_private_only_commands_in_a_group_answer_with_a_button_to_the_private_chat(
    harness: Harness, command: str, start: str
) -> None:
    [answer] = await harness.group(command)
    [button] = answer.buttons
    assert button["url"] == f"https://t.me/HoiDapTestBot?start={start}"
    assert answer.params["chat_id"] == GROUP_ID
