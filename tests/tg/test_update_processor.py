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


async def test_an_update_is_marked_handled_after_its_handlers_not_when_cancelled() -> None:
    done: list[int] = []
    processor = PerChatUpdateProcessor(on_handled=done.append)
    gate = asyncio.Event()

    async def handle(fail: bool) -> None:
        await gate.wait()
        if fail:
            raise RuntimeError("a handler bug is still handled: no retry loop")

    ok = asyncio.create_task(processor.process_update(message_update(1, 7), handle(False)))
    bad = asyncio.create_task(processor.process_update(message_update(2, 8), handle(True)))
    cut = asyncio.create_task(processor.process_update(message_update(3, 9), handle(False)))
    await asyncio.sleep(0)
    assert done == []  # nothing is done before its handlers are
    cut.cancel()  # a shutdown cancelling a handler: handled again after the restart
    gate.set()
    results = await asyncio.gather(ok, bad, cut, return_exceptions=True)
    assert isinstance(results[1], RuntimeError) and isinstance(results[2], asyncio.CancelledError)
    assert sorted(done) == [1, 2]
