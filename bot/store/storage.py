"""What the bot remembers, in SQLite: question outcomes, misses for curators, feedback votes,
and the inbox of Telegram updates received but not yet handled.

No Telegram ids or names are kept: the inbox holds an update only until it is handled
(seconds), then only its number, for two days, so a redelivered update is not answered
twice. Elsewhere callers pass a keyed hash of the user
(bot.store.privacy.hash_user), and question text is scrubbed here before it is written.
A storage failure never stops a reply: it is logged once, calls return quietly,
and the next call tries again, so the bot recovers when the database does.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.store import review_sql
from bot.store.privacy import scrub
from bot.store.review_sql import Change, Day

logger = logging.getLogger(__name__)

Outcome = Literal["answer", "suggest", "no_match", "small_talk", "tap"]
# no_match: not answered; downvote: answered and 👎; suggest: suggestions offered (removed
# when one is tapped); clarify: what the user says they needed, after a 👎 (joins its group)
MissKind = Literal["no_match", "downvote", "suggest", "clarify"]
_DAY = 86400
_INBOX_DAYS = 2  # Telegram keeps an unconfirmed update for 24 hours; its number, a bit longer
_EXPIRE_EVERY = 3600  # seconds between retention sweeps done on the write path
_MAX_TEXT = 500  # a miss longer than this is cut: curators need the gist, not an essay
_BUSY_TIMEOUT = 0.25  # seconds; a locked database must not stall every reply behind it
_RETRY_EVERY = 2.0  # seconds: while the database fails, try it at most this often, so a
# lock held elsewhere costs one busy timeout per 2 s, not one per message


class _StillDown(Exception):
    """The database failed moments ago: skip this call without waiting on it again."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (at INTEGER NOT NULL, outcome TEXT NOT NULL, entry_id TEXT);
CREATE INDEX IF NOT EXISTS questions_at ON questions (at);
CREATE TABLE IF NOT EXISTS misses (
    id INTEGER PRIMARY KEY, at INTEGER NOT NULL, user TEXT NOT NULL, kind TEXT NOT NULL,
    text TEXT NOT NULL, best_id TEXT, parent INTEGER);
CREATE INDEX IF NOT EXISTS misses_at ON misses (at);
CREATE TABLE IF NOT EXISTS votes (
    at INTEGER NOT NULL, user TEXT NOT NULL, entry_id TEXT NOT NULL, up INTEGER NOT NULL,
    PRIMARY KEY (user, entry_id));
