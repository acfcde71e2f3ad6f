"""The hashing secret as the running bot uses it: from BOT_HASH_SECRET, or a kept file."""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import stat
from pathlib import Path

import pytest

from bot.config import Config
from bot.store.privacy import SECRET_ENV, hash_user
from tests.tg.conftest import running
from tests.tg.harness import USER_ID, callback

MISS = "thời tiết hôm nay thế nào"


def stored_users(config: Config) -> set[str]:
    conn = sqlite3.connect(config.storage.path)
    try:
        rows = conn.execute("SELECT user FROM misses UNION SELECT user FROM votes").fetchall()
    finally:
        conn.close()
    return {user for (user,) in rows}


async def miss_and_vote(config: Config) -> None:
    async with running(config) as harness:
        await harness.private(MISS)
        await harness.send(callback("v:tuoi-vao-dang:down"))


async def test_the_environment_secret_is_used_and_nothing_is_written(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, "a-long-secret-from-the-service-manager")
    await miss_and_vote(config)
    assert stored_users(config) == {hash_user(b"a-long-secret-from-the-service-manager",
                                              USER_ID)}
    assert not config.storage.secret_path.exists()
    assert not config.storage.secret_path.parent.exists()


async def test_without_it_a_secret_file_is_made_once_for_the_owner_only(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    await miss_and_vote(config)
    path = config.storage.secret_path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    secret = path.read_text(encoding="ascii").strip().encode("ascii")
    assert stored_users(config) == {hash_user(secret, USER_ID)}
    await miss_and_vote(config)  # a restart keeps the same pseudonym
    assert stored_users(config) == {hash_user(secret, USER_ID)}
    assert path.read_text(encoding="ascii").strip().encode("ascii") == secret


async def test_an_unwritable_secret_path_still_answers_with_a_temporary_secret(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    broken = dataclasses.replace(
        config, storage=dataclasses.replace(config.storage, secret_path=blocker / "secret"))
    async with running(broken) as harness:
        calls = await harness.private(MISS)
    assert [c.method for c in calls] == ["sendMessage"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("using a temporary one" in w for w in warnings), warnings
    assert len(stored_users(config)) == 1
