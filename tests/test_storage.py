"""SQLite storage on a real file: records, stats, retention, forget, purge, export, failures."""

from __future__ import annotations

import dataclasses
import io
import logging
import sqlite3
import time
from pathlib import Path

import pytest
import yaml

from bot.config import Config, StorageConfig
from bot.store.misses_export import export_misses
from bot.store.storage import Storage

DAY = 86400


class Clock:
    def __init__(self) -> None:
        self.now = 1_790_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def storage(tmp_path: Path, clock: Clock) -> Storage:
    store = Storage(tmp_path / "data" / "bot.sqlite3", retention_days=30, clock=clock)
    yield store
    store.close()


def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("questions", "misses", "votes")}
    finally:
        conn.close()


def test_uses_wal(storage: Storage) -> None:
    storage.record_question("answer", "a")
    conn = sqlite3.connect(storage.path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()


def test_misses_are_scrubbed_and_keyed_by_hash(storage: Storage) -> None:
    storage.record_miss("h" * 64, "gọi  em 0912345678\nhoặc lan@x.vn", "no_match", "tuoi")
    assert tables(storage.path)["misses"] == [
        (1, 1_790_000_000, "h" * 64, "no_match", "gọi em [số điện thoại] hoặc [email]", "tuoi")
    ]


def test_stats(storage: Storage) -> None:
    for outcome, entry in [("answer", "a"), ("answer", "a"), ("answer", "b"), ("tap", "b"),
                           ("tap", "b"), ("suggest", None), ("no_match", None),
                           ("small_talk", None)]:
        storage.record_question(outcome, entry)  # type: ignore[arg-type]
    storage.record_miss("u1", "Lương hưu", "no_match", None)
    storage.record_miss("u2", "lương hưu", "no_match", None)
    storage.record_miss("u2", "khác", "no_match", None)
    storage.record_miss("u2", "bị chê", "downvote", "a")
    assert storage.record_vote("u1", "a", up=True)
    assert not storage.record_vote("u1", "a", up=True)
    assert storage.record_vote("u1", "a", up=False)
    assert storage.record_vote("u2", "a", up=True)
    stats = storage.stats(top=2)
    assert stats is not None
    assert (stats.questions, stats.answered, stats.suggested, stats.unanswered) == (5, 3, 1, 1)
    assert (stats.upvotes, stats.downvotes) == (1, 1)
    assert stats.top_entries == (("b", 3), ("a", 2))
    assert stats.top_misses == (("lương hưu", 2), ("khác", 1))


def test_recent_misses_newest_first(storage: Storage, clock: Clock) -> None:
    storage.record_miss("u", "cũ", "no_match", None)
    clock.now += 60
    storage.record_miss("u", "mới", "downvote", "x")
    misses = storage.recent_misses(limit=5)
    assert misses is not None
    assert [(m.text, m.kind, m.best_id) for m in misses] == [("mới", "downvote", "x"),
                                                            ("cũ", "no_match", None)]


def test_retention_deletes_old_rows(storage: Storage, clock: Clock) -> None:
    storage.record_question("answer", "a")
    storage.record_miss("u", "cũ", "no_match", None)
    storage.record_vote("u", "a", up=True)
    clock.now += 31 * DAY
    storage.record_question("answer", "b")  # the write path sweeps old rows too
    rows = tables(storage.path)
    assert [r[2] for r in rows["questions"]] == ["b"]
    assert rows["misses"] == [] and rows["votes"] == []
    assert storage.delete_expired() == 0


def test_forget_one_user_and_purge_all(storage: Storage) -> None:
    storage.record_miss("u1", "một", "no_match", None)
    storage.record_miss("u2", "hai", "no_match", None)
    storage.record_vote("u1", "a", up=False)
    storage.record_question("answer", "a")
    assert storage.forget("u1") == 2
    assert [r[2] for r in tables(storage.path)["misses"]] == ["u2"]
    assert storage.purge() == 2
    assert tables(storage.path) == {"questions": [], "misses": [], "votes": []}


def test_failures_are_logged_once_and_recovered(
    tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.store.storage")
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory")
    store = Storage(blocker / "bot.sqlite3", retention_days=30, clock=clock)
    for _ in range(5):
        store.record_question("answer", "a")
        assert not store.record_vote("u", "a", up=True)
    assert store.stats() is None and store.recent_misses() is None
    assert [r.levelname for r in caplog.records] == ["ERROR"]
    blocker.unlink()
    clock.now += 2  # the database is tried again at most every 2 s
    store.record_question("answer", "a")
    assert [r.getMessage() for r in caplog.records][-1] == "storage available again"
    assert store.stats() is not None
    store.close()


def test_a_locked_database_does_not_block_for_long(storage: Storage, clock: Clock) -> None:
    storage.record_question("answer", "a")
    other = sqlite3.connect(storage.path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        storage.record_question("answer", "b")  # dropped after the short busy timeout
        assert time.monotonic() - started < 1.0
        started = time.monotonic()
        for _ in range(20):  # still locked: not waited on again for each message
            storage.record_question("answer", "x")
        assert time.monotonic() - started < 0.1
    finally:
        other.rollback()
        other.close()
    clock.now += 2
    storage.record_question("answer", "c")
    assert [r[2] for r in tables(storage.path)["questions"]] == ["a", "c"]


def test_export_misses_as_yaml_stubs(storage: Storage, clock: Clock, tmp_path: Path) -> None:
    storage.record_miss("u1", "Lương hưu đảng viên", "no_match", "a")
    storage.record_miss("u2", "lương  hưu đảng viên", "no_match", "b")
    storage.record_miss("u3", "lương hưu đảng viên", "downvote", "b")
    storage.record_miss("u3", "sđt 0912345678 hỏi gì", "no_match", None)
    storage.close()
    config = Config(storage=StorageConfig(path=storage.path))
    out = io.StringIO()
    assert export_misses(config, out) == 2
    assert out.getvalue().startswith("# Câu hỏi bot chưa trả lời được")
    assert yaml.safe_load(out.getvalue()) == [
        {"question": "lương hưu đảng viên", "count": 3, "downvotes": 1, "best_guess": "b",
         "last_asked": "2026-09-21"},
        {"question": "sđt [số điện thoại] hỏi gì", "count": 1, "downvotes": 0,
         "best_guess": None, "last_asked": "2026-09-21"},
    ]


def test_export_without_a_database(tmp_path: Path) -> None:
    config = Config(storage=dataclasses.replace(StorageConfig(), path=tmp_path / "none.db"))
    out = io.StringIO()
    assert export_misses(config, out) == 0
    assert yaml.safe_load(out.getvalue()) == []
    assert not (tmp_path / "none.db").exists()
