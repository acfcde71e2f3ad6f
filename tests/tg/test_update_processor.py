"""Per-chat ordering: concurrent across chats, sequential within one chat."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

import pytest
from telegram import Update
from telegram.ext import SimpleUpdateProcessor
from telegram.request import RequestData

from bot.config import Config
from bot.tg.path_replies import NOTHING_TO_CANCEL, SELFCHECK_CANCELLED
from bot.tg.update_processor import MAX_CONCURRENT_UPDATES, PerChatUpdateProcessor
from tests.tg.conftest import running
from tests.tg.harness import RecordingRequest, message, update_with
from tests.tg.telegram_html import visible_text


def message_update(update_id: int, chat_id: int) -> Update:
    return Update.de_json({
        "update_id": update_id,
        "message": {"message_id": update_id, "date": 0, "text": "x",
                    "chat": {"id": chat_id, "type": "private"},
                    "from": {"id": chat_id, "is_bot": False, "first_name": "A"}},
    }, None)


async def test_same_chat_in_order_other_chats_concurrently() -> None:
    processor = PerChatUpdateProcessor()
    events: list[str] = []
    gate = asyncio.Event()

    async def handle(name: str, wait: bool) -> None:
        events.append(f"start {name}")
        if wait:
            await gate.wait()
        events.append(f"end {name}")

    first = asyncio.create_task(processor.process_update(message_update(1, 7), handle("a1", True)))
    second = asyncio.create_task(
        processor.process_update(message_update(2, 7), handle("a2", False)))
    other = asyncio.create_task(processor.process_update(message_update(3, 8), handle("b", False)))
    await other  # another chat is not held up by chat 7's slow update
    assert events == ["start a1", "start b", "end b"]
    gate.set()
    await asyncio.gather(first, second)
    assert events[3:] == ["end a1", "start a2", "end a2"]
    assert processor._locks == {} and processor._pending == {}  # nothing kept per chat


# --- the race it exists for, at handler level ------------------------------------------------

HOLD = 3.0  # seconds the first reply may wait for the second one (it never does, in order)


@dataclass
class SlowFirstQuestion(RecordingRequest):
    """Sending /kiemtra's first question takes a while, as on a slow network: it waits until
    another message of the bot has gone out, or HOLD seconds."""

    other_sent: asyncio.Event = field(default_factory=asyncio.Event)

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        text = str(request_data.parameters.get("text", "")) if request_data else ""
        first_question = url.endswith("/sendMessage") and "Câu 1/" in text
        if first_question:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.other_sent.wait(), HOLD)
        result = await super().do_request(url, method, request_data, *args, **kwargs)
        if url.endswith("/sendMessage") and not first_question:
            self.other_sent.set()
        return result


QUESTION = "Câu 1/5"


@pytest.mark.parametrize(
    ("processor", "expected"),
    [("per-chat", [QUESTION, SELFCHECK_CANCELLED]), ("plain", [NOTHING_TO_CANCEL, QUESTION])],
    ids=["per-chat-in-order", "plain-concurrent-loses-the-cancel"],
)
async def test_a_cancel_sent_right_after_kiemtra_cancels_it(
    config: Config, monkeypatch: pytest.MonkeyPatch, processor: str, expected: list[str]
) -> None:
    """/kiemtra then /huy at once, as a quick thumb does. Only once the first reply is sent
    is the conversation in its asking state; run concurrently (PTB's plain processor, the
    control case), /huy overtakes it and finds nothing to cancel."""
    if processor == "plain":
        monkeypatch.setattr("bot.tg.runner.PerChatUpdateProcessor",
                            lambda: SimpleUpdateProcessor(MAX_CONCURRENT_UPDATES))
    request = SlowFirstQuestion()
    async with running(config, request) as h:
        await h.app.start()  # updates now flow through the update processor, as when polling
        try:
            for text in ("/kiemtra", "/huy"):
                await h.app.update_queue.put(
                    Update.de_json(update_with(message=message(text)), h.app.bot))
            for _ in range(200):
                if len(request.of("sendMessage")) == 2:
                    break
                await asyncio.sleep(0.05)
        finally:
            await h.app.stop()
    replies = [visible_text(c.text) for c in request.of("sendMessage")]
    assert [QUESTION if QUESTION in r else r for r in replies] == expected
