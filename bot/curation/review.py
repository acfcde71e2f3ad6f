"""The one code path from a missed question to an FAQ change, for Telegram and the CLI.

Each action reads the open misses, edits faq/ (in a worker thread: the edit waits for
the folder's lock and validates the whole FAQ), then appends the change to the audit log.
A change the log cannot record is put back: nothing is confirmed that is not recorded.
Storage is only touched from the caller's thread (SQLite connections stay in theirs).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from bot.core.engine import Engine
from bot.core.miss_groups import MissGroup, find_group, group_misses
from bot.core.settings import MatchingConfig
from bot.curation import faq_writer
from bot.curation.faq_writer import Edit, EditRefused
from bot.store.review_sql import Change
from bot.store.storage import Storage

logger = logging.getLogger(__name__)

CONSOLE = "console"  # the admin recorded for changes made with `python -m bot`
GONE = "nhóm câu hỏi này đã được xử lý hoặc không còn; gõ /misses để xem lại."
STORAGE_DOWN = "không đọc hoặc ghi được cơ sở dữ liệu; xem log của bot."


@dataclass(frozen=True, slots=True)
class Done:
    action: str  # add_phrasing | draft | dismiss | undo
    text: str
    entry_id: str
    file: str
    change_id: int
    engine: Engine | None  # the FAQ with the change, when the live FAQ changed


@dataclass(frozen=True, slots=True)
class Refused:
    reason: str


Outcome = Done | Refused


class Curator:
    def __init__(self, faq_dir: Path, matching: MatchingConfig, storage: Storage) -> None:
        self.faq_dir = faq_dir
        self.matching = matching
        self.storage = storage

    async def groups(self, engine: Engine) -> list[MissGroup] | None:
        """Open misses grouped by need, most asked first; None when storage is down.
        Grouping reads every miss (~2 ms each): in a worker thread, off the event loop."""
        misses = self.storage.open_misses()
        return None if misses is None else await asyncio.to_thread(group_misses, misses, engine)

    async def add_phrasing(self, entry_id: str, text: str, admin: str,
                           closes: tuple[int, ...] = ()) -> Outcome:
        """`text` becomes an alternate phrasing of `entry_id`; `closes` are the misses it
        answers (they leave the review list)."""
        try:
            edit = await asyncio.to_thread(
                faq_writer.add_phrasing, self.faq_dir, entry_id, text, self.matching)
        except EditRefused as exc:
            return Refused(str(exc))
        return await self._record("add_phrasing", edit, admin, closes)

    async def add_from_group(self, engine: Engine, anchor: int, entry_id: str,
                             admin: str) -> Outcome:
        group = await self._group(engine, anchor)
        if isinstance(group, Refused):
            return group
        return await self.add_phrasing(entry_id, group.question, admin, group.ids)

    async def draft(self, engine: Engine, anchor: int, admin: str) -> Outcome:
        """A draft entry from the group, in faq/drafts/ until a curator completes it."""
        group = await self._group(engine, anchor)
        if isinstance(group, Refused):
            return group
        try:
            edit = await asyncio.to_thread(
                faq_writer.add_draft, self.faq_dir, group.question, group.wordings)
        except EditRefused as exc:
            return Refused(str(exc))
        return await self._record("draft", edit, admin, group.ids)

    async def dismiss(self, engine: Engine, anchor: int, admin: str) -> Outcome:
        group = await self._group(engine, anchor)
        if isinstance(group, Refused):
            return group
        change_id = self.storage.add_change(
            Change(0, _epoch(), admin, "dismiss", "", "", group.question, None, None))
        if change_id is None or not self.storage.mark_reviewed(
                list(group.ids), "dismissed", change_id):
            return Refused(STORAGE_DOWN)
        return Done("dismiss", group.question, "", "", change_id, None)

    async def undo(self, change_id: int, admin: str) -> Outcome:
        """Put back what a change did: the file byte for byte, the misses to review."""
        change = self.storage.change(change_id)
        if change is None or change.action == "undo":
            return Refused("không có thay đổi này để hoàn tác.")
        if change.undone_by is not None:
            return Refused("thay đổi này đã được hoàn tác rồi.")
        engine = None
        if change.file:
            try:
                edit = await asyncio.to_thread(
                    faq_writer.restore, self.faq_dir, change.file, change.before,
                    change.after_digest or "", self.matching)
            except EditRefused as exc:
                return Refused(str(exc))
            engine = edit.engine
        undo_id = self.storage.add_change(Change(
            0, _epoch(), admin, "undo", change.entry_id, change.file,
            f"#{change.id}: {change.text}", None, None))
        if undo_id is None or not self.storage.undo_change(change.id, undo_id):
            logger.error("undo of change %d done on disk but not recorded", change.id)
            return Refused(STORAGE_DOWN)
        return Done("undo", change.text, change.entry_id, change.file, undo_id, engine)

    async def _group(self, engine: Engine, anchor: int) -> MissGroup | Refused:
        groups = await self.groups(engine)
        if groups is None:
            return Refused(STORAGE_DOWN)
        group = find_group(groups, anchor)
        return group if group is not None else Refused(GONE)

    async def _record(self, action: str, edit: Edit, admin: str,
                      closes: tuple[int, ...]) -> Outcome:
        """Durable before acknowledged: log the change, or put the file back."""
        change_id = self.storage.add_change(Change(
            0, _epoch(), admin, action, edit.entry_id, edit.file, edit.text, edit.before,
            edit.after_digest))
        if change_id is None:
            try:
                await asyncio.to_thread(faq_writer.restore, self.faq_dir, edit.file,
                                        edit.before, edit.after_digest, self.matching)
            except EditRefused:  # edited again meanwhile: keep it, and say so in the log
                logger.error("FAQ change to %s not in the audit log and not undone", edit.file)
            return Refused(STORAGE_DOWN)
        if closes:
            self.storage.mark_reviewed(list(closes), action, change_id)
        logger.info("FAQ change %d: %s %s in %s", change_id, action, edit.entry_id, edit.file)
        return Done(action, edit.text, edit.entry_id, edit.file, change_id, edit.engine)


def _epoch() -> dt.datetime:
    """Change.at as passed in; storage stamps the row with its own clock."""
    return dt.datetime.now(dt.UTC)
