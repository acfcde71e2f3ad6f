"""The SQL of curation: which misses are still open, the audit log of FAQ changes, daily
counts for /stats, and a few settings the bot keeps between restarts (the last digest).

Only bot.store.storage calls these, inside its guard, on its one connection.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

SCHEMA = """
CREATE TABLE IF NOT EXISTS reviewed (
    miss_id INTEGER PRIMARY KEY, at INTEGER NOT NULL, outcome TEXT NOT NULL, change_id INTEGER);
CREATE TABLE IF NOT EXISTS changes (
    id INTEGER PRIMARY KEY, at INTEGER NOT NULL, admin TEXT NOT NULL, action TEXT NOT NULL,
    entry_id TEXT NOT NULL, file TEXT NOT NULL, text TEXT NOT NULL, before BLOB,
    after_digest TEXT, undone_by INTEGER);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class Change:
    """One line of the audit log: who (a hash, or "console") taught the bot what."""

    id: int
    at: dt.datetime
    admin: str
    action: str  # add_phrasing | draft | dismiss | undo
    entry_id: str  # the entry, the draft, or "" for a dismissed group
    file: str  # relative to faq/, "" when no file changed
    text: str
    before: bytes | None  # the file as it was (None: it did not exist): what undo restores
    after_digest: str | None  # sha256 of the file as written: undo refuses if it changed since
    undone_by: int | None = None


@dataclass(frozen=True, slots=True)
class Day:
    """Questions of one local day, by outcome."""

    day: dt.date
    answered: int
    suggested: int
    missed: int


def migrate(conn: sqlite3.Connection) -> None:
    """Columns added after the first release: `misses.parent` (a 👎's follow-up question)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(misses)")}
    if "parent" not in columns:
        conn.execute("ALTER TABLE misses ADD COLUMN parent INTEGER")
    conn.executescript(SCHEMA)


def open_miss_rows(conn: sqlite3.Connection) -> list[tuple[int, int, str, str, str | None,
                                                          int | None]]:
    """(id, at, kind, text, best_id, parent) of every miss not yet reviewed, oldest first."""
    return conn.execute(
        "SELECT id, at, kind, text, best_id, parent FROM misses"
        " WHERE id NOT IN (SELECT miss_id FROM reviewed) ORDER BY at, id"
    ).fetchall()


def mark_reviewed(conn: sqlite3.Connection, ids: Iterable[int], at: int, outcome: str,
                  change_id: int | None) -> None:
    with conn:
        conn.executemany(
            "INSERT OR REPLACE INTO reviewed VALUES (?, ?, ?, ?)",
            [(miss_id, at, outcome, change_id) for miss_id in ids],
        )


def add_change(conn: sqlite3.Connection, at: int, change: Change) -> int:
    with conn:
        cursor = conn.execute(
            "INSERT INTO changes (at, admin, action, entry_id, file, text, before, after_digest)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (at, change.admin, change.action, change.entry_id, change.file, change.text,
             change.before, change.after_digest),
        )
    return int(cursor.lastrowid or 0)


def undo_change(conn: sqlite3.Connection, change_id: int, undo_id: int) -> None:
    """Mark `change_id` undone by `undo_id` and reopen the misses it had closed."""
    with conn:
        conn.execute("UPDATE changes SET undone_by = ? WHERE id = ?", (undo_id, change_id))
        conn.execute("DELETE FROM reviewed WHERE change_id = ?", (change_id,))


_CHANGE_COLUMNS = "id, at, admin, action, entry_id, file, text, before, after_digest, undone_by"


def _change(row: tuple[object, ...]) -> Change:
    (change_id, at, admin, action, entry_id, file, text, before, digest, undone) = row
    return Change(int(change_id), _from_ts(int(at)), str(admin), str(action),  # type: ignore[call-overload]
                  str(entry_id), str(file), str(text),
                  bytes(before) if before is not None else None,  # type: ignore[call-overload]
                  str(digest) if digest is not None else None,
                  int(undone) if undone is not None else None)  # type: ignore[call-overload]


def changes(conn: sqlite3.Connection, limit: int) -> list[Change]:
    rows = conn.execute(
        f"SELECT {_CHANGE_COLUMNS} FROM changes ORDER BY id DESC LIMIT ?", (limit,)
    ).fetchall()
    return [_change(row) for row in rows]


def change(conn: sqlite3.Connection, change_id: int) -> Change | None:
    row = conn.execute(f"SELECT {_CHANGE_COLUMNS} FROM changes WHERE id = ?",
                       (change_id,)).fetchone()
    return _change(row) if row is not None else None


def days(conn: sqlite3.Connection, since: int, offset: int) -> list[Day]:
    """Answered / suggested / missed questions per local day (`offset` seconds from UTC)."""
    rows = conn.execute(
        "SELECT (at + ?) / 86400 AS d, outcome, count(*) FROM questions WHERE at >= ?"
        " AND outcome IN ('answer', 'suggest', 'no_match') GROUP BY d, outcome",
        (offset, since),
    )
    counts: dict[int, dict[str, int]] = {}
    for day, outcome, count in rows:
        counts.setdefault(int(day), {})[outcome] = int(count)
    epoch = dt.date(1970, 1, 1)
    return [
        Day(epoch + dt.timedelta(days=d), c.get("answer", 0), c.get("suggest", 0),
            c.get("no_match", 0))
        for d, c in sorted(counts.items())
    ]


def top_entries(conn: sqlite3.Connection, since: int, limit: int) -> list[tuple[str, int]]:
    """Entries answered or tapped most since `since`, most first."""
    return conn.execute(
        "SELECT entry_id, count(*) AS n FROM questions WHERE at >= ? AND outcome IN"
        " ('answer', 'tap') AND entry_id IS NOT NULL GROUP BY entry_id ORDER BY n DESC, entry_id"
        " LIMIT ?", (since, limit)).fetchall()


def votes_since(conn: sqlite3.Connection, since: int) -> tuple[int, int]:
    """(👍, 👎) votes cast or changed since `since`."""
    found = dict(conn.execute("SELECT up, count(*) FROM votes WHERE at >= ? GROUP BY up",
                              (since,)).fetchall())
    return int(found.get(1, 0)), int(found.get(0, 0))


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row is not None else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    with conn:
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def delete_orphans(conn: sqlite3.Connection) -> int:
    """Reviews of misses that retention or `forget` deleted."""
    with conn:
        return conn.execute(
            "DELETE FROM reviewed WHERE miss_id NOT IN (SELECT id FROM misses)"
        ).rowcount


def _from_ts(at: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(at, dt.UTC)
