"""The database down under the running bot: replies go out, one log line, then it recovers.

A real SQLite file in tmp_path fails the way a server's would: another connection holding the
write lock, the file opened read-only, the disk full (`PRAGMA max_page_count` pinned at the
current size) and the folder replaced by a file.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.replies import NO_MATCH
from bot.store.storage import Storage
from tests.tg.harness import Harness
from tests.tg.telegram_html import visible_text

FAULTS = ["locked", "read-only", "disk-full", "folder-gone"]
MESSAGES = 12


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


class Disk:
    """Opens the bot's database, failing the way `fault` says; None: healthy."""

    def __init__(self, tmp_path: Path) -> None:
        self.fault: str | None = None
        self.blocker = tmp_path / "not-a-folder"

    def connect(self, path: Path, timeout: float) -> sqlite3.Connection:
        if self.fault == "read-only":
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout)
        if self.fault == "folder-gone":
            return sqlite3.connect(self.blocker / path.name, timeout=timeout)
        conn = sqlite3.connect(path, timeout=timeout)
        if self.fault == "disk-full":  # not one page more than the file has now
            conn.execute("PRAGMA max_page_count = 1")  # never below the size: it clamps there
        return conn


@pytest.fixture
def down(harness: Harness, tmp_path: Path) -> Iterator[tuple[Disk, Clock]]:
    """The harness's storage, reopened through `Disk` with a clock the test moves."""
    disk, clock = Disk(tmp_path), Clock()
    svc = harness.services
    svc.storage.close()
    svc.storage = Storage(svc.storage.path, 30, clock=clock, connect=disk.connect)
    yield disk, clock
    svc.storage.close()


def storage_logs(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage().split(" (")[0]) for r in caplog.records
            if r.name == "bot.store.storage"]


def unanswered_rows(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(
            "SELECT count(*) FROM questions WHERE outcome = 'no_match'").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("fault", FAULTS)
async def test_replies_go_out_the_failure_is_logged_once_and_it_recovers(
    harness: Harness, down: tuple[Disk, Clock], caplog: pytest.LogCaptureFixture,
    tmp_path: Path, fault: str,
) -> None:
    caplog.set_level(logging.INFO)
    disk, clock = down
    path = harness.services.storage.path
    await harness.private("mấy tuổi được vào đảng", user_id=7001)  # creates the file
    stored_before = unanswered_rows(path)

    disk.fault = fault
    harness.services.storage.close()  # the fault is met at the next open: make that now
    disk.blocker.write_text("a file where the folder was")
    holder = sqlite3.connect(path)
    if fault == "locked":
        holder.execute("BEGIN EXCLUSIVE")  # another process writing and never finishing
    started = time.monotonic()
    for n in range(MESSAGES):  # long unanswered questions: misses fill pages fast
        calls = await harness.private(f"câu hỏi lạc đề số {n} " + "thời tiết " * 40,
                                      user_id=7100 + n)
        assert [c.method for c in calls] == ["sendMessage"], fault
        assert visible_text(calls[0].text).startswith(NO_MATCH), fault
    elapsed = time.monotonic() - started
    assert storage_logs(caplog) == [("ERROR", "storage unavailable")], fault
    assert elapsed < 2.0, f"a {fault} database stalled the replies: {elapsed:.1f}s"

    holder.rollback()
    holder.close()
    disk.fault = None
    clock.now += 2  # the database is tried again at most every 2 s
    [reply] = await harness.private("thời tiết hôm nay thế nào", user_id=7999)
    assert reply.method == "sendMessage"
    assert storage_logs(caplog) == [("ERROR", "storage unavailable"),
                                    ("INFO", "storage available again")]
    assert unanswered_rows(path) > stored_before  # written again after the recovery
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1
