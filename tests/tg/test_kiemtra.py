"""/kiemtra: the self-check conversation, tap by tap, through Application.process_update:
start, answers, a restart, cancel (/huy and the button), the timeout, and groups."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config, FloodConfig
from bot.core import replies, selfcheck
from bot.tg import path_replies
from tests.tg.conftest import copy_real_faq, running
from tests.tg.harness import GROUP_ID, USER_ID, Call, Harness, bot_message, callback
from tests.tg.telegram_html import visible_text

STALE = replies.STALE
TIMEOUT = 0.8  # seconds, instead of ten minutes


@pytest.fixture
def faq_dir(tmp_path: Path) -> Path:
    return copy_real_faq(tmp_path)


@pytest.fixture
def config(config: Config) -> Config:
    """Room for a whole conversation of taps under the flood limit; a short timeout."""
    return replace(config, flood=FloodConfig(per_user_messages=50, per_user_seconds=60),
                   telegram=replace(config.telegram, selfcheck_timeout=TIMEOUT))


@pytest.fixture
async def harness(config: Config, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Harness]:
    """The real application with its JobQueue running, as run_polling would start it."""
    monkeypatch.delenv("BOT_HASH_SECRET", raising=False)
    async with running(config) as h:
        assert h.app.job_queue is not None
        await h.app.job_queue.start()
        try:
            yield h
        finally:
            await h.app.job_queue.stop()


def methods(calls: list[Call]) -> list[str]:
    return [c.method for c in calls]


def stored(h: Harness, user_id: int = USER_ID) -> Any:
    return h.app.user_data.get(user_id, {}).get("kiemtra")


async def tap(h: Harness, data: str, message_id: int = 500, user_id: int = USER_ID) -> list[Call]:
    return await h.send(callback(data, user_id=user_id, on=bot_message(user_id, message_id)))


async def test_the_whole_conversation_ends_with_a_checklist(harness: Harness) -> None:
    [first] = await harness.private("/kiemtra")
    assert "Câu 1/5" in visible_text(first.text)
    assert first.callback_data() == ["k:tuoi:u18", "k:tuoi:a18", "k:tuoi:a31", "k:tuoi:o60",
                                     "k:huy"]
    choices = [("tuoi", "a31"), ("hoc-van", "thcs"), ("lop", "chua"), ("doan-the", "congdoan")]
    for number, (question, option) in enumerate(choices, 2):
        calls = await tap(harness, f"k:{question}:{option}")
        assert methods(calls) == ["answerCallbackQuery", "editMessageText"]
        assert f"Câu {number}/5" in visible_text(calls[1].text)
        assert stored(harness)[question] == option  # kept only while the conversation lasts
    calls = await tap(harness, "k:chi-bo:khong")
    assert methods(calls) == ["answerCallbackQuery", "editMessageText"]
    text = visible_text(calls[1].text)
    assert text.startswith("Việc bạn nên làm tiếp:")
    assert "Bí thư <chi bộ> & công đoàn" in text  # the contact from config, escaped
    assert calls[1].callback_data() == ["a:cty-chua-co-chi-bo", "a:ai-cu-di-hoc",
                                        "a:cong-doan-gioi-thieu", "a:cac-buoc-ket-nap"]
    assert stored(harness) is None  # forgotten at the end
    after = await tap(harness, "k:chi-bo:co")
    assert methods(after) == ["answerCallbackQuery"] and after[0].params["text"] == STALE


async def test_a_checklist_button_opens_the_entry(harness: Harness) -> None:
    calls = await tap(harness, "a:cty-chua-co-chi-bo")
    assert methods(calls) == ["answerCallbackQuery", "sendMessage"]
    assert visible_text(calls[1].text).startswith("❓ Công ty em chưa có chi bộ")


async def test_huy_cancels_and_forgets(harness: Harness) -> None:
    await harness.private("/kiemtra")
    await tap(harness, "k:tuoi:a18")
    [reply] = await harness.private("/huy")
    assert reply.text == path_replies.SELFCHECK_CANCELLED
    assert stored(harness) is None
    late = await tap(harness, "k:hoc-van:thcs")
    assert late[0].params["text"] == STALE
    [again] = await harness.private("/huy")
    assert again.text == path_replies.NOTHING_TO_CANCEL


async def test_the_cancel_button(harness: Harness) -> None:
    await harness.private("/kiemtra")
    calls = await tap(harness, "k:huy", message_id=610)
    assert methods(calls) == ["answerCallbackQuery", "editMessageText"]
    assert calls[1].params["message_id"] == 610
    assert calls[1].text == path_replies.SELFCHECK_CANCELLED
    assert stored(harness) is None


async def test_a_tap_racing_the_timeout_is_stale(harness: Harness) -> None:
    """The timeout sends its notice before PTB marks the conversation ended; a tap read in
    that moment finds the answers already forgotten, and is answered as the stale button it
    is (not 'already answered'), ending the conversation."""
    await harness.private("/kiemtra")
    await tap(harness, "k:tuoi:u18")
    # What on_timeout has forgotten, while the conversation's state is still 'asking':
    assert harness.app.user_data[USER_ID].pop("kiemtra") == {"tuoi": "u18"}
    late = await tap(harness, "k:hoc-van:thcs")
    assert methods(late) == ["answerCallbackQuery"] and late[0].params["text"] == STALE
    again = await tap(harness, "k:hoc-van:thcs")  # ended now: the catch-all answers it
    assert again[0].params["text"] == STALE
    [nothing] = await harness.private("/huy")
    assert nothing.text == path_replies.NOTHING_TO_CANCEL


async def test_timeout_ends_it_and_forgets(harness: Harness) -> None:
    await harness.private("/kiemtra")
    await tap(harness, "k:tuoi:u18")
    assert stored(harness) == {"tuoi": "u18"}
    before = len(harness.request.calls)
    for _ in range(50):  # the JobQueue fires after TIMEOUT; allow a slow machine some slack
        await asyncio.sleep(0.1)
        if len(harness.request.calls) > before:
            break
    await asyncio.sleep(0.2)  # and nothing else follows
    notices = harness.request.calls[before:]
    assert methods(notices) == ["sendMessage"]
    assert notices[0].text == path_replies.SELFCHECK_TIMEOUT
    assert notices[0].params["chat_id"] == USER_ID
    assert stored(harness) is None
    late = await tap(harness, "k:hoc-van:thcs")
    assert late[0].params["text"] == STALE


async def test_each_answer_restarts_the_clock(harness: Harness) -> None:
    await harness.private("/kiemtra")
    for question, option in [("tuoi", "a18"), ("hoc-van", "thcs"), ("lop", "moi")]:
        await asyncio.sleep(TIMEOUT * 0.5)
        await tap(harness, f"k:{question}:{option}")
    assert path_replies.SELFCHECK_TIMEOUT not in [c.text for c in harness.request.calls]
    assert stored(harness) == {"tuoi": "a18", "hoc-van": "thcs", "lop": "moi"}


async def test_an_earlier_questions_button_changes_nothing(harness: Harness) -> None:
    await harness.private("/kiemtra")
    await tap(harness, "k:tuoi:a18")
    calls = await tap(harness, "k:tuoi:o60")
    assert methods(calls) == ["answerCallbackQuery"]
    assert calls[0].params["text"] == path_replies.ALREADY_ANSWERED
    assert stored(harness) == {"tuoi": "a18"}


async def test_kiemtra_again_starts_over(harness: Harness) -> None:
    await harness.private("/kiemtra")
    await tap(harness, "k:tuoi:a18")
    [first] = await harness.private("/kiemtra")
    assert "Câu 1/5" in visible_text(first.text)
    assert stored(harness) == {}


async def test_the_button_under_the_picture_starts_it(harness: Harness) -> None:
    calls = await tap(harness, "k:batdau")
    assert methods(calls) == ["answerCallbackQuery", "sendMessage"]
    assert "Câu 1/5" in visible_text(calls[1].text)
    assert stored(harness) == {}


async def test_two_people_do_not_share_answers(harness: Harness) -> None:
    other = USER_ID + 1
    await harness.private("/kiemtra")
    await harness.private("/kiemtra", user_id=other)
    await tap(harness, "k:tuoi:u18")
    await tap(harness, "k:tuoi:o60", user_id=other)
    assert stored(harness) == {"tuoi": "u18"}
    assert stored(harness, other) == {"tuoi": "o60"}


async def test_in_a_group_it_points_to_a_private_chat(harness: Harness) -> None:
    [reply] = await harness.group("/kiemtra")
    assert reply.text == path_replies.SELFCHECK_PRIVATE
    calls = await harness.send(callback("k:batdau", on=bot_message(GROUP_ID, 70)))
    assert methods(calls) == ["answerCallbackQuery"]
    assert calls[0].params["text"] == path_replies.SELFCHECK_PRIVATE
    assert stored(harness) is None


def test_every_question_fits_the_keyboard() -> None:
    for number, question in enumerate(selfcheck.QUESTIONS, 1):
        reply = path_replies.question(question, number)
        assert reply.keyboard is not None
        assert len(reply.keyboard.inline_keyboard) == len(question.options) + 1


async def test_a_forged_option_is_stale_and_changes_nothing(harness: Harness) -> None:
    await harness.private("/kiemtra")
    calls = await tap(harness, "k:tuoi:x99")
    assert methods(calls) == ["answerCallbackQuery"] and calls[0].params["text"] == STALE
    assert stored(harness) == {}