CREATE TABLE IF NOT EXISTS inbox (
    update_id INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT,
    handled INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS inbox_pending ON inbox (handled, update_id);
"""


@dataclass(frozen=True, slots=True)
class Stats:
    days: int
    questions: int
    answered: int
    suggested: int
    unanswered: int
    upvotes: int
    downvotes: int
    top_entries: tuple[tuple[str, int], ...]
    top_misses: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Miss:
    at: dt.datetime
    kind: str
    text: str
    best_id: str | None
    id: int = 0
    parent: int | None = None  # a clarification joins the group of the 👎 it follows


class Storage:
    """A small SQLite store. Every public method is safe to call when the database is down."""

    def __init__(
        self,
        path: Path,
        retention_days: int,
        clock: Callable[[], float] = time.time,
        connect: Callable[[Path, float], sqlite3.Connection] = sqlite3.connect,
    ) -> None:
        """`connect(path, timeout)` opens the database; tests pass one that fails like a disk."""
        self.path = path
        self.retention_days = retention_days
        self._clock = clock
        self._open = connect
        self._conn: sqlite3.Connection | None = None
        self._failing = False
        self._retry_at = 0.0
        self._last_expiry = 0.0

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            if self._failing and self._clock() < self._retry_at:
                raise _StillDown
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._open(self.path, _BUSY_TIMEOUT)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA secure_delete=ON")  # deleted text is zeroed, not left behind
                conn.executescript(_SCHEMA)
                review_sql.migrate(conn)
            except sqlite3.Error:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Log the first failure of a streak only; drop the connection so the next call reopens."""
        try:
            yield
        except _StillDown:
            pass
        except (sqlite3.Error, OSError) as exc:
            if not self._failing:
                logger.error(
                    "storage unavailable (%s: %s); replies continue", type(exc).__name__, exc
                )
                self._failing = True
            self._retry_at = self._clock() + _RETRY_EVERY
            self.close()
        else:
            if self._failing:
                logger.info("storage available again")
                self._failing = False

    def _write(self, sql: str, params: tuple[object, ...]) -> None:
        with self._guard():
            conn = self._connect()
            with conn:  # one transaction, committed or rolled back
                conn.execute(sql, params)
            if self._clock() - self._last_expiry > _EXPIRE_EVERY:
                self._delete_expired(conn)

    def record_question(self, outcome: Outcome, entry_id: str | None = None) -> None:
        """Count one reply for /stats; no user and no text are kept."""
        logger.debug("question: %s %s", outcome, entry_id or "-")  # never the text or the user
        self._write("INSERT INTO questions VALUES (?, ?, ?)", (self._now(), outcome, entry_id))

    def record_miss(
        self, user: str, text: str, kind: MissKind, best_id: str | None,
        parent: int | None = None,
    ) -> int | None:
        """A question the FAQ could not answer, or an answer that got a 👎, for curators;
        returns its id (None when storage is down)."""
        clean = scrub(" ".join(_valid_unicode(text).split()))[:_MAX_TEXT]
        logger.debug("miss: %s, %d characters, best guess %s", kind, len(clean), best_id or "-")
        with self._guard():
            conn = self._connect()
            with conn:
                cursor = conn.execute(
                    "INSERT INTO misses (at, user, kind, text, best_id, parent)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (self._now(), user, kind, clean, best_id, parent),
                )
            return cursor.lastrowid
        return None

    def drop_miss(self, miss_id: int) -> None:
        """A suggestion was tapped after all: it is no longer a miss."""
        self._write("DELETE FROM misses WHERE id = ? AND kind = 'suggest'", (miss_id,))

    def record_vote(self, user: str, entry_id: str, up: bool) -> bool:
        """One vote per user and entry; True when it is new or changed (a repeat tap is not)."""
        with self._guard():
            conn = self._connect()
            with conn:
                before = conn.execute(
                    "SELECT up FROM votes WHERE user = ? AND entry_id = ?", (user, entry_id)
                ).fetchone()
                conn.execute(
                    "INSERT OR REPLACE INTO votes VALUES (?, ?, ?, ?)",
                    (self._now(), user, entry_id, up),
                )
            return before is None or bool(before[0]) != up
        return False

    # --- the inbox: durable before acknowledged -----------------------------------------
    def receive_updates(self, updates: list[tuple[int, str]]) -> list[int] | None:
        """Record (update_id, JSON) pairs in one transaction, before Telegram is told they
        arrived; the ids not seen before, in order. None when the database is down: the
        caller then handles them anyway, without the guarantee."""
        with self._guard():
            conn = self._connect()
            fresh = []
            with conn:
                for update_id, body in updates:
                    cursor = conn.execute(
                        "INSERT OR IGNORE INTO inbox (update_id, at, body) VALUES (?, ?, ?)",
                        (update_id, self._now(), body),
                    )
                    if cursor.rowcount:
                        fresh.append(update_id)
            return fresh
        return None

    def update_handled(self, update_id: int) -> None:
        """Handled: forget what it said, keep its number so a redelivery is recognised."""
        self._write("UPDATE inbox SET handled = 1, body = NULL WHERE update_id = ?", (update_id,))

    def unhandled_updates(self, max_attempts: int) -> list[tuple[int, str]]:
        """What was received but not handled (a crash), oldest first, counting this attempt.
        An update already tried `max_attempts` times is given up, so one that crashes the
        bot cannot do it forever."""
        with self._guard():
            conn = self._connect()
            with conn:
                conn.execute("UPDATE inbox SET attempts = attempts + 1 WHERE handled = 0")
                given_up = conn.execute(
                    "UPDATE inbox SET handled = 1, body = NULL"
                    " WHERE handled = 0 AND attempts > ?", (max_attempts,)
                ).rowcount
                rows = conn.execute(
                    "SELECT update_id, body FROM inbox WHERE handled = 0 ORDER BY update_id"
                ).fetchall()
            if given_up:
                logger.error("gave up %d update(s) tried %d times", given_up, max_attempts)
            return [(update_id, body) for update_id, body in rows]
        return []

    def stats(self, top: int = 5) -> Stats | None:
        """Counts over the retention window; None when the database cannot be read."""
        with self._guard():
            return _read_stats(self._connect(), self.retention_days, top)
        return None

    def delete_expired(self) -> int:
        """Delete rows older than the retention period; returns how many went."""
        with self._guard():
            return self._delete_expired(self._connect())
        return 0

    @property
    def failing(self) -> bool:
        """True after a call failed, until one succeeds: for callers that must not go quiet."""
        return self._failing

    def forget(self, user: str) -> int:
        """Delete every row tied to one hashed user."""
        with self._guard():
            conn = self._connect()
            with conn:
                gone = conn.execute("DELETE FROM misses WHERE user = ?", (user,)).rowcount
                gone += conn.execute("DELETE FROM votes WHERE user = ?", (user,)).rowcount
            review_sql.delete_orphans(conn)
            _checkpoint(conn)
            return gone
        return 0

    def purge(self) -> int:
        """Delete everything stored."""
        with self._guard():
            conn = self._connect()
            with conn:
                gone = sum(
                    conn.execute(f"DELETE FROM {table}").rowcount
                    for table in ("questions", "misses", "votes", "reviewed", "changes", "meta",
                                  "inbox")
                )
            _checkpoint(conn)
            return gone
        return 0

    def _delete_expired(self, conn: sqlite3.Connection) -> int:
        self._last_expiry = self._clock()
        cutoff = self._now() - self.retention_days * _DAY
        inbox_cutoff = self._now() - _INBOX_DAYS * _DAY
        with conn:
            gone = sum(
                conn.execute(f"DELETE FROM {table} WHERE at < ?", (cutoff,)).rowcount
                for table in ("questions", "misses", "votes")
            )
            conn.execute("DELETE FROM inbox WHERE handled = 1 AND at < ?", (inbox_cutoff,))
        review_sql.delete_orphans(conn)
        return gone

    def _now(self) -> int:
        return int(self._clock())

    # --- curation (bot.curation): open misses, the audit log, daily counts -----------------

    def open_misses(self) -> list[Miss] | None:
        """Misses no admin has dealt with yet, oldest first; None when storage is down."""
        with self._guard():
            return [Miss(_from_ts(at), kind, text, best, miss_id, parent)
                    for miss_id, at, kind, text, best, parent
                    in review_sql.open_miss_rows(self._connect())]
        return None

    def mark_reviewed(self, ids: list[int], outcome: str, change_id: int | None) -> bool:
        with self._guard():
            review_sql.mark_reviewed(self._connect(), ids, self._now(), outcome, change_id)
            return True
        return False

    def add_change(self, change: Change) -> int | None:
        """Append one change to the audit log; its id, or None when storage is down."""
        with self._guard():
            return review_sql.add_change(self._connect(), self._now(), change)
        return None

    def undo_change(self, change_id: int, undo_id: int) -> bool:
        with self._guard():
            review_sql.undo_change(self._connect(), change_id, undo_id)
            return True
        return False

    def changes(self, limit: int = 20) -> list[Change] | None:
        with self._guard():
            return review_sql.changes(self._connect(), limit)
        return None

    def change(self, change_id: int) -> Change | None:
        with self._guard():
            return review_sql.change(self._connect(), change_id)
        return None

    def days(self, count: int, utc_offset: int) -> list[Day] | None:
        """Questions per local day over the last `count` days."""
        with self._guard():
            since = self._now() - count * _DAY
            return review_sql.days(self._connect(), since, utc_offset)
        return None

    def top_entries(self, seconds: int, limit: int) -> list[tuple[str, int]] | None:
        with self._guard():
            return review_sql.top_entries(self._connect(), self._now() - seconds, limit)
        return None

    def votes_since(self, seconds: int) -> tuple[int, int] | None:
        with self._guard():
            return review_sql.votes_since(self._connect(), self._now() - seconds)
        return None

    def get_meta(self, key: str) -> str | None:
        with self._guard():
            return review_sql.get_meta(self._connect(), key)
        return None

    def set_meta(self, key: str, value: str) -> None:
        with self._guard():
            review_sql.set_meta(self._connect(), key, value)

    def now(self) -> int:
        return self._now()


def _read_stats(conn: sqlite3.Connection, days: int, top: int) -> Stats:
    outcomes = dict(conn.execute("SELECT outcome, count(*) FROM questions GROUP BY outcome"))
    votes = dict(conn.execute("SELECT up, count(*) FROM votes GROUP BY up"))
    entries = conn.execute(
        "SELECT entry_id, count(*) AS n FROM questions WHERE outcome IN ('answer', 'tap')"
        " AND entry_id IS NOT NULL GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ?",
        (top,),
    )
    # With max(id), SQLite takes the bare `text` from that row: the latest wording.
    misses = conn.execute(
        "SELECT text, count(*) AS n, max(id) AS last FROM misses WHERE kind = 'no_match'"
        " GROUP BY lower(text) ORDER BY n DESC, last DESC LIMIT ?",
        (top,),
    )
    answered, suggested = outcomes.get("answer", 0), outcomes.get("suggest", 0)
    unanswered = outcomes.get("no_match", 0)
    return Stats(
        days=days,
        questions=answered + suggested + unanswered,
        answered=answered,
        suggested=suggested,
        unanswered=unanswered,
        upvotes=votes.get(1, 0),
        downvotes=votes.get(0, 0),
        top_entries=tuple(entries),
        top_misses=tuple((text, n) for text, n, _ in misses),
    )


def read_open_misses(path: Path) -> list[Miss]:
    """The misses no admin has dealt with, oldest first, read-only: for `python -m bot
    misses`, which must never create, change or wait on the bot's database."""
    with _read_only(path) as conn:
        try:
            rows = review_sql.open_miss_rows(conn)
        except sqlite3.OperationalError:  # a database from before curation: none reviewed
            rows = [(*row, None) for row in conn.execute(
                "SELECT id, at, kind, text, best_id FROM misses ORDER BY at, id")]
    return [Miss(_from_ts(at), kind, text, best, miss_id, parent)
            for miss_id, at, kind, text, best, parent in rows]


def read_changes(path: Path, limit: int) -> list[Change]:
    """The audit log, newest first, read-only (`python -m bot changes`)."""
    with _read_only(path) as conn:
        try:
            return review_sql.changes(conn, limit)
        except sqlite3.OperationalError:  # no change was ever made
            return []


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def _checkpoint(conn: sqlite3.Connection) -> None:
    """Copy the zeroed pages into the database file and empty the WAL, so deleted text is
    gone from disk (best effort: a reader still open elsewhere can delay it)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _valid_unicode(text: str) -> str:
    """Lone surrogates (legal in JSON, not in UTF-8) become U+FFFD: SQLite would refuse them."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _from_ts(at: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(at, dt.UTC)
