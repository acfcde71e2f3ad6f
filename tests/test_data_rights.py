"""Deleting on request (bot/store/data_rights.py), on a real SQLite file in tmp_path."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Config, StorageConfig
from bot.store.data_rights import DataRightsError, forget_user, purge_all
from bot.store.privacy import SECRET_ENV, hash_user, load_secret
from bot.store.storage import Storage

LAN, MAI = 7_301_112_233, 6_402_223_344
LAN_TEXT = "câu hỏi riêng của Lan về lương hưu"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    return Config(storage=StorageConfig(path=tmp_path / "data" / "bot.sqlite3",
                                        retention_days=30, secret_path=tmp_path / "keys" / "s"))


@pytest.fixture
def bot_storage(config: Config) -> Iterator[Storage]:
    """What the running bot stored for two users, its connection still open."""
    secret = load_secret(config.storage.secret_path)
    store = Storage(config.storage.path, config.storage.retention_days)
    lan, mai = hash_user(secret, LAN), hash_user(secret, MAI)
    store.record_question("no_match")
    store.record_miss(lan, LAN_TEXT, "no_match", None)
    store.record_miss(lan, "đảng phí bao nhiêu", "downvote", "muc-dang-phi")
    store.record_vote(lan, "muc-dang-phi", up=False)
    store.record_miss(mai, "câu hỏi của Mai", "no_match", None)
    store.record_vote(mai, "tuoi", up=True)
    yield store
    store.close()


def rows(config: Config) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(config.storage.path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("questions", "misses", "votes")}
    finally:
        conn.close()


def on_disk(config: Config) -> bytes:
    folder = config.storage.path.parent
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def test_forget_deletes_one_users_rows_only(config: Config, bot_storage: Storage) -> None:
    assert forget_user(config, LAN) == 3
    left = rows(config)
    assert [r[4] for r in left["misses"]] == ["câu hỏi của Mai"]
    assert [r[2] for r in left["votes"]] == ["tuoi"]
    assert len(left["questions"]) == 1  # counts hold no user
    assert forget_user(config, LAN) == 0
    bot_storage.record_question("answer", "tuoi")  # the running bot carries on
    assert len(rows(config)["questions"]) == 2


def test_forgotten_text_is_gone_from_the_files(config: Config, bot_storage: Storage) -> None:
    assert LAN_TEXT.encode() in on_disk(config)
    forget_user(config, LAN)
    assert LAN_TEXT.encode() not in on_disk(config)
    assert "câu hỏi của Mai".encode() in on_disk(config)


def test_forget_uses_the_secret_from_the_environment(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, "service-secret")
    store = Storage(config.storage.path, 30)
    store.record_miss(hash_user(b"service-secret", LAN), "x", "no_match", None)
    store.close()
    assert forget_user(config, MAI) == 0
    assert forget_user(config, LAN) == 1
    assert not config.storage.secret_path.exists()


def test_forget_without_the_secret_refuses_and_creates_nothing(config: Config) -> None:
    Storage(config.storage.path, 30).record_miss("someone", "x", "no_match", None)
    with pytest.raises(DataRightsError, match="no hashing secret.*purge"):
        forget_user(config, LAN)
    assert not config.storage.secret_path.exists()
    assert len(rows(config)["misses"]) == 1


def test_without_a_database_there_is_nothing_to_delete(config: Config) -> None:
    assert forget_user(config, LAN) == 0
    assert purge_all(config) == 0
    assert not config.storage.path.parent.exists()
    assert not config.storage.secret_path.exists()


def test_purge_deletes_everything(config: Config, bot_storage: Storage) -> None:
    assert purge_all(config) == 6
    assert rows(config) == {"questions": [], "misses": [], "votes": []}
    assert LAN_TEXT.encode() not in on_disk(config)
    assert purge_all(config) == 0


def test_a_broken_database_is_an_error_not_a_quiet_zero(config: Config) -> None:
    config.storage.path.parent.mkdir(parents=True)
    config.storage.path.write_bytes(b"this is not a database" * 100)
    load_secret(config.storage.secret_path)
    with pytest.raises(DataRightsError, match="nothing was deleted"):
        forget_user(config, LAN)
    with pytest.raises(DataRightsError, match="nothing was deleted"):
        purge_all(config)


def test_storage_zeroes_deleted_rows_on_any_sqlite_build(bot_storage: Storage) -> None:
    # Debian's SQLite zeroes by default, python.org's and macOS's do not: Storage asks for it.
    conn = bot_storage._connect()
    assert conn.execute("PRAGMA secure_delete").fetchone() == (1,)
