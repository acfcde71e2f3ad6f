"""Buttons: suggestions, related questions, topics, votes, and payloads we did not make."""

from __future__ import annotations

import pytest

from tests.tg.harness import USER_ID, Harness, bot_message, callback
from tests.tg.telegram_html import visible_text

STALE = "Nút này đã cũ. Bạn gõ lại câu hỏi giúp mình nhé."


def methods(calls: list) -> list[str]:
    return [c.method for c in calls]


async def test_a_suggestion_tap_turns_the_message_into_the_answer(harness: Harness) -> None:
    suggestion = (await harness.private("hồ sơ"))[0]
    assert suggestion.callback_data()[0] == "s:ho-so-gom-gi"
    calls = await harness.send(callback("s:ho-so-gom-gi", on=bot_message(USER_ID, 77)))
    assert methods(calls) == ["answerCallbackQuery", "editMessageText"]
    edit = calls[1]
    assert edit.params["message_id"] == 77
    assert visible_text(edit.text).startswith("❓ Hồ sơ vào Đảng gồm những giấy tờ gì?")
    assert "v:ho-so-gom-gi:down" in edit.callback_data()


async def test_a_related_tap_sends_a_new_answer(harness: Harness) -> None:
    calls = await harness.send(callback("a:hoc-van"))
    assert methods(calls) == ["answerCallbackQuery", "sendMessage"]
    assert calls[1].params["chat_id"] == USER_ID
    assert visible_text(calls[1].text).startswith("❓ Vào Đảng cần trình độ học vấn gì?")


async def test_topics_browse_in_place(harness: Harness) -> None:
    menu = (await harness.private("/chude"))[0]
    assert menu.callback_data() == ["t:dieu-kien", "t:ho-so", "t:dang-phi"]
    calls = await harness.send(callback("t:dieu-kien", on=bot_message(USER_ID, 50)))
    assert methods(calls) == ["answerCallbackQuery", "editMessageText"]
    assert visible_text(calls[1].text) == "📚 Ai được vào Đảng\nChọn một câu hỏi:"
    assert calls[1].callback_data() == [
        "a:tuoi-vao-dang", "a:hoc-van", "a:nguoi-gioi-thieu", "m:chude",
    ]
    back = await harness.send(callback("m:chude", on=bot_message(USER_ID, 50)))
    assert back[1].callback_data() == menu.callback_data()


async def test_topic_pages(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.tg import render

    monkeypatch.setattr(render, "TOPIC_PAGE_SIZE", 2)
    first = (await harness.send(callback("t:dieu-kien")))[1]
    assert first.callback_data() == ["a:tuoi-vao-dang", "a:hoc-van", "m:chude", "t:dieu-kien:1"]
    second = (await harness.send(callback("t:dieu-kien:1")))[1]
    assert second.callback_data() == ["a:nguoi-gioi-thieu", "t:dieu-kien", "m:chude"]
    assert "(trang 2/2)" in second.text


async def test_votes_are_recorded_once_per_user(harness: Harness) -> None:
    answer = (await harness.private("mấy tuổi được vào đảng"))[0]
    sent_id = 5000 + len(harness.request.of("sendMessage")) - 1
    on = bot_message(USER_ID, sent_id)
    calls = await harness.send(callback("v:tuoi-vao-dang:down", on=on))
    assert methods(calls) == ["answerCallbackQuery", "sendMessage"]  # "what did you need?"
    assert "ghi lại" in calls[0].params["text"]
    again = await harness.send(callback("v:tuoi-vao-dang:down", on=on))
    assert methods(again) == ["answerCallbackQuery"]  # a second tap changes nothing
    up = await harness.send(callback("v:tuoi-vao-dang:up", user_id=2002))
    assert up[0].params["text"].startswith("Cảm ơn bạn!")
    stats = harness.services.storage.stats()
    assert (stats.upvotes, stats.downvotes) == (1, 1)
    misses = harness.services.storage.open_misses()
    assert [(m.kind, m.text, m.best_id) for m in misses] == [
        ("downvote", "mấy tuổi được vào đảng", "tuoi-vao-dang")
    ]
    assert answer.params["chat_id"] == USER_ID


@pytest.mark.parametrize(
    "data",
    [
        "a:khong-ton-tai",  # an entry removed by /reload
        "t:chu-de-cu",
        "t:dieu-kien:x1",
        "v:tuoi-vao-dang:maybe",
        "x:tuoi-vao-dang",  # another bot version's prefix
        "a:TUOI",
        "a:tuoi:1:2",
        "'; DROP TABLE votes; --",
        "a:" + "a" * 70,
        "",
    ],
    ids=["removed", "old-topic", "bad-page", "bad-vote", "prefix", "case", "parts", "sql",
         "long", "empty"],
)
async def test_stale_or_forged_buttons_ask_again(harness: Harness, data: str) -> None:
    calls = await harness.send(callback(data))
    assert methods(calls) == ["answerCallbackQuery"]
    assert calls[0].params["text"] == STALE
    assert methods(await harness.private("mấy tuổi được vào đảng")) == ["sendMessage"]


async def test_an_old_message_that_cannot_be_edited_gets_a_new_one(harness: Harness) -> None:
    from tests.tg.harness import Failure

    harness.request.fail(
        "editMessageText", Failure(400, "Bad Request: message can't be edited")
    )
    calls = await harness.send(callback("s:hoc-van"))
    assert methods(calls) == ["answerCallbackQuery", "editMessageText", "sendMessage"]
    assert visible_text(calls[2].text).startswith("❓ Vào Đảng cần trình độ học vấn gì?")


async def test_same_tap_twice_is_not_an_error(harness: Harness) -> None:
    from tests.tg.harness import Failure

    harness.request.fail(
        "editMessageText",
        Failure(400, "Bad Request: message is not modified: specified new message content"),
    )
    calls = await harness.send(callback("t:ho-so"))
    assert methods(calls) == ["answerCallbackQuery", "editMessageText"]
