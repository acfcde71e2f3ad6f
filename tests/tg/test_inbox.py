"""The durable inbox against the Bot API emulator: recorded before confirmed, replayed once."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from telegram import Bot, Update

from bot.store.storage import Storage
from bot.tg.inbox import DurableUpdater
from tests.emulator import Emulator, User

TOKEN = "123456:TEST-inbox"


class RecordingStorage(Storage):
    """Real SQLite; also notes when each batch was written, to compare with the calls."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, retention_days=30)
        self.written: list[tuple[float, list[int]]] = []

    def receive_updates(self, updates: list[tuple[int, str]]) -> list[int] | None:
        fresh = super().receive_updates(updates)
        self.written.append((time.monotonic(), [u for u, _ in updates]))
        return fresh


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
async def bot(emu: Emulator) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=emu.base_url) as client:
        yield client


async def take(queue: asyncio.Queue[object], count: int) -> list[int]:
    found = []
    for _ in range(count):
        update = await asyncio.wait_for(queue.get(), timeout=10)
        assert isinstance(update, Update)
        found.append(update.update_id)
    return found


async def test_a_batch_is_recorded_before_the_offset_that_confirms_it(
    emu: Emulator, bot: Bot, tmp_path: Path
) -> None:
    storage = RecordingStorage(tmp_path / "bot.sqlite3")
    queue: asyncio.Queue[object] = asyncio.Queue()
    updater = DurableUpdater(bot, queue, storage)
    sent = [emu.send_text(User(1001, "An"), f"câu {n}") for n in range(3)]
    await updater.start_polling(timeout=1)
    try:
        ids = await take(queue, 3)
        await asyncio.to_thread(emu.wait_for, lambda: any(
            c.params.get("offset") == ids[-1] + 1 for c in emu.calls("getUpdates")), 10)
    finally:
        await updater.stop()
    confirm = next(c for c in emu.calls("getUpdates") if c.params.get("offset") == ids[-1] + 1)
    [(written_at, batch)] = [w for w in storage.written if ids[-1] in w[1]]
    assert batch == ids and len(sent) == 3
    assert written_at < confirm.time  # durable before acknowledged
    storage.close()


async def test_a_restart_handles_what_was_left_once_and_ignores_redelivery(
    emu: Emulator, bot: Bot, tmp_path: Path
) -> None:
    storage = Storage(tmp_path / "bot.sqlite3", retention_days=30)
    emu.send_text(User(1002, "Bình"), "câu bị bỏ dở")
    with emu.state.lock:
        left = dict(emu.state.updates[0])  # as a crashed bot recorded it, never confirmed
    storage.receive_updates([(left["update_id"], json.dumps(left, ensure_ascii=False))])
    emu.send_text(User(1002, "Bình"), "câu mới")
    queue: asyncio.Queue[object] = asyncio.Queue()
    updater = DurableUpdater(bot, queue, storage)
    await updater.start_polling(timeout=1)
    try:
        ids = await take(queue, 2)
        await asyncio.to_thread(emu.wait_idle, 0.5, 10)
    finally:
        await updater.stop()
    assert ids == [left["update_id"], left["update_id"] + 1]  # the left one first, not twice
    assert queue.empty()
    storage.close()
