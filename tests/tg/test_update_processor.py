"""Per-chat ordering: concurrent across chats, sequential within one chat."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.tg.update_processor import PerChatUpdateProcessor


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
    second = asyncio.create_task(processor.process_update(message_update(2, 7), handle("a2", False)))
    other = asyncio.create_task(processor.process_update(message_update(3, 8), handle("b", False)))
    await other  # another chat is not held up by chat 7's slow update
    assert events == ["start a1", "start b", "end b"]
    gate.set()
    await asyncio.gather(first, second)
    assert events[3:] == ["end a1", "start a2", "end a2"]
    assert processor._locks == {} and processor._pending == {}  # nothing kept per chat
