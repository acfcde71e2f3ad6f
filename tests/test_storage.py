"""SQLite storage on a real file: records, stats, retention, forget, purge, export, failures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sqlite3
import time
from pathlib import Path

import pytest

from bot.store.review_sql import Change
from bot.store.storage import Storage, read_changes, read_open_misses

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
        (1, 1_790_000_000, "h" * 64, "no_match", "gọi em [số điện thoại] hoặc [email]", "tuoi",
         None)
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


def test_open_misses_oldest_first(storage: Storage, clock: Clock) -> None:
    storage.record_miss("u", "mới", "downvote", "x")
    clock.now -= 60  # a clock set back: the time decides, not the insertion order
    storage.record_miss("u", "cũ", "no_match", None)
    misses = storage.open_misses()
    assert misses is not None
    assert [(m.text, m.kind, m.best_id) for m in misses] == [("cũ", "no_match", None),
                                                            ("mới", "downvote", "x")]


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
    assert store.stats() is None and store.open_misses() is None
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


def test_open_misses_leave_once_reviewed_and_return_on_undo(
    storage: Storage, clock: Clock
) -> None:
    first = storage.record_miss("u1", "Lương hưu đảng viên", "no_match", "a")
    second = storage.record_miss("u2", "sđt 0912345678 hỏi gì", "suggest", None)
    third = storage.record_miss("u3", "cần hỏi gì thêm", "clarify", None, parent=first)
    assert [m.id for m in storage.open_misses() or []] == [first, second, third]
    assert storage.open_misses()[2].parent == first  # type: ignore[index]
    change = Change(0, dt.datetime.now(dt.UTC), "h" * 64, "add_phrasing", "a", "x.yaml",
                    "Lương hưu đảng viên", b"old", "digest")
    change_id = storage.add_change(change)
    assert change_id is not None
    storage.mark_reviewed([first, third], "add_phrasing", change_id)
    assert [m.text for m in storage.open_misses() or []] == ["sđt [số điện thoại] hỏi gì"]
    storage.drop_miss(second)  # a suggestion tapped after all
    assert storage.open_misses() == []
    undo_id = storage.add_change(dataclasses.replace(change, action="undo", before=None))
    storage.undo_change(change_id, undo_id or 0)
    assert [m.id for m in storage.open_misses() or []] == [first, third]
    logged = storage.changes() or []
    assert [(c.id, c.action, c.undone_by) for c in logged] == [
        (undo_id, "undo", None), (change_id, "add_phrasing", undo_id)]
    assert logged[1].before == b"old" and logged[1].at == dt.datetime.fromtimestamp(
        int(clock.now), dt.UTC)
    storage.close()
    assert [m.id for m in read_open_misses(storage.path)] == [first, third]
    assert [c.id for c in read_changes(storage.path, 1)] == [undo_id]


def test_inbox_records_each_update_once_and_keeps_only_numbers_once_handled(
    storage: Storage, tmp_path: Path
) -> None:
    assert storage.receive_updates([(5, '{"a": 1}'), (6, '{"b": 2}')]) == [5, 6]
    assert storage.receive_updates([(6, '{"b": 2}'), (7, '{"c": 3}')]) == [7]  # redelivered 6
    storage.update_handled(6)
    assert storage.unhandled_updates(max_attempts=3) == [(5, '{"a": 1}'), (7, '{"c": 3}')]
    conn = sqlite3.connect(tmp_path / "data" / "bot.sqlite3")
    bodies = dict(conn.execute("SELECT update_id, body FROM inbox").fetchall())
    conn.close()
    assert bodies == {5: '{"a": 1}', 6: None, 7: '{"c": 3}'}  # a handled update's text is gone
    assert storage.receive_updates([(6, '{"b": 2}')]) == []  # still known after handling


def test_an_update_that_keeps_failing_is_given_up(storage: Storage) -> None:
    storage.receive_updates([(1, "{}")])
    assert [storage.unhandled_updates(max_attempts=2) for _ in range(3)] == [
        [(1, "{}")], [(1, "{}")], []]


def test_handled_update_numbers_expire_after_two_days(storage: Storage, clock: Clock) -> None:
    storage.receive_updates([(1, "{}"), (2, "{}")])
    storage.update_handled(1)
    clock.now += 2 * DAY + 1
    storage.delete_expired()
    assert storage.receive_updates([(1, "{}"), (2, "{}")]) == [1]  # 2 was never handled: kept
    assert storage.unhandled_updates(max_attempts=3) == [(1, "{}"), (2, "{}")]


def test_the_inbox_reports_a_down_database_as_none(tmp_path: Path) -> None:
    def broken(path: Path, timeout: float) -> sqlite3.Connection:
        raise sqlite3.OperationalError("disk I/O error")

    store = Storage(tmp_path / "x.sqlite3", 30, connect=broken)
    assert store.receive_updates([(1, "{}")]) is None
    assert store.unhandled_updates(max_attempts=3) == []


def test_a_database_from_before_curation_is_migrated(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE misses (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, user TEXT NOT NULL,"
        " kind TEXT NOT NULL, text TEXT NOT NULL, best_id TEXT);"
        "INSERT INTO misses VALUES (1, 1790000000, 'u', 'no_match', 'cũ', NULL);")
    conn.close()
    assert [m.text for m in read_open_misses(path)] == ["cũ"]  # read-only, not migrated
    assert read_changes(path, 5) == []
    store = Storage(path, retention_days=30, clock=clock)
    assert [(m.id, m.parent) for m in store.open_misses() or []] == [(1, None)]
    store.close()


def test_days_split_by_outcome_in_local_time(storage: Storage, clock: Clock) -> None:
    clock.now = 1_790_000_000 - 1_790_000_000 % DAY + DAY - 3600  # 23:00 UTC: 06:00 next day
    for outcome in ("answer", "answer", "suggest", "no_match", "small_talk"):
        storage.record_question(outcome)  # type: ignore[arg-type]
    clock.now += 2 * DAY
    storage.record_question("no_match")
    storage.record_vote("u", "a", up=False)
    days = storage.days(30, 7 * 3600) or []
    assert [(d.answered, d.suggested, d.missed) for d in days] == [(2, 1, 1), (0, 0, 1)]
    assert (days[1].day - days[0].day).days == 2
    assert storage.days(30, 0)[0].day == days[0].day - dt.timedelta(days=1)  # type: ignore[index]
    assert storage.votes_since(DAY) == (0, 1)


def test_top_entries_within_the_window(storage: Storage, clock: Clock) -> None:
    for entry_id in ("old", "old", "old"):
        storage.record_question("answer", entry_id)
    clock.now += 10 * DAY
    for outcome, entry_id in (("answer", "a"), ("tap", "a"), ("answer", "b"), ("suggest", None)):
        storage.record_question(outcome, entry_id)  # type: ignore[arg-type]
    assert storage.top_entries(5 * DAY, 10) == [("a", 2), ("b", 1)]
    assert storage.top_entries(30 * DAY, 1) == [("old", 3)]
