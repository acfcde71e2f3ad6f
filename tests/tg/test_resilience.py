"""Never lose a reply: Telegram errors, retries, the error handler (database: see
test_storage_down)."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from bot.config import Config
from tests.tg.conftest import running
from tests.tg.harness import TOKEN, Failure, Harness, RecordingRequest
from tests.tg.telegram_html import visible_text

APOLOGY = "Xin lỗi, mình gặp trục trặc khi trả lời. Bạn gửi lại câu hỏi sau ít phút nhé."


async def test_a_failing_reply_gets_an_apology_and_a_log(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.request.fail("sendMessage", Failure(400, "Bad Request: can't parse entities"))
    calls = await harness.private("mấy tuổi được vào đảng")
    assert [c.method for c in calls] == ["sendMessage", "sendMessage"]
    assert calls[1].text == APOLOGY
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in errors] == ["error while handling message"]
    assert errors[0].exc_info is not None
    assert visible_text((await harness.private("mấy tuổi được vào đảng"))[0].text)


async def test_a_failing_tap_gets_an_apology_toast(harness: Harness) -> None:
    from tests.tg.harness import callback

    harness.request.fail("sendMessage", Failure(403, "Forbidden: bot was blocked by the user"))
    calls = await harness.send(callback("a:hoc-van"))
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage",
                                         "answerCallbackQuery"]
    # Telegram rejects a second answer to one query; the apology toast is best effort.


async def test_transient_failures_are_retried_and_answered_once(config: Config) -> None:
    limited = dataclasses.replace(
        config, telegram=dataclasses.replace(config.telegram, rate_limiter=True)
    )
    request = RecordingRequest()
    request.fail(
        "sendMessage",
        Failure(502, "Bad Gateway"),
        Failure(429, "Too Many Requests: retry after 1", retry_after=1),
    )
    async with running(limited, request) as harness:
        calls = await harness.private("mấy tuổi được vào đảng")
    assert [c.method for c in calls] == ["sendMessage"] * 3
    assert calls[0].text == calls[2].text
    assert visible_text(calls[2].text).startswith("❓ Bao nhiêu tuổi")


async def test_the_token_never_reaches_the_log(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    harness.request.fail("sendMessage", Failure(502, "Bad Gateway"))
    await harness.private("mấy tuổi được vào đảng")
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("bot"))
    assert TOKEN not in logged
